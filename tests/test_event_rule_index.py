"""EventMentionRules.first finds its rules by word: the same rule as trying every rule in order (blank pipeline)."""

import spacy
from spacy.tokens import Doc

from extract.events.mention_rules import load_event_mention_rules

NLP = spacy.blank("en")


def test_event_rules_found_by_word_are_the_first_that_cover(settings):
    """EventMentionRules.first tries only the rules listing the word: the answer is the linear scan's."""
    rules = load_event_mention_rules(settings.rules_dir)
    for listed in (rules.not_event_verbs, rules.event_nouns, rules.state_adjectives):
        words = sorted({w for r in listed for w in r.lemmas})[:200] + ["Talks", "unlisted"]
        for dep in ("ROOT", "acl", "compound", "dobj"):
            doc = Doc(NLP.vocab, words=words, lemmas=[w.capitalize() for w in words], deps=[dep] * len(words),
                      heads=list(range(len(words))))
            for token in doc:
                assert rules.first(listed, token) == next((r for r in listed if r.covers(token)), None), token.text

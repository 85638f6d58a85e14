"""TimeML-broad event triggers: every word (or two-word phrase) that names a happening or a state.

`detect_event_mentions(doc, rules)` finds them in a parsed document, each with a lemma, a TimeML class
and the ids of the rules that found and classed it. The rule data is rules/event_mentions.json:

- a verb is an event, unless a `not_event_verbs` rule lists it (auxiliaries, copulas, modals, light
  and support verbs that TimeML does not mark);
- a noun is an event when an `event_nouns` rule lists it ("the takeover", "talks", "job cuts"), or when a
  `noun_contexts` rule finds it in a phrase that makes any noun a happening ("after the crossing":
  events/noun_contexts.py);
- an adjective is a state when a `state_adjectives` rule lists it and it is predicated ("is
  bankrupt", "remained unclear");
- a `phrases` rule joins a verb and one dependent into one trigger ("went bankrupt", "took over");
  the word TimeML marks (the head) is the one the rule names.

The class comes from the first `classes` rule that lists the lemma for its part of speech; else a
verb or noun is an OCCURRENCE and an adjective a STATE.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from extract.events.mention_rules import EventMentionRules, PhraseRule
from extract.nlp.doc_text import doc_text
from extract.nlp.token_table import TokenTable, token_table

NOUN_POS = ("NOUN",)
ADJ_POS = ("ADJ",)
PREDICATE_DEPS = ("acomp", "oprd", "ROOT", "conj", "xcomp", "ccomp", "advcl")  # where an adjective is predicated
DEFAULT_CLASS = {"NOUN": "OCCURRENCE", "ADJ": "STATE"}
NAME_POS = ("NOUN", "PROPN")  # a happening word that may end a proper name
NOT_NAME_POS = ("DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "VERB")  # capitalised at a sentence start
TAG_MARKS = ("#", "@")  # start a hashtag or a handle
HYPHENS = ("-", "\u2013")  # inside a name: "EU-Japan", "EU\u2013Japan"
NOT_EVENT_ENTITIES = ("DATE", "TIME", "PERSON", "GPE", "LOC", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY")


@dataclass(frozen=True)
class EventMention:
    start: int  # character offsets of the whole trigger ("went bankrupt")
    end: int
    head_start: int  # the word TimeML marks ("bankrupt")
    head_end: int
    text: str
    lemma: str  # "go bankrupt" for a phrase
    event_class: str  # a TimeML class
    pos: str  # part of speech of the head
    rule: str  # the rule that found it
    class_rule: str = ""  # the rule that classed it ("" for the default class)


def detect_event_mentions(doc: Doc, rules: EventMentionRules) -> list[EventMention]:
    """Every event trigger in `doc`, in text order."""
    found: dict[int, EventMention] = {}  # head token index -> mention
    used: set[int] = set()
    table = token_table(doc)
    for i, (pos, dep) in enumerate(zip(table.pos, table.dep)):
        if pos not in rules.verb_pos or dep in rules.verb_not_deps:
            continue  # no phrase (as _phrase says first), read without making a Token
        phrase = _phrase(doc[i], rules)
        if phrase is not None:
            rule, other = phrase
            found[i if rule.head == "verb" else other.i] = _phrase_mention(doc[i], other, rule, rules)
            used.update((i, other.i))
    for i, (pos, dep) in enumerate(zip(table.pos, table.dep)):
        if i in used or table.ent_type[i] in NOT_EVENT_ENTITIES or not _is_word(table, i) \
                or not _may_be_event(pos, dep, rules):
            continue
        mention = _word_mention(doc[i], rules)
        if mention is not None:
            found[i] = mention
    words = _whole_words(doc, found)
    return [words[i] for i in sorted(words)]


def _whole_words(doc: Doc, found: dict[int, EventMention]) -> dict[int, EventMention]:
    """One mention per hyphenated word, spanning all of it ("sell-off", "follow-up"): the tokenizer splits such a
    word, and the guideline (like TimeML) marks it whole. (A word with a prefix of rules/hyphen_prefixes.json,
    "re-elected", reaches here as one token: extract.nlp.hyphen_words joins it before the parse.) The part that was
    found stays the head (later stages read its parse); the last part, the head of an English compound,
    is preferred."""
    kept: dict[int, EventMention] = {}
    for index in sorted(found, reverse=True):
        first, last = _hyphenated(doc, index)
        if any(first <= k <= last for k in kept):
            continue  # a later part of the same word already stands for it
        mention = found[index]
        if first < last and mention.start == doc[index].idx:  # a one-word mention inside a hyphenated word
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            stem = doc[first:index].text if index > first else ""
            lemma = f"{stem}{mention.lemma}" if index == last else doc_text(doc)[start:end]
            mention = replace(mention, start=start, end=end, text=doc_text(doc)[start:end], lemma=lemma.lower())
        kept[index] = mention
    return kept


def _hyphenated(doc: Doc, index: int) -> tuple[int, int]:
    """Token indexes of the first and last part of the hyphenated word token `index` is part of."""
    table = token_table(doc)

    def joined(left: int) -> bool:  # doc[left], "-", doc[left + 2] written without spaces
        return left >= 0 and left + 2 < len(table) and table.text[left + 1] == "-" and not table.whitespace[left] \
            and not table.whitespace[left + 1] and table.is_alpha[left] and table.is_alpha[left + 2]
    first = last = index
    while joined(first - 2):
        first -= 2
    while joined(last):
        last += 2
    return first, last


def _is_word(table: TokenTable, i: int) -> bool:
    """A word has a letter: a bullet or a stray hyphen the tagger calls a verb ("•", "'-") is no trigger; nor is
    a hashtag or a handle ("#IStandWithAhmed", "@SaveTheDate"), a name however it reads (guideline: verbs
    inside names are not events). `i`: the token's index in the document's table."""
    text = table.text[i]
    tagged = text[:1] in TAG_MARKS or (i > 0 and table.text[i - 1] in TAG_MARKS and not table.whitespace[i - 1])
    return any(c.isalpha() for c in text) and not tagged


def _phrase(verb: Token, rules: EventMentionRules) -> tuple[PhraseRule, Token] | None:
    if verb.pos_ not in rules.verb_pos or rules.not_a_verb(verb) \
            or rules.first(rules.not_event_verbs, verb) is not None:
        return None
    for rule in rules.phrases:
        other = next((child for child in verb.children if rule.fits(verb, child)), None)
        if other is not None:
            return rule, other
    return None


def _phrase_mention(verb: Token, other: Token, rule: PhraseRule, rules: EventMentionRules) -> EventMention:
    """The two words are the trigger when they stand together ("took over"); else the head alone is ("shut
    the plant down": `shut`), and the lemma is still the phrase's (guideline: phrasal verbs)."""
    head = verb if rule.head == "verb" else other
    first, last = (min(verb, other, key=lambda t: t.i), max(verb, other, key=lambda t: t.i)) \
        if abs(verb.i - other.i) == 1 else (head, head)
    start, end = first.idx, last.idx + len(last)
    lemma = f"{verb.lemma_.lower()} {other.lemma_.lower()}"
    classed = rules.event_class("VERB", verb.lemma_.lower(), verb.lower_) if rule.event_class is None else None
    event_class = rule.event_class or (classed[0] if classed else rules.verb_class)
    return EventMention(start, end, head.idx, head.idx + len(head), doc_text(verb.doc)[start:end], lemma, event_class,
                        head.pos_, rule.id, classed[1] if classed else "")


def _may_be_event(pos: str, dep: str, rules: EventMentionRules) -> bool:
    """The parts of speech (and, for an adjective, the dependencies) `_word_mention` reads a rule for (keep
    the two in step): the table answers this for every word, and only these words become Tokens."""
    return pos in rules.verb_pos or pos in NOUN_POS or (pos in ADJ_POS and dep in PREDICATE_DEPS)


def _word_mention(token: Token, rules: EventMentionRules) -> EventMention | None:
    if token.pos_ in rules.verb_pos:
        if rules.not_a_verb(token) or rules.first(rules.not_event_verbs, token) is not None:
            return None
        return _mention(token, "VERB", rules.verb_rule, rules.verb_class, rules)
    if token.pos_ in NOUN_POS:
        rule = rules.first(rules.event_nouns, token) or rules.noun_context(token)
        return _mention(token, "NOUN", rule.id, DEFAULT_CLASS["NOUN"], rules) if rule else None
    if token.pos_ in ADJ_POS and token.dep_ in PREDICATE_DEPS:
        rule = rules.first(rules.state_adjectives, token)
        return _mention(token, "ADJ", rule.id, DEFAULT_CLASS["ADJ"], rules) if rule else None
    return None


def _mention(token: Token, pos: str, rule_id: str, default_class: str, rules: EventMentionRules) -> EventMention:
    lemma = token.lemma_.lower()
    classed = rules.event_class(pos, lemma, token.lower_)
    event_class, class_rule = classed if classed is not None else (default_class, "")
    return named_mention(token, pos, lemma, event_class, rule_id, class_rule)


def named_mention(token: Token, pos: str, lemma: str, event_class: str, rule_id: str, class_rule: str) -> EventMention:
    """The mention of a happening word; a noun that ends a proper name is marked with the whole name
    ("Google Science Fair", "EU-Japan Digital Partnership Council": guideline, named events), its head still
    the noun. The lemma of a name is the name, lower case."""
    end = token.idx + len(token)
    first = name_start(token) if pos in NAME_POS else token.i
    start = token.doc[first].idx
    text = doc_text(token.doc)[start:end]
    named = text.lower() if first < token.i else lemma
    return EventMention(start, end, token.idx, end, text, named, event_class, pos, rule_id, class_rule)


def name_start(token: Token) -> int:
    """Index of the first word of the proper name a happening noun ends: the capitalised words (and the hyphens
    that join them) right before it that hang on it. A lower-case noun ("the trade talks"), or a capitalised
    one that starts its sentence, is a name of one word."""
    if not token.is_title or token.i == token.sent.start:
        return token.i
    first = token.i
    while first > token.sent.start and _name_part(token.doc[first - 1], token):
        first -= 1
    while first < token.i and not token.doc[first].is_alpha:
        first += 1  # a name starts with a word, never a hyphen
    return first


def _name_part(word: Token, head: Token) -> bool:
    joined = word.text in HYPHENS and not word.whitespace_ and word.i > 0 and not word.doc[word.i - 1].whitespace_
    capitalised = word.text[:1].isupper() and word.pos_ not in NOT_NAME_POS \
        and word.ent_type_ != "ORDINAL"  # "The", "Third" are no part of the name
    return (joined or capitalised) and head in word.ancestors

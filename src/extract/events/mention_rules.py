"""The TimeML-broad trigger rules (rules/event_mentions.json), loaded and checked strictly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from extract.core.schemas import EventMentionsFile, load_rule_file
from extract.core.schemas.events import MetadataLinesRule, NounContextRule, WordListRule
from extract.events.metadata_lines import MetadataLines
from extract.events.noun_contexts import NounContext, context_of

CLAUSE_DEPS = ("nsubj", "nsubjpass", "aux", "auxpass")  # what makes a word the verb of its own clause


@dataclass(frozen=True)
class WordRule:
    """A rule that names lemmas: its id (for provenance) and the lemmas it covers."""

    id: str
    lemmas: frozenset[str]
    not_deps: frozenset[str] = frozenset()  # the rule does not apply to a word hanging on its head this way
    with_deps: frozenset[str] = frozenset()  # when not empty, it applies only to a word with such a dependent
    deps: frozenset[str] = frozenset()  # when not empty, it applies only to a word hanging on its head this way

    def covers(self, token: Token) -> bool:
        return token.dep_ not in self.not_deps and (not self.deps or token.dep_ in self.deps) \
            and (token.lemma_.lower() in self.lemmas or token.lower_ in self.lemmas) \
            and (not self.with_deps or any(c.dep_ in self.with_deps for c in token.children))


@dataclass(frozen=True)
class ClassRule:
    id: str
    event_class: str
    pos: frozenset[str]
    lemmas: frozenset[str]


@dataclass(frozen=True)
class PhraseRule:
    """A trigger of two words: a verb and one dependent ("went bankrupt", "took over")."""

    id: str
    lemmas: frozenset[str]  # the verb; empty: any verb
    dep: str  # how the second word hangs on the verb
    complements: frozenset[str]  # its lemmas
    head: str  # the word TimeML marks: "verb" or "complement"
    event_class: str | None  # None: classed as the verb alone
    adjacent: bool = False  # only when the second word directly follows the verb

    def fits(self, verb: Token, other: Token) -> bool:
        return (not self.lemmas or verb.lemma_.lower() in self.lemmas) and other.dep_ == self.dep \
            and (other.lemma_.lower() in self.complements or other.lower_ in self.complements) \
            and (not self.adjacent or other.i == verb.i + 1)


@dataclass(frozen=True, eq=False)
class EventMentionRules:
    verb_rule: str  # id of the rule "a verb is an event"
    verb_pos: frozenset[str]
    verb_class: str  # default class of a verb
    verb_not_deps: frozenset[str]  # a verb hanging on its head this way is no event ("the proposed plan")
    not_event_verbs: tuple[WordRule, ...]
    event_nouns: tuple[WordRule, ...]
    state_adjectives: tuple[WordRule, ...]
    classes: tuple[ClassRule, ...]
    phrases: tuple[PhraseRule, ...]
    verb_not_conjunct_of: frozenset[str] = frozenset()  # parts of speech a verb is never coordinated with
    noun_contexts: tuple[NounContext, ...] = ()  # where a noun outside the lists is an event
    metadata_lines: MetadataLines | None = None  # header lines that name no happening ("Published: …")

    def noun_context(self, token: Token) -> NounContext | None:
        """The `noun_contexts` rule that makes a noun outside the lists an event ("after the crossing")."""
        return context_of(token, self.noun_contexts)

    def not_a_verb(self, token: Token) -> bool:
        """Hangs on its head in a way no event verb does: a participle used as an adjective ("the proposed plan"),
        or one coordinated with adjectives or nouns and with no subject or auxiliary ("resilient and trusted
        supply chains")."""
        if token.dep_ in self.verb_not_deps:
            return True
        return token.dep_ == "conj" and token.head.pos_ in self.verb_not_conjunct_of \
            and not any(c.dep_ in CLAUSE_DEPS for c in token.children)

    def __post_init__(self) -> None:
        words = {id(rules): _by_word(rules) for rules in (self.not_event_verbs, self.event_nouns, self.state_adjectives)}
        object.__setattr__(self, "_words", words)

    def first(self, rules: tuple[WordRule, ...], token: Token) -> WordRule | None:
        """The first rule that lists the token's lemma (or lower-cased form) and fits its dependencies. Only
        the rules that list one of the two forms are tried (they are found by word), in their order."""
        index = self._words.get(id(rules))  # type: ignore[attr-defined]
        if index is None:
            return next((r for r in rules if r.covers(token)), None)
        lemma, lower = token.lemma_.lower(), token.lower_
        listing = index.get(lemma, ()) if lemma == lower else sorted({*index.get(lemma, ()), *index.get(lower, ())})
        return next((rules[p] for p in listing if rules[p].covers(token)), None)

    def event_class(self, pos: str, *forms: str) -> tuple[str, str] | None:
        """(TimeML class, rule id) for a word of this part of speech, or None when no class rule names it."""
        for rule in self.classes:
            if pos in rule.pos and any(f in rule.lemmas for f in forms):
                return rule.event_class, rule.id
        return None


@lru_cache(maxsize=4)
def load_event_mention_rules(rules_dir: Path) -> EventMentionRules:
    data = load_rule_file(rules_dir / "event_mentions.json", EventMentionsFile)
    verbs = data.verbs
    return EventMentionRules(
        verbs.id, frozenset(verbs.pos), verbs.class_, frozenset(verbs.not_deps),
        tuple(_word_rule(r) for r in data.not_event_verbs),
        tuple(_word_rule(r) for r in data.event_nouns),
        tuple(_word_rule(r) for r in data.state_adjectives),
        tuple(ClassRule(r.id, r.class_, frozenset(r.pos), _lower(r.lemmas)) for r in data.classes),
        tuple(PhraseRule(r.id, _lower(r.lemmas), r.dep, _lower(r.complements), r.head, r.class_, r.adjacent)
              for r in data.phrases),
        frozenset(verbs.not_conjunct_of),
        tuple(_noun_context(r) for r in data.noun_contexts),
        _metadata_lines(data.metadata_lines),
    )


def _metadata_lines(rule: MetadataLinesRule | None) -> MetadataLines | None:
    if rule is None:
        return None
    labels = tuple(sorted({w.lower() for w in rule.labels}, key=lambda w: (-len(w), w)))
    return MetadataLines(rule.id, labels, rule.header_lines, rule.max_words)


def _by_word(rules: tuple[WordRule, ...]) -> dict[str, tuple[int, ...]]:
    """Word -> the positions of the rules that list it, in order."""
    index: dict[str, list[int]] = {}
    for position, rule in enumerate(rules):
        for word in rule.lemmas:
            index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def _noun_context(rule: NounContextRule) -> NounContext:
    return NounContext(rule.id, frozenset(rule.deps), _lower(rule.words), frozenset(rule.specifiers),
                       frozenset(rule.tags), _lower(rule.not_lemmas), frozenset(rule.not_deps))


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _word_rule(rule: WordListRule) -> WordRule:
    return WordRule(rule.id, _lower(rule.lemmas), frozenset(rule.not_deps), frozenset(rule.with_deps),
                    frozenset(rule.deps))

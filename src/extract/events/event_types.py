"""The type of an event mention (events version 2): rules/event_types.json, a trigger -> type lexicon.

A mention takes the type of the first rule that fits it: its lemma (for its part of speech), its
TimeML class and, for argument rules, the lemma of one of its arguments ("share *prices* fell" is a
market move, "the crane's fall" is not). Casualty words ("killed", "injured") take the accident or
attack type told in their sentence. The types are checked against rules/event_taxonomy.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from extract.core.errors import RuleFileError
from extract.core.schemas import EventTypesFile, load_rule_file
from extract.events.participants import RELATIVE_TAGS
from extract.events.taxonomy import load_event_taxonomy

ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "poss", "compound", "nmod", "attr", "pobj")
ARGUMENT_PREPS = ("of", "in", "for", "on", "to", "by")
PRODUCT_LABEL = "PRODUCT"
PRODUCT_ARGUMENT = "product"  # the argument word a product mention counts as


@dataclass(frozen=True)
class TypeRule:
    id: str
    event_type: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    classes: frozenset[str]
    arguments: frozenset[str]
    event_class: str = ""  # the class of a mention this rule types; "" keeps the mention's own

    def fits(self, lemma: str, pos: str, event_class: str, arguments: frozenset[str]) -> bool:
        return (not self.lemmas or lemma in self.lemmas) and (not self.pos or pos in self.pos) \
            and (not self.classes or event_class in self.classes) \
            and (not self.arguments or bool(self.arguments & arguments))


@dataclass(frozen=True)
class SentenceRule:
    id: str
    lemmas: frozenset[str]
    types: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class EventTypeRules:
    rules: tuple[TypeRule, ...]
    from_sentence: tuple[SentenceRule, ...]
    _by_lemma: dict[str, tuple[int, ...]] = field(init=False, repr=False)  # lemma -> the rules naming it
    _any_lemma: tuple[int, ...] = field(init=False, repr=False)  # the rules naming no lemma

    def __post_init__(self) -> None:
        by_lemma: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            for lemma in rule.lemmas:
                by_lemma.setdefault(lemma, []).append(index)
        object.__setattr__(self, "_by_lemma", {k: tuple(v) for k, v in by_lemma.items()})
        object.__setattr__(self, "_any_lemma", tuple(i for i, rule in enumerate(self.rules) if not rule.lemmas))

    def rule_for(self, token: Token, lemma: str, pos: str, event_class: str) -> TypeRule | None:
        """The rule that types a mention whose head is `token`, None when none fits: the first rule in file order
        that fits, looked for among the rules that name one of its forms or none."""
        forms = (lemma, token.lower_) if pos != "VERB" else (lemma,)
        candidates = sorted(set(self._any_lemma).union(*(self._by_lemma.get(form, ()) for form in forms)))
        arguments: frozenset[str] | None = None
        for index in candidates:
            rule = self.rules[index]
            if rule.arguments and arguments is None:
                arguments = argument_lemmas(token)
            if any(rule.fits(form, pos, event_class, arguments or frozenset()) for form in forms):
                return rule
        return None

    def sentence_rule(self, lemma: str) -> SentenceRule | None:
        return next((r for r in self.from_sentence if lemma in r.lemmas), None)


def argument_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of the words that say what the trigger is about: subject, object, "of / in" objects,
    possessor, compounds, and the compounds of those ("share prices", "a rise in oil prices")."""
    heads = []
    for child in token.children:
        if child.dep_ in ARGUMENT_DEPS:
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ in ARGUMENT_PREPS:
            heads.extend(c for c in child.children if c.dep_ == "pobj")
    if token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        heads.append(token.head)
    if token.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in RELATIVE_TAGS
                                     for c in token.children):
        heads.append(token.head)  # "the index, which fell 1.4%": what the relative pronoun stands for
    words = set()
    for head in heads:
        words.update((head.lemma_.lower(), head.lower_))
        words.update(c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod"))
        if head.ent_type_ == PRODUCT_LABEL or any(c.ent_type_ == PRODUCT_LABEL for c in head.children
                                                  if c.dep_ in ("compound", "flat")):
            words.add(PRODUCT_ARGUMENT)  # "launched the new Vero 5": a named product is a product
    return frozenset(words)


@lru_cache(maxsize=4)
def load_event_type_rules(rules_dir: Path) -> EventTypeRules:
    """rules_dir/event_types.json, its types checked against rules_dir/event_taxonomy.json."""
    data = load_rule_file(rules_dir / "event_types.json", EventTypesFile)
    known = set(load_event_taxonomy(rules_dir).types)
    unknown = [(r.id, t) for r in data.types for t in [r.event_type]] + \
              [(r.id, t) for r in data.from_sentence for t in r.types]
    problems = [f"{rule_id}: unknown event type {kind!r}" for rule_id, kind in unknown if kind not in known]
    if problems:
        raise RuleFileError(f"{rules_dir / 'event_types.json'}: " + "; ".join(problems)
                            + f"; the types of event_taxonomy.json are {sorted(known)}")
    rules = tuple(TypeRule(r.id, r.event_type, _lower(r.lemmas), frozenset(r.pos), frozenset(r.classes),
                           _lower(r.arguments), r.class_ or "") for r in data.types)
    sentence = tuple(SentenceRule(r.id, _lower(r.lemmas), tuple(r.types)) for r in data.from_sentence)
    return EventTypeRules(rules, sentence)


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)

"""The TimeML-broad trigger rules (rules/event_mentions.json), loaded and checked strictly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.core.errors import RuleFileError
from extract.core.rulefiles import check_keys, load_json, string_list

TIMEML_CLASSES = ("OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")
TOP_KEYS = ("note", "verbs", "not_event_verbs", "event_nouns", "state_adjectives", "classes", "phrases")
VERB_KEYS = ("id", "note", "pos", "class", "not_deps")
LIST_KEYS = ("id", "note", "lemmas", "not_deps")
CLASS_KEYS = ("id", "note", "class", "pos", "lemmas")
PHRASE_KEYS = ("id", "note", "lemmas", "dep", "complements", "head", "class")
VERB_POS = ("VERB", "AUX")
CLASS_POS = ("VERB", "NOUN", "ADJ")
PHRASE_DEPS = ("prt", "acomp", "dobj", "oprd")
PHRASE_HEADS = ("verb", "complement")


@dataclass(frozen=True)
class WordRule:
    """A rule that names lemmas: its id (for provenance) and the lemmas it covers."""

    id: str
    lemmas: frozenset[str]
    not_deps: frozenset[str] = frozenset()  # the rule does not apply to a word hanging on its head this way

    def covers(self, dep: str, *forms: str) -> bool:
        return dep not in self.not_deps and any(f in self.lemmas for f in forms)


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
    lemmas: frozenset[str]  # the verb
    dep: str  # how the second word hangs on the verb
    complements: frozenset[str]  # its lemmas
    head: str  # the word TimeML marks: "verb" or "complement"
    event_class: str


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

    def first(self, rules: tuple[WordRule, ...], dep: str, *forms: str) -> WordRule | None:
        """The first rule that lists one of `forms` (lemma, then lower-cased word) for a word with this dependency."""
        return next((r for r in rules if r.covers(dep, *forms)), None)

    def event_class(self, pos: str, *forms: str) -> tuple[str, str] | None:
        """(TimeML class, rule id) for a word of this part of speech, or None when no class rule names it."""
        for rule in self.classes:
            if pos in rule.pos and any(f in rule.lemmas for f in forms):
                return rule.event_class, rule.id
        return None


@lru_cache(maxsize=4)
def load_event_mention_rules(rules_dir: Path) -> EventMentionRules:
    path = rules_dir / "event_mentions.json"
    where = str(path)
    data = load_json(path)
    if not isinstance(data, dict):
        raise RuleFileError(f"{where}: expected an object with keys {list(TOP_KEYS)}")
    check_keys(data, TOP_KEYS, TOP_KEYS, where)
    verbs = data["verbs"]
    if not isinstance(verbs, dict):
        raise RuleFileError(f"{where}: verbs must be an object with keys {list(VERB_KEYS)}")
    check_keys(verbs, VERB_KEYS, ("id", "pos", "class"), f"{where}: verbs")
    verb_pos = _values(verbs["pos"], VERB_POS, f"{where}: verbs.pos")
    verb_class = _class(verbs["class"], f"{where}: verbs.class")
    ids: set[str] = {str(verbs["id"])}
    return EventMentionRules(
        str(verbs["id"]), frozenset(verb_pos), verb_class,
        frozenset(string_list(verbs.get("not_deps", []), f"{where}: verbs.not_deps")),
        tuple(_word_rule(r, f"{where}: not_event_verbs[{i}]", ids)
              for i, r in enumerate(_records(data["not_event_verbs"], f"{where}: not_event_verbs"))),
        tuple(_word_rule(r, f"{where}: event_nouns[{i}]", ids)
              for i, r in enumerate(_records(data["event_nouns"], f"{where}: event_nouns"))),
        tuple(_word_rule(r, f"{where}: state_adjectives[{i}]", ids)
              for i, r in enumerate(_records(data["state_adjectives"], f"{where}: state_adjectives"))),
        tuple(_class_rule(r, f"{where}: classes[{i}]", ids)
              for i, r in enumerate(_records(data["classes"], f"{where}: classes"))),
        tuple(_phrase_rule(r, f"{where}: phrases[{i}]", ids)
              for i, r in enumerate(_records(data["phrases"], f"{where}: phrases"))),
    )


def _records(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RuleFileError(f"{where}: expected a list of objects")
    return value


def _id(record: dict[str, Any], where: str, ids: set[str]) -> str:
    rule_id = record["id"]
    if not isinstance(rule_id, str) or not rule_id:
        raise RuleFileError(f"{where}: id must be a non-empty string")
    if rule_id in ids:
        raise RuleFileError(f"{where}: duplicate id {rule_id!r}; every rule needs its own id")
    ids.add(rule_id)
    return rule_id


def _lemmas(value: Any, where: str) -> frozenset[str]:
    words = string_list(value, where)
    if not words:
        raise RuleFileError(f"{where}: empty list; give at least one lemma or remove the rule")
    return frozenset(w.lower() for w in words)


def _word_rule(record: dict[str, Any], where: str, ids: set[str]) -> WordRule:
    check_keys(record, LIST_KEYS, ("id", "lemmas"), where)
    return WordRule(_id(record, where, ids), _lemmas(record["lemmas"], f"{where}.lemmas"),
                    frozenset(string_list(record.get("not_deps", []), f"{where}.not_deps")))


def _class_rule(record: dict[str, Any], where: str, ids: set[str]) -> ClassRule:
    check_keys(record, CLASS_KEYS, ("id", "class", "pos", "lemmas"), where)
    return ClassRule(_id(record, where, ids), _class(record["class"], f"{where}.class"),
                     frozenset(_values(record["pos"], CLASS_POS, f"{where}.pos")),
                     _lemmas(record["lemmas"], f"{where}.lemmas"))


def _phrase_rule(record: dict[str, Any], where: str, ids: set[str]) -> PhraseRule:
    check_keys(record, PHRASE_KEYS, ("id", "lemmas", "dep", "complements", "head", "class"), where)
    dep = _values([record["dep"]], PHRASE_DEPS, f"{where}.dep")[0]
    head = _values([record["head"]], PHRASE_HEADS, f"{where}.head")[0]
    return PhraseRule(_id(record, where, ids), _lemmas(record["lemmas"], f"{where}.lemmas"), dep,
                      _lemmas(record["complements"], f"{where}.complements"), head,
                      _class(record["class"], f"{where}.class"))


def _class(value: Any, where: str) -> str:
    if value not in TIMEML_CLASSES:
        raise RuleFileError(f"{where}: unknown TimeML class {value!r}; allowed: {list(TIMEML_CLASSES)}")
    return str(value)


def _values(value: Any, allowed: tuple[str, ...], where: str) -> tuple[str, ...]:
    values = string_list(value, where)
    unknown = sorted(set(values) - set(allowed))
    if unknown or not values:
        raise RuleFileError(f"{where}: unknown or missing value(s) {unknown}; allowed values are {list(allowed)}")
    return values

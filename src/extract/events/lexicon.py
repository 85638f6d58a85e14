"""The event taxonomy and trigger lexicon (rules/event_triggers.json), loaded and checked strictly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from extract.core.errors import RuleFileError
from extract.core.rulefiles import check_keys, load_json, string_list

TOP_KEYS = ("note", "event_types", "types", "frame_verbs", "light_verbs", "reporting_verbs", "organiser_verbs",
            "citation_markers",
            "generic_event_nouns", "group_pronouns", "person_pronouns", "scheduled_markers",
            "hypothetical_markers", "negation_markers")
ENTRY_KEYS = ("id", "event_type", "pos", "lemmas")
FRAME_KEYS = ("lemma", "complements")
POS_TAGS = ("VERB", "NOUN", "PROPN")
COMPLEMENTS = ("dobj", "nsubjpass", "with", "for", "in")


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon record: the lemmas of one part of speech that name one type of happening."""

    id: str
    event_type: str
    pos: frozenset[str]


@dataclass(frozen=True, eq=False)
class TriggerLexicon:
    event_types: tuple[str, ...]
    by_lemma: dict[tuple[str, str], TriggerEntry]  # (lemma, POS) -> entry
    frame_verbs: dict[str, frozenset[str]]  # lemma -> complements that name the happening
    light_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    organiser_verbs: frozenset[str]
    citation_markers: frozenset[str]
    generic_nouns: frozenset[str]
    group_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    scheduled: frozenset[str]
    hypothetical: frozenset[str]
    negation: frozenset[str]

    def entry(self, token: Token) -> TriggerEntry | None:
        """The lexicon entry for a token, by lemma and part of speech (a noun also by its form: "talks")."""
        forms = (token.lemma_.lower(), token.lower_) if token.pos_ != "VERB" else (token.lemma_.lower(),)
        for form in forms:
            found = self.by_lemma.get((form, token.pos_))
            if found is not None:
                return found
        return None

    def is_light(self, verb: Token) -> bool:
        """A verb that names no happening of its own: copula, frame, scheduling or light verb."""
        lemma = verb.lemma_.lower()
        return verb.pos_ == "AUX" or lemma in self.light_verbs or lemma in self.frame_verbs \
            or lemma in self.scheduled or verb.lower_ in self.scheduled


@lru_cache(maxsize=4)
def load_trigger_lexicon(rules_dir: Path) -> TriggerLexicon:
    path = rules_dir / "event_triggers.json"
    where = str(path)
    data = load_json(path)
    check_keys(data, TOP_KEYS, TOP_KEYS[1:], where)
    event_types = _event_types(data["event_types"], where)
    by_lemma: dict[tuple[str, str], TriggerEntry] = {}
    for index, record in enumerate(_records(data["types"], f"{where}: types")):
        entry = _entry(record, event_types, f"{where}: types[{index}]")
        for lemma in string_list(record["lemmas"], f"{where}: types[{index}].lemmas"):
            for pos in entry.pos:
                by_lemma.setdefault((lemma.lower(), pos), entry)
    frames: dict[str, frozenset[str]] = {}
    for index, record in enumerate(_records(data["frame_verbs"], f"{where}: frame_verbs")):
        at = f"{where}: frame_verbs[{index}]"
        check_keys(record, FRAME_KEYS, FRAME_KEYS, at)
        complements = string_list(record["complements"], f"{at}.complements")
        _check_values(complements, COMPLEMENTS, f"{at}.complements")
        frames[str(record["lemma"]).lower()] = frozenset(complements)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in string_list(data[key], f"{where}: {key}"))

    return TriggerLexicon(event_types, by_lemma, frames, words("light_verbs"), words("reporting_verbs"),
                          words("organiser_verbs"), words("citation_markers"),
                          words("generic_event_nouns"), words("group_pronouns"), words("person_pronouns"),
                          words("scheduled_markers"), words("hypothetical_markers"), words("negation_markers"))


def _event_types(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, dict) or not value or not all(isinstance(v, str) for v in value.values()):
        raise RuleFileError(f"{where}: event_types must map each type name to its description")
    return tuple(value)


def _records(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RuleFileError(f"{where}: expected a list of objects")
    return value


def _entry(record: dict[str, Any], event_types: tuple[str, ...], where: str) -> TriggerEntry:
    check_keys(record, ENTRY_KEYS, ENTRY_KEYS, where)
    if record["event_type"] not in event_types:
        raise RuleFileError(f"{where}: unknown event_type {record['event_type']!r}; known: {list(event_types)}")
    pos = string_list(record["pos"], f"{where}.pos")
    _check_values(pos, POS_TAGS, f"{where}.pos")
    return TriggerEntry(str(record["id"]), str(record["event_type"]), frozenset(pos))


def _check_values(values: tuple[str, ...], allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown or not values:
        raise RuleFileError(f"{where}: unknown or missing value(s) {unknown}; allowed values are {list(allowed)}")

"""The event taxonomy and trigger lexicon (rules/event_triggers.json), loaded and checked strictly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from extract.core.schemas import EventTriggersFile, load_rule_file


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
    intention_heads: frozenset[str] = frozenset()  # their 'to'-infinitive is not asserted ("aims to open")

    def entry(self, token: Token) -> TriggerEntry | None:
        """The lexicon entry for a token, by lemma and part of speech (a noun also by its form: "talks")."""
        return self.entry_of(token.lemma_.lower(), token.lower_, token.pos_)

    def entry_of(self, lemma: str, lower: str, pos: str) -> TriggerEntry | None:
        """`entry` of a token given by its lower-cased lemma, lower-cased form and part of speech."""
        forms = (lemma, lower) if pos != "VERB" else (lemma,)
        for form in forms:
            found = self.by_lemma.get((form, pos))
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
    """The lexicon of rules_dir/event_triggers.json, validated by its schema (see extract.core.schemas)."""
    data = load_rule_file(rules_dir / "event_triggers.json", EventTriggersFile)
    by_lemma: dict[tuple[str, str], TriggerEntry] = {}
    for record in data.types:
        entry = TriggerEntry(record.id, record.event_type, frozenset(record.pos))
        for lemma in record.lemmas:
            for pos in entry.pos:
                by_lemma.setdefault((lemma.lower(), pos), entry)
    frames = {frame.lemma.lower(): frozenset(frame.complements) for frame in data.frame_verbs}

    def words(values: list[str]) -> frozenset[str]:
        return frozenset(w.lower() for w in values)

    return TriggerLexicon(tuple(data.event_types), by_lemma, frames, words(data.light_verbs),
                          words(data.reporting_verbs), words(data.organiser_verbs), words(data.citation_markers),
                          words(data.generic_event_nouns), words(data.group_pronouns), words(data.person_pronouns),
                          words(data.scheduled_markers), words(data.hypothetical_markers),
                          words(data.negation_markers), words(data.intention_heads))

"""The timeline score: (entity, event, date) triples of timelines.csv against the dated gold events."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from extract.gold.scoring import Scores, key
from extract.gold.timelines import (
    dated_verb_rows,
    gold_triples,
    predicted_triples,
    score_document_timelines,
    score_timelines,
    targets,
)


def event(start: int, end: int, date: str, people: list[str] = (), orgs: list[str] = (), **extra: Any) -> dict:
    return {"trigger": "x", "trigger_start": start, "trigger_end": end, "date": date, "event_type": "",
            "class": "OCCURRENCE", "people": list(people), "organisations": list(orgs), "products": [], **extra}


GOLD = {
    "doc_id": "d1", "published": "2025-05-14",
    "people": [{"name": "Jane Roe", "aliases": ["Roe"]}],
    "organisations": [{"name": "Acme Corp", "aliases": ["Acme"]}],
    "spans": [{"start": 0, "end": 4, "label": "PRODUCT", "text": "Zeta"}],
    "events": [event(10, 16, "2025-05-13", ["Jane Roe"], ["Acme Corp"]),
               event(30, 35, "", ["Jane Roe"]),  # undated: in no timeline
               event(50, 55, "2025-05-01", ["Jane Roe"], optional=True)],
}


def row(entity: str, start: int, date: str, entity_id: str = "", trigger: str = "signed") -> dict:
    return {"entity_id": entity_id, "entity": entity, "trigger_start": start, "trigger": trigger, "date": date}


def scored(rows: list[dict], known: dict[str, set[str]] | None = None) -> Scores:
    scores = Scores()
    score_timelines(gold_triples(GOLD, key), predicted_triples(rows, targets(GOLD, key), known or {}, key), scores, "d1")
    return scores


def test_targets_are_the_gold_entities_with_their_forms():
    assert targets(GOLD, key) == {"jane roe": {"jane roe", "roe"}, "acme corp": {"acme corp", "acme"}, "zeta": {"zeta"}}


def test_right_date_counts_strict_wrong_date_only_relaxed():
    scores = scored([row("Roe", 10, "2025-05-13", "person:roe"), row("Acme Corp", 12, "2025-05-12")],
                    known={"person:roe": {"roe"}})
    strict, relaxed = scores.counters["timelines.strict"], scores.counters["timelines.relaxed"]
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 1)
    assert (relaxed.tp, relaxed.fp, relaxed.fn) == (2, 0, 0)
    assert {(e["kind"], e["text"]) for e in scores.errors} == {("fp", "acme corp"), ("fn", "acme corp")}


def test_optional_events_and_entities_the_gold_does_not_list_are_not_scored():
    scores = scored([row("Jane Roe", 50, "2025-05-02"), row("Globex", 10, "2025-05-13"),
                     row("Jane Roe", 10, "2025-05-13"), row("Jane Roe", 10, "2025-05-13", "person:jane-roe")])
    strict = scores.counters["timelines.strict"]
    assert (strict.tp, strict.fp, strict.fn) == (1, 0, 1)  # Acme Corp's triple is missed


def test_an_event_elsewhere_is_spurious():
    strict = scored([row("Jane Roe", 70, "2025-05-13")]).counters["timelines.strict"]
    assert (strict.tp, strict.fp, strict.fn) == (0, 1, 2)


def test_every_event_score_takes_undated_events_matched_in_strict_only_by_undated_rows():
    """timelines.all: the gold's undated event (30) is found by an undated row (NaN: pandas' empty cell); an
    undated row for a dated event is right only in relaxed. timelines.strict leaves both undated out."""
    scores = Scores()
    rows = [row("Jane Roe", 30, float("nan")), row("Jane Roe", 10, "2025-05-13"), row("Acme Corp", 10, "")]
    score_document_timelines(GOLD, rows, {}, key, scores, "d1")
    counts = {name: (c.tp, c.fp, c.fn) for name, c in scores.counters.items()}
    assert counts["timelines.strict"] == (1, 0, 1)
    assert counts["timelines.all.strict"] == (2, 1, 1)
    assert counts["timelines.all.relaxed"] == (3, 0, 0)
    assert sorted((e["table"], e["kind"], e["text"], e["value"]) for e in scores.errors) == [
        ("timelines.all.strict", "fn", "acme corp", "2025-05-13"), ("timelines.all.strict", "fp", "acme corp", ""),
        ("timelines.strict", "fn", "acme corp", "2025-05-13")]


def test_dated_verb_baseline_dates_every_verb_of_a_sentence_naming_the_entity():
    words = ["Acme", "bought", "Zeta", ".", "Prices", "rose", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=["PROPN", "VERB", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT"],
              sent_starts=[True, False, False, False, True, False, False])
    rows = dated_verb_rows(GOLD, doc, key)
    assert sorted((r["entity"], r["trigger"], r["date"]) for r in rows) == [
        ("acme corp", "bought", "2025-05-14"), ("zeta", "bought", "2025-05-14")]
    assert dated_verb_rows({**GOLD, "published": None}, doc, key) == []


@pytest.mark.parametrize("text", ["Acmes bought it.", "AcmeCorp bought it."])
def test_baseline_names_are_whole_words(text: str):
    words = text.rstrip(".").split() + ["."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * (len(words) - 2) + [False, False],
              pos=["PROPN", "VERB", "PRON", "PUNCT"], sent_starts=[True, False, False, False])
    assert dated_verb_rows(GOLD, doc, key) == []

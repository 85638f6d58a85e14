"""Score event mentions against gold events of version 2 (records with a `class`, GUIDELINES.md).

Triggers, counted once per trigger span (a verb dated by a list of dates is one trigger):
- `events.triggers.strict`: same offsets; `events.triggers.relaxed`: overlapping offsets, one to one
  (`gold.alignment.align`). A prediction on an optional gold trigger is neither right nor wrong.
On relaxed matches of required gold triggers (accuracies):
- `class`, `type` (`event_type`, "" included), `date_source`, `status`, `modality` ("" = asserted): equal;
- `date`: a predicted date is one of the gold dates of the trigger (both undated counts as right);
- `events.triggers.participants`: people and organisations as name sets, tp/fp/fn per matched trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from extract.gold.alignment import align

if TYPE_CHECKING:
    from extract.gold.scoring import Scores

PREFIX = "events.triggers"
ATTRIBUTES = {"class": "class", "type": "event_type", "date_source": "date_source", "status": "status",
              "modality": "modality"}


@dataclass(frozen=True, eq=False)
class Trigger:
    """One trigger span with every record (gold) or row (prediction) told at it."""

    start: int
    end: int
    records: tuple[dict[str, Any], ...]

    @property
    def optional(self) -> bool:
        return all(r.get("optional") for r in self.records)


def is_version_2(gold: dict[str, Any]) -> bool:
    """Gold whose events follow version 2 of the guideline (every record has a `class`)."""
    events = gold.get("events") or []
    return bool(events) and all("class" in e for e in events)


def triggers(records: list[dict[str, Any]]) -> list[Trigger]:
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for record in records:
        spans.setdefault((int(record["trigger_start"]), int(record["trigger_end"])), []).append(record)
    return [Trigger(start, end, tuple(found)) for (start, end), found in sorted(spans.items())]


def score_event_mentions(gold: dict[str, Any], preds: list[dict[str, Any]], scores: "Scores",
                         names: Callable[[dict[str, Any]], set[str]]) -> None:
    """Add the trigger counters and attribute accuracies of one document; `names` gives a record's
    participants as comparable keys."""
    golds, predicted = triggers(gold.get("events") or []), triggers(preds)
    doc_id = gold["doc_id"]
    by_span = {(g.start, g.end): g for g in golds}
    strict = scores.counter(f"{PREFIX}.strict")
    for p in predicted:
        hit = by_span.get((p.start, p.end))
        if hit is None:
            strict.fp += not any(g.optional and g.start < p.end and p.start < g.end for g in golds)
        elif not hit.optional:
            strict.tp += 1
    matched = {(p.start, p.end) for p in predicted}
    strict.fn += sum(1 for g in golds if not g.optional and (g.start, g.end) not in matched)
    pairs = align(golds, predicted)
    _relaxed(golds, predicted, pairs, scores, doc_id)
    for g, p in pairs:
        if not g.optional:
            _attributes(g, p, scores, names)


def _relaxed(golds: list[Trigger], predicted: list[Trigger], pairs: list[tuple[Trigger, Trigger]],
             scores: "Scores", doc_id: str) -> None:
    relaxed = scores.counter(f"{PREFIX}.relaxed")
    paired_gold, paired_pred = {id(g) for g, _ in pairs}, {id(p) for _, p in pairs}
    relaxed.tp += sum(1 for g, _ in pairs if not g.optional)
    for p in predicted:
        if id(p) not in paired_pred and not any(g.optional and g.start < p.end and p.start < g.end for g in golds):
            relaxed.fp += 1
            _error(scores, doc_id, "fp", p)
    for g in golds:
        if id(g) not in paired_gold and not g.optional:
            relaxed.fn += 1
            _error(scores, doc_id, "fn", g)


def _attributes(g: Trigger, p: Trigger, scores: "Scores", names: Callable[[dict[str, Any]], set[str]]) -> None:
    gold, pred = g.records[0], p.records[0]
    for name, field in ATTRIBUTES.items():
        _count(scores, f"{PREFIX}.{name}_accuracy", str(pred.get(field, "")) == str(gold.get(field, "")))
    gold_dates = {str(r.get("date", "")) for r in g.records}
    _count(scores, f"{PREFIX}.date_accuracy", any(str(r.get("date", "")) in gold_dates for r in p.records))
    pred_names, gold_names = set().union(*(names(r) for r in p.records)), names(gold)
    counter = scores.counter(f"{PREFIX}.participants")
    counter.tp += len(pred_names & gold_names)
    counter.fp += len(pred_names - gold_names)
    counter.fn += len(gold_names - pred_names)


def _count(scores: "Scores", key: str, right: bool) -> None:
    accuracy = scores.acc(key)
    accuracy.total += 1
    accuracy.right += right


def _error(scores: "Scores", doc_id: str, kind: str, trigger: Trigger) -> None:
    record = trigger.records[0]
    scores.errors.append({"doc_id": doc_id, "table": PREFIX, "kind": kind, "label": record.get("class", ""),
                          "start": trigger.start, "end": trigger.end, "text": record.get("trigger", ""),
                          "value": record.get("event_type", "")})

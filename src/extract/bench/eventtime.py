"""Event-time benchmark on TimeBank-EventTime (Reimers, Dehghani & Gurevych 2016): does the date our
rules attach to an event agree with the gold date of that event?

Gold: one value per EVENT (by eid) of 36 TimeBank documents, e.g. `1998-01-08` (that day),
`after1997-10-01before1997-10-28` (one day between), `beginPoint=1998-01-07endPoint=after1998-01-08`
(a multi-day event: each end exact or bounded), `n/a` (left out). Texts come from the TimeML files.

Systems, scored per event:
- `publication date`: every event happens on the document creation time (DCT).
- `extract`: the date `events.event_date` attaches (governing date, date in force in the clause, day
  carried from the paragraph), at its own granularity ("March 1998" is a month); the DCT when nothing
  in the text dates the event.
- `extract + status`: as `extract`, but an undated event is placed by `events.event_status`: past ->
  the day before the DCT, scheduled -> the day after, ongoing -> from the day before to the day after,
  reported (a speech act) or unknown -> the DCT.
- `extract v2`: the placement of events.csv (`events.mention_events.place_event`, every event placed):
  an explicit or narrative date as that period (its date attachment has every event mention of the
  sentence as a candidate); `published` and `tense` (no date in the text) -> by the verb group's
  status, as `extract + status`.

A prediction agrees with the gold when its start agrees with the gold start and its end with the gold
end (a single day is both). An exact gold day must be predicted as that day; a bounded gold point
("after X before Y") is met by a day strictly inside the bounds, or by a predicted period (month,
year …) lying within them. The gold writes "in that month" as after the 1st before the 28th; that
bound is read as the month's last day.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from spacy.tokens import Doc

from extract.bench.readers import parse_tml
from extract.core.documents import Document
from extract.core.errors import GoldError
from extract.core.settings import Settings
from extract.events.dates import month_end, period_of
from extract.events.extraction import (
    EventDate,
    EventInputs,
    event_date,
    event_status,
)
from extract.events.mention_events import EventRules, mention_heads, place_event
from extract.events.placing import Placement
from extract.pipeline.process import Resources, analyse, parser_text

SYSTEMS = ("publication date", "extract", "extract + status", "extract v2")
GOLD_KINDS = ("single day, exact", "single day, bounded", "multi-day")
HOW = ("governed", "clause", "carried", "none")
DATE_SOURCES = ("explicit", "narrative", "published", "tense")
PUBLISHED_ACCURACY = 0.42  # Reimers et al., TACL 2018, on this corpus
DAY = r"\d{4}-\d{2}-\d{2}"
POINT = re.compile(rf"^(?:(?P<exact>{DAY})|(?P<unknown>xxxx-xx-xx)|(?:after(?P<after>{DAY}))?(?:before(?P<before>{DAY}))?)$")
MULTI = re.compile(r"^beginPoint=(?P<begin>.+?)endPoint=(?P<end>.+)$")


@dataclass(frozen=True)
class Point:
    """One end of an event's gold time: an exact day, or bounds (strict) on it; all None = unknown."""

    exact: date | None = None
    after: date | None = None
    before: date | None = None


@dataclass(frozen=True)
class Guess:
    """One end of a predicted time: a day (first == last) or a calendar period."""

    first: date
    last: date
    granularity: str = "day"


Span = tuple[Point, Point]  # gold (start, end); a single-day event has start == end
Prediction = tuple[Guess, Guess]


@dataclass(frozen=True)
class GoldEvent:
    doc_id: str
    eid: str
    value: str
    alternatives: tuple[Span, ...]  # empty for n/a

    @property
    def kind(self) -> str:
        if not self.alternatives:
            return "n/a"
        start, end = self.alternatives[0]
        if start != end or self.value.startswith("beginPoint"):
            return "multi-day"
        return "single day, exact" if start.exact else "single day, bounded"


@dataclass(frozen=True)
class TmlEvents:
    doc_id: str
    text: str
    dct: date
    events: dict[str, tuple[int, int, str]]  # eid -> (start, end, text)


@dataclass
class EventTimeReport:
    documents: int = 0
    left_out: int = 0  # n/a gold values
    missing: list[str] = field(default_factory=list)  # "doc:eid" not found in the TimeML text
    failed: list[str] = field(default_factory=list)  # documents the pipeline could not analyse, with the error
    right: Counter[tuple[str, str]] = field(default_factory=Counter)  # (system, gold kind) -> right
    total: Counter[str] = field(default_factory=Counter)  # gold kind -> events
    how: Counter[str] = field(default_factory=Counter)  # how our date was found -> events
    how_right: Counter[str] = field(default_factory=Counter)  # ... and right
    sources: Counter[str] = field(default_factory=Counter)  # extract v2: date source -> events
    sources_right: Counter[str] = field(default_factory=Counter)  # ... and right


def parse_gold_value(value: str) -> tuple[Span, ...]:
    """The gold value as alternative (start, end) spans; () for n/a. Raises GoldError on other text."""
    value = value.strip()
    if value == "n/a":
        return ()
    spans = []
    for alternative in value.split(","):
        multi = MULTI.match(alternative)
        if multi:
            spans.append((_point(multi["begin"], value), _point(multi["end"], value)))
        else:
            point = _point(alternative, value)
            spans.append((point, point))
    return tuple(spans)


def _point(text: str, value: str) -> Point:
    found = POINT.match(text)
    if found is None or not text:
        raise GoldError(f"event time {value!r}: cannot read {text!r}; expected YYYY-MM-DD, afterD, beforeD, "
                        "afterDbeforeD or beginPoint=…endPoint=…")
    if found["unknown"]:
        return Point()
    exact, after, before = (date.fromisoformat(found[k]) if found[k] else None for k in ("exact", "after", "before"))
    if after and before and after.day == 1 and before.day == 28 and (after.year, after.month) == (before.year, before.month):
        before = month_end(before)  # the gold's way of writing "in that month"
    return Point(exact, after, before)


def read_gold(path: Path) -> list[GoldEvent]:
    """The tab file: doc, sentence, token, "event", eid, instance, "time", value."""
    events = []
    with path.open(encoding="utf-8") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter="\t"), start=1):
            if not row:
                continue
            if len(row) != 8:
                raise GoldError(f"{path}:{number}: expected 8 tab-separated columns, got {len(row)}")
            try:
                events.append(GoldEvent(row[0], row[4], row[7], parse_gold_value(row[7])))
            except GoldError as err:
                raise GoldError(f"{path}:{number}: {err}") from None
    return events


def read_tml_events(path: Path) -> TmlEvents:
    """Plain text of <TEXT> with the offsets of every EVENT, and the DCT, as the shared TimeML reader reads them."""
    doc = parse_tml(path)
    return TmlEvents(doc.doc_id, doc.text, doc.dct, {e.eid: (e.start, e.end, e.text) for e in doc.events})


def prediction_of(found: EventDate | None, dct: date, status: str = "", use_status: bool = False) -> Prediction:
    """What a system says about one event, as (start, end)."""
    if found is not None:
        first, last = period_of(found.value), period_of(found.value_end or found.value)
        if first is not None and last is not None:
            return Guess(*first, granularity=found.granularity), Guess(*last, granularity=found.granularity)
    day = timedelta(days=1)
    if use_status and status == "past":
        return _day(dct - day), _day(dct - day)
    if use_status and status == "scheduled":
        return _day(dct + day), _day(dct + day)
    if use_status and status == "ongoing":
        return _day(dct - day), _day(dct + day)
    return _day(dct), _day(dct)


def _day(day: date) -> Guess:
    return Guess(day, day)


def agrees(predicted: Prediction, gold: tuple[Span, ...]) -> bool:
    """Start against the gold start, end against the gold end, for any of the gold's alternatives."""
    return any(_point_agrees(predicted[0], start, "start") and _point_agrees(predicted[1], end, "end")
               for start, end in gold)


def _point_agrees(guess: Guess, gold: Point, role: str) -> bool:
    if gold == Point():
        return True
    if gold.exact is not None:  # a period's first day starts the event, its last day ends it
        return (guess.first if role == "start" else guess.last) == gold.exact and (
            guess.granularity != "day" or guess.first == guess.last)
    if guess.granularity == "day" and guess.first == guess.last:
        return (gold.after is None or guess.first > gold.after) and (gold.before is None or guess.first < gold.before)
    return (gold.after is None or guess.first >= gold.after) and (gold.before is None or guess.last <= gold.before)


def run_eventtime_bench(tab_path: Path, tbaq_dir: Path, settings: Settings, limit: int | None = None) -> EventTimeReport:
    """Parse each document once with our pipeline and score every gold event of it."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1 (or None for all documents), got {limit}")
    gold = read_gold(tab_path)
    by_doc: dict[str, list[GoldEvent]] = {}
    for event in gold:
        by_doc.setdefault(event.doc_id, []).append(event)
    paths = {doc_id: _tml_path(tbaq_dir, doc_id) for doc_id in sorted(by_doc)[:limit]}  # fail before the model loads
    resources = Resources.load(settings)
    report = EventTimeReport()
    for doc_id, path in paths.items():
        tml = read_tml_events(path)
        document = Document(doc_id, str(path), tml.text, published=tml.dct, published_from="metadata")
        doc = resources.nlp(parser_text(tml.text))
        try:
            result = analyse(document, doc, resources)
        except Exception as err:  # noqa: BLE001 - recorded in the report, like a failed document in a run
            report.failed.append(f"{doc_id}: {type(err).__name__}: {str(err)[:200]}")
            continue
        inputs = EventInputs([r for r in result.mentions if r.mention.label in ("DATE", "TIME")], {}, [], None,
                             tml.dct.isoformat())
        report.documents += 1
        heads = mention_heads(doc, resources.event_rules.mentions)
        for event in by_doc[doc_id]:
            _score(event, tml, doc, inputs, resources.event_rules, heads, report)
    return report


def _tml_path(tbaq_dir: Path, doc_id: str) -> Path:
    for candidate in (tbaq_dir / f"{doc_id}.tml", tbaq_dir / "TimeBank" / f"{doc_id}.tml"):
        if candidate.exists():
            return candidate
    found = sorted(tbaq_dir.rglob(f"{doc_id}.tml"))
    if not found:
        raise GoldError(f"{doc_id}.tml not found under {tbaq_dir}; pass the TBAQ-cleaned folder (or its TimeBank part)")
    return found[0]


def _score(event: GoldEvent, tml: TmlEvents, doc: Doc, inputs: EventInputs, rules: EventRules,
           heads: set[int], report: EventTimeReport) -> None:
    if not event.alternatives:
        report.left_out += 1
        return
    if event.eid not in tml.events:
        report.missing.append(f"{event.doc_id}:{event.eid}")
        return
    start, _, words = tml.events[event.eid]
    start += len(words) - len(words.lstrip())  # "<EVENT> Turning</EVENT>": the word, not the space
    lexicon = rules.lexicon
    found = event_date(doc, inputs, lexicon, start)
    status = event_status(doc, lexicon, start)
    placement = place_event(doc, inputs, lexicon, heads, start, rules.nouns)
    predictions = {
        "publication date": prediction_of(None, tml.dct),
        "extract": prediction_of(found, tml.dct),
        "extract + status": prediction_of(found, tml.dct, status, use_status=True),
        "extract v2": placed_prediction(placement, tml.dct, status),
    }
    report.total[event.kind] += 1
    for system, predicted in predictions.items():
        report.right[(system, event.kind)] += agrees(predicted, event.alternatives)
    how = found.how if found is not None else "none"
    report.how[how] += 1
    report.how_right[how] += agrees(predictions["extract"], event.alternatives)
    report.sources[placement.source] += 1
    report.sources_right[placement.source] += agrees(predictions["extract v2"], event.alternatives)


def placed_prediction(placement: Placement, dct: date, verb_status: str) -> Prediction:
    """A placement as (start, end): the date the text gives it; with none (`published`, `tense`), the
    day the verb group's status says (`verb_status`, from `events.event_status`)."""
    if placement.source in ("explicit", "narrative"):
        return prediction_of(placement.dates[0][0], dct)
    return prediction_of(None, dct, verb_status, use_status=True)


def accuracy(report: EventTimeReport, system: str, kind: str | None = None) -> float | None:
    kinds = [kind] if kind else list(GOLD_KINDS)
    total = sum(report.total[k] for k in kinds)
    return sum(report.right[(system, k)] for k in kinds) / total if total else None


def format_report(report: EventTimeReport) -> str:
    events = sum(report.total.values())
    lines = [f"TimeBank-EventTime: {events} events with a gold date in {report.documents} documents "
             f"({report.left_out} n/a left out, {len(report.missing)} not found in the texts)", ""]
    lines[1:1] = [f"not analysed: {failure}" for failure in report.failed]
    header = f"{'system':<18}{'all':>8}" + "".join(f"{k:>22}" for k in GOLD_KINDS)
    lines += [header, f"{'events':<18}{events:>8}" + "".join(f"{report.total[k]:>22}" for k in GOLD_KINDS)]
    for system in SYSTEMS:
        cells = [_percent(accuracy(report, system))] + [_percent(accuracy(report, system, k)) for k in GOLD_KINDS]
        lines.append(f"{system:<18}{cells[0]:>8}" + "".join(f"{c:>22}" for c in cells[1:]))
    lines.append(f"{'published system':<18}{_percent(PUBLISHED_ACCURACY):>8}   (Reimers et al. 2018)")
    lines += ["", "extract, by how the date was found (none: the publication date):"]
    for how in HOW:
        count = report.how[how]
        share = _percent(report.how_right[how] / count if count else None)
        lines.append(f"  {how:<10}{count:>6} events, {share} right")
    lines += ["", "extract v2, by date source:"]
    for source in DATE_SOURCES:
        count = report.sources[source]
        share = _percent(report.sources_right[source] / count if count else None)
        lines.append(f"  {source:<10}{count:>6} events, {share} right")
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"

"""Cross-article consolidation: the same happening reported by several documents becomes one row.

Two events are the same happening when they have the same type, their dates overlap ("2025-05" and
"2025-05-13" do; "2025-05-12" and "2025-05-13" do not) and they share a participant (person or
organisation, compared case- and accent-insensitively). Events with no participants at all merge only
with the same date and the same stated place. Events of one document are never merged with each other:
within a document, second mentions were already folded (`events.merge_tellings`), so two rows of one
document are two happenings.

`merge_events` is pure: events in, `MergedEvent`s out, in a stable order; `events_merged_rows` reads
and writes rows of the `events` / `events_merged` tables.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from .events import Event
from .events_dates import period_of
from .people import name_key

MERGED_COLUMNS = ["merged_id", "date", "date_end", "granularity", "event_type", "people", "organisations",
                  "location", "count", "doc_ids", "event_ids", "sentence", "first_doc_id", "first_event_id",
                  "trigger"]
GRANULARITY_RANK = {"time": 0, "day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5,
                    "fiscal_year": 5}


@dataclass(frozen=True)
class SourcedEvent:
    """One row of the events table: the event and where it was read."""

    doc_id: str
    event_id: str
    event: Event


@dataclass(frozen=True)
class MergedEvent:
    merged_id: str
    event_type: str
    date: str  # the most precise date the sources give
    date_end: str
    granularity: str
    people: tuple[str, ...]
    organisations: tuple[str, ...]
    location: str
    sources: tuple[SourcedEvent, ...]  # in input order; the first one's sentence represents the group

    @property
    def count(self) -> int:
        return len(self.sources)


def merge_events(events: Iterable[SourcedEvent]) -> list[MergedEvent]:
    """Group the events of a run into happenings, each with its sources, merged participants and date."""
    groups: list[list[SourcedEvent]] = []
    for sourced in events:
        home = next((g for g in groups if _joins(sourced, g)), None)
        if home is None:
            groups.append([sourced])
        else:
            home.append(sourced)
    merged = [_merged(group) for group in groups]
    merged.sort(key=lambda m: (m.date, m.event_type, m.sources[0].doc_id, m.sources[0].event_id))
    return [_numbered(m, number) for number, m in enumerate(merged, start=1)]


def _joins(candidate: SourcedEvent, group: list[SourcedEvent]) -> bool:
    if any(member.doc_id == candidate.doc_id for member in group):
        return False
    event = candidate.event
    if any(member.event.event_type != event.event_type for member in group):
        return False
    if not all(dates_overlap(event, member.event) for member in group):
        return False
    names = _names(event)
    group_names = {n for member in group for n in _names(member.event)}
    if names or group_names:
        return bool(names & group_names)
    first = group[0].event
    return (event.date, event.date_end) == (first.date, first.date_end) and bool(event.location) \
        and name_key(event.location) == name_key(first.location)


def _names(event: Event) -> set[str]:
    return {name_key(n) for n in event.people + event.organisations if n}


def dates_overlap(a: Event, b: Event) -> bool:
    """The periods the two dates name share a day (equal values when a period cannot be read)."""
    first, second = date_interval(a.date, a.date_end), date_interval(b.date, b.date_end)
    if first is None or second is None:
        return (a.date, a.date_end) == (b.date, b.date_end)
    return first[0] <= second[1] and second[0] <= first[1]


def date_interval(value: str, value_end: str = "") -> tuple[date, date] | None:
    start = period_of(value)
    end = period_of(value_end) if value_end else start
    return (start[0], end[1]) if start and end else None


def _merged(group: list[SourcedEvent]) -> MergedEvent:
    events = [s.event for s in group]
    precise = min(events, key=lambda e: (GRANULARITY_RANK.get(e.granularity, 9), -_votes(events, e), e.date))
    people: list[str] = []
    orgs: list[str] = []
    for event in events:
        _extend(people, event.people)
        _extend(orgs, event.organisations)
    return MergedEvent("", events[0].event_type, precise.date, precise.date_end, precise.granularity, tuple(people),
                       tuple(orgs), next((e.location for e in events if e.location), ""), tuple(group))


def _votes(events: list[Event], event: Event) -> int:
    return Counter((e.date, e.date_end) for e in events)[(event.date, event.date_end)]


def _extend(names: list[str], more: tuple[str, ...]) -> None:
    keys = {name_key(n) for n in names}
    for name in more:
        if name_key(name) not in keys:
            names.append(name)
            keys.add(name_key(name))


def _numbered(merged: MergedEvent, number: int) -> MergedEvent:
    return MergedEvent(f"M{number}", merged.event_type, merged.date, merged.date_end, merged.granularity,
                       merged.people, merged.organisations, merged.location, merged.sources)


def events_merged_rows(event_rows: Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """Rows of the `events` table (as built for events.csv) -> rows of `events_merged` (MERGED_COLUMNS)."""
    merged = merge_events(_sourced(row) for row in event_rows)
    return [_row(m) for m in merged]


def _sourced(row: Mapping[str, object]) -> SourcedEvent:
    def text(key: str) -> str:
        value = row.get(key, "")
        return "" if value is None else str(value)

    def names(key: str) -> tuple[str, ...]:
        return tuple(n for n in text(key).split(";") if n)

    def number(key: str) -> int:
        try:
            return int(text(key) or 0)
        except ValueError:
            return 0

    event = Event(date=text("date"), date_end=text("date_end"), granularity=text("granularity"),
                  event_type=text("event_type"), trigger=text("trigger"), trigger_start=number("trigger_start"),
                  trigger_end=number("trigger_end"), people=names("people"), organisations=names("organisations"),
                  location=text("location"), status=text("status"), sentence=text("sentence"), start=number("start"),
                  end=number("end"), rule=text("rule"))
    return SourcedEvent(text("doc_id"), text("event_id"), event)


def _row(merged: MergedEvent) -> dict[str, object]:
    first = merged.sources[0]
    return {"merged_id": merged.merged_id, "date": merged.date, "date_end": merged.date_end,
            "granularity": merged.granularity, "event_type": merged.event_type, "people": ";".join(merged.people),
            "organisations": ";".join(merged.organisations), "location": merged.location, "count": merged.count,
            "doc_ids": ";".join(s.doc_id for s in merged.sources),
            "event_ids": ";".join(s.event_id for s in merged.sources), "sentence": first.event.sentence,
            "first_doc_id": first.doc_id, "first_event_id": first.event_id, "trigger": first.event.trigger}

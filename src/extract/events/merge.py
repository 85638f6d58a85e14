"""Cross-article consolidation: the same happening reported by several documents becomes one row.

Two events are the same happening when they have the same type, their dates overlap ("2025-05" and
"2025-05-13" do; "2025-05-12" and "2025-05-13" do not), they share a participant (person or
organisation, compared case- and accent-insensitively) and their participants agree: of each kind, the
people of one are among the other's, and so are the organisations ("Acme and UNESCO" agrees with
"UNESCO"; "Acme and UNESCO" does not with "OECD and UNESCO": two deals that share a party). Events with no
participants at all merge only with the same date, and either the same stated place or the same trigger
lemma in a similar sentence (at least SIMILAR_SENTENCE of their words shared: "A 6.1 earthquake struck
on Monday" / "the earthquake that struck the island on Monday"). Events of one document are never merged with each other:
within a document, second mentions were already folded (`events.merge_tellings`), so two rows of one
document are two happenings.

`merge_events` is pure: events in, `MergedEvent`s out, in a stable order; `events_merged_rows` reads
and writes rows of the `events` / `events_merged` tables. `stream_events_merged` gives the same rows for a
run too large to hold: events of different types, or whose dates cannot overlap through any chain of
events, can never be in one group, so it sorts the events on disk by type and date, cuts them into such
independent components, merges one component at a time and sorts the merged rows on disk.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from extract.core.spill import Row, SortedSpill
from extract.entities.people.records import name_key
from extract.events.dates import period_of
from extract.events.extraction import Event

MERGED_COLUMNS = ["merged_id", "date", "date_end", "granularity", "event_type", "people", "organisations",
                  "location", "count", "doc_ids", "event_ids", "sentence", "first_doc_id", "first_event_id",
                  "trigger", "date_start", "date_end_iso"]
MERGED_DATE_SOURCES = ("", "explicit", "narrative")  # "": a table written before date_source existed
SIMILAR_SENTENCE = 0.5  # Jaccard overlap of two sentences' word sets for nameless events of one lemma
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
    """Group the events of a run into happenings, each with its sources, merged participants and date.

    An event joins the first group (in the order groups were started) that takes it; only groups that
    could take it are looked at: those of its type that share one of its names, or have no names when it
    has none.
    """
    groups: list[_Group] = []
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)  # (type, name key) -> group numbers
    nameless: dict[tuple[str, ...], list[int]] = defaultdict(list)  # _nameless_keys -> groups without names
    for sourced in events:
        names = _names(sourced.event)
        kind = sourced.event.event_type
        if names:
            candidates = sorted({g for n in names for g in by_name[(kind, n)]})
        else:
            candidates = sorted({g for key in _nameless_keys(sourced.event, looking=True) for g in nameless[key]})
        home = next((groups[g] for g in candidates if groups[g].takes(sourced, names)), None)
        if home is None:
            home = _Group(len(groups))
            groups.append(home)
            if not names:
                for key in _nameless_keys(sourced.event, looking=False):
                    nameless[key].append(home.number)
        for name in names - home.names:
            by_name[(kind, name)].append(home.number)
        home.add(sourced, names)
    merged = [_merged(group.members) for group in groups]
    merged.sort(key=lambda m: (m.date, m.event_type, m.sources[0].doc_id, m.sources[0].event_id))
    return [_numbered(m, number) for number, m in enumerate(merged, start=1)]


def _nameless_keys(event: Event, looking: bool) -> list[tuple[str, ...]]:
    """Where a group without names is filed under its first event, and where an event without names looks for
    one: a nameless group only takes an event of its first event's type and dates with the same place or the
    same trigger lemma (`_Group.takes`), so only those groups are checked, not every nameless group of the type."""
    head = (event.event_type, event.date, event.date_end)
    keys = []
    if event.location or not looking:
        keys.append((*head, "place", name_key(event.location)))
    if event.lemma or not looking:
        keys.append((*head, "lemma", event.lemma))
    return keys


class _Group:
    """The events of one happening so far, with what a newcomer is checked against."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.members: list[SourcedEvent] = []
        self.doc_ids: set[str] = set()
        self.names: set[str] = set()
        self.dates: set[tuple[str, str]] = set()  # the distinct (date, date_end) of the members
        self.parties: set[tuple[frozenset[str], frozenset[str]]] = set()  # the distinct (people, orgs) of the members

    def takes(self, candidate: SourcedEvent, names: set[str]) -> bool:
        """Whether the candidate (of the group's type) joins: from another document, its dates overlap every
        member's, and it shares a name with the group; without names on either side, the same dates and place
        as the first member."""
        event = candidate.event
        if candidate.doc_id in self.doc_ids:
            return False
        if not all(_overlap(event.date, event.date_end, *pair) for pair in self.dates):
            return False
        if names or self.names:
            parties = _parties(event)
            return bool(names & self.names) and all(_agree(parties, other) for other in self.parties)
        first = self.members[0].event
        if (event.date, event.date_end) != (first.date, first.date_end):
            return False
        if event.location and name_key(event.location) == name_key(first.location):
            return True
        return bool(event.lemma) and event.lemma == first.lemma and similar(event.sentence, first.sentence)

    def add(self, sourced: SourcedEvent, names: set[str]) -> None:
        self.members.append(sourced)
        self.doc_ids.add(sourced.doc_id)
        self.names |= names
        self.dates.add((sourced.event.date, sourced.event.date_end))
        self.parties.add(_parties(sourced.event))


def similar(a: str, b: str) -> bool:
    """Two sentences share at least SIMILAR_SENTENCE of their words (case-blind, words of 3+ letters)."""
    first, second = _words(a), _words(b)
    return bool(first and second) and len(first & second) >= SIMILAR_SENTENCE * len(first | second)


@lru_cache(maxsize=4096)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[^\W\d_]{3,}", sentence.lower()))


def _names(event: Event) -> set[str]:
    return {name_key(n) for n in event.people + event.organisations if n}


def _parties(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(name_key(n) for n in event.people if n), frozenset(name_key(n) for n in event.organisations if n)


def _agree(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Of each kind (people, organisations), one event's names are among the other's."""
    return all(x <= y or y <= x for x, y in zip(a, b))


@lru_cache(maxsize=65536)
def _overlap(date_a: str, end_a: str, date_b: str, end_b: str) -> bool:
    first, second = date_interval(date_a, end_a), date_interval(date_b, end_b)
    if first is None or second is None:
        return (date_a, end_a) == (date_b, end_b)
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
    """Rows of the `events` table (as built for events.csv) -> rows of `events_merged` (MERGED_COLUMNS).
    Only typed events that the text dates (explicitly or by the narrative) are merged: a happening told
    only by tense, or dated by the publication day, cannot be matched across articles by its date."""
    merged = merge_events(_sourced(row) for row in event_rows if mergeable(row))
    return [_row(m) for m in merged]


# The columns of an events row that events_merged_rows reads: a row cut to them merges the same.
MERGE_FIELDS = ("doc_id", "event_id", "date", "date_end", "granularity", "event_type", "trigger", "trigger_start",
                "trigger_end", "people", "organisations", "location", "status", "sentence", "start", "end", "rule",
                "date_source", "lemma")


def mergeable(row: Mapping[str, object]) -> bool:
    return bool(row.get("date")) and bool(row.get("event_type")) and row.get("date_source", "") in MERGED_DATE_SOURCES


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
                  end=number("end"), rule=text("rule"), lemma=text("lemma"))
    return SourcedEvent(text("doc_id"), text("event_id"), event)


def _row(merged: MergedEvent) -> dict[str, object]:
    first = merged.sources[0]
    return {"merged_id": merged.merged_id, "date": merged.date, "date_end": merged.date_end,
            "granularity": merged.granularity, "event_type": merged.event_type, "people": ";".join(merged.people),
            "organisations": ";".join(merged.organisations), "location": merged.location, "count": merged.count,
            "doc_ids": ";".join(s.doc_id for s in merged.sources),
            "event_ids": ";".join(s.event_id for s in merged.sources), "sentence": first.event.sentence,
            "first_doc_id": first.doc_id, "first_event_id": first.event_id, "trigger": first.event.trigger,
            **_iso_days(merged.date, merged.date_end)}


def _iso_days(value: str, value_end: str) -> dict[str, str]:
    """First and last day of the merged event's date, `YYYY-MM-DD` (sortable); "" when it names none."""
    interval = date_interval(value, value_end) if value else None
    return {"date_start": interval[0].isoformat() if interval else "",
            "date_end_iso": interval[1].isoformat() if interval else ""}


def stream_events_merged(event_rows: Iterable[Mapping[str, object]], folder: Path,
                         chunk_rows: int | None = None) -> Iterator[dict[str, object]]:
    """The rows `events_merged_rows` gives, in the same order, holding in memory one component of
    events (see the module's note) and one chunk of rows, the rest in files under `folder`."""
    events = SortedSpill(folder, _component_key, chunk_rows)
    merged = SortedSpill(folder, _merged_order, chunk_rows)
    try:
        for seq, row in enumerate(r for r in event_rows if mergeable(r)):
            events.add(_spilled(seq, row))
        for component in _components(events.sorted_rows()):
            component.sort(key=lambda spilled: spilled[_SEQ])  # back to input order
            for group in merge_events(_sourced(dict(zip(MERGE_FIELDS, s[_SEQ + 1:]))) for s in component):
                merged.add(list(_row(group).values())[1:])  # its merged_id is its place in the whole run
        for number, values in enumerate(merged.sorted_rows(), start=1):
            yield {"merged_id": f"M{number}", **dict(zip(MERGED_COLUMNS[1:], values))}
    finally:
        events.close()
        merged.close()


_SEQ = 5  # spilled event: [event_type, 0 (dates read) or 1 (not), first day, last day, (date, date_end) or "", seq,
#           *the MERGE_FIELDS values]


def _spilled(seq: int, row: Mapping[str, object]) -> Row:
    event = _sourced(row).event
    interval = date_interval(event.date, event.date_end)
    head: Row = [event.event_type, 0, interval[0].toordinal(), interval[1].toordinal(), ""] if interval else \
        [event.event_type, 1, 0, 0, [event.date, event.date_end]]
    return [*head, seq, *(row.get(key) for key in MERGE_FIELDS)]


def _component_key(spilled: Row) -> tuple[Any, ...]:
    return tuple(spilled[:_SEQ + 1])


def _components(spilled: Iterable[Row]) -> Iterator[list[Row]]:
    """Runs of events (sorted by _component_key) that may share a group: of one type, and with dates that
    overlap through a chain of events, or the same unread (date, date_end)."""
    component: list[Row] = []
    reach: tuple[Any, ...] = ()
    for event in spilled:
        kind, unread, first, last, pair = event[:_SEQ]
        if component and (kind, unread) == reach[:2] and (first <= reach[2] if not unread else pair == reach[2]):
            component.append(event)
            reach = (kind, unread, max(last, reach[2])) if not unread else reach
            continue
        if component:
            yield component
        component, reach = [event], (kind, unread, last if not unread else pair)
    if component:
        yield component


_ORDER_INDEX = [MERGED_COLUMNS[1:].index(c) for c in ("date", "event_type", "first_doc_id", "first_event_id")]


def _merged_order(values: Row) -> tuple[Any, ...]:
    """merge_events' order of the merged rows (MERGED_COLUMNS without merged_id): date, type, first source."""
    return tuple(values[i] for i in _ORDER_INDEX)

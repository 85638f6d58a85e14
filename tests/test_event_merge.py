"""Cross-article consolidation of events: pure functions on invented events."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date

import pytest

from extract.entities.people.records import name_key
from extract.events import merge
from extract.events.dates import period_of
from extract.events.extraction import Event
from extract.events.merge import (
    MERGED_COLUMNS,
    SourcedEvent,
    date_interval,
    events_merged_rows,
    merge_events,
    stream_events_merged,
)


def event(date_value: str, event_type: str = "agreement", people: tuple[str, ...] = (),
          orgs: tuple[str, ...] = (), location: str = "", sentence: str = "s", date_end: str = "") -> Event:
    granularity = "day" if len(date_value) == 10 else "month" if len(date_value) == 7 else "year"
    return Event(date_value, date_end, granularity, event_type, "signed", 0, 6, people, orgs, location, "past",
                 sentence, 0, 10, "trigger-agreement-verb")


def sourced(doc_id: str, number: int, e: Event) -> SourcedEvent:
    return SourcedEvent(doc_id, f"{doc_id}#E{number}", e)


def test_same_type_overlapping_dates_and_a_shared_participant_merge() -> None:
    merged = merge_events([
        sourced("a", 1, event("2024-05-02", orgs=("European Commission", "UNESCO"), sentence="first telling")),
        sourced("b", 1, event("2024-05", orgs=("Unesco",), people=("Jane Doe",), location="Paris")),
        sourced("c", 1, event("2024-05-02", people=("Jane Doe",))),
    ])
    assert len(merged) == 1
    m = merged[0]
    assert (m.merged_id, m.count, m.date, m.granularity, m.location) == ("M1", 3, "2024-05-02", "day", "Paris")
    assert m.organisations == ("European Commission", "UNESCO") and m.people == ("Jane Doe",)
    assert [s.doc_id for s in m.sources] == ["a", "b", "c"] and m.sources[0].event.sentence == "first telling"


@pytest.mark.parametrize("other", [
    pytest.param(event("2024-05-02", event_type="meeting", orgs=("UNESCO",)), id="other-type"),
    pytest.param(event("2024-05-03", orgs=("UNESCO",)), id="other-day"),
    pytest.param(event("2024-05-02", orgs=("OECD",)), id="no-shared-participant"),
    pytest.param(event("2024-05-02"), id="one-side-without-participants"),
])
def test_what_does_not_merge(other: Event) -> None:
    assert len(merge_events([sourced("a", 1, event("2024-05-02", orgs=("UNESCO",))), sourced("b", 1, other)])) == 2


def test_participants_that_disagree_do_not_merge_though_they_share_one() -> None:
    deal = event("2024-05-02", orgs=("UNESCO", "Acme"))
    assert len(merge_events([sourced("a", 1, deal), sourced("b", 1, event("2024-05-02", orgs=("OECD", "UNESCO")))])) == 2
    people = event("2024-05-02", people=("Jane Doe", "Omar Haddad"))
    assert len(merge_events([sourced("a", 1, people), sourced("b", 1, event("2024-05-02", people=("Jane Doe",)))])) == 1


def test_events_of_one_document_never_merge() -> None:
    same = event("2024-05-02", orgs=("UNESCO",))
    assert [m.count for m in merge_events([sourced("a", 1, same), sourced("a", 2, same)])] == [1, 1]


def test_events_without_participants_merge_only_on_the_same_day_and_place() -> None:
    merged = merge_events([sourced("a", 1, event("2026", "review", location="Brussels")),
                           sourced("b", 1, event("2026", "review", location="Brussels")),
                           sourced("c", 1, event("2026", "review"))])
    assert [m.count for m in merged] == [2, 1]


def test_events_without_participants_merge_on_the_same_lemma_in_a_similar_sentence() -> None:
    """The issue's rule for happenings nobody is named in: same type, same date, same trigger lemma and a
    similar sentence (here no place is stated)."""
    def quake(doc_id: str, sentence: str, lemma: str = "earthquake", day: str = "2026-03-02") -> SourcedEvent:
        return sourced(doc_id, 1, replace(event(day, "accident", sentence=sentence), lemma=lemma))

    merged = merge_events([quake("a", "A strong earthquake struck the coast of Velmora on Monday."),
                           quake("b", "The earthquake struck the Velmora coast on Monday, officials said."),
                           quake("c", "An earthquake was felt in the capital."),  # another sentence
                           quake("d", "A strong earthquake struck the coast of Velmora.", day="2026-03-03"),
                           quake("e", "A strong tremor struck the coast of Velmora on Monday.", lemma="tremor")])
    assert sorted([s.doc_id for s in m.sources] for m in merged) == [["a", "b"], ["c"], ["d"], ["e"]]


def test_order_is_by_date_then_type() -> None:
    merged = merge_events([sourced("a", 1, event("2025")), sourced("a", 2, event("2024-01-05", "launch"))])
    assert [(m.merged_id, m.date) for m in merged] == [("M1", "2024-01-05"), ("M2", "2025")]


@pytest.mark.parametrize("value, first, last", [
    ("2024-05-02", date(2024, 5, 2), date(2024, 5, 2)),
    ("2024-05-02T14:00", date(2024, 5, 2), date(2024, 5, 2)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-W01", date(2024, 1, 1), date(2024, 1, 7)),
    ("2016-W35-WE", date(2016, 9, 3), date(2016, 9, 4)),
    ("2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
    ("2024-WI", date(2024, 12, 21), date(2025, 3, 19)),
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
])
def test_periods(value: str, first: date, last: date) -> None:
    assert period_of(value) == (first, last)


@pytest.mark.parametrize("value", ["FUTURE_REF", "P2D", "2024-13", "", "199"])
def test_values_that_are_not_calendar_periods(value: str) -> None:
    assert period_of(value) is None


def test_a_range_spans_from_its_start_to_its_end() -> None:
    assert date_interval("2024-03-24", "2024-03-30") == (date(2024, 3, 24), date(2024, 3, 30))


def test_rows_in_and_out() -> None:
    rows = [{"doc_id": "a", "event_id": "a#E1", "date": "2024-05-02", "date_end": "", "granularity": "day",
             "event_type": "agreement", "trigger": "signed", "people": "", "organisations": "UNESCO;OECD",
             "location": "", "sentence": "A sentence.", "start": 0, "end": 11, "status": "past",
             "trigger_start": 2, "trigger_end": 8, "rule": "trigger-agreement-verb"},
            {"doc_id": "b", "event_id": "b#E4", "date": "2024-05-02", "date_end": "", "granularity": "day",
             "event_type": "agreement", "trigger": "signing", "people": "Jane Doe", "organisations": "OECD",
             "location": "Paris", "sentence": "Another.", "start": "0", "end": "8", "status": "past",
             "trigger_start": "1", "trigger_end": "3", "rule": "trigger-agreement-noun"}]
    (row,) = events_merged_rows(rows)
    assert list(row) == MERGED_COLUMNS
    assert row["count"] == 2 and row["doc_ids"] == "a;b" and row["event_ids"] == "a#E1;b#E4"
    assert row["organisations"] == "UNESCO;OECD" and row["people"] == "Jane Doe" and row["location"] == "Paris"
    assert (row["sentence"], row["first_doc_id"], row["trigger"]) == ("A sentence.", "a", "signed")


def dates_overlap(a: Event, b: Event) -> bool:
    """The merge rule's date test written plainly: the periods share a day, or the values are equal
    when a period cannot be read."""
    first, second = date_interval(a.date, a.date_end), date_interval(b.date, b.date_end)
    if first is None or second is None:
        return (a.date, a.date_end) == (b.date, b.date_end)
    return first[0] <= second[1] and second[0] <= first[1]


def _naive_groups(events: list[SourcedEvent]) -> list[list[SourcedEvent]]:
    """The merge rule written plainly: each event joins the first group every member of which it matches."""
    def joins(candidate: SourcedEvent, group: list[SourcedEvent]) -> bool:
        e = candidate.event
        if any(m.doc_id == candidate.doc_id or m.event.event_type != e.event_type or not dates_overlap(e, m.event)
               for m in group):
            return False
        names = {name_key(n) for n in e.people + e.organisations}
        group_names = {name_key(n) for m in group for n in m.event.people + m.event.organisations}

        def nested(kind: str, other: Event) -> bool:
            mine, theirs = ({name_key(n) for n in getattr(x, kind)} for x in (e, other))
            return mine <= theirs or theirs <= mine

        if names or group_names:
            return bool(names & group_names) and all(nested("people", m.event) and nested("organisations", m.event)
                                                     for m in group)
        first = group[0].event
        same_place = bool(e.location) and name_key(e.location) == name_key(first.location)
        words = [set(re.findall(r"[^\W\d_]{3,}", x.sentence.lower())) for x in (e, first)]
        alike = bool(e.lemma) and e.lemma == first.lemma and bool(words[0] and words[1]) \
            and len(words[0] & words[1]) / len(words[0] | words[1]) >= 0.5
        return (e.date, e.date_end) == (first.date, first.date_end) and (same_place or alike)

    groups: list[list[SourcedEvent]] = []
    for candidate in events:
        home = next((g for g in groups if joins(candidate, g)), None)
        groups.append([candidate]) if home is None else home.append(candidate)
    return groups


@pytest.mark.parametrize("seed", range(3))
def test_grouping_is_the_plain_first_group_that_takes_it(seed: int) -> None:
    """merge_events looks only at the groups that could take an event; the groups are the plain rule's."""
    pick = random.Random(seed)
    names, dates = ["Jane Doe", "JANE DOE", "UNESCO", "OECD", "Acme"], ["2024", "2024-05", "2024-05-02", "2024-06",
                                                                        "FUTURE_REF"]
    sentences = ["The talks ended in Paris on Monday.", "Talks ended in Paris on Monday, officials said.",
                 "A new pact was signed."]
    events = [sourced(f"d{pick.randrange(40)}", n, replace(
        event(pick.choice(dates), pick.choice(["agreement", "meeting"]), tuple(pick.sample(names, pick.randrange(3))),
              (), pick.choice(["", "Paris", "paris"]), pick.choice(sentences)), lemma=pick.choice(["", "end", "sign"])))
              for n in range(400)]
    expected = sorted([s.event_id for s in g] for g in _naive_groups(events))
    assert sorted([s.event_id for s in m.sources] for m in merge_events(events)) == expected


def _random_rows(pick: random.Random, count: int) -> list[dict[str, object]]:
    """Event rows as the events table has them, in input order (a document's rows together), with dates
    that overlap in chains, values no calendar reads, and rows the merge leaves out."""
    names = ["Jane Doe", "JANE DOE", "UNESCO", "OECD", "Acme", "Beta Corp"]
    dates = [("2024", ""), ("2024-05", ""), ("2024-05-02", ""), ("2024-05-03", ""), ("2024-06", ""),
             ("2024-05-01", "2024-06-30"), ("2023-03-01", "2023-03-31"),
             ("2023-03-31", ""), ("2023-03-31", "2023-04-02"), ("2023-04-02", ""), ("2023-W12", ""), ("2025-Q1", ""), ("FUTURE_REF", ""), ("PAST_REF", ""),
             ("", "")]
    sentences = ["The talks ended in Paris on Monday.", "Talks ended in Paris on Monday, officials said.",
                 "A new pact was signed."]
    rows: list[dict[str, object]] = []
    doc = 0
    while len(rows) < count:
        doc += 1
        for number in range(1, pick.randrange(1, 6)):
            value, end = pick.choice(dates)
            people = pick.sample(names[:2], pick.randrange(2))
            orgs = pick.sample(names[2:], pick.randrange(3))
            rows.append({"doc_id": f"d{doc}", "event_id": f"d{doc}#E{number}", "date": value, "date_end": end,
                         "granularity": "day" if len(value) == 10 else "year", "event_type": pick.choice(
                             ["agreement", "meeting", ""]), "trigger": "signed", "trigger_start": number,
                         "trigger_end": number + 6, "people": ";".join(people), "organisations": ";".join(orgs),
                         "location": pick.choice(["", "Paris", "paris"]), "status": "past",
                         "sentence": pick.choice(sentences), "start": 0, "end": 10, "rule": "",
                         "date_source": pick.choice(["explicit", "narrative", "narrative", "published"]),
                         "lemma": pick.choice(["", "end", "sign"])})
    return rows


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("chunk_rows", [3, 50, 10_000])
def test_streamed_rows_are_the_rows_of_the_whole_run_in_memory(seed: int, chunk_rows: int, tmp_path) -> None:
    """stream_events_merged (events sorted on disk, merged one independent component at a time) gives the
    rows events_merged_rows gives holding every event, in the same order with the same merged ids; chunks
    of 3 rows make many runs on disk, 10,000 none. Its scratch files are gone afterwards."""
    rows = _random_rows(random.Random(seed), 600)
    expected = events_merged_rows(rows)
    assert len(expected) > 50 and any(r["count"] > 2 for r in expected)
    assert list(stream_events_merged(iter(rows), tmp_path, chunk_rows)) == expected
    assert list(tmp_path.iterdir()) == []


def test_streamed_rows_of_no_events(tmp_path) -> None:
    assert list(stream_events_merged([], tmp_path)) == []


def test_an_event_without_names_is_checked_only_against_groups_it_could_join(monkeypatch) -> None:
    # nameless events of one type and date, each with its own lemma and no place, cannot join each other and
    # are not compared (comparing each with every nameless group was quadratic); the last joins lemma7's group
    checks = []
    takes = merge._Group.takes
    monkeypatch.setattr(merge._Group, "takes", lambda group, *args: checks.append(1) or takes(group, *args))
    telling = "A storm hit the coast on Monday"
    events = [sourced(f"d{i}", 1, replace(event("2024", sentence=telling), lemma=f"lemma{i}")) for i in range(200)]
    events += [sourced("x", 1, replace(event("2024", sentence=telling), lemma="lemma7"))]
    merged = merge_events(events)
    assert len(merged) == 200 and len(checks) == 1

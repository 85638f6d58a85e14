"""Tests for extract.bench.eventtime on tiny invented TimeML and event-time files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.bench.eventtime import (
    SYSTEMS,
    EventTimeReport,
    Guess,
    Point,
    accuracy,
    agrees,
    format_report,
    parse_gold_value,
    prediction_of,
    read_gold,
    read_tml_events,
    run_eventtime_bench,
)
from extract.core.errors import GoldError
from extract.core.settings import Settings
from extract.events.extraction import EventDate

# Invented for these tests (not from any benchmark).
SYNTHETIC_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>SYN0002</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-09" temporalFunction="false" functionInDocument="CREATION_TIME">20010309</TIMEX3></DCT>
<TEXT>
The mill <EVENT eid="e1" class="OCCURRENCE">closed</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2001-03-06">Tuesday</TIMEX3>, the owner <EVENT eid="e2" class="REPORTING">said</EVENT>.
Workers will <EVENT eid="e3" class="OCCURRENCE">protest</EVENT> in town.
The <EVENT eid="e4" class="OCCURRENCE">fire</EVENT> &amp; smoke <EVENT eid="e5" class="OCCURRENCE">spread</EVENT> fast.
</TEXT>
</TimeML>
"""
SYNTHETIC_TAB = (
    "SYN0002\t0\t2\tevent\te1\t1\ttime\t2001-03-06\n"
    "SYN0002\t0\t9\tevent\te2\t1\ttime\t2001-03-09\n"
    "SYN0002\t1\t2\tevent\te3\t1\ttime\tafter2001-03-09\n"
    "SYN0002\t2\t1\tevent\te4\t1\ttime\tbeginPoint=before2001-03-09endPoint=before2001-03-09\n"
    "SYN0002\t2\t4\tevent\te5\t1\ttime\tn/a\n"
)


def _write(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "TimeBank").mkdir()
    (tmp_path / "TimeBank" / "SYN0002.tml").write_text(SYNTHETIC_TML, encoding="utf-8")
    (tmp_path / "times.tab").write_text(SYNTHETIC_TAB, encoding="utf-8")
    return tmp_path / "times.tab", tmp_path


def _day(value: str) -> Guess:
    day = date.fromisoformat(value)
    return Guess(day, day)


# --- reading --------------------------------------------------------------------------------------

def test_read_tml_events_offsets_and_dct(tmp_path: Path) -> None:
    _, folder = _write(tmp_path)
    tml = read_tml_events(folder / "TimeBank" / "SYN0002.tml")
    assert (tml.doc_id, tml.dct) == ("SYN0002", date(2001, 3, 9))
    assert {eid: text for eid, (_, _, text) in tml.events.items()} == {
        "e1": "closed", "e2": "said", "e3": "protest", "e4": "fire", "e5": "spread"}
    assert all(tml.text[s:e] == t for s, e, t in tml.events.values())
    assert "fire & smoke" in tml.text


def test_read_gold_rows(tmp_path: Path) -> None:
    tab, _ = _write(tmp_path)
    gold = read_gold(tab)
    assert [(g.eid, g.kind) for g in gold] == [("e1", "single day, exact"), ("e2", "single day, exact"),
                                               ("e3", "single day, bounded"), ("e4", "multi-day"), ("e5", "n/a")]


def test_read_gold_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tab"
    path.write_text("D\t0\t1\tevent\te1\t1\ttime\t2001-03-06\nD\t0\t2\tevent\te2\t1\ttime\tsoon\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad.tab:2"):
        read_gold(path)


@pytest.mark.parametrize("value, expected", [
    ("2001-03-06", ((Point(date(2001, 3, 6)),) * 2,)),
    ("before2001-03-09", ((Point(before=date(2001, 3, 9)),) * 2,)),
    ("after2001-01-01before2001-12-31", ((Point(after=date(2001, 1, 1), before=date(2001, 12, 31)),) * 2,)),
    ("after2001-02-01before2001-02-28", ((Point(after=date(2001, 2, 1), before=date(2001, 2, 28)),) * 2,)),
    ("after2000-02-01before2000-02-28", ((Point(after=date(2000, 2, 1), before=date(2000, 2, 29)),) * 2,)),
    ("beginPoint=2001-03-01endPoint=after2001-03-09",
     ((Point(date(2001, 3, 1)), Point(after=date(2001, 3, 9))),)),
    ("beginPoint=before2001-03-09endPoint=xxxx-xx-xx", ((Point(before=date(2001, 3, 9)), Point()),)),
    ("n/a", ()),
])
def test_parse_gold_value(value: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert parse_gold_value(value) == expected


def test_alternatives_are_kept() -> None:
    assert len(parse_gold_value("after2001-01-01before2001-01-05,after2001-02-01before2001-02-05")) == 2


# --- scoring -------------------------------------------------------------------------------------

@pytest.mark.parametrize("predicted, value, right", [
    ((_day("2001-03-06"),) * 2, "2001-03-06", True),
    ((_day("2001-03-07"),) * 2, "2001-03-06", False),
    ((_day("2001-03-08"),) * 2, "before2001-03-09", True),
    ((_day("2001-03-09"),) * 2, "before2001-03-09", False),  # bounds are strict for a day
    ((Guess(date(2001, 2, 1), date(2001, 2, 28), "month"),) * 2, "after2001-02-01before2001-02-28", True),
    ((Guess(date(2001, 1, 1), date(2001, 12, 31), "year"),) * 2, "after2001-01-01before2001-12-31", True),
    ((Guess(date(2001, 1, 1), date(2001, 12, 31), "year"),) * 2, "2001-06-01", False),
    ((Guess(date(2001, 1, 1), date(2001, 12, 31), "year"),) * 2, "beginPoint=2001-01-01endPoint=2001-12-31", True),
    ((_day("2001-03-08"), _day("2001-03-10")), "beginPoint=before2001-03-09endPoint=after2001-03-09", True),
    ((_day("2001-03-09"),) * 2, "beginPoint=before2001-03-09endPoint=after2001-03-09", False),
    ((_day("2001-03-08"),) * 2, "beginPoint=before2001-03-09endPoint=xxxx-xx-xx", True),
])
def test_agrees(predicted: tuple[Guess, Guess], value: str, right: bool) -> None:
    assert agrees(predicted, parse_gold_value(value)) is right


def test_prediction_of_a_found_date_a_status_and_nothing() -> None:
    dct = date(2001, 3, 9)
    month = EventDate("2001-02", "", "month", 0, 8, "February", "governed")
    assert prediction_of(month, dct) == (Guess(date(2001, 2, 1), date(2001, 2, 28), "month"),) * 2
    span = EventDate("2001-03-01", "2001-03-04", "day", 0, 8, "1-4 March", "governed")
    assert prediction_of(span, dct) == (_day("2001-03-01"), _day("2001-03-04"))
    assert prediction_of(None, dct, "past", use_status=True) == (_day("2001-03-08"),) * 2
    assert prediction_of(None, dct, "scheduled", use_status=True) == (_day("2001-03-10"),) * 2
    assert prediction_of(None, dct, "ongoing", use_status=True) == (_day("2001-03-08"), _day("2001-03-10"))
    assert prediction_of(None, dct, "past") == (_day("2001-03-09"),) * 2  # without status: the DCT


def test_format_report_table() -> None:
    report = EventTimeReport(documents=1, left_out=1)
    report.total.update({"single day, exact": 2, "multi-day": 1})
    report.right.update({("publication date", "single day, exact"): 1, ("extract", "single day, exact"): 2})
    report.how.update({"governed": 1, "none": 2})
    report.how_right.update({"governed": 1, "none": 1})
    assert accuracy(report, "extract") == pytest.approx(2 / 3)
    assert accuracy(report, "extract", "single day, bounded") is None
    text = format_report(report)
    assert "3 events with a gold date in 1 documents (1 n/a left out" in text
    assert all(system in text for system in SYSTEMS)
    assert "66.7%" in text and "42.0%" in text


# --- end to end with the model ----------------------------------------------------------------------

@pytest.mark.model
def test_run_on_synthetic_files(tmp_path: Path) -> None:
    tab, folder = _write(tmp_path)
    report = run_eventtime_bench(tab, folder, Settings())
    assert (report.documents, report.left_out, report.missing, report.failed) == (1, 1, [], [])
    assert sum(report.total.values()) == 4
    assert report.how["governed"] >= 1  # "closed on Tuesday"
    assert accuracy(report, "extract + status") >= accuracy(report, "publication date")  # type: ignore[operator]
    assert "SYN0002" not in format_report(report)


def test_missing_tml_file_is_named(tmp_path: Path) -> None:
    tab, _ = _write(tmp_path)
    with pytest.raises(GoldError, match="SYN0002.tml not found"):
        run_eventtime_bench(tab, tmp_path / "nowhere", Settings())

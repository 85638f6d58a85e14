"""Tests for extract.bench.timeml on a tiny invented TimeML file and hand-made predictions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.bench.readers import GoldTimex, TimemlDoc, parse_tml, read_corpus
from extract.bench.timeml import (
    GOLD_SLIP,
    SYSTEMS,
    Counts,
    Prediction,
    build_report,
    format_errors,
    format_report,
    score_doc,
    timeml_predictions,
    value_error_class,
)
from extract.core.errors import GoldError
from extract.core.mention import Mention
from extract.dates.readers import range_cuts
from extract.dates.types import Timex
from extract.normalise.resolve import Resolved

# Invented for these tests (not from any benchmark).
SYNTHETIC_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>SYN0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" functionInDocument="CREATION_TIME">19980610</TIMEX3></DCT>
<TEXT>
The firm <EVENT eid="e1" class="REPORTING">said</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-06-09" temporalFunction="true" anchorTimeID="t0">Tuesday</TIMEX3> it would open a plant in <TIMEX3 tid="t2" type="DATE" value="1999-03" temporalFunction="false">March 1999</TIMEX3> &amp; run it for <TIMEX3 tid="t3" type="DURATION" value="P2Y" temporalFunction="false">two years</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t2"/>
</TimeML>
"""
PLAIN = "\nThe firm said on Tuesday it would open a plant in March 1999 & run it for two years.\n"


def _write(path: Path, dct: str = "1998-06-10") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SYNTHETIC_TML.format(dct=dct), encoding="utf-8")
    return path


def _gold(start: int, end: int, type_: str = "DATE", value: str = "1998-06-09", relative: bool = False,
          text: str | None = None) -> GoldTimex:
    return GoldTimex(f"t{start}", start, end, text or "x" * (end - start), type_, value, relative)


def _pred(start: int, end: int, type_: str = "DATE", value: str | None = "1998-06-09") -> Prediction:
    return Prediction(start, end, "x" * (end - start), type_, value)


# --- parsing ---------------------------------------------------------------------------------------

def test_parse_tml_plain_text_and_offsets(tmp_path: Path) -> None:
    doc = parse_tml(_write(tmp_path / "TimeBank" / "syn.tml"))
    assert doc.doc_id == "SYN0001"
    assert doc.part == "TimeBank"
    assert doc.dct == date(1998, 6, 10)
    assert doc.text == PLAIN
    assert [(t.text, t.type, t.value, t.relative) for t in doc.timexes] == [
        ("Tuesday", "DATE", "1998-06-09", True),
        ("March 1999", "DATE", "1999-03", False),
        ("two years", "DURATION", "P2Y", False),
    ]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)


def test_parse_tml_dct_with_time(tmp_path: Path) -> None:
    assert parse_tml(_write(tmp_path / "a.tml", dct="1998-06-10T09:30")).dct == date(1998, 6, 10)


def test_parse_tml_bad_dct_names_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.tml", dct="XXXX")
    with pytest.raises(GoldError, match="bad.tml"):
        parse_tml(path)


def test_parse_tml_malformed_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.tml"
    path.write_text("<TimeML><TEXT>open", encoding="utf-8")
    with pytest.raises(GoldError, match="broken.tml"):
        parse_tml(path)


def test_read_corpus_parts_and_limit(tmp_path: Path) -> None:
    _write(tmp_path / "TimeBank" / "a.tml")
    _write(tmp_path / "AQUAINT" / "b.tml")
    assert [d.part for d in read_corpus(tmp_path)] == ["AQUAINT", "TimeBank"]
    assert len(read_corpus(tmp_path, limit=1)) == 1
    assert [d.part for d in read_corpus(tmp_path / "TimeBank")] == ["TimeBank"]


def test_read_corpus_errors(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no .tml files"):
        read_corpus(tmp_path)
    with pytest.raises(ValueError, match="limit"):
        read_corpus(tmp_path, limit=0)


# --- scoring ---------------------------------------------------------------------------------------

SCORING_CASES = [
    # (gold, predictions, expected counts)
    pytest.param([_gold(0, 7)], [_pred(0, 7)], Counts(1, 0, 0, 1, 0, 0, 1), id="exact, right value"),
    pytest.param([_gold(0, 7)], [_pred(0, 10, value="1998-06")], Counts(0, 1, 1, 1, 0, 0, 0), id="overlap, wrong value"),
    pytest.param([_gold(0, 7)], [], Counts(0, 0, 1, 0, 0, 1, 0), id="missed"),
    pytest.param([], [_pred(0, 7)], Counts(0, 1, 0, 0, 1, 0, 0), id="spurious"),
    pytest.param([_gold(0, 7)], [_pred(0, 3), _pred(0, 7)], Counts(1, 1, 0, 1, 1, 0, 1), id="one-to-one, exact first"),
    pytest.param([_gold(0, 9, "DURATION", "P2Y")], [_pred(4, 9)], Counts(), id="overlaps gold duration: ignored"),
    pytest.param([_gold(0, 7)], [_pred(0, 7, "DURATION", "P1D")], Counts(0, 0, 1, 0, 0, 1, 0), id="typed duration: ignored"),
    pytest.param([_gold(0, 7, "TIME", "1998-06-09TMO")], [_pred(0, 7, "TIME", "1998-06-09TMO")],
                 Counts(1, 0, 0, 1, 0, 0, 1), id="time is scored"),
    pytest.param([_gold(0, 4, "SET", "P1W"), _gold(10, 14)], [_pred(0, 14)], Counts(0, 1, 1, 1, 0, 0, 1),
                 id="matched date wins over set"),
]


@pytest.mark.parametrize(("gold", "predictions", "expected"), SCORING_CASES)
def test_score_doc(gold: list[GoldTimex], predictions: list[Prediction], expected: Counts) -> None:
    assert score_doc(gold, predictions).counts == expected


def test_score_doc_lists_errors() -> None:
    gold = [_gold(0, 7), _gold(20, 30, value="1999-03")]
    score = score_doc(gold, [_pred(0, 7), _pred(40, 45)])
    assert [g.start for g in score.missed] == [20]
    assert [p.start for p in score.spurious] == [40]
    assert [(g.start, p.start) for g, p in score.pairs] == [(0, 0)]


spans = st.tuples(st.integers(0, 30), st.integers(1, 6)).map(lambda s: (s[0], s[0] + s[1]))


@given(st.lists(spans, max_size=5), st.lists(spans, max_size=5))
def test_counts_add_up(gold_spans: list[tuple[int, int]], pred_spans: list[tuple[int, int]]) -> None:
    c = score_doc([_gold(*s) for s in gold_spans], [_pred(*s) for s in pred_spans]).counts
    assert c.strict_tp + c.strict_fn == c.relaxed_tp + c.relaxed_fn == len(gold_spans)
    assert c.strict_tp + c.strict_fp == c.relaxed_tp + c.relaxed_fp == len(pred_spans)
    assert c.strict_tp <= c.relaxed_tp and c.value_tp <= c.relaxed_tp


def test_counts_scores() -> None:
    scores = (Counts(1, 1, 1, 2, 0, 0, 1) + Counts(1, 1, 1, 2, 0, 0, 1)).scores()
    assert scores["strict_p"] == scores["strict_r"] == scores["strict_f"] == 0.5
    assert scores["relaxed_f"] == 1.0
    assert scores["value_acc"] == scores["value_f"] == 0.5
    assert Counts().scores() == dict.fromkeys(scores)  # None, not 0.0, where there is nothing to score
    no_predictions = Counts(relaxed_fn=2, strict_fn=2).scores()
    assert no_predictions["relaxed_p"] is None and no_predictions["relaxed_f"] == no_predictions["value_f"] == 0.0


@pytest.mark.parametrize(("gold", "predicted", "expected"), [
    pytest.param(_gold(0, 5, value="1999-03"), _pred(0, 5, value="1999-03-01"), "wrong value: granularity", id="day for month"),
    pytest.param(_gold(0, 5, relative=True), _pred(0, 5, value="1998-06-02"), "wrong value: wrong anchor", id="last week's day"),
    pytest.param(_gold(0, 5, value="1999-03"), _pred(0, 5, value="1998-03"), "wrong value: other", id="explicit, wrong year"),
    pytest.param(_gold(0, 5, value="PRESENT_REF"), _pred(0, 5, value="1998-06-10"), "wrong value: other", id="vague"),
    pytest.param(_gold(0, 5, relative=True), _pred(0, 5, value=None), "wrong value: other", id="unresolved"),
    pytest.param(_gold(0, 5, value="1998-WXX"), _pred(0, 5, value="1998-W23"), "wrong value: underspecified gold",
                 id="gold left open"),
    pytest.param(_gold(0, 4, text="1968", value="1968-XX"), _pred(0, 4, value="1968"), GOLD_SLIP,
                 id="bare year given as a month"),
    pytest.param(_gold(0, 7, text="Tuesday", value="2000-04-05"), _pred(0, 7, value="2000-04-04"), GOLD_SLIP,
                 id="a Wednesday called Tuesday"),
    pytest.param(_gold(0, 14, text="Sept. 27, 1989", value="1989-11-27"), _pred(0, 14, value="1989-09-27"), GOLD_SLIP,
                 id="month unlike the text"),
    pytest.param(_gold(0, 9, text="this week", value="2000-W7"), _pred(0, 9, value="2000-W07"), GOLD_SLIP,
                 id="one-digit week"),
    pytest.param(_gold(0, 23, text="day before last Tuesday", value="2000-02-21"), _pred(0, 23, value="2000-02-22"),
                 "wrong value: other", id="another day than the one named is no slip"),
])
def test_value_error_class(gold: GoldTimex, predicted: Prediction, expected: str, lex) -> None:
    assert value_error_class(gold, predicted, lex) == expected


JOINERS = ("-", "–", "to", "and")


@pytest.mark.parametrize(("text", "halves"), [
    ("between 2012 and 2015", [("2012", "2015")]),
    ("  March 3 - April 9 ", [("March 3", "April 9")]),
    ("June 2 to 14", [("June 2", "14")]),
    ("the summer", []),
])
def test_range_cuts(text: str, halves: list[tuple[str, str]]) -> None:
    assert [(text[left], text[right]) for left, right in range_cuts(text, JOINERS)] == halves


def _resolved(text: str, value: str, value_end: str = "", offset: int = 100) -> Resolved:
    return Resolved(Mention("DATE", offset, offset + len(text), text, "test"), timex=Timex(value, value_end=value_end))


def test_range_between_two_dates_is_two_timeml_timexes() -> None:
    two = timeml_predictions(_resolved("between 2012 and 2015", "2012", "2015"), JOINERS)
    assert [(p.start, p.end, p.text, p.value) for p in two] == [(108, 112, "2012", "2012"), (117, 121, "2015", "2015")]


@pytest.mark.parametrize(("text", "value", "value_end"), [
    ("June 2-14", "2026-06-02", "2026-06-14"),
    ("2 to 14 June", "2026-06-02", "2026-06-14"),
    ("2019-20", "2019", "2020"),
    ("2012 and 2015", "2012", ""),  # no end value: not a range
])
def test_range_to_a_bare_number_stays_one_timex(text: str, value: str, value_end: str) -> None:
    [one] = timeml_predictions(_resolved(text, value, value_end), JOINERS)
    assert (one.start, one.end, one.value) == (100, 100 + len(text), value)


def _doc(part: str, timexes: list[GoldTimex]) -> TimemlDoc:
    return TimemlDoc(f"{part}-doc", part, f"{part}.tml", "y" * 50, date(1998, 6, 10), tuple(timexes))


def test_build_report_parts_and_errors(lex) -> None:
    docs = [_doc("TimeBank", [_gold(0, 7), _gold(10, 15)]), _doc("AQUAINT", [_gold(0, 7, value="1999-03")])]
    ours = [[_pred(0, 7), _pred(20, 25)], [_pred(0, 7, value="1999-03-01")]]
    perfect = [[_pred(0, 7), _pred(10, 15)], [_pred(0, 7, value="1999-03")]]
    report = build_report(docs, {"extract": ours, "search_dates": perfect}, lex, max_errors=1)
    assert list(report.counts) == ["AQUAINT", "TimeBank", "all"]
    assert report.documents == {"AQUAINT": 1, "TimeBank": 1, "all": 2}
    assert report.counts["all"]["extract"] == Counts(2, 1, 1, 2, 1, 1, 1)
    assert report.counts["all"]["extract"] == report.counts["AQUAINT"]["extract"] + report.counts["TimeBank"]["extract"]
    assert report.counts["all"]["search_dates"].scores()["value_f"] == 1.0
    assert report.error_counts == {"missed span": 1, "spurious span": 1, "wrong value: granularity": 1}
    table = format_report(report)
    assert "TimeBank (1 docs, 2 gold DATE/TIME)" in table and "value F1" in table and "100.0" in table
    assert "wrong value: granularity: 1" in format_errors(report, 5)


def test_build_report_single_part_has_no_all(lex) -> None:
    report = build_report([_doc("TimeBank", [_gold(0, 7)])], {"extract": [[_pred(0, 7)]]}, lex)
    assert list(report.counts) == ["TimeBank"]


# --- end to end (loads the model) ------------------------------------------------------------------

@pytest.mark.model
def test_run_timeml_bench_end_to_end(tmp_path: Path) -> None:
    from extract.bench.timeml import run_timeml_bench
    from extract.core.settings import Settings

    _write(tmp_path / "TimeBank" / "syn.tml")
    report = run_timeml_bench(tmp_path, Settings(), limit=5)
    assert list(report.counts) == ["TimeBank"]
    assert tuple(report.counts["TimeBank"]) == SYSTEMS
    for counts in report.counts["TimeBank"].values():
        assert counts.relaxed_tp + counts.relaxed_fn == 2
    assert all(system in format_report(report) for system in SYSTEMS)

"""Tests for extract.bench.speed: corpus building, cycling, report arithmetic (no timing assertions)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.bench.speed import (
    SYSTEMS,
    BenchError,
    SpeedReport,
    SystemResult,
    build_corpus,
    cycle_documents,
    distinct_texts,
    format_report,
    format_speedup,
    run_speed_bench,
)
from extract.core.documents import Document
from extract.core.errors import InputError
from extract.core.settings import Settings

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>FAKE001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2031-04-02" functionInDocument="CREATION_TIME">April 2</TIMEX3></DCT>
<TITLE>Harbour ferry resumes</TITLE>
<TEXT>
The Kelmsby ferry <EVENT eid="e1" class="OCCURRENCE">resumed</EVENT> service <TIMEX3 tid="t1" type="DATE"
value="2031-04-01">yesterday</TIMEX3> &amp; crews cheered.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""

CONLLU = """# newdoc id = orchard_story
# meta::dateCreated = 2029-09-14
# meta::title = Orchard wins prize
# newpar
# sent_id = orchard_story-1
# text = The Brambleton orchard won a prize.
1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_
# sent_id = orchard_story-2
# text = Judges praised its pears.
1\tJudges\tjudge\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
# newpar_block = head
# newpar
# text = Sales rose in October.
1\tSales\tsale\tNOUN\tNNS\t_\t2\tnsubj\t_\t_

# newdoc id = second_story
# text = A second tale begins.
1\tA\ta\tDET\tDT\t_\t3\tdet\t_\t_
"""

FINER = """gold_label,gold_token,doc_idx,sent_idx
0,Shares,0,0
0,of,0,0
5,Quillon,0,0
0,",",0,0
0,rose,0,0
0,.,0,1
0,Buyers,1,0
0,waited,1,0
"""


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "alpha.txt").write_text("The Wexford council met on Tuesday to approve a new bridge.\n", encoding="utf-8")
    (folder / "beta.jsonl").write_text(
        '{"id": "b1", "text": "Pellworth Mining paid $3 million for the site.", "published": "2030-01-05"}\n'
        '{"id": "b2", "text": "Anna Morrow joined the board in March."}\n', encoding="utf-8")
    return folder


# --- corpus building ------------------------------------------------------------------------------

def test_build_corpus_reads_plain_inputs(inputs: Path) -> None:
    corpus = build_corpus([inputs], 3)
    assert [d.doc_id for d in corpus] == ["alpha", "b1", "b2"]
    assert corpus[1].published == date(2030, 1, 5)


def test_build_corpus_takes_first_n(inputs: Path) -> None:
    assert [d.doc_id for d in build_corpus([inputs], 2)] == ["alpha", "b1"]


def test_cycling_makes_unique_ids(inputs: Path) -> None:
    corpus = build_corpus([inputs], 8)
    ids = [d.doc_id for d in corpus]
    assert len(corpus) == 8 and len(set(ids)) == 8
    assert ids[3:6] == ["alpha~r1", "b1~r1", "b2~r1"]
    assert corpus[6].text == corpus[0].text
    assert distinct_texts(corpus) == 3


def test_a_cycled_corpus_is_made_as_it_is_read(inputs: Path) -> None:
    """The corpus sent to a measured system is its distinct documents and a count: the main process of a
    10,000-document run does not hold 10,000 documents the bench made for it (its growth is extract's)."""
    import pickle

    small, large = build_corpus([inputs], 8), build_corpus([inputs], 8_000)
    assert len(pickle.dumps(large)) <= len(pickle.dumps(small)) + 4  # the count, not the documents
    assert list(large[:8]) == list(small) and len(large[:5000]) == 5000
    assert large[-1].doc_id == large[7999].doc_id == "b1~r2666" and large[2:4] == [small[2], small[3]]
    with pytest.raises(IndexError):
        large[8000]


def test_cycle_documents_pure() -> None:
    docs = [Document("x", "s", "one"), Document("y", "s", "two")]
    assert [d.doc_id for d in cycle_documents(docs, 5)] == ["x", "y", "x~r1", "y~r1", "x~r2"]
    with pytest.raises(ValueError):
        cycle_documents([], 3)


def test_timeml_text_without_tags(tmp_path: Path) -> None:
    (tmp_path / "FAKE001.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "README.txt").write_text("About this data set.", encoding="utf-8")
    [doc] = build_corpus([tmp_path], 1)
    assert doc.doc_id == "FAKE001" and doc.title == "Harbour ferry resumes"
    assert doc.text == "The Kelmsby ferry resumed service yesterday & crews cheered."
    assert doc.published == date(2031, 4, 2) and doc.published_from == "metadata"
    assert distinct_texts(build_corpus([tmp_path], 4)) == 1  # README.txt is not an article


def test_conllu_rebuilt_per_newdoc(tmp_path: Path) -> None:
    path = tmp_path / "stories.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    first, second = build_corpus([path], 2)
    assert first.doc_id == "orchard_story" and first.title == "Orchard wins prize"
    assert first.text == "The Brambleton orchard won a prize. Judges praised its pears.\n\nSales rose in October."
    assert first.published == date(2029, 9, 14)
    assert (second.doc_id, second.text) == ("second_story", "A second tale begins.")


def test_finer_csv_rebuilt_by_doc_idx(tmp_path: Path) -> None:
    (tmp_path / "test.csv").write_text(FINER, encoding="utf-8")
    first, second = build_corpus([tmp_path], 2)
    assert (first.doc_id, first.text) == ("test:0", "Shares of Quillon , rose\n.")
    assert (second.doc_id, second.text) == ("test:1", "Buyers waited")


def test_duplicate_ids_across_formats(tmp_path: Path) -> None:
    (tmp_path / "FAKE001.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "FAKE001.tml").write_text(TML, encoding="utf-8")
    ids = [d.doc_id for d in build_corpus([tmp_path / "FAKE001.tml", tmp_path / "sub" / "FAKE001.tml"], 2)]
    assert ids == ["FAKE001", "FAKE001~2"]


def test_other_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "prices.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="FiNER-ORD"):
        build_corpus([path], 1)


def test_no_readable_documents(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(BenchError, match="no readable documents"):
        build_corpus([tmp_path], 3)
    with pytest.raises(ValueError):
        build_corpus([tmp_path], 0)


# --- report arithmetic and formatting -------------------------------------------------------------

def _report() -> SpeedReport:
    return SpeedReport(
        results=(SystemResult("extract", 10, 2000, 4.0, 1.5, 600.0),
                 SystemResult("spacy-full", 10, 2000, 2.0, 1.0, 400.0),
                 SystemResult("spacy-ner", 10, 2000, 1.0, 1.0, 300.0)),
        docs=10, distinct_texts=4, processes=2, model="tiny_model")


def test_report_arithmetic() -> None:
    report = _report()
    assert report.result("extract").words_per_second == 500.0
    assert report.speed_ratio("spacy-ner") == 0.25
    assert report.speed_ratio("spacy-full") == 0.5
    assert report.memory_ratio("spacy-ner") == 2.0
    assert SystemResult("x", 1, 5, 0.0, 0.0, 1.0).words_per_second is None
    with pytest.raises(KeyError):
        report.result("stanza")


def test_format_report() -> None:
    text = format_report(_report())
    assert "10 docs (4 distinct texts), model tiny_model, processes 2" in text
    ratios = [line for line in text.splitlines() if line.startswith("extract/")]
    assert ratios == ["extract/spacy-full: words/s x0.50, peak RSS x1.50",  # the user's alternative first
                      "extract/spacy-ner: words/s x0.25, peak RSS x2.00"]
    extract_line = next(line for line in text.splitlines() if line.startswith("extract "))
    assert extract_line.split() == ["extract", "10", "2000", "4.00", "500", "600.0", "1.50"]


# --- end to end with the model --------------------------------------------------------------------

@pytest.mark.model
def test_run_speed_bench_end_to_end(inputs: Path, tmp_path: Path) -> None:
    report = run_speed_bench([inputs], Settings(), docs=5, processes=1)
    assert [r.system for r in report.results] == list(SYSTEMS)
    assert all(r.words > 0 and r.docs == 5 and r.peak_rss_mb > 0 for r in report.results)
    assert len({r.words for r in report.results}) == 1  # same texts for every system
    assert report.distinct_texts == 3
    assert "spacy-ner" in format_report(report)


def _timed(processes: int, extract_seconds: float, spacy_seconds: float) -> SpeedReport:
    results = tuple(SystemResult(system, 10, 1000, seconds, 0.0, 100.0) for system, seconds in
                    (("extract", extract_seconds), ("spacy-full", spacy_seconds), ("spacy-ner", spacy_seconds)))
    return SpeedReport(results, docs=10, distinct_texts=4, processes=processes, model="tiny_model")


def test_format_speedup_divides_words_per_second() -> None:
    text = format_speedup([_timed(1, 10.0, 8.0), _timed(2, 5.0, 5.0)])
    assert text == "speed-up 1 -> 2 processes: extract x2.00, spacy-full x1.60, spacy-ner x1.60"


def test_cli_process_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--processes 1,2` measures at each count on one corpus and prints the speed-up."""
    from typer.testing import CliRunner

    from extract.bench import speed
    from extract.cli.app import app

    seen: dict[str, object] = {}
    monkeypatch.setattr(speed, "run_speed_benches", lambda *a, **k: seen.setdefault("speed", k)
                        and [_timed(1, 10.0, 8.0), _timed(2, 5.0, 5.0)])
    outcome = CliRunner().invoke(app, ["bench", "speed", "corpus", "--docs", "10", "--processes", "1,2",
                                       "--no-stages"])
    assert outcome.exit_code == 0, outcome.output
    assert seen["speed"] == {"docs": 10, "processes": [1, 2]}
    assert "speed-up 1 -> 2 processes: extract x2.00" in outcome.output


@pytest.mark.parametrize("option", [["--processes", "0,2"], ["--processes", "two"], ["--growth-docs", "1000"]])
def test_cli_refuses_bad_counts(option: list[str]) -> None:
    from typer.testing import CliRunner

    from extract.cli.app import app

    outcome = CliRunner().invoke(app, ["bench", "speed", "corpus", "--docs", "10", *option])
    assert outcome.exit_code == 2
    assert "positive whole numbers" in outcome.output


# --- cost per character as one document grows -----------------------------------------------------

def test_scaling_texts_have_the_length_asked_and_the_kind_asked() -> None:
    from extract.bench.scaling import entity_dense, texts_for

    dense = entity_dense(3_000)
    assert len(dense) == 3_000 and dense.count("Mr. ") >= 10 and "$" in dense
    news = "First paragraph.\n\nSecond one, longer than the first."
    assert len(texts_for("news", news, 500)) == 500 and "\n" in texts_for("news", news, 500)
    assert "\n" not in texts_for("single-line", news, 500)


def test_format_scaling_gives_the_ratio_to_the_base_length() -> None:
    from extract.bench.scaling import ScalingRow, format_scaling

    rows = [ScalingRow("news", 1_000, 0.1), ScalingRow("news", 8_000, 1.2)]
    lines = format_scaling(rows).splitlines()
    assert lines[1].endswith("x1.00") and lines[2].endswith("x1.50")

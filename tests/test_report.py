"""The HTML report (offline, every row id an anchor, gold errors marked) and the terminal view."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

import extract
from extract.cli.app import app
from extract.report.data import anchor, page_name

ROOT = Path(__file__).resolve().parents[1]
HREF = re.compile(r'(?:href|src)="([^"]*)"')
ID = re.compile(r' id="([^"]*)"')

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def report(corpus_outputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    shutil.copytree(corpus_outputs, out, ignore=shutil.ignore_patterns(".extract"))
    result = CliRunner().invoke(app, ["report", str(out), "--gold", str(ROOT / "corpus" / "gold")])
    assert result.exit_code == 0, result.output
    return out


def _ids(path: Path) -> set[str]:
    from html import unescape

    return {unescape(i) for i in ID.findall(path.read_text(encoding="utf-8"))}


def test_every_link_resolves_offline(report: Path):
    pages = list((report / "report").rglob("*.html"))
    assert len(pages) > 30
    ids = {path: _ids(path) for path in pages}
    for path in pages:
        for href in HREF.findall(path.read_text(encoding="utf-8")):
            assert not href.startswith(("http:", "https:", "//")), f"{path.name}: external {href}"
            if href.startswith("data:"):
                continue
            target, _, fragment = href.partition("#")
            resolved = (path.parent / target).resolve() if target else path
            assert resolved.exists(), f"{path.name}: {href}"
            if fragment:
                assert unquote(fragment) in ids[resolved], f"{path.name}: {href}"


def test_every_row_id_has_its_place(report: Path):
    tables = extract.load(report)
    folder = report / "report"
    for table, column in (("events", "event_id"), ("people", "person_id"), ("organisations", "org_id")):
        for row in tables[table].itertuples():
            assert anchor(getattr(row, column)) in _ids(folder / page_name("doc", row.doc_id)), (table, row)
    doc = folder / page_name("doc", "000_bfa303233e45c24c")
    mentions = tables["mentions"][tables["mentions"]["doc_id"] == "000_bfa303233e45c24c"]
    assert {f"m-{r.start}-{r.end}" for r in mentions.itertuples()} <= _ids(doc)
    assert set(tables["entities"]["entity_id"]) <= _ids(folder / "entities.html")
    assert set(tables["events_merged"]["merged_id"]) <= _ids(folder / "timeline.html")
    assert set(tables["documents"]["doc_id"]) <= _ids(folder / "index.html")
    for entity_id in tables["entities"]["entity_id"]:
        assert (folder / page_name("entity", entity_id)).exists()


def test_gold_errors_are_marked_and_scores_charted(report: Path):
    from extract.gold.scoring import evaluate

    errors = [e for e in evaluate(ROOT / "corpus" / "gold", report, ["gum_news_defector"]).errors
              if e["table"] == "mentions.strict"]
    assert errors
    page = (report / "report" / page_name("doc", "gum_news_defector")).read_text(encoding="utf-8")
    fps = [e for e in errors if e["kind"] == "fp"]
    for error in fps:
        assert re.search(rf'class="entity fp[^"]*" id="m-{error["start"]}-{error["end"]}"', page), error
    assert len(re.findall(r'class="entity (?:fn|[^"]*near-fn)"', page)) >= 1
    index = (report / "report" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in index and "mentions.PERSON.strict" in index


def test_entity_page_lists_its_documents_and_events(report: Path):
    page = (report / "report" / page_name("entity", "person:stephanie-obertin")).read_text(encoding="utf-8")
    assert "000_bfa303233e45c24c#E1" in page and "<rect" in page  # an event, on the entity's timeline


def test_show_prints_the_document_in_the_terminal(report: Path):
    result = CliRunner().invoke(app, ["show", "000_bfa303233e45c24c", "--out", str(report)])
    assert result.exit_code == 0, result.output
    assert "Obertin[PERSON]" in result.output and "events (" in result.output
    missing = CliRunner().invoke(app, ["show", "no-such-doc", "--out", str(report)])
    assert missing.exit_code == 2 and "no document 'no-such-doc'" in missing.output


def test_dates_centuries_apart_load_and_draw():
    """History in the news ("the Battle of Hastings in 1066", projections to 2300): nanosecond timestamps
    end in 1677 and 2262 and their differences at 292 years, which made loading or drawing such a run fail."""
    from datetime import date

    import pandas as pd

    from extract.report.svg import Point, timeline
    from extract.tables.load import _datetimes

    series = _datetimes([date(1066, 10, 14), date(2300, 12, 31), None], pd.RangeIndex(3))
    assert pd.api.types.is_datetime64_dtype(series.dtype)
    assert [d.year for d in series.dropna()] == [1066, 2300] and series.isna().tolist() == [False, False, True]
    svg = timeline([Point(series[0], series[0], "battle", "battle", "#a"),
                    Point(series[1], series[1], "forecast", "forecast", "#b")])
    assert "1066-10-14" in svg and "2300-12-31" in svg

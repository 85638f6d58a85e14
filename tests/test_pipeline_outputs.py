"""Tests that load the statistical model: the committed outputs, the gold thresholds, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli.app import app
from extract.gold.files import load_splits
from extract.gold.scoring import below_thresholds, evaluate

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("documents", "mentions", "people", "organisations", "money", "events", "entities", "events_merged")

pytestmark = pytest.mark.model


@pytest.mark.parametrize("table", TABLES)
def test_committed_outputs_are_fresh(corpus_outputs: Path, table: str):
    """outputs/ must be regenerated (`extract run`) whenever a change alters them."""
    committed = (ROOT / "outputs" / f"{table}.csv").read_text(encoding="utf-8")
    fresh = (corpus_outputs / f"{table}.csv").read_text(encoding="utf-8")
    fresh = fresh.replace(str(ROOT / "corpus"), "corpus")
    assert fresh == committed, f"outputs/{table}.csv is stale: run `extract run` and commit it"


@pytest.mark.parametrize("part", ["sample", "dev", "test"])
def test_scores_do_not_drop_below_thresholds(corpus_outputs: Path, part: str):
    docs = load_splits(ROOT / "corpus" / "splits.json")[part]
    scores = evaluate(ROOT / "corpus" / "gold", corpus_outputs, docs)
    thresholds = json.loads((ROOT / "tests" / "thresholds.json").read_text())[part]
    assert below_thresholds(scores.metrics(), thresholds) == []


def test_every_gold_article_is_in_exactly_one_part():
    parts = load_splits(ROOT / "corpus" / "splits.json")
    gold = sorted(p.stem for p in (ROOT / "corpus" / "gold").glob("*.json"))
    assigned = sorted(d for docs in parts.values() for d in docs)
    assert assigned == gold


def test_offsets_match_text(corpus_outputs: Path):
    import pandas as pd

    mentions = pd.read_csv(corpus_outputs / "mentions.csv", dtype=str, keep_default_na=False)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    for row in mentions.itertuples():
        written = texts[row.doc_id][int(row.start):int(row.end)]
        assert row.text in (written, "'" + written), (row.doc_id, row.start, row.text)


def test_cli_run_eval_and_validate(tmp_path: Path):
    runner = CliRunner()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Tokyo, Tuesday, 13 May 2025.\nMinister Jane Roe visited Acme Corp on Friday.", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-progress"])
    assert result.exit_code == 1, result.output  # one document failed
    assert "2 documents read, 1 failed" in result.output
    documents = (tmp_path / "out" / "documents.csv").read_text()
    assert "bad,"in documents and "empty file" in documents
    result = runner.invoke(app, ["gold", "validate", str(ROOT / "corpus" / "gold"), "--corpus", str(ROOT / "corpus")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["eval", "--gold", str(ROOT / "corpus" / "gold"), "--pred", str(ROOT / "outputs"),
                                 "--out", str(tmp_path / "eval"), "--min", str(ROOT / "tests" / "thresholds.json"),
                                 "--part", "sample"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "eval" / "errors.csv").exists()


def test_gold_draft_is_refused_as_gold(tmp_path: Path):
    runner = CliRunner()
    result = runner.invoke(app, ["gold", "draft", str(ROOT / "corpus" / "002_11b4c00c540b0393.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["gold", "validate", str(tmp_path), "--corpus", str(ROOT / "corpus")])
    assert result.exit_code == 1 and "not reviewed" in result.output

"""Round trips with annotation tools: export -> an edit in the tool's own format -> import gives the
gold with exactly that edit, and records the tools do not carry survive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.core.errors import GoldError
from extract.gold.exchange import FORMATS, export_gold, import_gold
from extract.gold.files import format_gold

ROOT = Path(__file__).resolve().parents[1]
TEXT = "On 13 May 2025, Jane Roe of Acme Corp paid €4 million to Beta Ltd.\r\nRoe left on Monday."
GOLD = {
    "doc_id": "d/1", "source": "d1.txt", "reviewed": True, "annotator": "test", "published": "2025-05-14",
    "labels": ["PERSON", "ORG", "DATE", "MONEY"],
    "spans": [
        {"start": 3, "end": 14, "label": "DATE", "text": "13 May 2025", "value": "2025-05-13"},
        {"start": 16, "end": 24, "label": "PERSON", "text": "Jane Roe", "value": "Jane Roe"},
        {"start": 28, "end": 37, "label": "ORG", "text": "Acme Corp", "value": "Acme Corp", "note": "buyer"},
        {"start": 43, "end": 53, "label": "MONEY", "text": "€4 million", "value": "EUR 4000000", "optional": True},
        {"start": 80, "end": 86, "label": "DATE", "text": "Monday", "value": "2025-05-19"},
    ],
    "people": [{"name": "Jane Roe", "role": "", "aliases": ["Roe"]}],
    "organisations": [{"name": "Acme Corp", "aliases": []}],
    "money": [{"start": 43, "end": 53, "text": "€4 million", "amount": "4000000", "currency": "EUR"}],
    "events": [{"date": "2025-05-13", "event_type": "funding", "trigger": "paid", "trigger_start": 38,
                "trigger_end": 42, "people": ["Jane Roe"], "organisations": ["Acme Corp"]}],
}
NEW = (57, 65, "ORG")  # "Beta Ltd", added in the tool
DELETED = 1  # "Jane Roe", deleted in the tool


def expected_after_edit() -> dict:
    spans = [s for i, s in enumerate(GOLD["spans"]) if i != DELETED]
    spans.append({"start": NEW[0], "end": NEW[1], "label": NEW[2], "text": TEXT[NEW[0]:NEW[1]]})
    return {**GOLD, "spans": sorted(spans, key=lambda s: (s["start"], s["end"]))}


def edit_labelstudio(out: Path) -> None:
    tasks = json.loads(out.read_text(encoding="utf-8"))
    result = tasks[0]["annotations"][0]["result"]
    del result[DELETED]
    result.append({"id": "new", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": NEW[0], "end": NEW[1], "text": "Beta Ltd", "labels": [NEW[2]]}})
    tasks[0]["annotations"] = [{"result": [], "was_cancelled": True}, {"result": result}]
    out.write_text(json.dumps(tasks), encoding="utf-8")


def edit_jsonl(out: Path, edit) -> None:  # type: ignore[no-untyped-def]
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    edit(record)
    out.write_text(json.dumps(record) + "\n", encoding="utf-8")


def edit_doccano(record: dict) -> None:
    """As doccano exports it: metadata at the top level, spans as 'label' rows, an id and comments."""
    del record["label"][DELETED]
    record["label"].append(list(NEW))
    record.update(id=7, Comments=[])


def edit_prodigy(record: dict) -> None:
    del record["spans"][DELETED]
    record["spans"].append({"start": NEW[0], "end": NEW[1], "label": NEW[2], "token_start": 12, "token_end": 13})
    record.update(answer="accept", _input_hash=1, _task_hash=2)


def edit_brat(folder: Path) -> None:
    ann = folder / "d%2F1.ann"
    lines = [line for line in ann.read_text(encoding="utf-8").splitlines() if "\tT2" not in line
             and not line.startswith("T2\t")]
    lines.append(f"T9\t{NEW[2]} {NEW[0]} {NEW[1]}\tBeta Ltd")
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")


EDITS = {
    "labelstudio": edit_labelstudio,
    "doccano": lambda out: edit_jsonl(out, edit_doccano),
    "prodigy": lambda out: edit_jsonl(out, edit_prodigy),
    "brat": edit_brat,
}


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, Path]:
    corpus, gold_dir = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold_dir.mkdir()
    with (corpus / "d1.txt").open("w", encoding="utf-8", newline="") as handle:
        handle.write(TEXT)
    (gold_dir / "d%2F1.json").write_text(format_gold(GOLD), encoding="utf-8")
    return corpus, gold_dir


def out_path(tmp_path: Path, tool: str) -> Path:
    return tmp_path / "export" / ("brat" if tool == "brat" else f"tasks.{'json' if tool == 'labelstudio' else 'jsonl'}")


@pytest.mark.parametrize("tool", FORMATS)
def test_an_edit_in_the_tool_is_exactly_the_edit_in_the_gold(tool: str, case, tmp_path: Path):
    corpus, gold_dir = case
    out = out_path(tmp_path, tool)
    export_gold(gold_dir, tool, out, corpus)
    EDITS[tool](out)
    report, problems = import_gold(out, tool, gold_dir, corpus)
    assert problems == []
    assert (gold_dir / "d%2F1.json").read_text(encoding="utf-8") == format_gold(expected_after_edit())
    carried_by_tool = tool != "brat"
    assert any("merged from the existing" in n for n in report.notes) != carried_by_tool, report.notes


@pytest.mark.parametrize("tool", FORMATS)
def test_records_survive_into_an_empty_gold_folder_where_the_tool_carries_them(tool: str, case, tmp_path: Path):
    corpus, gold_dir = case
    out = out_path(tmp_path, tool)
    export_gold(gold_dir, tool, out, corpus)
    fresh = tmp_path / "fresh"
    report, _ = import_gold(out, tool, fresh, corpus)
    imported = json.loads((fresh / "d%2F1.json").read_text(encoding="utf-8"))
    if tool == "brat":  # no metadata field: the records are gone, and the import says so
        assert imported["events"] == [] and imported["reviewed"] is False
        assert any("no existing gold file" in n for n in report.notes)
        assert imported["spans"] == GOLD["spans"]  # values, notes and optional ride in AnnotatorNotes
    else:
        assert imported == GOLD


@pytest.mark.parametrize("tool", FORMATS)
def test_every_shipped_gold_file_comes_back_byte_for_byte(tool: str, tmp_path: Path):
    gold = tmp_path / "gold"
    shutil.copytree(ROOT / "corpus" / "gold", gold)
    out = out_path(tmp_path, tool)
    export_gold(gold, tool, out, ROOT / "corpus")
    _, problems = import_gold(out, tool, gold, ROOT / "corpus")
    assert problems == []
    for original in sorted((ROOT / "corpus" / "gold").glob("*.json")):
        assert (gold / original.name).read_text(encoding="utf-8") == original.read_text(encoding="utf-8"), original


def test_drafts_go_to_label_studio_as_predictions(case, tmp_path: Path):
    corpus, gold_dir = case
    (gold_dir / "d%2F1.json").write_text(format_gold({**GOLD, "reviewed": False}), encoding="utf-8")
    out = tmp_path / "tasks.json"
    export_gold(gold_dir, "labelstudio", out, corpus)
    [task] = json.loads(out.read_text(encoding="utf-8"))
    assert "annotations" not in task and task["predictions"][0]["result"][0]["value"] == {
        "start": 3, "end": 14, "text": "13 May 2025", "labels": ["DATE"]}
    assert '<Label value="PERSON"/>' in out.with_suffix(".config.xml").read_text()


def test_tool_files_that_cannot_be_gold_are_clear_errors(case, tmp_path: Path):
    corpus, gold_dir = case
    before = (gold_dir / "d%2F1.json").read_text(encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": TEXT, "label": [[70, 200, "ORG"]], "doc_id": "d/1"}) + "\n")
    with pytest.raises(GoldError, match=r"bad.jsonl:1: span 70..200 is not inside the text"):
        import_gold(bad, "doccano", tmp_path / "g", corpus)
    bad.write_text(json.dumps({"text": TEXT + " changed", "label": [], "doc_id": "d/1"}) + "\n")
    with pytest.raises(GoldError, match="is not the article as read"):
        import_gold(bad, "doccano", gold_dir, corpus)
    assert (gold_dir / "d%2F1.json").read_text(encoding="utf-8") == before
    ann = tmp_path / "brat" / "d%2F1.ann"
    ann.parent.mkdir()
    ann.with_suffix(".txt").write_text(TEXT, encoding="utf-8")
    ann.write_text("T1\tORG 0 2;28 37\tOn Acme Corp\n", encoding="utf-8")
    with pytest.raises(GoldError, match="discontinuous span"):
        import_gold(ann.parent, "brat", tmp_path / "g", corpus)
    assert not (tmp_path / "g").exists()  # nothing written


def test_prodigy_rejects_are_skipped_and_the_cli_reports(case, tmp_path: Path):
    corpus, gold_dir = case
    out = tmp_path / "p.jsonl"
    export_gold(gold_dir, "prodigy", out, corpus)
    edit_jsonl(out, lambda r: r.update(answer="reject"))
    result = CliRunner().invoke(app, ["gold", "import", str(out), "--from", "prodigy", "--out", str(tmp_path / "g"),
                                      "--corpus", str(corpus)])
    assert result.exit_code == 0 and "answer 'reject', skipped" in result.output
    result = CliRunner().invoke(app, ["gold", "export", str(gold_dir), "--to", "excel", "--out", str(out)])
    assert result.exit_code == 2 and "unknown tool 'excel'" in result.output

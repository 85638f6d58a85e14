"""Part files are written with the csv module: the same text pandas writes for the same rows."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from extract.batch.parts import LATE_COLUMNS, read_records, render_rows
from extract.tables.frames import COLUMNS, SORT_KEYS, _frame, escape_formulas
from extract.tables.rows import FORMULA_START, escape_cell, unescape_cell

ROOT = Path(__file__).resolve().parents[1]

AWKWARD = ["plain", "=SUM(A1)", "-3 points", "@home", "say \"hi\"", "a, b", "two\nlines", "", None, "\ttab", "é"]


def _rows(name: str, count: int) -> list[dict[str, object]]:
    """Rows of the named table, out of order, with awkward text and missing values in the text columns."""
    rows = []
    for n in range(count):
        row: dict[str, object] = {c: AWKWARD[(n + i) % len(AWKWARD)] for i, c in enumerate(COLUMNS[name])}
        row.update({"doc_id": f"doc{(7 * n) % 5}", "start": (3 * n) % 4, "end": n % 3, "trigger_start": n % 2,
                    "date": f"2024-0{n % 3 + 1}", "first": (5 * n) % 3, "mentions": n, "n_chars": n})
        row.update({c: f"{name}#{n}" for c in ("person_id", "org_id", "record_id")})  # record_id: mentions' late key
        row.pop("entity_id", None)
        rows.append(row)
    return rows


def _pandas_part(name: str, rows: list[dict[str, object]], safe_formulas: bool) -> str:
    """The part file as batch_writer wrote it with pandas before."""
    frame = _frame(name, rows)
    data = escape_formulas(frame) if safe_formulas else frame.copy()
    late = LATE_COLUMNS.get(name)
    ordered = pd.DataFrame(rows).sort_values(SORT_KEYS[name], kind="stable") if rows else None  # _frame's order
    data.insert(0, "__late", ordered[late[0]].astype(str).to_numpy() if late and ordered is not None else "")
    data.insert(0, "__key", frame["doc_id"].astype(str).to_numpy())
    return data.to_csv(index=False, header=False, lineterminator="\n")


@pytest.mark.parametrize("safe_formulas", [True, False], ids=["escaped", "raw"])
@pytest.mark.parametrize("name", ["documents", "mentions", "people", "organisations", "money", "events"])
def test_part_text_is_what_pandas_writes(name: str, safe_formulas: bool) -> None:
    rows = _rows(name, 23)
    assert render_rows(name, rows, safe_formulas) == _pandas_part(name, rows, safe_formulas)


def test_an_empty_part_is_empty() -> None:
    assert render_rows("mentions", [], True) == "" == _pandas_part("mentions", [], True)


@pytest.mark.parametrize("value", ["=1+1", "+44", "-5", "@name", "\tx", "'=1+1", "''@x", "'plain", "'", "", "plain",
                                   "a=b", "'"])
def test_escaped_cells_read_back_as_the_value(value: str) -> None:
    """Whatever the value, unescape(escape(value)) is the value, and escaping only ever adds one apostrophe
    in front of a cell a spreadsheet would run (or of one that already looks escaped)."""
    cell = escape_cell(value)
    assert unescape_cell(cell) == value
    assert cell in (value, "'" + value)
    assert not cell.startswith(FORMULA_START)


def test_events_cut_to_the_merge_fields_merge_as_the_whole_rows() -> None:
    """What the part records keep per event (mergeable rows, MERGE_FIELDS only) gives the same
    events_merged rows as the whole events table does, on the committed outputs."""
    import csv

    from extract.events.merge import MERGE_FIELDS, events_merged_rows, mergeable

    with (ROOT / "outputs" / "events.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    slim = [{k: row[k] for k in MERGE_FIELDS} for row in rows if mergeable(row)]
    assert 0 < len(slim) < len(rows)
    assert events_merged_rows(slim) == events_merged_rows(rows)


def test_records_read_back_as_written(tmp_path: Path) -> None:
    """Person and organisation records read back as written; event rows (passed on to disk) read back as
    the mappings that were written, missing fields missing."""
    sentence = "Acme bought Beta on Monday."
    events = [{"doc_id": "d1", "event_id": "d1#E1", "sentence": sentence, "trigger_start": 5, "products": ""},
              {"doc_id": "d1", "event_id": "d1#E2", "sentence": sentence, "date": "2024-05-06"}]
    org = {"record_id": "d1#O1", "doc_id": "d1", "name": "Acme", "forms": ["Acme", "Acme Inc."], "n_mentions": 2,
           "canonical": ""}
    lines = [json.dumps({"doc_id": "d1", "people": [], "organisations": [org], "events": events}),
             json.dumps({"doc_id": "d2", "people": [], "organisations": [{**org, "record_id": "d2#O1", "doc_id": "d2"}],
                         "events": []})]
    (tmp_path / "a.jsonl").write_text(lines[0] + "\n", encoding="ascii")
    (tmp_path / "b.jsonl").write_text(lines[1] + "\n", encoding="ascii")
    first = read_records(tmp_path / "a.jsonl")
    second = read_records(tmp_path / "b.jsonl")
    _, orgs, rows = first["d1"]
    assert rows == events and "date" not in rows[0]
    assert orgs[0].forms == ("Acme", "Acme Inc.")
    assert second["d2"][1][0].record_id == "d2#O1" and second["d2"][1][0].n_mentions == 2

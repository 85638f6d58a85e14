"""Part files are written with the csv module: the same text pandas writes for the same rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.batch.parts import LATE_COLUMNS, render_rows
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

"""Results to pandas tables and CSV files (the output contract)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

from extract.entities.consolidation import consolidate
from extract.entities.rules import EntityRules
from extract.events.merge import events_merged_rows
from extract.pipeline.process import DocResult
from extract.tables.rows import COLUMNS, FORMULA_START, SORT_KEYS, document_rows, escape_cell
from extract.tables.timelines import timeline_rows

__all__ = ["COLUMNS", "FORMULA_START", "SORT_KEYS", "build_tables", "escape_formulas",
           "write_tables"]


def build_tables(results: Iterable[DocResult], entity_rules: EntityRules | None = None) -> dict[str, pd.DataFrame]:
    results = list(results)
    rows = document_rows(results)
    people = [(result.document.doc_id, p) for result in results for p in result.people]
    orgs = [(result.document.doc_id, o) for result in results for o in result.organisations]
    entities = consolidate(people, orgs, entity_rules)
    for row in rows["people"]:
        row["entity_id"] = entities.entity_of[str(row["person_id"])]
    for row in rows["organisations"]:
        row["entity_id"] = entities.entity_of[str(row["org_id"])]
    for row in rows["mentions"]:
        row["entity_id"] = entities.entity_of.get(str(row["record_id"]), "")
    rows["entities"] = entities.rows()
    rows["events_merged"] = events_merged_rows(rows["events"])
    rows["timelines"] = timeline_rows(rows["events"], entities.entity_of, rows["entities"])
    return {name: _frame(name, rows[name]) for name in COLUMNS}


def _frame(name: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS[name] + (["first"] if "first" in SORT_KEYS[name] else []))
    frame = frame.sort_values(SORT_KEYS[name], kind="stable").reset_index(drop=True)
    return frame[COLUMNS[name]]


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as formulas get a leading apostrophe."""
    escaped = frame.copy()
    for column in escaped.columns:
        if pd.api.types.is_string_dtype(escaped[column].dtype):  # object, or pandas 3's str
            escaped[column] = escaped[column].map(lambda v: escape_cell(v) if isinstance(v, str) else v)
    return escaped


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, safe_formulas: bool = True) -> list[Path]:
    """Each table to <name>.csv, written to a temporary file and renamed (never half a table)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        target = out_dir / f"{name}.csv"
        data = escape_formulas(frame) if safe_formulas else frame
        handle, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            data.to_csv(stream, index=False, lineterminator="\n")
        os.replace(temp, target)
        written.append(target)
    return written

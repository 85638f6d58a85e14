"""Typed pandas frames of an output folder (what `extract.load` returns).

CSV cells are text; here every column gets the dtype of what it holds: counts and offsets as nullable
Int64, amounts as Float64, flags as boolean, the publication date as datetime64, `;`-joined columns as
Python lists, text as pandas' string dtype (missing = <NA>, never a float NaN). Beside every TIMEX3 value
(`events.date`/`date_end`, `events_merged.date`/`date_end`, `mentions.normalised`/`normalised_end` of
dates) come `date_from` / `date_to`: the first and last day of the period it names, as datetime64, so
that "2009", "2008-06" and "2011-FA" sort and filter together (NaT where a value names no calendar period,
e.g. a duration or PRESENT_REF).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from extract.core.errors import OutputsError
from extract.core.mention import TIMEX_LABELS
from extract.events.dates import period_of
from extract.tables.rows import COLUMNS, unescape_cell
from extract.tables.texts import TEXTS_FILE, read_texts

INT_COLUMNS = frozenset({"start", "end", "n_chars", "n_words", "mentions", "trigger_start", "trigger_end",
                         "n_documents", "n_mentions", "count"})
FLOAT_COLUMNS = frozenset({"amount", "amount_max"})
BOOL_COLUMNS = frozenset({"approximate"})
DATETIME_COLUMNS = frozenset({"published"})
LIST_COLUMNS: dict[str, dict[str, str]] = {  # table -> {column: separator}
    "documents": {"warnings": "; "},
    "mentions": {"trace": ";"},
    "dropped": {"trace": ";"},
    "people": {"forms": ";"},
    "organisations": {"aliases": ";", "alias_rules": ";"},
    "entities": {"aliases": ";"},
    "events": {"people": ";", "organisations": ";", "person_ids": ";", "org_ids": ";"},
    "events_merged": {"people": ";", "organisations": ";", "doc_ids": ";", "event_ids": ";"},
}
TIMEX_COLUMNS = {"events": ("date", "date_end"), "events_merged": ("date", "date_end"),
                 "mentions": ("normalised", "normalised_end")}  # table -> (value, value of the range's end)


def load_tables(out_dir: Path, unescape: bool = True) -> dict[str, pd.DataFrame]:
    """Every table in `out_dir` (CSV files or Parquet folders), typed; plus `texts` (doc_id, text)."""
    if not out_dir.is_dir():
        raise OutputsError(f"{out_dir} is not a folder: give the --out folder of `extract run`")
    tables: dict[str, pd.DataFrame] = {}
    for name in COLUMNS:
        raw = _read_raw(out_dir, name)
        if raw is not None:
            tables[name] = typed(name, raw, unescape)
    if not tables:
        raise OutputsError(f"{out_dir} holds none of the tables {', '.join(COLUMNS)}: is it an `extract run` --out?")
    if (out_dir / TEXTS_FILE).exists():
        texts = read_texts(out_dir)
        tables["texts"] = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())}, dtype="string")
    return tables


def _read_raw(out_dir: Path, name: str) -> pd.DataFrame | None:
    csv_path, parquet = out_dir / f"{name}.csv", out_dir / name
    if csv_path.exists():
        return pd.read_csv(csv_path, dtype=str, keep_default_na=False, na_filter=False)
    if parquet.is_dir():
        frame = pd.read_parquet(parquet)
        return frame.astype(object).where(frame.notna(), "").astype(str)
    return None


def typed(name: str, raw: pd.DataFrame, unescape: bool = True) -> pd.DataFrame:
    """One table of text cells with the dtypes of what they hold (see the module docstring)."""
    lists = LIST_COLUMNS.get(name, {})
    frame = pd.DataFrame(index=raw.index)
    for column in raw.columns:
        values = raw[column].astype(str)
        if column in INT_COLUMNS:
            frame[column] = pd.to_numeric(values.replace("", None)).astype("Int64")
        elif column in FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(values.replace("", None)).astype("Float64")
        elif column in BOOL_COLUMNS:
            frame[column] = values.map({"true": True, "false": False, "": None}).astype("boolean")
        elif column in DATETIME_COLUMNS:
            frame[column] = pd.to_datetime(values.replace("", None), format="ISO8601").astype("datetime64[s]")
        elif column in lists:
            frame[column] = _cells(values, unescape).map(_splitter(lists[column])).astype(object)
        else:
            frame[column] = _cells(values, unescape).replace("", None).astype("string")
    if name in TIMEX_COLUMNS:
        dated = raw["label"].isin(TIMEX_LABELS) if "label" in raw else pd.Series(True, index=raw.index)
        frame["date_from"], frame["date_to"] = _periods(raw, *TIMEX_COLUMNS[name], dated)
    return frame


def _cells(values: pd.Series, unescape: bool) -> pd.Series:
    """Text cells, with the apostrophe `extract run` put before a formula-like cell taken off."""
    if not unescape:
        return values
    return values.map(unescape_cell)


def _splitter(separator: str) -> Callable[[str], list[str]]:
    return lambda cell: [part for part in cell.split(separator) if part] if cell else []


def _periods(raw: pd.DataFrame, value: str, value_end: str, dated: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day of the period each TIMEX3 value (to the end value of a range) names."""
    starts: list[date | None] = []
    ends: list[date | None] = []
    for first, last, is_date in zip(raw[value].astype(str), raw[value_end].astype(str), dated):
        start = period_of(first) if is_date else None
        end = period_of(last) if is_date and last else None
        starts.append(start[0] if start else None)
        ends.append((end or start)[1] if (end or start) else None)  # type: ignore[index]
    return _datetimes(starts, raw.index), _datetimes(ends, raw.index)


def _datetimes(values: Iterable[date | None], index: pd.Index) -> pd.Series:
    return pd.Series(list(values), index=index, dtype="object").astype("datetime64[s]")

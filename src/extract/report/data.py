"""What the report reads: the typed tables and texts of an output folder, and optionally the gold errors."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract.core.errors import OutputsError
from extract.gold.files import gold_files, load_gold
from extract.gold.scoring import evaluate
from extract.tables.load import load_tables

SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class GoldView:
    """Strict mention errors by document, and the per-label counters of the scores."""

    errors: dict[str, pd.DataFrame]  # doc_id -> rows of kind fp / fn with label, start, end, text
    counters: dict[str, tuple[int, int, int]]  # "mentions.PERSON.strict" -> (tp, fp, fn)
    doc_ids: set[str] = field(default_factory=set)


@dataclass
class ReportData:
    tables: dict[str, pd.DataFrame]
    texts: dict[str, str]
    gold: GoldView | None = None

    def rows(self, table: str, doc_id: str) -> pd.DataFrame:
        frame = self.tables[table]
        return frame[frame["doc_id"] == doc_id]


def load_report_data(out: Path, gold: Path | None = None) -> ReportData:
    tables = load_tables(out)
    if "texts" not in tables:
        raise OutputsError(f"{out}/texts.jsonl not found: run `extract run ... --out {out}` again to write it")
    texts = dict(zip(tables["texts"]["doc_id"], tables["texts"]["text"]))
    return ReportData(tables, texts, _gold_view(gold, out) if gold is not None else None)


def _gold_view(gold: Path, out: Path) -> GoldView:
    scores = evaluate(gold, out)
    errors = pd.DataFrame(scores.errors, columns=["doc_id", "table", "kind", "label", "start", "end", "text", "value"])
    errors = errors[errors["table"] == "mentions.strict"].astype({"start": int, "end": int})
    counters = {key: (c.tp, c.fp, c.fn) for key, c in scores.counters.items()}
    return GoldView({str(d): g for d, g in errors.groupby("doc_id")}, counters,
                    {str(load_gold(path)["doc_id"]) for path in gold_files(gold)})


def page_name(kind: str, key: str) -> str:
    """A file name for a document or entity page: the id made safe, with a hash when that changed it."""
    safe = SAFE.sub("_", key)
    if safe != key:
        safe = f"{safe}-{zlib.crc32(key.encode('utf-8')):08x}"
    return f"{kind}/{safe}.html"


def anchor(row_id: str) -> str:
    """The in-page anchor of a row id: `doc#E1` -> `E1`."""
    return row_id.rsplit("#", 1)[-1]

"""The Python API: `extract.load(OUT)` reads an output folder, `extract.process(texts)` runs the pipeline
in this process; both return the same typed tables (see `extract.tables.load`)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping, Union

import pandas as pd

from extract.core.documents import Document
from extract.core.errors import InputError
from extract.core.settings import Settings
from extract.ingest.reader import unique_id, with_publication_date
from extract.pipeline.process import process as run_stages
from extract.pipeline.resources import worker_resources
from extract.tables.frames import build_tables
from extract.tables.load import load_tables, typed

Item = Union[str, Mapping[str, object], Document]
SOURCE = "<process>"


def load(out: str | Path, unescape: bool = True) -> dict[str, pd.DataFrame]:
    """The tables `extract run` wrote to `out`, typed: {"documents": ..., "mentions": ..., "texts": ...}.

    `unescape` takes off the apostrophe `extract run` puts before cells starting with = + - @."""
    return load_tables(Path(out), unescape)


def process(items: Iterable[Item], *, model: str | None = None, settings: Settings | None = None,
            batch_size: int = 32) -> dict[str, pd.DataFrame]:
    """Run the pipeline on texts, records or documents; the same typed tables as `load`.

    An item is a string (doc id `doc-1`, `doc-2`… by position), a mapping with "text" and optionally "id",
    "title", "url" and "published" (ISO date string or `datetime.date`) like a JSONL input line, or an
    `extract.core.documents.Document`. The model and rules are loaded once per process."""
    settings = settings or Settings()
    if model:
        settings = settings.with_(model=model)
    resources = worker_resources(settings)
    seen: set[str] = set()
    documents = [unique_id(_document(item, number), seen) for number, item in enumerate(items, start=1)]
    documents = [with_publication_date(d, resources.lexicon) if d.ok else d for d in documents]
    frames = build_tables(run_stages(documents, resources, batch_size), resources.entity_rules)
    tables = {name: typed(name, _as_cells(frame), unescape=False) for name, frame in frames.items()}
    tables["texts"] = pd.DataFrame({"doc_id": [d.doc_id for d in documents], "text": [d.text for d in documents]},
                                   dtype="string")
    return tables


def _as_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the text cells its CSV file holds, so `process` and `load` type the same input."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    buffer.seek(0)
    return pd.read_csv(buffer, dtype=str, keep_default_na=False, na_filter=False)


def _document(item: Item, number: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(doc_id=f"doc-{number}", source=f"{SOURCE}:{number}", text=item)
    if not isinstance(item, Mapping):
        raise InputError(SOURCE, f"expected a text, a mapping with 'text' or a Document, got {type(item).__name__}",
                         number)
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(SOURCE, "missing or empty 'text'", number)
    published = item.get("published")
    if isinstance(published, str):
        published = _iso_date(published, number)
    if published is not None and not isinstance(published, date):
        raise InputError(SOURCE, f"'published' must be an ISO date string or a date, got {published!r}", number)
    return Document(doc_id=str(item.get("id") or item.get("doc_id") or f"doc-{number}"), source=f"{SOURCE}:{number}",
                    text=text, title=str(item.get("title") or ""), url=str(item.get("url") or ""),
                    published=published, published_from="metadata" if published else "none")


def _iso_date(value: str, number: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(SOURCE, f"'published' is not an ISO date: {value!r}", number) from None


__all__ = ["load", "process"]

"""The document record that flows from ingest through every later stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str  # path of the file it came from (with ":line" for JSONL records)
    text: str
    title: str = ""
    url: str = ""
    published: date | None = None
    published_from: str = "none"  # metadata | text | none
    published_span: tuple[int, int] | None = None  # where in the text the date was found
    encoding: str = "utf-8"
    status: str = "ok"  # ok | error
    error: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def failed(doc_id: str, source: str, error: str) -> Document:
    """A document that could not be read; it still gets a row in documents.csv."""
    return Document(doc_id=doc_id, source=source, text="", status="error", error=error)

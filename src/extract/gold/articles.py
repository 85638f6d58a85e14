"""Where a gold file's offsets point: the article text exactly as `extract run` reads it.

A gold file names its article by `source`, a path relative to the corpus folder: a `.txt` file (the
decoded text), an `.html`/`.htm` page (the main text trafilatura extracts, not the markup) or a
`.jsonl` feed (the `text` of the record whose `id` is the gold `doc_id`; `feed.jsonl:3`, the line,
is the fallback for a record without an id). The reader is the pipeline's own, so the offsets a
person labels against are the offsets the pipeline writes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.core.documents import Document
from extract.core.errors import GoldError
from extract.core.settings import Settings
from extract.dates.loader import load_temporal_lexicon
from extract.ingest.reader import read_documents

JSONL_LINE = re.compile(r"^(?P<file>.+\.jsonl):(?P<line>\d+)$", re.IGNORECASE)


def article_source(data: dict[str, Any], default_id: str = "") -> tuple[str, int | None]:
    """(file relative to the corpus folder, JSONL line or None) named by a gold record."""
    source = str(data.get("source") or f"{data.get('doc_id') or default_id}.txt")
    match = JSONL_LINE.match(source)
    return (match["file"], int(match["line"])) if match else (source, None)


def article_text(data: dict[str, Any], corpus_dir: Path, default_id: str = "") -> str:
    """The text the gold record's offsets index; a GoldError saying why when it cannot be read."""
    doc_id = str(data.get("doc_id") or default_id)
    file, line = article_source(data, default_id)
    path = corpus_dir / file
    if not path.is_file():
        raise GoldError(f"article {path} not found (the gold 'source' is relative to the corpus folder {corpus_dir})")
    docs = _read(path.resolve(), *_stamp(path))
    if path.suffix.lower() == ".jsonl":
        doc = next((d for d in docs if d.doc_id == doc_id), None)
        if doc is None and line is not None:
            doc = next((d for d in docs if d.source.endswith(f":{line}")), None)
        if doc is None:
            raise GoldError(f"{path}: no record with id {doc_id!r}" + (f" nor a line {line}" if line else ""))
    else:
        doc = docs[0]
    if not doc.ok:
        raise GoldError(f"article cannot be read: {doc.error}")
    return doc.text


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


@lru_cache(maxsize=8)  # a feed holding many gold articles is read once while it is unchanged
def _read(path: Path, mtime_ns: int, size: int) -> tuple[Document, ...]:
    return tuple(read_documents([path], load_temporal_lexicon(Settings().rules_dir)))


def relative_source(source: str, corpus_dir: Path) -> str:
    """A document's `source` (a path, or `path:line` for a JSONL record) relative to the corpus
    folder when it lies inside it, else absolute, so that validation finds it from anywhere."""
    match = JSONL_LINE.match(source)
    file, suffix = (match["file"], f":{match['line']}") if match else (source, "")
    path = Path(file).resolve()
    try:
        return path.relative_to(corpus_dir.resolve()).as_posix() + suffix
    except ValueError:
        return path.as_posix() + suffix

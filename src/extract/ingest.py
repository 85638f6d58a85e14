"""Read input files into documents: .txt, .html/.htm and .jsonl, each file or record on its own.

A file that cannot be read becomes a document with status "error" and a message naming the file
(and line); it never stops the others.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Iterator

from charset_normalizer import from_bytes

from .documents import Document, failed
from .lexicon import TemporalLexicon
from .pubdate import find_publication_date
from .settings import INPUT_SUFFIXES

WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "ascii"}
SHORT_SAMPLE = 4096  # bytes


def discover(inputs: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every input file, directories read recursively in sorted order."""
    for root in inputs:
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if path.suffix.lower() in INPUT_SUFFIXES:
                        yield path, root
        else:
            yield root, root.parent


def read_documents(inputs: list[Path], lex: TemporalLexicon) -> Iterator[Document]:
    seen: Counter[str] = Counter()
    for path, root in discover(inputs):
        for doc in _read_file(path, root):
            seen[doc.doc_id] += 1
            if seen[doc.doc_id] > 1:
                new_id = f"{doc.doc_id}~{seen[doc.doc_id]}"
                doc = replace(doc, doc_id=new_id, warnings=doc.warnings + (f"duplicate id, renamed {new_id}",))
            yield with_publication_date(doc, lex) if doc.ok else doc


def doc_id_for(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    return relative.with_suffix("").as_posix()


def _read_file(path: Path, root: Path) -> Iterator[Document]:
    doc_id, source = doc_id_for(path, root), str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        yield failed(doc_id, source, f"{source}: cannot read file: {err.strerror or err}")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(raw, doc_id, source)
        return
    text, encoding, error = decode(raw, source)
    if error:
        yield failed(doc_id, source, error)
    elif suffix in (".html", ".htm"):
        yield _from_html(text, doc_id, source, encoding)
    else:
        yield Document(doc_id=doc_id, source=source, text=text, encoding=encoding)


def decode(raw: bytes, source: str) -> tuple[str, str, str]:
    """(text, encoding, error): UTF-8 (BOM stripped) first, else the detected encoding."""
    if not raw.strip():
        return "", "", f"{source}: empty file"
    if b"\x00" in raw[:8192]:
        return "", "", f"{source}: binary file (NUL bytes), not text"
    try:
        return raw.decode("utf-8-sig"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if (best is None or best.encoding not in WESTERN) and len(raw) < SHORT_SAMPLE:
        try:  # detection is unreliable on a short sample; Windows-1252 news is the common case
            return raw.decode("cp1252"), "cp1252", ""
        except UnicodeDecodeError:
            pass
    if best is None:
        return "", "", f"{source}: not UTF-8 and no text encoding detected"
    return str(best), best.encoding, ""


def _from_html(html: str, doc_id: str, source: str, encoding: str) -> Document:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        return failed(doc_id, source, f"{source}: no article text found in HTML")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "") if meta else ""
    published = _iso_date(meta.date) if meta and meta.date else None
    return Document(doc_id=doc_id, source=source, text=text, title=title, encoding=encoding,
                    published=published, published_from="metadata" if published else "none")


def _read_jsonl(raw: bytes, file_id: str, source: str) -> Iterator[Document]:
    text, _, error = decode(raw, source)
    if error:
        yield failed(file_id, source, error)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _jsonl_record(line, number, file_id, source)


def _jsonl_record(line: str, number: int, file_id: str, source: str) -> Document:
    where = f"{source}:{number}"
    fallback_id = f"{file_id}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return failed(fallback_id, where, f"{where}: malformed JSON: {err.msg} (column {err.colno})")
    if not isinstance(record, dict):
        return failed(fallback_id, where, f"{where}: expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return failed(str(record.get("id") or fallback_id), where, f"{where}: missing or empty 'text'")
    published = _iso_date(record.get("published"))
    warnings = () if published or not record.get("published") else (f"unreadable 'published' {record.get('published')!r}",)
    return Document(
        doc_id=str(record.get("id") or fallback_id), source=where, text=text,
        title=str(record.get("title") or ""), url=str(record.get("url") or ""),
        published=published, published_from="metadata" if published else "none", warnings=warnings,
    )


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def with_publication_date(doc: Document, lex: TemporalLexicon) -> Document:
    if doc.published is not None:
        return doc
    found = find_publication_date(doc.text, lex)
    if found is None:
        return doc
    return replace(doc, published=found.value, published_from="text", published_span=(found.start, found.end))

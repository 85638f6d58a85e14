"""Read input files into documents: .txt, .html/.htm and .jsonl, each file or record on its own.

A file that cannot be read becomes a document with status "error" and a message naming the file
(and line); it never stops the others.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Iterator

from charset_normalizer import from_bytes

from extract.core.documents import Document, failed
from extract.core.settings import INPUT_SUFFIXES
from extract.dates.lexicon import TemporalLexicon
from extract.ingest.pubdate import find_publication_date

UNICODE_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))  # longest first
BINARY_CONTROL_SHARE = 0.05  # decoded text with more control characters than this is not text
MAX_FILE_BYTES = 512 * 1024 * 1024
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "ascii"}
SHORT_SAMPLE = 4096  # bytes


def discover(inputs: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every input file, directories read recursively in sorted order.

    Symbolic links to directories are not followed (no loops); a path that does not exist, or a
    link that leads nowhere or in a circle, is still yielded, so that it is reported as failed.
    """
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
    """One document per file or JSONL record, every one of them, the unreadable ones as failed."""
    seen: set[str] = set()
    for path, root in discover(inputs):
        for doc in _read_file(path, root):
            doc = unique_id(doc, seen)
            yield with_publication_date(doc, lex) if doc.ok else doc


def unique_id(doc: Document, seen: set[str]) -> Document:
    """A repeated doc id gets "~2", "~3"… (the first free one); both documents are kept, with a warning."""
    doc_id, number = doc.doc_id, 1
    while doc_id in seen:
        number += 1
        doc_id = f"{doc.doc_id}~{number}"
    seen.add(doc_id)
    if doc_id == doc.doc_id:
        return doc
    return replace(doc, doc_id=doc_id, warnings=doc.warnings + (f"duplicate id {doc.doc_id!r}, renamed {doc_id}",))


def doc_id_for(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    return relative.with_suffix("").as_posix()


def _read_file(path: Path, root: Path) -> Iterator[Document]:
    doc_id, source = doc_id_for(path, root), str(path)
    raw, error = read_bytes(path)
    if error:
        yield failed(doc_id, source, f"{source}: {error}")
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


def read_bytes(path: Path) -> tuple[bytes, str]:
    """(content, error): regular files only, so a named pipe or device never blocks the run."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return b"", "not a regular file (directory, pipe or device)"
        if info.st_size > MAX_FILE_BYTES:
            return b"", f"file too large ({info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,})"
        return path.read_bytes(), ""
    except FileNotFoundError:
        return b"", "no such file, or a symbolic link to nothing"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return b"", "symbolic link loop"
        return b"", f"cannot read file: {err.strerror or err}"


def decode(raw: bytes, source: str) -> tuple[str, str, str]:
    """(text, encoding, error): UTF-8 (BOM stripped) first, UTF-16/32 by their BOM, else the detected encoding.

    Never raises: empty, binary and undecodable input come back as an error naming `source`.
    """
    if not raw.strip():
        return "", "", f"{source}: empty file"
    for bom, encoding in UNICODE_BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw[len(bom):].decode(encoding), encoding, source)
            except UnicodeDecodeError:
                return "", "", f"{source}: starts with a {encoding} byte-order mark but is not {encoding} text"
    if b"\x00" in raw[:8192]:
        return "", "", f"{source}: binary file (NUL bytes), not text"
    try:
        return _checked(raw.decode("utf-8-sig"), "utf-8", source)
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
    return _checked(str(best), best.encoding, source)


def _checked(text: str, encoding: str, source: str) -> tuple[str, str, str]:
    """Decoded text that is mostly control characters is a binary file read as text."""
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        return "", "", f"{source}: binary file ({controls} control characters in the first {len(sample)}), not text"
    if not text.strip():
        return "", "", f"{source}: empty file (only whitespace)"
    return text, encoding, ""


# htmldate's defaults drop any date after "today" by reading the clock; pin the bounds instead, and
# never guess a date from the page text (header lines are read by pubdate, the same for every format).
HTML_DATE_CONFIG = {"original_date": True, "extensive_search": False,
                    "min_date": "1900-01-01", "max_date": "2199-12-31"}
MIN_ARTICLE_WORDS = 5  # a page whose "main text" is a menu item ("Home") has no article


def _from_html(html: str, doc_id: str, source: str, encoding: str) -> Document:
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html, date_config=HTML_DATE_CONFIG) if text else None
    except Exception as err:  # noqa: BLE001 - a page trafilatura cannot parse is a failed document
        return failed(doc_id, source, f"{source}: HTML could not be parsed: {type(err).__name__}: {err}")
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        return failed(doc_id, source, f"{source}: no article text found in HTML")
    title = (meta.title or "") if meta else ""
    published = _iso_date(meta.date) if meta and meta.date else None
    return Document(doc_id=doc_id, source=source, text=text, title=title, encoding=encoding,
                    published=published, published_from="metadata" if published else "none")


def _read_jsonl(raw: bytes, file_id: str, source: str) -> Iterator[Document]:
    text, _, error = decode(raw, source)
    if error:
        yield failed(file_id, source, error)
        return
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 is valid inside JSON
        line = line.removesuffix("\r")
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
    doc_id = _field(record.get("id")) or fallback_id
    if not isinstance(text, str) or not text.strip():
        return failed(doc_id, where, f"{where}: missing or empty 'text'")
    published = _iso_date(record.get("published"))
    warnings = () if published or not record.get("published") else (f"unreadable 'published' {record.get('published')!r}",)
    return Document(
        doc_id=doc_id, source=where, text=_field(text),
        title=_field(record.get("title")), url=_field(record.get("url")),
        published=published, published_from="metadata" if published else "none", warnings=warnings,
    )


def _field(value: object) -> str:
    """A JSON value as text; lone surrogates ("\\ud800", which UTF-8 cannot hold) become U+FFFD, one for one."""
    if value is None or value == "":
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) \
        if isinstance(value, (dict, list)) else str(value)
    return LONE_SURROGATE.sub("\ufffd", text)


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

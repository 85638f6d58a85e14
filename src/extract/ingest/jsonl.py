"""JSONL input, one article a line, read line by line: memory holds one line, whatever the file's size.

Lines are UTF-8 (a UTF-8 byte-order mark is dropped); a line that is not UTF-8 is decoded as a short
text file would be (`decoding.decode`). A file in UTF-16 or UTF-32 (by its byte-order mark) is read
whole, as such files are rare and cannot be split on the byte "\n".
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import BinaryIO, Iterator

from extract.core.documents import Document, failed
from extract.ingest.decoding import MAX_FILE_BYTES, UNICODE_BOMS, check_file, decode, file_error

LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
SNIFF_BYTES = 8192
UTF8_BOM = b"\xef\xbb\xbf"


def read_jsonl(path: Path, file_id: str, source: str) -> Iterator[Document]:
    """One document per non-blank line; a file that cannot be read is one failed document."""
    try:
        error = check_file(path, None)
        stream = path.open("rb") if not error else None
    except OSError as err:
        error, stream = file_error(err), None
    if stream is None:
        yield failed(file_id, source, f"{source}: {error}")
        return
    with stream:
        yield from _records(stream, file_id, source)


def _records(stream: BinaryIO, file_id: str, source: str) -> Iterator[Document]:
    head = stream.read(SNIFF_BYTES)
    if any(head.startswith(bom) for bom, _ in UNICODE_BOMS) or b"\x00" in head:
        yield from _whole_file(head + stream.read(MAX_FILE_BYTES), file_id, source)
        return
    stream.seek(0)
    found = False
    for number, raw in enumerate(stream, start=1):  # split on b"\n" only: U+2028 is valid inside JSON
        raw = raw.removeprefix(UTF8_BOM) if number == 1 else raw
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line, _, error = decode(raw, f"{source}:{number}")
            if error:
                found = True
                yield failed(f"{file_id}:{number}", f"{source}:{number}", error)
                continue
        line = line.removesuffix("\n").removesuffix("\r")
        if line.strip():
            found = True
            yield record(line, number, file_id, source)
    if not found:
        yield failed(file_id, source, f"{source}: empty file")


def _whole_file(raw: bytes, file_id: str, source: str) -> Iterator[Document]:
    text, _, error = decode(raw, source)
    if error:
        yield failed(file_id, source, error)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            yield record(line, number, file_id, source)


def jsonl_ids(path: Path, file_id: str) -> Iterator[str]:
    """The doc id of every line of a JSONL file, as `read_jsonl` gives them."""
    for document in read_jsonl(path, file_id, str(path)):
        yield document.doc_id


def record(line: str, number: int, file_id: str, source: str) -> Document:
    where = f"{source}:{number}"
    fallback_id = f"{file_id}:{number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        return failed(fallback_id, where, f"{where}: malformed JSON: {err.msg} (column {err.colno})")
    if not isinstance(data, dict):
        return failed(fallback_id, where, f"{where}: expected a JSON object")
    text = data.get("text")
    doc_id = field(data.get("id")) or fallback_id
    if text is not None and not isinstance(text, str):
        return failed(doc_id, where, f"{where}: 'text' must be a string, got {_json_type(text)}")
    if not isinstance(text, str) or not text.strip():
        return failed(doc_id, where, f"{where}: missing or empty 'text'")
    published = iso_date(data.get("published"))
    warnings = () if published or not data.get("published") else (f"unreadable 'published' {data.get('published')!r}",)
    return Document(
        doc_id=doc_id, source=where, text=field(text),
        title=field(data.get("title")), url=field(data.get("url")),
        published=published, published_from="metadata" if published else "none", warnings=warnings,
    )


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return f"{names.get(type(value), type(value).__name__)} ({json.dumps(value)[:40]})"


def field(value: object) -> str:
    """A JSON value as text; lone surrogates ("\\ud800", which UTF-8 cannot hold) become U+FFFD, one for one."""
    if value is None or value == "":
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) \
        if isinstance(value, (dict, list)) else str(value)
    return LONE_SURROGATE.sub("\ufffd", text)


def iso_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

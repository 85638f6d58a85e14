"""Read input files into documents: .txt, .html/.htm and .jsonl, each file or record on its own.

A file that cannot be read becomes a document with status "error" and a message naming the file
(and line); it never stops the others.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Container, Iterable, Iterator, Protocol

from extract.core.documents import Document, failed
from extract.core.settings import INPUT_SUFFIXES
from extract.dates.lexicon import TemporalLexicon
from extract.ingest.decoding import decode, read_bytes
from extract.ingest.idset import IdSet
from extract.ingest.jsonl import iso_date, jsonl_ids, read_jsonl
from extract.ingest.pubdate import find_publication_date

RUN_STORE = ".extract"  # what `extract run` keeps in its output folder (batch.state.STORE): never input


def discover(inputs: list[Path], exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every input file, directories read recursively in sorted order.

    Symbolic links to directories are not followed (no loops); a path that does not exist, or a
    link that leads nowhere or in a circle, is still yielded, so that it is reported as failed.
    Folders in `exclude` (the run's output folder) and every run store (`.extract/`) are skipped:
    a run never reads its own tables, state or parts as input.
    """
    skipped = {_resolved(p) for p in exclude}
    for root in inputs:
        if root.is_dir():
            if _resolved(root) in skipped:
                continue
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames
                                     if d != RUN_STORE and _resolved(Path(dirpath) / d) not in skipped)
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if path.suffix.lower() in INPUT_SUFFIXES:
                        yield path, root
        else:
            yield root, root.parent


def skipped_files(inputs: list[Path], exclude: Iterable[Path] = ()) -> dict[str, int]:
    """Files in the input folders that `discover` leaves out for their type: suffix -> count."""
    skipped = {_resolved(p) for p in exclude}
    counts: dict[str, int] = {}
    for root in inputs:
        if not root.is_dir() or _resolved(root) in skipped:
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames[:] = [d for d in dirnames if d != RUN_STORE and _resolved(Path(dirpath) / d) not in skipped]
            for name in filenames:
                suffix = Path(name).suffix.lower()
                if suffix not in INPUT_SUFFIXES:
                    counts[suffix or "(no suffix)"] = counts.get(suffix or "(no suffix)", 0) + 1
    return counts


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def read_documents(inputs: list[Path], lex: TemporalLexicon, exclude: Iterable[Path] = ()) -> Iterator[Document]:
    """One document per file or JSONL record, every one of them, the unreadable ones as failed."""
    seen = IdSet()  # every id given so far, on disk rather than in a set: memory flat in the inputs (issue 17)
    ids = InputIds(inputs, exclude)
    try:
        for path, root in discover(inputs, exclude):
            for doc in _read_file(path, root):
                doc = checked_id(clean_text(unique_id(doc, seen, ids)))
                yield with_publication_date(doc, lex) if doc.ok else doc
    finally:
        seen.close()
        ids.close()


class InputIds:
    """Every doc id the inputs hold, collected (one more pass over the inputs) only when a duplicate
    id is met, so that a renamed duplicate never takes an id that a later document has."""

    def __init__(self, inputs: list[Path], exclude: Iterable[Path]) -> None:
        self.inputs, self.exclude = inputs, list(exclude)
        self._ids: IdSet | None = None

    def __contains__(self, doc_id: object) -> bool:
        if self._ids is None:
            self._ids = IdSet()
            self._ids.update(self._collect())
        return doc_id in self._ids

    def close(self) -> None:
        if self._ids is not None:
            self._ids.close()

    def _collect(self) -> Iterator[str]:
        for path, root in discover(self.inputs, self.exclude):
            file_id = doc_id_for(path, root)
            yield from jsonl_ids(path, file_id) if path.suffix.lower() == ".jsonl" else (file_id,)


class Seen(Container[str], Protocol):
    """The ids given so far: a set, or an IdSet for a stream of inputs."""

    def add(self, doc_id: str) -> None: ...


def unique_id(doc: Document, seen: Seen, taken: Container[str] = frozenset()) -> Document:
    """A repeated doc id gets "~2", "~3"… (the first one free, and not an id the inputs hold: `taken`);
    both documents are kept, with a warning."""
    doc_id, number = doc.doc_id, 1
    while doc_id in seen or (number > 1 and doc_id in taken):
        number += 1
        doc_id = f"{doc.doc_id}~{number}"
    seen.add(doc_id)
    if doc_id == doc.doc_id:
        return doc
    return replace(doc, doc_id=doc_id, warnings=doc.warnings + (f"duplicate id {doc.doc_id!r}, renamed {doc_id}",))


def clean_text(doc: Document) -> Document:
    """NUL characters (which many CSV readers stop at) become U+FFFD, one for one, so offsets hold."""
    if "\x00" not in doc.text + doc.title + doc.url:
        return doc
    count = doc.text.count("\x00")
    return replace(doc, text=doc.text.replace("\x00", "\ufffd"), title=doc.title.replace("\x00", "\ufffd"),
                   url=doc.url.replace("\x00", "\ufffd"),
                   warnings=doc.warnings + (f"{count} NUL character(s) replaced by U+FFFD",))


def checked_id(doc: Document) -> Document:
    """An id with ";" would be ambiguous in the tables that list ids with ";" (events_merged.doc_ids)."""
    if ";" not in doc.doc_id or not doc.ok:
        return doc
    return replace(doc, status="error", text="",
                   error=f"{doc.source}: doc id {doc.doc_id!r} contains ';', which separates ids in "
                         f"events_merged.csv; rename the file or change the record's id")


def doc_id_for(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    return relative.with_suffix("").as_posix()


def _read_file(path: Path, root: Path) -> Iterator[Document]:
    doc_id, source = doc_id_for(path, root), str(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, doc_id, source)
        return
    raw, error = read_bytes(path)
    if error:
        yield failed(doc_id, source, f"{source}: {error}")
        return
    text, encoding, error = decode(raw, source)
    if error:
        yield failed(doc_id, source, error)
    elif suffix in (".html", ".htm"):
        yield _from_html(text, doc_id, source, encoding)
    else:
        yield Document(doc_id=doc_id, source=source, text=text, encoding=encoding)


# htmldate's defaults drop any date after "today" by reading the clock; pin the bounds instead, and
# never guess a date from the page text (header lines are read by pubdate, the same for every format).
HTML_DATE_CONFIG = {"original_date": True, "extensive_search": False,
                    "min_date": "1900-01-01", "max_date": "2199-12-31"}
MIN_ARTICLE_WORDS = 5  # a page whose "main text" is a menu item ("Home") has no article


def _from_html(html: str, doc_id: str, source: str, encoding: str) -> Document:
    try:
        import trafilatura
    except ImportError as err:  # e.g. lxml_html_clean missing: HTML documents fail, the others go on
        return failed(doc_id, source, f"{source}: HTML input needs trafilatura and lxml_html_clean, which could not "
                                      f"be imported ({err}); install them: pip install trafilatura lxml_html_clean")
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html, date_config=HTML_DATE_CONFIG) if text else None
    except Exception as err:  # noqa: BLE001 - a page trafilatura cannot parse is a failed document
        return failed(doc_id, source, f"{source}: HTML could not be parsed: {type(err).__name__}: {err}")
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        return failed(doc_id, source, f"{source}: no article text found in HTML")
    title = (meta.title or "") if meta else ""
    published = iso_date(meta.date) if meta and meta.date else None
    return Document(doc_id=doc_id, source=source, text=text, title=title, encoding=encoding,
                    published=published, published_from="metadata" if published else "none")


def with_publication_date(doc: Document, lex: TemporalLexicon) -> Document:
    if doc.published is not None:
        return doc
    found = find_publication_date(doc.text, lex)
    if found is None:
        return doc
    return replace(doc, published=found.value, published_from="text", published_span=(found.start, found.end))

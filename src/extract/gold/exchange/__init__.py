"""`extract gold export` / `gold import`: gold (or drafts) to and from Label Studio, doccano, Prodigy and brat.

Converters from the package index were checked first: label-studio-converter converts Label Studio
exports one way only (to brat, CoNLL...) and imports images, not text spans; bratly declares pydantic
v1-style `class Config` models (deprecation warnings, which this test suite treats as errors) and joins
lines it takes for broken ones. The formats are small JSON and tab-separated files, so they are
written and read here, from each tool's documented field names (see tools.py).
"""

from __future__ import annotations

from pathlib import Path

from extract.core.errors import GoldError
from extract.gold.articles import article_text
from extract.gold.exchange.common import ImportReport, ToolDoc, export_docs, to_gold
from extract.gold.exchange.tools import TOOLS
from extract.gold.files import Problem, format_gold, gold_file_name, load_gold, validate_gold

FORMATS = tuple(TOOLS)


def _tool(name: str) -> str:
    if name not in TOOLS:
        raise GoldError(f"unknown tool {name!r}; one of {list(FORMATS)}")
    return name


def export_gold(source: Path, tool: str, out: Path, corpus_dir: Path) -> list[Path]:
    """Gold or draft files under `source` in the tool's format: a file for Label Studio (JSON), doccano
    and Prodigy (JSONL); a folder of .txt/.ann pairs for brat. Returns the files written."""
    write, _ = TOOLS[_tool(tool)]
    return write(export_docs(source, corpus_dir), out)


def import_gold(source: Path, tool: str, out_dir: Path, corpus_dir: Path,
                reviewed: bool = False) -> tuple[ImportReport, list[Problem]]:
    """The tool's export as gold files in `out_dir`, then validated. Nothing is written when a document
    cannot be read, appears twice, or its text is not the article's text as read. `reviewed` marks the
    files reviewed (the person importing vouches for every span and record)."""
    _, read = TOOLS[_tool(tool)]
    report = ImportReport()
    docs = read(source, report.notes)
    records = _records(docs, tool, out_dir, corpus_dir, report.notes)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path, record in records:
        if reviewed:
            record["reviewed"] = True
        path.write_text(format_gold(record), encoding="utf-8")
        report.written.append(path)
    problems = [p for path, record in records
                for p in validate_gold(path, corpus_dir, require_reviewed=record.get("reviewed") is True)]
    return report, problems


def _records(docs: list[ToolDoc], tool: str, out_dir: Path, corpus_dir: Path,
             notes: list[str]) -> list[tuple[Path, dict]]:
    records: dict[Path, dict] = {}
    for doc in docs:
        doc_id = doc.doc_id or (doc.carried or {}).get("gold", {}).get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise GoldError(f"{doc.where}: no doc_id (neither the tool's metadata nor our carried record has one)")
        doc.doc_id = doc_id
        path = out_dir / gold_file_name(doc_id)
        if path in records:
            raise GoldError(f"{doc.where}: document {doc_id!r} appears twice in the export")
        record = to_gold(doc, load_gold(path) if path.exists() else None, tool, path, notes)
        try:
            same = article_text(record, corpus_dir) == doc.text
        except GoldError:
            same = True  # the article cannot be read: validation says so below
        if not same:
            raise GoldError(f"{doc.where}: the text of {doc_id!r} is not the article as read from {corpus_dir}; "
                            "its offsets would point elsewhere")
        records[path] = record
    return list(records.items())

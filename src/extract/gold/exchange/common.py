"""What every annotation tool's file is turned into and made from: a document's text, its spans, and
what the tool does not carry (records, top-level fields, each span's value/optional/note)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.core.errors import GoldError
from extract.gold.articles import article_text
from extract.gold.files import LABELS, gold_file_name, gold_files, load_gold

CARRY_KEY = "extract_gold"  # the key our records travel under in a tool's metadata field
SPAN_CORE = ("start", "end", "label", "text")


@dataclass(frozen=True)
class ToolSpan:
    start: int
    end: int
    label: str
    extras: dict[str, Any] | None = None  # only where the tool itself carries them (brat notes)


@dataclass
class ToolDoc:
    """One document as read from a tool's export."""
    where: str  # file (and line or task) it came from, for messages
    text: str
    spans: list[ToolSpan]
    doc_id: str | None = None
    carried: dict[str, Any] | None = None


@dataclass
class ExportDoc:
    gold: dict[str, Any]
    text: str

    @property
    def doc_id(self) -> str:
        return str(self.gold["doc_id"])

    @property
    def name(self) -> str:
        """The file stem a tool with one file per document uses (the gold file's own)."""
        return gold_file_name(self.doc_id).removesuffix(".json")

    @property
    def carried(self) -> dict[str, Any]:
        return carry(self.gold)


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def carry(gold: dict[str, Any]) -> dict[str, Any]:
    """The gold record without its spans, and the extras of each span keyed by offsets and label."""
    extras = [[s["start"], s["end"], s["label"], {k: v for k, v in s.items() if k not in SPAN_CORE}]
              for s in gold.get("spans") or []]
    return {"gold": {k: v for k, v in gold.items() if k != "spans"}, "span_extras": [e for e in extras if e[3]]}


def export_docs(source: Path, corpus_dir: Path) -> list[ExportDoc]:
    """Every gold (or draft) file under `source` with the text its offsets index, checked span by span."""
    docs = []
    for path in gold_files(source):
        gold = load_gold(path)
        if not isinstance(gold.get("doc_id"), str):
            raise GoldError(f"{path}: no doc_id")
        text = article_text(gold, corpus_dir, default_id=path.stem)
        for index, span in enumerate(gold.get("spans") or []):
            start, end = span.get("start"), span.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == span.get("text")):
                raise GoldError(f"{path}: spans[{index}] does not match the article text; run `extract gold validate`")
        docs.append(ExportDoc(gold, text))
    if not docs:
        raise GoldError(f"{source}: no gold files to export")
    return docs


def checked_span(start: Any, end: Any, label: Any, text: str, where: str) -> ToolSpan:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise GoldError(f"{where}: span {start}..{end} is not inside the text (length {len(text)})")
    if not isinstance(label, str) or not label:
        raise GoldError(f"{where}: span {start}..{end} has no label")
    return ToolSpan(start, end, label)


def to_gold(doc: ToolDoc, existing: dict[str, Any] | None, tool: str, existing_path: Path,
            notes: list[str]) -> dict[str, Any]:
    """Our gold record: the tool's spans, everything else from what the tool carried, else from the
    existing gold file (said in `notes`), else a new unreviewed record without records."""
    doc_id = doc.doc_id or str((doc.carried or {}).get("gold", {}).get("doc_id") or "")
    base = doc.carried
    if base is None and existing is not None:
        base = carry(existing)
        notes.append(f"{doc_id}: {tool} carries no records; people, organisations, money, events and span values "
                     f"merged from the existing {existing_path}")
    elif base is None:
        base = carry({"doc_id": doc_id, "source": f"{doc_id}.txt", "reviewed": False,
                      "annotator": f"imported from {tool}", "published": None, "labels": list(LABELS),
                      "people": [], "organisations": [], "money": [], "events": []})
        notes.append(f"{doc_id}: no records carried and no existing gold file: a new unreviewed record without "
                     f"people, organisations, money or events; its source is taken to be {doc_id}.txt")
    elif existing is not None and carry(existing)["gold"] != base["gold"]:
        notes.append(f"{doc_id}: {existing_path} changed since the export; its records were replaced by those "
                     f"the export carried")
    extras = {(s, e, label): values for s, e, label, values in base.get("span_extras", [])}
    spans = []
    for span in sorted(doc.spans, key=lambda x: (x.start, x.end, x.label)):
        record: dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label,
                                  "text": doc.text[span.start:span.end]}
        record.update(span.extras if span.extras is not None else extras.get((span.start, span.end, span.label), {}))
        spans.append(record)
    return {**base["gold"], "doc_id": doc_id, "spans": spans}

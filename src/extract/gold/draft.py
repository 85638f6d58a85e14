"""Pre-filled gold files from the pipeline's output, for a person to correct. Never gold as they are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.core.documents import Document
from extract.core.errors import GoldError
from extract.core.settings import Settings
from extract.dates.loader import load_temporal_lexicon
from extract.events.extraction import Event
from extract.gold.articles import relative_source
from extract.gold.files import LABELS, format_gold, gold_file_name, load_gold
from extract.ingest.reader import read_documents
from extract.money.parse import format_amount
from extract.pipeline.process import DocResult, Resources, process


@dataclass
class Drafts:
    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # documents that could not be read, with why


def draft_record(result: DocResult, corpus_dir: Path) -> dict[str, object]:
    """The pipeline's output for one document in the gold layout; `source` is relative to `corpus_dir`
    (the folder `gold validate --corpus` is given), so validation reads the same text."""
    doc = result.document
    spans = []
    for r in result.mentions:
        label = r.timex.type if r.timex else r.mention.label
        if label in LABELS:
            span: dict[str, object] = {"start": r.mention.start, "end": r.mention.end, "label": label,
                                       "text": r.mention.text, "value": r.normalised}
            if r.timex and r.timex.value_end:
                span["value_end"] = r.timex.value_end
            if r.timex and r.timex.mod:
                span["mod"] = r.timex.mod
            spans.append(span)
    return {
        "doc_id": doc.doc_id, "source": relative_source(doc.source, corpus_dir), "reviewed": False,
        "annotator": "extract gold draft (unreviewed)",
        "published": doc.published.isoformat() if doc.published else None, "labels": list(LABELS),
        "spans": spans,
        "people": [{"name": p.name, "role": p.role, "aliases": sorted({m.text for m in p.mentions} - {p.name})}
                   for p in result.people],
        "organisations": [{"name": o.name, "aliases": list(o.aliases)} for o in result.organisations],
        "money": [{"start": r.mention.start, "end": r.mention.end, "text": r.mention.text,
                   "amount": format_amount(r.money.amount), "currency": r.money.currency,
                   "approximate": r.money.approximate} for r in result.money if r.money],
        "events": [_event_record(e) for e in result.events],
    }


def _event_record(e: Event) -> dict[str, object]:
    """An event as the guideline's events version 2 writes it (every mention, with its class)."""
    record: dict[str, object] = {
        "trigger": e.trigger, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "lemma": e.lemma,
        "class": e.event_class or "OCCURRENCE", "event_type": e.event_type, "date": e.date,
        "date_source": e.date_source or ("explicit" if e.date else "tense"), "status": e.status,
        "people": list(e.people), "organisations": list(e.organisations), "products": list(e.products),
        "location": e.location}
    if e.date_end:
        record["date_end"] = e.date_end
    if e.modality:
        record["modality"] = e.modality
    return record


def write_drafts(inputs: list[Path], out_dir: Path, settings: Settings, corpus_dir: Path = Path("corpus")) -> Drafts:
    """One draft per readable document. Every target is checked before the model is loaded and before
    anything is written: an id no file name can hold, or a reviewed gold file in the way, is a GoldError."""
    documents = list(read_documents(inputs, load_temporal_lexicon(settings.rules_dir)))
    readable = [d for d in documents if d.ok]
    targets = draft_targets(readable, out_dir)
    drafts = Drafts(failed=[d.error for d in documents if not d.ok])
    if not readable:
        return drafts
    out_dir.mkdir(parents=True, exist_ok=True)
    for result in process(readable, Resources.load(settings), settings.batch_size):
        if result.document.ok:
            path = targets[result.document.doc_id]
            path.write_text(format_gold(draft_record(result, corpus_dir)), encoding="utf-8")
            drafts.written.append(path)
        else:
            drafts.failed.append(result.document.error)
    return drafts


def draft_targets(documents: list[Document], out_dir: Path) -> dict[str, Path]:
    """doc id -> the draft file it will be written to; refuses to overwrite reviewed gold, or a file
    it cannot read (it may be gold in the middle of an edit)."""
    targets = {d.doc_id: out_dir / gold_file_name(d.doc_id) for d in documents}
    blocked = [reason for path in targets.values() if path.exists() and (reason := _in_the_way(path))]
    if blocked:
        more = f" ({len(blocked) - 1} more file(s) in the way)" if len(blocked) > 1 else ""
        raise GoldError(f"{blocked[0]}; gold draft never overwrites it. Draft into another folder, or move the "
                        f"file away first{more}")
    return targets


def _in_the_way(path: Path) -> str:
    try:
        reviewed = load_gold(path).get("reviewed") is True
    except GoldError as err:
        return f"{path} cannot be read as a gold file ({err}), so it may be gold"
    return f'{path} is reviewed gold ("reviewed": true)' if reviewed else ""

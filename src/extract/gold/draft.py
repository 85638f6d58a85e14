"""Pre-filled gold files from the pipeline's output, for a person to correct. Never gold as they are."""

from __future__ import annotations

from pathlib import Path

from extract.core.settings import Settings
from extract.dates.loader import load_temporal_lexicon
from extract.gold.files import LABELS, format_gold
from extract.ingest.reader import read_documents
from extract.money.parse import format_amount
from extract.pipeline.process import DocResult, Resources, process


def draft_record(result: DocResult) -> dict[str, object]:
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
        "doc_id": doc.doc_id, "source": Path(doc.source).name, "reviewed": False,
        "annotator": "extract gold draft (unreviewed)",
        "published": doc.published.isoformat() if doc.published else None, "labels": list(LABELS),
        "spans": spans,
        "people": [{"name": p.name, "role": p.role, "aliases": sorted({m.text for m in p.mentions} - {p.name})}
                   for p in result.people],
        "organisations": [{"name": o.name, "aliases": list(o.aliases)} for o in result.organisations],
        "money": [{"start": r.mention.start, "end": r.mention.end, "text": r.mention.text,
                   "amount": format_amount(r.money.amount), "currency": r.money.currency,
                   "approximate": r.money.approximate} for r in result.money if r.money],
        "events": [{"date": e.date, "event_type": e.event_type, "trigger": e.trigger, "trigger_start": e.trigger_start,
                    "trigger_end": e.trigger_end, "people": list(e.people), "organisations": list(e.organisations),
                    "location": e.location, "status": e.status} for e in result.events],
    }


def write_drafts(inputs: list[Path], out_dir: Path, settings: Settings) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    resources = Resources.load(settings)
    documents = read_documents(inputs, load_temporal_lexicon(settings.rules_dir))
    written = []
    for result in process(documents, resources, settings.batch_size):
        if result.document.ok:
            path = out_dir / f"{result.document.doc_id.replace('/', '__')}.json"
            path.write_text(format_gold(draft_record(result)), encoding="utf-8")
            written.append(path)
    return written

"""`extract report OUT`: OUT/report/, a folder of static pages that opens offline from disk.

index.html (documents with counts and status; with gold, the per-label scores), doc/<doc>.html (one per
document), entities.html and entity/<entity>.html, timeline.html (events merged across documents).
Row ids of the tables are anchors: `doc#E1` is doc/<doc>.html#E1 (likewise #P1, #O1), a mention is
doc/<doc>.html#m-START-END, an event's sentence #s-START, an entity_id is entities.html#<entity_id>,
a merged event timeline.html#<merged_id>.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from extract.report.data import ReportData, anchor, load_report_data, page_name
from extract.report.document import document_page, event_points
from extract.report.html import link, page, table, text_of
from extract.report.svg import prf_chart, timeline

REPORT_DIR = "report"


def write_report(out: Path, gold: Path | None = None) -> Path:
    """Render the report of the output folder `out` into out/report/ (replaced whole); its index.html."""
    data = load_report_data(out, gold)
    pages = {"index.html": index_page(data), "entities.html": entities_page(data),
             "timeline.html": timeline_page(data)}
    for doc_id in data.tables["documents"]["doc_id"]:
        pages[page_name("doc", doc_id)] = document_page(data, doc_id)
    for row in data.tables["entities"].itertuples():
        pages[page_name("entity", row.entity_id)] = entity_page(data, row)
    target = out / REPORT_DIR
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".report."))
    try:
        for name, html in pages.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(html, encoding="utf-8")
        os.chmod(staging, 0o755)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target / "index.html"


def index_page(data: ReportData) -> str:
    documents = data.tables["documents"]
    counts = {name: data.tables[name].groupby("doc_id").size() for name in
              ("mentions", "people", "organisations", "money", "events")}
    rows = []
    for r in documents.itertuples():
        status = f'<span class="status-{text_of(r.status)}">{text_of(r.status)}</span>'
        rows.append([link(page_name("doc", r.doc_id), r.doc_id), text_of(r.title), text_of(_day(r.published)), status,
                     *(f'<span class="num">{int(counts[n].get(r.doc_id, 0))}</span>' for n in counts),
                     text_of(r.error)])
    body = [f"<h1>extract report: {len(documents)} documents</h1>", _scores(data),
            table(["document", "title", "published", "status", *counts, "error"], rows, list(documents["doc_id"]))]
    return page("extract report", "\n".join(body))


def _day(value: object) -> str:
    return "" if pd.isna(value) else f"{value:%Y-%m-%d}"  # type: ignore[arg-type]


def _scores(data: ReportData) -> str:
    if data.gold is None:
        return ""
    rows, chart = [], []
    for key, (tp, fp, fn) in sorted(data.gold.counters.items()):
        if not key.startswith(("mentions.", "records.")) or key.endswith(".relaxed"):
            continue
        p = tp / (tp + fp) if tp + fp else None
        r = tp / (tp + fn) if tp + fn else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        rows.append([text_of(key), *(f'<span class="num">{v}</span>' for v in (tp, fp, fn)),
                     *(f"{v:.3f}" if v is not None else "" for v in (p, r, f))])
        chart.append((key.removeprefix("mentions.").removesuffix(".strict"), p, r, f))
    return ("<h2>Scores against gold (mentions strict; records)</h2>" + prf_chart(chart)
            + table(["metric", "tp", "fp", "fn", "P", "R", "F1"], rows) + "<h2>Documents</h2>")


def entities_page(data: ReportData) -> str:
    entities = data.tables["entities"]
    rows = [[link(page_name("entity", r.entity_id), r.name), text_of(r.type), text_of(r.aliases),
             text_of(r.n_documents), text_of(r.n_mentions)] for r in entities.itertuples()]
    body = f"<h1>Entities ({len(entities)})</h1>" + table(["name", "type", "aliases", "documents", "mentions"], rows,
                                                          list(entities["entity_id"]))
    return page("Entities", body)


def entity_events(data: ReportData, entity_id: str) -> pd.DataFrame:
    """The events whose participants are records of the entity (joined by person_ids / org_ids)."""
    records = pd.concat([data.tables["people"].rename(columns={"person_id": "record_id"}),
                         data.tables["organisations"].rename(columns={"org_id": "record_id"})])
    ids = set(records.loc[records["entity_id"] == entity_id, "record_id"])
    events = data.tables["events"]
    return events[[bool(ids & set(p + o)) for p, o in zip(events["person_ids"], events["org_ids"])]]


def entity_page(data: ReportData, entity: object) -> str:
    entity_id = str(entity.entity_id)  # type: ignore[attr-defined]
    records = pd.concat([data.tables["people"].rename(columns={"person_id": "record_id"}),
                         data.tables["organisations"].rename(columns={"org_id": "record_id"})])
    mine = records[records["entity_id"] == entity_id]
    documents = [[link(f"../{page_name('doc', r.doc_id)}#{anchor(r.record_id)}", r.doc_id), text_of(r.name),
                  text_of(r.mentions)] for r in mine.itertuples()]
    events = entity_events(data, entity_id)
    event_rows = [[link(f"../{page_name('doc', r.doc_id)}#{anchor(r.event_id)}", r.event_id), text_of(r.date),
                   text_of(r.event_type), text_of(r.trigger), text_of(r.sentence)] for r in events.itertuples()]
    body = [f"<h1>{text_of(entity.name)} <span class='muted'>{text_of(entity_id)}</span></h1>",  # type: ignore[attr-defined]
            f"<p>Also written: {text_of(entity.aliases) or '—'}</p>",  # type: ignore[attr-defined]
            "<h2>Timeline</h2>", timeline(event_points(events, "../")),
            "<h2>Documents</h2>", table(["document", "name there", "mentions"], documents),
            "<h2>Events</h2>", table(["event", "date", "type", "trigger", "sentence"], event_rows)]
    return page(entity_id, "\n".join(body), root="../")


def timeline_page(data: ReportData) -> str:
    merged = data.tables["events_merged"]
    events = data.tables["events"]
    rows = [[text_of(r.merged_id), text_of(r.date), text_of(r.event_type), text_of(r.people), text_of(r.organisations),
             ", ".join(link(page_name("doc", e.split("#")[0]) + f"#{anchor(e)}", e) for e in r.event_ids),
             text_of(r.sentence)] for r in merged.sort_values("date_from").itertuples()]
    body = ["<h1>Timeline of dated events</h1>", timeline(event_points(events, "")),
            "<h2>Events across documents</h2>",
            table(["id", "date", "type", "people", "organisations", "reported as", "sentence"], rows,
                  [r.merged_id for r in merged.sort_values("date_from").itertuples()])]
    return page("Timeline", "\n".join(body))

"""One document's page: its text with the mentions marked by label (spaCy's displaCy entity renderer),
gold errors when given, its events with their sentences, people, organisations and money."""

from __future__ import annotations

from html import escape

import pandas as pd
from spacy import displacy

from extract.report.data import ReportData, anchor, page_name
from extract.report.html import link, page, table, text_of
from extract.report.svg import Point, timeline

MARK = ('<mark class="entity {cls}" id="{anchor}" title="{tip}" style="background: {bg}; padding: 0.3em 0.45em; '
        'margin: 0 0.15em; line-height: 1; border-radius: 0.35em;">{text}<span style="font-size: 0.7em; '
        'font-weight: bold; margin-left: 0.4rem">{label}{kb_link}</span></mark>')
COLOURS = {"PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561", "DATE": "#bfe1d9",
           "TIME": "#bfe1d9", "MONEY": "#e4e7d2"}


def document_page(data: ReportData, doc_id: str) -> str:
    document = data.rows("documents", doc_id).iloc[0]
    text = data.texts.get(doc_id, "")
    events = data.rows("events", doc_id)
    title = str(document["title"]) if pd.notna(document["title"]) else doc_id
    body = [f"<h1>{escape(title)}</h1>", _facts(document)]
    if data.gold is not None and doc_id in data.gold.doc_ids:
        body.append('<p class="legend">Against gold (strict): <span style="box-shadow: inset 0 -4px 0 #d0021b">'
                    'false positive</span><span style="border: 2px dashed #d0021b">false negative</span>'
                    '<span style="border: 2px dotted #e07b00">boundary or label error</span></p>')
    body += ["<h2>Text</h2>", f'<div class="text">{render_text(data, doc_id, text, events)}</div>',
             "<h2>Timeline</h2>", timeline(event_points(events, "../")),
             "<h2>Events</h2>", _events_table(events), "<h2>People</h2>", _people(data, doc_id),
             "<h2>Organisations</h2>", _orgs(data, doc_id), "<h2>Money</h2>", _money(data, doc_id)]
    return page(doc_id, "\n".join(body), root="../")


def _facts(document: pd.Series) -> str:
    facts = [("doc id", text_of(document["doc_id"])), ("source", text_of(document["source"])),
             ("published", text_of(document["published"].date() if pd.notna(document["published"]) else "")),
             ("status", text_of(document["status"])), ("error", text_of(document["error"]))]
    return table(["", ""], [(k, v) for k, v in facts if v])


def mention_spans(data: ReportData, doc_id: str) -> list[dict[str, object]]:
    """Non-overlapping spans for the entity renderer: mentions (marked against gold) and unmatched gold spans."""
    mentions = data.rows("mentions", doc_id)
    errors = data.gold.errors.get(doc_id) if data.gold is not None else None
    fps = set() if errors is None else {(r.start, r.end) for r in errors.itertuples() if r.kind == "fp"}
    fns = [] if errors is None else [r for r in errors.itertuples() if r.kind == "fn"]
    spans: list[dict[str, object]] = []
    for row in mentions.itertuples():
        near = [g for g in fns if g.start < row.end and row.start < g.end]
        tip = f"{row.label} {row.start}-{row.end} · {row.normalised if pd.notna(row.normalised) else ''}" \
              + "".join(f" · gold: {g.label} {g.text!r}" for g in near)
        cls = ("fp " if (row.start, row.end) in fps else "") + ("near-fn" if near else "")
        entity = row.entity_id if pd.notna(row.entity_id) else ""
        spans.append({"start": row.start, "end": row.end, "label": row.label,
                      "kb_id": " ↗" if entity else "", "kb_url": f"../{page_name('entity', entity)}",
                      "params": {"anchor": f"m-{row.start}-{row.end}", "tip": escape(tip), "cls": cls}})
    taken = [(s["start"], s["end"]) for s in spans]
    for g in fns:
        if not any(s < g.end and g.start < e for s, e in taken):
            spans.append({"start": g.start, "end": g.end, "label": f"{g.label} (missed)",
                          "params": {"anchor": f"g-{g.start}-{g.end}", "tip": f"gold {g.label}, not found",
                                     "cls": "fn"}})
            taken.append((g.start, g.end))
    return _without_overlaps(sorted(spans, key=lambda s: (s["start"], -s["end"])))  # type: ignore[arg-type,operator]


def _without_overlaps(spans: list[dict[str, object]]) -> list[dict[str, object]]:
    kept: list[dict[str, object]] = []
    for span in spans:
        if not kept or span["start"] >= kept[-1]["end"]:  # type: ignore[operator]
            kept.append(span)
    return kept


def render_text(data: ReportData, doc_id: str, text: str, events: pd.DataFrame) -> str:
    """The text in pieces cut at event sentences (each an anchor `s-START`), each piece rendered by displaCy."""
    spans = mention_spans(data, doc_id)
    inside = [(int(s["start"]), int(s["end"])) for s in spans]  # type: ignore[call-overload]
    sentence_starts = {int(s) for s in events["start"]}
    cuts = sorted({0, len(text)} | {int(c) for c in list(events["start"]) + list(events["end"])
                                    if not any(a < c < b for a, b in inside)})
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        local = [dict(s, start=int(s["start"]) - left, end=int(s["end"]) - left)  # type: ignore[call-overload]
                 for s in spans if left <= int(s["start"]) and int(s["end"]) <= right]  # type: ignore[call-overload]
        colours = {str(s["label"]).upper(): COLOURS.get(str(s["label"]).split()[0], "#ddd") for s in local}
        html = displacy.render({"text": text[left:right], "ents": local, "title": None}, style="ent", manual=True, jupyter=False,
                               options={"template": MARK, "colors": colours})
        html = html[html.index(">") + 1:html.rindex("</div>")]  # the marks without displaCy's wrapper
        attribute = f' id="s-{left}" class="sentence"' if left in sentence_starts else ""
        pieces.append(f"<span{attribute}>{html}</span>")
    return "".join(pieces)


def event_points(events: pd.DataFrame, root: str) -> list[Point]:
    """Timeline points of dated events, linking to `root` + the event's document page anchor."""
    return [Point(r.date_from, r.date_to, str(r.event_type), f"{r.date} {r.trigger}: {r.sentence}",
                  f"{root}{page_name('doc', r.doc_id)}#{anchor(r.event_id)}")
            for r in events.itertuples() if pd.notna(r.date_from)]


def _events_table(events: pd.DataFrame) -> str:
    rows = [(text_of(anchor(r.event_id)), text_of(r.date) + (f"/{text_of(r.date_end)}" if pd.notna(r.date_end) else ""),
             text_of(r.event_type), text_of(r.trigger), text_of(r.people), text_of(r.organisations),
             text_of(r.location), text_of(r.status), f'<a href="#s-{r.start}">sentence</a>')
            for r in events.itertuples()]
    return table(["id", "date", "type", "trigger", "people", "organisations", "location", "status", ""], rows,
                 [anchor(r.event_id) for r in events.itertuples()])


def _people(data: ReportData, doc_id: str) -> str:
    people = data.rows("people", doc_id)
    rows = [(text_of(anchor(r.person_id)), link(f"../{page_name('entity', r.entity_id)}", str(r.name)),
             text_of(r.role), text_of(r.forms), text_of(r.mentions)) for r in people.itertuples()]
    return table(["id", "name", "role", "forms", "mentions"], rows, [anchor(r.person_id) for r in people.itertuples()])


def _orgs(data: ReportData, doc_id: str) -> str:
    orgs = data.rows("organisations", doc_id)
    rows = [(text_of(anchor(r.org_id)), link(f"../{page_name('entity', r.entity_id)}", str(r.name)),
             text_of(r.aliases), text_of(r.mentions)) for r in orgs.itertuples()]
    return table(["id", "name", "aliases", "mentions"], rows, [anchor(r.org_id) for r in orgs.itertuples()])


def _money(data: ReportData, doc_id: str) -> str:
    money = data.rows("money", doc_id)
    rows = [(f'<a href="#m-{r.start}-{r.end}">{text_of(r.text)}</a>', text_of(r.amount), text_of(r.currency),
             text_of(r.approximate)) for r in money.itertuples()]
    return table(["text", "amount", "currency", "approximate"], rows)

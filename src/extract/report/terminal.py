"""`extract show DOC_ID`: one document in the terminal, built as rich renderables (the CLI prints them)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from extract.core.errors import OutputsError
from extract.tables.load import load_tables

STYLES = {"PERSON": "bold magenta", "ORG": "bold cyan", "GPE": "bold yellow", "LOC": "yellow", "DATE": "green",
          "TIME": "green", "MONEY": "bold blue"}


def document_view(out: Path, doc_id: str) -> RenderableType:
    tables = load_tables(out)
    texts = tables.get("texts")
    if texts is None:
        raise OutputsError(f"{out}/texts.jsonl not found: run `extract run ... --out {out}` again to write it")
    matches = texts[texts["doc_id"] == doc_id]
    if matches.empty:
        known = ", ".join(list(texts["doc_id"])[:5])
        raise OutputsError(f"no document {doc_id!r} in {out} (documents include {known}…)")
    rows = {name: frame[frame["doc_id"] == doc_id] for name, frame in tables.items() if "doc_id" in frame}
    return Group(_title(rows["documents"]), marked_text(str(matches.iloc[0]["text"]), rows["mentions"]),
                 _legend(), _events(rows["events"]), _records(rows["people"], rows["organisations"]))


def marked_text(text: str, mentions: pd.DataFrame) -> Text:
    """The text with each mention styled by label and followed by its label, small."""
    marked = Text()
    offset = 0
    for row in mentions.itertuples():
        if row.start < offset:
            continue  # overlapping spans: the first one wins
        marked.append(text[offset:row.start])
        marked.append(text[row.start:row.end], style=STYLES.get(row.label, "bold"))
        marked.append(f"[{row.label}]", style="dim")
        offset = row.end
    marked.append(text[offset:])
    return marked


def _title(documents: pd.DataFrame) -> Text:
    row = documents.iloc[0]
    published = "" if pd.isna(row["published"]) else f" · published {row['published']:%Y-%m-%d}"
    return Text(f"{row['doc_id']}{published} · {row['status']}", style="bold underline")


def _legend() -> Text:
    legend = Text("labels: ", style="dim")
    for label, style in STYLES.items():
        legend.append(f"{label} ", style=style)
    return legend


def _events(events: pd.DataFrame) -> Table:
    table = Table(title=f"events ({len(events)})", title_justify="left")
    for column in ("id", "date", "type", "trigger", "people", "organisations", "location"):
        table.add_column(column)
    for r in events.itertuples():
        table.add_row(r.event_id.rsplit("#", 1)[-1], str(r.date), str(r.event_type), str(r.trigger),
                      "; ".join(r.people), "; ".join(r.organisations), "" if pd.isna(r.location) else str(r.location))
    return table


def _records(people: pd.DataFrame, orgs: pd.DataFrame) -> Table:
    table = Table(title=f"people ({len(people)}) and organisations ({len(orgs)})", title_justify="left")
    for column in ("id", "name", "entity", "role / aliases"):
        table.add_column(column)
    for r in people.itertuples():
        table.add_row(r.person_id.rsplit("#", 1)[-1], str(r.name), str(r.entity_id), "" if pd.isna(r.role) else r.role)
    for r in orgs.itertuples():
        table.add_row(r.org_id.rsplit("#", 1)[-1], str(r.name), str(r.entity_id), "; ".join(r.aliases))
    return table

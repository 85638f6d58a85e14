"""`extract timeline NAME`: the events of one person, organisation or product across a run, as a rich
table (the CLI prints it): the undated ones first (only the tense places them: before, at or after
their article's publication), then by date.

NAME is matched, case- and accent-insensitively, against the canonical names and aliases of
`entities.csv` and the product names of `timelines.csv`: an exact match wins; else the entities whose
name or alias contains NAME as whole words. More than one entity is an error listing them, none an
error saying so (the CLI exits 2 on both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from extract.core.errors import ExtractError, OutputsError
from extract.entities.people.records import name_key
from extract.tables.load import load_tables

CONTEXT_CHARS = 160  # of the sentence shown per event
TENSE_PLACES = {"past": "before publication", "ongoing": "at publication", "scheduled": "after publication"}


class TimelineNameError(ExtractError):
    """NAME names no entity of the run, or several."""


@dataclass(frozen=True)
class Candidate:
    entity_id: str
    name: str
    forms: tuple[str, ...]  # name and aliases


def timeline_view(out: Path, name: str) -> RenderableType:
    tables = load_tables(out)
    timelines = tables.get("timelines")
    if timelines is None:
        raise OutputsError(f"{out}/timelines.csv not found: run `extract run ... --out {out}` again to write it")
    entity = find_entity(candidates(tables.get("entities"), timelines), name)
    rows = timelines[timelines["entity_id"] == entity.entity_id]
    undated = int(rows["date_start"].map(_blank).eq("").sum())
    return Group(Text(f"{entity.name} · {entity.entity_id} · {len(rows) - undated} dated event(s), "
                      f"{undated} placed by tense only", style="bold underline"), _table(rows))


def candidates(entities: pd.DataFrame | None, timelines: pd.DataFrame) -> list[Candidate]:
    """Every entity of the run (people and organisations with their aliases) and every product of a timeline."""
    found = []
    if entities is not None:
        for row in entities.itertuples():
            aliases = tuple(str(a) for a in row.aliases) if isinstance(row.aliases, list) else ()
            found.append(Candidate(str(row.entity_id), str(row.name), (str(row.name), *aliases)))
    products = timelines[timelines["entity_type"] == "PRODUCT"].drop_duplicates("entity_id")
    found += [Candidate(str(r.entity_id), str(r.entity), (str(r.entity),)) for r in products.itertuples()]
    return found


def find_entity(candidates: list[Candidate], name: str) -> Candidate:
    """The one candidate NAME names (see the module's doc); TimelineNameError otherwise."""
    wanted = _key(name)
    if not wanted:
        raise TimelineNameError("give the name of a person, organisation or product")
    exact = _unique([c for c in candidates if wanted in {_key(f) for f in c.forms}])
    within = re.compile(rf"(?:^| ){re.escape(wanted)}(?: |$)")
    matches = exact or _unique([c for c in candidates if any(within.search(_key(f)) for f in c.forms)])
    if not matches:
        raise TimelineNameError(f"no person, organisation or product named {name!r} in the run "
                                f"(see entities.csv for the names)")
    if len(matches) > 1:
        listed = "; ".join(f"{c.name} ({c.entity_id})" for c in matches)
        raise TimelineNameError(f"{name!r} is ambiguous: {listed}; give one of these names")
    return matches[0]


def _unique(found: list[Candidate]) -> list[Candidate]:
    return list({c.entity_id: c for c in found}.values())


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w&]+", " ", name_key(text)).split())


def _table(rows: pd.DataFrame) -> Table:
    table = Table(title_justify="left")
    for column in ("date", "source", "event", "type", "trigger"):
        table.add_column(column, no_wrap=column in ("date", "source"))
    table.add_column("sentence", ratio=1, min_width=30)
    for r in rows.itertuples():
        sentence = str(r.sentence)
        table.add_row(_blank(r.date) or _blank(r.date_start) or _tense_place(r), str(r.date_source), str(r.event_id),
                      _blank(r.event_type) or f"({r.lemma})", str(r.trigger),
                      sentence if len(sentence) <= CONTEXT_CHARS else sentence[:CONTEXT_CHARS - 1] + "…")
    return table


def _tense_place(row: object) -> str:
    """Where the tense puts an undated event: before, at or after its article's publication."""
    status = _blank(getattr(row, "status", ""))
    return TENSE_PLACES.get(status, "undated")


def _blank(value: object) -> str:
    return "" if pd.isna(value) else str(value)

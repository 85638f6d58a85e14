"""Per-entity timelines across a run (`timelines.csv`): every event of each person, organisation and
product, one row per (entity, event), in date order.

Built from the run's event rows (with their `person_ids` / `org_ids`) and the run's entities: a person
or organisation record of an event's document is mapped to its run-wide `entity_id`; a product has no
record, so its entity is its name as written (`product:korvat-512`), the same across documents. An
event only the tense places (`date_source` tense, no date; `status` says before, at or after the
publication) comes first in its entity's timeline, as the TimeLine task (SemEval-2015 Task 4) lists
events it cannot anchor first. `stream_timeline_rows` gives the same rows for a run too large to hold,
sorted on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping

from extract.core.spill import SortedSpill
from extract.entities.registry import name_slug

TIMELINE_COLUMNS = ["entity_id", "entity_type", "entity", "date_start", "date_end_iso", "date", "date_source",
                    "status", "doc_id", "event_id", "event_type", "class", "lemma", "trigger", "trigger_start",
                    "sentence"]
TIMELINE_SORT = ["entity_id", "date_start", "doc_id", "trigger_start"]  # an undated row's "" sorts before any day
COPIED_COLUMNS = TIMELINE_COLUMNS[3:]  # what a row copies of its event (the first three name the entity)
TIMELINE_EVENT_FIELDS = (*COPIED_COLUMNS, "person_ids", "org_ids", "products")  # what it reads of an event


PRODUCT_TYPE = "PRODUCT"


def in_timeline(event: Mapping[str, object]) -> bool:
    """With someone or something to file it under."""
    return any(event.get(k) for k in ("person_ids", "org_ids", "products"))


def timeline_rows(event_rows: Iterable[Mapping[str, object]], entity_of: Mapping[str, str],
                  entities: Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """One row per (entity, event). `entity_of`: person_id / org_id -> entity_id; `entities`: the
    rows of entities.csv (entity_id, type, name)."""
    known = _known(entities)
    rows = [row for event in event_rows for row in _event_timeline_rows(event, entity_of, known)]
    return sorted(rows, key=lambda r: tuple(_sort_value(r[k]) for k in TIMELINE_SORT))


def stream_timeline_rows(event_rows: Iterable[Mapping[str, object]], entity_of: Mapping[str, str],
                         entities: Iterable[Mapping[str, object]], folder: Path,
                         chunk_rows: int | None = None) -> Iterator[dict[str, object]]:
    """The rows `timeline_rows` gives, in the same order, sorted on disk (in files under `folder`)
    rather than held: memory for one chunk of rows."""
    known = _known(entities)
    spill = SortedSpill(folder, _spilled_order, chunk_rows)
    try:
        for event in event_rows:
            for row in _event_timeline_rows(event, entity_of, known):
                spill.add(list(row.values()))
        for values in spill.sorted_rows():
            yield dict(zip(TIMELINE_COLUMNS, values))
    finally:
        spill.close()


_SORT_INDEX = [TIMELINE_COLUMNS.index(key) for key in TIMELINE_SORT]


def _spilled_order(values: list[object]) -> tuple[tuple[int, object], ...]:
    return tuple(_sort_value(values[i]) for i in _SORT_INDEX)


def _known(entities: Iterable[Mapping[str, object]]) -> dict[str, tuple[str, str]]:
    return {str(e["entity_id"]): (str(e["type"]), str(e["name"])) for e in entities}


def _event_timeline_rows(event: Mapping[str, object], entity_of: Mapping[str, str],
                         known: Mapping[str, tuple[str, str]]) -> list[dict[str, object]]:
    """The event's rows (TIMELINE_COLUMNS, in order): one per entity it is filed under."""
    if not in_timeline(event):
        return []
    return [{"entity_id": entity_id, "entity_type": kind, "entity": name,
             **{column: event.get(column, "") for column in COPIED_COLUMNS}}
            for entity_id, kind, name in _entities_of(event, entity_of, known)]


def _entities_of(event: Mapping[str, object], entity_of: Mapping[str, str],
                 known: Mapping[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(entity_id, type, name) of the event's people, organisations and products, each once."""
    found: dict[str, tuple[str, str, str]] = {}
    for record in _split(event.get("person_ids")) + _split(event.get("org_ids")):
        entity_id = entity_of.get(record, "")
        if entity_id and entity_id in known:
            found.setdefault(entity_id, (entity_id, *known[entity_id]))
    for product in _split(event.get("products")):
        entity_id = product_entity_id(product)
        found.setdefault(entity_id, (entity_id, PRODUCT_TYPE, product))
    return list(found.values())


def product_entity_id(name: str) -> str:
    """`product:` and the name folded as people's and organisations' ids are ("Galaxy S24" -> product:galaxy-s24)."""
    return "product:" + name_slug(name)


def _split(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [part for part in str(value or "").split(";") if part]


def _sort_value(value: object) -> tuple[int, object]:
    """Numbers before text, so offsets sort as numbers and every key compares."""
    return (0, value) if isinstance(value, int) else (1, str(value))

"""The event taxonomy (rules/event_taxonomy.json): TimeML classes, the types users search for, date sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.core.schemas import EventTaxonomyFile, load_rule_file


@dataclass(frozen=True)
class EventTaxonomy:
    classes: tuple[str, ...]
    types: tuple[str, ...]
    date_sources: tuple[str, ...]
    statuses: tuple[str, ...]
    modalities: tuple[str, ...]


@lru_cache(maxsize=4)
def load_event_taxonomy(rules_dir: Path) -> EventTaxonomy:
    data = load_rule_file(rules_dir / "event_taxonomy.json", EventTaxonomyFile)
    return EventTaxonomy(tuple(data.classes), tuple(data.types), tuple(data.date_sources),
                         tuple(data.statuses), tuple(data.modalities))

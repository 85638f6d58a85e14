"""The event taxonomy (rules/event_taxonomy.json): TimeML classes, the types users search for, date sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.core.errors import RuleFileError
from extract.core.rulefiles import check_keys, load_json, string_list

_KEYS = ("note", "classes", "types", "date_sources", "statuses", "modalities")


@dataclass(frozen=True)
class EventTaxonomy:
    classes: tuple[str, ...]
    types: tuple[str, ...]
    date_sources: tuple[str, ...]
    statuses: tuple[str, ...]
    modalities: tuple[str, ...]


@lru_cache(maxsize=4)
def load_event_taxonomy(rules_dir: Path) -> EventTaxonomy:
    path = rules_dir / "event_taxonomy.json"
    data = load_json(path)
    check_keys(data, _KEYS, _KEYS[1:], str(path))
    for key in ("classes", "types", "date_sources"):
        if not isinstance(data[key], dict):
            raise RuleFileError(f"{path}: {key!r} must map each name to its description")
    for name, entry in data["types"].items():
        check_keys(entry, ("covers", "maps_to"), ("covers", "maps_to"), f"{path}: types.{name}")
    return EventTaxonomy(tuple(data["classes"]), tuple(data["types"]), tuple(data["date_sources"]),
                         string_list(data["statuses"], f"{path}: statuses"),
                         string_list(data["modalities"], f"{path}: modalities"))

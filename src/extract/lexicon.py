"""The temporal lexicon (rules/temporal.json), loaded and checked once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import RuleFileError
from .rulefiles import check_keys, load_json, string_list

_KEYS = {
    "note", "months", "weekdays", "seasons", "parts_of_day", "duration_units", "number_words",
    "vague_numbers", "ordinals", "vague", "modifiers", "set_words", "leading_words",
    "relative_days", "relative_shift", "range_joiners",
}


@dataclass(frozen=True, eq=False)  # compared by identity: loaded once, used as a cache key
class TemporalLexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    duration_units: dict[str, str]
    number_words: dict[str, float]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    vague: dict[str, str]
    modifiers: dict[str, str]
    set_words: dict[str, str]
    leading_words: tuple[str, ...]
    relative_days: dict[str, int]
    relative_shift: dict[str, int]
    range_joiners: tuple[str, ...]

    @property
    def month_names(self) -> tuple[str, ...]:
        return tuple(self.months)

    @property
    def weekday_names(self) -> tuple[str, ...]:
        return tuple(self.weekdays)

    def month_number(self, name: str) -> int | None:
        return self.months.get(name.lower().rstrip("."))


def _mapping(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, dict):
        raise RuleFileError(f"{where}: {key!r} must be an object")
    return {str(k).lower(): v for k, v in value.items()}


@lru_cache(maxsize=4)
def load_temporal_lexicon(rules_dir: Path) -> TemporalLexicon:
    path = rules_dir / "temporal.json"
    data = load_json(path)
    check_keys(data, _KEYS, _KEYS - {"note"}, str(path))
    where = str(path)
    return TemporalLexicon(
        months=_mapping(data, "months", where),
        weekdays=_mapping(data, "weekdays", where),
        seasons=_mapping(data, "seasons", where),
        parts_of_day=_mapping(data, "parts_of_day", where),
        duration_units=_mapping(data, "duration_units", where),
        number_words=_mapping(data, "number_words", where),
        vague_numbers=string_list(data["vague_numbers"], f"{where}: vague_numbers"),
        ordinals=_mapping(data, "ordinals", where),
        vague=_mapping(data, "vague", where),
        modifiers=_mapping(data, "modifiers", where),
        set_words=_mapping(data, "set_words", where),
        leading_words=string_list(data["leading_words"], f"{where}: leading_words"),
        relative_days=_mapping(data, "relative_days", where),
        relative_shift=_mapping(data, "relative_shift", where),
        range_joiners=string_list(data["range_joiners"], f"{where}: range_joiners"),
    )

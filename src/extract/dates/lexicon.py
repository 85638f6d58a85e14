"""The temporal lexicon (rules/temporal.json), loaded and checked once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.core.errors import RuleFileError
from extract.core.rulefiles import check_keys, load_json, string_list

_MAPPINGS = (
    "months", "weekdays", "seasons", "parts_of_day", "clock_words", "duration_units", "number_words",
    "ordinals", "day_ordinals", "decade_words", "vague", "vague_adjectives", "modifiers", "approximators", "set_words",
    "relative_days", "anaphoric_days", "relative_shift", "period_qualifiers", "holidays", "tense_cues",
)
_LISTS = ("time_zones", "vague_numbers", "leading_words", "range_joiners", "year_to_date_periods")
_KEYS = {"note", "tense_words", "extent_patterns", "not_timex_patterns", *_MAPPINGS, *_LISTS}
TIMEX_LABELS = ("DATE", "TIME")
PATTERN_KEYS = ("id", "label", "regex", "note")
EXCLUSION_KEYS = ("id", "regex", "note")
TENSE_KEYS = ("future", "future_verbs", "past", "present", "future_clause_openers")
ALLOWED_VALUES = {  # mappings whose values name a kind the code knows
    "tense_cues": ("past", "future"),
    "period_qualifiers": ("reported", "current", "context", "year_before"),
    "modifiers": ("START", "MID", "END", "APPROX", ""),
    "approximators": ("APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"),
}


@dataclass(frozen=True)
class ExtentPattern:
    """One rule of the span finder: a regular expression over word classes (see dates.grammar)."""

    id: str
    label: str  # DATE | TIME: the mention label; the TIMEX3 type comes from the normaliser
    regex: str


@dataclass(frozen=True, eq=False)  # compared by identity: loaded once, used as a cache key
class TemporalLexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    time_zones: tuple[str, ...]
    duration_units: dict[str, str]
    number_words: dict[str, float]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    day_ordinals: dict[str, int]  # "eighth" in "March eighth"
    decade_words: dict[str, int]
    vague: dict[str, str]
    vague_adjectives: dict[str, str]
    modifiers: dict[str, str]
    approximators: dict[str, str]
    set_words: dict[str, str]
    leading_words: tuple[str, ...]
    relative_days: dict[str, int]
    anaphoric_days: dict[str, int]
    relative_shift: dict[str, int]
    period_qualifiers: dict[str, str]
    holidays: dict[str, str]
    range_joiners: tuple[str, ...]
    year_to_date_periods: tuple[str, ...]  # "the nine months": results for more than the quarter in force
    tense_cues: dict[str, str]
    tense_words: dict[str, tuple[str, ...]]
    extent_patterns: tuple[ExtentPattern, ...]
    not_timex_patterns: tuple[ExtentPattern, ...]

    @property
    def month_names(self) -> tuple[str, ...]:
        return tuple(self.months)

    @property
    def weekday_names(self) -> tuple[str, ...]:
        return tuple(self.weekdays)

    def month_number(self, name: str) -> int | None:
        return self.months.get(name.lower().rstrip("."))

    def day_number(self, text: str) -> int:
        """The day of the month written as "8", "8th" or "eighth"."""
        digits = "".join(c for c in text if c.isdigit())
        return int(digits) if digits else self.day_ordinals[text.lower()]

    def all_modifiers(self) -> dict[str, str]:
        """Position modifiers ("early", "the end of") and approximators ("about", "nearly") together."""
        return {**self.modifiers, **self.approximators}


def _mapping(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, dict):
        raise RuleFileError(f"{where}: {key!r} must be an object")
    allowed = ALLOWED_VALUES.get(key)
    for word, meaning in value.items():
        if allowed is not None and meaning not in allowed:
            raise RuleFileError(f"{where}: {key}[{word!r}] is {meaning!r}; allowed values are {list(allowed)}")
    return {str(k).lower(): v for k, v in value.items()}


def _tense_words(data: dict[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    value = data["tense_words"]
    if not isinstance(value, dict):
        raise RuleFileError(f"{where}: 'tense_words' must be an object")
    check_keys(value, TENSE_KEYS, TENSE_KEYS, f"{where}: tense_words")
    return {key: tuple(w.lower() for w in string_list(value[key], f"{where}: tense_words.{key}"))
            for key in TENSE_KEYS}


def _patterns(data: dict[str, Any], key: str, where: str) -> tuple[ExtentPattern, ...]:
    records = data[key]
    if not isinstance(records, list):
        raise RuleFileError(f"{where}: {key!r} must be a list of objects")
    allowed = PATTERN_KEYS if key == "extent_patterns" else EXCLUSION_KEYS
    required = ("id", "label", "regex") if key == "extent_patterns" else ("id", "regex")
    patterns = []
    for index, record in enumerate(records):
        place = f"{where}: {key}[{index}]"
        if not isinstance(record, dict):
            raise RuleFileError(f"{place} must be an object")
        check_keys(record, allowed, required, place)
        label = record.get("label", "DATE")
        if label not in TIMEX_LABELS:
            raise RuleFileError(f"{place}: label {label!r} is not one of {list(TIMEX_LABELS)}")
        patterns.append(ExtentPattern(str(record["id"]), label, str(record["regex"])))
    ids = [p.id for p in patterns]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RuleFileError(f"{where}: {key} has duplicate ids {duplicates}")
    return tuple(patterns)


def read_temporal_lexicon(rules_dir: Path) -> TemporalLexicon:
    path = rules_dir / "temporal.json"
    data = load_json(path)
    check_keys(data, _KEYS, _KEYS - {"note"}, str(path))
    where = str(path)
    return TemporalLexicon(
        **{key: _mapping(data, key, where) for key in _MAPPINGS},
        **{key: tuple(w.lower() for w in string_list(data[key], f"{where}: {key}")) for key in _LISTS},
        tense_words=_tense_words(data, where),
        extent_patterns=_patterns(data, "extent_patterns", where),
        not_timex_patterns=_patterns(data, "not_timex_patterns", where),
    )

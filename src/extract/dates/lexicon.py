"""The temporal lexicon (rules/temporal.json), loaded and checked once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import get_origin

from extract.core.schemas import TemporalFile, load_rule_file

_RECORDS = ("tense_words", "extent_patterns", "not_timex_patterns")  # read field by field below


def _fields_of_kind(kind: type) -> tuple[str, ...]:
    """The word tables of temporal.json whose schema type is `kind`: dict (word -> value) or list (words).
    Read from the schema, so a new table is declared in the schema and the lexicon only."""
    return tuple(name for name, info in TemporalFile.model_fields.items()
                 if get_origin(info.annotation) is kind and name not in _RECORDS)


_MAPPINGS = _fields_of_kind(dict)
_LISTS = _fields_of_kind(list)


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


def read_temporal_lexicon(rules_dir: Path) -> TemporalLexicon:
    """The lexicon of rules_dir/temporal.json, validated by its schema (see extract.core.schemas)."""
    data = load_rule_file(rules_dir / "temporal.json", TemporalFile)
    return TemporalLexicon(
        **{key: {word.lower(): value for word, value in getattr(data, key).items()} for key in _MAPPINGS},
        **{key: tuple(w.lower() for w in getattr(data, key)) for key in _LISTS},
        tense_words={key: tuple(w.lower() for w in words) for key, words in data.tense_words},
        extent_patterns=tuple(ExtentPattern(p.id, p.label, p.regex) for p in data.extent_patterns),
        not_timex_patterns=tuple(ExtentPattern(p.id, "DATE", p.regex) for p in data.not_timex_patterns),
    )

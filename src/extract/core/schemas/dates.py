"""The model of rules/temporal.json: the date lexicon and the span patterns over its word classes."""

from __future__ import annotations

import re
from typing import Iterator, Literal

from extract.core.mention import TIMEX_LABELS
from extract.core.schemas.base import NonEmpty, RuleId, RuleModel
from extract.core.schemas.locate import Loc, Problem

MACRO = re.compile(r"%([A-Za-z]+)(?::([A-Za-z0-9_]+))?")  # a word class in a pattern: %month, %qualifier:year_before
TimexLabel = Literal[TIMEX_LABELS]  # type: ignore[valid-type]
Number = int | float  # 1 stays 1, 0.5 stays 0.5


class ExtentPatternRule(RuleModel):
    id: RuleId
    label: TimexLabel
    regex: NonEmpty
    note: str = ""


class ExclusionRule(RuleModel):
    id: RuleId
    regex: NonEmpty
    note: str = ""


class TenseWords(RuleModel):
    future: list[str]
    future_verbs: list[str]
    past: list[str]
    present: list[str]
    future_clause_openers: list[str]


class TemporalFile(RuleModel):
    note: str = ""
    months: dict[str, int]
    weekdays: dict[str, int]  # Monday = 0
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    duration_units: dict[str, str]
    number_words: dict[str, Number]
    ordinals: dict[str, int]
    day_ordinals: dict[str, int]
    decade_words: dict[str, int]
    vague: dict[str, str]
    vague_adjectives: dict[str, str]
    modifiers: dict[str, Literal["START", "MID", "END", "APPROX", ""]]
    approximators: dict[str, Literal["APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"]]
    set_words: dict[str, str]
    relative_days: dict[str, int]
    anaphoric_days: dict[str, int]
    relative_shift: dict[str, int]
    period_qualifiers: dict[str, Literal["reported", "current", "context", "year_before"]]
    holidays: dict[str, str]
    tense_cues: dict[str, Literal["past", "future"]]
    time_zones: list[str]
    vague_numbers: list[str]
    leading_words: list[str]
    range_joiners: list[str]
    year_to_date_periods: list[str]
    tense_words: TenseWords
    extent_patterns: list[ExtentPatternRule]
    not_timex_patterns: list[ExclusionRule]

    def patterns(self) -> Iterator[tuple[Loc, ExtentPatternRule | ExclusionRule]]:
        for key in ("extent_patterns", "not_timex_patterns"):
            yield from (((key, index), p) for index, p in enumerate(getattr(self, key)))

    def problems(self) -> Iterator[Problem]:
        """Every pattern compiles as a regular expression (its word classes stand for any group here;
        that they name known classes is checked when the lexicon is built, see dates.grammar)."""
        for loc, pattern in self.patterns():
            try:
                re.compile("(?:" + MACRO.sub("(?:x)", pattern.regex) + ")")
            except re.error as err:
                yield loc + ("regex",), f"pattern {pattern.id!r} does not compile: {err}"

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return ((loc + ("id",), p.id) for loc, p in self.patterns())

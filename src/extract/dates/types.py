"""The records of temporal normalisation: the anchor a phrase is read against, and its TIMEX3 reading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable

from extract.dates.grammar import Grammar

GRANULARITY_PATTERNS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}T"), "time"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}(-WE)?$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-H\d$"), "half"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^FY\d{4}$"), "fiscal_year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
    (re.compile(r"_REF$"), "vague"),
)
POINT_GRANULARITIES = ("day", "time")


def granularity_of(value: str, timex_type: str = "DATE") -> str:
    if timex_type in ("DURATION", "SET"):
        return timex_type.lower()
    for pattern, name in GRANULARITY_PATTERNS:
        if pattern.search(value):
            return name
    return ""


@dataclass(frozen=True)
class Anchor:
    """What relative expressions resolve against.

    reference: the date "today" means (publication date, or the date in force in a narrative).
    context: the most recent explicit date in the text, with its granularity; it fills a missing
    month or year ("Monday 14", "March 24-30") and anchors anaphora ("the same day").
    quarter: the quarter the text is about ("2025-Q3"), once it has named one; "the quarter",
    "the latest period" and "a year earlier" in results reporting are read against it.
    previous: the last date read, explicit or not ("In March … The following month").
    """

    reference: date | None = None
    source: str = "none"
    context: date | None = None
    context_granularity: str = ""
    quarter: str = ""
    previous: date | None = None

    def describe(self) -> str:
        return f"{self.source}:{self.reference.isoformat()}" if self.reference else ""

    def day_context(self) -> date | None:
        return self.context if self.context_granularity in POINT_GRANULARITIES else None

    def deictic_base(self) -> date | None:
        """What "Friday" or "this morning" count from: the publication date in news, else the day in force."""
        if self.source == "published" and self.reference:
            return self.reference
        return self.day_context() or self.reference

    def year_base(self) -> date | None:
        """What a month or quarter without a year takes its year from."""
        if self.source == "published" and self.reference:
            return self.reference
        return self.context or self.reference

    def describe_base(self, prefer_context: bool = False) -> str:
        if (prefer_context or self.reference is None) and self.context is not None:
            return f"context:{self.context.isoformat()}"
        return self.describe()

    def with_context(self, day: date, granularity: str) -> "Anchor":
        return replace(self, context=day, context_granularity=granularity)


@dataclass(frozen=True)
class Timex:
    value: str
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    mod: str = ""
    value_end: str = ""
    anchor: str = ""  # "" when the text itself fixed the value
    explicit_year: bool = False  # the text names its year
    reader: str = field(default="", compare=False)  # the reader that gave the value ("dateparser" for the fallback)

    @property
    def granularity(self) -> str:
        return granularity_of(self.value, self.type)

    @property
    def is_vague(self) -> bool:
        return self.value.endswith("_REF")


Dispatch = Callable[[str, Anchor, Grammar, "str | None"], "Timex | None"]


@dataclass(frozen=True)
class Reading:
    """One phrase being read: its anchor, the grammar, the tense of its sentence, and how to read a part."""

    anchor: Anchor
    g: Grammar
    tense: str | None
    dispatch: Dispatch

    def again(self, text: str, anchor: Anchor | None = None, tense: str | None = "") -> Timex | None:
        """Read a part of the phrase ("Friday" in "9 a.m. Friday") with the same or another anchor."""
        return self.dispatch(text, anchor or self.anchor, self.g, self.tense if tense == "" else tense)

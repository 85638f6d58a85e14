"""TIMEX3 normalisation of one temporal expression, anchored to a reference date.

`normalise_timex(text, anchor, lexicon, tense)` reads one date/time phrase and returns a `Timex`
(value, type, mod, value_end) or None. It never reads the clock and never raises on messy text.
The phrase is cleaned once, then handed to the readers of `dates.readers` (calendar expressions) and
`dates.relative` (relative and vague ones) in order; the first reading wins. dateparser is the
fallback for single explicit dates the grammar does not cover, with every setting pinned here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from typing import Callable

from dateparser.date import DateDataParser

from extract.dates.calendar import number_value, value_for_period
from extract.dates.grammar import Grammar, grammar_for
from extract.dates.lexicon import TemporalLexicon
from extract.dates.readers import (
    read_clock,
    read_decade_century,
    read_explicit_day,
    read_fiscal,
    read_holiday,
    read_iso,
    read_month,
    read_month_year,
    read_quarter,
    read_range,
    read_season,
    read_week_of,
    read_year,
)
from extract.dates.relative import (
    read_ago,
    read_anaphoric_day,
    read_day_offset,
    read_duration,
    read_listed_day,
    read_modified,
    read_part_of_day,
    read_period_end,
    read_period_reference,
    read_relative_day,
    read_relative_unit,
    read_set,
    read_vague,
    read_weekday,
    read_weekday_day,
)
from extract.dates.types import Anchor, Reading, Timex, granularity_of

__all__ = ["Anchor", "Timex", "granularity_of", "normalise_timex", "clean_timex_text", "READERS"]

Reader = Callable[[str, Reading], "Timex | None"]

READERS: tuple[Reader, ...] = (
    read_vague, read_holiday, read_set, read_iso, read_quarter, read_period_reference, read_modified,
    read_decade_century, read_fiscal, read_season, read_week_of, read_explicit_day, read_month_year,
    read_year, read_range, read_clock, read_period_end, read_day_offset, read_relative_day, read_anaphoric_day, read_ago,
    read_relative_unit, read_duration, read_listed_day, read_weekday_day, read_weekday, read_month, read_part_of_day,
)
DATEPARSER_DEFAULT_BASE = date(2000, 1, 1)  # only reached when the phrase names its year


def normalise_timex(
    text: str, anchor: Anchor, lex: TemporalLexicon, tense: str | None = None
) -> Timex | None:
    """The TIMEX3 reading of one temporal phrase, or None when it cannot be read."""
    try:
        return _dispatch(clean_timex_text(text, lex), anchor, grammar_for(lex), tense)
    except (ValueError, OverflowError):  # impossible calendar values ("February 30", year 99999)
        return None


def _dispatch(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    if not s:
        return None
    reading = Reading(anchor, g, tense, _dispatch)
    for reader in READERS:
        result = reader(s, reading)
        if result is not None:
            return replace(result, reader=reader.__name__.removeprefix("read_"))
    result = _dateparser_fallback(s, reading)
    return replace(result, reader="dateparser") if result is not None else None


def clean_timex_text(text: str, lex: TemporalLexicon) -> str:
    """Lower case, single spaces, no abbreviation dots ("Sept." -> "sept", "p.m." -> "pm"), no leading
    preposition, no trailing possessive, years read out as digits ("nineteen ninety-six" -> "1996")."""
    s = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().lower()
    s = s.replace("’", "'").replace("‘", "'").strip(" \"'`.,;:()")
    s = re.sub(r"\b([ap])\.m\b\.?", r"\1m", s)
    s = re.sub(r"(?<=[a-z])\.(?=\s|,|$)", "", s)
    s = re.sub(r"(?<=[a-z])'s$", "", s)
    changed = True
    while changed:
        changed = False
        for word in sorted(lex.leading_words, key=len, reverse=True):
            if s.startswith(word + " "):
                s, changed = s[len(word) + 1:], True
    return grammar_for(lex).spoken_year.sub(lambda m: str(spoken_year_value(m.group(), lex) or m.group()), s)


def spoken_year_value(text: str, lex: TemporalLexicon) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "nineteen oh five" -> 1905."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(words[2:]), lex) if words[2:] else 0
        return 2000 + int(rest) if rest is not None else None
    century = lex.number_words.get(words[0]) if words else None
    if century is None:
        return None
    tail = words[1:]
    if tail == ["hundred"]:
        return int(century) * 100
    if tail[:1] == ["oh"]:
        tail = tail[1:]
    value = sum(lex.number_words.get(w, 0) for w in tail)
    return int(century) * 100 + int(value) if 0 < value < 100 else None


def _dateparser_fallback(s: str, r: Reading) -> Timex | None:
    month_or_year = re.search(rf"\b(?:{'|'.join(map(re.escape, r.g.lex.months))})\b|\b[12]\d{{3}}\b|\d+/\d+", s)
    if not month_or_year:
        return None
    anchor = r.anchor
    explicit = bool(re.search(r"\b[12]\d{3}\b", s))
    if not explicit and anchor.reference is None and anchor.context is None:
        return None
    base = anchor.reference or anchor.context or DATEPARSER_DEFAULT_BASE
    data = _date_parser(base, r.tense if r.tense in ("past", "future") else "current_period").get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    value = value_for_period(data.date_obj, data.period or "day")
    if value is None:
        return None
    return Timex(value, "TIME" if "T" in value else "DATE", explicit_year=explicit,
                 anchor="" if explicit else anchor.describe_base())


@lru_cache(maxsize=256)
def _date_parser(base: date, prefer: str) -> DateDataParser:
    """dateparser with every setting pinned: the base date comes from the text, never the clock."""
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": False,
        "REQUIRE_PARTS": [],
    }
    return DateDataParser(languages=["en"], settings=settings)

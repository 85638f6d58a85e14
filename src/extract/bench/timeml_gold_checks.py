"""Gold TIMEX3 values that contradict their own words, found by mechanical checks.

They tell annotation slips apart from system errors in the benchmark's error classes. The scores
themselves still count every gold value as written.
"""

from __future__ import annotations

import re
from datetime import date

from extract.dates.lexicon import TemporalLexicon

DAY_VALUE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SHORT_WEEK = re.compile(r"\d{4}-W\d(?!\d)")  # "2000-W7": TIMEX3 weeks have two digits, "2000-W07"
BARE_YEAR = re.compile(r"\d{4}")
OTHER_DAY_WORDS = re.compile(r"\b(?:before|after|eve|from|week)\b", re.I)  # "the day before Tuesday"


def gold_contradiction(text: str, value: str, lex: TemporalLexicon) -> str | None:
    """Why `value` cannot be what `text` says ("Tuesday" given as a Wednesday), or None."""
    words = text.strip()
    if BARE_YEAR.fullmatch(words) and value != words:
        return f"the year {words} given as {value}"
    if SHORT_WEEK.match(value):
        return f"week number of {value} not written with two digits"
    day = DAY_VALUE.match(value)
    if not day:
        return None
    try:
        written = date(int(day[1]), int(day[2]), int(day[3]))
    except ValueError:
        return f"{value} is no calendar day"
    return _weekday_clash(words, written, lex) or _month_clash(words, written, lex)


def _weekday_clash(words: str, written: date, lex: TemporalLexicon) -> str | None:
    if OTHER_DAY_WORDS.search(words):
        return None
    for name, number in lex.weekdays.items():
        if re.search(rf"\b{re.escape(name)}\b", words, re.I) and written.weekday() != number:
            return f"{written.isoformat()} is not a {name.capitalize()}"
    return None


def _month_clash(words: str, written: date, lex: TemporalLexicon) -> str | None:
    for name, number in lex.months.items():
        if re.search(rf"\b{re.escape(name)}\.?\s+\d{{1,2}}\b", words, re.I) and written.month != number:
            return f"{written.isoformat()} is not in {name.capitalize()}"
    return None

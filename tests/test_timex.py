"""TIMEX3 normalisation, one row per expression class, with fixed reference dates."""

from __future__ import annotations

from datetime import date

import pytest

from extract.timex import Anchor, normalise_timex

NEWS = Anchor(date(2025, 5, 13), "published")  # a Tuesday
NARRATIVE = Anchor(None, "context", date(2025, 7, 18), "day")
YEAR_ONLY = Anchor(None, "context", date(2026, 1, 1), "year")

CASES = [
    # text, anchor, tense, value, type, mod, value_end
    ("explicit day", "13 May 2025", NEWS, None, "2025-05-13", "DATE", "", ""),
    ("weekday and day", "Tuesday, 13 May 2025", NEWS, None, "2025-05-13", "DATE", "", ""),
    ("us order", "April 11, 2025", NEWS, None, "2025-04-11", "DATE", "", ""),
    ("lower case", "tuesday, may 13, 2025", NEWS, None, "2025-05-13", "DATE", "", ""),
    ("iso", "2025-05-13", NEWS, None, "2025-05-13", "DATE", "", ""),
    ("month granularity kept", "March 2015", NEWS, None, "2015-03", "DATE", "", ""),
    ("year granularity kept", "2026", NEWS, None, "2026", "DATE", "", ""),
    ("iso week", "2025-W20", NEWS, None, "2025-W20", "DATE", "", ""),
    ("quarter", "the second quarter of 2025", NEWS, None, "2025-Q2", "DATE", "", ""),
    ("quarter code", "Q3 2024", NEWS, None, "2024-Q3", "DATE", "", ""),
    ("half with possessive year", "2026's second half", NEWS, None, "2026-H2", "DATE", "", ""),
    ("season", "summer 2025", NEWS, None, "2025-SU", "DATE", "", ""),
    ("decade", "the 1990s", NEWS, None, "199", "DATE", "", ""),
    ("century", "the 20th century", NEWS, None, "19", "DATE", "", ""),
    ("fiscal year", "fiscal 2025", NEWS, None, "FY2025", "DATE", "", ""),
    ("end of year", "the end of 2025", NEWS, None, "2025", "DATE", "END", ""),
    ("early year", "early 2025", NEWS, None, "2025", "DATE", "START", ""),
    ("mid year", "mid-2025", NEWS, None, "2025", "DATE", "MID", ""),
    ("weekday said (past)", "Friday", NEWS, "past", "2025-05-09", "DATE", "", ""),
    ("weekday will (future)", "Friday", NEWS, "future", "2025-05-16", "DATE", "", ""),
    ("same weekday as publication", "Tuesday", NEWS, "past", "2025-05-13", "DATE", "", ""),
    ("last week", "last week", NEWS, None, "2025-W19", "DATE", "", ""),
    ("next month", "next month", NEWS, None, "2025-06", "DATE", "", ""),
    ("earlier this year", "earlier this year", NEWS, None, "2025", "DATE", "", ""),
    ("yesterday", "yesterday", NEWS, None, "2025-05-12", "DATE", "", ""),
    ("ago", "three weeks ago", NEWS, None, "2025-W17", "DATE", "", ""),
    ("anaphoric same day", "the same day", NARRATIVE, None, "2025-07-18", "DATE", "", ""),
    ("weekday plus part of day", "Friday afternoon", NARRATIVE, None, "2025-07-18TAF", "TIME", "", ""),
    ("part of day in narrative", "the morning", NARRATIVE, None, "2025-07-18TMO", "TIME", "", ""),
    ("clock time", "14:00", NARRATIVE, None, "2025-07-18T14:00", "TIME", "", ""),
    ("pm time", "2 p.m.", NARRATIVE, None, "2025-07-18T14:00", "TIME", "", ""),
    ("weekday day from context", "Monday 14", NARRATIVE, None, "2025-07-14", "DATE", "", ""),
    ("range month days", "March 24–30", YEAR_ONLY, None, "2026-03-24", "DATE", "", "2026-03-30"),
    ("range days month", "24 to 30 March 2026", NEWS, None, "2026-03-24", "DATE", "", "2026-03-30"),
    ("range between years", "between 2019 and 2021", NEWS, None, "2019", "DATE", "", "2021"),
    ("range years hyphen", "2009-2010", NEWS, None, "2009", "DATE", "", "2010"),
    ("range months", "from May until July", NEWS, None, "2025-05", "DATE", "", "2025-07"),
    ("duration days", "two days", NEWS, None, "P2D", "DURATION", "", ""),
    ("duration month", "a month", NEWS, None, "P1M", "DURATION", "", ""),
    ("duration decade", "a decade", NEWS, None, "P10Y", "DURATION", "", ""),
    ("duration years", "three years", NEWS, None, "P3Y", "DURATION", "", ""),
    ("duration vague", "years", NEWS, None, "PXY", "DURATION", "", ""),
    ("set", "every week", NEWS, None, "P1W", "SET", "", ""),
    ("set adverb", "annually", NEWS, None, "P1Y", "SET", "", ""),
    ("vague future", "the coming years", NEWS, None, "FUTURE_REF", "DATE", "", ""),
    ("vague past", "recently", NEWS, None, "PAST_REF", "DATE", "", ""),
]


@pytest.mark.parametrize("text, anchor, tense, value, kind, mod, value_end",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalise(lex, text, anchor, tense, value, kind, mod, value_end):
    timex = normalise_timex(text, anchor, lex, tense)
    assert timex is not None
    assert (timex.value, timex.type, timex.mod, timex.value_end) == (value, kind, mod, value_end)


@pytest.mark.parametrize("text", ["530", "1,000", "", "patients", "COVID-19"])
def test_not_dates(lex, text):
    assert normalise_timex(text, NEWS, lex) is None


def test_relative_needs_an_anchor(lex):
    assert normalise_timex("next month", Anchor(), lex) is None
    assert normalise_timex("May 2025", Anchor(), lex).value == "2025-05"


def test_anchor_is_recorded(lex):
    assert normalise_timex("yesterday", NEWS, lex).anchor == "published:2025-05-13"
    assert normalise_timex("13 May 2025", NEWS, lex).anchor == ""

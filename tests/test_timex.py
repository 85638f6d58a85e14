"""TIMEX3 normalisation, one row per expression class, with fixed reference dates."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates.timex import Anchor, normalise_timex

NEWS = Anchor(date(2025, 5, 13), "published")  # a Tuesday
NARRATIVE = Anchor(None, "context", date(2025, 7, 18), "day")
YEAR_ONLY = Anchor(None, "context", date(2026, 1, 1), "year")
RESULTS = Anchor(date(2025, 5, 13), "published", quarter="2025-Q1")  # a results story about Q1

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
    # --- issue classes: quarters and the reporting period of results news ---
    ("ordinal quarter told in the past", "the third quarter", NEWS, "past", "2024-Q3", "DATE", "", ""),
    ("ordinal quarter to come", "the third quarter", NEWS, "future", "2025-Q3", "DATE", "", ""),
    ("adjectival quarter", "fourth-quarter", NEWS, "past", "2024-Q4", "DATE", "", ""),
    ("quarter of a named year", "the first quarter of 2023", NEWS, None, "2023-Q1", "DATE", "", ""),
    ("quarter of this year", "this year's first quarter", NEWS, None, "2025-Q1", "DATE", "", ""),
    ("the quarter in force", "the quarter", RESULTS, None, "2025-Q1", "DATE", "", ""),
    ("the quarter: last one completed", "the quarter", NEWS, None, "2025-Q1", "DATE", "", ""),
    ("the latest period", "the latest period", RESULTS, None, "2025-Q1", "DATE", "", ""),
    ("the current quarter", "the current quarter", RESULTS, None, "2025-Q2", "DATE", "", ""),
    ("the year-ago quarter", "the year-ago quarter", RESULTS, None, "2024-Q1", "DATE", "", ""),
    ("year-earlier as an adjective", "year-earlier", RESULTS, None, "2024-Q1", "DATE", "", ""),
    ("a year earlier in results", "a year earlier", RESULTS, None, "2024-Q1", "DATE", "", ""),
    ("period of a named year", "the 2024 period", RESULTS, None, "2024-Q1", "DATE", "", ""),
    ("current fiscal year", "the current fiscal year", NEWS, None, "2025", "DATE", "", ""),
    ("fiscal year code", "FY2025", NEWS, None, "FY2025", "DATE", "", ""),
    ("year-end", "year-end", NEWS, None, "2025", "DATE", "END", ""),
    # --- issue classes: weekdays, months and days follow the tense (HeidelTime style) ---
    ("last weekday", "last Friday", NEWS, None, "2025-05-09", "DATE", "", ""),
    ("this coming weekday", "this coming Sunday", NEWS, None, "2025-05-18", "DATE", "", ""),
    ("next weekday said that day", "next Tuesday", NEWS, None, "2025-05-20", "DATE", "", ""),
    ("month told in the past", "November", NEWS, "past", "2024-11", "DATE", "", ""),
    ("month to come", "November", NEWS, "future", "2025-11", "DATE", "", ""),
    ("next month named in past tense", "June", NEWS, "past", "2025-06", "DATE", "", ""),
    ("last month name", "last November", NEWS, None, "2024-11", "DATE", "", ""),
    ("this month name", "this September", NEWS, None, "2025-09", "DATE", "", ""),
    ("month of last year", "June last year", NEWS, None, "2024-06", "DATE", "", ""),
    ("month of next year", "April next year", NEWS, None, "2026-04", "DATE", "", ""),
    ("day told in the past", "Oct. 23", NEWS, "past", "2024-10-23", "DATE", "", ""),
    ("day to come", "Oct. 23", NEWS, "future", "2025-10-23", "DATE", "", ""),
    ("day soon after, past tense", "May 30", NEWS, "past", "2025-05-30", "DATE", "", ""),
    ("weekday picks the year", "Friday, Oct. 24", NEWS, None, "2025-10-24", "DATE", "", ""),
    ("spelled day", "March eighth", NEWS, "future", "2026-03-08", "DATE", "", ""),
    ("spelled day first", "the twenty-first of June 2024", NEWS, None, "2024-06-21", "DATE", "", ""),
    ("coming weekday with its date", "this coming Sunday, May 18", NEWS, None, "2025-05-18", "DATE", "", ""),
    ("last season", "last fall", NEWS, None, "2024-FA", "DATE", "", ""),
    ("this season", "this summer", NEWS, None, "2025-SU", "DATE", "", ""),
    ("season of a year", "the winter of 2019", NEWS, None, "2019-WI", "DATE", "", ""),
    ("holiday told in the past", "Thanksgiving Day", NEWS, "past", "2024-11-28", "DATE", "", ""),
    ("holiday to come", "Christmas", NEWS, "future", "2025-12-25", "DATE", "", ""),
    ("weekend just past", "the weekend", NEWS, "past", "2025-W19-WE", "DATE", "", ""),
    ("month range over new year", "from November until February", NEWS, None, "2024-11", "DATE", "", "2025-02"),
    # --- issue classes: counted back from the publication date ---
    ("a year ago", "a year ago", NEWS, None, "2024", "DATE", "", ""),
    ("months ago", "six months ago", NEWS, None, "2024-11", "DATE", "", ""),
    ("days ago", "ten days ago", NEWS, None, "2025-05-03", "DATE", "", ""),
    ("vague amount ago", "several years ago", NEWS, None, "PAST_REF", "DATE", "", ""),
    ("approximate ago", "nearly four years ago", NEWS, None, "2021", "DATE", "LESS_THAN", ""),
    ("the past year is a date", "the past year", NEWS, None, "2024", "DATE", "", ""),
    ("the next decade is a stretch", "the next decade", NEWS, None, "P10Y", "DURATION", "", ""),
    ("that year in a narrative", "that year", NARRATIVE, None, "2025", "DATE", "", ""),
    # --- issue classes: times of day ---
    ("noon and weekday", "noon Thursday", NEWS, "past", "2025-05-08T12:00", "TIME", "", ""),
    ("clock, zone and weekday", "9 a.m. EST Friday", NEWS, "future", "2025-05-16T09:00", "TIME", "", ""),
    ("clock in words", "4 in the morning", NARRATIVE, None, "2025-07-18T04:00", "TIME", "", ""),
    ("midnight and weekday", "midnight Friday", NEWS, "past", "2025-05-09T24:00", "TIME", "", ""),
    # --- issue classes: decades, centuries, years read out ---
    ("decade with modifier", "the mid-1990s", NEWS, None, "199", "DATE", "MID", ""),
    ("decade in words", "the nineties", NEWS, None, "199", "DATE", "", ""),
    ("short decade", "the '80s", NEWS, None, "198", "DATE", "", ""),
    ("half of a decade", "the last half of the '80s", NEWS, None, "198", "DATE", "END", ""),
    ("ordinal century", "the 11th century", NEWS, None, "10", "DATE", "", ""),
    ("spoken year", "nineteen ninety-six", NEWS, None, "1996", "DATE", "", ""),
    ("spoken year two thousand", "the year two thousand", NEWS, None, "2000", "DATE", "", ""),
    ("month and spoken year", "January nineteen ninety-seven", NEWS, None, "1997-01", "DATE", "", ""),
    # --- issue classes: durations, sets and vague references are never calendar dates ---
    ("vague many years", "hundreds of years", NEWS, None, "PXY", "DURATION", "", ""),
    ("hyphenated duration", "week-long", NEWS, None, "P1W", "DURATION", "", ""),
    ("duration and a half", "two and a half years", NEWS, None, "P2.5Y", "DURATION", "", ""),
    ("duration with approximator", "more than four hours", NEWS, None, "PT4H", "DURATION", "MORE_THAN", ""),
    ("weekday set", "each Thursday", NEWS, None, "XXXX-WXX-4", "SET", "", ""),
    ("frequency set", "twice a year", NEWS, None, "P1Y", "SET", "", ""),
    ("set adverb weekly", "weekly", NEWS, None, "P1W", "SET", "", ""),
    ("vague present", "now", NEWS, None, "PRESENT_REF", "DATE", "", ""),
    ("vague near future", "the near future", NEWS, None, "FUTURE_REF", "DATE", "", ""),
    ("vague recent years", "recent years", NEWS, None, "PAST_REF", "DATE", "", ""),
]


@pytest.mark.parametrize("text, anchor, tense, value, kind, mod, value_end",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalise(lex, text, anchor, tense, value, kind, mod, value_end):
    timex = normalise_timex(text, anchor, lex, tense)
    assert timex is not None
    assert (timex.value, timex.type, timex.mod, timex.value_end) == (value, kind, mod, value_end)


@pytest.mark.parametrize("text", ["530", "1,000", "", "patients", "COVID-19", "44-year-old", "3.25", "2 patients"])
def test_not_dates(lex, text):
    assert normalise_timex(text, NEWS, lex) is None


def test_relative_needs_an_anchor(lex):
    assert normalise_timex("next month", Anchor(), lex) is None
    assert normalise_timex("May 2025", Anchor(), lex).value == "2025-05"


def test_granularity_is_kept(lex):
    assert normalise_timex("March 2015", NEWS, lex).granularity == "month"
    assert normalise_timex("the third quarter", NEWS, lex, "past").granularity == "quarter"
    assert normalise_timex("three years", NEWS, lex).granularity == "duration"


def test_anchor_is_recorded(lex):
    assert normalise_timex("yesterday", NEWS, lex).anchor == "published:2025-05-13"
    assert normalise_timex("13 May 2025", NEWS, lex).anchor == ""

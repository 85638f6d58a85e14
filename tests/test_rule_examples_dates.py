"""Every rule id of rules/temporal.json pinned by an invented example that fails when the rule is off.

For an extent pattern: the example's span is found, by that rule, and it is no longer found (with those
boundaries) once the rule is taken out of the lexicon; the spans found then are pinned too, so the table
says what the rule adds. For a not_timex pattern: the example gives no span, and gives one without the
rule. Where the value is the point, the TIMEX3 value read against a fixed anchor is asserted as well.
Every sentence and name is invented for these tests; none comes from the corpus or a benchmark.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from switch_off import without_entry

from extract.dates.lexicon import TemporalLexicon
from extract.dates.spans import find_timex_spans
from extract.dates.timex import normalise_timex
from extract.dates.types import Anchor

ANCHOR = Anchor(reference=date(2024, 5, 15))  # a Wednesday


def spans(text: str, lex: TemporalLexicon) -> list[tuple[str, str]]:
    return [(s.text, s.rule) for s in find_timex_spans(text, lex)]


def extent(rule_id: str, text: str, span: str, off: list[str], value: str | None = None) -> object:
    """One extent example: the rule finds `span` (valued `value`); without it the text gives `off`."""
    return pytest.param(rule_id, text, span, off, value, id=rule_id)


# --- extent patterns, grouped by what they read --------------------------------------------------------

CALENDAR = [
    extent("timex-iso-date", "The filing is dated 2023-11-04 in the archive.", "2023-11-04", [], "2023-11-04"),
    extent("timex-full-date", "The bridge opened on March 3, 2021, after delays.", "March 3, 2021",
           ["March 3", "2021"], "2021-03-03"),
    extent("timex-month-day", "The ferry left on April 9 from the pier.", "April 9", ["April"], "2024-04-09"),
    extent("timex-weekday-day", "The choir sang on Thursday 16, and again later.", "Thursday 16", ["Thursday"],
           "2024-05-16"),
    extent("timex-listed-day", "Trials ran on May 6, 7 and 8 in the valley.", "8", ["May 6"]),
    extent("timex-week-of", "The auction is set for the week of June 10 at the hall.", "the week of June 10",
           ["June 10"], "2024-W24"),
    extent("timex-month-year", "The mill shut in October 2019 for good.", "October 2019", ["October", "2019"],
           "2019-10"),
    extent("timex-month", "The orchard is harvested in September each time.", "September", []),
    extent("timex-weekday", "The council met on Tuesday to vote.", "Tuesday", [], "2024-05-14"),
    extent("timex-day-range", "The festival ran April 3-5 in the park.", "April 3-5", ["April"], "2024-04-03"),
    extent("timex-holiday", "The shop shuts on Labor Day this year.", "Labor Day", ["this year"], "2024-09-02"),
]

CLOCK = [
    extent("timex-clock", "The train departs at 7:45 p.m. from the depot.", "7:45 p.m", [], "2024-05-15T19:45"),
    extent("timex-clock-part", "The baker rises at 4 in the morning to work.", "4 in the morning", ["the morning"],
           "2024-05-15T04:00"),
    extent("timex-part-of-day", "The mayor spoke this afternoon at the square.", "this afternoon", [],
           "2024-05-15TAF"),
]

RELATIVE = [
    extent("timex-relative-day", "The parcel arrived yesterday at the depot.", "yesterday", [], "2024-05-14"),
    extent("timex-day-offset", "He returned the day before yesterday.", "the day before yesterday", ["yesterday"],
           "2024-05-13"),
    extent("timex-anaphoric-day", "The crew left the following day.", "the following day", [], "2024-05-16"),
    extent("timex-relative-unit", "The museum reopens next month with a new wing.", "next month", [], "2024-06"),
    extent("timex-ago", "The tower was finished three years ago by hand.", "three years ago", ["three years"],
           "2021"),
    extent("timex-vague", "The ferry is currently out of service.", "currently", [], "PRESENT_REF"),
    extent("timex-vague-adjective", "The current mayor likes cycling.", "current", [], "PRESENT_REF"),
]

PERIODS = [
    extent("timex-quarter", "Revenue at the brewery rose in the second quarter of 2022.",
           "the second quarter of 2022", ["2022"], "2022-Q2"),
    extent("timex-quarter-code", "The brewery reported Q3 2022 revenue.", "Q3 2022", ["2022"], "2022-Q3"),
    extent("timex-period-reference", "The brewery earned more than in the year-earlier period.",
           "the year-earlier period", []),
    extent("timex-period-end", "Stocks of grain fell at year-end at the farm.", "year-end", []),
]

YEARS = [
    extent("timex-year", "The lighthouse was built in 1887 by sailors.", "1887", [], "1887"),
    extent("timex-spoken-year", "The song dates from nineteen eighty-four on the radio.", "nineteen eighty-four", [],
           "1984"),
    extent("timex-year-range", "The drought lasted from 2011-2014 across the plains.", "2011-2014", [], "2011"),
    extent("timex-decade", "The cinema thrived in the 1950s in town.", "the 1950s", [], "195"),
    extent("timex-century", "The chapel dates from the 14th century in parts.", "the 14th century", [], "13"),
    extent("timex-season", "The road was closed in the winter of 2020 by snow.", "the winter of 2020", ["2020"],
           "2020-WI"),
]

DURATIONS_AND_SETS = [
    extent("timex-set", "The ferry sails every Sunday to the island.", "every Sunday", ["Sunday"], "XXXX-WXX-7"),
    extent("timex-duration", "The strike lasted four weeks at the mine.", "four weeks", ["weeks"], "P4W"),
    extent("timex-duration-bare", "The dispute dragged on for decades in court.", "decades", []),
]

EXTENT_EXAMPLES = CALENDAR + CLOCK + RELATIVE + PERIODS + YEARS + DURATIONS_AND_SETS


@pytest.mark.parametrize("rule_id, text, span, off, value", EXTENT_EXAMPLES)
def test_extent_rule_finds_its_example_and_nothing_else_does(lex, rule_id, text, span, off, value) -> None:
    assert (span, rule_id) in spans(text, lex)
    rest = [found for found, _ in spans(text, without_entry(lex, rule_id))]
    assert rest == off, f"{rule_id} switched off: {text!r} gives {rest}"
    if value is not None:
        timex = normalise_timex(span, ANCHOR, lex)
        assert timex is not None and timex.value == value


def test_a_listed_day_takes_its_month_from_the_day_listed_before(lex) -> None:
    context = dataclasses.replace(ANCHOR, context=date(2024, 5, 6), context_granularity="day")
    timex = normalise_timex("8", context, lex)
    assert timex is not None and timex.value == "2024-05-08"


# --- not_timex patterns: what looks like a date and is none ---------------------------------------------

def excluded(rule_id: str, text: str, off: list[str]) -> object:
    """One not_timex example: the text gives no span; without the rule it gives `off`."""
    return pytest.param(rule_id, text, off, id=rule_id)


NOT_TIMEX_EXAMPLES = [
    excluded("not-timex-age", "The pony is seven years old and sturdy.", ["seven years"]),
    excluded("not-timex-possessive-day", "The show is about today's teenagers and their phones.", ["today"]),
    excluded("not-timex-current-as-noun", "The current account deficit widened.", ["current"]),
    excluded("not-timex-month-as-word", "May I borrow the ladder?", ["May"]),
    excluded("not-timex-title", "She hosts This Week on the radio.", ["This Week"]),
    excluded("not-timex-time-of-day", "The owls sleep during the day.", ["the day"]),
    excluded("not-timex-discourse-now", "Now, the weavers want higher pay.", ["Now"]),
    excluded("not-timex-call-to-action", "Donate now to help the shelter.", ["now"]),
    excluded("not-timex-name-with-year", "The team flew to the games for Velora 2030 in the mountains.", ["2030"]),
    excluded("not-timex-money-rate", "The lease costs $40,000 a year for the flat.", ["a year"]),
]


@pytest.mark.parametrize("rule_id, text, off", NOT_TIMEX_EXAMPLES)
def test_not_timex_rule_removes_its_example(lex, rule_id, text, off) -> None:
    assert spans(text, lex) == []
    rest = [found for found, _ in spans(text, without_entry(lex, rule_id))]
    assert rest == off, f"{rule_id} switched off: {text!r} gives {rest}"


# --- known misses: what a rule is meant to read and does not, yet ----------------------------------------

KNOWN_MISSES = [
    pytest.param("He worked there for a year and a half.", "a year and a half", "P18M", id="duration-unit-and-a-half",
                 marks=pytest.mark.xfail(strict=True, reason="timex-duration takes 'and a half' only between the "
                                                             "number and the unit ('two and a half years')")),
    pytest.param("The chapel was rebuilt in the late 1800s.", "the late 1800s", "18", id="hundreds-are-a-century",
                 marks=pytest.mark.xfail(strict=True, reason="the reader takes every '..00s' for a decade ('180'); "
                                                             "'the late 1800s' is the nineteenth century")),
]


@pytest.mark.parametrize("text, span, value", KNOWN_MISSES)
def test_known_miss(lex, text, span, value) -> None:
    found = [s.text for s in find_timex_spans(text, lex)]
    assert span in found
    timex = normalise_timex(span, ANCHOR, lex)
    assert timex is not None and timex.value == value


KNOWN_FALSE_DATES = [
    pytest.param("The plan is bold. Velora 2030 sets new goals.", id="name-with-year-at-sentence-start",
                 marks=pytest.mark.xfail(strict=True, reason="not-timex-name-with-year skips a capitalised word at "
                                                             "a sentence start, where it may be a preposition "
                                                             "('In 1988')")),
    pytest.param("The rider, aged 12 years, won.", id="age-with-unit-after-aged",
                 marks=pytest.mark.xfail(strict=True, reason="not-timex-age covers 'aged 12' only, so the bare "
                                                             "'years' after it is still read as a duration")),
]


@pytest.mark.parametrize("text", KNOWN_FALSE_DATES)
def test_known_false_date(lex, text) -> None:
    assert spans(text, lex) == []


# --- every rule has an example --------------------------------------------------------------------------

def test_every_temporal_rule_id_has_an_example(lex) -> None:
    assert sorted(p.values[0] for p in EXTENT_EXAMPLES) == sorted(p.id for p in lex.extent_patterns)
    assert sorted(p.values[0] for p in NOT_TIMEX_EXAMPLES) == sorted(p.id for p in lex.not_timex_patterns)

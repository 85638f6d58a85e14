"""Dating events told in a narrative: what a date in force may and may not date (events version 2)."""

from __future__ import annotations

import pytest

import extract

pytestmark = pytest.mark.model
PUBLISHED = "2025-06-02"


def _tables(text: str) -> dict:
    return extract.process([{"id": "t", "text": text, "published": PUBLISHED}])


def _value(tables: dict, phrase: str) -> str:
    mentions = tables["mentions"]
    return str(mentions[mentions["text"] == phrase].iloc[0]["normalised"])


@pytest.mark.parametrize("text, phrase, value", [
    # told in the future or present: the publication's year or month, not that of a past narrative
    ("Acme Corp opened its first store on 3 March 1998. The company will open a new store at the end of the "
     "year.", "the end of the year", "2025"),
    ("Acme Corp opened its first store on 3 March 1998. The company is looking at new sites by the end of the "
     "month.", "the end of the month", "2025-06"),
    # told in the past: the narrative's
    ("Acme Corp opened its first store on 3 March 1998. By the end of the year it had opened ten.",
     "the end of the year", "1998"),
])
def test_the_year_or_month_of_a_past_narrative_does_not_carry_into_the_future(text: str, phrase: str, value: str):
    assert _value(_tables(text), phrase) == value


def test_a_narrative_clause_takes_the_day_told_before_it_in_its_sentence():
    events = _tables("Ostwind was sold on 4 March 2024, while its founder watched from the gallery.")["events"]
    watched = events[events["trigger"] == "watched"].iloc[0]
    assert (watched["date"], watched["date_source"]) == ("2024-03-04", "narrative")

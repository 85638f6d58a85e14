"""The rule finder of temporal expressions (rules/temporal.json extent patterns) on invented sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from extract.core.errors import RuleFileError
from extract.core.mention import Mention
from extract.dates.loader import load_temporal_lexicon
from extract.dates.spans import apply_date_rules, find_timex_spans

CASES = [
    # id, text, the spans found (in text order)
    ("weekday and adjectival quarter", "The firm said Friday that third-quarter profit rose.", ["Friday", "third-quarter"]),
    ("period and its end date apart", "Sales in the quarter ended Sept. 30 rose.", ["the quarter", "Sept. 30"]),
    ("clock with weekday", "He came at noon Thursday and left at 9 a.m. EST Friday.", ["noon Thursday", "9 a.m. EST Friday"]),
    ("day list", "visited on Monday 14, Tuesday 15 and Friday 18 July 2025.",
     ["Monday 14", "Tuesday 15", "Friday 18 July 2025"]),
    ("spelled day", "It opens on March eighth and ends on the ninth of April.", ["March eighth", "ninth of April"]),
    ("ordinal word that is no day", "He came first in May and second in June.", ["May", "June"]),
    ("range of years is one span", "prices rose between 2019 and 2021.", ["between 2019 and 2021"]),
    ("range of days is one span", "The fair runs March 24–30 in Osaka.", ["March 24–30"]),
    ("months joined by words are two", "open from May until July", ["May", "July"]),
    ("listed days", "on April 24 and 25 and on 3 and 4 May", ["April 24", "25", "3", "4 May"]),
    ("day next to a named day", "the day before last Tuesday's vote", ["the day before last Tuesday"]),
    ("day before an event is no date", "the day before the vote", []),
    ("possessive left out", "last year's results were weak", ["last year"]),
    ("modifier kept", "earlier this year and early next month", ["earlier this year", "early next month"]),
    ("decade with modifier", "built in the mid-1990s", ["the mid-1990s"]),
    ("season needs a determiner", "the fall in prices since last fall", ["last fall"]),
    ("year in a name is not a date", "The Expo 2025 fair opens in April 2025.", ["April 2025"]),
    ("sentence-initial year is a date", "It grew.\nIn 1988, it earned more.", ["1988"]),
    ("age is not a date", "a 44-year-old teacher and a 10-year-old boy", []),
    ("possessive day used as adjective", "today's youth", []),
    ("possessive of a past or coming day is a date", "after yesterday's vote and before tomorrow's",
     ["yesterday", "tomorrow"]),
    ("vague adjective", "the current market and recent gains", ["current", "recent"]),
    ("current that is no time", "the current account and the then-current price", []),
    ("abbreviation without its dot", "Sun, Oracle and others", []),
    ("index level is not a year", "the index closed at 2082.1 points", []),
    ("money rate is not a duration", "earns $5 million a year", []),
    ("money then a date", "from $7 million a year ago", ["a year ago"]),
    ("call to action", "Subscribe now to keep reading", []),
    ("discourse marker", "Now, he says, it is over.", []),
    ("vague present", "the plant is now closed", ["now"]),
    ("title with capitals", 'said on "This Week" that', []),
    ("durations", "for years, over the past three years, a week-long visit",
     ["years", "the past three years", "week-long"]),
    ("sets", "meets each Thursday and reports weekly", ["each Thursday", "weekly"]),
    ("spoken years", "in the winter of nineteen ninety-four", ["the winter of nineteen ninety-four"]),
    ("holiday", "was found on Thanksgiving Day", ["Thanksgiving Day"]),
    ("anaphoric day at sentence start", "The day continued with a visit. Late in the day, they left.", ["The day"]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_timex_spans(lex, text, expected):
    spans = find_timex_spans(text, lex)
    assert [s.text for s in spans] == expected
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_every_span_names_its_rule(lex):
    spans = find_timex_spans("On Friday, the third quarter of 2024 ended.", lex)
    ids = {p.id for p in lex.extent_patterns}
    assert spans and all(s.rule in ids for s in spans)


def test_rule_spans_replace_model_dates(lex):
    text = "It reported a loss for the quarter ended Sept. 30, the firm said."
    doc = spacy.blank("en")(text)
    model = Mention("DATE", text.index("the quarter"), text.index(", the"), "the quarter ended Sept. 30", "model")
    org = Mention("ORG", 0, 2, "It", "model")
    found = apply_date_rules(doc, [model, org], lex, text)
    assert [(m.text, m.source) for m in found] == [
        ("It", "model"), ("the quarter", "timex-period-reference"), ("Sept. 30", "timex-month-day")]


def test_unknown_word_class_names_the_pattern(tmp_path: Path, settings):
    data = json.loads((settings.rules_dir / "temporal.json").read_text(encoding="utf-8"))
    data["extent_patterns"].append({"id": "timex-broken", "label": "DATE", "regex": "%nosuchclass"})
    (tmp_path / "temporal.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleFileError, match="timex-broken"):
        load_temporal_lexicon(tmp_path)


def test_unknown_pattern_key_is_rejected(tmp_path: Path, settings):
    data = json.loads((settings.rules_dir / "temporal.json").read_text(encoding="utf-8"))
    data["extent_patterns"][0]["lable"] = "DATE"
    (tmp_path / "temporal.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"extent_patterns\[0\]\.lable: unknown key 'lable'; allowed: id, label"):
        load_temporal_lexicon(tmp_path)


def test_unknown_meaning_is_rejected(tmp_path: Path, settings):
    data = json.loads((settings.rules_dir / "temporal.json").read_text(encoding="utf-8"))
    data["tense_cues"]["since"] = "yesterday"
    (tmp_path / "temporal.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleFileError, match="tense_cues.since: input should be 'past' or 'future', got 'yesterday'"):
        load_temporal_lexicon(tmp_path)

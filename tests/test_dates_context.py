"""What a date is read against: the tense of its sentence, the quarter in force, the list it is part of.

Sentences are invented; parses are written by hand (or absent: a blank pipeline), so no model is loaded.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from extract.core.documents import Document
from extract.dates.spans import apply_date_rules
from extract.dates.tense import sentence_tense, tense_of
from extract.normalise.resolve import resolve_dates

NLP = spacy.blank("en")


def parsed(words, heads, deps, tags, pos, lemmas) -> Doc:
    return Doc(NLP.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


REPORTED_FUTURE = parsed(
    ["Officials", "said", "Friday", "the", "plant", "will", "close", "in", "November", "."],
    [1, 1, 1, 4, 6, 6, 1, 6, 7, 1],
    ["nsubj", "ROOT", "npadvmod", "det", "nsubj", "aux", "ccomp", "prep", "pobj", "punct"],
    ["NNS", "VBD", "NNP", "DT", "NN", "MD", "VB", "IN", "NNP", "."],
    ["NOUN", "VERB", "PROPN", "DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
    ["official", "say", "Friday", "the", "plant", "will", "close", "in", "November", "."],
)
PLANNED = parsed(
    ["The", "team", "planned", "to", "leave", "on", "Thursday", "."],
    [1, 2, 2, 4, 2, 4, 5, 2],
    ["det", "nsubj", "ROOT", "aux", "xcomp", "prep", "pobj", "punct"],
    ["DT", "NN", "VBD", "TO", "VB", "IN", "NNP", "."],
    ["DET", "NOUN", "VERB", "PART", "VERB", "ADP", "PROPN", "PUNCT"],
    ["the", "team", "plan", "to", "leave", "on", "Thursday", "."],
)
PREMODIFIER = parsed(
    ["They", "studied", "the", "Oct.", "23", "attack", "."],
    [1, 1, 5, 5, 3, 1, 1],
    ["nsubj", "ROOT", "det", "compound", "nummod", "dobj", "punct"],
    ["PRP", "VBD", "DT", "NNP", "CD", "NN", "."],
    ["PRON", "VERB", "DET", "PROPN", "NUM", "NOUN", "PUNCT"],
    ["they", "study", "the", "Oct.", "23", "attack", "."],
)

FRONTED_PAST_PERFECT = parsed(
    ["Until", "Thursday", ",", "they", "had", "not", "called", "him", "."],
    [6, 0, 6, 6, 6, 6, 6, 6, 6],
    ["prep", "pobj", "punct", "nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
    ["IN", "NNP", ",", "PRP", "VBD", "RB", "VBN", "PRP", "."],
    ["ADP", "PROPN", "PUNCT", "PRON", "AUX", "PART", "VERB", "PRON", "PUNCT"],
    ["until", "Thursday", ",", "they", "have", "not", "call", "he", "."],
)
FRONTED_PLANNING = parsed(
    ["On", "Friday", ",", "the", "city", "planned", "to", "pay", "."],
    [5, 0, 5, 4, 5, 5, 7, 5, 5],
    ["prep", "pobj", "punct", "det", "nsubj", "ROOT", "aux", "xcomp", "punct"],
    ["IN", "NNP", ",", "DT", "NN", "VBD", "TO", "VB", "."],
    ["ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PART", "VERB", "PUNCT"],
    ["on", "Friday", ",", "the", "city", "plan", "to", "pay", "."],
)

PARTICIPLE_FUTURE = parsed(
    ["The", "plant", ",", "opening", "on", "August", "6", ",", "will", "employ", "staff", "."],
    [1, 9, 1, 1, 3, 4, 5, 1, 9, 9, 9, 9],
    ["det", "nsubj", "punct", "acl", "prep", "pobj", "nummod", "punct", "aux", "ROOT", "dobj", "punct"],
    ["DT", "NN", ",", "VBG", "IN", "NNP", "CD", ",", "MD", "VB", "NN", "."],
    ["DET", "NOUN", "PUNCT", "VERB", "ADP", "PROPN", "NUM", "PUNCT", "AUX", "VERB", "NOUN", "PUNCT"],
    ["the", "plant", ",", "open", "on", "August", "6", ",", "will", "employ", "staff", "."],
)
PARTICIPLE_PAST = parsed(
    ["Shares", "fell", ",", "closing", "on", "May", "9", "at", "a", "low", "."],
    [1, 1, 1, 1, 3, 4, 5, 3, 9, 7, 1],
    ["nsubj", "ROOT", "punct", "advcl", "prep", "pobj", "nummod", "prep", "det", "pobj", "punct"],
    ["NNS", "VBD", ",", "VBG", "IN", "NNP", "CD", "IN", "DT", "NN", "."],
    ["NOUN", "VERB", "PUNCT", "VERB", "ADP", "PROPN", "NUM", "ADP", "DET", "NOUN", "PUNCT"],
    ["share", "fall", ",", "close", "on", "May", "9", "at", "a", "low", "."],
)


def char_range(doc: Doc, phrase: str) -> tuple[int, int]:
    start = doc.text.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize("doc, phrase, expected", [
    (REPORTED_FUTURE, "Friday", "past"),
    (REPORTED_FUTURE, "November", "future"),
    (PLANNED, "Thursday", "future"),
    (PREMODIFIER, "Oct. 23", None),
    (FRONTED_PLANNING, "Friday", "past"),
    (PARTICIPLE_FUTURE, "August 6", "future"),
    (PARTICIPLE_PAST, "May 9", "past"),
], ids=["reporting verb", "will", "planned to", "date inside a noun phrase", "date before a past planning verb",
        "participle clause takes the future of its clause", "participle clause takes the past of its clause"])
def test_sentence_tense(lex, doc, phrase, expected):
    assert sentence_tense(doc, *char_range(doc, phrase), lex) == expected


@pytest.mark.parametrize("text, phrase, expected", [
    ("Prices have risen since May.", "May", "past"),
    ("The deal must close by Friday.", "Friday", "future"),
    ("Buyers may step in as soon as trading opens Monday.", "Monday", "future"),
    ("The deal closed Friday.", "Friday", None),  # no signal word and no parse
], ids=["since", "by", "as soon as", "none"])
def test_signal_words(lex, text, phrase, expected):
    doc = NLP(text)
    assert tense_of(doc, text, *char_range(doc, phrase), lex) == expected


TIME_CLAUSE = parsed(
    ["Bonuses", "are", "paid", "after", "the", "board", "meets", "in", "June", "."],
    [2, 2, 2, 6, 5, 6, 2, 6, 7, 2],
    ["nsubjpass", "auxpass", "ROOT", "mark", "det", "nsubj", "advcl", "prep", "pobj", "punct"],
    ["NNS", "VBP", "VBN", "IN", "DT", "NN", "VBZ", "IN", "NNP", "."],
    ["NOUN", "AUX", "VERB", "SCONJ", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
    ["bonus", "be", "pay", "after", "the", "board", "meet", "in", "June", "."],
)


def test_present_in_a_time_clause_is_future(lex):
    """ "after the board meets in June": the present tense of a time clause tells of what is to come."""
    doc = TIME_CLAUSE
    assert tense_of(doc, doc.text, *char_range(doc, "June"), lex) == "future"


def test_past_perfect_overrules_a_deadline_word(lex):
    """ "Until Thursday, they had not called him": how things stood then, not a deadline to come."""
    doc = FRONTED_PAST_PERFECT
    assert tense_of(doc, doc.text, *char_range(doc, "Thursday"), lex) == "past"


def resolved(text: str, lex, published: date | None, nlp=NLP) -> list[tuple[str, str]]:
    doc = nlp(text)
    mentions = apply_date_rules(doc, [], lex, text)
    document = Document("d", "d.txt", text, published=published)
    return [(r.mention.text, r.normalised) for r in resolve_dates(mentions, doc, document, lex)]


def test_results_story_quarter(lex):
    text = ("Acme said its third-quarter profit rose. A year earlier, it lost money. "
            "In the quarter, sales rose, and the current quarter looks better.")
    assert resolved(text, lex, date(2025, 11, 5)) == [
        ("third-quarter", "2025-Q3"), ("A year earlier", "2024-Q3"), ("the quarter", "2025-Q3"),
        ("the current quarter", "2025-Q4")]


def test_year_to_date_results_compare_with_the_year(lex):
    """ "For the nine months … a year earlier": more than the quarter in force, so the year before."""
    sentences = spacy.blank("en")
    sentences.add_pipe("sentencizer")
    text = ("Acme said its third-quarter profit rose from a year earlier. "
            "For the nine months, profit fell from a year earlier.")
    assert resolved(text, lex, date(2025, 11, 5), sentences) == [
        ("third-quarter", "2025-Q3"), ("a year earlier", "2024-Q3"), ("the nine months", "P9M"),
        ("a year earlier", "2024")]


def test_comparison_quarter_is_not_the_quarter_in_force(lex):
    text = "In the year-ago quarter, it lost money. In the quarter, sales rose."
    assert resolved(text, lex, date(2025, 11, 5)) == [("the year-ago quarter", "2024-Q3"), ("the quarter", "2025-Q3")]


def test_list_takes_month_and_year_from_its_last_item(lex):
    text = "The minister visited on Monday 14, Tuesday 15 and Friday 18 July 2025."
    assert resolved(text, lex, None) == [
        ("Monday 14", "2025-07-14"), ("Tuesday 15", "2025-07-15"), ("Friday 18 July 2025", "2025-07-18")]


@pytest.mark.parametrize("text, expected", [
    ("The summit is on April 24 and 25.", [("April 24", "2025-04-24"), ("25", "2025-04-25")]),
    ("The talks ran on 24 and 25 April.", [("24", "2025-04-24"), ("25 April", "2025-04-25")]),
    ("The fair is on April eighth and ninth.", [("April eighth", "2025-04-08"), ("ninth", "2025-04-09")]),
], ids=["month first", "month last", "spelled days"])
def test_bare_listed_day_takes_the_month_it_is_listed_with(lex, text, expected):
    assert resolved(text, lex, date(2025, 4, 10)) == expected


def test_day_before_a_named_day(lex):
    text = "The day before last Tuesday's hearing, he flew out. He came back the day after Christmas."
    assert resolved(text, lex, date(2025, 5, 15)) == [
        ("The day before last Tuesday", "2025-05-12"), ("the day after Christmas", "2024-12-26")]


def test_narrative_day_anchors_what_follows(lex):
    text = "On Tuesday 15 July 2025 the team met. The day ended with a dinner. In the evening, they left."
    assert resolved(text, lex, None) == [
        ("Tuesday 15 July 2025", "2025-07-15"), ("The day", "2025-07-15"), ("the evening", "2025-07-15TEV")]


def test_the_following_month_counts_from_the_last_date_read(lex):
    text = "The talks failed in March. The following month, the company was sold."
    assert resolved(text, lex, date(2025, 11, 5)) == [("March", "2025-03"), ("The following month", "2025-04")]


def test_ages_are_not_dates(lex):
    assert resolved("A 44-year-old man and his 6-year-old son arrived yesterday.", lex, date(2025, 5, 13)) == [
        ("yesterday", "2025-05-12")]

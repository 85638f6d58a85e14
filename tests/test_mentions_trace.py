"""Every row traceable: the rules that made a span (trace), the rule that removed one (dropped), the
reader that gave a date its value. Invented text on a blank pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from blank_docs import doc_with

from extract.core.mention import Dropped, Mention
from extract.dates.timex import normalise_timex
from extract.dates.types import Anchor
from extract.mentions.lineage import settle
from extract.mentions.rules import MENTION_RULES, RULE_IDS
from extract.mentions.stage import OVERLAP_FILTER, find_mentions

# --- the lineage of one rule step, as a pure function ----------------------------------------------

ACME = Mention("ORG", 0, 4, "Acme", "model", trace=("model",))
ROE = Mention("PERSON", 10, 18, "Jane Roe", "model", trace=("model",))


def test_an_unchanged_mention_keeps_its_trace_even_when_the_rule_rebuilt_it() -> None:
    rebuilt = Mention("ORG", 0, 4, "Acme", "model")  # equal, but without a trace
    (kept,), dropped = settle([ACME], [rebuilt], "some-rule")
    assert kept.trace == ("model",) and dropped == []


def test_a_moved_mention_inherits_the_trace_and_names_what_moved_it() -> None:
    cut = Mention("PERSON", 10, 14, "Jane", "person-cut")
    (moved,), dropped = settle([ROE], [cut], "person-rule")
    assert moved.trace == ("model", "person-cut") and dropped == []
    relabelled = Mention("ORG", 10, 18, "Jane Roe", "model")  # same source: the step names the change
    (changed,), _ = settle([ROE], [relabelled], "org-evidence")
    assert changed.trace == ("model", "org-evidence")


def test_a_created_mention_starts_with_its_source_and_a_removed_one_is_dropped_by_the_step() -> None:
    added = Mention("ORG", 30, 33, "BRX", "org-ticker")
    result, dropped = settle([ACME, ROE], [ACME, added], "person-drop-common-words")
    assert [m.trace for m in result] == [("model",), ("org-ticker",)]
    assert dropped == [Dropped(ROE, "person-drop-common-words")]


def test_a_list_returned_as_it_was_comes_back_as_it_was_unless_two_mentions_are_equal() -> None:
    result, dropped = settle([ACME, ROE], [ACME, ROE], "some-rule")
    assert [m is n for m, n in zip(result, [ACME, ROE])] == [True, True] and dropped == []
    twin = Mention("ORG", 0, 4, "Acme", "model", trace=("model", "org-twin"))  # equal to ACME, another trace
    result, dropped = settle([ACME, twin], [ACME, twin], "some-rule")
    assert [m.trace for m in result] == [twin.trace, twin.trace] and dropped == []  # the last equal one wins


# --- through the whole mention stage ---------------------------------------------------------------

def test_a_not_entity_rule_names_itself_in_dropped(entity_rules, lex) -> None:
    text = "The AI Institute met Jane Roe in Lisbon."
    result = find_mentions(doc_with(text, [("AI", "ORG"), ("Jane Roe", "PERSON")]), entity_rules, lex, "model")
    assert ("AI", "ORG") in {(d.mention.text, d.mention.label) for d in result.dropped}
    rule = next(d.rule for d in result.dropped if d.mention.text == "AI")
    assert rule in {r.id for r in entity_rules.not_entities}


def test_a_title_stripped_from_a_person_is_in_the_trace(entity_rules, lex) -> None:
    text = "Dr. Jane Roe spoke to the press on Monday."
    result = find_mentions(doc_with(text, [("Dr. Jane Roe", "PERSON")]), entity_rules, lex, "model")
    person = next(m for m in result.mentions if m.label == "PERSON")
    assert person.text == "Jane Roe"
    assert person.trace[0] == "model" and "person-strip-title" in person.trace


def test_the_overlap_filter_is_the_last_word_and_says_so(entity_rules, lex) -> None:
    text = "Talks with the Velquo Trading Company ended."
    doc = doc_with(text, [("Velquo Trading Company", "ORG")])
    result = find_mentions(doc, entity_rules, lex, "model")
    spans = sorted((m.start, m.end) for m in result.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # no two overlap
    assert all(d.rule in set(RULE_IDS) | {OVERLAP_FILTER} or d.rule.startswith(("not-entity", "org-"))
               for d in result.dropped)


def test_rules_have_unique_ids_and_a_skipped_rule_does_not_run(entity_rules, lex) -> None:
    assert len(RULE_IDS) == len(set(RULE_IDS)) == len(MENTION_RULES)
    text = "Dr. Jane Roe spoke."
    doc = doc_with(text, [("Dr. Jane Roe", "PERSON")])
    assert [m.text for m in find_mentions(doc, entity_rules, lex, "model").mentions] == ["Jane Roe"]
    skipped = find_mentions(doc, entity_rules, lex, "model", skip=frozenset({"person-strip-titles"}))
    assert [m.text for m in skipped.mentions] == ["Dr. Jane Roe"]


# --- dates name their reader ---------------------------------------------------------------------

@pytest.mark.parametrize("phrase, reader", [
    ("May 2025", "month_year"), ("13 May 2025", "explicit_day"), ("last week", "relative_unit"),
    ("two days", "duration"), ("now", "vague"),
])
def test_a_date_value_names_the_reader_that_gave_it(phrase: str, reader: str, lex) -> None:
    timex = normalise_timex(phrase, Anchor(reference=date(2025, 5, 13)), lex)
    assert timex is not None and timex.reader == reader

"""PRODUCT and never-ORG rules: one invented example per rule id, which fails when that rule is skipped.
Blank pipeline, entities set by hand."""

from __future__ import annotations

import pytest
from blank_docs import doc_with

from extract.mentions.rules import RULE_IDS
from extract.mentions.stage import find_mentions

NAMES = ("PERSON", "ORG", "PRODUCT", "GPE", "LOC")


def _found(text, ents, entity_rules, lex, skip=frozenset()):
    result = find_mentions(doc_with(text, ents), entity_rules, lex, "model", skip=skip)
    return [(m.text, m.label) for m in result.mentions if m.label in NAMES]


CASES = [
    ("product-model-number", "Passengers boarded the Korvat 512 at noon.", [],
     ("Korvat 512", "PRODUCT")),
    ("product-version", "Users moved to version 4 of Tarnbrowse quickly.", [("Tarnbrowse", "ORG")],
     ("Tarnbrowse", "PRODUCT")),
    ("product-after-class-noun", "They sailed on the cruise ship Mirelle across the bay.", [("Mirelle", "PERSON")],
     ("Mirelle", "PRODUCT")),
    ("org-not-country", "Yesterday Norway signed the deal.", [("Norway", "ORG")], ("Norway", "GPE")),
]


@pytest.mark.parametrize("rule, text, ents, expected", CASES, ids=[c[0] for c in CASES])
def test_each_product_rule_finds_its_example_and_only_with_the_rule_on(rule, text, ents, expected, entity_rules, lex):
    assert rule in RULE_IDS
    assert expected in _found(text, ents, entity_rules, lex)
    assert expected not in _found(text, ents, entity_rules, lex, skip=frozenset({rule}))


def test_repeat_form_types_the_later_mention_too(entity_rules, lex):
    text = "We sailed on the cruise ship Mirelle. Later the Mirelle docked."
    found = _found(text, [("Mirelle", "PERSON"), ("Mirelle", "ORG")], entity_rules, lex)
    assert found == [("Mirelle", "PRODUCT"), ("Mirelle", "PRODUCT")]
    skipped = _found(text, [("Mirelle", "PERSON"), ("Mirelle", "ORG")], entity_rules, lex,
                     skip=frozenset({"product-repeat-form"}))
    assert skipped[1] != ("Mirelle", "PRODUCT")


@pytest.mark.parametrize("text, ents, product", [
    ("The space shuttle Tarvik landed on Tuesday.", [("Tarvik", "ORG")], "Tarvik"),
    ("Divers reached the frigate Holmvard at dawn.", [("Holmvard", "ORG")], "Holmvard"),
    ("Readers of the blog Quillnotes complained.", [("Quillnotes", "ORG")], "Quillnotes"),
], ids=["spacecraft", "warship", "website"])
def test_class_nouns_of_vehicles_and_sites(text, ents, product, entity_rules, lex):
    """Spacecraft, warships and websites are products after their class noun (GUIDELINES PRODUCT, A2)."""
    assert _found(text, ents, entity_rules, lex) == [(product, "PRODUCT")]


def test_currency_code_is_no_organisation(entity_rules, lex):
    text = "The SEK fell against the dollar."
    assert ("SEK", "ORG") not in _found(text, [("SEK", "ORG")], entity_rules, lex)
    assert ("SEK", "ORG") in _found(text, [("SEK", "ORG")], entity_rules, lex, skip=frozenset({"org-not-currency"}))


@pytest.mark.parametrize("text, ents", [
    ("Revenue rose 12 percent in 2024 at Brixo 2024.", [("Brixo", "ORG")]),  # a year
    ("Read Section 230 of the law.", []),  # a numbered section
    ("The standard EN 303 645 applies.", []),  # a standard with two numbers
    ("Kelvo 3 - 1 Darnum in the final.", [("Kelvo", "ORG"), ("Darnum", "ORG")]),  # a score
    ("Movimento 5 Stelle won seats.", [("Movimento 5 Stelle", "ORG")]),  # a number inside a name
], ids=["year", "section", "standard", "score", "inside-name"])
def test_model_number_leaves_what_is_no_product(text, ents, entity_rules, lex):
    assert not [m for m in _found(text, ents, entity_rules, lex) if m[1] == "PRODUCT"]


def test_a_maker_written_into_the_model_name_is_part_of_the_product(entity_rules, lex):
    """Guideline: "the Boeing 787" is one PRODUCT span, with no ORG for the maker, even where the
    model tagged the maker on its own."""
    found = _found("Passengers boarded the Korvat 512 at noon.", [("Korvat", "ORG")], entity_rules, lex)
    assert found == [("Korvat 512", "PRODUCT")]

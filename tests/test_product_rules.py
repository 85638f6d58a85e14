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


@pytest.mark.parametrize("text, ents, product", [
    ("Quillsoft sued. Quillsoft Slate tablets were sold.", [("Quillsoft", "ORG"), ("Quillsoft Slate", "ORG")],
     "Quillsoft Slate"),
    ("Brisko grew. Brisko Wren devices were recalled.", [("Brisko", "ORG"), ("Brisko Wren", "ORG")], "Brisko Wren"),
    ("Brisko grew. Brisko Wren units were recalled.", [("Brisko", "ORG"), ("Brisko Wren", "ORG")], "Brisko Wren"),
    ("She drove a Tesla Quandor to work.", [("Tesla Quandor", "PERSON")], "Tesla Quandor"),
    ("The Tesla Quandor was delayed.", [], "Tesla Quandor"),  # a listed maker, no reading of the model's
], ids=["noun-after", "passive-verb", "passive-verb-after-another-noun", "article-over-person", "listed-maker"])
def test_maker_and_model_with_product_evidence_are_one_product(text, ents, product, entity_rules, lex):
    """GUIDELINES 2, PRODUCT, maker + model: one span, no ORG for the maker written into the name."""
    found = _found(text, ents, entity_rules, lex)
    if product.startswith("Brisko Wren") and "units" in text:
        assert (product, "PRODUCT") not in found  # "units" is no product noun, "were recalled" not right after
    else:
        assert (product, "PRODUCT") in found
        assert not [f for f in found if f[0] == product and f[1] != "PRODUCT"]


@pytest.mark.parametrize("text, ents", [
    ("Tarvo grew. Tarvo Martin tablets sold.", [("Tarvo", "ORG"), ("Tarvo Martin", "ORG")]),  # a given name
    ("Tarvo grew. Tarvo Motors tablets sold.", [("Tarvo", "ORG"), ("Tarvo Motors", "ORG")]),  # an organisation word
    ("Tarvo grew. The Tarvo Airline was sold.", [("Tarvo", "ORG"), ("Tarvo Airline", "ORG")]),  # singular of one
    ("Tarvo grew. The Tarvo Science Fair opened.", [("Tarvo", "ORG"), ("Tarvo Science Fair", "ORG")]),  # an event
    ("Tarvo grew. The Tarvo Store opened.", [("Tarvo", "ORG"), ("Tarvo Store", "ORG")]),  # a place of business
    ("Tarvo Quill tablets sold.", [("Tarvo Quill", "ORG")]),  # no maker: Tarvo is never written alone
    ("Tarvo grew. Tarvo Quill said sales rose.", [("Tarvo", "ORG"), ("Tarvo Quill", "ORG")]),  # no evidence
    ("Tarvo grew. Tarvo Quill was released from jail.", [("Tarvo", "ORG"), ("Tarvo Quill", "PERSON")]),  # a person
    ("Tarvo grew. The Tarvo Quill has no shares.", [("Tarvo", "ORG"), ("Tarvo Quill", "ORG")]),  # article alone
    ("The Goldman Sachs tablets sold.", [("Goldman Sachs", "ORG")]),  # a curated organisation
    ("Tesla grew. Tesla Motors cars were recalled.", [("Tesla", "ORG"), ("Tesla Motors", "ORG")]),  # a listed maker
], ids=["given-name", "org-word", "singular-org-word", "event", "store", "no-maker", "no-evidence",
        "passive-person", "article-after-a-maker-of-the-article", "curated", "listed-maker-company"])
def test_maker_and_model_leave_organisations_and_people(text, ents, entity_rules, lex):
    found = _found(text, ents, entity_rules, lex)
    assert not [f for f in found if f[1] == "PRODUCT"]
    assert found == [(t, label) for t, label in ents if (t, label) in found]  # nothing new, nothing relabelled


@pytest.mark.parametrize("text, ents", [
    ("Tesla grew. He wore a Tesla T-shirt.", [("Tesla", "ORG"), ("Tesla", "ORG")]),
    ("The Tesla Quill infrastructure is old.", [("Tesla Quill", "ORG")]),
], ids=["compound-noun", "modifier-of-a-noun"])
def test_maker_and_model_need_a_model_name_that_names_the_thing(text, ents, entity_rules, lex):
    """After an article, a maker and a following word are no product where that word is a compound noun, or
    where the two modify a further noun."""
    assert not [f for f in _found(text, ents, entity_rules, lex) if f[1] == "PRODUCT"]


def test_maker_and_model_typed_once_is_a_product_throughout_the_article(entity_rules, lex):
    """Document-level consistency (issue 15): the other mentions of the name, without evidence of their own,
    follow the one a product noun typed, through product-repeat-form."""
    text = "Quillsoft grew. Quillsoft Slate tablets sold out. Buyers liked Quillsoft Slate."
    ents = [("Quillsoft", "ORG"), ("Quillsoft Slate", "ORG"), ("Quillsoft Slate", "ORG")]
    assert _found(text, ents, entity_rules, lex) == [("Quillsoft", "ORG"), ("Quillsoft Slate", "PRODUCT"),
                                                     ("Quillsoft Slate", "PRODUCT")]
    skipped = _found(text, ents, entity_rules, lex, skip=frozenset({"product-repeat-form"}))
    assert skipped[2] == ("Quillsoft Slate", "ORG")

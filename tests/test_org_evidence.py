"""Names the text marks as organisations, and the document-wide reading that follows; all names invented."""

from __future__ import annotations

import pytest
from blank_docs import NLP, doc_with

from extract.entities.orgs.evidence import _text_length
from extract.mentions.stage import extract_mentions

NAMES = ("PERSON", "ORG")


def labels(doc, entity_rules, lex) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(doc, entity_rules, lex, "model") if m.label in NAMES]


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("Jane Roe, an analyst at Torvel Hunt, spoke. Torvel Hunt rose.",
                 [("Jane Roe", "PERSON"), ("Torvel Hunt", "PERSON"), ("Torvel Hunt", "PERSON")],
                 [("Jane Roe", "PERSON"), ("Torvel Hunt", "ORG"), ("Torvel Hunt", "ORG")], id="role-at"),
    pytest.param("said Tom Quill, founder and chief executive of Brevik Marr.",
                 [("Tom Quill", "PERSON"), ("Brevik Marr", "PERSON")],
                 [("Tom Quill", "PERSON"), ("Brevik Marr", "ORG")], id="role-of"),
    pytest.param("Brenna Gray boss Simon Quill spoke.", [("Brenna Gray", "PERSON"), ("Simon Quill", "PERSON")],
                 [("Brenna Gray", "ORG"), ("Simon Quill", "PERSON")], id="role-before-a-person"),
    pytest.param("He owns shares of Walt Dorsey. Dorsey rose.", [("Walt Dorsey", "PERSON"), ("Dorsey", "PERSON")],
                 [("Walt Dorsey", "ORG"), ("Dorsey", "ORG")], id="holding-and-its-lone-word"),
    pytest.param("The payday lender Harbin Fold has called for limits.", [("Harbin Fold", "PERSON")],
                 [("Harbin Fold", "ORG")], id="company-noun"),
    pytest.param("Tarn Tongfa, a subsidiary of Tarn Group, rose.", [("Tarn Tongfa", "PERSON")],
                 [("Tarn Tongfa", "ORG")], id="company-apposition"),
    pytest.param("Bovin Homes (LSE: BVN) rose. Later Bovin Homes fell.",
                 [("Bovin Homes", "PERSON"), ("Bovin Homes", "PERSON")],
                 [("Bovin Homes", "ORG"), ("LSE", "ORG"), ("BVN", "ORG"), ("Bovin Homes", "ORG")], id="ticker-spreads"),
])
def test_a_name_marked_as_an_organisation_is_one_throughout(text, ents, expected, entity_rules, lex):
    assert labels(doc_with(text, ents), entity_rules, lex) == expected


@pytest.mark.parametrize("text, ents", [
    pytest.param("The publisher Rupert Quillan bought it.", [("Rupert Quillan", "PERSON")], id="person-type-noun"),
    pytest.param("Jane Roe spokesman Tom Quill spoke.", [("Jane Roe", "PERSON"), ("Tom Quill", "PERSON")],
                 id="post-held-under-a-person"),
    pytest.param("Jane Roe chief executive of the year.", [("Jane Roe", "PERSON")], id="role-without-a-person-after"),
    pytest.param("Jane Roe, a bank executive, spoke.", [("Jane Roe", "PERSON")], id="company-noun-not-the-head"),
])
def test_people_stay_people(text, ents, entity_rules, lex):
    assert labels(doc_with(text, ents), entity_rules, lex) == [(name, "PERSON") for name, _ in ents]


def test_the_subject_of_a_relative_clause_is_not_introduced_by_the_noun(entity_rules, lex):
    doc = doc_with("The company Jane Roe founded grew.", [("Jane Roe", "PERSON")])
    doc[4].tag_ = "VBD"
    assert labels(doc, entity_rules, lex) == [("Jane Roe", "PERSON")]
    doc[4].tag_ = "VBZ"
    assert labels(doc, entity_rules, lex) == [("Jane Roe", "ORG")]


PLACE_LABELS = ("PERSON", "ORG", "GPE")


@pytest.mark.parametrize(("text", "place_label"), [
    ("Ostrava chief executive Ilsa Varkonen quit.", "ORG"),  # a company post, then a person: the company
    ("Ostrava mayor Ilsa Varkonen quit.", "GPE"),  # a post no company holds: the place
])
def test_a_place_read_before_a_company_post_and_a_person_is_the_company(entity_rules, lex, text, place_label):
    """ "Ostrava chief executive Ilsa Varkonen": a noun follows the place, which alone ("the Ostrava chapter")
    keeps it a place; a company post then a person make it the company."""
    doc = doc_with(text, [("Ostrava", "GPE"), ("Ilsa Varkonen", "PERSON")])
    doc[1].tag_ = "NN"
    found = [(m.text, m.label) for m in extract_mentions(doc, entity_rules, lex, "model") if m.label in PLACE_LABELS]
    assert found == [("Ostrava", place_label), ("Ilsa Varkonen", "PERSON")]


def test_a_lone_word_that_is_also_a_surname_stays_a_person(entity_rules, lex):
    text = "He owns shares of Dorsey Marr. Jane Dorsey said Dorsey was right."
    doc = doc_with(text, [("Dorsey Marr", "PERSON"), ("Jane Dorsey", "PERSON"), ("Dorsey", "PERSON")])
    assert labels(doc, entity_rules, lex) == [("Dorsey Marr", "ORG"), ("Jane Dorsey", "PERSON"), ("Dorsey", "PERSON")]



@pytest.mark.parametrize("text", ["", "Acme", "Acme rose. ", "Acme  rose\n\n", " \tAcme, Inc.\u00a0"])
def test_text_length_is_that_of_the_doc_text(text):
    assert _text_length(NLP(text)) == len(NLP(text).text) == len(text)

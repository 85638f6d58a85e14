"""PERSON rules and people records on a blank pipeline; every name and sentence is invented."""

from __future__ import annotations

import pytest
from blank_docs import doc_with
from spacy.tokens import Doc

from extract.entities.people.names import is_name_word, leading_titles, name_length, surname
from extract.entities.people.records import group_people
from extract.mentions.stage import extract_mentions


def people(doc: Doc, entity_rules, lex) -> list[tuple[str, str, str]]:
    return [(m.text, m.label, m.source) for m in extract_mentions(doc, entity_rules, lex, "model")
            if m.label in ("PERSON", "ORG")]


def test_person_given_name(entity_rules, lex):
    doc = doc_with("On Monday Laura Quistorp joined the board.", [], propn=("Laura", "Quistorp"))
    assert people(doc, entity_rules, lex) == [("Laura Quistorp", "PERSON", "person-given-name")]


def test_person_given_name_not_when_written_as_a_word(entity_rules, lex):
    doc = doc_with("We hope Hope Quistorp is right.", [], propn=("Hope", "Quistorp"))
    assert people(doc, entity_rules, lex) == []


def test_person_given_name_not_into_an_org_word(entity_rules, lex):
    doc = doc_with("Staff at Laura Quistorp Holdings agreed.", [], propn=("Laura", "Quistorp"))
    assert [m for m in people(doc, entity_rules, lex) if m[1] == "PERSON"] == []


def test_person_speaker(entity_rules, lex):
    doc = doc_with("the outlook is good, said Tamsin Vaur of Orvel.", [("Tamsin Vaur", "ORG")])
    assert people(doc, entity_rules, lex) == [("Tamsin Vaur", "PERSON", "person-speaker")]


def test_person_speaker_not_a_possessive(entity_rules, lex):
    """ "said Velmora's mayor": the owner of the speaker's role is no speaker."""
    doc = doc_with("The works will go on, said Port Velmora's mayor.", [("Port Velmora's", "GPE")])
    assert people(doc, entity_rules, lex) == []


def test_person_strip_inner_title(entity_rules, lex):
    doc = doc_with("Sumo Wrestler Kaito Brenn won.", [("Sumo Wrestler Kaito Brenn", "PERSON")])
    assert people(doc, entity_rules, lex) == [("Kaito Brenn", "PERSON", "person-strip-title")]


def test_person_event_name(entity_rules, lex):
    doc = doc_with("at the Orvel Awards dinner", [("Orvel Awards", "PERSON")])
    assert people(doc, entity_rules, lex) == []


@pytest.mark.parametrize("word, expected", [("McTavish", True), ("O'Rourke", True), ("J.", True), ("Jan-Piet", True),
                                            ("TMFQuill", False), ("GM", False), ("July", False), ("A", False)])
def test_is_name_word(word, expected):
    assert is_name_word(word) is expected


def test_name_shapes():
    assert leading_titles("Chief Executive Ana Roe".split(), {"chief", "executive"}) == 2
    assert name_length("Jan de Vries , the".split()) == 3
    assert surname("Martin Luther King Jr.") == "King"


ROLE_TEXT = ("Kelburn's Minister for Ports and Minister for Mines, Ilse Varga, met Orvel President Tomo Kasaru "
             "and Brix Director Ana Roe. Later Ilse Varga, Deputy Chair of the Orvel Council, and Tomo Kasaru left. "
             "Minister Varga spoke.")


def test_people_records_with_roles_and_short_forms(entity_rules, lex):
    names = [("Ilse Varga", "PERSON"), ("Tomo Kasaru", "PERSON"), ("Ana Roe", "PERSON"), ("Ilse Varga", "PERSON"),
             ("Tomo Kasaru", "PERSON")]
    doc = doc_with(ROLE_TEXT, names)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    mentions = extract_mentions(doc, entity_rules, lex, "model")
    found = [(p.name, p.role, len(p.mentions)) for p in group_people(mentions, doc, entity_rules, "d")]
    assert found == [("Ilse Varga", "Minister for Ports and Minister for Mines", 3),
                     ("Tomo Kasaru", "Orvel President", 2), ("Ana Roe", "Brix Director", 1)]


@pytest.mark.parametrize("text, verbs, role", [
    pytest.param("Prices fell. According to analyst Priya Raman, more falls come.", ("According",), "analyst",
                 id="according-to"),
    pytest.param("Prices fell. Said spokesman Tomas Berglund: no comment.", ("Said",), "spokesman", id="said"),
])
def test_a_reporting_word_is_no_part_of_a_role(text, verbs, role, entity_rules, lex):
    name = "Priya Raman" if "Priya" in text else "Tomas Berglund"
    doc = doc_with(text, [(name, "PERSON")], verbs=verbs)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    mentions = extract_mentions(doc, entity_rules, lex, "model")
    assert [(p.name, p.role) for p in group_people(mentions, doc, entity_rules, "d")] == [(name, role)]


def test_people_records_read_a_title_and_a_given_name_from_the_rules(entity_rules, lex):
    """The genders of rules/coreference.json reach the grouping: "Mrs Orvane" is Jane, not the later Peter."""
    text = "Jane Orvane met her husband Peter Orvane. Mrs Orvane spoke."
    doc = doc_with(text, [("Jane Orvane", "PERSON"), ("Peter Orvane", "PERSON"), ("Orvane", "PERSON")])
    mentions = [m for m in extract_mentions(doc, entity_rules, lex, "model") if m.label == "PERSON"]
    assert [m.text for m in mentions] == ["Jane Orvane", "Peter Orvane", "Orvane"]
    found = [(p.name, len(p.mentions)) for p in group_people(mentions, doc, entity_rules, "d")]
    assert found == [("Jane Orvane", 2), ("Peter Orvane", 1)]

"""One type per name in an article: the text's evidence that a name is a product or a company, read once and
carried to the name's other mentions (rules/product_rules.json, org evidence in rules/org_filters.json).
Every sentence and name is invented; the model's entities are set by hand on a blank pipeline."""

from __future__ import annotations

import pytest
from blank_docs import doc_with

from extract.mentions.stage import find_mentions


def found(text: str, ents: list[tuple[str, str]], entity_rules, lex, tags: dict[str, str] | None = None):
    doc = doc_with(text, ents)
    for token in doc:
        token.tag_ = (tags or {}).get(token.text, token.tag_)
    return [(m.text, m.label) for m in find_mentions(doc, entity_rules, lex, "model").mentions
            if m.label in ("ORG", "PERSON", "PRODUCT", "GPE")]


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("Halden's new Vero 5 sold out.", [("Halden", "ORG")], [("Halden", "ORG"), ("Vero 5", "PRODUCT")],
                 id="maker-as-possessive-is-no-part-of-the-product"),
    pytest.param("They flew the Brisk Aero K40 yesterday.", [("Brisk Aero", "ORG")], [("Brisk Aero K40", "PRODUCT")],
                 id="maker-inside-the-name-is-one-product"),
    pytest.param("He bought the Vero 5 phone.", [("the Vero 5", "PRODUCT")], [("Vero 5", "PRODUCT")],
                 id="no-leading-article"),
    pytest.param("Tarnsoft introduced the Velmar plan.", [("Tarnsoft", "ORG"), ("Velmar", "ORG")],
                 [("Tarnsoft", "ORG"), ("Velmar", "ORG")], id="a-name-before-a-noun-is-a-modifier"),
    pytest.param("Tarnsoft launched the Velmar Council.", [("Tarnsoft", "ORG"), ("Velmar Council", "ORG")],
                 [("Tarnsoft", "ORG"), ("Velmar Council", "ORG")], id="an-organisation-word-is-no-product"),
    pytest.param("They toured the new Velmar Port.", [("Velmar Port", "ORG")], [("Velmar Port", "ORG")],
                 id="the-new-needs-a-product-class-noun"),
    pytest.param("Tarnsoft launched an English-language app.", [("Tarnsoft", "ORG")], [("Tarnsoft", "ORG")],
                 id="a-hyphenated-modifier-is-no-product"),
    pytest.param("Tarnpad users rose. Tarnpad said it would hire.", [("Tarnpad", "ORG"), ("Tarnpad", "ORG")],
                 [("Tarnpad", "PRODUCT"), ("Tarnpad", "ORG")], id="the-company-speaking-stays-an-organisation"),
    pytest.param("She posted to Chirper. Chirper offered her a job.", [("Chirper", "ORG"), ("Chirper", "ORG")],
                 [("Chirper", "PRODUCT"), ("Chirper", "ORG")], id="a-site-used-as-a-place-only-there"),
])
def test_product_or_company(text, ents, expected, entity_rules, lex):
    assert found(text, ents, entity_rules, lex) == expected


def test_place_marked_as_a_company_is_one_everywhere(entity_rules, lex):
    text = "Velmora rose. The chief executive of Velmora, Ana Lind, spoke."
    ents = [("Velmora", "GPE"), ("Velmora", "GPE"), ("Ana Lind", "PERSON")]
    assert found(text, ents, entity_rules, lex) == [("Velmora", "ORG"), ("Velmora", "ORG"), ("Ana Lind", "PERSON")]


def test_place_modifying_a_noun_stays_a_place(entity_rules, lex):
    text = "The director of the Velmora chapter spoke."
    assert found(text, [("Velmora", "GPE")], entity_rules, lex, tags={"chapter": "NN"}) == [("Velmora", "GPE")]


def test_country_stays_a_place(entity_rules, lex):
    text = "The chief executive of Norway, Ana Lind, spoke."
    assert found(text, [("Norway", "GPE"), ("Ana Lind", "PERSON")], entity_rules, lex) == [
        ("Norway", "GPE"), ("Ana Lind", "PERSON")]


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("The vote was close. Ana Lind She was not pleased.", [("Ana Lind She", "PERSON")],
                 [("Ana Lind", "PERSON")], id="a-pronoun-ends-a-name"),
    pytest.param("Seen at the fair: Ana Lind Image: Chirper", [("Ana Lind Image", "PERSON")],
                 [("Ana Lind", "PERSON")], id="a-credit-word-ends-a-name"),
])
def test_name_ends_before_a_word_that_never_continues_it(text, ents, expected, entity_rules, lex):
    assert found(text, ents, entity_rules, lex) == expected


def test_a_company_type_noun_before_a_speaking_name(entity_rules, lex):
    text = "The payday lender Corvell Loans said it would grow."
    ents = [("Corvell Loans", "PERSON")]
    assert found(text, ents, entity_rules, lex, tags={"said": "VBD"}) == [("Corvell Loans", "ORG")]
    person = "The pension fund Jane Corvell said it would grow."
    assert found(person, [("Jane Corvell", "PERSON")], entity_rules, lex, tags={"said": "VBD"}) == [
        ("Jane Corvell", "PERSON")]

"""ORG rules on a blank pipeline, one test per rule id; every name and sentence is invented."""

from __future__ import annotations

import pytest
from blank_docs import doc_with
from spacy.tokens import Doc

from extract.entities.orgs.names import long_form_before
from extract.entities.orgs.records import group_organisations
from extract.mentions.stage import extract_mentions

NAMES = ("PERSON", "ORG", "GPE", "LOC")


def found(doc: Doc, entity_rules, lex) -> list[tuple[str, str, str]]:
    return [(m.text, m.label, m.source) for m in extract_mentions(doc, entity_rules, lex, "model") if m.label in NAMES]


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("Shares of Brixel (LSE: BRX) fell.", [("Brixel", "GPE")],
                 [("Brixel", "ORG", "org-before-ticker"), ("LSE", "ORG", "org-ticker"), ("BRX", "ORG", "org-ticker")],
                 id="org-before-ticker"),
    pytest.param("Shares of Brixel (OTC: BRXX) fell.", [("Brixel", "ORG")],
                 [("Brixel", "ORG", "model"), ("BRXX", "ORG", "org-ticker")], id="org-ticker:market-is-no-org"),
    pytest.param("It was sold to Tarvo Labs Inc. last year.", [],
                 [("Tarvo Labs Inc.", "ORG", "org-designator-name")], id="org-designator-name"),
    pytest.param("shares of the carmaker Velquo rose", [],
                 [("Velquo", "ORG", "org-after-type-noun")], id="org-after-type-noun"),
    pytest.param("Share on Quillr | Share on Brimbook", [],
                 [("Quillr", "ORG", "org-platform"), ("Brimbook", "ORG", "org-platform")], id="org-platform"),
])
def test_orgs_found_by_their_context(text, ents, expected, entity_rules, lex):
    assert found(doc_with(text, ents), entity_rules, lex) == expected


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("Shares of Brixel Hotel Brixel Hotel rose.", [("Brixel Hotel Brixel Hotel", "ORG")],
                 ["Brixel Hotel", "Brixel Hotel"], id="org-split-repeat"),
    pytest.param("funded by Orvel Capital and Dunmere Partners last year", [("Orvel Capital and Dunmere Partners", "ORG")],
                 ["Orvel Capital", "Dunmere Partners"], id="org-split-conjoined"),
    pytest.param("Brixel AG BRX -0.49% rose", [("Brixel AG BRX -0.49%", "ORG")], ["Brixel AG", "BRX"],
                 id="org-split-quote"),
    pytest.param("Follow Quillr Share on it", [("Quillr Share", "ORG")], ["Quillr"], id="org-trim-page-text"),
    pytest.param("Great read, thanks. Leave a Reply below, Quillr readers.",
                 [("Leave a Reply", "ORG"), ("Quillr", "ORG")], ["Quillr"],
                 id="org-trim-page-text:listed-boilerplate-wins"),
    pytest.param("Want more? Sign up to Email alerts from Quillr.", [("Sign up to Email", "ORG"), ("Quillr", "ORG")],
                 ["Quillr"], id="org-trim-page-text:a-lower-case-word-before-the-button-is-page-text"),
    pytest.param("Then Tarvo Headed north.", [("Tarvo Headed", "ORG")], ["Tarvo"], id="org-trim-verb"),
    pytest.param("VELMORA - Tarvo National Bank held rates.", [("VELMORA - Tarvo National Bank", "ORG")],
                 ["Tarvo National Bank"], id="org-trim-dateline"),
    pytest.param("The Tarvo National Bank (TNB said so.", [("Tarvo National Bank (TNB", "ORG")],
                 ["Tarvo National Bank", "TNB"], id="org-trim-open-bracket"),  # "TNB": org-initialism
    pytest.param("The US - Tarvo Council met.", [("US - Tarvo Council", "ORG")], ["US - Tarvo Council"],
                 id="org-trim-dateline:a-two-letter-word-is-no-place"),
    pytest.param("Editing by Jane Roe) Brixel Stores Inc Velmora Resources", [("Brixel Stores Inc Velmora Resources", "ORG")],
                 ["Brixel Stores Inc", "Velmora Resources"], id="org-split-after-designator"),
    pytest.param("Tarvo Health Inc Earnings Call (Q2)", [("Tarvo Health Inc Earnings Call", "ORG")],
                 ["Tarvo Health Inc"], id="org-split-after-designator:what-follows-is-no-name"),
    pytest.param("Tarvo Pty Ltd grew.", [("Tarvo Pty Ltd", "ORG")], ["Tarvo Pty Ltd"],
                 id="org-split-after-designator:two-forms-in-a-row"),
    pytest.param("advisory firm Roe, Doe & Tarvo, LLC (RDT) said", [("Roe, Doe & Tarvo", "ORG"), ("LLC", "ORG")],
                 ["Roe, Doe & Tarvo, LLC", "RDT"], id="org-designator:form-tagged-alone-is-taken-in"),
    pytest.param("The Velmoran Ministry of Economy, Trade and Industry said so.",
                 [("Velmoran Ministry of Economy", "ORG")], ["Velmoran Ministry of Economy, Trade and Industry"],
                 id="org-field-list"),
    pytest.param("the Tarvo Department for Culture, Media & Sport and others",
                 [("Tarvo Department for Culture", "ORG"), ("Media & Sport", "ORG")],
                 ["Tarvo Department for Culture, Media & Sport"], id="org-field-list:absorbs-the-model's-tail"),
    pytest.param("The Bank of Tarvo, Brixel and Quillr rose.",
                 [("Bank of Tarvo", "ORG"), ("Brixel", "ORG"), ("Quillr", "ORG")], ["Bank of Tarvo", "Brixel", "Quillr"],
                 id="org-field-list:names-without-a-field-word-stay-apart"),
    pytest.param("The Tarvo Ministry of Finance, Velmora and Industry met.",
                 [("Tarvo Ministry of Finance", "ORG"), ("Velmora", "GPE")],
                 ["Tarvo Ministry of Finance", "Velmora"], id="org-field-list:a-place-in-the-list-stops-it"),
])
def test_org_boundaries(text, ents, expected, entity_rules, lex):
    doc = doc_with(text, ents, verbs=("Headed",))
    assert [m[0] for m in found(doc, entity_rules, lex)] == expected


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("Talks with the Department of Tarvo Labor and unions ended.", [("Department of Tarvo Labor and", "ORG")],
                 [("Department of Tarvo Labor", "ORG")], id="org-trim-connector"),
    pytest.param("Ratings by Brimley & Quorn's unit fell.", [("Brimley &", "ORG")],
                 [("Brimley & Quorn's", "ORG")], id="org-extend-cut-name"),
    pytest.param("The Bank of Velmora Tarvo cut rates.", [("Bank of", "ORG")],
                 [("Bank of Velmora Tarvo", "ORG")], id="org-extend-cut-name:of"),
    pytest.param("The pro-Tarvo Velmora Party won.", [("pro-Tarvo Velmora Party", "ORG")], [("Velmora Party", "ORG")],
                 id="org-trim-lowercase-lead:hyphenated"),
    pytest.param("Shares of eVolta Grid rose.", [("eVolta Grid", "ORG")], [("eVolta Grid", "ORG")],
                 id="org-trim-lowercase-lead:not-a-camel-case-name-word"),
    pytest.param("Shares of wherethe Volta Grid rose.", [("wherethe Volta Grid", "ORG")], [("Volta Grid", "ORG")],
                 id="org-trim-lowercase-lead:run-in-word"),
    pytest.param("Trading Heads For Best Week", [("Trading Heads For", "ORG")], [("Trading Heads For", "ORG")],
                 id="org-extend-cut-name:not-a-title-case-word"),
    pytest.param("Photo: TARVO / Maria Kestrel", [("TARVO / Maria Kestrel", "ORG")],
                 [("TARVO", "ORG"), ("Maria Kestrel", "PERSON")], id="org-split-person:credit"),
    pytest.param("A statement from the Orvel Workers Union Maria Kestrel said no.",
                 [("Orvel Workers Union Maria Kestrel", "ORG")],
                 [("Orvel Workers Union", "ORG"), ("Maria Kestrel", "PERSON")], id="org-split-person"),
])
def test_org_mended_ends(text, ents, expected, entity_rules, lex):
    assert [m[:2] for m in found(doc_with(text, ents), entity_rules, lex)] == expected


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("Contact Roe Kaplan Tarvo LLP today.", [("Roe Kaplan Tarvo", "PERSON")],
                 [("Roe Kaplan Tarvo LLP", "ORG")], id="a person's name before LLP is a firm"),
    pytest.param("Jane Roe SA said so.", [("Jane Roe", "PERSON")], [("Jane Roe", "PERSON")],
                 id="a form other firms' names share ('SA') leaves a person alone"),
])
def test_names_before_a_company_form(text, ents, expected, entity_rules, lex):
    assert [(m[0], m[1]) for m in found(doc_with(text, ents), entity_rules, lex)] == expected


def test_org_short_form(entity_rules, lex):
    text = "Velquo Technologies Inc. grew. Later Velquo said so."
    doc = doc_with(text, [("Velquo Technologies Inc.", "ORG")])
    assert found(doc, entity_rules, lex)[-1] == ("Velquo", "ORG", "org-short-form")


def test_org_curated_alias(entity_rules, lex):
    doc = doc_with("A report by the NATO staff came out.", [])
    assert found(doc, entity_rules, lex) == [("NATO", "ORG", "org-curated-alias")]


def test_org_consistent_label(entity_rules, lex):
    text = "Brixel rose. Brixel fell. Then Brixel paid."
    doc = doc_with(text, [("Brixel", "ORG"), ("Brixel", "ORG"), ("Brixel", "GPE")])
    assert [m[1:] for m in found(doc, entity_rules, lex)] == [("ORG", "model")] * 2 + [("ORG", "org-consistent-label")]


def test_org_trim_to_known_and_extend_tail(entity_rules, lex):
    text = "Tarvo rose. Tarvo Home Prices fell as home prices did. Orvel Partners and Orvel agreed."
    doc = doc_with(text, [("Tarvo", "ORG"), ("Tarvo Home Prices", "ORG"), ("Orvel", "ORG")])
    assert [m[:2] + (m[2],) for m in found(doc, entity_rules, lex)] == [
        ("Tarvo", "ORG", "model"), ("Tarvo", "ORG", "org-trim-to-known"), ("Orvel Partners", "ORG", "org-extend-tail"),
        ("Orvel", "ORG", "org-repeated-form")]


def test_org_bare_designator_is_dropped(entity_rules, lex):
    assert found(doc_with("Tarvo Wealth , LLC said", [("LLC", "ORG")]), entity_rules, lex) == []


@pytest.mark.parametrize("text, ents", [
    pytest.param("See the Latest Market News here: the latest market news is good.", [("Latest Market News", "ORG")],
                 id="org-common-words"),
    pytest.param("the Company said the company would", [("Company", "ORG")], id="org-common-words:generic"),
    pytest.param("Jane said the Orvel Awards went well.", [("Orvel Awards", "ORG")], id="org-not-event:award"),
    pytest.param("The Velmoran Household Survey found it.", [("Velmoran Household Survey", "ORG")], id="org-not-study"),
    pytest.param("The Tarvo Composite Index fell.", [("Tarvo Composite Index", "ORG")], id="org-not-measure"),
    pytest.param("They met at Brixel Towers on Main Street.", [("Brixel Towers", "ORG")], id="org-not-facility"),
    pytest.param("She won the Tarvo Science Fair twice.", [("Tarvo Science Fair", "ORG")], id="org-not-event:fair"),
    pytest.param("Police updated the Velmora Intelligence System.", [("Velmora Intelligence System", "ORG")],
                 id="org-not-product:system"),
])
def test_not_organisations(text, ents, entity_rules, lex):
    assert found(doc_with(text, ents), entity_rules, lex) == []


def test_schwartz_hearst_long_form():
    assert long_form_before("HOI", "In May the Halvard Optics Institute") == "Halvard Optics Institute"
    assert long_form_before("XYZ", "nothing matches here") is None


def test_acronym_links_both_ways_in_the_record(entity_rules, lex):
    text = "The Halvard Optics Institute (HOI) opened. HOI hired staff."
    mentions = extract_mentions(doc_with(text, [("HOI", "ORG")]), entity_rules, lex, "model")
    orgs = group_organisations(mentions, text, entity_rules, "d")
    assert [(o.name, o.aliases, len(o.mentions)) for o in orgs] == [("Halvard Optics Institute", ("HOI",), 3)]


def test_initials_written_alone_join_the_record_with_or_without_a_possessive(entity_rules, lex):
    text = "The Velder People Union met. The Velder People's Union agreed. Staff of the VPU left."
    doc = doc_with(text, [("Velder People Union", "ORG"), ("Velder People's Union", "ORG")])
    mentions = extract_mentions(doc, entity_rules, lex, "model")
    assert [(m.text, m.source) for m in mentions if m.label == "ORG"][-1] == ("VPU", "org-initialism")
    [org] = group_organisations(mentions, text, entity_rules, "d")
    assert (org.name, org.aliases, len(org.mentions)) == ("Velder People's Union", ("VPU",), 3)


def test_acronyms_in_lower_case_only_in_a_lower_case_article(entity_rules, lex):
    lower = "the who said so. the talks went on. the ministers met. the deal was done."
    assert [(t, l) for t, l, _ in found(doc_with(lower, []), entity_rules, lex)] == [("who", "ORG")]
    spaced = ("Advisers who are U.S . based . Clients who keep U.S . accounts . Staff who left U.S . offices . "
              "Trade rose. Prices fell. Banks grew. Funds shrank.")
    assert found(doc_with(spaced, []), entity_rules, lex) == []


def test_acronyms_in_the_lower_case_part_of_an_article_whatever_the_model_read(entity_rules, lex):
    text = ("japan and the eu met. both signed a deal. the goal is research.\n"
            "The EU and Japan signed it. Officials from the EU spoke.")
    doc = doc_with(text, [("eu", "PERSON"), ("EU", "ORG"), ("EU", "ORG")])
    mentions = extract_mentions(doc, entity_rules, lex, "model")
    assert [(m.text, m.label) for m in mentions if m.label in NAMES] == [("eu", "ORG"), ("EU", "ORG"), ("EU", "ORG")]
    [org] = group_organisations(mentions, text, entity_rules, "d")
    assert (org.name, len(org.mentions)) == ("EU", 3)



def test_known_names_are_organisations_whatever_the_model_read(entity_rules, lex):
    text = "He wrote on Twitter that the Google Science Foundation was right, and Nvidia agreed."
    doc = doc_with(text, [("Twitter", "PERSON"), ("Google Science Foundation", "ORG")])
    assert [(t, label, source) for t, label, source in found(doc, entity_rules, lex)] == [
        ("Twitter", "ORG", "org-known-name"), ("Google Science Foundation", "ORG", "model"), ("Nvidia", "ORG", "org-known-name")]
    lower = "firms like nvidia may gain. the talks went on. the deal was done. twitter hired staff."
    assert [t for t, _, _ in found(doc_with(lower, []), entity_rules, lex)] == ["nvidia", "twitter"]


@pytest.mark.parametrize("text, forms, expected", [
    pytest.param("Brixel Group PLC said profit rose. Brixel LLC, its unit, and Brixel agreed.",
                 ["Brixel Group PLC", "Brixel LLC", "Brixel"], [("Brixel Group PLC", ("Brixel", "Brixel LLC"))],
                 id="legal-forms"),
    pytest.param("Tarvo Motor Co. and Tarvo rose.", ["Tarvo Motor Co.", "Tarvo"], [("Tarvo Motor Co.", ("Tarvo",))],
                 id="legal-form-and-short-form-tail"),
    pytest.param("General Velmora said GV would hire.", ["General Velmora", "GV"], [("General Velmora", ("GV",))],
                 id="initials"),
    pytest.param("Grand Vista and Green Valley said GV would hire.", ["Grand Vista", "Green Valley", "GV"],
                 [("Grand Vista", ()), ("Green Valley", ()), ("GV", ())], id="initials:two-long-forms-stay-apart"),
    pytest.param("GV and Tarvo met. Later General Velmora hired.", ["GV", "Tarvo", "General Velmora"],
                 [("GV", ()), ("Tarvo", ()), ("General Velmora", ())], id="initials:full-name-must-come-first"),
    pytest.param("The Department of Energy and the Department met.", ["Department of Energy", "Department"],
                 [("Department of Energy", ()), ("Department", ())], id="never-down-to-a-connector"),
])
def test_one_record_per_organisation(text, forms, expected, entity_rules):
    from extract.core.mention import Mention
    mentions, position = [], 0
    for form in forms:
        start = text.index(form, position)
        mentions.append(Mention("ORG", start, start + len(form), form, "model"))
        position = start + len(form)
    orgs = group_organisations(mentions, text, entity_rules, "d")
    assert [(o.name, o.aliases) for o in orgs] == expected
    assert len({o.org_id for o in orgs}) == len(expected)

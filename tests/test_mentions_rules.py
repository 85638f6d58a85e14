"""Rule tests on a blank English pipeline: entities are set by hand, then the rules run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from blank_docs import NLP, doc_with
from spacy.tokens import Doc

from extract.core.errors import RuleFileError
from extract.entities.orgs.records import group_organisations
from extract.entities.rules import load_entity_rules
from extract.mentions.stage import extract_mentions
from extract.nlp.model import load_entity_patterns


def mentions(text: str, ents: list[tuple[str, str]], entity_rules, lex,
             labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "DATE")) -> list[tuple[str, str]]:
    """The mentions of the given labels (the date rules also find "today" in an entity test's sentence)."""
    return [(m.text, m.label) for m in extract_mentions(doc_with(text, ents), entity_rules, lex, "model")
            if m.label in labels]


NAMES = ("PERSON", "ORG", "GPE", "LOC")


@pytest.mark.parametrize("text, ents, expected", [
    ("They signed the Letter of Intent today.", [("the Letter of Intent", "ORG")], []),
    ("Under Japan's Cross-ministerial Programme.", [("Japan's Cross", "ORG")], []),
    ("the Strategic Partnership Agreement was", [("the Strategic Partnership Agreement", "ORG")], []),
    ("the Partnership on Connectivity and Infrastructure", [("the Partnership on Connectivity and Infrastructure", "ORG")], []),
    ("a visit to the European Commission today", [("the European Commission", "ORG")], [("European Commission", "ORG")]),
    ("Intro.\nLongstanding Collaboration and Future Commitments\nBody.", [("Longstanding Collaboration and Future Commitments", "ORG")], []),
    ("We use AI here.", [("AI", "GPE")], []),
], ids=["document", "possessive-fragment", "agreement", "partnership-on", "leading-the", "heading", "tech-acronym"])
def test_org_rules(text, ents, expected, entity_rules, lex):
    assert mentions(text, ents, entity_rules, lex, NAMES) == expected


def test_acronym_defined_in_text_is_org_everywhere(entity_rules, lex):
    text = "the Japan Aerospace Exploration Agency (JAXA) said JAXA would"
    found = mentions(text, [("Japan Aerospace Exploration Agency", "ORG"), ("JAXA", "PERSON")], entity_rules, lex, NAMES)
    assert found == [("Japan Aerospace Exploration Agency", "ORG"), ("JAXA", "ORG"), ("JAXA", "ORG")]


def test_date_list_is_split(entity_rules, lex):
    text = "visited on Monday 14, Tuesday 15 and Friday 18 July 2025."
    found = mentions(text, [("Monday 14, Tuesday 15 and Friday 18 July 2025", "DATE")], entity_rules, lex)
    assert found == [("Monday 14", "DATE"), ("Tuesday 15", "DATE"), ("Friday 18 July 2025", "DATE")]


def test_title_is_stripped_from_person(entity_rules, lex):
    text = "Then Dr. Michael Jhung said"
    assert mentions(text, [("Dr. Michael Jhung", "PERSON")], entity_rules, lex, NAMES) == [("Michael Jhung", "PERSON")]


def test_acronym_and_alias_merge(entity_rules, lex):
    text = "The Center for Brain Science (CBS) and the EU. CBS met the European Union."
    doc = doc_with(text, [("Center for Brain Science", "ORG"), ("CBS", "ORG"), ("EU", "ORG"),
                          ("CBS", "ORG"), ("European Union", "ORG")])
    found = extract_mentions(doc, entity_rules, lex, "model")
    orgs = group_organisations(found, text, entity_rules, "d")
    assert [(o.name, o.aliases) for o in orgs] == [("Center for Brain Science", ("CBS",)), ("European Union", ("EU",))]
    assert orgs[1].alias_rules == ("alias-european-union",)


def test_every_rule_file_loads(settings):
    from extract.dates.loader import load_temporal_lexicon
    from extract.events.extraction import load_trigger_lexicon
    from extract.money.parse import load_money_rules

    load_entity_rules(settings.rules_dir)
    load_temporal_lexicon(settings.rules_dir)
    load_trigger_lexicon(settings.rules_dir)
    load_money_rules(settings.rules_dir / "money.json")
    patterns = load_entity_patterns(settings.rules_dir)
    ruler = NLP.add_pipe("span_ruler", name="check", config={"validate": True})
    ruler.add_patterns(patterns)  # validates every token pattern
    NLP.remove_pipe("check")
    assert len({p["id"] for p in patterns}) == len(patterns)


def test_unknown_rule_key_is_rejected(tmp_path: Path, settings):
    for name in ("person_titles.json", "not_entities.json", "org_aliases.json", "temporal.json", "event_triggers.json", "money.json"):
        (tmp_path / name).write_text((settings.rules_dir / name).read_text(encoding="utf-8"), encoding="utf-8")
    filters = json.loads((settings.rules_dir / "org_filters.json").read_text(encoding="utf-8"))
    filters["rules"][0]["last_word"] = ["typo"]
    (tmp_path / "org_filters.json").write_text(json.dumps(filters), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"rules\[0\]\.last_word: unknown key 'last_word'; allowed:"):
        load_entity_rules(tmp_path)


def test_bad_entity_pattern_names_the_line(tmp_path: Path):
    (tmp_path / "entity_patterns.jsonl").write_text('{"id": "x", "label": "ORG", "pattern": "A"}\n{"id": "y", "labl": "ORG"}\n')
    with pytest.raises(RuleFileError, match="entity_patterns.jsonl:2"):
        load_entity_patterns(tmp_path)


# --- one test per PERSON / ORG rule id; every example is invented -----------------------------


def tagged(text: str, ents: list[tuple[str, str]], propn: tuple[str, ...] = ()) -> Doc:
    """doc_with, plus the PROPN tag on the given words (a blank pipeline has no tagger)."""
    doc = doc_with(text, ents)
    for token in doc:
        if token.text in propn:
            token.pos_ = "PROPN"
    return doc


def found(doc: Doc, entity_rules, lex, label: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.text, m.label, m.source) for m in extract_mentions(doc, entity_rules, lex, "model")
            if (label is None and m.label in NAMES) or m.label == label]


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("Then Mr Quillon agreed.", [("Mr Quillon", "ORG")], [("Quillon", "PERSON", "person-after-title")],
                 id="person-after-title:honorific"),
    pytest.param("said Co-Founder Maren Tolst today", [("Co-Founder Maren Tolst", "ORG")],
                 [("Maren Tolst", "PERSON", "person-after-title")], id="person-after-title:job-title"),
    pytest.param("Ask Brixel Bank CEO Maren Tolst now.", [("Brixel Bank CEO Maren Tolst", "ORG")],
                 [("Brixel Bank", "ORG", "org-before-title"), ("Maren Tolst", "PERSON", "person-after-title")],
                 id="org-before-title"),
    pytest.param("Then Metro Safety MEC Maren Tolst spoke.", [("Metro Safety MEC Maren Tolst", "ORG")],
                 [("Maren Tolst", "PERSON", "person-after-title")], id="person-after-title:portfolio-dropped"),
    pytest.param("General Pelton rose.", [("General Pelton", "ORG")], [("General Pelton", "ORG", "model")],
                 id="person-after-title:one-word-name-needs-honorific"),
])
def test_titled_names_tagged_as_other_labels(text, ents, expected, entity_rules, lex):
    assert sorted(found(doc_with(text, ents), entity_rules, lex)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    pytest.param("said Director Maren Tolst today", [("Maren Tolst", "PERSON", "person-after-title")], id="a-name"),
    pytest.param("said Chief Operating Officer Maren Tolst today", [("Maren Tolst", "PERSON", "person-after-title")],
                 id="not-a-word-inside-the-title"),
    pytest.param("said Director Maren de Tolst today", [("Maren de Tolst", "PERSON", "person-after-title")],
                 id="a-particle-inside-the-name"),
    pytest.param("said Director Maren Tolst de facto", [("Maren Tolst", "PERSON", "person-after-title")],
                 id="a-particle-after-the-name"),
])
def test_names_after_a_title(text, expected, entity_rules, lex):
    doc = tagged(text, [], propn=("Maren", "Tolst", "Operating"))
    assert found(doc, entity_rules, lex) == expected


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("so Chief Executive Odile Parsk said", [("Chief Executive Odile Parsk", "PERSON")], "Odile Parsk",
                 id="person-strip-title"),
    pytest.param("by Tarek Ulm July 7, 2015 at", [("Tarek Ulm July 7", "PERSON")], "Tarek Ulm", id="person-trim-tail"),
    pytest.param("by Tarek Ulm ZXQuote now", [("Tarek Ulm ZXQuote", "PERSON")], "Tarek Ulm", id="person-trim-tail:camel"),
])
def test_person_boundaries(text, ents, expected, entity_rules, lex):
    assert [m[0] for m in found(doc_with(text, ents), entity_rules, lex, "PERSON")] == [expected]


@pytest.mark.parametrize("text, ents", [
    pytest.param("the Chief Executive Officer of a bank", [("Executive", "PERSON")], id="person-title-phrase"),
    pytest.param("ask the Treasurer of the club", [("Treasurer of", "PERSON")], id="person-title-phrase:connector"),
    pytest.param("Prof Ulm said", [("Prof", "ORG")], id="person-title-phrase:honorific-as-org"),
    pytest.param("Tap Share to send it", [("Share", "PERSON")], id="not-entity-page-chrome"),
    pytest.param("Photo credit here", [("Photo", "PERSON")], id="not-entity-page-label"),
    pytest.param("walk down Tarrow Street today", [("Tarrow Street", "PERSON")], id="not-entity-place-word"),
    pytest.param("before the IPO in the spring", [("IPO", "ORG")], id="not-entity-finance-term"),
])
def test_not_names(text, ents, entity_rules, lex):
    assert found(doc_with(text, ents), entity_rules, lex) == []


def test_person_org_word(entity_rules, lex):
    doc = doc_with("shares of Harlow Coal fell", [("Harlow Coal", "PERSON")])
    assert found(doc, entity_rules, lex) == [("Harlow Coal", "ORG", "person-org-word")]


def test_person_known_name_relabels_and_links(entity_rules, lex):
    text = "Nadia Fenwright spoke. Fenwright left. Later Fenwright came back."
    doc = doc_with(text, [("Nadia Fenwright", "PERSON"), ("Fenwright", "ORG")])
    assert found(doc, entity_rules, lex) == [("Nadia Fenwright", "PERSON", "model"),
                                             ("Fenwright", "PERSON", "person-known-name"),
                                             ("Fenwright", "PERSON", "person-known-name")]


def test_person_known_name_keeps_a_company_of_the_same_word(entity_rules, lex):
    text = "Ida Tarn met Tarn Motors. Tarn rose."
    doc = doc_with(text, [("Ida Tarn", "PERSON"), ("Tarn Motors", "ORG"), ("Tarn", "ORG")])
    assert [(t, label) for t, label, _ in found(doc, entity_rules, lex)][-1] == ("Tarn", "ORG")


def test_person_byline_mid_line(entity_rules, lex):
    text = "Pension rules change | By Odile Parsk | Ledger"
    doc = tagged(text, [], propn=("Odile", "Parsk"))
    assert found(doc, entity_rules, lex) == [("Odile Parsk", "PERSON", "person-byline")]


def test_person_after_title_recovers_untagged_name(entity_rules, lex):
    text = "the match, watched by Referee Tomo Kasaru and the crowd"
    doc = tagged(text, [], propn=("Tomo", "Kasaru"))
    assert found(doc, entity_rules, lex) == [("Tomo Kasaru", "PERSON", "person-after-title")]


@pytest.mark.parametrize("text, ents, expected", [
    pytest.param("bought by Quorvin , Inc . in June", [("Quorvin", "ORG")], "Quorvin , Inc .", id="org-designator:comma"),
    pytest.param("bought by Quorvin Inc. in June", [("Quorvin Inc.", "ORG")], "Quorvin Inc.", id="org-designator:stop"),
    pytest.param("bought by Quorvin Holdings LLC in June", [("Quorvin Holdings", "ORG")], "Quorvin Holdings LLC",
                 id="org-designator:form"),
])
def test_org_designator(text, ents, expected, entity_rules, lex):
    assert [m[0] for m in found(doc_with(text, ents), entity_rules, lex, "ORG")] == [expected]


def test_org_ticker(entity_rules, lex):
    text = "Shares of Quorvin (NYSE: QRV) rose."
    doc = doc_with(text, [("Quorvin", "ORG")])
    assert found(doc, entity_rules, lex) == [("Quorvin", "ORG", "model"), ("NYSE", "ORG", "org-ticker"),
                                             ("QRV", "ORG", "org-ticker")]


def test_org_ticker_quote(entity_rules, lex):
    text = "rivals such as Quorvin Inc. QRV -1.25% and others"
    doc = doc_with(text, [("Quorvin Inc.", "ORG")])
    assert found(doc, entity_rules, lex) == [("Quorvin Inc.", "ORG", "org-designator"), ("QRV", "ORG", "org-ticker-quote")]


def test_org_acronym_long_form(entity_rules, lex):
    text = "The Halvard Optics Institute (HOI) opened. HOI hired staff."
    doc = doc_with(text, [("HOI", "ORG")])
    assert found(doc, entity_rules, lex) == [("Halvard Optics Institute", "ORG", "org-acronym-long-form"),
                                             ("HOI", "ORG", "model"), ("HOI", "ORG", "org-acronym-defined")]


def test_org_acronym_of_term(entity_rules, lex):
    text = "Its price to sales growth (PSG) ratio fell; PSG is low."
    doc = doc_with(text, [("PSG", "ORG"), ("PSG", "ORG")])
    assert found(doc, entity_rules, lex) == []


def test_org_repeated_form(entity_rules, lex):
    text = "Velquin said on Monday. Later Velquin hired staff, and Velquin Maps grew."
    doc = doc_with(text, [("Velquin", "ORG")])
    assert found(doc, entity_rules, lex) == [("Velquin", "ORG", "model"), ("Velquin", "ORG", "org-repeated-form")]


def test_org_portfolio_before_title(entity_rules, lex):
    doc = doc_with("said Finance Minister Ada Korr", [("Finance", "ORG"), ("Ada Korr", "PERSON")])
    assert found(doc, entity_rules, lex) == [("Ada Korr", "PERSON", "model")]


def test_org_name_possessive_is_not_split(entity_rules, lex):
    doc = doc_with("the Children's Fund of Norvia said", [("the Children's Fund of Norvia", "ORG")])
    assert [m[0] for m in found(doc, entity_rules, lex)] == ["Children's Fund of Norvia"]


PATTERN_EXAMPLES = [  # invented sentences: (pattern id, text, model entities, the ORG it adds)
    ("org-ministry-of", "Aid came from the Ministry of Fisheries and Coasts today.", [],
     "Ministry of Fisheries and Coasts"),
    ("org-government-of", "Talks with the Government of Velmora ended.", [("Velmora", "GPE")], "Government of Velmora"),
]


def ruler_orgs(doc: Doc, patterns: list[dict]) -> list[str]:
    ruler = NLP.add_pipe("span_ruler", name="check-patterns", config={
        "annotate_ents": True, "overwrite": False, "spans_key": None,
        "ents_filter": {"@misc": "spacy.prioritize_new_ents_filter.v1"}})
    try:
        ruler.add_patterns(patterns)
        return [e.text for e in ruler(doc).ents if e.label_ == "ORG"]
    finally:
        NLP.remove_pipe("check-patterns")


def test_ministry_pattern_keeps_the_place_the_model_read_in_the_name(settings) -> None:
    """ "the Velmora Department of Coasts" read whole by the model: the pattern does not cut "Velmora" off."""
    text = "Water came from the Velmora Department of Coasts today."
    orgs = ruler_orgs(doc_with(text, [("the Velmora Department of Coasts", "ORG")]),
                      load_entity_patterns(settings.rules_dir))
    assert orgs == ["Velmora Department of Coasts"]


def test_ministry_pattern_takes_no_place_the_model_read_apart(settings) -> None:
    text = "Water came from the Velmora Department of Coasts today."
    orgs = ruler_orgs(doc_with(text, [("Velmora", "GPE")]), load_entity_patterns(settings.rules_dir))
    assert orgs == ["Department of Coasts"]


@pytest.mark.parametrize("text, ents, expected", [
    ("Her story ran in the Velmora Morning Herald last week.", [("Velmora", "GPE")],
     [("Velmora Morning Herald", "ORG")]),
    ("The Tarnby Gazette said the mill shut.", [("The Tarnby Gazette", "LOC")], [("Tarnby Gazette", "ORG")]),
    ("According to the local Tarnby Advertiser newspaper, the mill shut.", [], [("Tarnby Advertiser", "ORG")]),
    ("A Velmoran newspaper said the mill shut.", [("Velmoran", "NORP")], []),
    ("The Roe newspapers said the mill shut.", [("Roe", "PERSON")], []),
    ("They met at the Velmora Post Office.", [("Velmora", "GPE")], []),
], ids=["head-word", "head-word-read-as-place", "before-noun", "nationality", "owner", "longer-name"])
def test_publication_names(entity_rules, lex, text, ents, expected) -> None:
    assert mentions(text, ents, entity_rules, lex, labels=("ORG",)) == expected


def test_publication_names_not_on_headings(entity_rules, lex) -> None:
    text = "How The Velmora Coast Post Began\n\nThe mill shut."
    assert mentions(text, [], entity_rules, lex, labels=("ORG",)) == []


def test_every_entity_pattern_has_an_example(settings) -> None:
    assert {e[0] for e in PATTERN_EXAMPLES} == {p["id"] for p in load_entity_patterns(settings.rules_dir)}


@pytest.mark.parametrize("rule_id, text, ents, org", PATTERN_EXAMPLES, ids=[e[0] for e in PATTERN_EXAMPLES])
def test_entity_pattern_adds_its_example(settings, rule_id, text, ents, org) -> None:
    """The span ruler with every pattern finds the example's ORG; without that one pattern it does not."""
    patterns = load_entity_patterns(settings.rules_dir)
    assert org in ruler_orgs(doc_with(text, ents), patterns)
    assert org not in ruler_orgs(doc_with(text, ents), [p for p in patterns if p["id"] != rule_id])

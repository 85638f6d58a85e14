"""Rule tests on a blank English pipeline: entities are set by hand, then the rules run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from extract.entity_rules import load_entity_rules
from extract.errors import RuleFileError
from extract.mentions import extract_mentions
from extract.nlp import load_entity_patterns
from extract.organisations import group_organisations

NLP = spacy.blank("en")


def doc_with(text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = NLP(text)
    spans, position = [], 0
    for phrase, label in ents:
        start = text.index(phrase, position)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
        position = start + len(phrase)
    doc.ents = spans
    return doc


def mentions(text: str, ents: list[tuple[str, str]], entity_rules, lex) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(doc_with(text, ents), entity_rules, lex, "model")]


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
    assert mentions(text, ents, entity_rules, lex) == expected


def test_acronym_defined_in_text_is_org_everywhere(entity_rules, lex):
    text = "the Japan Aerospace Exploration Agency (JAXA) said JAXA would"
    found = mentions(text, [("Japan Aerospace Exploration Agency", "ORG"), ("JAXA", "PERSON")], entity_rules, lex)
    assert found == [("Japan Aerospace Exploration Agency", "ORG"), ("JAXA", "ORG"), ("JAXA", "ORG")]


def test_date_list_is_split(entity_rules, lex):
    text = "visited on Monday 14, Tuesday 15 and Friday 18 July 2025."
    found = mentions(text, [("Monday 14, Tuesday 15 and Friday 18 July 2025", "DATE")], entity_rules, lex)
    assert found == [("Monday 14", "DATE"), ("Tuesday 15", "DATE"), ("Friday 18 July 2025", "DATE")]


def test_title_is_stripped_from_person(entity_rules, lex):
    text = "Then Dr. Michael Jhung said"
    assert mentions(text, [("Dr. Michael Jhung", "PERSON")], entity_rules, lex) == [("Michael Jhung", "PERSON")]


def test_acronym_and_alias_merge(entity_rules, lex):
    text = "The Center for Brain Science (CBS) and the EU. CBS met the European Union."
    doc = doc_with(text, [("Center for Brain Science", "ORG"), ("CBS", "ORG"), ("EU", "ORG"),
                          ("CBS", "ORG"), ("European Union", "ORG")])
    found = extract_mentions(doc, entity_rules, lex, "model")
    orgs = group_organisations(found, text, entity_rules, "d")
    assert [(o.name, o.aliases) for o in orgs] == [("Center for Brain Science", ("CBS",)), ("European Union", ("EU",))]
    assert orgs[1].alias_rules == ("alias-european-union",)


def test_every_rule_file_loads(settings):
    from extract.events import load_trigger_lexicon
    from extract.lexicon import load_temporal_lexicon
    from extract.money import load_money_rules

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
    with pytest.raises(RuleFileError, match="allowed keys"):
        load_entity_rules(tmp_path)


def test_bad_entity_pattern_names_the_line(tmp_path: Path):
    (tmp_path / "entity_patterns.jsonl").write_text('{"id": "x", "label": "ORG", "pattern": "A"}\n{"id": "y", "labl": "ORG"}\n')
    with pytest.raises(RuleFileError, match="entity_patterns.jsonl:2"):
        load_entity_patterns(tmp_path)

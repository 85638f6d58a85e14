"""Every entry id of rules/not_entities.json, org_filters.json and org_aliases.json pinned by an invented
example that the pipeline gets right with the entry and wrong once that one entry is switched off.

Not-entity and org-filter entries: a blank-pipeline doc with the model's entities set by hand goes through
the mention stage with all the rules, then with the entry taken out of the loaded rules
(switch_off.without_entry, the machinery of the date and mention rule tests); both outputs are asserted.
Alias entries: the organisations of the document are grouped with and without the entry, so what the
entry merges shows. Every sentence and name is invented for these tests; none comes from the corpus or
a benchmark. (The two entries of not_orgs.json are mention rules: test_rule_examples_mentions.py.)
"""

from __future__ import annotations

import pytest
from blank_docs import doc_with
from switch_off import without_entry

from extract.entities.orgs.records import group_organisations
from extract.mentions.stage import find_mentions

Found = list[tuple[str, str]]  # (text, label) of each mention, in text order


def example(rule_id: str, text: str, ents: list[tuple[str, str]], on: Found, off: Found, variant: str = "") -> object:
    """`text` with the model's entities `ents` gives `on` with every entry and `off` without `rule_id`."""
    return pytest.param(rule_id, text, ents, on, off, id=f"{rule_id}/{variant}" if variant else rule_id)


def found(text: str, ents: list[tuple[str, str]], entity_rules, lex) -> Found:
    doc = doc_with(text, ents)
    return [(m.text, m.label) for m in find_mentions(doc, entity_rules, lex, "model").mentions]


NOT_ENTITIES = [
    example("not-entity-tech-acronym", "The new AI lab opened downtown.", [("AI", "ORG")],
            on=[], off=[("AI", "ORG")]),
    example("not-entity-boilerplate", "The mill closed. Privacy Overview of the site.", [("Privacy Overview", "ORG")],
            on=[], off=[("Privacy Overview", "ORG")]),
    example("not-entity-region", "Trade across Southeast Asia grew fast.", [("Southeast Asia", "ORG")],
            on=[], off=[("Southeast Asia", "ORG")]),
    example("not-entity-programme-name", "Grants from Horizon Europe paid for the lab.", [("Horizon Europe", "ORG")],
            on=[], off=[("Horizon Europe", "ORG")]),
    example("not-entity-page-chrome", "The pies won a prize at Velmont Cider Share this story.",
            [("Velmont Cider Share", "ORG")], on=[("Velmont Cider", "ORG")], off=[("Velmont Cider Share", "ORG")]),
    example("not-entity-page-label", "The barn burned down. Related Topics: farming.", [("Related Topics", "PERSON")],
            on=[], off=[("Related Topics", "PERSON")]),
    example("not-entity-finance-term", "Brindle Foods said its EBITDA rose.",
            [("Brindle Foods", "ORG"), ("EBITDA", "ORG")],
            on=[("Brindle Foods", "ORG")], off=[("Brindle Foods", "ORG"), ("EBITDA", "ORG")]),
    example("not-entity-place-word", "The bakery on Marlow Street closed early.", [("Marlow Street", "PERSON")],
            on=[], off=[("Marlow Street", "PERSON")]),
]

ORG_FILTERS = [
    example("org-not-document", "The Harbour Safety Act passed in the end.", [("The Harbour Safety Act", "ORG")],
            on=[], off=[("Harbour Safety Act", "ORG")]),
    example("org-not-programme", "Volunteers joined the Green Roofs Initiative gladly.",
            [("the Green Roofs Initiative", "ORG")], on=[], off=[("Green Roofs Initiative", "ORG")]),
    example("org-not-event", "Crowds came to the Tarnby Cheese Festival again.", [("the Tarnby Cheese Festival", "ORG")],
            on=[], off=[("Tarnby Cheese Festival", "ORG")]),
    example("org-not-product", "The files moved to Kestrel Cloud overnight.", [("Kestrel Cloud", "ORG")],
            on=[], off=[("Kestrel Cloud", "ORG")]),
    example("org-not-facility", "Fans filled the Harlow Stadium at noon.", [("the Harlow Stadium", "ORG")],
            on=[("noon", "TIME")], off=[("Harlow Stadium", "ORG"), ("noon", "TIME")]),
    example("org-not-measure", "Traders watched Tarvo Crude slide again.", [("Tarvo Crude", "ORG")],
            on=[], off=[("Tarvo Crude", "ORG")]),
    example("org-not-study", "Readers liked the Velmar Household Survey again.", [("the Velmar Household Survey", "ORG")],
            on=[], off=[("Velmar Household Survey", "ORG")]),
]

MENTION_EXAMPLES = NOT_ENTITIES + ORG_FILTERS


@pytest.mark.parametrize("rule_id, text, ents, on, off", MENTION_EXAMPLES)
def test_entry_changes_its_example(entity_rules, lex, rule_id, text, ents, on, off) -> None:
    assert found(text, ents, entity_rules, lex) == on
    assert found(text, ents, without_entry(entity_rules, rule_id), lex) == off


# --- aliases: two ways of writing one organisation, merged by the entry ---------------------------------

Orgs = list[tuple[str, tuple[str, ...], tuple[str, ...]]]  # (name, aliases, alias rule ids) of each organisation


def alias(rule_id: str, text: str, forms: tuple[str, str], on: Orgs, off: Orgs) -> object:
    """`text` whose model entities are the two ORG `forms` gives the organisations `on` with every entry and
    `off` without `rule_id`."""
    return pytest.param(rule_id, text, forms, on, off, id=rule_id)


def organisations(text: str, forms: tuple[str, str], entity_rules, lex) -> Orgs:
    doc = doc_with(text, [(form, "ORG") for form in forms])
    mentions = find_mentions(doc, entity_rules, lex, "model").mentions
    return [(o.name, o.aliases, o.alias_rules) for o in group_organisations(mentions, text, entity_rules, "d")]


def merged(name: str, form: str, rule_id: str) -> Orgs:
    return [(name, (form,), (rule_id,))]


def apart(first: str, second: str) -> Orgs:
    return [(first, (), ()), (second, (), ())]


ALIASES = [
    alias("alias-european-union", "The E.U. set a quota. The European Union later dropped it.",
          ("E.U.", "European Union"), merged("European Union", "E.U.", "alias-european-union"),
          apart("E.U.", "European Union")),
    alias("alias-european-commission", "The European Commission wrote to the mill. The Commission replied.",
          ("European Commission", "Commission"), merged("European Commission", "Commission",
                                                         "alias-european-commission"),
          [("European Commission", (), ())]),  # without it, "Commission" alone is dropped as a common word
    alias("alias-european-parliament", "The European Parliament voted. Parliament then rested.",
          ("European Parliament", "Parliament"), merged("European Parliament", "Parliament",
                                                         "alias-european-parliament"),
          [("European Parliament", (), ())]),
    alias("alias-united-nations", "A U.N. envoy came. The United Nations paid for the well.",
          ("U.N.", "United Nations"), merged("United Nations", "U.N.", "alias-united-nations"),
          apart("U.N.", "United Nations")),
    alias("alias-nato", "NATO ships sailed north. The North Atlantic Treaty Organization said so.",
          ("NATO", "North Atlantic Treaty Organization"),
          merged("North Atlantic Treaty Organization", "NATO", "alias-nato"),
          apart("NATO", "North Atlantic Treaty Organization")),
    alias("alias-g7", "The G-7 met in spring. The Group of Seven agreed on grain.",
          ("G-7", "Group of Seven"), merged("Group of Seven", "G-7", "alias-g7"), apart("G-7", "Group of Seven")),
    alias("alias-g20", "The G20 met in autumn. The Group of Twenty agreed on debt.",
          ("G20", "Group of Twenty"), merged("Group of Twenty", "G20", "alias-g20"), apart("G20", "Group of Twenty")),
    alias("alias-imf", "The IMF lent more. The International Monetary Fund said growth was weak.",
          ("IMF", "International Monetary Fund"), merged("International Monetary Fund", "IMF", "alias-imf"),
          apart("IMF", "International Monetary Fund")),
    alias("alias-who", "The WHO sent nurses. The World Health Organization paid them.",
          ("WHO", "World Health Organization"), merged("World Health Organization", "WHO", "alias-who"),
          apart("WHO", "World Health Organization")),
    alias("alias-ecb", "The ECB held rates. The European Central Bank meets again soon.",
          ("ECB", "European Central Bank"), merged("European Central Bank", "ECB", "alias-ecb"),
          apart("ECB", "European Central Bank")),
    alias("alias-fed", "The Fed held rates. The Federal Reserve meets again soon.",
          ("Fed", "Federal Reserve"), merged("Federal Reserve", "Fed", "alias-fed"), apart("Fed", "Federal Reserve")),
    alias("alias-oecd", "The OECD cut its forecast. The Organisation for Economic Co-operation and Development "
                        "blamed prices.",
          ("OECD", "Organisation for Economic Co-operation and Development"),
          merged("Organisation for Economic Co-operation and Development", "OECD", "alias-oecd"),
          apart("OECD", "Organisation for Economic Co-operation and Development")),
    alias("alias-wto", "The WTO ruled on steel. The World Trade Organization fined the mill.",
          ("WTO", "World Trade Organization"), merged("World Trade Organization", "WTO", "alias-wto"),
          apart("WTO", "World Trade Organization")),
]


@pytest.mark.parametrize("rule_id, text, forms, on, off", ALIASES)
def test_alias_entry_merges_its_example(entity_rules, lex, rule_id, text, forms, on, off) -> None:
    assert organisations(text, forms, entity_rules, lex) == on
    assert organisations(text, forms, without_entry(entity_rules, rule_id), lex) == off


# --- every entry has an example ---------------------------------------------------------------------------

def test_every_entity_entry_id_has_an_example(entity_rules) -> None:
    ids = {r.id for r in (*entity_rules.not_entities, *entity_rules.org_filters, *entity_rules.org_aliases)}
    assert sorted(p.values[0] for p in MENTION_EXAMPLES + ALIASES) == sorted(ids)

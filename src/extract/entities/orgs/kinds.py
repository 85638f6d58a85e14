"""Names that are never organisations (corpus/gold/GUIDELINES.md): countries, currencies, beliefs, handles.

The names come from pycountry (ISO 3166 countries, ISO 4217 currencies) and the lists of
rules/not_orgs.json; the check is on the whole span, case as written for codes, case-free for names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import pycountry

from extract.core.mention import Mention
from extract.entities.rules import EntityRules


@lru_cache(maxsize=4)
def country_names(extra: tuple[str, ...]) -> frozenset[str]:
    """Every country's ISO name, common name and official name, lower case, with the extra names."""
    names = set(extra)
    for country in pycountry.countries:
        names.update(getattr(country, key, "") for key in ("name", "common_name", "official_name"))
    return frozenset(n.lower() for n in names if n)


@lru_cache(maxsize=4)
def currency_names(extra: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(ISO 4217 codes, lower-case currency names with the extra names)."""
    codes = frozenset(c.alpha_3 for c in pycountry.currencies)
    names = {c.name.lower() for c in pycountry.currencies} | {n.lower() for n in extra}
    return codes, frozenset(names)


def relabel_countries(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Japan signed…", "the U.S. said", "New Zealand's" read as a person: a country is a place (GPE),
    whatever it does in the sentence."""
    if rules.not_orgs is None:
        return mentions
    rule = rules.not_orgs.countries
    names = country_names(tuple(rule.names))
    relabelled = []
    for m in mentions:
        name = re.sub(r"['’]s$", "", m.text) if m.label == "PERSON" else m.text
        if m.label in ("ORG", "PERSON") and name.lower() in names:
            m = replace(m, end=m.start + len(name), text=name).relabelled("GPE", rule.id)
        relabelled.append(m)
    return relabelled


def drop_currencies(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "USD", "the Yen", "Sterling" tagged ORG: money, not a body."""
    if rules.not_orgs is None:
        return mentions
    codes, names = currency_names(tuple(rules.not_orgs.currencies.names))
    return [m for m in mentions if not (m.label == "ORG" and (m.text in codes or m.text.lower() in names))]


def drop_beliefs(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Islam", "Islamophobia", "Scientologist" tagged ORG: a belief or its adherents, not a body."""
    if rules.not_orgs is None:
        return mentions
    rule = rules.not_orgs.beliefs
    names = {n.lower() for n in rule.names}
    suffixes = tuple(s.lower() for s in rule.suffixes)
    belief = lambda t: t.lower() in names or (  # noqa: E731
        " " not in t and t[:1].isupper() and not t.isupper() and t.lower().endswith(suffixes))
    return [m for m in mentions if not (m.label == "ORG" and belief(m.text))]


def drop_handles(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "@POTUS", "#MeToo" tagged ORG or PERSON: a handle or hashtag, not a name."""
    if rules.not_orgs is None:
        return mentions
    marks = rules.not_orgs.handles.marks
    return [m for m in mentions if not (m.label in ("ORG", "PERSON") and any(c in m.text for c in marks))]


def relabel_seats(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "the White House said", "the Kremlin denied": a building that stands for a government is a place."""
    if rules.not_orgs is None:
        return mentions
    rule = rules.not_orgs.seats
    names = {n.lower() for n in rule.names}
    return [m.relabelled("LOC", rule.id) if m.label == "ORG" and m.text.lower() in names else m for m in mentions]

"""Names that are never organisations (corpus/gold/GUIDELINES.md): countries and currencies.

The names come from pycountry (ISO 3166 countries, ISO 4217 currencies) and the lists of
rules/not_orgs.json; the check is on the whole span, case as written for codes, case-free for names.
"""

from __future__ import annotations

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
    """ "Japan signed…", "the U.S. said": a country is a place (GPE), whatever it does in the sentence."""
    if rules.not_orgs is None:
        return mentions
    rule = rules.not_orgs.countries
    names = country_names(tuple(rule.names))
    return [m.relabelled("GPE", rule.id) if m.label == "ORG" and m.text.lower() in names else m for m in mentions]


def drop_currencies(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "USD", "the Yen", "Sterling" tagged ORG: money, not a body."""
    if rules.not_orgs is None:
        return mentions
    codes, names = currency_names(tuple(rules.not_orgs.currencies.names))
    return [m for m in mentions if not (m.label == "ORG" and (m.text in codes or m.text.lower() in names))]

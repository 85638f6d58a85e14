"""Where the text itself says a name is an organisation, and what that means for the whole document.

"analyst at Acme", "chief executive of Acme", "Acme chief executive Jane Roe", "shares of Acme", "the lender
Acme", "Acme, a subsidiary of ...", "Acme (NYSE: AC)", "Acme Inc.": the name is an organisation even where the
model read a person or a place (never a country, nor a place that modifies a noun: "the Dallas chapter",
"Oslo-based"). So is every other mention written the same way, and a lone word of that name ("Acme" of "Acme
Foods") unless the document also names a person with that surname. Runs after the person rules, so it has the last word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from extract.core.mention import Mention
from extract.core.words import alternation
from extract.entities.orgs.kinds import country_names
from extract.entities.people.names import surname
from extract.entities.rules import EntityRules

# Mentions made ORG by a rule that reads a company's own marks: a ticker, a company form, a platform phrase,
# a name ending in an organisation word.
EVIDENCE_SOURCES = frozenset({"org-ticker", "org-before-ticker", "org-ticker-quote", "org-designator",
                              "org-designator-name", "org-platform", "person-org-word"})
PAST_VERB_TAGS = ("VBD", "VBN")  # "the company Roe founded": the name is the subject of a relative clause
LOOK_BACK = 80


def settle_org_names(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str,
                     before_person_rules: list[Mention]) -> list[Mention]:
    """`before_person_rules`: the mentions as the ORG rules left them, with the sources that mark a company
    (the person rules may have read "Acme Homes" of "Acme Homes (LSE: AH)" as a person since)."""
    forms = evidence_forms(doc, before_person_rules + mentions, rules, text)
    if not forms:
        return mentions
    people = [m for m in mentions if m.label == "PERSON" and m.text not in forms]
    surnames = {surname(m.text) for m in people if " " in m.text}
    common = rules.org_words | rules.title_words
    words = {w for form in forms if " " in form for w in form.split()
             if w[:1].isupper() and len(w) > 2 and w.lower() not in common}
    places = _places(rules)
    return [m.relabelled("ORG", "org-evidence") if (m.label == "PERSON" and (
        m.text in forms or (m.text in words and m.text not in surnames))) or (
        m.label in PLACE_LABELS and m.text in forms and m.text.lower() not in places) else m for m in mentions]


PLACE_LABELS = ("GPE", "LOC")


def _places(rules: EntityRules) -> frozenset[str]:
    """Countries (lower case): what the text says of them never makes them an organisation."""
    return country_names(tuple(rules.not_orgs.countries.names)) if rules.not_orgs else frozenset()


def org_where_marked(mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """A name typed a product from its other mentions ("Orbis users") is the company where the text marks
    one: "shares of Orbis", "Orbis's chief executive", "Orbis, a software maker". A model number is kept."""
    patterns = _patterns(rules)
    return [m.relabelled("ORG", "org-over-product") if m.label == "PRODUCT" and m.source in SPREAD_PRODUCTS and (
        patterns.role_or_holding_before.search(text[max(0, m.start - LOOK_BACK):m.start])
        or patterns.company_noun_before.search(text[max(0, m.start - LOOK_BACK):m.start])
        or patterns.role_after.match(text, m.end) or patterns.company_apposition.match(text, m.end)) else m
        for m in mentions]


SPREAD_PRODUCTS = frozenset({"product-repeat-form", "product-context", "product-version", "product-after-class-noun"})


def evidence_forms(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> set[str]:
    """The names this document marks as organisations somewhere, as written (and without a company form)."""
    patterns = _patterns(rules)
    designators = {d.lower().rstrip(".") for d in rules.designators}
    starts = {m.start for m in mentions if m.label == "PERSON"}
    forms = set()
    for m in dict.fromkeys(m for m in mentions if m.label in ("ORG", "PERSON", *PLACE_LABELS)):  # once each
        last = m.text.split()[-1].lower().rstrip(".")
        before = text[max(0, m.start - LOOK_BACK):m.start]
        role_after = patterns.role_after.match(text, m.end)
        person_after = role_after is not None and role_after.end() in starts  # "Xstrata chief executive Jane Roe"
        if m.label in PLACE_LABELS and not person_after and _next_tag(doc, m.end) in MODIFIED_TAGS:
            continue  # "the Dallas chapter", "Oslo-based"
        if (m.label == "ORG" and (m.source in EVIDENCE_SOURCES or (" " in m.text and last in designators))
                or patterns.role_or_holding_before.search(before)
                or patterns.company_noun_before.search(before) and not _past_verb_after(doc, m, rules)
                or person_after
                or patterns.company_apposition.match(text, m.end)):
            forms.add(m.text)
            forms.add(_without_designator(m.text, designators))
    return forms


def _past_verb_after(doc: Doc, m: Mention, rules: EntityRules) -> bool:
    """ "the company Roe founded": a past verb follows; a speech verb only after a given name ("the fund Jane
    Roe said" is its head speaking, "the lender Roe Loans said" the lender)."""
    token = _next_token(doc, m.end)
    return token is not None and token.tag_ in PAST_VERB_TAGS and (
        token.lower_ not in rules.speech_verbs or m.text.split()[0] in rules.given_names)


MODIFIED_TAGS = ("NN", "NNS", "NNP", "NNPS", "HYPH")  # what follows a place that modifies it


def _next_tag(doc: Doc, end: int) -> str:
    """The fine tag of the first token after `end` ("" at the end of the text)."""
    token = _next_token(doc, end)
    return token.tag_ if token is not None else ""


def _next_token(doc: Doc, end: int) -> Token | None:
    length = _text_length(doc)
    span = doc.char_span(end, length, alignment_mode="expand") if end < length else None
    return next((t for t in span if not t.is_space), None) if span is not None else None


def _text_length(doc: Doc) -> int:
    """`len(doc.text)` without joining the text (which makes a Token object per token): where the last
    token and its trailing whitespace end."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _without_designator(name: str, designators: set[str]) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in designators | {""}:
        words = words[:-1]
    return " ".join(words).rstrip(",")


class _Patterns:
    def __init__(self, roles: tuple[str, ...], holdings: tuple[str, ...], company_nouns: tuple[str, ...]):
        role = alternation(roles)
        plural = alternation([_plural(r) for r in roles])  # "analysts at", "founders of"; not "partners with" (a verb)
        self.role_or_holding_before = re.compile(
            rf"(?:(?<![\w-])(?i:{role})[ \t]+(?:at|of|with)|(?<![\w-])(?i:{plural})[ \t]+(?:at|of)"
            rf"|(?<![\w-]){alternation(holdings)})[ \t]+(?:the[ \t]+)?$")
        self.company_noun_before = re.compile(rf"(?<![\w-]){alternation(company_nouns)}[ \t]+(?:the[ \t]+)?$")
        self.role_after = re.compile(rf"(?:['’]s)?[ \t]+(?i:{role})[ \t]*,?[ \t]+")
        # "Acme, a leading provider of ...", "Acme, a subsidiary of ...", "Acme, which is a lender": the noun
        # heads the apposition ("Jane Roe, a bank executive" is no company)
        self.company_apposition = re.compile(
            rf"[ \t]?,[ \t]+(?:which[ \t]+is[ \t]+)?(?:(?:a|an|the)[ \t]+)?(?:[a-z][\w-]*[ \t]+){{0,3}}?"
            rf"{alternation(company_nouns)}(?=[ \t]*(?:[,.;:]|$)|[ \t]+(?:of|that|which|in|with|based|owned|for)\b)")


def _plural(role: str) -> str:
    """ "analyst" -> "analysts", "chairman" -> "chairmen", "boss" -> "bosses", "CEO" -> "CEOs"."""
    if role.endswith("man"):
        return role[:-3] + "men"
    return role + ("es" if role.endswith(("s", "sh", "ch")) else "s")


@lru_cache(maxsize=4)
def _cached_patterns(roles: tuple[str, ...], holdings: tuple[str, ...], company_nouns: tuple[str, ...]) -> _Patterns:
    return _Patterns(roles, holdings, company_nouns)


def _patterns(rules: EntityRules) -> _Patterns:
    company_nouns = tuple(sorted(rules.type_nouns - rules.person_type_nouns))
    return _cached_patterns(rules.company_roles, rules.holding_phrases, company_nouns)

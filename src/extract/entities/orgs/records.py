"""Organisations in one document: acronyms, short forms and curated aliases merged."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.core.mention import Mention
from extract.entities.orgs.names import ACRONYM_DEF
from extract.entities.people.records import clean_name, name_key
from extract.entities.rules import EntityRules, OrgAlias


@dataclass(frozen=True)
class Organisation:
    org_id: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    alias_rules: tuple[str, ...]  # ids of the curated alias rules that linked a form


_POSSESSIVE = re.compile(r"['’]s(?= )")


def _key(text: str) -> str:
    """ "The New People's Party" and "New People Party" -> "new people party": no leading "the", no possessive
    "'s" inside the name."""
    return _POSSESSIVE.sub("", re.sub(r"^the\s+", "", name_key(text)))


def group_organisations(mentions: list[Mention], text: str, rules: EntityRules, doc_id: str) -> list[Organisation]:
    orgs = sorted((m for m in mentions if m.label == "ORG"), key=lambda m: m.start)
    keys = {_key(m.text) for m in orgs}
    parent: dict[str, str] = {k: k for k in keys}
    linked_by: dict[str, set[str]] = {}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    def union(a: str, b: str, rule: str = "") -> None:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
            if rule:
                linked_by.setdefault(a, set()).add(rule)

    for acronym, long_form in defined_acronyms(orgs, text):
        union(_key(acronym), _key(long_form))
    for alias_rule in rules.org_aliases:
        _link_curated(alias_rule, keys, union)
    for variants in _legal_variants(keys, rules).values():  # "Acme" ~ "Acme LLC" ~ "Acme Group PLC"
        for key in variants[1:]:
            union(key, variants[0])
    for acronym, long in _initialisms(orgs, rules):  # "GM" ~ "General Motors"
        if find(acronym) != find(long):
            union(acronym, long)
    clusters: dict[str, list[Mention]] = {}
    for m in orgs:
        clusters.setdefault(find(_key(m.text)), []).append(m)
    return [_record(cluster, linked_by, doc_id, index + 1)
            for index, cluster in enumerate(sorted(clusters.values(), key=lambda c: c[0].start))]


def legal_base(key: str, rules: EntityRules, tails: frozenset[str] = frozenset()) -> str:
    """The name key without the legal forms (and `tails`) that end it: "acme group plc" -> "acme"; never
    down to a connector ("department of energy" stays) or to nothing."""
    forms = rules.legal_forms | rules.record_forms | tails
    words = key.split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for size in (3, 2, 1):
            tail = " ".join(words[-size:]).strip(" ,")
            rest = words[:-size]
            if len(words) > size and tail in forms and rest[-1].rstrip(",") not in rules.connectors:
                words, stripped = rest[:-1] + [rest[-1].rstrip(",")], True
                break
    return " ".join(words)


def _legal_variants(keys: set[str], rules: EntityRules) -> dict[str, list[str]]:
    """Keys that differ only by legal forms, and those that are a bare short form of them ("Acme" of "Acme
    Motors Inc."): one list per name, in a stable order."""
    groups: dict[str, list[str]] = {}
    for key in sorted(keys):
        groups.setdefault(legal_base(key, rules), []).append(key)
    for base in sorted(groups):
        short = legal_base(base, rules, rules.short_form_tails)
        if short != base and short in groups:
            groups[short] += groups.pop(base)
    return groups


def _initialisms(orgs: list[Mention], rules: EntityRules) -> list[tuple[str, str]]:
    """(acronym key, long-form key) where an all-capitals form ("GM", "U.N.") is the initials of the
    capitalised words of exactly one longer name of the document ("General Motors", "United Nations"), written
    before the acronym is first (news introduces the full name first; a "TTC" long before a "Trade and
    Technology Council" is another body)."""
    longs: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for m in orgs:  # in text order
        first.setdefault(_key(m.text), m.start)
        for initials in initials_of(m.text, rules):
            longs.setdefault(initials, set()).add(_key(m.text))
    pairs = []
    for m in orgs:
        letters = m.text.replace(".", "")
        found = longs.get(letters, set()) if letters.isalpha() and letters.isupper() and len(letters) >= 2 else set()
        long = found.pop() if len(found) == 1 else ""
        if long and first[long] < first[_key(m.text)]:
            pairs.append((_key(m.text), long))
    return pairs


def initials_of(name: str, rules: EntityRules) -> set[str]:
    """The initials of a name of two or more capitalised words besides its connectors, with and without its
    legal form, and with its connectors: "GM" of "General Motors", "FBI" of "Federal Bureau of Investigation",
    "AM" of "Acme Motors Inc", "ACOSS" of "Australian Council of Social Service"."""
    every = clean_name(name).split()
    words = [w for w in every if w.lower() not in rules.connectors]
    base = words[:len(legal_base(" ".join(words).lower(), rules).split())]  # the forms are lower case
    if not all(w[:1].isupper() for w in words):
        return set()
    return {"".join(w[0] for w in form).upper() for form in (words, base, every) if len(form) > 1 and len(words) > 1}


def _link_curated(rule: OrgAlias, keys: set[str], union) -> None:  # type: ignore[no-untyped-def]
    name = _key(rule.name)
    forms = [_key(a) for a in rule.aliases]
    if name in keys:
        forms += [_key(a) for a in rule.context_aliases]
    present = [f for f in forms + [name] if f in keys]
    for form in present[1:]:
        union(form, present[0], rule.id)
    if present:
        union(present[0], present[0], rule.id)


def defined_acronyms(orgs: list[Mention], text: str) -> list[tuple[str, str]]:
    pairs = []
    for match in ACRONYM_DEF.finditer(text):
        before = [m for m in orgs if 0 <= match.start() - m.end <= 2]
        if before:
            pairs.append((match["acr"], before[-1].text))
    return pairs


def _record(cluster: list[Mention], linked_by: dict[str, set[str]], doc_id: str, number: int) -> Organisation:
    forms: dict[str, str] = {}
    for m in cluster:  # the first way a name is written, unless that is all lower case ("eu" before "EU") or
        key, form = _key(m.text), clean_name(m.text)  # leaves out a possessive ("New People's Party" wins)
        if key not in forms or forms[key].islower() and not form.islower() or len(_POSSESSIVE.findall(form)) > len(
                _POSSESSIVE.findall(forms[key])):
            forms[key] = form
    name = max(forms.values(), key=lambda f: (not f.isupper(), len(f.split()), len(f)))
    aliases = tuple(sorted({f for f in forms.values() if _key(f) != _key(name)}, key=str.lower))
    rules = tuple(sorted({r for k in forms for r in linked_by.get(k, ())}))
    return Organisation(f"{doc_id}#O{number}", name, aliases, tuple(cluster), rules)

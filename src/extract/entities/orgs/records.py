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


def _key(text: str) -> str:
    return re.sub(r"^the\s+", "", name_key(text))


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
    for short in keys:  # "RIKEN" ~ "RIKEN Institute"
        for long in keys:
            if long.startswith(short + " ") and long[len(short) + 1:] in rules.record_forms:
                union(short, long)
    clusters: dict[str, list[Mention]] = {}
    for m in orgs:
        clusters.setdefault(find(_key(m.text)), []).append(m)
    return [_record(cluster, linked_by, doc_id, index + 1)
            for index, cluster in enumerate(sorted(clusters.values(), key=lambda c: c[0].start))]


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
    for m in cluster:  # the first way a name is written, unless that is all lower case ("eu" before "EU")
        key, form = _key(m.text), clean_name(m.text)
        if key not in forms or forms[key].islower() and not form.islower():
            forms[key] = form
    name = max(forms.values(), key=lambda f: (not f.isupper(), len(f.split()), len(f)))
    aliases = tuple(sorted({f for f in forms.values() if _key(f) != _key(name)}, key=str.lower))
    rules = tuple(sorted({r for k in forms for r in linked_by.get(k, ())}))
    return Organisation(f"{doc_id}#O{number}", name, aliases, tuple(cluster), rules)

"""People and organisations across the documents of a run: one entity per person or body.

`consolidate` is a pure function over the per-document records (`people.Person`,
`organisations.Organisation`) of a whole run. It returns the `entities` table and the mapping from each
per-document person_id / org_id to its entity_id:

- people are one entity when their full names are the same (case and accents ignored); a document that
  only ever writes a surname ("Obertin") or a shorter form ("Jane Roe" for "Jane A. Roe") joins the one
  full name in the run that it can stand for, and stays apart when several could;
- organisations are one entity when their names are the same, when a curated alias rule
  (rules/org_aliases.json) maps them to the same canonical name ("EU" and "European Union"), or when one's
  name is another's alias in its document ("CBS" defined as "Center for Brain Science") and that alias
  stands for only one name in the whole run.

Entity ids are built from the type and the entity's name ("person:minoru-kiuchi", "org:european-union"),
so that they stay the same when documents are added to a run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from extract.entities.orgs.records import Organisation
from extract.entities.people.records import Person, clean_name, name_key
from extract.entities.rules import EntityRules

COLUMNS = ("entity_id", "type", "name", "aliases", "n_documents", "n_mentions")


@dataclass(frozen=True)
class Entity:
    entity_id: str
    type: str  # "PERSON" or "ORG"
    name: str  # the fullest name (people) or the canonical name (organisations)
    aliases: tuple[str, ...]  # every other form written in the run
    n_documents: int
    n_mentions: int
    members: tuple[str, ...]  # the person_id / org_id records merged into it


@dataclass(frozen=True)
class Entities:
    entities: tuple[Entity, ...]
    entity_of: Mapping[str, str]  # person_id / org_id -> entity_id

    def rows(self) -> list[dict[str, object]]:
        """One dict per entity with the COLUMNS of entities.csv (aliases joined with ";")."""
        return [{"entity_id": e.entity_id, "type": e.type, "name": e.name, "aliases": ";".join(e.aliases),
                 "n_documents": e.n_documents, "n_mentions": e.n_mentions} for e in self.entities]


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """What consolidation needs of one document's person or organisation (made where it is processed)."""

    record_id: str
    doc_id: str
    name: str
    forms: tuple[str, ...]  # every form written, the name included
    n_mentions: int
    canonical: str = ""  # curated canonical name, when an alias rule applies


class _Groups:
    """Union-find over record ids."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for item in self.parent:
            found[self.find(item)].append(item)
        return list(found.values())


def consolidate(people: Iterable[tuple[str, Person]], organisations: Iterable[tuple[str, Organisation]],
                rules: EntityRules | None = None) -> Entities:
    """Entities of a run from (doc_id, record) pairs of every document's people and organisations."""
    persons = [_person_record(doc_id, p) for doc_id, p in people]
    alias_keys = _alias_keys(rules)
    orgs = [_org_record(doc_id, o, alias_keys) for doc_id, o in organisations]
    return consolidate_records(persons, orgs)


def person_records(doc_id: str, people: Iterable[Person]) -> list[EntityRecord]:
    """One document's people as `consolidate_records` takes them."""
    return [_person_record(doc_id, p) for p in people]


def org_records(doc_id: str, organisations: Iterable[Organisation], rules: EntityRules | None) -> list[EntityRecord]:
    """One document's organisations as `consolidate_records` takes them (curated aliases applied)."""
    alias_keys = _alias_keys(rules)
    return [_org_record(doc_id, o, alias_keys) for o in organisations]


def consolidate_records(persons: Sequence[EntityRecord], orgs: Sequence[EntityRecord]) -> Entities:
    """`consolidate`, from records already made per document (in the run's input order)."""
    entities = _entities("PERSON", persons, _person_groups(persons)) + _entities("ORG", orgs, _org_groups(orgs))
    entity_of = {member: e.entity_id for e in entities for member in e.members}
    return Entities(tuple(sorted(entities, key=lambda e: (e.type, e.entity_id))), MappingProxyType(entity_of))


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return re.sub(r"^the\s+", "", name_key(text))


def name_slug(name: str) -> str:
    """The id part of a name: case- and accent-folded words joined by "-" ("Minoru Kiuchi" -> minoru-kiuchi)."""
    return re.sub(r"[\W_]+", "-", _key(name)).strip("-") or "unnamed"


def _person_record(doc_id: str, person: Person) -> EntityRecord:
    forms = (person.name,) + tuple(clean_name(m.text) for m in person.mentions)
    return EntityRecord(person.person_id, doc_id, person.name, _unique(forms), len(person.mentions))


@dataclass(frozen=True)
class _AliasKeys:
    """The keys of one curated alias rule, made once per run rather than once per organisation."""

    name: str
    name_key: str
    strong: frozenset[str]  # the name's and its aliases' keys
    context: frozenset[str]  # aliases that count only where the document also writes the name


@lru_cache(maxsize=8)
def _alias_keys(rules: EntityRules | None) -> tuple[_AliasKeys, ...]:
    return tuple(_AliasKeys(rule.name, _key(rule.name), frozenset({_key(rule.name)} | {_key(a) for a in rule.aliases}),
                       frozenset(_key(a) for a in rule.context_aliases))
            for rule in (rules.org_aliases if rules else ()))


def _org_record(doc_id: str, org: Organisation, alias_keys: Sequence[_AliasKeys]) -> EntityRecord:
    forms = _unique((org.name,) + org.aliases)
    keys = {_key(f) for f in forms}
    canonical = ""
    for rule in alias_keys:
        context = rule.context if rule.name_key in keys else frozenset()
        if keys & (rule.strong | context):
            canonical = rule.name
            break
    return EntityRecord(org.org_id, doc_id, org.name, forms, len(org.mentions), canonical)


def _unique(forms: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for form in forms:
        seen.setdefault(_key(form), clean_name(form))
    return tuple(seen.values())


def _person_groups(records: Sequence[EntityRecord]) -> _Groups:
    groups = _Groups(r.record_id for r in records)
    by_name: dict[str, list[EntityRecord]] = defaultdict(list)
    for r in records:
        by_name[_key(r.name)].append(r)
    for same in by_name.values():
        for r in same[1:]:
            groups.union(r.record_id, same[0].record_id)
    full_names = [k.split() for k in by_name if len(k.split()) > 1]
    for key, same in by_name.items():
        words = key.split()
        candidates = [f for f in full_names if f != words and _short_form_of(words, f)]
        if len(candidates) == 1:  # "Obertin" or "Jane Roe" that can only be one full name of the run
            groups.union(same[0].record_id, by_name[" ".join(candidates[0])][0].record_id)
    return groups


def _short_form_of(words: list[str], full: list[str]) -> bool:
    """ "roe" of "jane roe"; "jane roe" of "jane a. roe" (first and last words the same)."""
    if len(words) == 1:
        return words[0] == full[-1]
    return len(words) < len(full) and words[0] == full[0] and words[-1] == full[-1]


def _org_groups(records: Sequence[EntityRecord]) -> _Groups:
    groups = _Groups(r.record_id for r in records)
    by_strong: dict[str, list[str]] = defaultdict(list)
    for r in records:
        by_strong[_key(r.canonical or r.name)].append(r.record_id)
        if r.canonical:
            by_strong[_key(r.name)].append(r.record_id)
    for ids in by_strong.values():
        for record_id in ids[1:]:
            groups.union(record_id, ids[0])
    alias_roots: dict[str, set[str]] = defaultdict(set)  # an alias -> the groups whose records define it
    for r in records:
        for form in r.forms:
            if _key(form) != _key(r.name):
                alias_roots[_key(form)].add(groups.find(r.record_id))
    for alias, roots in alias_roots.items():
        if len(roots) == 1 and alias in by_strong:  # "CBS" named alone elsewhere, defined once in the run
            groups.union(by_strong[alias][0], next(iter(roots)))
    return groups


def _entities(kind: str, records: Sequence[EntityRecord], groups: _Groups) -> list[Entity]:
    by_id = {r.record_id: r for r in records}
    entities, used = [], set()
    for ids in groups.groups():
        members = sorted((by_id[i] for i in ids), key=lambda r: (r.doc_id, r.record_id))
        name = _entity_name(kind, members)
        aliases = sorted({f for r in members for f in r.forms if _key(f) != _key(name)}, key=lambda f: (f.lower(), f))
        entity_id = _entity_id(kind, name, used)
        entities.append(Entity(entity_id, kind, name, tuple(_unique(aliases)), len({r.doc_id for r in members}),
                               sum(r.n_mentions for r in members), tuple(r.record_id for r in members)))
    return entities


def _entity_name(kind: str, members: Sequence[EntityRecord]) -> str:
    canonical = next((r.canonical for r in members if r.canonical), "")
    if canonical:
        return canonical
    counts: dict[str, int] = defaultdict(int)
    for r in members:
        counts[r.name] += r.n_mentions
    if kind == "PERSON":
        return max(counts, key=lambda n: (len(n.split()), counts[n], len(n), n))
    return max(counts, key=lambda n: (not n.isupper(), len(n.split()), counts[n], len(n), n))


def _entity_id(kind: str, name: str, used: set[str]) -> str:
    base = f"{'person' if kind == 'PERSON' else 'org'}:{name_slug(name)}"
    entity_id, number = base, 2
    while entity_id in used:
        entity_id, number = f"{base}-{number}", number + 1
    used.add(entity_id)
    return entity_id

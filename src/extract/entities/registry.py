"""People and organisations across the documents of a run: one entity per person or body.

What an entity is made of: each document's people and organisations become records (`EntityRecord`,
made where the document is processed), and `consolidation.Consolidation` turns the run's records into
the `entities` table and the mapping from each per-document person_id / org_id to its entity_id:

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
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, Sequence

from extract.entities.orgs.records import Organisation
from extract.entities.people.records import Person, clean_name, name_key
from extract.entities.rules import EntityRules

COLUMNS = ("entity_id", "type", "name", "aliases", "n_documents", "n_mentions")


@dataclass(frozen=True, slots=True)
class Entity:
    entity_id: str
    type: str  # "PERSON" or "ORG"
    name: str  # the fullest name (people) or the canonical name (organisations)
    aliases: tuple[str, ...]  # every other form written in the run
    n_documents: int
    n_mentions: int


@dataclass(frozen=True)
class Entities:
    entities: tuple[Entity, ...]
    entity_of: Mapping[str, str]  # person_id / org_id (or consolidation key) -> entity_id

    def rows(self) -> list[dict[str, object]]:
        """One dict per entity with the COLUMNS of entities.csv (aliases joined with ";")."""
        return list(self.iter_rows())

    def iter_rows(self) -> Iterator[dict[str, object]]:
        """The rows one at a time (a large run's final merge does not hold them)."""
        for e in self.entities:
            yield {"entity_id": e.entity_id, "type": e.type, "name": e.name, "aliases": ";".join(e.aliases),
                   "n_documents": e.n_documents, "n_mentions": e.n_mentions}


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """What consolidation needs of one document's person or organisation (made where it is processed)."""

    record_id: str
    doc_id: str
    name: str
    forms: tuple[str, ...]  # every form written, the name included
    n_mentions: int
    canonical: str = ""  # curated canonical name, when an alias rule applies


def person_records(doc_id: str, people: Iterable[Person]) -> list[EntityRecord]:
    """One document's people as `consolidate_records` takes them."""
    return [_person_record(doc_id, p) for p in people]


def org_records(doc_id: str, organisations: Iterable[Organisation], rules: EntityRules | None) -> list[EntityRecord]:
    """One document's organisations as `consolidate_records` takes them (curated aliases applied)."""
    alias_keys = _alias_keys(rules)
    return [_org_record(doc_id, o, alias_keys) for o in organisations]


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """A name as consolidation compares it: case and accents folded, no leading "the"."""
    return re.sub(r"^the\s+", "", name_key(text))


def name_slug(name: str) -> str:
    """The id part of a name: case- and accent-folded words joined by "-" ("Minoru Kiuchi" -> minoru-kiuchi)."""
    return re.sub(r"[\W_]+", "-", folded(name)).strip("-") or "unnamed"


def _person_record(doc_id: str, person: Person) -> EntityRecord:
    forms = (person.name,) + tuple(clean_name(m.text) for m in person.mentions)
    return EntityRecord(person.person_id, doc_id, person.name, unique_forms(forms), len(person.mentions))


@dataclass(frozen=True)
class _AliasKeys:
    """The keys of one curated alias rule, made once per run rather than once per organisation."""

    name: str
    name_key: str
    strong: frozenset[str]  # the name's and its aliases' keys
    context: frozenset[str]  # aliases that count only where the document also writes the name


@lru_cache(maxsize=8)
def _alias_keys(rules: EntityRules | None) -> tuple[_AliasKeys, ...]:
    return tuple(_AliasKeys(rule.name, folded(rule.name), frozenset({folded(rule.name)} | {folded(a) for a in rule.aliases}),
                       frozenset(folded(a) for a in rule.context_aliases))
            for rule in (rules.org_aliases if rules else ()))


def _org_record(doc_id: str, org: Organisation, alias_keys: Sequence[_AliasKeys]) -> EntityRecord:
    forms = unique_forms((org.name,) + org.aliases)
    keys = {folded(f) for f in forms}
    canonical = ""
    for rule in alias_keys:
        context = rule.context if rule.name_key in keys else frozenset()
        if keys & (rule.strong | context):
            canonical = rule.name
            break
    return EntityRecord(org.org_id, doc_id, org.name, forms, len(org.mentions), canonical)


def unique_forms(forms: Iterable[str]) -> tuple[str, ...]:
    """One form per folded key, the first written, cleaned."""
    seen: dict[str, str] = {}
    for form in forms:
        seen.setdefault(folded(form), clean_name(form))
    return tuple(seen.values())

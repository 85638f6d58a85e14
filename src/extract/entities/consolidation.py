"""The run's entities from its documents' person and organisation records, one document at a time.

`Consolidation` takes each document's records (`registry.EntityRecord`) in the run's input order and
keeps, per consolidation key (`record_key`: a person's folded name, an organisation's folded canonical
name or name), only what the entities are made of: the names written with their mention counts, the
forms, the first curated canonical name, and for organisations the keys their aliases stand for. The
documents are counted by the set of keys they hold (documents with the same people and organisations
share one count). So its memory grows with the distinct names of a run, not with its documents, and
the entities are those `registry.consolidate` describes: records with one key are always one entity,
and the rules that join keys (a short form of one full name, a curated alias, an alias defined once)
read nothing but the keys.

`entities()` maps each key to its entity id; a record's entity is its key's (`record_key`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Sequence

from extract.entities.orgs.records import Organisation
from extract.entities.people.records import Person
from extract.entities.registry import (
    Entities,
    Entity,
    EntityRecord,
    folded,
    name_slug,
    org_records,
    person_records,
    unique_forms,
)
from extract.entities.rules import EntityRules

PERSON, ORG = "PERSON", "ORG"


def record_key(kind: str, record: EntityRecord) -> str:
    """The key a record is consolidated under: records with the same key are one entity."""
    return f"{kind}:{folded(record.canonical or record.name)}"


@dataclass(slots=True)
class _Names:
    """What the records of one key contribute to their entity (small: a run has one per distinct name)."""

    names: dict[str, int] = field(default_factory=dict)  # name as written -> mentions
    forms: tuple[str, ...] = ()  # every form written, each once
    n_mentions: int = 0
    canonical: tuple[str, str, str] | None = None  # (doc_id, record_id, canonical): the first in (doc, record) order


class _Groups:
    """Union-find over keys, each group listed in the order its first key was added."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

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


class _Kind:
    """The keys of one kind of record (people or organisations)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.keys: dict[str, _Names] = {}  # in the order first written
        self.links: dict[tuple[str, str], None] = {}  # (key of the canonical name, key of the name as written)
        self.aliases: dict[str, set[str]] = defaultdict(set)  # alias key -> keys of the records that write it
        self.documents: Counter[tuple[str, ...]] = Counter()  # the keys of a document (sorted) -> documents

    def add(self, doc_id: str, records: Iterable[EntityRecord]) -> None:
        held = set()
        for record in records:
            key = record_key(self.kind, record)
            held.add(key)
            names = self.keys.setdefault(key, _Names())
            names.names[record.name] = names.names.get(record.name, 0) + record.n_mentions
            names.forms += tuple(form for form in record.forms if form not in names.forms)
            names.n_mentions += record.n_mentions
            if record.canonical:
                first = (doc_id, record.record_id, record.canonical)
                names.canonical = first if names.canonical is None else min(names.canonical, first)
                self._link(key, f"{self.kind}:{folded(record.name)}")
            own = folded(record.name)
            for form in record.forms:
                if folded(form) != own:
                    self.aliases[f"{self.kind}:{folded(form)}"].add(key)
        if held:
            self.documents[tuple(sorted(held))] += 1

    def _link(self, key: str, name_key: str) -> None:
        if name_key != key:
            self.links[key, name_key] = None
            self.keys.setdefault(name_key, _Names())

    def groups(self) -> list[list[str]]:
        groups = _Groups()
        for key in self.keys:
            groups.add(key)
        for key, name_key in self.links:
            groups.union(name_key, key)
        if self.kind == PERSON:
            _join_short_forms(groups, list(self.keys))
        else:
            _join_defined_aliases(groups, self.aliases)
        return groups.groups()

    def entities(self, used: set[str], entity_of: dict[str, str]) -> list[Entity]:
        """The entities, in the order of their first record; `entity_of` gets each key's entity id."""
        groups = self.groups()
        group_of = {key: number for number, keys in enumerate(groups) for key in keys}
        n_documents = [0] * len(groups)
        for keys, count in self.documents.items():
            for number in {group_of[key] for key in keys}:
                n_documents[number] += count
        del group_of
        entities = []
        for number, keys in enumerate(groups):
            entities.append(self._entity(keys, n_documents[number], used))
            entity_of.update(dict.fromkeys(keys, entities[-1].entity_id))
        return entities

    def _entity(self, keys: Sequence[str], n_documents: int, used: set[str]) -> Entity:
        parts = [self.keys[key] for key in keys]
        canonicals = [p.canonical for p in parts if p.canonical is not None]
        counts: dict[str, int] = defaultdict(int)
        for part in parts:
            for name, mentions in part.names.items():
                counts[name] += mentions
        name = min(canonicals)[2] if canonicals else _entity_name(self.kind, counts)
        aliases = sorted({f for p in parts for f in p.forms if folded(f) != folded(name)}, key=lambda f: (f.lower(), f))
        return Entity(_entity_id(self.kind, name, used), self.kind, name, unique_forms(aliases), n_documents,
                      sum(p.n_mentions for p in parts))


def _join_short_forms(groups: _Groups, keys: list[str]) -> None:
    """ "Obertin" or "Jane Roe" joins the one full name of the run it can stand for: one of its last word
    ("roe" of "jane roe"), or one of its first and last words and more words ("jane roe" of "jane a. roe").
    The full names are looked up by those words, so a run of many names costs no pair of them."""
    words_of = {key: key.partition(":")[2].split() for key in keys}
    by_last: dict[str, list[str]] = defaultdict(list)
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, words in words_of.items():
        if len(words) > 1:
            by_last[words[-1]].append(key)
            by_ends[words[0], words[-1]].append(key)
    for key, words in words_of.items():
        if not words:
            continue
        if len(words) == 1:
            candidates = by_last.get(words[0], [])
        else:
            candidates = [full for full in by_ends.get((words[0], words[-1]), []) if len(words) < len(words_of[full])]
        if len(candidates) == 1:
            groups.union(key, candidates[0])


def _join_defined_aliases(groups: _Groups, aliases: dict[str, set[str]]) -> None:
    """ "CBS" named alone elsewhere joins the one organisation of the run that defines it."""
    roots = {alias: {groups.find(key) for key in keys} for alias, keys in aliases.items()}
    for alias, found in roots.items():
        if len(found) == 1 and alias in groups.parent:
            groups.union(alias, next(iter(found)))


def _entity_name(kind: str, counts: dict[str, int]) -> str:
    if kind == PERSON:
        return max(counts, key=lambda n: (len(n.split()), counts[n], len(n), n))
    return max(counts, key=lambda n: (not n.isupper(), len(n.split()), counts[n], len(n), n))


def _entity_id(kind: str, name: str, used: set[str]) -> str:
    base = f"{'person' if kind == PERSON else 'org'}:{name_slug(name)}"
    entity_id, number = base, 2
    while entity_id in used:
        entity_id, number = f"{base}-{number}", number + 1
    used.add(entity_id)
    return entity_id


class Consolidation:
    """A run's entities, fed one document's records at a time in the run's input order."""

    def __init__(self) -> None:
        self._people, self._orgs = _Kind(PERSON), _Kind(ORG)

    def add(self, doc_id: str, people: Iterable[EntityRecord], organisations: Iterable[EntityRecord]) -> None:
        self._people.add(doc_id, people)
        self._orgs.add(doc_id, organisations)

    def entities(self) -> Entities:
        """The entities (sorted by type and id) and, for `entity_of`, each key's entity id."""
        used: set[str] = set()
        entity_of: dict[str, str] = {}
        entities = self._people.entities(used, entity_of) + self._orgs.entities(used, entity_of)
        return Entities(tuple(sorted(entities, key=lambda e: (e.type, e.entity_id))), MappingProxyType(entity_of))


def consolidate_records(persons: Sequence[EntityRecord], orgs: Sequence[EntityRecord]) -> Entities:
    """The run's entities from every document's records; `entity_of` maps each record id to its entity id."""
    by_doc: dict[str, tuple[list[EntityRecord], list[EntityRecord]]] = {}
    for index, records in enumerate((persons, orgs)):
        for record in records:
            by_doc.setdefault(record.doc_id, ([], []))[index].append(record)
    consolidation = Consolidation()
    for doc_id, (people, organisations) in by_doc.items():
        consolidation.add(doc_id, people, organisations)
    found = consolidation.entities()
    entity_of = {r.record_id: found.entity_of[record_key(kind, r)]
                 for kind, records in ((PERSON, persons), (ORG, orgs)) for r in records}
    return Entities(found.entities, MappingProxyType(entity_of))


def consolidate(people: Iterable[tuple[str, Person]], organisations: Iterable[tuple[str, Organisation]],
                rules: EntityRules | None = None) -> Entities:
    """Entities of a run from (doc_id, record) pairs of every document's people and organisations."""
    persons = [r for doc_id, p in people for r in person_records(doc_id, [p])]
    orgs = [r for doc_id, o in organisations for r in org_records(doc_id, [o], rules)]
    return consolidate_records(persons, orgs)

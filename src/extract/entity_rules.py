"""Entity rule data from rules/: organisation filters, non-entity stoplists, person titles, aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import RuleFileError
from .rulefiles import check_keys, load_json, string_list


@dataclass(frozen=True)
class OrgFilter:
    id: str
    description: str
    last_words: tuple[str, ...]


@dataclass(frozen=True)
class NotEntity:
    id: str
    texts: frozenset[str]
    labels: frozenset[str]


@dataclass(frozen=True)
class OrgAlias:
    id: str
    name: str
    aliases: tuple[str, ...]
    context_aliases: tuple[str, ...]  # count only when `name` itself appears in the document


@dataclass(frozen=True, eq=False)
class EntityRules:
    org_filters: tuple[OrgFilter, ...]
    not_entities: tuple[NotEntity, ...]
    titles: frozenset[str]
    honorifics: frozenset[str]
    org_aliases: tuple[OrgAlias, ...]
    org_words: frozenset[str] = frozenset()
    byline_words: tuple[str, ...] = ()

    def org_filter_for(self, text: str) -> str | None:
        """The id of the filter rule that says this ORG text is not an organisation."""
        lowered = " ".join(text.lower().split())
        head = re.split(r" (?:on|of|for|to) ", lowered, maxsplit=1)[0]  # "Partnership on X" -> "partnership"
        for rule in self.org_filters:
            for words in rule.last_words:
                # multi-word entries ("letter of intent") match the whole name; single words its head
                target = lowered if " " in words else head
                if target == words or target.endswith(" " + words):
                    return rule.id
        return None

    def not_entity_rule(self, text: str, label: str) -> str | None:
        for rule in self.not_entities:
            if label in rule.labels and text in rule.texts:
                return rule.id
        return None


def _records(path: Path, key: str, allowed: tuple[str, ...]) -> list[dict[str, object]]:
    data = load_json(path)
    check_keys(data, ("note", key), (key,), str(path))
    records = data[key]
    if not isinstance(records, list):
        raise RuleFileError(f"{path}: {key!r} must be a list")
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise RuleFileError(f"{path}: {key}[{index}] must be an object")
        check_keys(record, allowed, ("id",), f"{path}: {key}[{index}]")
    return records


def _org_filters(path: Path) -> tuple[OrgFilter, ...]:
    return tuple(
        OrgFilter(str(r["id"]), str(r.get("description", "")),
                  tuple(w.lower() for w in string_list(r["last_words"], f"{path}: {r['id']}")))
        for r in _records(path, "rules", ("id", "description", "last_words"))
    )


def _not_entities(path: Path) -> tuple[NotEntity, ...]:
    return tuple(
        NotEntity(str(r["id"]), frozenset(string_list(r["texts"], f"{path}: {r['id']}")),
                  frozenset(string_list(r["labels"], f"{path}: {r['id']}")))
        for r in _records(path, "rules", ("id", "texts", "labels"))
    )


def _org_aliases(path: Path) -> tuple[OrgAlias, ...]:
    return tuple(
        OrgAlias(str(r["id"]), str(r["name"]),
                 string_list(r.get("aliases", []), f"{path}: {r['id']}"),
                 string_list(r.get("context_aliases", []), f"{path}: {r['id']}"))
        for r in _records(path, "organisations", ("id", "name", "aliases", "context_aliases", "note"))
    )


@lru_cache(maxsize=4)
def load_entity_rules(rules_dir: Path) -> EntityRules:
    titles_path = rules_dir / "person_titles.json"
    titles = load_json(titles_path)
    keys = ("note", "titles", "honorifics", "org_words", "byline_words")
    check_keys(titles, keys, keys[1:], str(titles_path))
    return EntityRules(
        org_filters=_org_filters(rules_dir / "org_filters.json"),
        not_entities=_not_entities(rules_dir / "not_entities.json"),
        titles=frozenset(t.lower() for t in string_list(titles["titles"], str(titles_path))),
        honorifics=frozenset(h.lower() for h in string_list(titles["honorifics"], str(titles_path))),
        org_aliases=_org_aliases(rules_dir / "org_aliases.json"),
        org_words=frozenset(w.lower() for w in string_list(titles["org_words"], str(titles_path))),
        byline_words=string_list(titles["byline_words"], str(titles_path)),
    )

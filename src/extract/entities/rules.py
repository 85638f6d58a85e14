"""Entity rule data from rules/: organisation filters, non-entity stoplists, person titles, aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.core.errors import RuleFileError
from extract.core.rulefiles import check_keys, load_json, string_list


@dataclass(frozen=True)
class OrgFilter:
    id: str
    description: str
    last_words: tuple[str, ...]


@dataclass(frozen=True)
class NotEntity:
    id: str
    texts: frozenset[str]  # the whole span is one of these
    labels: frozenset[str]
    words: frozenset[str] = frozenset()  # the span contains one of these as a whole word


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
    portfolio_words: frozenset[str] = frozenset()  # "Finance" in "Finance Minister": part of a role
    given_names: frozenset[str] = frozenset()  # "Jane": a name word after it is a surname
    speech_verbs: frozenset[str] = frozenset()  # "said" of "said Jane Roe": a speaker's name follows
    designators: tuple[str, ...] = ()  # company forms that close a name: "Inc.", "LLC", "GmbH"
    closing_designators: frozenset[str] = frozenset()  # those after which no name word follows: "Inc", "PLC"
    exchanges: tuple[str, ...] = ()  # stock exchanges written before a ticker: "(NYSE: X)"
    markets: tuple[str, ...] = ()  # markets written like an exchange that are not organisations: "(OTC: X)"
    type_nouns: frozenset[str] = frozenset()  # "carmaker" of "the carmaker Acme": a name follows
    platform_phrases: tuple[str, ...] = ()  # "Share on": the name of an online platform follows
    short_form_tails: frozenset[str] = frozenset()  # "Technologies" of "Acme Technologies": may be left out
    name_possessives: frozenset[str] = frozenset()  # "People" of "People's Bank of China": part of the name
    person_type_nouns: frozenset[str] = frozenset()  # "publisher" of "publisher Jane Roe": may introduce a person
    company_roles: tuple[str, ...] = ()  # "analyst" of "analyst at Acme", "Acme analyst Jane Roe": Acme is an ORG
    holding_phrases: tuple[str, ...] = ()  # "shares of" of "shares of Acme": a company's name follows
    known_names: tuple[str, ...] = ()  # "Twitter": an organisation's name that means nothing else

    @property
    def title_words(self) -> frozenset[str]:
        """Titles and honorifics: words that stand before a name and are never part of it."""
        return self.titles | self.honorifics

    def org_filter_for(self, text: str) -> str | None:
        """The id of the filter rule that says this ORG text is not an organisation."""
        lowered = " ".join(text.lower().replace("®", " ").replace("™", " ").split())
        head = re.split(r" (?:on|of|for|to) ", lowered, maxsplit=1)[0]  # "Partnership on X" -> "partnership"
        for rule in self.org_filters:
            for words in rule.last_words:
                # multi-word entries ("letter of intent") match the whole name; single words its head
                target = lowered if " " in words else head
                if target == words or target.endswith(" " + words):
                    return rule.id
        return None

    def chrome_words(self, label: str) -> frozenset[str]:
        """The words of the not-entity rules that name page text ("Share") for this label."""
        return frozenset(w for rule in self.not_entities if label in rule.labels for w in rule.words)

    def not_entity_rule(self, text: str, label: str) -> str | None:
        words = set(text.split())
        for rule in self.not_entities:
            if label in rule.labels and (text in rule.texts or words & rule.words):
                return rule.id
        return None


def _records(path: Path, key: str, allowed: tuple[str, ...], sections: tuple[str, ...] = ()) -> list[dict[str, object]]:
    data = load_json(path)
    check_keys(data, ("note", key) + sections, (key,) + sections, str(path))
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
        for r in _records(path, "rules", ("id", "description", "last_words"), _FILTER_SECTIONS)
    )


_FILTER_SECTIONS = ("designators", "closing_designators", "exchanges", "markets", "name_possessives",
                    "short_form_tails", "type_nouns", "platform_phrases", "person_type_nouns", "company_roles",
                    "holding_phrases")


def _word_section(path: Path, name: str) -> tuple[str, ...]:
    """A {"note", "words"} section of a rule file, checked strictly."""
    section = load_json(path)[name]
    if not isinstance(section, dict):
        raise RuleFileError(f"{path}: {name!r} must be an object with 'words' (and an optional 'note')")
    check_keys(section, ("note", "words"), ("words",), f"{path}: {name}")
    return string_list(section["words"], f"{path}: {name}.words")


def _not_entities(path: Path) -> tuple[NotEntity, ...]:
    rules = []
    for r in _records(path, "rules", ("id", "texts", "words", "labels", "note")):
        where = f"{path}: {r['id']}"
        if ("texts" in r) == ("words" in r):
            raise RuleFileError(f"{where}: give exactly one of 'texts' (whole spans) or 'words' (any word of a span)")
        rules.append(NotEntity(str(r["id"]), frozenset(string_list(r.get("texts", []), where)),
                               frozenset(string_list(r["labels"], where)),
                               frozenset(string_list(r.get("words", []), where))))
    return tuple(rules)


def _org_aliases(path: Path) -> tuple[OrgAlias, ...]:
    return tuple(
        OrgAlias(str(r["id"]), str(r["name"]),
                 string_list(r.get("aliases", []), f"{path}: {r['id']}"),
                 string_list(r.get("context_aliases", []), f"{path}: {r['id']}"))
        for r in _records(path, "organisations", ("id", "name", "aliases", "context_aliases", "note"), ("known_names",))
    )


@lru_cache(maxsize=4)
def load_entity_rules(rules_dir: Path) -> EntityRules:
    titles_path = rules_dir / "person_titles.json"
    titles = load_json(titles_path)
    keys = ("note", "titles", "honorifics", "org_words", "byline_words", "portfolio_words", "speech_verbs",
            "given_names")
    check_keys(titles, keys, keys[1:], str(titles_path))
    lowered = lambda key: frozenset(w.lower() for w in string_list(titles[key], f"{titles_path}: {key}"))  # noqa: E731
    filters_path = rules_dir / "org_filters.json"
    return EntityRules(
        org_filters=_org_filters(filters_path),
        not_entities=_not_entities(rules_dir / "not_entities.json"),
        titles=lowered("titles"),
        honorifics=lowered("honorifics"),
        org_aliases=_org_aliases(rules_dir / "org_aliases.json"),
        known_names=_word_section(rules_dir / "org_aliases.json", "known_names"),
        org_words=lowered("org_words"),
        byline_words=string_list(titles["byline_words"], str(titles_path)),
        portfolio_words=lowered("portfolio_words"),
        given_names=frozenset(string_list(titles["given_names"], f"{titles_path}: given_names")),
        speech_verbs=lowered("speech_verbs"),
        designators=_word_section(filters_path, "designators"),
        closing_designators=frozenset(_word_section(filters_path, "closing_designators")),
        exchanges=_word_section(filters_path, "exchanges"),
        markets=_word_section(filters_path, "markets"),
        name_possessives=frozenset(_word_section(filters_path, "name_possessives")),
        short_form_tails=frozenset(w.lower() for w in _word_section(filters_path, "short_form_tails")),
        type_nouns=frozenset(_word_section(filters_path, "type_nouns")),
        platform_phrases=_word_section(filters_path, "platform_phrases"),
        person_type_nouns=frozenset(_word_section(filters_path, "person_type_nouns")),
        company_roles=_word_section(filters_path, "company_roles"),
        holding_phrases=_word_section(filters_path, "holding_phrases"),
    )

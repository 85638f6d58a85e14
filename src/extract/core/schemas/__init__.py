"""One schema for the rule data in rules/: a pydantic model per file, one loader, one error format.

`load_rule_file(path, Model)` returns the validated file or raises a `RuleFileError` with one line
`file:line: key.path: message` per problem. `check_rules(rules_dir)` loads every file and checks what
spans files: a rule id names one rule in all of rules/.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extract.core.errors import RuleFileError
from extract.core.schemas.base import RuleModel, load_rule_file, read_rule_file
from extract.core.schemas.coreference import CoreferenceFile
from extract.core.schemas.dates import TemporalFile
from extract.core.schemas.entities import (
    ContextRule,
    EntityPatternsFile,
    MakerModelRule,
    NameWordsFile,
    NotEntitiesFile,
    NotOrgsFile,
    OrgAliasesFile,
    OrgFiltersFile,
    PersonTitlesFile,
    ProductRulesFile,
    PublicationRule,
)
from extract.core.schemas.events import EventMentionsFile, EventTaxonomyFile, EventTriggersFile, EventTypesFile
from extract.core.schemas.hyphen_prefixes import HyphenPrefixesFile
from extract.core.schemas.locate import Loc, RuleText
from extract.core.schemas.money import MoneyFile
from extract.core.schemas.noun_events import NounEventsFile

RULE_FILES: dict[str, type[RuleModel]] = {
    "entity_patterns.jsonl": EntityPatternsFile,
    "org_filters.json": OrgFiltersFile,
    "not_entities.json": NotEntitiesFile,
    "org_aliases.json": OrgAliasesFile,
    "person_titles.json": PersonTitlesFile,
    "product_rules.json": ProductRulesFile,
    "not_orgs.json": NotOrgsFile,
    "name_words.json": NameWordsFile,
    "temporal.json": TemporalFile,
    "money.json": MoneyFile,
    "event_triggers.json": EventTriggersFile,
    "event_taxonomy.json": EventTaxonomyFile,
    "event_mentions.json": EventMentionsFile,
    "event_types.json": EventTypesFile,
    "coreference.json": CoreferenceFile,
    "noun_events.json": NounEventsFile,
    "hyphen_prefixes.json": HyphenPrefixesFile,
}

__all__ = ["RULE_FILES", "check_rules", "load_rule_file", "RuleModel", "ContextRule", "CoreferenceFile", "EntityPatternsFile", "EventMentionsFile", "EventTaxonomyFile",
           "EventTriggersFile", "EventTypesFile", "HyphenPrefixesFile", "MakerModelRule",
           "MoneyFile", "NameWordsFile", "NounEventsFile", "NotEntitiesFile", "NotOrgsFile", "ProductRulesFile", "PublicationRule", "OrgAliasesFile", "OrgFiltersFile",
           "PersonTitlesFile", "TemporalFile"]


@lru_cache(maxsize=4)
def check_rules(rules_dir: Path) -> None:
    """Every rule file of `rules_dir` is valid and no rule id is used twice, in one file or across files."""
    first: dict[str, tuple[RuleText, Loc]] = {}
    lines = []
    for name, model in RULE_FILES.items():
        value, source = read_rule_file(Path(rules_dir) / name, model)
        for loc, rule_id in value.rule_ids():
            if rule_id in first:
                other, at = first[rule_id]
                lines.append(source.problem_line(
                    loc, f"duplicate rule id {rule_id!r}; first at {other.path}:{other.line(at)}"))
            first.setdefault(rule_id, (source, loc))
    if lines:
        raise RuleFileError("\n".join(lines))

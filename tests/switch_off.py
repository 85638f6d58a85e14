"""Rule data with one entry switched off: the machinery every per-id example test uses.

A loaded rule object (a frozen dataclass: TemporalLexicon, EntityRules, TriggerLexicon…) holds its
entries as tuples of records with an `id`, or as a dict whose values are such records. `without_entry`
returns a new object with the records of one id taken out of every such field, so the pipeline can be run
once with the entry and once without it; being a new object, it gets its own compiled patterns and caches.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

R = TypeVar("R")


def _has(record: object, rule_id: str) -> bool:
    return getattr(record, "id", None) == rule_id


def without_entry(rules: R, rule_id: str) -> R:
    """`rules` with every record whose id is `rule_id` removed; an id no field holds is an error, so a
    renamed rule cannot leave its test passing on nothing."""
    changes: dict[str, object] = {}
    for field in dataclasses.fields(rules):  # type: ignore[arg-type]
        value = getattr(rules, field.name)
        if isinstance(value, tuple) and any(_has(v, rule_id) for v in value):
            changes[field.name] = tuple(v for v in value if not _has(v, rule_id))
        elif isinstance(value, dict) and any(_has(v, rule_id) for v in value.values()):
            changes[field.name] = {k: v for k, v in value.items() if not _has(v, rule_id)}
    assert changes, f"no entry has the id {rule_id!r}"
    return dataclasses.replace(rules, **changes)  # type: ignore[type-var]

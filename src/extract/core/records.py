"""A copy of a frozen record with some fields changed, made without running its __init__ again.

`dataclasses.replace` reads every field and calls `__init__` with all of them (for a frozen class one
`object.__setattr__` each): a few microseconds for an event row of twenty-two fields, which the event
step copies once per row. For a plain frozen dataclass (no `__post_init__`, no field left out of
`__init__`, no slots) copying the instance dictionary gives the same record.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any, TypeVar

Record = TypeVar("Record")


def replaced(record: Record, **changes: Any) -> Record:
    """`dataclasses.replace(record, **changes)`, by copying the instance dictionary where that is the same."""
    names = _plain_fields(type(record))
    if names is None:
        return dataclasses.replace(record, **changes)  # type: ignore[type-var]
    unknown = changes.keys() - names
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__)
    copy.__dict__.update(changes)
    return copy


@lru_cache(maxsize=64)
def _plain_fields(cls: type) -> frozenset[str] | None:
    """The field names of a dataclass a dictionary copy reproduces; None for any other class."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        return None
    fields = dataclasses.fields(cls)
    if any(not f.init for f in fields) or any(isinstance(v, dataclasses.InitVar) for v in cls.__dict__.values()):
        return None
    return frozenset(f.name for f in fields)

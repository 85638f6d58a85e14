"""The base of every rule-file model, and the one function that loads a rule file through its model.

Every model forbids unknown keys and coerces nothing (`strict`): "6" is not a number, 1 is not a word.
A problem becomes one line `file:line: key.path: message`; all the problems of a file make one
`RuleFileError`, raised the same way in the main process and in every worker.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Annotated, Any, Iterator, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from extract.core.schemas.locate import Loc, Problem, RuleText

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
RuleId = Annotated[str, StringConstraints(min_length=1, pattern=r"^\S+$")]  # shows up in the source/rule columns


class RuleModel(BaseModel):
    """A rule-file object: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def problems(self) -> Iterator[Problem]:
        """Checks across fields (or needing more than a type): key path and message."""
        return iter(())

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        """The rule ids of this file with where each is written; an id names one rule in all of rules/."""
        return iter(())


Model = TypeVar("Model", bound=RuleModel)


def load_rule_file(path: Path, model: type[Model]) -> Model:
    """The file at `path` validated by `model`; every problem of the file in one `RuleFileError`."""
    return read_rule_file(Path(path), model)[0]


def read_rule_file(path: Path, model: type[Model]) -> tuple[Model, RuleText]:
    source = RuleText.read(path)
    try:
        value = model.model_validate(source.data)
    except ValidationError as err:
        raise source.error(_validation_problems(err, source, model)) from None
    problems = list(value.problems()) + _duplicates(list(value.rule_ids()), source)
    if problems:
        raise source.error(problems)
    return value, source


def _duplicates(ids: list[tuple[Loc, str]], source: RuleText) -> list[Problem]:
    first: dict[str, Loc] = {}
    problems = []
    for loc, rule_id in ids:
        if rule_id in first:
            problems.append((loc, f"duplicate rule id {rule_id!r}; first at line {source.line(first[rule_id])}"))
        first.setdefault(rule_id, loc)
    return problems


def _validation_problems(err: ValidationError, source: RuleText, model: type[RuleModel]) -> list[Problem]:
    """One problem per key path (a value that fits no branch of a union is one problem, not one per branch)."""
    found: dict[Loc, str] = {}
    for error in err.errors(include_url=False):
        kind = error["type"]
        loc = source.written(error["loc"], keep_missing=kind == "missing")
        if loc in found:
            continue
        if kind == "extra_forbidden":
            found[loc] = f"unknown key {loc[-1]!r}; allowed: {', '.join(_fields_at(model, loc[:-1]))}"
        elif kind == "missing":
            found[loc] = "missing required key"
        elif kind == "value_error":
            found[loc] = str(error["msg"]).removeprefix("Value error, ")
        else:
            message = str(error["msg"])
            found[loc] = f"{message[:1].lower()}{message[1:]}, got {_short(error['input'])}"
    return list(found.items())


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_at(model: type[RuleModel], loc: Loc) -> list[str]:
    """The keys allowed in the object at `loc` (from the model's annotations)."""
    kind: Any = model
    for part in loc:
        kind = _inner(kind, part)
    kind = _inner(kind, None)
    return list(kind.model_fields) if isinstance(kind, type) and issubclass(kind, BaseModel) else []


def _inner(kind: Any, part: str | int | None) -> Any:
    """The type one step into `kind` (a model field, list item or mapping value); None: unwrap only."""
    origin = typing.get_origin(kind)
    if origin is Annotated:
        return _inner(typing.get_args(kind)[0], part)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _inner(next((a for a in options if typing.get_origin(a) in (list, dict) or isinstance(a, type)
                            and issubclass(a, BaseModel)), options[0]), part)
    if part is None:
        return kind
    if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(part, str):
        found = kind.model_fields.get(part)
        return found.annotation if found is not None else Any
    if origin in (list, tuple, dict):
        return typing.get_args(kind)[-1]
    return Any

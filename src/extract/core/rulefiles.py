"""Loading rule files from rules/: strict, so that a typo is an error, not a silent no-op."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from extract.core.errors import RuleFileError


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleFileError(f"{path}: rule file not found") from None
    except json.JSONDecodeError as err:
        raise RuleFileError(f"{path}:{err.lineno}: invalid JSON: {err.msg}") from None


def load_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise RuleFileError(f"{path}: rule file not found") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise RuleFileError(f"{path}:{number}: invalid JSON: {err.msg}") from None
        if not isinstance(record, dict):
            raise RuleFileError(f"{path}:{number}: expected an object, got {type(record).__name__}")
        records.append((number, record))
    return records


def check_keys(
    record: dict[str, Any], allowed: Iterable[str], required: Iterable[str], where: str
) -> None:
    allowed_set = set(allowed)
    unknown = sorted(set(record) - allowed_set)
    if unknown:
        raise RuleFileError(
            f"{where}: unknown key(s) {unknown}; allowed keys are {sorted(allowed_set)}"
        )
    missing = sorted(set(required) - set(record))
    if missing:
        raise RuleFileError(f"{where}: missing required key(s) {missing}")


def string_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(f"{where}: expected a list of strings")
    return tuple(value)

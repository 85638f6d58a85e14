"""Where a key path of a rule file is written: its line, and the path as a reader writes it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.core.errors import RuleFileError

Loc = tuple[str | int, ...]  # a key path: ("types", 3, "event_type")
Problem = tuple[Loc, str]  # a key path and what is wrong there

RECORDS = "records"  # a .jsonl file is validated as {"records": [one record a line]}
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class RuleText:
    """A rule file as read: its text, its data and (for .jsonl) the line of every record."""

    path: Path
    text: str
    data: Any
    record_lines: tuple[int, ...] | None = None
    _offsets: dict[Loc, int] | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: Path) -> "RuleText":
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RuleFileError(f"{path}: rule file not found") from None
        if path.suffix == ".jsonl":
            return cls._read_lines(path, text)
        try:
            return cls(path, text, json.loads(text))
        except json.JSONDecodeError as err:
            raise RuleFileError(f"{path}:{err.lineno}: invalid JSON: {err.msg}") from None

    @classmethod
    def _read_lines(cls, path: Path, text: str) -> "RuleText":
        records, lines = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise RuleFileError(f"{path}:{number}: invalid JSON: {err.msg}") from None
                lines.append(number)
        return cls(path, text, {RECORDS: records}, tuple(lines))

    def line(self, loc: Loc) -> int:
        """The line of the key (or list item) at `loc`, else of the nearest enclosing one that is written."""
        if self.record_lines is not None:
            return self.record_lines[loc[1]] if len(loc) > 1 and isinstance(loc[1], int) else 1
        if self._offsets is None:
            self._offsets = _offsets(self.text)
        for end in range(len(loc), -1, -1):
            offset = self._offsets.get(loc[:end])
            if offset is not None:
                return self.text.count("\n", 0, offset) + 1
        return 1

    def problem_line(self, loc: Loc, message: str) -> str:
        """`file:line: key.path: message`: one line, the same in every process."""
        shown = loc[2:] if self.record_lines is not None else loc
        return f"{self.path}:{self.line(loc)}: {key_path(shown) or 'top level'}: {message}"

    def error(self, problems: list[Problem]) -> RuleFileError:
        return RuleFileError("\n".join(self.problem_line(loc, message) for loc, message in problems))

    def written(self, loc: tuple[Any, ...], keep_missing: bool = False) -> Loc:
        """The part of a validator's location that is written in the file (without union branch names);
        with `keep_missing` the last key is kept even if absent (a missing required key)."""
        kept: list[str | int] = []
        here = self.data
        for index, part in enumerate(loc):
            if isinstance(here, dict) and isinstance(part, str) and part in here:
                here = here[part]
            elif isinstance(here, list) and isinstance(part, int) and 0 <= part < len(here):
                here = here[part]
            elif not (keep_missing and index == len(loc) - 1):
                break
            kept.append(part)
        return tuple(kept)


def key_path(loc: Loc) -> str:
    """("types", 3, "event_type") -> "types[3].event_type"; a key that is not a name is quoted."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _NAME.fullmatch(part):
            text += ("." if text else "") + part
        else:
            text += f"[{part!r}]"
    return text


def _offsets(text: str) -> dict[Loc, int]:
    """The character offset of every key and list item of a JSON text (already known to be valid)."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    offsets: dict[Loc, int] = {}

    def value(i: int, loc: Loc) -> int:
        offsets.setdefault(loc, tokens[i][1])
        opening = tokens[i][0]
        if opening not in ("{", "["):
            return i + 1
        i, index = i + 1, 0
        while tokens[i][0] not in ("}", "]"):
            if tokens[i][0] == ",":
                i += 1
            elif opening == "{":
                key = json.loads(tokens[i][0])
                offsets[loc + (key,)] = tokens[i][1]
                i = value(i + 2, loc + (key,))
            else:
                i, index = value(i, loc + (index,)), index + 1
        return i + 1

    if tokens:
        value(0, ())
    return offsets

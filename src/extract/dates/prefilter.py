"""Which date patterns can match a document at all, told from the words every match must contain;
and where a match can start, told from its first character.

Each extent pattern is scanned over the whole text, and most of them find nothing in most documents.
From a compiled pattern's parse tree, `required_literals` derives a set of strings one of which every
match contains ("quarter" or "half" for the quarter pattern; the month names for the month patterns);
`Presence` answers whether a document holds one, after one pass that folds its case. A pattern
whose strings are all absent cannot match, so it is not run: the spans found are the same.

`with_first_character` puts before a pattern a look-ahead for the characters a match can start with
("(?=[ADFJMNOS0-9])..."): one class test per position instead of entering every alternative. The class
is written with both cases of its letters and matched without ignoring case, which costs half as much.

The check is never stricter than the regex: strings are taken from literal characters only (never
from classes, lookarounds or optional parts), compared in lower case, and the text's characters that a
case-insensitive regex takes for an ASCII letter ("K" the Kelvin sign, "ſ") are folded to that letter.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parse-tree opcodes of the standard `re` module
from re import _parser as sre_parse
from typing import Any

Literals = frozenset[str] | None  # None: nothing is known, the pattern must always run
_ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
MAX_EXACT = 256  # exact strings kept for one part of a pattern
_FOLDS: dict[str, str] = {}  # non-ASCII character -> the ASCII letter it matches ignoring case, or itself


def required_literals(pattern: re.Pattern[str]) -> Literals:
    """Strings (lower case) one of which every match of `pattern` contains; None when none is known."""
    return _sequence(sre_parse.parse(pattern.pattern, pattern.flags))


def _sequence(items: Any) -> Literals:
    """The most selective requirement among the parts of a sequence (each part is in every match).
    Neighbouring parts that write one of a few exact strings ("may", "(?:jan(?:uary)?|...)") are joined."""
    options: list[frozenset[str]] = []
    joined: frozenset[str] = frozenset({""})
    for op, value in items:
        exact = _exact(op, value)
        if exact is not None and len(joined) * len(exact) <= MAX_EXACT:
            joined = frozenset(a + b for a in joined for b in exact)
            continue
        options.append(joined)
        joined = exact if exact is not None else frozenset({""})
        if exact is None:
            options.append(_part(op, value) or frozenset({""}))
    options = [o for o in options + [joined] if "" not in o]
    return max(options, key=lambda o: (min(map(len, o)), -len(o))) if options else None


def _part(op: Any, value: Any) -> Literals:
    if op is sre.SUBPATTERN:
        return _sequence(value[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(value)
    if op is sre.BRANCH:
        branches = [_sequence(branch) for branch in value[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in _REPEATS and value[0] >= 1:
        return _sequence(value[2])
    return None  # classes, anchors, lookarounds, optional parts: nothing every match must write


def _exact(op: Any, value: Any) -> frozenset[str] | None:
    """The strings (lower case) a part can match when they are few and plain ASCII letters and marks."""
    if op is sre.LITERAL:
        return frozenset({chr(value).lower()}) if value < 128 else None
    if op is sre.SUBPATTERN:
        return _exact_sequence(value[3])
    if op is sre.BRANCH:
        branches = [_exact_sequence(branch) for branch in value[1]]
        if any(b is None for b in branches):
            return None
        union = frozenset().union(*branches)  # type: ignore[arg-type]
        return union if len(union) <= MAX_EXACT else None
    if op in _REPEATS and value[1] == 1:  # "x?" or "(?:x)"
        exact = _exact_sequence(value[2])
        return exact if exact is None or value[0] == 1 else exact | {""}
    return None


def _exact_sequence(items: Any) -> frozenset[str] | None:
    strings: frozenset[str] = frozenset({""})
    for op, value in items:
        exact = _exact(op, value)
        if exact is None or len(strings) * len(exact) > MAX_EXACT:
            return None
        strings = frozenset(a + b for a in strings for b in exact)
    return strings


class Presence:
    """Which required strings one document holds (its text folded once, each string looked up once)."""

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        self._seen: dict[str, bool] = {}

    def may_match(self, literals: Literals) -> bool:
        return literals is None or any(self._holds(s) for s in literals)

    def _holds(self, literal: str) -> bool:
        found = self._seen.get(literal)
        if found is None:
            found = self._seen[literal] = literal in self.folded
        return found


def fold(text: str) -> str:
    """`text` in lower case, with the characters a case-insensitive match takes for an ASCII letter
    written as that letter first ("İ" -> "i", where lower() would write "i" and a combining dot)."""
    odd = {c for c in set(text) if not c.isascii()}
    table = {ord(c): _ascii_fold(c) for c in odd}
    return text.translate(table).lower() if any(table[ord(c)] != c for c in odd) else text.lower()


def _ascii_fold(char: str) -> str:
    folded = _FOLDS.get(char)
    if folded is None:
        folded = char
        if _ASCII_LETTER.fullmatch(char):
            folded = next(letter for letter in "abcdefghijklmnopqrstuvwxyz"
                          if re.fullmatch(letter, char, re.IGNORECASE))
        _FOLDS[char] = folded
    return folded


_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
# The characters beyond ASCII that a case-insensitive match takes for an ASCII letter (Python's `re`
# documentation: "İ", "ı", "ſ" and the Kelvin sign "K"); a look-ahead written with both cases lists them.
ASCII_FOLDS = "\u0130\u0131\u017f\u212a"
_CLASS_CODES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
FirstItems = set[tuple[Any, Any]]  # (opcode, argument) of LITERAL, RANGE and CATEGORY class items


def with_first_character(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a look-ahead for the characters its matches start with; itself when any may."""
    items, nullable = _first(sre_parse.parse(pattern.pattern, pattern.flags))
    if items is None or nullable or not items:
        return pattern
    ordered = sorted(items, key=str)
    parts = [_class_item(op, value) for op, value in ordered]
    if any(part is None for part in parts):
        return pattern
    # ignoring case even where the pattern does not: the look-ahead may let more through, never less
    cased = [_both_cases(op, value) for op, value in ordered]
    ahead = f"(?i:[{''.join(parts)}])" if any(part is None for part in cased) else \
        f"(?-i:[{''.join(cased)}{ASCII_FOLDS}])"  # type: ignore[arg-type]
    return re.compile(f"(?={ahead})" + pattern.pattern, pattern.flags)  # type: ignore[arg-type]


def _first(items: Any) -> tuple[FirstItems | None, bool]:
    """(class items the first character of a match comes from, whether the sequence can match nothing);
    None: any character may come first."""
    found: FirstItems = set()
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue
        part, nullable = _first_of(op, value)
        if part is None:
            return None, False
        found |= part
        if not nullable:
            return found, False
    return found, True


def _first_of(op: Any, value: Any) -> tuple[FirstItems | None, bool]:
    if op is sre.LITERAL:
        return {(op, value)}, False
    if op is sre.IN:
        if any(code is sre.NEGATE for code, _ in value):
            return None, False
        return {(code, tuple(arg) if isinstance(arg, list) else arg) for code, arg in value}, False
    if op is sre.SUBPATTERN:
        return _first(value[3])
    if op is sre.ATOMIC_GROUP:
        return _first(value)
    if op is sre.BRANCH:
        found: FirstItems = set()
        nullable = False
        for branch in value[1]:
            part, empty = _first(branch)
            if part is None:
                return None, False
            found |= part
            nullable = nullable or empty
        return found, nullable
    if op in _REPEATS:
        part, empty = _first(value[2])
        return part, empty or value[0] == 0
    return None, False


def _both_cases(op: Any, value: Any) -> str | None:
    """A class item written with both cases of its ASCII letters, to be matched without ignoring case (a
    class that ignores case lower-cases every character it tests: about twice the cost); None for a
    letter outside ASCII, whose other cases are not listed here."""
    if op is sre.CATEGORY:
        return _class_item(op, value)
    low, high = (value, value) if op is sre.LITERAL else value
    chars = {chr(c) for c in range(low, high + 1)} if op in (sre.LITERAL, sre.RANGE) and high < 128 else None
    if chars is None:
        return _class_item(op, value) if op is sre.LITERAL and chr(value).lower() == chr(value).upper() else None
    return "".join(re.escape(c) for c in sorted(chars | {c.swapcase() for c in chars}))


def _class_item(op: Any, value: Any) -> str | None:
    if op is sre.LITERAL:
        return re.escape(chr(value))
    if op is sre.RANGE:
        return f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
    if op is sre.CATEGORY:
        return _CLASS_CODES.get(value)
    return None

"""Whole-word search: does a text write a word with nothing word-like (a letter, digit, "_" or "-")
touching it? The rules ask this of one text for many words, so it is answered without a regex per word.
And the one way the rules turn a word list into a regex alternation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

WORD_RUN = re.compile(r"[\w-]+")
# e-mail and web addresses: "jane.roe@example.com" does not write "jane" as a common word
ADDRESS = re.compile(r"\S*@\S+|\S*(?:https?:|www\.)\S*|\S+\.(?:com|org|net|gov|edu)\b\S*")


@dataclass(frozen=True)
class Prose:
    """A document's text with its e-mail and web addresses blanked out, and the word runs of that."""

    text: str
    runs: frozenset[str]

    def writes(self, word: str) -> bool:
        """Whether the article writes `word` as a word of its own (outside addresses)."""
        return writes_word(word, self.text, self.runs)


@lru_cache(maxsize=4)
def prose_of(text: str) -> Prose:
    """The Prose of a document; cached, as several rules of one document ask for it."""
    blanked = ADDRESS.sub(" ", text)
    return Prose(blanked, word_runs(blanked))


def word_runs(text: str) -> frozenset[str]:
    """Every maximal run of word characters and hyphens in the text: what `writes_word` looks up."""
    return frozenset(WORD_RUN.findall(text))


@lru_cache(maxsize=4096)
def word_pattern(word: str) -> re.Pattern[str]:
    """`(?<![\\w-])word(?![\\w-])`, compiled once per word (the rule word lists repeat across documents)."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def writes_word(word: str, text: str, runs: frozenset[str] | None = None) -> bool:
    """The same answer as `re.search(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])", text)`.

    A match of a word made only of word characters and hyphens is exactly one maximal run of them, so
    with the text's `runs` it is a set look-up; otherwise the text must hold the word before any regex runs.
    """
    if runs is not None and WORD_RUN.fullmatch(word):
        return word in runs
    return word in text and word_pattern(word).search(text) is not None


WORD_CHAR = re.compile(r"[\w-]")  # what may not touch a whole word or phrase
BLANKS = re.compile(r"\s+")


def find_phrase(text: str, words: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each match of `re.finditer(rf"(?<![\\w-]){w1}\\s+{w2}…(?![\\w-])", text)` with the
    words escaped: the words as written, blanks between them, nothing word-like touching; without
    compiling a regex per phrase (the rules look for every name of every document). The words hold no
    blank (`str.split`), so a run of blanks is taken whole, as the regex takes it."""
    if not words or any(not w or BLANKS.search(w) for w in words):
        raise ValueError(f"words must be non-empty and hold no blank, got {list(words)!r}")
    start = text.find(words[0])
    while start >= 0:
        end = _phrase_end(text, start, words)
        if end is None:
            start = text.find(words[0], start + 1)
            continue
        yield start, end
        start = text.find(words[0], end)


def _phrase_end(text: str, start: int, words: Sequence[str]) -> int | None:
    """Where the phrase that starts at `start` (with its first word) ends, or None where it is not there whole."""
    if start > 0 and WORD_CHAR.match(text, start - 1):
        return None
    end = start + len(words[0])
    for word in words[1:]:
        blanks = BLANKS.match(text, end)
        if blanks is None or not text.startswith(word, blanks.end()):
            return None
        end = blanks.end() + len(word)
    return None if WORD_CHAR.match(text, end) else end


Tree = dict[str, "Tree"]  # a prefix tree of words: character -> what follows; "" marks a word's end


def alternation(words: Iterable[str], case_sensitive: bool = False) -> str:
    """A group matching any of the words, longest first (so that "sept" wins over "sep"); a blank inside a
    phrase matches any blanks. An empty list matches nothing. `case_sensitive`: the group is never
    matched ignoring case (it sits in "(?-i:...)" or in a pattern without re.I).

    Written as a prefix tree, "(?:ma(?:rch|y)|...)", so that the regex engine tries each shared beginning
    once instead of once per word: on the rules' word lists that makes the date patterns a third faster.
    It matches as the flat "longest first" alternation (`flat_alternation`), backtracking included: the
    words that match at one place are then prefixes of one another, and both forms offer them longest
    first. Where that could fail (two words that part at letters one case-insensitive match takes for the
    same, unless `case_sensitive`; blanks that are not single spaces between other characters) the flat
    form is written. Remembered per word set: several rules ask for the same list on every document.
    """
    return _alternation(frozenset(words), case_sensitive)


@lru_cache(maxsize=1024)
def _alternation(unique: frozenset[str], case_sensitive: bool) -> str:
    if not unique:
        return "(?!)"
    if not _tree_safe(unique, case_sensitive):
        return flat_alternation(unique)
    tree: Tree = {}
    for word in unique:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return "(?:" + _branches(tree) + ")"


def flat_alternation(words: Iterable[str]) -> str:
    """The plain form of `alternation`: every word in turn, longest first."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return "(?!)"
    return "(?:" + "|".join(_escaped(w) for w in unique) + ")"


def _escaped(text: str) -> str:
    return re.escape(text).replace(r"\ ", r"\s+")


def _branches(node: Tree) -> str:
    """The regex of what may follow a node of the tree; an optional rest is tried before stopping."""
    branches = [_escaped(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body


def _tree_safe(words: frozenset[str], case_sensitive: bool) -> bool:
    """Whether a prefix tree of `words` matches as their flat alternation: every blank a single space
    between two other characters (so it takes a whole run of blanks, and a word matches one way at a
    place), and no two words part at characters a case-insensitive match takes for the same ("M" and
    "m", "s" and "ſ") or at a blank and another white-space character."""
    if any(w != w.strip() or "  " in w or any(c.isspace() and c != " " for c in w) for w in words):
        return False
    nexts: dict[str, set[str]] = {}
    for word in words:
        for i, char in enumerate(word):
            nexts.setdefault(word[:i], set()).add(char)
    return case_sensitive or not any(_same_ignoring_case(a, b) for chars in nexts.values() if len(chars) > 1
                                     for a in chars for b in chars if a < b)


def _same_ignoring_case(a: str, b: str) -> bool:
    return re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None

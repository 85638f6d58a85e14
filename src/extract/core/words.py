"""Whole-word search: does a text write a word with nothing word-like (a letter, digit, "_" or "-")
touching it? The rules ask this of one text for many words, so it is answered without a regex per word.
And the one way the rules turn a word list into a regex alternation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

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


def alternation(words: Iterable[str]) -> str:
    """A group matching any of the words, longest first (so that "sept" wins over "sep"); a blank inside a
    phrase matches any blanks. An empty list matches nothing."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return "(?!)"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")"

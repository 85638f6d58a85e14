"""Whole-word search: does a text write a word with nothing word-like (a letter, digit, "_" or "-")
touching it? The rules ask this of one text for many words, so it is answered without a regex per word.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD_RUN = re.compile(r"[\w-]+")


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

"""Parse texts longer than the model should read at once: cut them into chunks, re-join the Docs.

A text over `max_chars` is cut at the last paragraph break before the limit, else the last
sentence end, else the last whitespace, else (a run with no space at all) at the limit itself.
Every chunk keeps its trailing whitespace, so the chunks add up to the text exactly and
`Doc.from_docs` gives one Doc whose character offsets are those of the whole text. spaCy's
`max_length` is never raised.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

CHUNK_CHARS = 100_000  # parser and NER memory grow with the length of what they read at once
BATCH_CHARS = 40_000  # characters the model reads in one minibatch: its memory grows with them, not with the count
_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"[.!?][\"'’”)]*\s+"), re.compile(r"\s+"))


def chunk_limit(nlp: Language, max_chars: int | None = None) -> int:
    """The longest text parsed in one piece: `max_chars`, else CHUNK_CHARS, never over max_length."""
    return max(1, min(max_chars or CHUNK_CHARS, nlp.max_length))


def split_points(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks of at most `max_chars` that cover `text` exactly."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    chunks, start = [], 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        chunks.append((start, end))
        start = end
    chunks.append((start, len(text)))
    return chunks


def _cut(text: str, start: int, limit: int) -> int:
    """The end of the chunk that starts at `start`: after the last good break before `limit`."""
    window = text[start:limit]
    floor = len(window) // 2  # a break in the first half would make many tiny chunks
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window) if floor <= m.end() < len(window)]
        if ends:
            return start + ends[-1]
    return limit


def minibatches(chunks: list[str], size: int, chars: int) -> Iterator[list[str]]:
    """Consecutive chunks in groups of at most `size` chunks and `chars` characters (a longer chunk alone):
    32 short news items and 32 long reports then cost the model about the same memory."""
    group: list[str] = []
    length = 0
    for chunk in chunks:
        if group and (len(group) >= size or length + len(chunk) > chars):
            yield group
            group, length = [], 0
        group.append(chunk)
        length += len(chunk)
    if group:
        yield group


def parse_texts(nlp: Language, texts: Iterable[str], max_chars: int | None = None,
                batch_size: int = 32) -> Iterator[Doc]:
    """One Doc per text, in order; long texts are parsed chunk by chunk and re-joined."""
    limit = chunk_limit(nlp, max_chars)
    pieces: list[tuple[int, str]] = []  # (index of the text, chunk)
    counts: list[int] = []
    for index, text in enumerate(texts):
        bounds = split_points(text, limit)
        counts.append(len(bounds))
        pieces.extend((index, text[s:e]) for s, e in bounds)
    groups = minibatches([chunk for _, chunk in pieces], batch_size, BATCH_CHARS)
    docs = (doc for group in groups for doc in nlp.pipe(group, batch_size=len(group)))
    for count in counts:
        parts = [next(docs) for _ in range(count)]
        yield parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False)

"""Where a name stands in the text: on a heading line, or inside a longer capitalised name."""

from __future__ import annotations

import re


def heading_lines(text: str) -> list[tuple[int, int]]:
    """Short title-case lines with no closing stop: section headings and titles."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        words = stripped.split()
        long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
        if (words and line.endswith("\n") and len(words) <= 16 and not stripped.endswith((".", "!", "?", "*"))
                and long_words and sum(w[0].isupper() for w in long_words) * 3 >= len(long_words) * 2):
            spans.append((offset, offset + len(line)))
        offset += len(line)
    return spans


def inside_capitalised_run(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer capitalised name: a capitalised word right before it
    (not the first word of a sentence) or a capitalised word or number right after it ("Acme Maps")."""
    before = re.search(r"(^|[.!?:;\"“”]\s+|\n\s*)?([A-Z][\w.'’&-]*)[ \t]$", text[max(0, start - 40):start])
    after = re.match(r"[ \t][A-Z0-9]", text[end:end + 2])
    return bool(after) or bool(before and before.group(1) is None)

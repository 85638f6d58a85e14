"""Header lines that only carry metadata ("Published: 12 March 2025", "Updated: 13 March", "By / Jane Roe")
name no happening: the label word is no event, nor is anything else on the line (rules/event_mentions.json
`metadata_lines`)."""

from __future__ import annotations

from dataclasses import dataclass

SEPARATORS = (":", "/", "|")  # what follows a label on a metadata line ("Published: …", "By / …")


@dataclass(frozen=True)
class MetadataLines:
    id: str
    labels: tuple[str, ...]  # lower case, longest first
    header_lines: int  # non-empty lines at the top that may be metadata
    max_words: int  # a longer line is body text

    def spans(self, text: str, published_span: tuple[int, int] | None) -> list[tuple[int, int]]:
        """(start, end) of every metadata line of the header: one that opens with a label followed by a
        separator, or with a label on the line the publication date was read from ("Updated 13 May 2025")."""
        found = []
        offset = seen = 0
        for line in text.splitlines(keepends=True):
            if line.strip():
                seen += 1
                if seen > self.header_lines:
                    break
                if len(line.split()) <= self.max_words and self._labelled(line, offset, published_span):
                    found.append((offset, offset + len(line)))
            offset += len(line)
        return found

    def _labelled(self, line: str, offset: int, published_span: tuple[int, int] | None) -> bool:
        """The line (at `offset` in the text) opens with a label, then a separator or the publication date."""
        opening = line.strip().lower()
        label = self._label(opening)
        if label is None:
            return False
        holds_date = published_span is not None and offset <= published_span[0] < offset + len(line)
        return opening[len(label):].lstrip().startswith(SEPARATORS) or holds_date

    def _label(self, opening: str) -> str | None:
        """The longest label `opening` (lower case) starts with as a whole word ("by /", not "bypass")."""
        return next((w for w in self.labels if opening.startswith(w) and not opening[len(w):len(w) + 1].isalnum()),
                    None)


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """`offset` falls within one of the (start, end) `spans`."""
    return any(start <= offset < end for start, end in spans)

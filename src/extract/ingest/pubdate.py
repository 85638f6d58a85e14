"""Find an article's publication date in its own header lines (datelines, bylines)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.dates.lexicon import TemporalLexicon

HEADER_LINES = 6  # non-empty lines at the top that may hold a dateline
MAX_HEADER_WORDS = 12  # longer lines are body text, not a header


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int


def _patterns(lex: TemporalLexicon) -> list[re.Pattern[str]]:
    month = "|".join(sorted(lex.month_names, key=len, reverse=True))
    weekday = "|".join(sorted(lex.weekday_names, key=len, reverse=True))
    wd = rf"(?:(?:{weekday})\.?,?\s+)?"
    return [
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        re.compile(rf"\b{wd}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{month})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
        re.compile(rf"\b{wd}(?P<mn>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    ]


def _to_date(match: re.Match[str], lex: TemporalLexicon) -> date | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else lex.month_number(groups["mn"])
    try:
        return date(int(groups["y"]), month or 0, int(groups["d"]))
    except (ValueError, TypeError):
        return None


def find_publication_date(text: str, lex: TemporalLexicon) -> FoundDate | None:
    """The first full date in the article's short header lines, or None."""
    offset, seen = 0, 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            seen += 1
            if seen > HEADER_LINES:
                return None
            if len(stripped.split()) <= MAX_HEADER_WORDS:
                found = _first_date(line, offset, lex)
                if found:
                    return found
        offset += len(line)
    return None


def _first_date(line: str, offset: int, lex: TemporalLexicon) -> FoundDate | None:
    hits = []
    for pattern in _patterns(lex):
        for match in pattern.finditer(line):
            value = _to_date(match, lex)
            if value:
                hits.append(FoundDate(value, offset + match.start(), offset + match.end()))
    return min(hits, key=lambda h: h.start) if hits else None

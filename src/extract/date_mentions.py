"""Rules on DATE/TIME mention boundaries: lists split into days, a weekday joined to its date."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .lexicon import TemporalLexicon
from .mention import Mention, overlaps


def apply_date_rules(doc: Doc, mentions: list[Mention], lex: TemporalLexicon, text: str) -> list[Mention]:
    """Every document-level DATE/TIME rule, in order (list splitting happens per entity, earlier)."""
    mentions = explicit_dates(text, mentions, lex)
    return merge_weekday_dates(mentions, text, lex)


def split_date_list(m: Mention, text: str, lex: TemporalLexicon) -> list[Mention]:
    """ "Monday 14, Tuesday 15 and Friday 18 July 2025" -> three mentions."""
    weekdays = "|".join(sorted(lex.weekdays, key=len, reverse=True))
    parts = list(re.finditer(rf"\b(?:{weekdays})\b", m.text, re.I))
    separators = re.findall(r",\s|\sand\s", m.text)
    if len(parts) < 2 or not separators:
        return [m]
    pieces = []
    for index, part in enumerate(parts):
        piece_end = parts[index + 1].start() if index + 1 < len(parts) else len(m.text)
        chunk = re.sub(r"(?:,\s*|\s+and\s*|\s+)$", "", m.text[part.start():piece_end])
        start = m.start + part.start()
        pieces.append(m.shifted(text, start, start + len(chunk), "date-list-split"))
    return pieces


def merge_weekday_dates(mentions: list[Mention], text: str, lex: TemporalLexicon) -> list[Mention]:
    """ "Tuesday" + ", " + "13 May 2025" tagged apart -> one DATE "Tuesday, 13 May 2025"."""
    ordered = sorted(mentions, key=lambda m: m.start)
    merged: list[Mention] = []
    for m in ordered:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.label == "DATE" and m.label == "DATE"
                and previous.text.lower().rstrip(".") in lex.weekdays
                and re.fullmatch(r",?\s{1,2}", text[previous.end:m.start])):
            merged[-1] = previous.shifted(text, previous.start, m.end, "date-merge-weekday")
            continue
        merged.append(m)
    return merged


def has_temporal_word(text: str, lex: TemporalLexicon) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    vocabulary = (set(lex.months) | set(lex.weekdays) | set(lex.seasons) | set(lex.parts_of_day)
                  | set(lex.duration_units) | set(lex.relative_days) | {"day", "days", "today"})
    plural_units = {u + "s" for u in lex.duration_units}
    return bool(words & (vocabulary | plural_units)) or bool(re.search(r"\b[12]\d{3}\b|\d{1,2}:\d{2}", text))


def explicit_date_pattern(lex: TemporalLexicon) -> re.Pattern[str]:
    month = "|".join(sorted(lex.months, key=len, reverse=True))
    weekday = "|".join(sorted(lex.weekdays, key=len, reverse=True))
    day, year = r"\d{1,2}(?:st|nd|rd|th)?", r"[12]\d{3}"
    return re.compile(
        rf"\b(?:(?:{weekday})\.?,?\s+)?(?:{day}\s+(?:of\s+)?(?:{month})\.?,?\s+{year}|(?:{month})\.?\s+{day},?\s+{year})\b",
        re.I)


def explicit_dates(text: str, mentions: list[Mention], lex: TemporalLexicon) -> list[Mention]:
    """Full dates written out ("tuesday, may 13, 2025") found by pattern, whatever the model made of
    them; they replace the overlapping DATE pieces."""
    found = [Mention("DATE", m.start(), m.end(), m.group(), "date-explicit-pattern")
             for m in explicit_date_pattern(lex).finditer(text)]
    if not found:
        return mentions
    kept = [m for m in mentions if not (m.label in ("DATE", "TIME", "CARDINAL") and overlaps(m.start, m.end, found))]
    clash = [f for f in found if overlaps(f.start, f.end, kept)]
    return kept + [f for f in found if f not in clash]

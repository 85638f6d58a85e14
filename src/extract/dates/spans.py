"""DATE/TIME mention boundaries: the rule finder's spans, the model's, lists split into days.

The extent patterns of rules/temporal.json find temporal expressions in the raw text
(HeidelTime style), so that boundaries follow the guideline ("the third quarter", not "the third
quarter ended Sept. 30"); a `not_timex_patterns` rule drops what holds no date (ages, "today's" as an
adjective, years in names). They replace the model's DATE/TIME entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from extract.core.mention import Mention
from extract.dates.grammar import scanned_patterns
from extract.dates.lexicon import TemporalLexicon
from extract.dates.prefilter import Presence

TEMPORAL_LABELS = ("DATE", "TIME")


@dataclass(frozen=True)
class TimexSpan:
    start: int
    end: int
    text: str
    label: str  # DATE | TIME
    rule: str  # the id of the extent pattern that found it


def apply_date_rules(doc: Doc, mentions: list[Mention], lex: TemporalLexicon, text: str) -> list[Mention]:
    """The DATE/TIME mentions of a document are the extent patterns' spans; the model's DATE/TIME
    entities are set aside (on news text they add more noise than dates: ages, "the night of", "his year")."""
    found = [Mention(s.label, s.start, s.end, s.text, s.rule) for s in find_timex_spans(text, lex)]
    return [m for m in mentions if m.label not in TEMPORAL_LABELS] + found


def find_timex_spans(text: str, lex: TemporalLexicon) -> list[TimexSpan]:
    """Non-overlapping temporal expressions in text order: among overlapping matches the longest wins,
    then the earliest, then the first rule in the file; what an exclusion rule covers is dropped."""
    candidates = []
    presence = Presence(text)  # a pattern none of whose required words the text holds is not run
    extents, _ = scanned_patterns(lex)
    for priority, (pattern, regex, literals) in enumerate(extents):
        if not presence.may_match(literals):
            continue
        for m in regex.finditer(text):
            start, end = m.span("span") if "span" in regex.groupindex and m["span"] is not None else m.span()
            if end > start:  # a `(?P<span>...)` group marks the expression inside its context
                candidates.append((start, end, priority, pattern.label, pattern.id))
    excluded = excluded_spans(text, lex, presence)
    chosen: list[tuple[int, int, int, str, str]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        start, end = candidate[0], candidate[1]
        if any(a < end and start < b for a, b, *_ in chosen) or any(a < end and start < b for a, b, _ in excluded):
            continue
        chosen.append(candidate)
    return [TimexSpan(s, e, text[s:e], label, rule) for s, e, _, label, rule in sorted(chosen)]


def excluded_spans(text: str, lex: TemporalLexicon, presence: Presence | None = None) -> list[tuple[int, int, str]]:
    """(start, end, rule id) of every stretch a `not_timex_patterns` rule says holds no date."""
    presence = presence or Presence(text)
    _, exclusions = scanned_patterns(lex)
    return [(m.start(), m.end(), pattern.id) for pattern, regex, literals in exclusions
            if presence.may_match(literals) for m in regex.finditer(text)]


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


def has_temporal_word(text: str, lex: TemporalLexicon) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    vocabulary = (set(lex.months) | set(lex.weekdays) | set(lex.seasons) | set(lex.parts_of_day)
                  | set(lex.duration_units) | set(lex.relative_days) | set(lex.clock_words) | {"day", "days"})
    plural_units = {u + "s" for u in lex.duration_units}
    return bool(words & (vocabulary | plural_units)) or bool(re.search(r"\b[12]\d{3}\b|\d{1,2}:\d{2}", text))

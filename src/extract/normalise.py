"""Normalise the dated and monetary mentions of one document.

Dates are read in text order so that each can be anchored to the publication date (news) or,
when there is none, to the most recent explicit date before it (narrative), as a reader would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from .documents import Document
from .date_mentions import has_temporal_word
from .lexicon import TemporalLexicon
from .mention import Mention
from .money import Money, MoneyRules, format_amount, parse_money
from .timex import Anchor, Timex, normalise_timex

FUTURE_MARKERS = {"will", "shall", "'ll", "going", "scheduled", "planned", "expected", "due", "set"}
MONEY_LEFT_CONTEXT = 24
MONEY_RIGHT_CONTEXT = 24


@dataclass(frozen=True)
class Resolved:
    """A mention with its normalised reading."""

    mention: Mention
    normalised: str = ""
    timex: Timex | None = None
    money: Money | None = None


def resolve_dates(
    mentions: list[Mention], doc: Doc, document: Document, lex: TemporalLexicon
) -> list[Resolved]:
    context = None if document.published else headline_year(document.text)
    resolved = []
    temporal = sorted((m for m in mentions if m.label in ("DATE", "TIME")), key=lambda m: m.start)
    for index, m in enumerate(temporal):
        if m.source == "date-list-split":  # "Monday 14, …, Friday 18 July 2025": the last item dates the rest
            context = _list_context(temporal, index, document, doc, lex, context)
        anchor = _anchor(document, context)
        timex = normalise_timex(m.text, anchor, lex, sentence_tense(doc, m))
        if timex is None:
            if _is_bare_number(m.text) or not has_temporal_word(m.text, lex):
                continue  # "530", "1,000", "EN 304 199": numbers, not dates
            resolved.append(Resolved(m))
            continue
        if timex.type in ("DURATION", "SET"):
            m = replace(m, label="DATE") if m.label == "TIME" else m
        resolved.append(Resolved(m, timex.value, timex))
        context = _next_context(timex, context)
    return resolved


def _anchor(document: Document, context: tuple[date, str] | None) -> Anchor:
    return Anchor(
        reference=document.published or (context[0] if context and context[1] == "day" else None),
        source="published" if document.published else "context",
        context=context[0] if context else None,
        context_granularity=context[1] if context else "",
    )


def _list_context(temporal: list[Mention], index: int, document: Document, doc: Doc,
                  lex: TemporalLexicon, context: tuple[date, str] | None) -> tuple[date, str] | None:
    last = index
    while last + 1 < len(temporal) and temporal[last + 1].source == "date-list-split" \
            and temporal[last + 1].start - temporal[last].end <= 6:
        last += 1
    timex = normalise_timex(temporal[last].text, _anchor(document, context), lex, sentence_tense(doc, temporal[last]))
    return _next_context(timex, context) if timex else context


def headline_year(text: str) -> tuple[date, str] | None:
    """With no publication date, a year in the headline ("… Digital Week 2026: …") dates the article."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    years = re.findall(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])", first_line)
    return (date(int(years[-1]), 1, 1), "year") if years else None


def _is_bare_number(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,\s]+", text)) and not re.fullmatch(r"[12]\d{3}", text.strip())


def _next_context(timex: Timex, context: tuple[date, str] | None) -> tuple[date, str] | None:
    """Explicit dates (and days read from them) become the context for what follows."""
    granularity = "day" if timex.granularity == "time" else timex.granularity
    value = (timex.value_end or timex.value)[:10]
    if timex.type != "DATE" and timex.type != "TIME":
        return context
    if granularity == "day":
        return date.fromisoformat(value), "day"
    if granularity in ("month", "year") and timex.explicit_year:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return date(parts[0], parts[1], 1), granularity
    return context


def sentence_tense(doc: Doc, m: Mention) -> str | None:
    """past / future from the verb that governs the mention, or None."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    verb: Token | None = span.root
    for _ in range(4):
        if verb is None or verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head if verb.head is not verb else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} | {verb.lower_}
    if words & FUTURE_MARKERS or any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
        return "future"
    if verb.tag_ in ("VBD",) or (verb.tag_ == "VBN" and words & {"was", "were", "has", "have", "had"}):
        return "past"
    return None


def resolve_money(mentions: list[Mention], text: str, rules: MoneyRules) -> list[Resolved]:
    resolved = []
    last_currency = ""
    for m in sorted((m for m in mentions if m.label == "MONEY"), key=lambda m: m.start):
        window_start = max(0, m.start - MONEY_LEFT_CONTEXT)
        window = text[window_start: min(len(text), m.end + MONEY_RIGHT_CONTEXT)]
        money = _parse_in_window(window, window_start, m, last_currency, rules)
        if money is None:
            resolved.append(Resolved(m))
            continue
        last_currency = money.currency or last_currency
        money_mention = m.shifted(text, window_start + money.start, window_start + money.end)
        code = f"{money.currency} " if money.currency else ""
        resolved.append(Resolved(money_mention, f"{code}{format_amount(money.amount)}", money=money))
    return resolved


def _parse_in_window(
    window: str, offset: int, m: Mention, context_currency: str, rules: MoneyRules
) -> Money | None:
    """The money expression overlapping the mention, read with the qualifiers around it."""
    m_start, m_end = m.start - offset, m.end - offset
    position = 0
    while position < m_end:
        money = parse_money(window[position:], context_currency, rules)
        if money is None:
            return None
        start, end = money.start + position, money.end + position
        if end > m_start and start < m_end:
            return replace(money, start=start, end=end)
        if end <= position:
            return None
        position = end
    return None

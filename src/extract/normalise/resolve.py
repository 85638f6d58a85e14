"""Normalise the dated and monetary mentions of one document.

Dates are read in text order so that each can be anchored to the publication date (news) or,
when there is none, to the most recent explicit date before it (narrative), as a reader would. The
quarter a results article is about ("the third quarter") is carried forward too, for "the quarter",
"the latest period" and "a year earlier".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from extract.core.documents import Document
from extract.core.mention import Mention
from extract.core.words import writes_word
from extract.dates.calendar import parse_quarter, quarter_of, start_of
from extract.dates.grammar import grammar_for
from extract.dates.lexicon import TemporalLexicon
from extract.dates.spans import has_temporal_word
from extract.dates.tense import tense_of
from extract.dates.timex import Anchor, Timex, normalise_timex
from extract.money.parse import Money, MoneyRules, format_amount, parse_money

MONEY_LEFT_CONTEXT = 24
MONEY_RIGHT_CONTEXT = 24
LIST_SEPARATOR = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")


@dataclass(frozen=True)
class Resolved:
    """A mention with its normalised reading."""

    mention: Mention
    normalised: str = ""
    timex: Timex | None = None
    money: Money | None = None


@dataclass(frozen=True)
class Discourse:
    """What the text has established so far: the date in force and the quarter it is about."""

    context: tuple[date, str] | None = None
    quarter: str = ""
    previous: tuple[date, str] | None = None  # the last date read, explicit or not ("In March … the following month")

    def anchor(self, document: Document) -> Anchor:
        context = self.context
        return Anchor(
            reference=document.published or (context[0] if context and context[1] == "day" else None),
            source="published" if document.published else "context",
            context=context[0] if context else None,
            context_granularity=context[1] if context else "",
            quarter=self.quarter,
            previous=self.previous[0] if self.previous else None,
        )

    def after(self, timex: Timex, text: str, lex: TemporalLexicon, reference: date | None = None) -> "Discourse":
        """Explicit dates (and days read from them) become the context for what follows; the first quarter
        named for itself (not as a comparison, "the year-ago quarter") becomes the quarter in force."""
        if timex.type not in ("DATE", "TIME"):
            return self
        if timex.granularity == "quarter":
            reported = not self.quarter and _reported_quarter(timex, text, lex, reference)
            return replace(self, quarter=timex.value) if reported else self
        granularity = "day" if timex.granularity == "time" else timex.granularity
        start = start_of((timex.value_end or timex.value)[:10])
        if start is None:
            return self
        state = replace(self, previous=(start, granularity))
        if granularity == "day" or (granularity in ("month", "year") and timex.explicit_year):
            return replace(state, context=(start, granularity))
        return state


def _reported_quarter(timex: Timex, text: str, lex: TemporalLexicon, reference: date | None) -> bool:
    """A quarter of the last year named for itself: "the third quarter", not "the year-ago quarter",
    "last year's quarter" or "the fourth quarter" still to come."""
    index = parse_quarter(timex.value)
    lowered = text.lower()
    before = [w for w, kind in lex.period_qualifiers.items() if kind == "year_before"]
    before += [f"{w} year" for w, shift in lex.relative_shift.items() if shift < 0] + ["a year"]
    if index is None or "quarter" not in lowered or any(w in lowered for w in before):
        return False
    return reference is None or quarter_of(reference) - 4 <= index < quarter_of(reference)


def resolve_dates(
    mentions: list[Mention], doc: Doc, document: Document, lex: TemporalLexicon
) -> list[Resolved]:
    state = Discourse(None if document.published else headline_year(document.text))
    resolved = []
    temporal = sorted((m for m in mentions if m.label in ("DATE", "TIME")), key=lambda m: m.start)
    for index, m in enumerate(temporal):
        anchor = _list_anchor(temporal, index, document, doc, lex, state) or state.anchor(document)
        if anchor.quarter and _about_year_to_date(doc, m, lex):
            anchor = replace(anchor, quarter="")  # "for the nine months … a year earlier": the year, not the quarter
        timex = normalise_timex(m.text, anchor, lex, tense_of(doc, document.text, m.start, m.end, lex))
        if timex is None:
            if _is_bare_number(m.text) or not has_temporal_word(m.text, lex):
                continue  # "530", "1,000", "EN 304 199": numbers, not dates
            resolved.append(Resolved(m))
            continue
        label = "TIME" if timex.type == "TIME" else "DATE"
        resolved.append(Resolved(replace(m, label=label) if label != m.label else m, timex.value, timex))
        state = state.after(timex, m.text, lex, document.published)
    return resolved


def _list_anchor(temporal: list[Mention], index: int, document: Document, doc: Doc,
                 lex: TemporalLexicon, state: Discourse) -> Anchor | None:
    """ "Monday 14, Tuesday 15 and Friday 18 July 2025": the last item of a list dates the others."""
    last = index
    text = document.text
    while last + 1 < len(temporal) and LIST_SEPARATOR.fullmatch(text[temporal[last].end:temporal[last + 1].start]):
        last += 1
    if last == index:
        return None
    item = temporal[last]
    timex = normalise_timex(item.text, state.anchor(document), lex, tense_of(doc, text, item.start, item.end, lex))
    if timex is None or timex.granularity != "day":
        return None
    if not timex.explicit_year and not grammar_for(lex).day.fullmatch(temporal[index].text):
        return None  # "24 and 25 April" needs only the month; "Monday 14 … Friday 18 July" the year too
    return state.after(timex, item.text, lex, document.published).anchor(document)


def _about_year_to_date(doc: Doc, m: Mention, lex: TemporalLexicon) -> bool:
    """Whether the mention's sentence reports a period longer than a quarter ("the nine months")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return False
    sentence = span.sent.text.lower()
    return any(writes_word(period, sentence) for period in lex.year_to_date_periods)


def headline_year(text: str) -> tuple[date, str] | None:
    """With no publication date, a year in the headline ("… Digital Week 2026: …") dates the article."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    years = re.findall(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])", first_line)
    return (date(int(years[-1]), 1, 1), "year") if years else None


def _is_bare_number(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,\s]+", text)) and not re.fullmatch(r"[12]\d{3}", text.strip())


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

"""Which date an event carries: the date expression governing its trigger in the dependency parse,
else the date in force in its clause, else the day a preceding sentence of the paragraph set.

Every date expression dates at most one happening: the first trigger above it in the parse, or,
when it hangs off a clause head that names no happening ("The programme on Tuesday began with a
visit"), the nearest trigger in that clause.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span

from extract.events.lexicon import TriggerLexicon
from extract.events.triggers import SentenceTriggers
from extract.nlp.doc_text import doc_text
from extract.nlp.token_table import token_table
from extract.normalise.resolve import Resolved

POINT_GRANULARITIES = {"day", "time", "week", "month", "quarter", "half", "season", "year", "fiscal_year"}
BULLETS = ("•", "·", "▪", "‣", "◦", "*", "-", "–", "—")
DATELINE_MAX_WORDS = 2
LIST_GAP = 6  # characters between the items of a date list ("Monday 14, Tuesday 15 and …")
NOMINAL_MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "nummod")
OCCASION_PREPS = ("of", "during", "at", "in")  # "the stampede during the 1991 Hajj": the occasion dates its head
PASSING_DEPS = ("acl", "ROOT")  # a participle ("the Council, held in Tokyo on 12 May") passes its date up
SEASONS = {"SP": (3, 20, 6, 20), "SU": (6, 21, 9, 22), "FA": (9, 23, 12, 20), "WI": (12, 21, 3, 19)}
BLANK_LINE = re.compile(r"\n[ \t]*\n")
RANGE_LINK = re.compile(r"^\s*(?:to|until|till|through|and|[-–—])\s*$", re.I)
RANGE_START = re.compile(r"\b(?:from|between)\s*$", re.I)


@dataclass(frozen=True)
class EventDate:
    """A date an event can carry, at event granularity (a time of day is dropped to its day)."""

    value: str
    value_end: str
    granularity: str
    start: int  # the date expression in the text
    end: int
    text: str
    how: str = ""  # governed | clause | carried: how it reached the trigger


def point_dates(dates: list[Resolved], text: str, published_span: tuple[int, int] | None) -> list[EventDate]:
    """Calendar points that can date an event, in text order; the publication line is left out."""
    found = []
    for resolved in _complete_lists(sorted(dates, key=lambda d: d.mention.start)):
        timex, m = resolved.timex, resolved.mention
        if timex is None or timex.type not in ("DATE", "TIME") or timex.granularity not in POINT_GRANULARITIES:
            continue
        if published_span and published_span[0] <= m.start and m.end <= published_span[1] or _is_dateline(text, m.start, m.end):
            continue
        day_level = timex.granularity == "time"
        found.append(EventDate(timex.value[:10] if day_level else timex.value, timex.value_end[:10] if timex.value_end else "",
                               "day" if day_level else timex.granularity, m.start, m.end, m.text))
    return found


def _complete_lists(dates: list[Resolved]) -> list[Resolved]:
    """ "Monday 14, Tuesday 15 and Friday 18 July 2025": items the normaliser left unread take the month
    and year of the dated item that closes the list."""
    completed = list(dates)
    for index in range(len(completed) - 1, -1, -1):
        item = completed[index]
        if item.timex is not None or item.mention.source != "date-list-split" or index + 1 >= len(completed):
            continue
        anchor = completed[index + 1]
        day = re.search(r"\b(\d{1,2})\b", item.mention.text)
        if anchor.timex is None or anchor.mention.start - item.mention.end > LIST_GAP or day is None \
                or anchor.timex.granularity not in ("day", "time"):
            continue
        year, month = int(anchor.timex.value[:4]), int(anchor.timex.value[5:7])
        try:
            value = date(year, month, int(day.group(1))).isoformat()
        except ValueError:
            continue
        timex = replace(anchor.timex, value=value, value_end="", mod="", anchor=f"list:{anchor.timex.value[:10]}")
        completed[index] = replace(item, normalised=value, timex=timex)
    return completed


WORD = re.compile(r"[^\W\d_]{2,}")


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A line that holds little besides the date ("Tokyo, Tuesday, 13 May 2025.") dates the article."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words = itertools.chain(WORD.finditer(text, line_start, start),
                            WORD.finditer(text, end, line_end if line_end >= 0 else len(text)))
    return sum(1 for _ in itertools.islice(words, DATELINE_MAX_WORDS + 1)) <= DATELINE_MAX_WORDS  # stop counting early


SENTENCES_KEY = "extract.sentences"


def sentences(doc: Doc, text: str | None = None) -> list[Span]:
    """The model's sentences, also cut at blank lines and before bullets (headings and lists); `text` is
    doc.text, when the caller has it already. Found once per document (several event steps ask)."""
    cached = doc.user_data.get(SENTENCES_KEY)
    if cached is None:
        cached = doc.user_data[SENTENCES_KEY] = _sentences(doc, doc_text(doc) if text is None else text)
    return list(cached)


def _sentences(doc: Doc, text: str) -> tuple[Span, ...]:
    found = []
    breaks = _breaks(doc, text)
    position = 0
    for sent in doc.sents:
        start = sent.start
        while position < len(breaks) and breaks[position] <= sent.start:
            position += 1
        while position < len(breaks) and breaks[position] < sent.end:
            found.append(doc[start:breaks[position]])
            start = breaks[position]
            position += 1
        found.append(doc[start:sent.end])
    return tuple(_trimmed(s) for s in found if text[s.start_char:s.end_char].strip())


def _breaks(doc: Doc, text: str) -> list[int]:
    """Indexes of the tokens a blank line, or a line break and a bullet, separate from the word before
    (the nearest token that is not whitespace), in one pass over the tokens."""
    found = []
    previous_end = -1
    table = token_table(doc)
    for i, (word, start, is_space) in enumerate(zip(table.text, table.idx, table.is_space)):
        if is_space:
            continue
        if previous_end >= 0:
            gap = text[previous_end:start]
            if "\n" in gap and (BLANK_LINE.search(gap) or word in BULLETS):
                found.append(i)
        previous_end = start + len(word)
    return found


def _trimmed(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def is_bullet(text: str, sentence: Span) -> bool:
    """A summary bullet ("• The EU and Japan signed …"): it restates what the body tells."""
    line_start = text.rfind("\n", 0, sentence.start_char) + 1
    return text[line_start:sentence.start_char + 1].strip()[:1] in BULLETS


def attach_dates(doc: Doc, sentence: Span, triggers: SentenceTriggers, dates: list[EventDate],
                 lexicon: TriggerLexicon, target: int | None = None) -> dict[int, list[EventDate]]:
    """Trigger token index -> the dates of its own sentence that date it. `target`: a token to treat
    as a trigger whatever the lexicon says (the benchmark's gold events)."""
    candidates = set(triggers.candidates) | ({target} if target is not None else set())
    blockers = set(triggers.blockers) - candidates
    passing = set(triggers.modifiers) - candidates
    attached: dict[int, list[EventDate]] = defaultdict(list)
    in_scope: list[tuple[EventDate, Span, list[int]]] = []
    for found in dates:
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is None:
            continue
        owner, scope = _owner(span, sentence, candidates, blockers, passing, lexicon)
        if owner is not None:
            attached[owner].append(replace(found, how="governed"))
        elif scope:
            in_scope.append((found, span, scope))
    for found, span, scope in in_scope:
        free = [c for c in scope if c not in attached] or scope
        nearest = min(free, key=lambda c: (min(abs(c - span.start), abs(c - span.end + 1)), c))
        attached[nearest].append(replace(found, how="clause"))
    _share_with_conjuncts(doc, candidates, attached)
    return dict(attached)


def _owner(span: Span, sentence: Span, candidates: set[int], blockers: set[int], passing: set[int],
           lexicon: TriggerLexicon) -> tuple[int | None, list[int]]:
    """The trigger a date hangs from, or the clause it is in force for (a list of triggers)."""
    token = span.root
    if token.dep_ in NOMINAL_MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN") and not span.start <= token.head.i < span.end:
        # "the October slaying", "last month's explosion": the date of that noun, a trigger or not;
        # "the opening of the 2000 Olympics", "the stampede during the 1991 Hajj", "killed in the 2004
        # tsunami": of the happening the dated occasion belongs to
        noun = token.head
        if noun.i not in candidates and noun.dep_ == "pobj" and noun.head.lower_ in OCCASION_PREPS:
            noun = noun.head.head
        return (noun.i, []) if noun.i in candidates else (None, [])
    while True:
        head = token.head
        if head.i == token.i or not sentence.start <= head.i < sentence.end:
            return None, sorted(c for c in candidates if sentence.start <= c < sentence.end)
        token = head
        if span.start <= token.i < span.end:
            continue
        if token.i in candidates:
            return token.i, []
        if token.i in blockers:
            return None, []  # the date of a negated or hypothetical happening
        if token.pos_ in ("VERB", "AUX"):
            if not lexicon.is_light(token) and token.i not in passing:
                return None, []  # "convictions were thrown out in 1996": the date of another happening
            scope = sorted(c for c in candidates if token.left_edge.i <= c <= token.right_edge.i
                           and sentence.start <= c < sentence.end)
            if scope:
                return None, scope  # "The programme on Tuesday began with a visit"
            if token.dep_ not in PASSING_DEPS:
                return None, []  # a clause of its own ("she says the houses, worth more in May, are …")


def _share_with_conjuncts(doc: Doc, candidates: set[int], attached: dict[int, list[EventDate]]) -> None:
    """ "met X and visited Y on Monday": coordinated verbs share the date of the one that has it."""
    for index in sorted(candidates):
        token = doc[index]
        if index in attached or token.pos_ != "VERB":
            continue
        related = [t for t in [token.head] + list(token.children)
                   if t.i in attached and t.pos_ == "VERB" and (t.dep_ == "conj" and t.head == token or token.dep_ == "conj" and t == token.head)]
        if related:
            attached[index] = [d for d in attached[related[0].i] if d.how == "governed"]


def group_dates(dates: list[EventDate], text: str) -> list[tuple[EventDate, str]]:
    """(date, date_end) per happening: a list of dates is one happening per date; "from X to Y" is one."""
    unique: list[EventDate] = []
    for found in sorted(dates, key=lambda d: d.start):
        if not any(u.value == found.value and u.value_end == found.value_end for u in unique):
            unique.append(found)
    grouped: list[tuple[EventDate, str]] = []
    skip: set[int] = set()
    for index, found in enumerate(unique):
        if index in skip:
            continue
        after = unique[index + 1] if index + 1 < len(unique) else None
        if after is not None and RANGE_LINK.match(text[found.end:after.start]) \
                and RANGE_START.search(text[max(0, found.start - 12):found.start]):
            grouped.append((found, after.value_end or after.value))
            skip.add(index + 1)
        else:
            grouped.append((found, found.value_end))
    return grouped


def carried_date(text: str, sentence: Span, dates: list[EventDate]) -> EventDate | None:
    """The day in force: the last date before the sentence, when it is a single day of the same paragraph."""
    before = [d for d in dates if d.end <= sentence.start_char]
    if not before:
        return None
    last = max(before, key=lambda d: d.start)
    if last.granularity != "day" or last.value_end or not same_paragraph(text, last.end, sentence.start_char):
        return None
    return replace(last, how="carried")


def same_paragraph(text: str, start: int, end: int) -> bool:
    between = text[start:end]
    return not re.search(r"\n[ \t]*\n", between) and between.count("\n") <= 1


@lru_cache(maxsize=4096)
def period_of(value: str) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 calendar value ("2025-05" -> 1 and 31 May); None otherwise. Cached: a
    document asks about its few dates thousands of times (every event's status and tense check)."""
    try:
        return _period(value)
    except ValueError:
        return None


def lies_after(value: str, now: str) -> bool:
    """The whole period the TIMEX3 value `value` names lies after the one `now` names; False when either
    is no calendar value (or empty)."""
    when, today = period_of(value), period_of(now)
    return when is not None and today is not None and when[0] > today[1]


def lies_before(value: str, now: str) -> bool:
    """The whole period `value` names lies before the one `now` names; False when either is unreadable."""
    when, today = period_of(value), period_of(now)
    return when is not None and today is not None and when[1] < today[0]


def _period(value: str) -> tuple[date, date] | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", value):
        day = date.fromisoformat(value[:10])
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", value):
        start = date.fromisoformat(f"{value}-01")
        return start, month_end(start)
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        start = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        return start, start + timedelta(days=6)
    if re.fullmatch(r"\d{4}-W\d{2}-WE", value):  # the weekend: Saturday and Sunday of that week
        start = date.fromisocalendar(int(value[:4]), int(value[6:8]), 6)
        return start, start + timedelta(days=1)
    part = re.fullmatch(r"(\d{4})-([QH])([1-4])", value)
    if part:
        months = 3 if part[2] == "Q" else 6
        first_month = (int(part[3]) - 1) * months + 1
        start = date(int(part[1]), first_month, 1)
        return start, month_end(date(int(part[1]), first_month + months - 1, 1))
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if season:
        year = int(season[1])
        start_month, start_day, end_month, end_day = SEASONS[season[2]]
        return date(year, start_month, start_day), date(year + (season[2] == "WI"), end_month, end_day)
    year = re.fullmatch(r"(?:FY)?(\d{4})", value)
    if year:
        return date(int(year[1]), 1, 1), date(int(year[1]), 12, 31)
    return None


def month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)

"""Where every event mention sits in time, and how we know it (events version 2, `date_source`):

1. `explicit`: a date expression of its own clause governs it (the attachment of events/dates.py, with
   every event mention of the sentence as a candidate, so a date in a reporting clause dates the
   reporting verb, not the reported event);
2. `narrative`: the day a preceding sentence of the paragraph set, for a narrative clause (simple
   past, not a speech act). (Any date in force in the paragraph, of any granularity, was tried: on
   the dev part it dated more gold `tense` events than it found gold `narrative` ones.)
3. `published`: no date, but told in the present, the progressive or the present perfect ("says",
   "is trading", "has announced"): the publication date;
4. `tense`: no date at all; the tense alone says past, ongoing or scheduled (`status`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract.events.dates import EventDate, attach_dates, carried_date, group_dates, period_of
from extract.events.extraction import takes_day_in_force
from extract.events.lexicon import TriggerEntry, TriggerLexicon
from extract.events.triggers import SentenceTriggers, clause_head, tense

ANY_EVENT = TriggerEntry("", "", frozenset())  # a candidate of the date attachment that no lexicon entry names
PRESENT_TENSES = ("present", "progressive")
PERFECT_AUX = ("has", "have", "'ve")
SCHEDULED_TENSES = ("future", "modal", "infinitive")


@dataclass(frozen=True)
class Placement:
    dates: tuple[tuple[EventDate, str], ...]  # (date, date_end) per happening; () when the tense alone places it
    source: str  # explicit | narrative | published | tense
    status: str  # past | ongoing | scheduled


@dataclass(frozen=True)
class SentenceDates:
    """The dates one sentence gives its event mentions."""

    attached: dict[int, list[EventDate]]  # token index -> the dates of its own clause
    carried: EventDate | None  # the day in force from the paragraph, when the sentence has no date


def sentence_dates(doc: Doc, text: str, sentence: Span, heads: set[int], dates: list[EventDate],
                   lexicon: TriggerLexicon) -> SentenceDates:
    """Dates of `sentence` for the event mentions at token indexes `heads` (`dates`: the document's)."""
    triggers = SentenceTriggers({i: ANY_EVENT for i in heads}, frozenset(), frozenset(), {})
    in_sentence = [d for d in dates if sentence.start_char <= d.start < sentence.end_char]
    attached = attach_dates(doc, sentence, triggers, in_sentence, lexicon)
    return SentenceDates(attached, None if in_sentence else carried_date(text, sentence, dates))


def place(token: Token, context: SentenceDates, text: str, published: str, now: str,
          lexicon: TriggerLexicon) -> Placement:
    """The dates, date source and status of the happening named by `token`. `now`: the publication
    date, else the latest day the text tells of."""
    own = context.attached.get(token.i)
    if own:
        grouped = tuple(group_dates(own, text))
        return Placement(grouped, "explicit", status(token, grouped[0][0].value, now, lexicon))
    if context.carried is not None and takes_day_in_force(token, lexicon):
        return Placement(((context.carried, ""),), "narrative", status(token, context.carried.value, now, lexicon))
    verb_status = status(token, "", now, lexicon)
    if published and told_now(token, lexicon):
        day = EventDate(published, "", "day", -1, -1, "", how="published")
        return Placement(((day, ""),), "published", verb_status)
    return Placement((), "tense", verb_status)


def told_now(token: Token, lexicon: TriggerLexicon) -> bool:
    """Present, progressive or present perfect: "says", "is trading", "has announced"."""
    verb_tense = tense(token, lexicon)
    if verb_tense in PRESENT_TENSES:
        return True
    head = clause_head(token)
    return verb_tense == "past" and head.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in PERFECT_AUX for c in head.children)


def status(token: Token, value: str, now: str, lexicon: TriggerLexicon) -> str:
    """past, ongoing or scheduled, from the date (against `now`) where there is one, else the tense."""
    verb_tense = tense(token, lexicon)
    when, today = period_of(value) if value else None, period_of(now) if now else None
    if when is not None and today is not None:
        if when[0] > today[1]:
            return "scheduled"
        if when[1] < today[0]:
            return "past"
    if verb_tense in SCHEDULED_TENSES or any(
            c.lower_ in lexicon.scheduled and c.dep_ in ("aux", "amod", "advmod") for c in token.children):
        return "scheduled"
    return "ongoing" if verb_tense in PRESENT_TENSES else "past"

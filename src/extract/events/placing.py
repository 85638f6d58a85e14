"""Where every event mention sits in time, and how we know it (events version 2, `date_source`):

1. `explicit`: a date expression of its own clause governs it (the attachment of events/dates.py, with
   every event mention of the sentence as a candidate, so a date in a reporting clause dates the
   reporting verb, not the reported event);
2. `narrative`: the day a preceding sentence of the paragraph set, or the last day told before it in its
   own sentence, for a narrative clause (simple past, not a speech act); else, for such a clause of a
   type of happening the article has dated explicitly to one date only ("The election was held on
   Sunday" ... "X was elected"), that date (`TypedDates`). (Any date in force in the paragraph, of any
   granularity, was tried: on the dev part it dated more gold `tense` events than it found gold
   `narrative` ones; so did the last day of any earlier paragraph, dev date accuracy 0.770 -> 0.699.)
3. `published`: no date, but told in the present, the progressive, the present perfect or the present
   passive ("says", "is trading", "has announced", "is added"): the publication date;
4. `tense`: no date at all; the tense alone says past, ongoing or scheduled (`status`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from extract.events.dates import EventDate, attach_dates, carried_date, group_dates, lies_after, lies_before
from extract.events.extraction import PLAN_TENSES, agrees_with_tense, takes_day_in_force, told_in_past
from extract.events.lexicon import TriggerEntry, TriggerLexicon
from extract.events.triggers import SentenceTriggers, clause_head, tense

ANY_EVENT = TriggerEntry("", "", frozenset())  # a candidate of the date attachment that no lexicon entry names
PRESENT_TENSES = ("present", "progressive")
PERFECT_AUX = ("has", "have", "'ve")
PRESENT_BE = ("is", "are", "am", "'s", "'re")
DEMONSTRATIVES = ("this", "that", "these", "those")


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
    days: tuple[EventDate, ...] = ()  # the sentence's own single days, in text order


def sentence_dates(doc: Doc, text: str, sentence: Span, heads: set[int], dates: list[EventDate],
                   lexicon: TriggerLexicon) -> SentenceDates:
    """Dates of `sentence` for the event mentions at token indexes `heads` (`dates`: the document's)."""
    triggers = SentenceTriggers({i: ANY_EVENT for i in heads}, frozenset(), frozenset(), {})
    in_sentence = [d for d in dates if sentence.start_char <= d.start < sentence.end_char]
    attached = attach_dates(doc, sentence, triggers, in_sentence, lexicon)
    days = tuple(sorted((d for d in in_sentence if d.granularity == "day" and not d.value_end), key=lambda d: d.start))
    return SentenceDates(attached, None if in_sentence else carried_date(text, sentence, dates), days)


def day_in_force(token: Token, context: SentenceDates) -> EventDate | None:
    """The day a narrative clause happens on when no date of its own clause governs it: the day in force
    from the paragraph, or, in a sentence that tells a day, the last day written before it ("Mohamed
    brought the clock to school on September 14, and a teacher thought it resembled a bomb")."""
    if context.carried is not None:
        return context.carried
    before = [d for d in context.days if d.end <= token.idx]
    return replace(before[-1], how="carried") if before else None


class TypedDates:
    """The dates the article has given each type of happening explicitly so far, in text order."""

    def __init__(self) -> None:
        self.seen: dict[str, set[tuple[str, str]]] = {}
        self.first: dict[str, EventDate] = {}

    def add(self, event_type: str, placement: Placement) -> None:
        """Records the explicit dates of a typed happening; a single day only, as for the day in force
        (a year or a month dates a period, not the happening the later clause tells)."""
        if not event_type or placement.source != "explicit":
            return
        for day, end in placement.dates:
            self.seen.setdefault(event_type, set()).add((day.value, end))
            self.first.setdefault(event_type, day)

    def only(self, event_type: str) -> EventDate | None:
        """The one date the article gave this type of happening, when it is a single day (None: none,
        several, or a longer period)."""
        if len(self.seen.get(event_type, ())) != 1 or next(iter(self.seen[event_type]))[1] \
                or self.first[event_type].granularity != "day":
            return None
        return replace(self.first[event_type], how="typed")


def place(token: Token, context: SentenceDates, text: str, published: str, now: str,
          lexicon: TriggerLexicon, typed: EventDate | None = None) -> Placement:
    """The dates, date source and status of the happening named by `token`. `now`: the publication
    date, else the latest day the text tells of; `typed`: the one date the article gave its type of
    happening (`TypedDates.only`), taken by a verb only (a noun, "the previous election", may name another)."""
    own = context.attached.get(token.i)
    if own:
        grouped = tuple(group_dates(own, text))
        return Placement(grouped, "explicit", status(token, grouped[0][0].value, now, lexicon))
    day = day_in_force(token, context)
    if day is None and typed is not None and (token.pos_ == "VERB" or demonstrative(token)):
        day = typed
    if day is not None and (takes_day_in_force(token, lexicon) or day.how == "typed" and reduced_passive(token)) \
            and agrees_with_tense(token, day.value, now, lexicon):
        return Placement(((day, ""),), "narrative", status(token, day.value, now, lexicon))
    verb_status = status(token, "", now, lexicon)
    if published and told_now(token, lexicon):
        day = EventDate(published, "", "day", -1, -1, "", how="published")
        return Placement(((day, ""),), "published", verb_status)
    return Placement((), "tense", verb_status)


def demonstrative(noun: Token) -> bool:
    """ "this election": the happening told before, not another of its kind ("the previous election")."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in noun.children)


def reduced_passive(token: Token) -> bool:
    """ "the candidates elected in this district", "blueprints found in the trash": a past participle
    after its noun tells a past happening, as "who were elected" would."""
    return token.tag_ == "VBN" and token.dep_ == "acl" and token.head.i < token.i


def told_now(token: Token, lexicon: TriggerLexicon) -> bool:
    """Present, progressive, present perfect or present passive: "says", "is trading", "has announced", "is
    added". (A participle or infinitive told as the verb it hangs on, "has reacted by proposing", was tried:
    on the dev part it dated more gold `tense` events than gold `published` ones.)"""
    verb_tense = tense(token, lexicon)
    if verb_tense in PRESENT_TENSES:
        return True
    head = clause_head(token)
    if head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in PERFECT_AUX for c in head.children):
        return verb_tense == "past"
    if head.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in PRESENT_BE for c in head.children):
        return True
    return False


def status(token: Token, value: str, now: str, lexicon: TriggerLexicon) -> str:
    """past, ongoing or scheduled, from the date (against `now`) where there is one, else the tense."""
    verb_tense = tense(token, lexicon)
    if lies_after(value, now):
        return "past" if told_in_past(token, lexicon) else "scheduled"
    if lies_before(value, now):
        return "past"
    if verb_tense in PLAN_TENSES or any(
            c.lower_ in lexicon.scheduled and c.dep_ in ("aux", "amod", "advmod") for c in token.children):
        return "scheduled"
    return "ongoing" if verb_tense in PRESENT_TENSES else "past"

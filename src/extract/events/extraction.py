"""Dated events: a trigger word, the date that governs it, its participants and place, one row each.

`match` finds every telling of a happening sentence by sentence (trigger, date, participants);
`merge_tellings` folds second mentions into the first ("The document was signed …", "this visit",
a summary bullet); `extract_events` joins the two. `event_date` exposes the date attachment alone,
for any trigger offset (used by the event-time benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from extract.events.coreference import Coreference
from extract.events.dates import (
    EventDate,
    attach_dates,
    carried_date,
    group_dates,
    is_bullet,
    lies_after,
    lies_before,
    point_dates,
    same_paragraph,
    sentences,
)
from extract.events.lexicon import TriggerEntry, TriggerLexicon, load_trigger_lexicon
from extract.events.participants import NameIndex, location, participants
from extract.events.triggers import find_triggers, tense
from extract.nlp.doc_text import doc_text
from extract.normalise.resolve import Resolved

__all__ = ["Event", "EventDate", "EventInputs", "TriggerLexicon", "event_date", "event_status", "extract_events",
           "load_trigger_lexicon"]

HYPHENS = ("-", "–")
DEMONSTRATIVES = ("this", "that", "these", "those")
PRONOUN_THEMES = ("it", "this", "that", "they", "them")
PLAN_TENSES = ("future", "modal", "infinitive")  # a happening told as a plan: scheduled
STATUS_BY_TENSE = {"past": "past", **dict.fromkeys(PLAN_TENSES, "scheduled"), "present": "ongoing",
                   "progressive": "ongoing"}
THEME_DEPS = ("compound", "amod", "prep", "pobj", "flat", "nmod", "poss", "case")


@dataclass(frozen=True)
class Event:
    date: str
    date_end: str
    granularity: str
    event_type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    people: tuple[str, ...]
    organisations: tuple[str, ...]
    location: str
    status: str
    sentence: str
    start: int  # sentence offsets
    end: int
    rule: str  # the press-release lexicon entry (rules/event_triggers.json), "" when it did not find it
    event_class: str = ""  # TimeML class (events version 2)
    lemma: str = ""
    date_source: str = ""  # explicit | narrative | published | tense
    modality: str = ""  # negated | hypothetical | "" (asserted)
    detect_rule: str = ""  # the rules/event_mentions.json rules that found and classed the trigger
    type_rule: str = ""  # the rules/event_types.json rule that typed it
    products: tuple[str, ...] = ()


DATE_SOURCE_BY_HOW = {"governed": "explicit", "clause": "explicit", "carried": "narrative"}


@dataclass(frozen=True)
class EventInputs:
    dates: list[Resolved]
    canonical: dict[tuple[int, int], tuple[str, str]]  # mention offsets -> (label, canonical name)
    places: list[tuple[int, int, str]]  # GPE/LOC mentions
    published_span: tuple[int, int] | None
    published: str


@dataclass(frozen=True)
class Telling:
    """One telling of a happening in one sentence; `refers` says how it points back to an earlier one."""

    event: Event
    date: EventDate | None  # None: an undated second mention that only lends its participants
    refers: str  # "" | demonstrative | definite | theme
    theme: str  # the thing acted on, as written ("letter of intent")
    generic: bool  # "the event": refers back to a happening of any type
    bullet: bool


def extract_events(doc: Doc, inputs: EventInputs, lexicon: TriggerLexicon,
                   coreference: Coreference | None = None) -> list[Event]:
    text = doc_text(doc)
    return [t.event for t in merge_tellings(match(doc, inputs, lexicon, text, coreference), text) if t.date is not None]


def match(doc: Doc, inputs: EventInputs, lexicon: TriggerLexicon, text: str | None = None,
          coreference: Coreference | None = None) -> list[Telling]:
    """`text` is doc.text, when the caller has it already."""
    text = doc_text(doc) if text is None else text
    dates = point_dates(inputs.dates, text, inputs.published_span)
    names = NameIndex(text, inputs.canonical, inputs.places, coreference)
    found: list[Telling] = []
    previous: Span | None = None
    for sentence in sentences(doc, text):
        found.extend(_tellings(doc, text, sentence, previous, dates, names, inputs.published, lexicon))
        previous = sentence
    return found


def _tellings(doc: Doc, text: str, sentence: Span, previous: Span | None, dates: list[EventDate], names: NameIndex,
              published: str, lexicon: TriggerLexicon) -> list[Telling]:
    triggers = find_triggers(sentence, lexicon)
    in_sentence = [d for d in dates if sentence.start_char <= d.start < sentence.end_char]
    attached = attach_dates(doc, sentence, triggers, in_sentence, lexicon)
    carried = None if in_sentence else carried_date(text, sentence, dates)
    now = published or _latest_day(dates)
    named_happenings = {doc[i].idx for i in attached}  # "the statement from the … Council, held on 12 May"
    found = []
    for index, entry in sorted(triggers.candidates.items()):
        token = doc[index]
        frame = doc[triggers.frames[index]] if index in triggers.frames else None
        refers = _refers(token, sentence)
        if attached.get(index):
            dated = group_dates(attached[index], text)
        elif carried is not None and takes_day_in_force(frame or token, lexicon) \
                and agrees_with_tense(frame or token, carried.value, now, lexicon):
            dated = [(carried, "")]
        elif refers in ("demonstrative", "definite"):
            dated = [(None, "")]
        else:
            continue
        people, orgs = participants(token, frame, previous, names, lexicon, named_happenings | {token.idx})
        for date, date_end in dated:
            event = _event(token, frame, sentence, entry, date, date_end, people, orgs,
                           location(token, frame, names), now, lexicon)
            found.append(Telling(event, date, refers, _theme(token), token.lemma_.lower() in lexicon.generic_nouns,
                                 is_bullet(text, sentence)))
    return found


def takes_day_in_force(token: Token, lexicon: TriggerLexicon) -> bool:
    """Only a narrative clause takes the day a preceding sentence set: a simple past ("The day concluded
    with a meeting"), not a plan, a state, a present perfect ("has provided") or a speech act ("said")."""
    verb_tense = tense(token, lexicon)
    if token.pos_ in ("NOUN", "PROPN"):
        return verb_tense in ("past", "")
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
    return verb_tense == "past" and not perfect and token.lemma_.lower() not in lexicon.reporting_verbs


def agrees_with_tense(token: Token, value: str, now: str, lexicon: TriggerLexicon) -> bool:
    """Whether a date the happening would only inherit (the day in force, the day its type was given)
    agrees with its own tense against `now` (the publication date): a happening told in the past never
    comes after it ("Shares fell" after "said it would cut jobs on Monday" is not next Monday), one told
    as a plan (future, modal, 'to'-infinitive) never before it. A date of its own clause is not checked."""
    verb_tense = tense(token, lexicon)
    if verb_tense == "past":
        return not lies_after(value, now)
    if verb_tense in PLAN_TENSES:
        return not lies_before(value, now)
    return True


def told_in_past(token: Token, lexicon: TriggerLexicon) -> bool:
    """A verb told in the simple past or a perfect: its status is past whatever date its clause gives
    ("extended the offer to 20 May", "declared a dividend payable in June": the date is another
    happening's). A noun takes the tense of its clause, which may tell of a plan ("said the vote is on Friday")."""
    return token.pos_ in ("VERB", "AUX") and tense(token, lexicon) == "past"


def _event(token: Token, frame: Token | None, sentence: Span, entry: TriggerEntry, date: EventDate | None,
           date_end: str, people: tuple[str, ...], orgs: tuple[str, ...], where: str, now: str,
           lexicon: TriggerLexicon) -> Event:
    value = date.value if date else ""
    return Event(date=value, date_end=date_end, granularity=date.granularity if date else "",
                 event_type=entry.event_type, trigger=token.text, trigger_start=token.idx,
                 trigger_end=token.idx + len(token.text), people=people, organisations=orgs, location=where,
                 status=_status(token, frame, value, now, lexicon), sentence=" ".join(sentence.text.split()),
                 start=sentence.start_char, end=sentence.end_char, rule=entry.id,
                 date_source=DATE_SOURCE_BY_HOW.get(date.how, "") if date else "")


def _latest_day(dates: list[EventDate]) -> str:
    """With no publication date, "now" is no earlier than the latest day the text tells of."""
    return max((d.value_end or d.value for d in dates if d.granularity == "day"), default="")


def _status(token: Token, frame: Token | None, value: str, now: str, lexicon: TriggerLexicon) -> str:
    verb = frame or token
    marked = any(c.lower_ in lexicon.scheduled or c.lemma_.lower() in lexicon.scheduled and c.tag_ == "VBN"
                 for c in token.children)
    dated_later = lies_after(value, now) and not told_in_past(verb, lexicon)
    if tense(verb, lexicon) == "future" or marked or dated_later:
        return "scheduled"
    if tense(verb, lexicon) == "progressive":
        return "ongoing"
    return "past"


def _refers(token: Token, sentence: Span) -> str:
    """How a trigger points back: "this visit", "the agreement", "the document was signed"."""
    if token.pos_ == "NOUN":
        children = [c for c in token.children if sentence.start <= c.i < sentence.end]
        determiners = {c.lower_ for c in children if c.dep_ == "det"}
        if determiners & set(DEMONSTRATIVES):
            return "demonstrative"
        specific = any(c.dep_ in ("compound", "nmod", "poss", "appos") or c.dep_ == "prep" and c.lower_ == "of"
                       for c in children)  # "the launch of a joint call" is news, not a reference
        if "the" in determiners and not specific:
            return "definite"
        return ""
    theme = _theme_token(token)
    if theme is not None and (theme.lower_ in PRONOUN_THEMES and theme.pos_ == "PRON" or theme.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("the",) + DEMONSTRATIVES for c in theme.children)
            and not any(c.pos_ == "PROPN" for c in theme.children)):
        return "theme"
    return ""


def _theme_token(token: Token) -> Token | None:
    if token.pos_ != "VERB":
        return None
    return next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _theme(token: Token) -> str:
    """What was acted on, as words ("letter of intent"): the same theme and date is the same happening."""
    theme = _theme_token(token)
    if theme is None or theme.pos_ != "PROPN" and theme.pos_ != "NOUN":
        return ""
    words, stack = [theme], [theme]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in THEME_DEPS:
                words.append(child)
                stack.append(child)
    return " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i) if not t.is_punct)


def merge_tellings(tellings: list[Telling], text: str) -> list[Telling]:
    """One row per happening: a second mention adds its participants and place to the first."""
    kept: list[Telling] = []
    for telling in tellings:
        index = _antecedent(telling, kept, text)
        if index is not None:
            kept[index] = _absorb(kept[index], telling)
        elif telling.date is not None and telling.refers != "demonstrative":
            kept.append(telling)
    for bullet in [t for t in kept if t.bullet]:
        body = next((i for i, t in enumerate(kept) if not t.bullet and _restates(bullet, t)), None)
        if body is not None:
            kept[body] = _absorb(kept[body], bullet)
            kept.remove(bullet)
    return kept


def _antecedent(telling: Telling, kept: list[Telling], text: str) -> int | None:
    new = telling.event
    for index in range(len(kept) - 1, -1, -1):
        old = kept[index].event
        same_type = old.event_type == new.event_type or telling.generic or kept[index].generic
        same_date = telling.date is not None and (old.date, old.date_end) == (new.date, new.date_end)
        if telling.refers in ("demonstrative", "definite") and same_type and (
                same_date or same_paragraph(text, old.trigger_end, new.trigger_start)):
            return index
        if telling.refers == "theme" and old.event_type == new.event_type and same_date:
            return index
        if telling.theme and telling.theme == kept[index].theme and old.event_type == new.event_type and same_date:
            return index
    return None


def _restates(bullet: Telling, body: Telling) -> bool:
    a, b = bullet.event, body.event
    names_a, names_b = set(a.people + a.organisations), set(b.people + b.organisations)
    return (a.date, a.date_end) == (b.date, b.date_end) and (
        a.event_type == b.event_type or bool(names_a & names_b) or not (names_a or names_b))


def _absorb(first: Telling, second: Telling) -> Telling:
    """The two tellings as one: the body's sentence over a summary bullet's, participants and place of both."""
    keep, other = (second, first) if first.bullet and not second.bullet and second.date is not None else (first, second)
    a, b = keep.event, other.event
    merged = replace(a, people=_union(a.people, b.people), organisations=_union(a.organisations, b.organisations),
                     location=a.location or b.location)
    return replace(keep, event=merged, theme=keep.theme or other.theme)


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return a + tuple(n for n in b if n not in a)


def token_at(doc: Doc, offset: int) -> Token:
    """The token at a character offset; for a hyphenated word ("cease-fire"), the word's head token."""
    for token in doc:
        if token.idx <= offset < token.idx + len(token.text):
            last = token.i
            while last + 1 < len(doc) and not doc[last].whitespace_ and (
                    doc[last].text in HYPHENS or doc[last + 1].text in HYPHENS or doc[last + 1].is_alpha):
                last += 1
            return doc[token.i:last + 1].root
    raise ValueError(f"no token at character offset {offset} (document of {len(doc.text)} characters)")


def event_date(doc: Doc, inputs: EventInputs, lexicon: TriggerLexicon, offset: int) -> EventDate | None:
    """The date our rules attach to the happening named by the token at `offset` (any verb or noun,
    in the lexicon or not): the date governing it, else the date in force in its clause, else the day
    carried from its paragraph; None when nothing in the text dates it."""
    token = token_at(doc, offset)
    text = doc_text(doc)
    sentence = next(s for s in sentences(doc, text) if s.start <= token.i < s.end)
    triggers = find_triggers(sentence, lexicon)
    dates = point_dates(inputs.dates, text, inputs.published_span)
    in_sentence = [d for d in dates if sentence.start_char <= d.start < sentence.end_char]
    attached = attach_dates(doc, sentence, triggers, in_sentence, lexicon, target=token.i)
    own = attached.get(token.i)
    if own:
        return min(own, key=lambda d: abs(d.start - token.idx))
    if in_sentence or not takes_day_in_force(token, lexicon):
        return None
    carried = carried_date(text, sentence, dates)
    now = inputs.published or _latest_day(dates)
    return carried if carried is not None and agrees_with_tense(token, carried.value, now, lexicon) else None


def event_status(doc: Doc, lexicon: TriggerLexicon, offset: int) -> str:
    """How the happening named at `offset` stands to the publication date, from its verb group alone:
    past, scheduled (future, modal, to-infinitive), ongoing (present, progressive), reported (a speech
    act told in the past or present: the publication day), or "" when the verb group does not say."""
    token = token_at(doc, offset)
    verb_tense = tense(token, lexicon)
    if token.lemma_.lower() in lexicon.reporting_verbs and verb_tense in ("past", "present"):
        return "reported"
    return STATUS_BY_TENSE.get(verb_tense, "")

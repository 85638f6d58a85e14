"""Dated events: a trigger word, the date that governs it, its participants and place.

The dependency parse attaches dates and participants to the trigger they belong to; when a
sentence has no date of its own, the day in force in the paragraph (a day-by-day account) is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from .normalise import Resolved
from .rulefiles import check_keys, load_json, string_list

POINT_GRANULARITIES = {"day", "time", "week", "month", "quarter", "half", "season", "year", "fiscal_year"}
PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "appos", "conj", "compound", "poss", "attr"}
PARTICIPANT_PREPS = {"with", "by", "between", "to", "from", "of", "at", "for", "among"}
PLACE_PREPS = {"in", "at"}


@dataclass(frozen=True, eq=False)
class TriggerLexicon:
    by_lemma: dict[str, tuple[str, str]]  # lemma -> (event_type, rule id)
    scheduled: frozenset[str]
    hypothetical: frozenset[str]


@lru_cache(maxsize=4)
def load_trigger_lexicon(rules_dir: Path) -> TriggerLexicon:
    path = rules_dir / "event_triggers.json"
    data = load_json(path)
    keys = ("note", "types", "scheduled_markers", "hypothetical_markers")
    check_keys(data, keys, keys[1:], str(path))
    by_lemma: dict[str, tuple[str, str]] = {}
    for index, entry in enumerate(data["types"]):
        where = f"{path}: types[{index}]"
        check_keys(entry, ("id", "event_type", "lemmas"), ("id", "event_type", "lemmas"), where)
        for lemma in string_list(entry["lemmas"], where):
            by_lemma.setdefault(lemma.lower(), (entry["event_type"], entry["id"]))
    return TriggerLexicon(by_lemma, frozenset(string_list(data["scheduled_markers"], str(path))),
                          frozenset(string_list(data["hypothetical_markers"], str(path))))


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
    rule: str


@dataclass(frozen=True)
class EventInputs:
    dates: list[Resolved]
    canonical: dict[tuple[int, int], tuple[str, str]]  # mention offsets -> (label, canonical name)
    places: list[tuple[int, int, str]]  # GPE/LOC mentions
    published_span: tuple[int, int] | None
    published: str


def extract_events(doc: Doc, inputs: EventInputs, lexicon: TriggerLexicon) -> list[Event]:
    dated = [d for d in inputs.dates if d.timex and d.timex.type in ("DATE", "TIME")
             and d.timex.granularity in POINT_GRANULARITIES]
    if inputs.published_span:
        dated = [d for d in dated if not _inside(d.mention.start, d.mention.end, inputs.published_span)]
    events: list[Event] = []
    for sent in doc.sents:
        for token in sent:
            entry = _trigger_entry(token, lexicon)
            if entry is None or _is_hypothetical(token, lexicon) or _is_anaphoric(token):
                continue
            for date in _dates_for(token, sent, dated, doc):
                events.append(_event(token, sent, date, entry, inputs, lexicon))
    return _dedupe(events)


def _trigger_entry(token: Token, lexicon: TriggerLexicon) -> tuple[str, str] | None:
    if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME", "PERSON", "GPE"):
        return None
    return lexicon.by_lemma.get(token.lemma_.lower()) or lexicon.by_lemma.get(token.lower_)


def _is_hypothetical(token: Token, lexicon: TriggerLexicon) -> bool:
    children = {c.lower_ for c in token.children if c.dep_ in ("aux", "mark", "neg")}
    return bool(children & lexicon.hypothetical) or any(c.dep_ == "neg" for c in token.children)


def _is_anaphoric(token: Token) -> bool:
    """ "This visit provided …": a second mention of a happening already told."""
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("this", "these", "that") for c in token.children)


def _dates_for(trigger: Token, sent: Span, dated: list[Resolved], doc: Doc) -> list[Resolved]:
    in_sentence = [d for d in dated if sent.start_char <= d.mention.start < sent.end_char]
    governed = [d for d in in_sentence if _governs(trigger, d, doc)]
    if governed:
        return _one_per_day(governed)
    if in_sentence:
        if any(_governed_by_other_trigger(d, trigger, doc) for d in in_sentence):
            return []
        return [min(in_sentence, key=lambda d: abs(d.mention.start - trigger.idx))]
    carried = [d for d in dated if d.mention.start < sent.start_char
               and _same_paragraph(doc.text, d.mention.start, sent.start_char)
               and d.timex and d.timex.granularity in ("day", "time")]
    return [carried[-1]] if carried else []


def _governs(trigger: Token, date: Resolved, doc: Doc) -> bool:
    span = doc.char_span(date.mention.start, date.mention.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(6):
        if token == trigger:
            return True
        if token.head == token or token.pos_ == "VERB" and token != span.root:
            return token == trigger
        token = token.head
    return False


def _governed_by_other_trigger(date: Resolved, trigger: Token, doc: Doc) -> bool:
    span = doc.char_span(date.mention.start, date.mention.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    return head != trigger and head.pos_ == "VERB" and head.i != span.root.i and trigger.head != head


def _one_per_day(dates: list[Resolved]) -> list[Resolved]:
    listed = [d for d in dates if d.mention.source == "date-list-split"]
    return listed if listed else [min(dates, key=lambda d: d.mention.start)]


def _same_paragraph(text: str, start: int, end: int) -> bool:
    return "\n\n" not in text[start:end] and text[start:end].count("\n") <= 1


def _event(trigger: Token, sent: Span, date: Resolved, entry: tuple[str, str],
           inputs: EventInputs, lexicon: TriggerLexicon) -> Event:
    timex = date.timex
    assert timex is not None
    people, orgs = _participants(trigger, sent, inputs)
    value = timex.value[:10] if timex.granularity == "time" else timex.value
    end_value = timex.value_end[:10] if timex.value_end else ""
    return Event(
        date=value, date_end=end_value, granularity="day" if timex.granularity == "time" else timex.granularity,
        event_type=entry[0], trigger=trigger.text, trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text), people=people, organisations=orgs,
        location=_location(trigger, inputs), status=_status(trigger, value, inputs, lexicon),
        sentence=" ".join(sent.text.split()), start=sent.start_char, end=sent.end_char, rule=entry[1],
    )


def _participant_tokens(trigger: Token) -> list[Token]:
    tokens = [trigger]
    for child in trigger.children:
        if child.dep_ in PARTICIPANT_DEPS or (child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS):
            tokens.extend(child.subtree)
    if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB":  # "Obertin attended an official dinner"
        for child in trigger.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                tokens.extend(child.subtree)
    if trigger.dep_ in ("pobj", "dobj") and trigger.head.dep_ == "prep":
        tokens.extend(t for t in trigger.head.head.children if t.dep_ == "nsubj")
    return tokens


def _participants(trigger: Token, sent: Span, inputs: EventInputs) -> tuple[tuple[str, ...], tuple[str, ...]]:
    positions = {t.idx for t in _participant_tokens(trigger)}
    people: list[str] = []
    orgs: list[str] = []
    for (start, end), (label, name) in sorted(inputs.canonical.items()):
        if sent.start_char <= start < sent.end_char and any(start <= p < end for p in positions):
            target = people if label == "PERSON" else orgs
            if name not in target:
                target.append(name)
    return tuple(people), tuple(orgs)


def _location(trigger: Token, inputs: EventInputs) -> str:
    for prep in list(trigger.children) + list(trigger.head.children):
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            for obj in prep.subtree:
                for start, end, text in inputs.places:
                    if start <= obj.idx < end:
                        return text
    return ""


def _status(trigger: Token, value: str, inputs: EventInputs, lexicon: TriggerLexicon) -> str:
    words = {c.lower_ for c in trigger.children} | {trigger.lower_, trigger.head.lower_}
    words |= {c.lower_ for c in trigger.head.children if c.dep_ in ("aux", "auxpass")}
    if words & lexicon.scheduled or (inputs.published and value[:10] > inputs.published):
        return "scheduled"
    if trigger.tag_ == "VBG" and any(c.lower_ in ("is", "are") for c in trigger.children):
        return "ongoing"
    return "past"


def _inside(start: int, end: int, span: tuple[int, int]) -> bool:
    return span[0] <= start and end <= span[1]


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[str, int, str]] = set()
    kept = []
    for event in events:
        key = (event.date, event.trigger_start, event.date_end)
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept

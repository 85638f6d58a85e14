"""One event row per event mention (events version 2): every trigger the TimeML-broad detector finds,
dated or not, with its class, lemma, type, date and date source, status, modality, participants and place.

Where the press-release lexicon (events/extraction.py) also found the trigger, its row keeps that
extraction's date, participants, place, status and `rule` (it folds second tellings and reads date
lists), and gains the version 2 fields; every other mention is placed by events/placing.py. A trigger
the lexicon found but the detector did not ("Expo") keeps its row, classed by the detector's class rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from extract.core.records import replaced
from extract.entities.people.records import name_key
from extract.events.coreference import Coreference
from extract.events.dates import EventDate, point_dates, sentences
from extract.events.detect import EventMention, detect_event_mentions, named_mention
from extract.events.event_types import EventTypeRules
from extract.events.extraction import Event, EventInputs, extract_events, token_at
from extract.events.lexicon import TriggerLexicon
from extract.events.mention_rules import EventMentionRules
from extract.events.metadata_lines import inside
from extract.events.noun_arguments import NounEventRules, in_verb_phrase, noun_participants, time_verb
from extract.events.participants import NameIndex, arguments, location, participants, phrase
from extract.events.placing import Placement, SentenceDates, TypedDates, place, sentence_dates
from extract.events.triggers import modality, tense
from extract.nlp.doc_text import doc_text

DEFAULT_CLASS = "OCCURRENCE"
NOUN_POS = ("NOUN", "PROPN")
DATED_SOURCES = ("explicit", "narrative")  # a verb's placement a noun may take
PRODUCT_LABEL = "PRODUCT"
PAST, SCHEDULED, FUTURE = "past", "scheduled", "future"  # two statuses; a tense (events/triggers.py)


@dataclass(frozen=True)
class EventRules:
    """The rule files events are read with."""

    lexicon: TriggerLexicon  # press-release lexicon, tense and modality markers
    mentions: EventMentionRules  # which words are events, and their class
    types: EventTypeRules  # which type
    coreference: Coreference | None = None  # who "the company", "she" … are (None: the older pronoun rules)
    nouns: NounEventRules | None = None  # participants and dates of noun triggers (None: as for verbs)


@dataclass(frozen=True)
class Typed:
    """What the mention is: the version 2 fields every row of it shares."""

    mention: EventMention
    token: Token
    event_type: str
    type_rule: str


def describe_events(doc: Doc, inputs: EventInputs, rules: EventRules) -> list[Event]:
    """Every event mention of `doc` as rows (one per date when a list of dates dates it), in text order."""
    text = doc_text(doc)
    lexicon = rules.lexicon
    told, mentions = _found_mentions(doc, text, inputs, rules)
    dates = point_dates(inputs.dates, text, inputs.published_span)
    names = NameIndex(text, inputs.canonical, inputs.places, rules.coreference, frozenset(mentions))
    places = {name_key(place) for _, _, place in inputs.places}
    now = _now(inputs, dates)
    rows: list[Event] = []
    previous: Span | None = None
    previous_types: list[str] = []
    typed_dates = TypedDates()
    for sentence in sentences(doc, text):
        heads = sorted(i for i in mentions if sentence.start <= i < sentence.end)
        typed = _typed(doc, heads, mentions, rules.types, previous_types)
        context = sentence_dates(doc, text, sentence, set(heads), dates, lexicon)
        said = " ".join(text[sentence.start_char:sentence.end_char].split())  # sentence.text joins its tokens
        for item in typed:
            lexicon_rows = told.pop(item.mention.head_start, []) or told.pop(item.mention.start, [])
            placement = _place(item.token, context, text, inputs.published, now, lexicon, rules.nouns,
                               typed_dates.only(item.event_type))
            typed_dates.add(item.event_type, placement)
            base = lexicon_rows or _placed_rows(item.token, placement, sentence, said, previous, names, rules)
            extra = _version_2(item, rules, places)
            rows.extend(replaced(row, **extra, organisations=_not_places(row.organisations, places)) for row in base)
        previous, previous_types = sentence, [t.event_type for t in typed if t.event_type]
    return sorted(rows, key=lambda e: (e.trigger_start, e.date))


def _found_mentions(doc: Doc, text: str, inputs: EventInputs,
                    rules: EventRules) -> tuple[dict[int, list[Event]], dict[int, EventMention]]:
    """The press-release lexicon's rows by trigger offset, and every event mention by head token (those the
    lexicon alone found too); none on a header line of metadata ("Published: …")."""
    lines = rules.mentions.metadata_lines
    metadata = lines.spans(text, inputs.published_span) if lines is not None else []
    told: dict[int, list[Event]] = defaultdict(list)
    for event in extract_events(doc, inputs, rules.lexicon, rules.coreference):
        if not inside(event.trigger_start, metadata):
            told[event.trigger_start].append(event)
    mentions = {_token_index(doc, m.head_start): m for m in detect_event_mentions(doc, rules.mentions)
                if not inside(m.head_start, metadata)}
    for start in list(told):  # found by the lexicon only
        index = _token_index(doc, start)
        if index not in mentions:
            mentions[index] = _lexicon_mention(doc[index], rules.mentions)
    return told, mentions


def _token_index(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        raise ValueError(f"no token at character offset {offset}")
    return span.start


def _lexicon_mention(token: Token, rules: EventMentionRules) -> EventMention:
    lemma = token.lemma_.lower()
    pos = "NOUN" if token.pos_ == "PROPN" else token.pos_
    classed = rules.event_class(pos, lemma, token.lower_)
    event_class, class_rule = classed if classed is not None else (DEFAULT_CLASS, "")
    return named_mention(token, token.pos_, lemma, event_class, "", class_rule)


def _typed(doc: Doc, heads: list[int], mentions: dict[int, EventMention], types: EventTypeRules,
           previous_types: list[str]) -> list[Typed]:
    """The sentence's mentions with their types; casualty words take the type of their sentence's happening."""
    found = []
    for index in heads:
        m = mentions[index]
        rule = types.rule_for(doc[index], m.lemma, m.pos, m.event_class)
        if rule is not None and rule.event_class:
            m = replace(m, event_class=rule.event_class, class_rule=rule.id)  # the object decides the class
        found.append(Typed(m, doc[index], rule.event_type if rule else "", rule.id if rule else ""))
    told = [t.event_type for t in found if t.event_type] + previous_types
    for position, item in enumerate(found):
        sentence_rule = types.sentence_rule(item.mention.lemma) if not item.event_type else None
        if sentence_rule is not None:
            kind = next((k for k in told if k in sentence_rule.types), "")
            found[position] = replace(item, event_type=kind, type_rule=sentence_rule.id if kind else "")
    return found


def _version_2(item: Typed, rules: EventRules, places: set[str]) -> dict[str, object]:
    m, lexicon = item.mention, rules.lexicon
    return {"trigger": m.text, "trigger_start": m.start, "trigger_end": m.end, "event_class": m.event_class,
            "lemma": m.lemma, "event_type": item.event_type, "type_rule": item.type_rule,
            "detect_rule": ";".join(r for r in (m.rule, m.class_rule) if r),
            "modality": modality(item.token, lexicon) or _noun_modality(item.token, rules),
            "products": products(item.token, lexicon)}


def _noun_modality(token: Token, rules: EventRules) -> str:
    """A noun named as wanted, asked for, needed or possible is hypothetical (events/noun_arguments.py)."""
    return "hypothetical" if rules.nouns is not None and token.pos_ in NOUN_POS and rules.nouns.intended(token) else ""


def _place(token: Token, context: SentenceDates, text: str, published: str, now: str, lexicon: TriggerLexicon,
           nouns: NounEventRules | None, typed: EventDate | None = None) -> Placement:
    """Where the mention sits in time; a noun without a date of its own takes that of the verb whose time it
    shares (events/noun_arguments.py), when the text dates that verb. `typed`: as for `placing.place`."""
    own = place(token, context, text, published, now, lexicon, typed)
    if own.source == "explicit" or nouns is None or token.pos_ not in NOUN_POS:
        return own
    verb = time_verb(token, nouns, lexicon)
    lent = place(verb, context, text, published, now, lexicon, typed) if verb is not None else None
    if lent is not None and lent.source in DATED_SOURCES:
        return lent
    if nouns.to_come(token):
        return Placement((), "tense", SCHEDULED)  # "the planned acquisition": not the day its clause tells
    if own.dates and in_verb_phrase(token, nouns):
        own = replace(own, dates=(), source="tense")  # the verb's tense places the verb's happening, not this one
    if nouns.intended(token):
        return replace(own, status=SCHEDULED)  # "requested donations": the wanted happening is still to come (A8)
    if own.status != PAST and (nouns.looked_back_on(token) or
                               nouns.before_clause(token) and tense(token, lexicon) != FUTURE):
        return replace(own, status=PAST)  # "is recovering after the crash", "will look into the incident"
    return own


def _placed_rows(token: Token, placement: Placement, sentence: Span, said: str, previous: Span | None,
                 names: NameIndex, rules: EventRules) -> list[Event]:
    """`said`: the sentence's text, its blanks folded."""
    lexicon = rules.lexicon
    if rules.nouns is not None and token.pos_ in NOUN_POS:
        people, orgs = noun_participants(token, previous, names, lexicon, rules.nouns)
    else:
        people, orgs = participants(token, None, previous, names, lexicon, {token.idx})
    where = location(token, None, names)
    dated: tuple[tuple[EventDate | None, str], ...] = placement.dates or ((None, ""),)
    return [Event(date=d.value if d else "", date_end=end, granularity=d.granularity if d else "", event_type="",
                  trigger=token.text, trigger_start=token.idx, trigger_end=token.idx + len(token), people=people,
                  organisations=orgs, location=where, status=placement.status,
                  sentence=said, start=sentence.start_char, end=sentence.end_char,
                  rule="", date_source=placement.source) for d, end in dated]


def _not_places(organisations: tuple[str, ...], places: set[str]) -> tuple[str, ...]:
    """Countries, cities and regions are never organisations."""
    return tuple(o for o in organisations if name_key(o) not in places)


def products(token: Token, lexicon: TriggerLexicon) -> tuple[str, ...]:
    """Products the model names (PRODUCT) in the trigger's arguments, as written."""
    found: list[str] = []
    for head in arguments(token, None, lexicon):
        for word in phrase(head):
            if word.ent_type_ == PRODUCT_LABEL:
                name = _entity_text(word)
                if name not in found:
                    found.append(name)
    return tuple(found)


def _entity_text(word: Token) -> str:
    doc, first, last = word.doc, word.i, word.i
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first:last + 1].text


def mention_heads(doc: Doc, rules: EventMentionRules) -> set[int]:
    """Token indexes of the heads of every event mention the detector finds."""
    return {_token_index(doc, m.head_start) for m in detect_event_mentions(doc, rules)}


def place_event(doc: Doc, inputs: EventInputs, lexicon: TriggerLexicon, heads: set[int], offset: int,
                nouns: NounEventRules | None = None) -> Placement:
    """How the pipeline places the happening named at character `offset` (any word, a mention or not);
    `heads`: the document's event mentions (`mention_heads`), the other candidates for its dates; `nouns`:
    the rules a noun takes its verb's date by (None: as any word)."""
    token = token_at(doc, offset)
    text = doc_text(doc)
    sentence = next(s for s in sentences(doc, text) if s.start <= token.i < s.end)
    dates = point_dates(inputs.dates, text, inputs.published_span)
    in_sentence = {h for h in heads if sentence.start <= h < sentence.end} | {token.i}
    context = sentence_dates(doc, text, sentence, in_sentence, dates, lexicon)
    return _place(token, context, text, inputs.published, _now(inputs, dates), lexicon, nouns)


def _now(inputs: EventInputs, dates: list[EventDate]) -> str:
    """The publication date, else the latest day the text tells of."""
    return inputs.published or max((d.value_end or d.value for d in dates if d.granularity == "day"), default="")

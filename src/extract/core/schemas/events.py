"""The model of rules/event_triggers.json: the event taxonomy and the trigger lexicon."""

from __future__ import annotations

from typing import Annotated, Iterator, Literal

from pydantic import Field

from extract.core.schemas.base import NonEmpty, RuleId, RuleModel
from extract.core.schemas.locate import Loc, Problem

PosTag = Literal["VERB", "NOUN", "PROPN"]
Complement = Literal["dobj", "nsubjpass", "with", "for", "in"]  # where a frame verb's happening is named


class TriggerRule(RuleModel):
    id: RuleId
    event_type: NonEmpty  # a key of event_types
    pos: Annotated[list[PosTag], Field(min_length=1)]
    lemmas: list[str]


class FrameVerb(RuleModel):
    lemma: NonEmpty
    complements: Annotated[list[Complement], Field(min_length=1)]


class EventTriggersFile(RuleModel):
    note: str = ""
    event_types: Annotated[dict[NonEmpty, str], Field(min_length=1)]  # type name -> description
    types: list[TriggerRule]
    frame_verbs: list[FrameVerb]
    light_verbs: list[str]
    reporting_verbs: list[str]
    organiser_verbs: list[str]
    citation_markers: list[str]
    generic_event_nouns: list[str]
    group_pronouns: list[str]
    person_pronouns: list[str]
    scheduled_markers: list[str]
    hypothetical_markers: list[str]
    negation_markers: list[str]
    intention_heads: list[str] = []  # words whose 'to'-infinitive is intended, requested or needed (guideline A8)

    def problems(self) -> Iterator[Problem]:
        for index, rule in enumerate(self.types):
            if rule.event_type not in self.event_types:
                yield (("types", index, "event_type"),
                       f"unknown event type {rule.event_type!r}; known: {', '.join(self.event_types)}")

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return ((("types", index, "id"), r.id) for index, r in enumerate(self.types))


class EventTypeEntry(RuleModel):
    covers: NonEmpty  # what the type takes in
    maps_to: NonEmpty  # where it sits in ACE 2005 / CAMEO, or that it has no counterpart


class EventTaxonomyFile(RuleModel):
    """rules/event_taxonomy.json: the classes, types and date sources of events (guideline, events v2)."""

    note: str = ""
    classes: Annotated[dict[NonEmpty, NonEmpty], Field(min_length=1)]  # TimeML class -> meaning
    types: Annotated[dict[NonEmpty, EventTypeEntry], Field(min_length=1)]
    date_sources: Annotated[dict[NonEmpty, NonEmpty], Field(min_length=1)]
    statuses: Annotated[list[NonEmpty], Field(min_length=1)]
    modalities: list[NonEmpty]


TimemlClass = Literal["OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"]
Lemmas = Annotated[list[NonEmpty], Field(min_length=1)]


class EventVerbs(RuleModel):
    """The rule 'a verb is an event': which parts of speech, its default class, the dependencies that rule it out."""

    id: RuleId
    pos: Annotated[list[Literal["VERB", "AUX"]], Field(min_length=1)]
    class_: TimemlClass = Field(alias="class")
    not_deps: list[NonEmpty] = []
    # a verb coordinated with a word of one of these parts of speech, with no subject or auxiliary of its own, is
    # a participle or noun the tagger misread ("the deep and enduring cooperation")
    not_conjunct_of: list[Literal["ADJ", "NOUN", "PROPN"]] = []
    note: str = ""


class WordListRule(RuleModel):
    id: RuleId
    lemmas: Lemmas
    not_deps: list[NonEmpty] = []  # the rule does not apply to a word hanging on its head this way
    deps: list[NonEmpty] = []  # when given, the rule applies only to a word hanging on its head one of these ways
    with_deps: list[NonEmpty] = []  # when given, the rule applies only to a word with a dependent of one of these
    note: str = ""


class EventClassRule(RuleModel):
    id: RuleId
    class_: TimemlClass = Field(alias="class")
    pos: Annotated[list[Literal["VERB", "NOUN", "ADJ"]], Field(min_length=1)]
    lemmas: Lemmas
    note: str = ""


class EventPhraseRule(RuleModel):
    """A trigger of two words: a verb and one dependent ("went bankrupt", "took over")."""

    id: RuleId
    lemmas: list[NonEmpty] = []  # the verb; empty: any verb
    dep: Literal["prt", "acomp", "dobj", "oprd", "advmod"]
    complements: Lemmas
    head: Literal["verb", "complement"]  # the word TimeML marks
    class_: TimemlClass | None = Field(None, alias="class")  # None: the class of the verb alone
    adjacent: bool = False  # only when the second word directly follows the verb
    note: str = ""


class NounContextRule(RuleModel):
    """A place in the sentence that makes a noun outside the event-noun lists an event, whatever the word: the
    noun hangs on a word of `words` (lower case, or its lemma) by one of `deps` ("after the crossing"), has a
    dependent of one of the kinds of `specifiers` ("det", "poss": "the", "his"), a fine-grained tag of `tags`
    (each: any when empty) and a lemma outside `not_lemmas` ("during the time": a stretch of time, no happening)."""

    id: RuleId
    deps: Annotated[list[NonEmpty], Field(min_length=1)]
    words: Annotated[list[NonEmpty], Field(min_length=1)]
    specifiers: list[Literal["det", "poss"]] = []
    tags: list[NonEmpty] = []
    not_lemmas: list[NonEmpty] = []
    not_deps: list[NonEmpty] = []  # never a noun hanging on its head this way ("compound")
    note: str = ""


class MetadataLinesRule(RuleModel):
    """Header lines that only carry metadata name no happening ("Published: 12 March 2025"): one of the first
    `header_lines` non-empty lines, of at most `max_words` words, that opens with one of `labels` followed by
    ":", "/" or "|", or with one of them on the line the publication date was read from."""

    id: RuleId
    labels: Annotated[list[NonEmpty], Field(min_length=1)]
    header_lines: Annotated[int, Field(ge=1)] = 6
    max_words: Annotated[int, Field(ge=1)] = 12
    note: str = ""


class EventMentionsFile(RuleModel):
    """rules/event_mentions.json: which words are event mentions (TimeML-broad) and their classes."""

    note: str = ""
    verbs: EventVerbs
    not_event_verbs: list[WordListRule]
    event_nouns: list[WordListRule]
    state_adjectives: list[WordListRule]
    classes: list[EventClassRule]
    phrases: list[EventPhraseRule]
    noun_contexts: list[NounContextRule] = []  # nouns outside the lists that their sentence makes events
    metadata_lines: MetadataLinesRule | None = None  # header lines with no event ("Published: …")

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        yield ("verbs", "id"), self.verbs.id
        if self.metadata_lines is not None:
            yield ("metadata_lines", "id"), self.metadata_lines.id
        for key in ("not_event_verbs", "event_nouns", "state_adjectives", "classes", "phrases", "noun_contexts"):
            for index, rule in enumerate(getattr(self, key)):
                yield (key, index, "id"), rule.id


class EventTypeRule(RuleModel):
    """One trigger -> type rule: the mentions it fits (lemma, part of speech, class, argument) and their type."""

    id: RuleId
    event_type: NonEmpty  # a type of rules/event_taxonomy.json
    lemmas: list[NonEmpty] = []  # lemmas of the trigger ("take over" for a phrase); empty: any
    pos: list[Literal["VERB", "NOUN", "PROPN", "ADJ"]] = []  # empty: any
    classes: list[TimemlClass] = []  # empty: any
    arguments: list[NonEmpty] = []  # when given: one argument of the trigger has one of these lemmas
    class_: TimemlClass | None = Field(None, alias="class")  # the class of a mention this rule types (its object
    # decides it: "launched the new phone" is no ASPECTUAL start of another event)
    note: str = ""


class SentenceTypeRule(RuleModel):
    """Lemmas typed by the happening of their sentence ("killed" in a bombing is an attack)."""

    id: RuleId
    lemmas: Lemmas
    types: Annotated[list[NonEmpty], Field(min_length=1)]
    note: str = ""


class EventTypesFile(RuleModel):
    """rules/event_types.json: the trigger -> type lexicon of events version 2."""

    note: str = ""
    types: list[EventTypeRule]
    from_sentence: list[SentenceTypeRule] = []

    def problems(self) -> Iterator[Problem]:
        for index, rule in enumerate(self.types):
            if not rule.lemmas and not rule.classes:
                yield ("types", index), "a rule names lemmas, classes or both"

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        for index, rule in enumerate(self.types):
            yield ("types", index, "id"), rule.id
        for index, sentence_rule in enumerate(self.from_sentence):
            yield ("from_sentence", index, "id"), sentence_rule.id

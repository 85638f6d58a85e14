"""The model of rules/noun_events.json: how a happening named by a noun ("the takeover", "talks") gets its
participants and its date from the words around it."""

from __future__ import annotations

from typing import Annotated, Iterator

from pydantic import Field

from extract.core.schemas.base import NonEmpty, RuleId, RuleModel
from extract.core.schemas.locate import Loc, Problem

Words = Annotated[list[NonEmpty], Field(min_length=1)]


class NounWordList(RuleModel):
    id: RuleId
    words: Words  # lower case
    note: str = ""


class SupportVerbRule(RuleModel):
    """Words that introduce the happening their complement names ("held talks", "made an offer", "called for
    talks")."""

    id: RuleId
    lemmas: Words  # lower case
    complements: Words  # "dobj", "attr", "nsubjpass", or a preposition ("came to a conclusion": "to")
    note: str = ""


class NounEventsFile(RuleModel):
    note: str = ""
    argument_preps: NounWordList  # "the takeover of X by Y", "talks with X": the object takes part
    quantity_nouns: NounWordList  # "a number of conferences": the noun stands where the quantity stands
    support_verbs: list[SupportVerbRule]
    time_preps: NounWordList  # "after a confrontation", "during his visit": the noun shares its verb's date
    future_modifiers: NounWordList  # "the planned acquisition": a happening still to come
    intention_words: list[SupportVerbRule]  # "called for the implementation", "the need for collaboration": not asserted
    past_preps: NounWordList  # "left after a confrontation": the happening came before its clause's
    aftermath_words: list[SupportVerbRule] = []  # "will look into the incident": the happening is over

    def problems(self) -> Iterator[Problem]:
        lists: list[tuple[Loc, list[str]]] = [(("argument_preps", "words"), self.argument_preps.words),
                                              (("quantity_nouns", "words"), self.quantity_nouns.words),
                                              (("time_preps", "words"), self.time_preps.words),
                                              (("future_modifiers", "words"), self.future_modifiers.words),
                                              (("past_preps", "words"), self.past_preps.words)]
        for section in ("support_verbs", "intention_words", "aftermath_words"):
            for index, rule in enumerate(getattr(self, section)):
                lists += [((section, index, "lemmas"), rule.lemmas), ((section, index, "complements"), rule.complements)]
        for loc, words in lists:
            for position, word in enumerate(words):
                if word != word.lower():
                    yield loc + (position,), f"{word!r} is not lower case; words are matched in lower case"

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        for section in ("argument_preps", "quantity_nouns", "time_preps", "future_modifiers", "past_preps"):
            yield (section, "id"), getattr(self, section).id
        for section in ("support_verbs", "intention_words", "aftermath_words"):
            for index, rule in enumerate(getattr(self, section)):
                yield (section, index, "id"), rule.id

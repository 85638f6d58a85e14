"""The model of rules/coreference.json: pronouns and descriptions that stand for an earlier participant."""

from __future__ import annotations

from typing import Annotated, Iterator, Literal

from pydantic import Field

from extract.core.schemas.base import NonEmpty, RuleId, RuleModel
from extract.core.schemas.locate import Loc, Problem

Refers = Literal["PERSON", "ORG"]
Gender = Literal["", "male", "female"]
Words = Annotated[list[NonEmpty], Field(min_length=1)]


class CoreferencePronoun(RuleModel):
    id: RuleId
    words: Words  # lower case
    refers: Refers
    gender: Gender = ""
    subject_only: bool = False  # only a subject of the sentence before, or of its own before it
    note: str = ""


class CoreferenceNoun(RuleModel):
    id: RuleId
    lemmas: Words  # lower case; the noun must be definite ("the", "this", "that")
    refers: Refers
    gender: Gender = ""
    name_word: bool = False  # the organisation's name holds the noun ("the police" -> "Irving Police Department")
    titled: bool = False  # only a person introduced with the noun as title ("Minister X")
    note: str = ""


class CoreferenceTitle(RuleModel):
    id: RuleId
    gender: Literal["male", "female"]
    words: Words  # lower case, as written before a name ("mr.", "ms")


class CoreferenceGivenNames(RuleModel):
    id: RuleId
    gender: Literal["male", "female"]
    names: Words  # as written (first word of a person's canonical name)


class ControlVerbs(RuleModel):
    id: RuleId
    lemmas: Words  # lower case
    note: str = ""


class PronounWords(RuleModel):
    """A list of pronouns that one rule resolves (speaker_pronouns, reported_pronouns)."""

    id: RuleId
    words: Words  # lower case
    note: str = ""


class ReportedPronouns(PronounWords):
    """reported_pronouns: the pronouns, and the verbs whose subject they never stand for anyone as."""

    empty_subject_verbs: Words = []  # lower case: "be" ("said it is likely that": an empty "it")


class ActingNouns(RuleModel):
    """Nouns for the people or units an organisation acts by, and for what it gives or does ("officials", "funding")."""

    id: RuleId
    lemmas: Words  # lower case
    agent_suffixes: list[NonEmpty] = []  # endings of nouns for people: "hacker", "investor", "activist"
    not_agent_suffixes: list[NonEmpty] = []  # endings that undo them: "document", "agreement"
    note: str = ""


class CoreferenceFile(RuleModel):
    note: str = ""
    pronouns: list[CoreferencePronoun]
    nouns: list[CoreferenceNoun]
    titles: list[CoreferenceTitle]
    given_names: list[CoreferenceGivenNames]
    control_verbs: ControlVerbs  # object control: "persuaded him to travel"
    speaker_pronouns: PronounWords  # first person inside a quotation: its speaker
    reported_pronouns: ReportedPronouns  # subject of a reported clause: the reporter ("GM said it would cut")
    acting_nouns: ActingNouns | None = None  # "Acme officials", "EU funding": the organisation takes part

    def problems(self) -> Iterator[Problem]:
        sections = (("pronouns", self.pronouns), ("nouns", self.nouns), ("titles", self.titles),
                    ("control_verbs", [self.control_verbs]), ("speaker_pronouns", [self.speaker_pronouns]),
                    ("reported_pronouns", [self.reported_pronouns]),
                    ("acting_nouns", [self.acting_nouns] if self.acting_nouns is not None else []))
        for section, records in sections:
            for index, record in enumerate(records):
                words = record.words if isinstance(record, (CoreferencePronoun, CoreferenceTitle, PronounWords)) \
                    else record.lemmas
                if isinstance(record, ReportedPronouns):
                    words = [*words, *record.empty_subject_verbs]
                for word in words:
                    if word != word.lower():
                        yield (section, index), f"{word!r} is not lower case; words are matched in lower case"
        genders: dict[str, str] = {}
        for index, given in enumerate(self.given_names):
            for name in given.names:
                if genders.setdefault(name, given.gender) != given.gender:
                    yield ("given_names", index), f"{name!r} is listed as both male and female"

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        for section in ("pronouns", "nouns", "titles", "given_names"):
            for index, record in enumerate(getattr(self, section)):
                yield (section, index, "id"), record.id
        yield ("control_verbs", "id"), self.control_verbs.id
        yield ("speaker_pronouns", "id"), self.speaker_pronouns.id
        yield ("reported_pronouns", "id"), self.reported_pronouns.id
        if self.acting_nouns is not None:
            yield ("acting_nouns", "id"), self.acting_nouns.id

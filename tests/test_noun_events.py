"""Happenings named by nouns (rules/noun_events.json): who takes part and which date they take. Every
sentence here was written for these tests; the model's parse is part of what is tested."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extract.core.documents import Document
from extract.core.settings import Settings
from extract.events.extraction import Event
from extract.pipeline.process import Resources, process

pytestmark = pytest.mark.model
PUBLISHED = date(2025, 5, 13)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


def rows(resources: Resources, text: str) -> dict[str, Event]:
    (result,) = process([Document("t", "t.txt", text, published=PUBLISHED)], resources)
    assert result.document.ok, result.document.error
    return {e.trigger: e for e in result.events}


@pytest.mark.parametrize(("text", "trigger", "names"), [
    # the noun's own arguments: possessor, "of / by / with / against" objects
    ("Kessler Bank's takeover of Ostwind Energy shocked investors.", "takeover", {"Kessler Bank", "Ostwind Energy"}),
    ("The takeover of Ostwind Energy by Kessler Bank shocked investors.", "takeover", {"Kessler Bank", "Ostwind Energy"}),
    # the subject of a support verb, and its partner ("with")
    ("Kessler Bank held talks with Ostwind Energy last week.", "talks", {"Kessler Bank", "Ostwind Energy"}),
    ("Kessler Bank made an offer for Ostwind Energy.", "offer", {"Kessler Bank", "Ostwind Energy"}),
    ("Ostwind Energy faces an investigation by the European Commission.", "investigation",
     {"Ostwind Energy", "European Commission"}),
    # a passive support verb: its agent
    ("The offer was made by Kessler Bank.", "offer", {"Kessler Bank"}),
    # the quantity a noun is counted by stands in for it
    ("Kessler Bank held a series of meetings with Ostwind Energy.", "meetings", {"Kessler Bank", "Ostwind Energy"}),
    # a verb that is no support verb lends no subject
    ("Anna Lind praised the takeover of Ostwind Energy.", "takeover", {"Ostwind Energy"}),
    ("Anna Lind spoke after the meeting.", "meeting", set()),
])
def test_noun_participants(resources: Resources, text: str, trigger: str, names: set[str]) -> None:
    event = rows(resources, text)[trigger]
    assert set(event.people) | set(event.organisations) == names


@pytest.mark.parametrize(("text", "trigger", "dated"), [
    # a noun in a time phrase of a dated verb happened then
    ("In 2007, Valeska Roe left the company after a clash with its managers.", "clash", ("2007", "explicit")),
    # a support verb lends the noun its date
    ("On 4 June 2024, Kessler Bank made an offer for Ostwind Energy.", "offer", ("2024-06-04", "explicit")),
    # a noun in a prepositional phrase is not placed by its clause's present tense or day in force
    ("Investors worry about the takeover of Ostwind Energy.", "takeover", ("", "tense")),
    ("Investors worry about the takeover.", "worry", ("2025-05-13", "published")),
    # the date of the occasion it took place at
    ("The deadliest stampede during the 1991 Hajj killed hundreds.", "stampede", ("1991", "explicit")),
])
def test_noun_dates(resources: Resources, text: str, trigger: str, dated: tuple[str, str]) -> None:
    event = rows(resources, text)[trigger]
    assert (event.date, event.date_source) == dated


@pytest.mark.parametrize(("text", "trigger", "placed"), [
    # a modifier that names the happening as still to come: scheduled, whatever the tense of its clause
    ("Investors feared the proposed merger.", "merger", ("", "tense", "scheduled")),
    ("Analysts discussed the upcoming election.", "election", ("", "tense", "scheduled")),
    ("The proposed merger is a mistake.", "merger", ("", "tense", "scheduled")),
    # a date of its own still places it
    ("The planned meeting will take place on May 16.", "meeting", ("2025-05-16", "explicit", "scheduled")),
    # without one, the clause's tense does
    ("Investors feared the merger.", "merger", ("", "tense", "past")),
])
def test_happenings_still_to_come(resources: Resources, text: str, trigger: str, placed: tuple[str, str, str]) -> None:
    event = rows(resources, text)[trigger]
    assert (event.date, event.date_source, event.status) == placed


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("The union called for talks with Kessler Bank.", "talks", "hypothetical"),
    ("Investors need a merger of the two banks.", "merger", "hypothetical"),
    ("The union held talks with Kessler Bank.", "talks", ""),
    ("The mayor called the merger a mistake.", "merger", ""),  # 'call' names it, it asks for nothing
])
def test_wanted_happenings_are_hypothetical(resources: Resources, text: str, trigger: str, modality: str) -> None:
    assert rows(resources, text)[trigger].modality == modality


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # "after" / "following" place the noun's happening before its clause's: over, unless the clause is future
    ("The firm is recovering after the collapse of its bank.", "collapse", "past"),
    ("Rescuers would search the river after the collapse.", "collapse", "past"),
    ("Kessler Bank will reopen after the collapse.", "collapse", "scheduled"),
])
def test_a_happening_after_which_the_clause_happens_is_over(resources: Resources, text: str, trigger: str,
                                                            status: str) -> None:
    assert rows(resources, text)[trigger].status == status


def test_without_the_past_prepositions_the_clause_places_the_noun(resources: Resources) -> None:
    nouns = resources.event_rules.nouns
    assert nouns is not None and nouns.past_preps
    switched_off = replace(resources, event_rules=replace(resources.event_rules, nouns=replace(nouns, past_preps=frozenset())))
    assert rows(switched_off, "The firm is recovering after the collapse of its bank.")["collapse"].status == "ongoing"


@pytest.mark.parametrize(("text", "trigger", "placed"), [
    # a happening named as wanted, asked for or needed is still to come (guideline A8), in a past clause too
    ("The union called for talks with Kessler Bank.", "talks", ("hypothetical", "scheduled")),
    ("The charity requested donations last week.", "donations", ("hypothetical", "scheduled")),
    ("Investors stressed the need for a merger of the two banks.", "merger", ("hypothetical", "scheduled")),
    # told as happening: the clause's tense places it
    ("The union held talks with Kessler Bank.", "talks", ("", "past")),
])
def test_wanted_happenings_are_still_to_come(resources: Resources, text: str, trigger: str,
                                             placed: tuple[str, str]) -> None:
    event = rows(resources, text)[trigger]
    assert (event.modality, event.status) == placed


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # a word that can only follow the happening it introduces (investigating, judging, mourning it): over,
    # whatever the tense of its clause
    ("The ministry will look into the incident.", "incident", "past"),
    ("Regulators will investigate the crash.", "crash", "past"),
    ("The mayor condemns the attack.", "attack", "past"),
    # a word that may come first leaves the clause's tense in charge
    ("The ministry will attend the meeting.", "meeting", "scheduled"),
])
def test_a_happening_looked_back_on_is_over(resources: Resources, text: str, trigger: str, status: str) -> None:
    assert rows(resources, text)[trigger].status == status


def test_without_the_aftermath_words_the_clause_places_the_noun(resources: Resources) -> None:
    nouns = resources.event_rules.nouns
    assert nouns is not None and nouns.aftermath_words
    switched_off = replace(resources, event_rules=replace(resources.event_rules, nouns=replace(nouns, aftermath_words=())))
    assert rows(switched_off, "The ministry will look into the incident.")["incident"].status == "scheduled"

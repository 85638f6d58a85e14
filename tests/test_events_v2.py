"""Every event mention (events version 2) on invented sentences: the type rule that typed it, how it
was dated, and who took part. Every sentence here was written for these tests; the model's parse is
part of what is tested, so the model is loaded once per module.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.core.documents import Document
from extract.core.errors import RuleFileError
from extract.core.settings import Settings
from extract.events.event_types import load_event_type_rules
from extract.events.extraction import Event
from extract.pipeline.process import Resources, process

pytestmark = pytest.mark.model
PUBLISHED = date(2025, 5, 13)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


def mentions(resources: Resources, text: str, published: date | None = PUBLISHED) -> dict[str, Event]:
    (result,) = process([Document("t", "t.txt", text, published=published)], resources)
    assert result.document.ok, result.document.error
    return {e.trigger: e for e in result.events}


@pytest.mark.parametrize(("text", "trigger", "event_type", "rule"), [
    ("Shares of Norvik Shipping fell 12% on Tuesday.", "fell", "market_move", "type-market-move-args"),
    ("Oil prices rose sharply after the announcement.", "rose", "market_move", "type-market-move-args"),
    # an index written as an "average", and the noun a relative clause's subject stands for
    ("The Dow Jones Industrial Average slid 2% on Monday.", "slid", "market_move", "type-market-move-args"),
    ("Weak chip stocks hurt the Nasdaq 100 Index, which fell 1.4% on Friday.", "fell", "market_move",
     "type-market-move-args"),
    # results that rise or fall are earnings, not a market move
    ("Kessler Bank said net income rose 21% to $3 million.", "rose", "earnings", "type-earnings-args"),
    ("Revenue fell to $52.4 million from $50.1 million.", "fell", "earnings", "type-earnings-args"),
    ("The carrier will cut 800 jobs in Denmark.", "cut", "job_cuts", "type-job-cuts-args"),
    ("Velmora Foods said it would acquire Brindle Dairy.", "acquire", "acquisition", "type-acquisition"),
    ("Police arrested two men near the harbour.", "arrested", "lawsuit", "type-lawsuit"),
    ("The storm flooded the valley and killed four people.", "killed", "accident", "type-casualties"),
    ("Gunmen attacked the convoy and killed four soldiers.", "killed", "attack", "type-casualties"),
    ("Tarrow Bank reported a record profit for the quarter.", "reported", "earnings", "type-earnings-args"),
    ("The mayor said the bridge was safe.", "said", "statement", "type-statement-reporting"),
    ("The old crane began to fall towards the square.", "fall", "", ""),
    ("Brindle Foods released a new version of its app.", "released", "product_launch", "type-product-launch-args"),
    ("The driver was released on bail on Friday.", "released", "", ""),
    ("The union launched a petition against the tax.", "launched", "", ""),
    ("Two members left the organisation in March.", "left", "resignation", "type-resignation-args"),
    # winning over a rival takes the type its sentence tells: a vote, a fight, or none (a match)
    ("Tomas Eld was elected in the north, while Ana Berg was defeated.", "defeated", "election",
     "type-contest-from-sentence"),
    ("The rebels attacked the town, but the army defeated them within a day.", "defeated", "attack",
     "type-contest-from-sentence"),
    ("The home side defeated the visitors in the cup final.", "defeated", "", ""),
])
def test_type_rules(resources: Resources, text: str, trigger: str, event_type: str, rule: str) -> None:
    event = mentions(resources, text)[trigger]
    assert (event.event_type, event.type_rule) == (event_type, rule)


@pytest.mark.parametrize(("text", "trigger", "event_class", "event_type"), [
    # the object decides: a product or service launched is an OCCURRENCE of a product launch (a PRODUCT mention
    # counts as a product); a launched happening ("a petition", "a probe") is the ASPECTUAL start of it, untyped
    ("Halden launched the new Vero 5 phone on Monday.", "launched", "OCCURRENCE", "product_launch"),
    ("Kessler Bank launched a new mobile app in May.", "launched", "OCCURRENCE", "product_launch"),
    ("The regulator launched a probe into the deal.", "launched", "ASPECTUAL", ""),
    ("The union launched a petition against the tax.", "launched", "ASPECTUAL", ""),
])
def test_the_object_decides_the_class_of_a_launch(resources: Resources, text: str, trigger: str, event_class: str,
                                                  event_type: str) -> None:
    event = mentions(resources, text)[trigger]
    assert (event.event_class, event.event_type) == (event_class, event_type)


def test_every_type_of_the_lexicon_is_one_of_the_taxonomy(settings: Settings, tmp_path) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    for name in ("event_taxonomy.json", "event_types.json"):
        (rules_dir / name).write_text((settings.rules_dir / name).read_text())
    path = rules_dir / "event_types.json"
    path.write_text(path.read_text().replace('"event_type": "acquisition"', '"event_type": "takeovers"', 1))
    with pytest.raises(RuleFileError, match="takeovers"):
        load_event_type_rules(rules_dir)


@pytest.mark.parametrize(("text", "trigger", "source", "day", "status"), [
    ("On Monday, Halvard Energy opened a plant in Bergen.", "opened", "explicit", "2025-05-12", "past"),
    ("On Monday, the company said it would close the plant.", "said", "explicit", "2025-05-12", "past"),
    ("On Monday, the company said it would close the plant.", "close", "tense", "", "scheduled"),
    ("The inspectors arrived on 2 May 2025. They inspected the dam.", "inspected", "narrative", "2025-05-02", "past"),
    ("The minister says the port is open.", "says", "published", "2025-05-13", "ongoing"),
    ("The firm has announced a new chairman.", "announced", "published", "2025-05-13", "past"),
    ("The bakery went bankrupt.", "went bankrupt", "tense", "", "past"),
    ("The museum will reopen.", "reopen", "tense", "", "scheduled"),
    # a bare verb conjoined to a 'to'-infinitive or a future shares its verb group; to a past verb, the past
    ("Residents asked the council to repair the bridge and reopen the road.", "reopen", "tense", "", "scheduled"),
    ("The museum will close in winter and reopen in spring.", "reopen", "tense", "", "scheduled"),
    ("The mayor met the workers and thanked them.", "thanked", "tense", "", "past"),
    # a type of happening the article dated once: a later narrative clause of that type is that happening
    ("The Varn council election was held on 4 May 2025.\n\nResults\n\nIn the north, Tomas Eld was elected "
     "with 800 votes.", "elected", "narrative", "2025-05-04", "past"),
    # a hyphen-prefixed verb is read from its stem with its auxiliary: past, so the day in force dates it
    ("The Varn council election was held on 4 May 2025.\n\nResults\n\nIn the north, the two councillors were "
     "successfully re-elected.", "re-elected", "narrative", "2025-05-04", "past"),
    # an inherited day must agree with the happening's own tense: a past verb never after publication
    ("The regulator will rule on the merger on 20 May 2025. Shares of Halden Bank fell 3%.", "fell", "tense", "",
     "past"),
    ("The summit will open in Oslo on 20 May 2025. The ministers signed an agreement on energy.", "signed", "tense",
     "", "past"),  # the same for a trigger of the press-release lexicon
    # a verb told in the past is past whatever date its clause gives; a plan with that date is scheduled
    ("Dunmore Bank extended its offer for Keld Foods to 20 May 2025.", "extended", "explicit", "2025-05-20", "past"),
    ("Halden Air signed a deal on 20 May 2025 to buy jets.", "signed", "explicit", "2025-05-20", "past"),
    ("The museum will reopen on 20 May 2025.", "reopen", "explicit", "2025-05-20", "scheduled"),
    ("The regulator ruled on the merger on 9 May 2025. Shares of Halden Bank fell 3%.", "fell", "narrative",
     "2025-05-09", "past"),
])
def test_date_sources(resources: Resources, text: str, trigger: str, source: str, day: str, status: str) -> None:
    event = mentions(resources, text)[trigger]
    assert (event.date_source, event.date, event.status) == (source, day, status)


def test_a_participle_after_its_noun_restates_the_dated_happening_and_the_copula_names_who(resources: Resources) -> None:
    text = ("The Varn council election was held on 4 May 2025.\n\nResults\n\nThe candidates elected in the north "
            "were Tomas Eld and Ana Berg.")
    event = mentions(resources, text)["elected"]
    assert (event.date_source, event.date) == ("narrative", "2025-05-04")
    assert set(event.people) == {"Tomas Eld", "Ana Berg"}


def test_a_participle_after_its_noun_does_not_take_the_day_in_force(resources: Resources) -> None:
    text = "The inspectors arrived on 2 May 2025. They inspected the dam built by Halvard Energy."
    assert mentions(resources, text)["built"].date_source != "narrative"


@pytest.mark.parametrize(("text", "trigger", "lemma"), [
    ("On 12 May the Third EU-Japan Digital Partnership Council was held in Tokyo.",
     "EU-Japan Digital Partnership Council", "eu-japan digital partnership council"),  # "Third" is no part of it
    ("The trade talks ended on Monday.", "talks", "talk"),  # a lower-case noun is its head word alone
    ("The Nordic Apple Fair took place on 12 May.", "Nordic Apple Fair", "nordic apple fair"),  # never "The"
])
def test_a_named_happening_is_marked_whole(resources: Resources, text: str, trigger: str, lemma: str) -> None:
    found = mentions(resources, text)
    assert trigger in found and found[trigger].lemma == lemma


def test_a_persons_party_is_who_they_are_not_a_participant(resources: Resources) -> None:
    event = mentions(resources, "Tomas Eld of the Labour Party was elected on 4 May 2025.")["elected"]
    assert (event.people, event.organisations) == (("Tomas Eld",), ())
    event = mentions(resources, "The court fined Tomas Eld and the Labour Party on 4 May 2025.")["fined"]
    assert event.organisations == ("Labour Party",)


def test_a_type_of_happening_dated_twice_lends_neither_date(resources: Resources) -> None:
    text = ("The Varn council election was held on 4 May 2025. The Osk council election was held on 11 May 2025."
            "\n\nResults\n\nIn the north, Tomas Eld was elected with 800 votes.")
    event = mentions(resources, text)["elected"]
    assert (event.date_source, event.date) == ("tense", "")


def test_without_a_publication_date_present_tense_is_placed_by_tense(resources: Resources) -> None:
    event = mentions(resources, "The minister says the port is open.", published=None)["says"]
    assert (event.date_source, event.date, event.status) == ("tense", "", "ongoing")


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("Ostwind did not sign the contract.", "sign", "negated"),
    ("The union could strike next month.", "strike", "hypothetical"),
    ("The union struck last month.", "struck", ""),
    # guideline A8: purpose clauses and what is aimed at or asked for are not asserted; plans are (scheduled)
    ("The mayor met the growers to discuss the harvest.", "discuss", "hypothetical"),
    ("Velmont Cider aims to open a second plant.", "open", "hypothetical"),
    ("The charity asked residents to donate blankets.", "donate", "hypothetical"),
    ("Velmont Cider plans to open a second plant.", "open", ""),
    ("Cider prices continued to rise.", "rise", ""),
])
def test_modality(resources: Resources, text: str, trigger: str, modality: str) -> None:
    assert mentions(resources, text)[trigger].modality == modality


def test_participants_through_coordination(resources: Resources) -> None:
    event = mentions(resources, "Anna Lindqvist and Omar Haddad resigned from the board.")["resigned"]
    assert event.people == ("Anna Lindqvist", "Omar Haddad")


def test_subject_and_object_organisations_take_part(resources: Resources) -> None:
    event = mentions(resources, "Kessler Bank sued Brightwater Capital.")["sued"]
    assert event.organisations == ("Kessler Bank", "Brightwater Capital")


def test_a_country_is_never_an_organisation(resources: Resources) -> None:
    text = "Norway signed the treaty. Norway and Sweden met in Oslo to discuss fishing quotas."
    for event in mentions(resources, text).values():
        assert "Norway" not in event.organisations and "Sweden" not in event.organisations


def test_every_mention_is_a_row_dated_or_not(resources: Resources) -> None:
    found = mentions(resources, "The crane collapsed. Rescuers searched the site, and the mayor said the square was closed.")
    assert {"collapsed", "searched", "said", "closed"} <= set(found)
    assert all(e.event_class and e.lemma and e.detect_rule for e in found.values())


def test_a_header_line_of_metadata_names_no_happening(resources: Resources) -> None:
    text = ("Published: 12 May 2025\nUpdated: 13 May 2025 10:00 GMT\nBy / Tomas Eld\n\n"
            "Halvard Energy opened a plant in Bergen on Monday.")
    found = mentions(resources, text)
    assert not {"Published", "Updated"} & set(found)
    assert (found["opened"].date_source, found["opened"].date) == ("explicit", "2025-05-12")


@pytest.mark.parametrize(("text", "published_span", "metadata"), [
    ("Published: 12 May 2025\n\nThe plant opened.", None, ["Published: 12 May 2025\n"]),
    ("By / Tomas Eld\nThe plant opened.", None, ["By / Tomas Eld\n"]),
    ("Updated 13 May 2025\n\nThe plant opened.", (8, 19), ["Updated 13 May 2025\n"]),  # the publication date's line
    ("Updated 13 May 2025\n\nThe plant opened.", None, []),  # a label without a separator, on another line
    ("By 2030 the plant will close\n\nThe plant opened.", None, []),  # a headline, no metadata
    ("Bypass roads: a plan\n\nThe plant opened.", None, []),  # a word that only starts with a label
    ("Published: 12 May 2025 by the regional council of Varn for its members in the north and south of the country",
     None, []),  # too long for a header line
])
def test_metadata_lines(resources: Resources, text: str, published_span: tuple[int, int] | None,
                        metadata: list[str]) -> None:
    lines = resources.event_rules.mentions.metadata_lines
    assert lines is not None
    assert [text[start:end] for start, end in lines.spans(text, published_span)] == metadata

"""Dated events on invented sentences: trigger, date, participants and place attachment.

These need the statistical model (the dependency parse is what is tested); it is loaded once per module.
Every sentence here was written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.core.documents import Document
from extract.core.settings import Settings
from extract.events.extraction import Event, EventInputs, event_date, event_status, load_trigger_lexicon
from extract.pipeline.process import DocResult, Resources, analyse, parser_text, process

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


def events_of(resources: Resources, text: str, published: date | None = None) -> list[Event]:
    """The dated happenings of the press-release lexicon (the version 1 view of events.csv: rows with a
    `rule`, dated explicitly or by the narrative); test_events_v2.py tests every mention."""
    (result,) = process([Document("t", "t.txt", text, published=published)], resources)
    assert result.document.ok, result.document.error
    dated = [e for e in result.events if e.rule and e.date_source in ("explicit", "narrative")]
    return sorted(dated, key=lambda e: (e.trigger_start, e.date))


def one(resources: Resources, text: str, published: date | None = None) -> Event:
    found = events_of(resources, text, published)
    assert len(found) == 1, found
    return found[0]


# --- development cases: the constructions of the guideline --------------------------------------

def test_date_governing_the_verb_dates_one_event_with_both_organisations(resources: Resources) -> None:
    event = one(resources, "On 3 March 2024, the European Space Agency and the Government of Canada signed "
                           "a memorandum of understanding on lunar research.")
    assert (event.date, event.event_type, event.trigger, event.status) == ("2024-03-03", "agreement", "signed", "past")
    assert event.organisations == ("European Space Agency", "Government of Canada")
    assert event.rule == "trigger-agreement-verb"
    assert event.sentence.startswith("On 3 March 2024") and event.start == 0


def test_a_list_of_days_is_one_event_per_day(resources: Resources) -> None:
    found = events_of(resources, "During a week-long mission, Minister Ana Ribeiro visited Lisbon on Monday 3, "
                                 "Wednesday 5 and Friday 7 June 2024.")
    assert [e.date for e in found] == ["2024-06-03", "2024-06-05", "2024-06-07"]
    assert {(e.trigger, e.people, e.location) for e in found} == {("visited", ("Ana Ribeiro",), "Lisbon")}


def test_a_range_is_one_event_with_an_end_date(resources: Resources) -> None:
    event = one(resources, "The Nordic Robotics Summit, held in Oslo from May 12 to May 15, 2025, drew record crowds.")
    assert (event.date, event.date_end, event.event_type, event.location) == ("2025-05-12", "2025-05-15", "meeting", "Oslo")


def test_the_day_in_force_dates_the_next_sentence_of_the_paragraph_only(resources: Resources) -> None:
    found = events_of(resources, "On Tuesday 4 June 2024, the delegation visited the University of Porto.\n"
                                 "The day continued with a meeting with the Portuguese Space Agency.\n\n"
                                 "In another paragraph, the delegation visited more laboratories.")
    assert [(e.trigger, e.date) for e in found] == [("visited", "2024-06-04"), ("meeting", "2024-06-04")]
    assert found[1].organisations == ("Portuguese Space Agency",)


def test_a_frame_verb_lends_its_arguments_to_the_event_noun(resources: Resources) -> None:
    event = one(resources, "On Thursday 6 June 2024, Minister Ana Ribeiro attended an official dinner at the "
                           "Lisbon City Hall, organised by the Gulbenkian Foundation.")
    assert (event.trigger, event.event_type, event.date) == ("dinner", "meeting", "2024-06-06")
    assert event.people == ("Ana Ribeiro",)
    assert "Gulbenkian Foundation" in event.organisations


def test_with_and_by_phrases_are_participants(resources: Resources) -> None:
    event = one(resources, "On 12 April 2024, the board held a meeting with Siemens to discuss new contracts.")
    assert (event.trigger, event.organisations) == ("meeting", ("Siemens",))


def test_a_purpose_infinitive_is_not_an_event(resources: Resources) -> None:
    found = events_of(resources, "A joint workshop is planned for the end of 2026 to discuss shared projects.",
                      published=date(2025, 3, 1))
    assert [(e.trigger, e.date, e.status) for e in found] == [("workshop", "2026", "scheduled")]


def test_a_scheduled_event_takes_its_place(resources: Resources) -> None:
    event = one(resources, "The next summit is scheduled for 2027 in Brussels, where the progress will be reviewed.",
                published=date(2025, 3, 1))
    assert (event.date, event.status, event.location) == ("2027", "scheduled", "Brussels")


# --- what is not an event -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    pytest.param("The ministers did not sign the agreement on 5 May 2024.", id="negated"),
    pytest.param("The company would open a new plant in March 2026.", id="hypothetical"),
    pytest.param("The agency recently hosted a conference on climate research.", id="undated"),
    pytest.param("The institute was founded to train engineers.", id="background-undated"),
    pytest.param("It will continue to strengthen its ties with partners.", id="plan-undated"),
])
def test_not_events(resources: Resources, text: str) -> None:
    assert events_of(resources, text, published=date(2024, 6, 10)) == []


def test_the_publication_line_is_not_an_event(resources: Resources) -> None:
    text = "Madrid, Monday, 10 June 2024.\nThe two agencies announced a joint programme."
    assert events_of(resources, text, published=date(2024, 6, 10)) == []


# --- second mentions and references ---------------------------------------------------------------

def test_a_second_mention_adds_participants_and_place_to_the_first(resources: Resources) -> None:
    event = one(resources, "On 2 May 2024, the Council of Europe and UNESCO signed a Letter of Intent. "
                           "The document was signed in Strasbourg by Jane Doe and John Smith.")
    assert event.trigger_start == 48 and event.location == "Strasbourg"
    assert set(event.people) == {"Jane Doe", "John Smith"}
    assert set(event.organisations) == {"Council of Europe", "UNESCO"}


def test_a_summary_bullet_yields_to_the_body(resources: Resources) -> None:
    text = ("Key points:\n\n  • Acme Robotics signed a supply deal with Volvo on 9 May 2024.\n\n"
            "On 9 May 2024, Acme Robotics and Volvo signed a supply deal in Gothenburg.")
    event = one(resources, text)
    assert event.sentence.startswith("On 9 May 2024") and event.location == "Gothenburg"


def test_this_visit_is_not_a_new_event(resources: Resources) -> None:
    found = events_of(resources, "On 14 March 2024, the minister visited the Tallinn Technology Park. "
                                 "This visit was an opportunity to meet young founders.")
    assert [e.trigger for e in found] == ["visited"]


def test_both_takes_the_subject_of_the_sentence_before(resources: Resources) -> None:
    event = one(resources, "Spain and the European Commission are joining forces on chips. "
                           "Both signed a declaration on 8 May 2024.")
    assert event.organisations == ("European Commission",)


def test_the_minister_is_the_minister_named_before(resources: Resources) -> None:
    found = events_of(resources, "On Friday 7 June 2024, Minister Ana Ribeiro opened the Climate Data Forum at the "
                                 "University of Coimbra. On Friday afternoon, the minister visited the Coimbra "
                                 "Institute of Health.")
    assert [(e.trigger, e.event_type) for e in found] == [("Climate Data Forum", "meeting"), ("visited", "meeting")]
    assert found[1].people == ("Ana Ribeiro",)


# --- the attachment on its own (used by the event-time benchmark) --------------------------------

def _parsed(resources: Resources, text: str, published: date):  # type: ignore[no-untyped-def]
    document = Document("t", "t.txt", text, published=published)
    doc = resources.nlp(parser_text(text))
    result: DocResult = analyse(document, doc, resources)
    dates = [r for r in result.mentions if r.mention.label in ("DATE", "TIME")]
    return doc, EventInputs(dates, {}, [], None, published.isoformat())


def test_event_date_for_any_word(resources: Resources) -> None:
    text = "The mayor said on Tuesday that the bridge had collapsed. Engineers will inspect it."
    doc, inputs = _parsed(resources, text, date(2024, 6, 13))
    lexicon = load_trigger_lexicon(Settings().rules_dir)
    said = event_date(doc, inputs, lexicon, text.index("said"))
    assert said is not None and (said.value, said.how) == ("2024-06-11", "governed")
    assert event_date(doc, inputs, lexicon, text.index("collapsed")) is None  # the date is the saying's
    assert event_date(doc, inputs, lexicon, text.index("inspect")) is None
    assert event_status(doc, lexicon, text.index("inspect")) == "scheduled"
    assert event_status(doc, lexicon, text.index("said")) == "reported"
    assert event_status(doc, lexicon, text.index("collapsed")) == "past"


def test_event_date_carries_no_day_its_tense_contradicts(resources: Resources) -> None:
    text = ("The regulator will rule on the merger on 20 June 2024. Shares of Halden Bank fell 3%. "
            "They rallied on 10 June 2024. Traders cheered.")
    doc, inputs = _parsed(resources, text, date(2024, 6, 13))
    lexicon = load_trigger_lexicon(Settings().rules_dir)
    assert event_date(doc, inputs, lexicon, text.index("fell")) is None  # 20 June is after publication
    cheered = event_date(doc, inputs, lexicon, text.index("cheered"))
    assert cheered is not None and (cheered.value, cheered.how) == ("2024-06-10", "carried")

"""Event rules that need no statistical model: the lexicon file, date grouping and carrying, and the
folding of second mentions. All examples are invented for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from extract.core.errors import RuleFileError
from extract.core.mention import Mention
from extract.core.settings import Settings
from extract.dates.timex import Timex
from extract.events.dates import EventDate, carried_date, group_dates, point_dates, same_paragraph, sentences
from extract.events.extraction import Event, Telling, load_trigger_lexicon, merge_tellings
from extract.normalise.resolve import Resolved

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")


# --- the lexicon file ---------------------------------------------------------------------------

def _rules(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads((Settings().rules_dir / "event_triggers.json").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "event_triggers.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_every_entry_has_a_known_type_and_every_lemma_an_entry() -> None:
    lexicon = load_trigger_lexicon(Settings().rules_dir)
    assert {e.event_type for e in lexicon.by_lemma.values()} <= set(lexicon.event_types)
    assert lexicon.by_lemma[("sign", "VERB")].id == "trigger-agreement-verb"
    assert ("partner", "NOUN") not in lexicon.by_lemma  # "a partner university" names no happening


@pytest.mark.parametrize("change, message", [
    pytest.param(lambda d: d.update(typo=[]), "typo: unknown key 'typo'; allowed:", id="unknown-top-key"),
    pytest.param(lambda d: d["types"][0].update(lemma=["x"]), r"types\[0\]\.lemma: unknown key \'lemma\'; allowed: id, event_type, pos, lemmas", id="unknown-entry-key"),
    pytest.param(lambda d: d["types"][0].update(event_type="party"), r"types\[0\]\.event_type: unknown event type 'party'", id="unknown-type"),
    pytest.param(lambda d: d["types"][0].update(pos=["ADV"]), r"types\[0\]\.pos\[0\]: input should be 'VERB', 'NOUN' or 'PROPN'", id="unknown-pos"),
    pytest.param(lambda d: d["frame_verbs"][0].update(complements=["into"]), r"frame_verbs\[0\]\.complements\[0\]: input should be", id="unknown-complement"),
    pytest.param(lambda d: d.update(event_types=["meeting"]), "event_types", id="types-without-descriptions"),
])
def test_rule_file_is_checked_strictly(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleFileError, match=message):
        load_trigger_lexicon(_rules(tmp_path, change))


# --- dates --------------------------------------------------------------------------------------

def _date(text: str, start: int, value: str, value_end: str = "", source: str = "model") -> Resolved:
    mention = Mention("DATE", start, start + len(text), text, source)
    return Resolved(mention, value, Timex(value, value_end=value_end))


def _point(value: str, start: int, end: int, value_end: str = "", granularity: str = "day") -> EventDate:
    return EventDate(value, value_end, granularity, start, end, "x")


def test_list_items_left_unread_take_month_and_year_from_the_last_item() -> None:
    text = "It toured Rome on Monday 3, Wednesday 5 and Friday 7 June 2024."
    items = [Resolved(Mention("DATE", 18, 26, "Monday 3", "date-list-split")),
             Resolved(Mention("DATE", 28, 39, "Wednesday 5", "date-list-split")),
             _date("Friday 7 June 2024", 44, "2024-06-07")]
    assert [d.value for d in point_dates(items, text, None)] == ["2024-06-03", "2024-06-05", "2024-06-07"]


def test_durations_vague_dates_datelines_and_the_publication_line_are_not_event_dates() -> None:
    text = "Rome, 10 June 2024.\nSome 2 days later, by 3 May 2024 and in the future, it met.\n2024-06-09 news"
    dates = [_date("10 June 2024", 6, "2024-06-10"), Resolved(Mention("DATE", 25, 31, "2 days", "m"), "P2D",
                                                              Timex("P2D", type="DURATION")),
             _date("3 May 2024", 42, "2024-05-03"), Resolved(Mention("DATE", 60, 66, "future", "m"), "FUTURE_REF",
                                                             Timex("FUTURE_REF")),
             _date("2024-06-09", 80, "2024-06-09")]
    assert [d.value for d in point_dates(dates, text, published_span=(80, 90))] == ["2024-05-03"]


def test_times_of_day_date_the_day() -> None:
    found = point_dates([Resolved(Mention("TIME", 3, 18, "Friday afternoon", "m"), "2024-06-07TAF",
                                  Timex("2024-06-07TAF", type="TIME"))], "On Friday afternoon we met.", None)
    assert [(d.value, d.granularity) for d in found] == [("2024-06-07", "day")]


def test_a_range_is_one_date_and_a_list_many() -> None:
    text = "from 3 June to 5 June, and on 7 June"
    grouped = group_dates([_point("2024-06-03", 5, 11), _point("2024-06-05", 15, 21), _point("2024-06-07", 30, 36)], text)
    assert [(d.value, end) for d, end in grouped] == [("2024-06-03", "2024-06-05"), ("2024-06-07", "")]


def test_the_day_in_force_is_carried_within_a_paragraph_only() -> None:
    text = "On 4 June we met.\nThen we ate.\n\nLater we left."
    doc = NLP(text)
    sents = sentences(doc)
    assert [s.text for s in sents] == ["On 4 June we met.", "Then we ate.", "Later we left."]
    dates = [_point("2024-06-04", 3, 9)]
    carried = carried_date(text, sents[1], dates)
    assert carried is not None and (carried.value, carried.how) == ("2024-06-04", "carried")
    assert carried_date(text, sents[2], dates) is None
    assert carried_date(text, sents[1], [_point("2024-06", 3, 9, granularity="month")]) is None
    assert not same_paragraph(text, 0, text.index("Later"))


def test_sentences_are_cut_at_blank_lines_and_bullets() -> None:
    doc = NLP("Heading without a stop\n\nFirst point:\n  • The fund opened\n  • The fund closed.")
    assert [s.text for s in sentences(doc)] == ["Heading without a stop", "First point:", "• The fund opened",
                                                "• The fund closed."]


# --- second mentions ----------------------------------------------------------------------------

def _telling(trigger_start: int, date: str = "2024-05-02", event_type: str = "agreement", refers: str = "",
             theme: str = "", orgs: tuple[str, ...] = (), location: str = "", bullet: bool = False,
             generic: bool = False) -> Telling:
    event = Event(date, "", "day" if date else "", event_type, "signed", trigger_start, trigger_start + 6, (), orgs,
                  location, "past", f"sentence {trigger_start}", trigger_start, trigger_start + 20, "trigger-x")
    value = EventDate(date, "", "day", 0, 1, "x") if date else None
    return Telling(event, value, refers, theme, generic, bullet)


def test_the_same_theme_on_the_same_day_is_one_happening() -> None:
    merged = merge_tellings([_telling(10, theme="letter of intent", orgs=("EU",), bullet=True),
                             _telling(100, theme="letter of intent", orgs=("Council",)),
                             _telling(200, refers="theme", orgs=("UNESCO",), location="Paris")], "x" * 300)
    assert len(merged) == 1
    event = merged[0].event
    assert event.trigger_start == 100  # the body, not the summary bullet
    assert event.organisations == ("Council", "EU", "UNESCO") and event.location == "Paris"


def test_different_themes_or_days_stay_apart() -> None:
    merged = merge_tellings([_telling(10, theme="letter of intent"), _telling(100, theme="trade pact"),
                             _telling(200, date="2024-05-03", theme="letter of intent")], "x" * 300)
    assert [t.event.trigger_start for t in merged] == [10, 100, 200]


def test_an_undated_reference_lends_its_participants_within_the_paragraph() -> None:
    text = "x" * 120 + "\n\n" + "y" * 100
    merged = merge_tellings([_telling(10, event_type="conference", orgs=("A",)),
                             _telling(60, date="", event_type="meeting", refers="definite", generic=True, orgs=("B",)),
                             _telling(150, date="", event_type="conference", refers="definite", orgs=("C",))], text)
    assert [(t.event.trigger_start, t.event.organisations) for t in merged] == [(10, ("A", "B"))]


def test_a_demonstrative_without_antecedent_is_dropped_but_a_definite_first_mention_is_kept() -> None:
    merged = merge_tellings([_telling(10, refers="demonstrative"), _telling(50, event_type="meeting", refers="definite")],
                            "x" * 100)
    assert [t.event.trigger_start for t in merged] == [50]

"""Every entry id of rules/event_triggers.json pinned by an invented example: a dated sentence whose event
row names the entry with the lexicon as it is, and does not once that one entry is switched
off (switch_off.without_entry, the machinery of the other rule example tests).

These need the statistical model: the trigger is found by its lemma and part of speech. Every sentence
and name is invented for these tests; none comes from the corpus or a benchmark.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from switch_off import without_entry

from extract.core.documents import Document
from extract.core.settings import Settings
from extract.pipeline.process import Resources, process

pytestmark = pytest.mark.model

Row = tuple[str, str, str, str]  # (trigger, rule, date, date_source) of an event row
DAY = "2024-03-04"  # the date every example states
ENTRY = "<the example's entry>"


def entry(trigger: str) -> Row:
    """A row found, and named, by the example's entry and dated by the sentence."""
    return (trigger, ENTRY, DAY, "explicit")


def plain(trigger: str) -> Row:
    """A row the lexicon does not name (found by rules/event_mentions.json alone), dated by the sentence."""
    return (trigger, "", DAY, "explicit")


def narrative(trigger: str) -> Row:
    """A row the lexicon does not name, dated by the day told before it in its sentence (not by its own clause)."""
    return (trigger, "", DAY, "narrative")


def undated(trigger: str) -> Row:
    """A row the lexicon does not name, and no date reaches: placed by its tense only."""
    return (trigger, "", "", "tense")


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(Settings())


def switched_off(resources: Resources, rule_id: str) -> Resources:
    lexicon = without_entry(resources.triggers, rule_id)
    events = dataclasses.replace(resources.event_rules, lexicon=lexicon)
    return dataclasses.replace(resources, triggers=lexicon, event_rules=events)


def rows(resources: Resources, text: str) -> list[Row]:
    (result,) = process([Document("t", "t.txt", text)], resources)
    assert result.document.ok, result.document.error
    return [(e.trigger, e.rule, e.date, e.date_source) for e in result.events]


def example(rule_id: str, text: str, on: list[Row], off: list[Row]) -> object:
    """`text` gives the event rows `on` with the lexicon as it is and `off` without `rule_id`."""
    named = [tuple(rule_id if cell == ENTRY else cell for cell in row) for row in on]
    return pytest.param(rule_id, text, named, off, id=rule_id)


# A verb entry names the row it found (events.csv `rule`, the press-release view of events); a noun entry
# is also what makes the noun an event, or what lets the date of a light verb ("took place", "saw") reach it.
TRIGGER_EXAMPLES = [
    example("trigger-meeting-verb", "On 4 March 2024, the mayor of Tarnby met the growers.",
            on=[entry("met")], off=[plain("met")]),
    example("trigger-meeting-noun", "The meeting of the Tarnby growers took place on 4 March 2024.",
            on=[entry("meeting"), plain("took")], off=[undated("meeting"), plain("took")]),
    example("trigger-agreement-verb", "On 4 March 2024, Velmont Cider signed a supply contract with a farm.",
            on=[entry("signed")], off=[plain("signed")]),
    example("trigger-agreement-noun", "The pact between Velmont Cider and Brindle Foods took effect on 4 March 2024.",
            on=[entry("pact"), plain("took")], off=[plain("took")]),
    example("trigger-funding-verb", "On 4 March 2024, Brindle Foods invested two million euros in an orchard.",
            on=[entry("invested")], off=[plain("invested")]),
    example("trigger-funding-noun", "4 March 2024 saw a large donation from Brindle Foods to the library.",
            on=[plain("saw"), entry("donation")], off=[plain("saw"), narrative("donation")]),
    example("trigger-announcement-verb", "On 4 March 2024, Velmont Cider announced a new orchard.",
            on=[entry("announced")], off=[plain("announced")]),
    example("trigger-announcement-noun", "4 March 2024 saw a statement from Velmont Cider on the harvest.",
            on=[plain("saw"), entry("statement")], off=[plain("saw")]),
    example("trigger-launch-verb", "On 4 March 2024, Velmont Cider launched a pear cider.",
            on=[entry("launched")], off=[plain("launched")]),
    example("trigger-launch-noun", "4 March 2024 saw the opening of a new taproom in Tarnby.",
            on=[plain("saw"), entry("opening")], off=[plain("saw"), narrative("opening")]),
    example("trigger-conference-noun", "The workshop of the Tarnby growers took place on 4 March 2024.",
            on=[entry("workshop"), plain("took")], off=[undated("workshop"), plain("took")]),
    example("trigger-conference-name", "The Tarnby Apple Fair took place on 4 March 2024.",
            on=[entry("Tarnby Apple Fair"), plain("took")], off=[plain("took")]),
    example("trigger-appointment-verb", "On 4 March 2024, Velmont Cider appointed Oda Brask as its chief brewer.",
            on=[entry("appointed")], off=[plain("appointed")]),
    example("trigger-appointment-noun", "4 March 2024 saw the resignation of the Velmont Cider chairman.",
            on=[plain("saw"), entry("resignation")], off=[plain("saw"), narrative("resignation")]),
    example("trigger-review-verb", "On 4 March 2024, the Tarnby council reviewed the orchard budget.",
            on=[entry("reviewed")], off=[plain("reviewed")]),
    example("trigger-review-noun", "4 March 2024 saw an audit of the accounts of Velmont Cider.",
            on=[plain("saw"), entry("audit")], off=[plain("saw")]),
    example("trigger-other-verb", "On 4 March 2024, the delegation of Velmont Cider returned to Tarnby.",
            on=[entry("returned")], off=[plain("returned")]),
    example("trigger-other-noun", "4 March 2024 saw the departure of the Velmont Cider delegation for Oslo.",
            on=[plain("saw"), entry("departure")], off=[plain("saw"), narrative("departure")]),
]


@pytest.mark.parametrize("rule_id, text, on, off", TRIGGER_EXAMPLES)
def test_trigger_entry_changes_its_example(resources: Resources, rule_id: str, text: str, on: list[Row],
                                           off: list[Row]) -> None:
    assert rows(resources, text) == on
    assert rows(switched_off(resources, rule_id), text) == off


def test_every_trigger_entry_id_has_an_example(resources: Resources) -> None:
    ids = {entry.id for entry in resources.triggers.by_lemma.values()}
    assert sorted(p.values[0] for p in TRIGGER_EXAMPLES) == sorted(ids)


def test_no_lemma_is_claimed_by_two_entries(settings: Settings) -> None:
    """The lexicon keeps the first entry of a (lemma, part of speech): a second one would be shadowed, and
    switching the first off would not show what the file means."""
    data = json.loads((settings.rules_dir / "event_triggers.json").read_text(encoding="utf-8"))
    keys = [(lemma.lower(), pos) for record in data["types"] for lemma in record["lemmas"] for pos in record["pos"]]
    assert len(keys) == len(set(keys))

"""timelines.csv (per-entity events across a run, undated ones first) and `extract timeline NAME`."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extract.cli.app import app
from extract.report.timeline import Candidate, TimelineNameError, find_entity
from extract.tables.timelines import TIMELINE_COLUMNS, product_entity_id, stream_timeline_rows, timeline_rows

ENTITIES = [{"entity_id": "org:acme", "type": "ORG", "name": "Acme Corp"},
            {"entity_id": "person:jane-roe", "type": "PERSON", "name": "Jane Roe"}]
ENTITY_OF = {"b#O1": "org:acme", "a#O1": "org:acme", "a#P1": "person:jane-roe"}


def _event(doc: str, number: int, start: int, date_start: str, **more: object) -> dict[str, object]:
    row: dict[str, object] = {"doc_id": doc, "event_id": f"{doc}#E{number}", "trigger_start": start,
                              "date_start": date_start, "date_end_iso": date_start, "date": date_start,
                              "date_source": "explicit" if date_start else "tense",
                              "status": "past", "event_type": "",
                              "class": "OCCURRENCE", "lemma": "buy", "trigger": "bought", "sentence": "s",
                              "person_ids": "", "org_ids": "", "products": ""}
    row.update(more)
    return row


def test_one_row_per_entity_and_event_undated_first_then_date_then_document_order():
    events = [_event("b", 1, 50, "2024-03-01", org_ids="b#O1"),
              _event("a", 2, 90, "2024-03-01", org_ids="a#O1", person_ids="a#P1"),
              _event("a", 1, 10, "2025-01-02", org_ids="a#O1", products="Galaxy S24"),
              _event("a", 3, 120, "", org_ids="a#O1"),  # only the tense places it: first
              _event("a", 4, 130, "2024-03-01")]  # nobody to file it under: no row
    rows = timeline_rows(events, ENTITY_OF, ENTITIES)
    acme = [r["event_id"] for r in rows if r["entity_id"] == "org:acme"]
    assert acme == ["a#E3", "a#E2", "b#E1", "a#E1"]  # undated, 2024-03-01 (doc a before b), then 2025
    undated = [(r["date"], r["date_source"], r["status"]) for r in rows if r["event_id"] == "a#E3"]
    assert undated == [("", "tense", "past")]
    assert [r["event_id"] for r in rows if r["entity_id"] == "person:jane-roe"] == ["a#E2"]
    product = [r for r in rows if r["entity_type"] == "PRODUCT"]
    assert [(r["entity_id"], r["entity"]) for r in product] == [("product:galaxy-s24", "Galaxy S24")]
    assert all(list(r) == TIMELINE_COLUMNS for r in rows)


@pytest.mark.parametrize("chunk_rows", [2, 7, 10_000])
def test_streamed_rows_are_the_rows_sorted_in_memory(chunk_rows: int, tmp_path: Path):
    """stream_timeline_rows sorts on disk in chunks; the rows and their order are timeline_rows', ties
    (same entity, day, document and offset) included, and offsets written as text sort after numbers."""
    pick = random.Random(chunk_rows)
    events = [_event(pick.choice("ab"), n, pick.choice([10, 10, 90, "", "7"]), pick.choice(["2024-03-01", "2025", ""]),
                     org_ids=pick.choice(["a#O1", "b#O1", "", "a#O1;a#P1"]), person_ids=pick.choice(["", "a#P1"]),
                     products=pick.choice(["", "Galaxy S24", "Galaxy S24;Korvat"]), sentence=f"s{n}")
              for n in range(300)]
    expected = timeline_rows(events, ENTITY_OF, ENTITIES)
    assert len(expected) > 200
    assert list(stream_timeline_rows(iter(events), ENTITY_OF, ENTITIES, tmp_path, chunk_rows)) == expected
    assert list(tmp_path.iterdir()) == []


def test_an_entity_named_twice_by_one_event_is_one_row():
    events = [_event("a", 1, 10, "2024-01-01", org_ids="a#O1;a#O1")]
    assert len(timeline_rows(events, ENTITY_OF, ENTITIES)) == 1


def test_product_ids_fold_case_and_accents():
    assert product_entity_id("Pokémon  Go") == product_entity_id("pokemon go") == "product:pokemon-go"


CANDIDATES = [Candidate("org:european-union", "European Union", ("European Union", "EU")),
              Candidate("org:university-of-tokyo", "University of Tokyo", ("University of Tokyo",)),
              Candidate("org:sophia-university", "Sophia University", ("Sophia University",)),
              Candidate("person:jane-roe", "Jane Roe", ("Jane Roe", "Roe"))]


@pytest.mark.parametrize("name, entity_id", [("eu", "org:european-union"), ("EUROPEAN union", "org:european-union"),
                                             ("tokyo", "org:university-of-tokyo"), ("roe", "person:jane-roe")])
def test_a_name_or_alias_finds_its_entity_in_any_case(name: str, entity_id: str):
    assert find_entity(CANDIDATES, name).entity_id == entity_id


def test_an_ambiguous_name_lists_the_candidates_and_an_unknown_one_says_so():
    with pytest.raises(TimelineNameError, match="ambiguous: .*University of Tokyo.*Sophia University"):
        find_entity(CANDIDATES, "university")
    with pytest.raises(TimelineNameError, match="no person, organisation or product named 'Kessler'"):
        find_entity(CANDIDATES, "Kessler")
    with pytest.raises(TimelineNameError, match="give the name"):
        find_entity(CANDIDATES, " ")
    with pytest.raises(TimelineNameError, match="no person"):  # part of a word is not a name
        find_entity(CANDIDATES, "uni")


@pytest.mark.model
def test_run_writes_timelines_that_join_events_and_entities(corpus_outputs: Path):
    timelines = pd.read_csv(corpus_outputs / "timelines.csv", keep_default_na=False)
    events = pd.read_csv(corpus_outputs / "events.csv", keep_default_na=False).set_index("event_id")
    entities = set(pd.read_csv(corpus_outputs / "entities.csv", keep_default_na=False)["entity_id"])
    assert list(timelines.columns) == TIMELINE_COLUMNS and len(timelines) > 0
    undated = timelines[timelines["date_start"] == ""]
    assert 0 < len(undated) < len(timelines)
    assert set(undated["date_source"]) == {"tense"} and set(undated["status"]) <= {"past", "ongoing", "scheduled"}
    assert set(timelines.loc[timelines["entity_type"] != "PRODUCT", "entity_id"]) <= entities
    for row in timelines.head(50).itertuples():
        assert events.loc[row.event_id, "date_start"] == row.date_start and row.doc_id in row.event_id
    for _, group in timelines.groupby("entity_id"):
        keys = list(zip(group["date_start"], group["doc_id"], group["trigger_start"]))
        assert keys == sorted(keys)


@pytest.mark.model
def test_timeline_command_prints_one_entity_and_refuses_ambiguous_or_unknown_names(corpus_outputs: Path):
    runner = CliRunner()
    found = runner.invoke(app, ["timeline", "eu", "--out", str(corpus_outputs)])
    assert found.exit_code == 0, found.output
    assert "European Union" in found.output and "org:european-union" in found.output
    assert "placed by tense only" in found.output
    ambiguous = runner.invoke(app, ["timeline", "university", "--out", str(corpus_outputs)])
    assert ambiguous.exit_code == 2 and "ambiguous" in ambiguous.output and "University of Tokyo" in ambiguous.output
    assert len(ambiguous.output.strip().splitlines()) == 1
    unknown = runner.invoke(app, ["timeline", "no such body", "--out", str(corpus_outputs)])
    assert unknown.exit_code == 2 and "no person, organisation or product" in unknown.output


@pytest.mark.model
def test_timeline_view_counts_and_lists_the_events_only_the_tense_places_first(corpus_outputs: Path):
    from rich.console import Console

    from extract.report.timeline import TENSE_PLACES, timeline_view

    rows = pd.read_csv(corpus_outputs / "timelines.csv", keep_default_na=False)
    eu = rows[rows["entity_id"] == "org:european-union"]
    undated = int((eu["date_start"] == "").sum())
    console = Console(width=300, record=True)
    console.print(timeline_view(corpus_outputs, "eu"))
    lines = console.export_text().splitlines()
    assert f"{len(eu) - undated} dated event(s), {undated} placed by tense only" in lines[0]
    dates = [cells[1].strip() for cells in (line.split("│") for line in lines if line.startswith("│"))
             if cells[1].strip()]  # a wrapped sentence's next line has an empty date cell
    assert 0 < undated < len(dates) == len(eu)
    assert [date in TENSE_PLACES.values() for date in dates] == [True] * undated + [False] * (len(eu) - undated)


def test_product_ids_fold_names_as_people_and_organisations_ids_do():
    from extract.entities.registry import name_slug
    from extract.tables.timelines import product_entity_id

    assert product_entity_id("Galaxy S24") == "product:galaxy-s24"
    assert product_entity_id("Škoda Vento 3") == "product:skoda-vento-3"
    assert product_entity_id("Ørbo Pad") == "product:ørbo-pad" == "product:" + name_slug("Ørbo Pad")  # not "rbo-pad"

"""The final merge's memory does not grow with the events of the run (issue 17: flat memory).

Part files are written here as a run writes them, for invented documents whose events are all distinct
(no string shared across documents, so nothing flatters the figure), and the merge's peak of traced
memory is compared at two run sizes with the chunk of rows sorted in memory set small.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

import extract.core.spill as spill_module
from extract.batch.parts import document_tables
from extract.batch.state import Store
from extract.batch.writer import merge_tables, part_path, records_path
from extract.events.merge import stream_events_merged
from extract.tables.timelines import stream_timeline_rows

DOCS_PER_PART = 50
EVENTS_PER_DOC = 6
PEOPLE = 100  # distinct people of the run: consolidation holds one entry per distinct name (test_entities)


def _event(doc: int, number: int) -> dict[str, object]:
    day = f"20{doc % 20:02d}-{1 + doc % 12:02d}-{1 + number:02d}"
    return {"doc_id": f"d{doc:06d}", "event_id": f"d{doc:06d}#E{number}", "date": day, "date_end": "",
            "granularity": "day", "event_type": "agreement", "trigger": "signed", "trigger_start": 10 * number,
            "trigger_end": 10 * number + 6, "people": f"Person {doc}", "organisations": f"Company {doc} {number}",
            "location": "", "status": "past", "rule": "", "date_source": "explicit", "lemma": "sign", "start": 0,
            "end": 120, "sentence": f"Person {doc} signed agreement number {number} with Company {doc} {number}, "
                                    f"a document of the run numbered {doc * 31 + number}.",
            "date_start": day, "date_end_iso": day, "class": "OCCURRENCE",
            "person_ids": [f"PERSON:person {doc % PEOPLE}"],  # the record's consolidation key
            "org_ids": "", "products": ""}


def _store(store: Store, docs: int) -> None:
    """The parts of a run of `docs` documents, placed in the store's run state as a run places them."""
    folder = store.parts
    for part in range(1, docs // DOCS_PER_PART + 1):
        for name in document_tables():
            part_path(folder, part, name).write_text("", encoding="utf-8")
        lines = []
        for doc in range((part - 1) * DOCS_PER_PART, part * DOCS_PER_PART):
            doc_id = f"d{doc:06d}"
            person = {"record_id": f"{doc_id}#P1", "doc_id": doc_id, "name": f"Person {doc % PEOPLE}",
                      "forms": [f"Person {doc % PEOPLE}"], "n_mentions": 2, "canonical": ""}
            lines.append(json.dumps({"doc_id": doc_id, "people": [person], "organisations": [],
                                     "events": [_event(doc, n) for n in range(1, EVENTS_PER_DOC + 1)]}))
            store.place(doc, doc_id, part)
        records_path(folder, part).write_text("\n".join(lines) + "\n", encoding="ascii")


def _merge_peak(tmp_path: Path, docs: int) -> int:
    root = tmp_path / f"run{docs}"
    with Store.open(root, "fingerprint") as store:
        store.reset()
        _store(store, docs)
        tracemalloc.start()
        try:
            counts = merge_tables(store.parts, store, root, True)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert counts["timelines"] == counts["events_merged"] == docs * EVENTS_PER_DOC  # every event, all distinct
    return peak


def test_the_merge_holds_a_few_hundred_bytes_per_document_not_its_events(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """From 300 to 1,200 documents (1,800 to 7,200 events, each ~1 KB as an events_merged or timelines
    row) the merge's peak grows by less than 600 bytes a document: what it keeps per document is its
    bookkeeping, not the events (it grew ~14 KB a document when the run-wide tables were built in
    memory). The documents name 100 people between them: what consolidation keeps per distinct name
    is bounded in test_entities, not here."""
    monkeypatch.setattr(spill_module, "CHUNK_ROWS", 500)
    small, large = _merge_peak(tmp_path, 300), _merge_peak(tmp_path, 1_200)
    assert (large - small) / 900 < 600, (small, large)


@pytest.mark.parametrize("table", ["events_merged", "timelines"])
def test_the_run_wide_tables_hold_one_small_chunk_of_rows_at_the_default_size(table: str, tmp_path: Path) -> None:
    """With the default chunk (not set small as above), building events_merged or timelines from 2,400
    and from 9,600 distinct events peaks within 200 bytes an event of each other: the rows held are one
    chunk, reached by both sizes. With chunks of 10,000 rows the larger run held every row (806 and 497
    bytes an event more here; ~1.5 KB a row of the bench's events), the main process's growth measured
    in issue 17 item 8."""
    def peak(events: int) -> int:
        rows = [_event(doc, n) for doc in range(events // EVENTS_PER_DOC) for n in range(1, EVENTS_PER_DOC + 1)]
        folder = tmp_path / f"{table}{events}"
        folder.mkdir()
        tracemalloc.start()
        try:
            stream = stream_events_merged(iter(rows), folder) if table == "events_merged" else \
                stream_timeline_rows(iter(rows), {f"PERSON:person {i}": f"person:{i}" for i in range(PEOPLE)},
                                     [{"entity_id": f"person:{i}", "type": "PERSON", "name": f"Person {i}"}
                                      for i in range(PEOPLE)], folder)  # one timeline row an event
            assert sum(1 for _ in stream) == events  # every event distinct: one row each
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2_400), peak(9_600)
    assert (large - small) / 7_200 < 200, (small, large)

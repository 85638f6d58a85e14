"""What a worker makes of one batch: its part files as CSV text and its run-wide records.

Runs where the batch is processed (this process, a worker process, a Dask worker), so it needs no
pandas: the rows come from `tables.rows` and are written with the csv module exactly as
`pandas.DataFrame.to_csv` writes them (`batch.writer` merges the parts into the final tables). Each
part row starts with two extra cells: the raw doc_id (the merge key, before formula escaping) and,
for people, organisations and mentions, the consolidation key of the row's record
(`entities.consolidation.record_key`), whose `entity_id` is only known once every document is in.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from extract.batch.deadline import process_with_deadline
from extract.batch.pool import failed_documents
from extract.core.documents import Document
from extract.core.settings import Settings
from extract.entities.consolidation import ORG, PERSON, record_key
from extract.entities.registry import EntityRecord, org_records, person_records
from extract.entities.rules import EntityRules
from extract.events.merge import MERGE_FIELDS, mergeable
from extract.pipeline.process import DocResult
from extract.pipeline.resources import worker_resources
from extract.tables.rows import COLUMNS, SORT_KEYS, document_rows, escape_cell, event_rows, with_participant_ids
from extract.tables.timelines import TIMELINE_EVENT_FIELDS, in_timeline

CSV_OPTIONS = {"lineterminator": "\n", "quoting": csv.QUOTE_MINIMAL, "quotechar": '"', "doublequote": True,
               "delimiter": ","}  # what pandas.DataFrame.to_csv uses
LATE_COLUMNS = {"people": ("person_id", "entity_id"), "organisations": ("org_id", "entity_id"),
                "mentions": ("record_id", "entity_id")}  # mentions: record_id (not a column) is person_id or org_id
RUN_TABLES = ("entities", "events_merged", "timelines")  # built from the whole run, not per document
RUN_EVENT_FIELDS = tuple(dict.fromkeys(MERGE_FIELDS + TIMELINE_EVENT_FIELDS))
ID_FIELDS = ("person_ids", "org_ids")  # in the run event rows: the records' consolidation keys


@dataclass(frozen=True)
class Job:
    """A batch to process: its part number, documents and their content hashes."""

    part: int
    documents: list[Document]
    digests: list[str]


@dataclass(frozen=True)
class RenderedBatch:
    """One batch's part files as text, and what is needed later for the run-wide tables."""

    part: int
    tables: dict[str, str]
    records: bytes  # JSON lines, one per document: its person and organisation records, mergeable event rows
    docs: list[tuple[str, str, bool, str]]  # (doc_id, digest, ok, error), in input order


def document_tables() -> list[str]:
    """Tables with rows per document (sorted by doc_id first); the others are built per run."""
    names = [name for name, keys in SORT_KEYS.items() if keys[0] == "doc_id"]
    unknown = [name for name in COLUMNS if name not in names and name not in RUN_TABLES]
    if unknown:
        raise NotImplementedError(f"table(s) {unknown} are neither per document (sorted by doc_id first) nor a "
                                  f"run-wide table batch.writer knows ({', '.join(RUN_TABLES)}): teach "
                                  f"batch.writer.merge_tables to build it from the parts")
    return names


def render_job(settings: Settings, safe_formulas: bool, job: Job, doc_timeout: float | None = None) -> RenderedBatch:
    """Process the batch with this process's resources (loaded once), each document within
    `doc_timeout` seconds (see batch.deadline), and render it."""
    resources = worker_resources(settings)
    results = process_with_deadline(job.documents, resources, doc_timeout)
    return render_batch(job.part, results, job.digests, resources.entity_rules, safe_formulas)


def render_failed(job: Job, message: str, entity_rules: EntityRules | None, safe_formulas: bool) -> RenderedBatch:
    """A batch no worker could process: every document in it is reported failed."""
    results = [DocResult(d) for d in failed_documents(job.documents, message)]
    return render_batch(job.part, results, job.digests, entity_rules, safe_formulas)


def render_batch(part: int, results: Sequence[DocResult], digests: Sequence[str], entity_rules: EntityRules | None,
                 safe_formulas: bool) -> RenderedBatch:
    rows = document_rows(results)
    records = [(r, person_records(r.document.doc_id, r.people),
                org_records(r.document.doc_id, r.organisations, entity_rules)) for r in results]
    keys = {record.record_id: record_key(kind, record) for _, people, orgs in records
            for kind, found in ((PERSON, people), (ORG, orgs)) for record in found}
    rendered = {name: render_rows(name, rows[name], safe_formulas, lambda record_id: keys.get(record_id, ""))
                for name in document_tables()}
    lines = "".join(json.dumps({"doc_id": r.document.doc_id, "people": [asdict(p) for p in people],
                                "organisations": [asdict(o) for o in orgs],
                                "events": run_event_rows(r, keys)}) + "\n" for r, people, orgs in records)
    docs = [(r.document.doc_id, digest, r.document.ok, r.document.error) for r, digest in zip(results, digests)]
    return RenderedBatch(part, rendered, lines.encode("ascii"), docs)


def run_event_rows(result: DocResult, keys: Mapping[str, str]) -> list[dict[str, object]]:
    """The document's event rows that the run-wide tables can take, cut to the columns they read: what the
    final merge writes to its scratch files per document. `events_merged` takes typed events dated by a date or the
    narrative; `timelines` takes dated events with a person, organisation or product (most events are
    dated by tense alone, or name nobody, and are never used). Their `person_ids` / `org_ids` become lists
    of the records' consolidation keys (`keys`: record id -> key), which is what a timeline files them under."""
    rows = with_participant_ids(result, event_rows(result))
    return [{key: _keyed(row[key], keys) if key in ID_FIELDS else row[key] for key in RUN_EVENT_FIELDS if key in row}
            for row in rows if mergeable(row) or in_timeline(row)]


def _keyed(ids: object, keys: Mapping[str, str]) -> list[str]:
    return [keys.get(record_id, "") for record_id in str(ids or "").split(";") if record_id]


def read_records(path: Path) -> dict[str, tuple[list[EntityRecord], list[EntityRecord], list[dict[str, object]]]]:
    """A part's records file: doc_id -> (person records, organisation records, event rows). Plain data
    (never pickle: whoever can write the output folder must not be able to run code through it)."""
    found = {}
    with path.open(encoding="ascii") as stream:
        for line in stream:
            entry = json.loads(line)
            found[str(entry["doc_id"])] = ([_record(r) for r in entry["people"]],
                                           [_record(r) for r in entry["organisations"]], entry["events"])
    return found


def _record(data: dict[str, Any]) -> EntityRecord:
    return EntityRecord(**{**data, "forms": tuple(data["forms"])})


def render_rows(name: str, rows: Sequence[dict[str, object]], safe_formulas: bool,
                late_key: Callable[[str], str] = str) -> str:
    """One part file: the rows in table order (stable, by the table's sort keys), each led by its merge
    key and `late_key` of its record id (the record's consolidation key); entity_id is left empty."""
    keys, late = SORT_KEYS[name], LATE_COLUMNS.get(name)
    text = io.StringIO()
    writer = csv.writer(text, **CSV_OPTIONS)  # type: ignore[arg-type]
    for row in sorted(rows, key=lambda r: tuple(r[k] for k in keys)):  # type: ignore[arg-type,return-value]
        writer.writerow([str(row["doc_id"]), late_key(str(row[late[0]])) if late else "",
                         *(cell(row.get(column), safe_formulas) for column in COLUMNS[name])])
    return text.getvalue()


def cell(value: object, safe_formulas: bool) -> str:
    """A value as pandas writes it: missing as empty, text escaped when it would run as a formula."""
    if value is None:
        return ""
    return escape_cell(value, safe_formulas) if isinstance(value, str) else str(value)

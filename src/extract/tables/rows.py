"""The rows of the output tables, as plain dicts: the columns, their order, and one builder per table.

Free of pandas, so that worker processes (which only render rows, see batch/parts.py) do not load it.
"""

from __future__ import annotations

from typing import Iterable

from extract.entities.registry import COLUMNS as ENTITY_COLUMNS
from extract.events.dates import period_of
from extract.events.merge import MERGED_COLUMNS
from extract.money.parse import format_amount
from extract.pipeline.process import DocResult
from extract.tables.timelines import TIMELINE_COLUMNS, TIMELINE_SORT

COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "source", "title", "published", "published_from", "status", "error",
                  "n_chars", "n_words", "encoding", "warnings"],
    "mentions": ["doc_id", "label", "start", "end", "text", "normalised", "source", "timex_type", "mod",
                 "normalised_end", "anchor", "granularity", "trace", "person_id", "org_id", "entity_id", "date_start",
                 "date_end_iso"],
    "dropped": ["doc_id", "label", "start", "end", "text", "source", "trace", "rule"],
    "people": ["doc_id", "person_id", "name", "role", "mentions", "forms", "entity_id"],
    "organisations": ["doc_id", "org_id", "name", "aliases", "mentions", "alias_rules", "entity_id"],
    "money": ["doc_id", "text", "amount", "currency", "approximate", "start", "end", "amount_max", "bound",
              "per", "currency_source"],
    "events": ["doc_id", "event_id", "date", "date_end", "granularity", "event_type", "trigger", "people",
               "organisations", "location", "sentence", "start", "end", "status", "trigger_start",
               "trigger_end", "rule", "class", "lemma", "date_source", "date_start", "date_end_iso", "modality",
               "products", "detect_rule", "type_rule", "person_ids", "org_ids"],
    "entities": list(ENTITY_COLUMNS),
    "events_merged": list(MERGED_COLUMNS),
    "timelines": list(TIMELINE_COLUMNS),
}
SORT_KEYS = {"documents": ["doc_id"], "mentions": ["doc_id", "start", "end"], "dropped": ["doc_id", "start", "end"], "people": ["doc_id", "first"],
             "organisations": ["doc_id", "first"], "money": ["doc_id", "start"], "events": ["doc_id", "trigger_start", "date"],
             "entities": ["type", "entity_id"],
             "events_merged": ["date", "event_type", "first_doc_id", "first_event_id"],
             "timelines": list(TIMELINE_SORT)}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: str, safe_formulas: bool = True) -> str:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (when `safe_formulas`);
    so does one that already starts with apostrophes before such a character, so that `unescape_cell`
    gives back every value exactly."""
    return "'" + value if safe_formulas and value.lstrip("'").startswith(FORMULA_START) else value


def unescape_cell(cell: str) -> str:
    """The value `escape_cell` was given: its added apostrophe taken off (cells it left alone unchanged)."""
    return cell[1:] if cell.startswith("'") and cell[1:].lstrip("'").startswith(FORMULA_START) else cell


def document_rows(results: Iterable[DocResult]) -> dict[str, list[dict[str, object]]]:
    """Rows of the tables made per document (entity_id not set)."""
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in COLUMNS}
    for result in results:
        rows["documents"].append(_document_row(result))
        rows["mentions"].extend(_mention_rows(result))
        rows["dropped"].extend(_dropped_rows(result))
        rows["people"].extend(_people_rows(result))
        rows["organisations"].extend(_org_rows(result))
        rows["money"].extend(_money_rows(result))
        rows["events"].extend(with_participant_ids(result, event_rows(result)))
    return rows


def _document_row(result: DocResult) -> dict[str, object]:
    d = result.document
    return {"doc_id": d.doc_id, "source": d.source, "title": d.title,
            "published": d.published.isoformat() if d.published else "", "published_from": d.published_from,
            "status": d.status, "error": d.error, "n_chars": len(d.text), "n_words": len(d.text.split()),
            "encoding": d.encoding, "warnings": "; ".join(d.warnings)}


def _record_ids(result: DocResult) -> dict[tuple[int, int], tuple[str, str]]:
    """(start, end) of every person and organisation mention -> (person_id, org_id)."""
    ids = {(m.start, m.end): (p.person_id, "") for p in result.people for m in p.mentions}
    ids.update({(m.start, m.end): ("", o.org_id) for o in result.organisations for m in o.mentions})
    return ids


def _mention_rows(result: DocResult) -> list[dict[str, object]]:
    """Mention rows; a person's or organisation's mention names its record (entity_id is set once the whole
    run is in, from `record_id`, which is not a column)."""
    rows = []
    record_ids = _record_ids(result)
    for r in result.mentions:
        m, t = r.mention, r.timex
        rows.append({"doc_id": result.document.doc_id, "label": m.label, "start": m.start, "end": m.end,
                     "text": m.text, "normalised": r.normalised, "source": m.source,
                     "timex_type": t.type if t else "", "mod": t.mod if t else "",
                     "normalised_end": t.value_end if t else "", "anchor": t.anchor if t else "",
                     "granularity": t.granularity if t else "",
                     "trace": ";".join(m.trace + ((f"reader:{t.reader}",) if t and t.reader else ()))})
        person_id, org_id = record_ids.get((m.start, m.end), ("", "")) if m.label in ("PERSON", "ORG") else ("", "")
        rows[-1].update(person_id=person_id, org_id=org_id, entity_id="", record_id=person_id or org_id,
                        **(iso_days(t.value, t.value_end) if t and t.type in ("DATE", "TIME") else NO_DAYS))
    return rows


def _dropped_rows(result: DocResult) -> list[dict[str, object]]:
    return [{"doc_id": result.document.doc_id, "label": d.mention.label, "start": d.mention.start,
             "end": d.mention.end, "text": d.mention.text, "source": d.mention.source,
             "trace": ";".join(d.mention.trace), "rule": d.rule} for d in result.dropped]


def _people_rows(result: DocResult) -> list[dict[str, object]]:
    return [{"doc_id": result.document.doc_id, "person_id": p.person_id, "name": p.name, "role": p.role,
             "mentions": len(p.mentions), "forms": ";".join(sorted({" ".join(m.text.split()) for m in p.mentions})),
             "first": p.mentions[0].start} for p in result.people]


def _org_rows(result: DocResult) -> list[dict[str, object]]:
    return [{"doc_id": result.document.doc_id, "org_id": o.org_id, "name": o.name, "aliases": ";".join(o.aliases),
             "mentions": len(o.mentions), "alias_rules": ";".join(o.alias_rules), "first": o.mentions[0].start}
            for o in result.organisations]


def _money_rows(result: DocResult) -> list[dict[str, object]]:
    rows = []
    for r in result.money:
        money = r.money
        assert money is not None
        rows.append({"doc_id": result.document.doc_id, "text": r.mention.text, "amount": format_amount(money.amount),
                     "currency": money.currency, "approximate": str(money.approximate).lower(),
                     "start": r.mention.start, "end": r.mention.end,
                     "amount_max": format_amount(money.amount_max) if money.amount_max is not None else "",
                     "bound": money.bound, "per": money.per, "currency_source": money.currency_source})
    return rows


def event_rows(result: DocResult) -> list[dict[str, object]]:
    rows = []
    for number, e in enumerate(sorted(result.events, key=lambda e: (e.trigger_start, e.date)), start=1):
        rows.append({"doc_id": result.document.doc_id, "event_id": f"{result.document.doc_id}#E{number}",
                     "date": e.date, "date_end": e.date_end, "granularity": e.granularity,
                     "event_type": e.event_type, "trigger": e.trigger, "people": ";".join(e.people),
                     "organisations": ";".join(e.organisations), "location": e.location,
                     "sentence": e.sentence, "start": e.start, "end": e.end, "status": e.status,
                     "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "rule": e.rule,
                     "class": e.event_class, "lemma": e.lemma, "date_source": e.date_source,
                     **iso_days(e.date, e.date_end), "modality": e.modality, "products": ";".join(e.products),
                     "detect_rule": e.detect_rule, "type_rule": e.type_rule})
    return rows


NO_DAYS = {"date_start": "", "date_end_iso": ""}


def iso_days(value: str, value_end: str) -> dict[str, str]:
    """First and last day (YYYY-MM-DD, sortable) of the period a TIMEX3 date names; "" when it names none."""
    first, last = period_of(value) if value else None, period_of(value_end or value) if value else None
    return {"date_start": first[0].isoformat() if first else "", "date_end_iso": last[1].isoformat() if last else ""}


def with_participant_ids(result: DocResult, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Event rows with `person_ids` / `org_ids` beside `people` / `organisations`: the same order, `;`-joined,
    so that each name joins people.csv / organisations.csv (and through them entities.csv)."""
    people = {p.name: p.person_id for p in result.people}
    orgs = {o.name: o.org_id for o in result.organisations}
    for row in rows:
        row["person_ids"] = ";".join(people.get(n, "") for n in str(row["people"]).split(";") if n)
        row["org_ids"] = ";".join(orgs.get(n, "") for n in str(row["organisations"]).split(";") if n)
    return rows

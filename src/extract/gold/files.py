"""Gold files: one JSON file per article with span records and record-level truth.

Layout (see corpus/gold/GUIDELINES.md): top-level keys on their own lines, one record per line in
each list, so that a diff shows one changed label per line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from extract.core.errors import GoldError
from extract.events.taxonomy import EventTaxonomy, load_event_taxonomy
from extract.gold.articles import article_text

LABELS = ("PERSON", "ORG", "PRODUCT", "DATE", "TIME", "DURATION", "SET", "MONEY")
TOP_KEYS = ("doc_id", "source", "reviewed", "annotator", "published", "labels", "spans", "people",
            "organisations", "money", "events", "note")
LIST_KEYS = ("spans", "people", "organisations", "money", "events")
RECORD_KEYS = {
    "spans": ({"start", "end", "label", "text"}, {"value", "value_end", "mod", "optional", "note"}),
    "people": ({"name"}, {"role", "aliases", "optional", "note"}),
    "organisations": ({"name"}, {"aliases", "optional", "note"}),
    "money": ({"start", "end", "text", "amount", "currency"}, {"approximate", "bound", "per", "optional", "note", "amount_max"}),
    "events": ({"date", "event_type", "trigger", "trigger_start", "trigger_end", "people", "organisations"},
               {"date_end", "location", "status", "optional", "note",
                # events version 2 (a record with a `class`): every event mention, dated or not
                "lemma", "class", "date_source", "products", "modality", "same_as"}),
}
VAGUE_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")  # the guideline makes these spans always optional
TIMEX_VALUE = re.compile(
    r"^(?:(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX)(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI|MI|DT))?)?|-W\d{2}(?:-WE)?"
    r"|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?"
    r"|\d{2,3}|FY\d{4}|PRESENT_REF|PAST_REF|FUTURE_REF|P(?:T?[\dX.]+[YMWDHS]|[\dX.]+(?:DE|Q|CE))+|XXXX-WXX-\d)$")
MONEY_VALUE = re.compile(r"^(?:[A-Z]{3} )?\d+(?:\.\d+)?$")


def valid_timex(value: str) -> bool:
    if not TIMEX_VALUE.match(value):
        return False
    calendar = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T|$)", value)
    if calendar:
        try:
            date(int(calendar[1]), int(calendar[2]), int(calendar[3] or 1))
        except ValueError:
            return False
    return True


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


MAX_FILE_NAME_BYTES = 255  # ext4, APFS, NTFS


def gold_file_name(doc_id: str) -> str:
    """The file name of a document's gold: the doc id with '/', '%' and other characters a file name
    cannot hold written as %XX, so that two ids never share a file ('a/b' is a%2Fb.json, 'a__b' is
    a__b.json). A GoldError for an id no file name can hold."""
    if not doc_id.strip():
        raise GoldError("empty doc id: a gold file needs one")
    name = quote(doc_id, safe="") + ".json"
    size = len(name.encode("utf-8"))
    if size > MAX_FILE_NAME_BYTES:
        raise GoldError(f"doc id {doc_id[:40]!r}... ({len(doc_id)} characters) is too long to name a gold file "
                        f"({size} bytes once encoded; a file name holds {MAX_FILE_NAME_BYTES}): give the document "
                        "a shorter id")
    return name


def gold_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.json")) if path.is_dir() else [path]


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise GoldError(f"{path}:{err.lineno}: invalid JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}:1: a gold file holds one JSON object")
    return data


def record_lines(path: Path) -> dict[tuple[str, int], int]:
    """(list key, index) -> line number, for files in the one-record-per-line layout."""
    lines: dict[tuple[str, int], int] = {}
    current, index = "", 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        opening = re.match(r'\s*"(\w+)":\s*\[', line)
        if opening:
            current, index = opening[1], 0
            if line.rstrip().endswith("]") or line.rstrip().endswith("],"):
                current = ""
            continue
        if current and line.strip().startswith("{"):
            lines[(current, index)] = number
            index += 1
        elif line.strip().startswith("]"):
            current = ""
    return lines


def format_gold(data: dict[str, Any]) -> str:
    """The one-record-per-line layout, keys in a fixed order."""
    out = ["{"]
    keys = [k for k in TOP_KEYS if k in data] + sorted(k for k in data if k not in TOP_KEYS)
    for position, key in enumerate(keys):
        comma = "," if position < len(keys) - 1 else ""
        value = data[key]
        if key in LIST_KEYS and isinstance(value, list) and value:
            out.append(f'  "{key}": [')
            for i, record in enumerate(value):
                out.append("    " + json.dumps(record, ensure_ascii=False) + ("," if i < len(value) - 1 else ""))
            out.append(f"  ]{comma}")
        else:
            out.append(f'  "{key}": {json.dumps(value, ensure_ascii=False)}{comma}')
    out.append("}")
    return "\n".join(out) + "\n"


def event_types() -> tuple[str, ...]:
    """The version 1 event types, from rules/event_triggers.json (the one place they are written)."""
    from extract.core.settings import Settings
    from extract.events.lexicon import load_trigger_lexicon

    return load_trigger_lexicon(Settings().rules_dir).event_types


def event_taxonomy() -> EventTaxonomy:
    """The version 2 classes, types and date sources, from rules/event_taxonomy.json."""
    from extract.core.settings import Settings

    return load_event_taxonomy(Settings().rules_dir)


def validate_gold(path: Path, corpus_dir: Path, require_reviewed: bool = True) -> list[Problem]:
    """Every problem in one gold file, each with its line. `require_reviewed=False` checks a draft."""
    try:
        data = load_gold(path)
    except GoldError as err:
        match = re.match(r".*:(\d+): (.*)$", str(err))
        return [Problem(str(path), int(match[1]) if match else 1, match[2] if match else str(err))]
    lines = record_lines(path)
    problems: list[Problem] = []

    def report(message: str, key: str = "", index: int = -1) -> None:
        problems.append(Problem(str(path), lines.get((key, index), 1), message))

    if require_reviewed and data.get("reviewed") is not True:
        report("not reviewed (\"reviewed\": false): a draft is not gold until a person has checked it")
    for key in ("doc_id", "source", "labels", "spans"):
        if key not in data:
            report(f"missing top-level key {key!r}")
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        report(f"unknown top-level key(s) {unknown}; allowed: {list(TOP_KEYS)}")
    _check_file_name(path, data, report)
    text = _article_text(path, data, corpus_dir, report)
    for key, (required, optional) in RECORD_KEYS.items():
        for index, record in enumerate(data.get(key) or []):
            _check_record(key, index, record, required, optional, report)
    if text is not None:
        _check_offsets(data, text, report)
    _check_values(data, report)
    return problems


def _article_text(path: Path, data: dict[str, Any], corpus_dir: Path, report) -> str | None:  # type: ignore[no-untyped-def]
    try:
        return article_text(data, corpus_dir, default_id=path.stem)
    except GoldError as err:
        report(str(err))
        return None


def _check_file_name(path: Path, data: dict[str, Any], report) -> None:  # type: ignore[no-untyped-def]
    if not isinstance(data.get("doc_id"), str):
        return
    try:
        expected = gold_file_name(data["doc_id"])
    except GoldError as err:
        report(str(err))
        return
    if path.name != expected:
        report(f"file name {path.name!r} does not match doc_id {data['doc_id']!r}: name it {expected!r}")


def _check_record(key: str, index: int, record: Any, required: set[str], optional: set[str], report) -> None:  # type: ignore[no-untyped-def]
    if not isinstance(record, dict):
        report(f"{key}[{index}]: expected an object", key, index)
        return
    missing = sorted(required - set(record))
    extra = sorted(set(record) - required - optional)
    if missing:
        report(f"{key}[{index}]: missing key(s) {missing}", key, index)
    if extra:
        report(f"{key}[{index}]: unknown key(s) {extra}; allowed: {sorted(required | optional)}", key, index)


def _check_offsets(data: dict[str, Any], text: str, report) -> None:  # type: ignore[no-untyped-def]
    seen: set[tuple[int, int]] = set()
    previous_end, previous_index = -1, -1
    spans = sorted(enumerate(data.get("spans") or []), key=lambda p: (p[1].get("start", 0), p[1].get("end", 0)))
    for index, span in spans:
        start, end = span.get("start"), span.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            report(f"spans[{index}]: offsets {start}..{end} outside the text (length {len(text)})", "spans", index)
            continue
        if text[start:end] != span.get("text"):
            report(f"spans[{index}]: text[{start}:{end}] is {text[start:end]!r}, not {span.get('text')!r}", "spans", index)
        if (start, end) in seen:
            report(f"spans[{index}]: duplicate span {start}..{end}", "spans", index)
        elif start < previous_end:
            report(f"spans[{index}]: overlaps spans[{previous_index}]", "spans", index)
        seen.add((start, end))
        previous_end, previous_index = max(previous_end, end), index
        if span.get("label") not in LABELS:
            report(f"spans[{index}]: unknown label {span.get('label')!r}; known: {list(LABELS)}", "spans", index)
    for key, start_key, end_key, text_key in (("money", "start", "end", "text"),
                                              ("events", "trigger_start", "trigger_end", "trigger")):
        for index, record in enumerate(data.get(key) or []):
            start, end = record.get(start_key), record.get(end_key)
            if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != record.get(text_key):
                report(f"{key}[{index}]: {text_key} does not match text[{start}:{end}]", key, index)


def _check_values(data: dict[str, Any], report) -> None:  # type: ignore[no-untyped-def]
    for index, span in enumerate(data.get("spans") or []):
        label, value = span.get("label"), str(span.get("value", ""))
        if label in ("DATE", "TIME", "DURATION", "SET"):
            for v in filter(None, (value, span.get("value_end"))):
                if not valid_timex(str(v)):
                    report(f"spans[{index}]: {v!r} is not a TIMEX3 value", "spans", index)
        if label == "MONEY" and value and not MONEY_VALUE.match(value):
            report(f"spans[{index}]: money value {value!r} is not '<ISO 4217> <amount>'", "spans", index)
    for index, event in enumerate(data.get("events") or []):
        if "class" in event:
            _check_event_v2(index, event, report)
            continue
        if event.get("event_type") not in event_types():
            report(f"events[{index}]: unknown event_type {event.get('event_type')!r}; known: {list(event_types())}",
                   "events", index)
        if not valid_timex(str(event.get("date", ""))):
            report(f"events[{index}]: date {event.get('date')!r} is not a TIMEX3 value", "events", index)
    for index, money in enumerate(data.get("money") or []):
        if not re.fullmatch(r"\d+(?:\.\d+)?", str(money.get("amount", ""))):
            report(f"money[{index}]: amount {money.get('amount')!r} is not a plain decimal", "money", index)
        if money.get("currency") and not re.fullmatch(r"[A-Z]{3}", str(money["currency"])):
            report(f"money[{index}]: currency {money['currency']!r} is not an ISO 4217 code", "money", index)


def _check_event_v2(index: int, event: dict[str, Any], report) -> None:  # type: ignore[no-untyped-def]
    taxonomy = event_taxonomy()
    for key, allowed in (("class", taxonomy.classes), ("event_type", ("",) + taxonomy.types),
                         ("date_source", taxonomy.date_sources), ("status", taxonomy.statuses),
                         ("modality", taxonomy.modalities)):
        if key in event and event[key] not in allowed:
            report(f"events[{index}]: {key} {event[key]!r} is not one of {list(allowed)}", "events", index)
    date_value = str(event.get("date", ""))
    if date_value and not valid_timex(date_value):
        report(f"events[{index}]: date {date_value!r} is not a TIMEX3 value", "events", index)
    if not date_value and event.get("date_source") not in ("tense", None):
        report(f"events[{index}]: an undated event has date_source 'tense'", "events", index)


def load_splits(path: Path) -> dict[str, tuple[str, ...]]:
    """The doc ids of each part of the gold set ('sample', 'dev', 'test'), from a splits file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: splits file not found") from None
    except json.JSONDecodeError as err:
        raise GoldError(f"{path}:{err.lineno}: invalid JSON: {err.msg}") from None
    parts = data.get("parts") if isinstance(data, dict) else None
    if not isinstance(parts, dict) or not all(isinstance(v, list) for v in parts.values()):
        raise GoldError(f"{path}: expected {{\"parts\": {{name: [doc_id, ...]}}}}")
    return {name: tuple(str(d) for d in docs) for name, docs in parts.items()}

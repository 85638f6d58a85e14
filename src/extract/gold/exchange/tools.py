"""The four tools' own formats, written from gold and read back from their exports.

- Label Studio: a JSON list of tasks, `data.text` with `annotations` (reviewed gold) or `predictions`
  (drafts), each a `result` of `labels` regions `{"value": {"start", "end", "text", "labels"}}`. Our
  records ride in `data.extract_gold` (task data is kept through an export). A labelling config to
  paste into the project is written beside the tasks.
- doccano (sequence labelling): JSONL `{"text", "label": [[start, end, label], ...]}`; any other key is
  kept as the example's metadata and comes back at the top level of an export, as does `extract_gold`.
  Exports of projects with relations give `"entities": [{"start_offset", "end_offset", "label"}]`.
- Prodigy: JSONL `{"text", "spans": [{"start", "end", "label"}], "meta": {...}}`; records in
  `meta.extract_gold`. Rejected and ignored answers are skipped.
- brat: `NAME.txt` and `NAME.ann` with `T1<TAB>LABEL START END<TAB>text` lines; a span's value,
  optional flag and note as a JSON `AnnotatorNotes` line. brat has no document metadata, so records
  are merged from the existing gold file on import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote

from extract.core.errors import GoldError
from extract.gold.exchange.common import CARRY_KEY, ExportDoc, ToolDoc, ToolSpan, checked_span
from extract.gold.files import LABELS

Writer = Callable[[list[ExportDoc], Path], list[Path]]
Reader = Callable[[Path, list[str]], list[ToolDoc]]


def _jsonl(records: list[dict[str, Any]], out: Path) -> list[Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return [out]


def _read_jsonl(path: Path) -> list[tuple[str, dict[str, Any]]]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(f"{path}:{number}: invalid JSON: {err.msg}") from None
            if not isinstance(record, dict):
                raise GoldError(f"{path}:{number}: expected a JSON object")
            records.append((f"{path}:{number}", record))
    return records


def _text(record: dict[str, Any], where: str, *keys: str) -> str:
    for key in keys:
        if isinstance(record.get(key), str):
            return record[key]
    raise GoldError(f"{where}: no text ({' or '.join(keys)})")


# Label Studio ---------------------------------------------------------------------------------------

LS_CONFIG = """<View>
  <Labels name="label" toName="text">
{labels}
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""


def write_labelstudio(docs: list[ExportDoc], out: Path) -> list[Path]:
    tasks = []
    for doc in docs:
        result = [{"id": f"s{i}", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": s["start"], "end": s["end"], "text": s["text"], "labels": [s["label"]]}}
                  for i, s in enumerate(doc.gold.get("spans") or [])]
        task: dict[str, Any] = {"data": {"text": doc.text, "doc_id": doc.doc_id, CARRY_KEY: doc.carried}}
        if doc.gold.get("reviewed") is True:
            task["annotations"] = [{"result": result}]
        else:
            task["predictions"] = [{"model_version": str(doc.gold.get("annotator") or "extract gold draft"),
                                    "result": result}]
        tasks.append(task)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    config = out.with_suffix(".config.xml")
    config.write_text(LS_CONFIG.format(labels="\n".join(f'    <Label value="{x}"/>' for x in LABELS)),
                      encoding="utf-8")
    return [out, config]


def read_labelstudio(path: Path, notes: list[str]) -> list[ToolDoc]:
    try:
        tasks = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as err:
        raise GoldError(f"{path}:{err.lineno}: invalid JSON: {err.msg}") from None
    tasks = [tasks] if isinstance(tasks, dict) else tasks
    if not isinstance(tasks, list) or not all(isinstance(t, dict) and isinstance(t.get("data"), dict) for t in tasks):
        raise GoldError(f"{path}: expected Label Studio's JSON export (a list of tasks with 'data'), not JSON-MIN or CSV")
    return [_ls_task(task, f"{path}: task {task.get('id', i)}", notes) for i, task in enumerate(tasks)]


def _ls_task(task: dict[str, Any], where: str, notes: list[str]) -> ToolDoc:
    data = task["data"]
    text = _text(data, where, "text")
    submitted = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    chosen = (submitted or task.get("predictions") or [{}])[-1]
    if not submitted and task.get("predictions"):
        notes.append(f"{where}: no submitted annotation; the prediction was imported")
    spans = []
    for region in chosen.get("result") or []:
        if region.get("type") != "labels":
            continue
        value = region.get("value") or {}
        labels = value.get("labels") or []
        if len(labels) != 1:
            raise GoldError(f"{where}: region {region.get('id')} has labels {labels}; a span has exactly one")
        spans.append(checked_span(value.get("start"), value.get("end"), labels[0], text, where))
    carried = data.get(CARRY_KEY) or (task.get("meta") or {}).get(CARRY_KEY)
    return ToolDoc(where, text, spans, data.get("doc_id"), carried)


# doccano --------------------------------------------------------------------------------------------

def write_doccano(docs: list[ExportDoc], out: Path) -> list[Path]:
    return _jsonl([{"text": d.text, "label": [[s["start"], s["end"], s["label"]] for s in d.gold.get("spans") or []],
                    "doc_id": d.doc_id, CARRY_KEY: d.carried} for d in docs], out)


def read_doccano(path: Path, notes: list[str]) -> list[ToolDoc]:
    docs = []
    for where, record in _read_jsonl(path):
        text = _text(record, where, "text", "data")
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        if isinstance(record.get("entities"), list):
            spans = [checked_span(e.get("start_offset"), e.get("end_offset"), e.get("label"), text, where)
                     for e in record["entities"]]
        else:
            rows = record.get("label", record.get("labels", []))
            if not all(isinstance(r, list) and len(r) == 3 for r in rows):
                raise GoldError(f"{where}: 'label' is not a list of [start, end, label]")
            spans = [checked_span(s, e, label, text, where) for s, e, label in rows]
        docs.append(ToolDoc(where, text, spans, record.get("doc_id") or meta.get("doc_id"),
                            record.get(CARRY_KEY) or meta.get(CARRY_KEY)))
    return docs


# Prodigy --------------------------------------------------------------------------------------------

def write_prodigy(docs: list[ExportDoc], out: Path) -> list[Path]:
    return _jsonl([{"text": d.text, "spans": [{"start": s["start"], "end": s["end"], "label": s["label"]}
                                              for s in d.gold.get("spans") or []],
                    "meta": {"doc_id": d.doc_id, CARRY_KEY: d.carried}} for d in docs], out)


def read_prodigy(path: Path, notes: list[str]) -> list[ToolDoc]:
    docs = []
    for where, record in _read_jsonl(path):
        if record.get("answer") in ("reject", "ignore"):
            notes.append(f"{where}: answer {record['answer']!r}, skipped")
            continue
        text = _text(record, where, "text")
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        spans = [checked_span(s.get("start"), s.get("end"), s.get("label"), text, where)
                 for s in record.get("spans") or []]
        docs.append(ToolDoc(where, text, spans, meta.get("doc_id"), meta.get(CARRY_KEY)))
    return docs


# brat -----------------------------------------------------------------------------------------------

def write_brat(docs: list[ExportDoc], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs:
        lines = []
        for number, span in enumerate(doc.gold.get("spans") or [], start=1):
            shown = " ".join(span["text"].split())
            lines.append(f"T{number}\t{span['label']} {span['start']} {span['end']}\t{shown}")
            extras = {k: v for k, v in span.items() if k not in ("start", "end", "label", "text")}
            if extras:
                lines.append(f"#{number}\tAnnotatorNotes T{number}\t{json.dumps(extras, ensure_ascii=False)}")
        for suffix, content in ((".txt", doc.text), (".ann", "".join(line + "\n" for line in lines))):
            path = out / f"{doc.name}{suffix}"
            with path.open("w", encoding="utf-8", newline="") as handle:  # offsets count '\r' too
                handle.write(content)
            written.append(path)
    conf = out / "annotation.conf"
    conf.write_text("[entities]\n" + "\n".join(LABELS) + "\n[relations]\n[events]\n[attributes]\n", encoding="utf-8")
    return written + [conf]


def read_brat(path: Path, notes: list[str]) -> list[ToolDoc]:
    anns = sorted(path.glob("*.ann")) if path.is_dir() else [path.with_suffix(".ann")]
    if not anns:
        raise GoldError(f"{path}: no .ann files")
    return [_brat_doc(ann) for ann in anns]


def _brat_doc(ann: Path) -> ToolDoc:
    txt = ann.with_suffix(".txt")
    if not txt.exists() or not ann.exists():
        raise GoldError(f"{ann}: brat needs both {txt.name} and {ann.name}")
    with txt.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    spans: dict[str, ToolSpan] = {}
    notes: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{ann}:{number}"
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            spans[fields[0]] = _brat_span(fields[1], text, where)
        elif line.startswith("#") and len(fields) >= 3 and fields[1].startswith("AnnotatorNotes "):
            notes[fields[1].split(" ", 1)[1]] = _brat_note(fields[2])
        elif line.strip():
            raise GoldError(f"{where}: only text-bound (T) annotations and notes (#) are read, not {line[:20]!r}")
    result = [ToolSpan(s.start, s.end, s.label, notes.get(key)) for key, s in spans.items()]
    return ToolDoc(str(ann), text, result, unquote(ann.stem))


def _brat_span(field: str, text: str, where: str) -> ToolSpan:
    label, _, offsets = field.partition(" ")
    try:
        fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
    except ValueError:
        raise GoldError(f"{where}: offsets {offsets!r} are not numbers") from None
    if any(len(f) != 2 for f in fragments):
        raise GoldError(f"{where}: offsets {offsets!r} are not 'START END'")
    for (_, end), (start, _) in zip(fragments, fragments[1:]):
        if text[end:start].strip():  # brat splits a span at a line break: only whitespace may lie between
            raise GoldError(f"{where}: discontinuous span {offsets!r}; a gold span is one stretch of text")
    return checked_span(fragments[0][0], fragments[-1][1], label, text, where)


def _brat_note(note: str) -> dict[str, Any]:
    """Our JSON note back into span keys; a note a person typed in brat is the span's note."""
    try:
        value = json.loads(note)
    except json.JSONDecodeError:
        return {"note": note}
    return value if isinstance(value, dict) else {"note": note}


TOOLS: dict[str, tuple[Writer, Reader]] = {
    "labelstudio": (write_labelstudio, read_labelstudio),
    "doccano": (write_doccano, read_doccano),
    "prodigy": (write_prodigy, read_prodigy),
    "brat": (write_brat, read_brat),
}

"""Per-entity timeline score: the (entity, event, date) triples of `timelines.csv` against the gold events.

The gold timeline of an entity is every required gold event that has a date and names it as a
participant (people, organisations, products): one triple (entity, trigger span, date) per participant
and date. The entities scored (the targets) are those of the document's gold: its people and
organisations records (name and aliases), the products its events and PRODUCT spans name. A predicted
row belongs to a target when its entity's name or one of its aliases (`entities.csv`) is one of the
target's forms; rows of entities the gold does not list are not scored (a timeline is asked for by name).

- `timelines.strict`: same target, overlapping trigger spans (one to one) and the same TIMEX3 date;
- `timelines.relaxed`: same target and overlapping trigger spans, whatever the date (one triple per
  (entity, trigger) on both sides).
- `timelines.all.strict` / `timelines.all.relaxed`: the same over every event, undated ones too (only the
  tense places them; date ""): an undated gold event is matched by an undated row. This is the timeline
  of the TimeLine task (SemEval-2015 Task 4), which lists events it cannot anchor first, with date
  XXXX-XX-XX.
A prediction on an optional gold event of the same target is neither right nor wrong.

`dated_verb_rows` is the baseline the held-out score is told beside: every verb of a sentence that
names the entity (one of its forms, whole words, any case), dated with the publication date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

import pandas as pd

from extract.gold.alignment import align
from extract.gold.files import gold_files, load_gold
from extract.nlp.model import load_model

if TYPE_CHECKING:
    from extract.gold.scoring import Scores

PREFIX = "timelines"
ALL_PREFIX = "timelines.all"  # undated events included
MODES = ("strict", "relaxed")
TEXTS_FILE = "texts.jsonl"


@dataclass(frozen=True, eq=False)
class Triple:
    target: str  # the gold entity's key
    start: int  # the trigger
    end: int
    date: str
    optional: bool = False


def targets(gold: dict[str, Any], key: Callable[[str], str]) -> dict[str, set[str]]:
    """Target key -> its forms (keys of its name and aliases) for the gold entities of one document."""
    found: dict[str, set[str]] = {}
    for record in (gold.get("people") or []) + (gold.get("organisations") or []):
        name = str(record["name"])
        found.setdefault(key(name), set()).update({key(name)} | {key(a) for a in record.get("aliases") or [] if a})
    products = [str(s.get("value") or s["text"]) for s in gold.get("spans") or [] if s["label"] == "PRODUCT"]
    for name in products + [n for e in gold.get("events") or [] for n in _participants(e)]:
        found.setdefault(key(name), {key(name)})
    return found


def _participants(record: dict[str, Any]) -> list[str]:
    values = (record.get(k) or [] for k in ("people", "organisations", "products"))
    return [n for v in values for n in (v.split(";") if isinstance(v, str) else v) if n]


def gold_triples(gold: dict[str, Any], key: Callable[[str], str], undated: bool = False) -> list[Triple]:
    """One triple per dated gold event and participant (optional events kept, marked); with `undated`,
    the events without a date too (date "")."""
    found = {}
    for event in gold.get("events") or []:
        if not (event.get("date") or undated):
            continue
        for name in _participants(event):
            triple = Triple(key(name), int(event["trigger_start"]), int(event["trigger_end"]),
                            str(event.get("date") or ""), bool(event.get("optional")))
            found.setdefault((triple.target, triple.start, triple.end, triple.date), triple)
    return list(found.values())


def predicted_triples(rows: Iterable[dict[str, Any]], forms: dict[str, set[str]], known: dict[str, set[str]],
                      key: Callable[[str], str], undated: bool = False) -> list[Triple]:
    """The rows of timelines.csv that belong to a target, once per (target, trigger, date). `forms`: the
    targets' forms; `known`: entity_id -> the keys of its name and aliases (entities.csv). Rows without a
    date only with `undated`."""
    found = {}
    for row in rows:
        names = known.get(str(row.get("entity_id", ""))) or {key(str(row["entity"]))}
        target = _target_of(names, forms)
        date = _cell_text(row.get("date"))
        if target is None or not (date or undated):
            continue
        start = int(row["trigger_start"])
        triple = Triple(target, start, start + max(len(str(row.get("trigger", ""))), 1), date)
        found.setdefault((triple.target, triple.start, triple.date), triple)
    return list(found.values())


def _cell_text(value: object) -> str:
    """A cell of a table as text; "" for an empty one (None, or NaN where pandas read an empty CSV cell)."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _target_of(names: set[str], forms: dict[str, set[str]]) -> str | None:
    """The target named like the entity: its own name first, else the first (in order) sharing a form."""
    exact = sorted(names & set(forms))
    if exact:
        return exact[0]
    return next((target for target in sorted(forms) if forms[target] & names), None)


def score_document_timelines(gold: dict[str, Any], rows: list[dict[str, Any]], known: dict[str, set[str]],
                             key: Callable[[str], str], scores: "Scores", doc_id: str = "") -> None:
    """Both timeline scores of one document: dated events (PREFIX) and every event (ALL_PREFIX)."""
    forms = targets(gold, key)
    for prefix, undated in ((PREFIX, False), (ALL_PREFIX, True)):
        score_timelines(gold_triples(gold, key, undated), predicted_triples(rows, forms, known, key, undated),
                        scores, doc_id, prefix)


def score_timelines(golds: list[Triple], preds: list[Triple], scores: "Scores", doc_id: str = "",
                    prefix: str = PREFIX) -> None:
    """Add the strict and relaxed counters of one document, and its strict errors (one per triple)."""
    for mode in MODES:
        g, p = (golds, preds) if mode == "strict" else (_undated(golds), _undated(preds))
        same = (lambda a, b: a.target == b.target and a.date == b.date) if mode == "strict" else \
            (lambda a, b: a.target == b.target)
        pairs = align(g, p, same)
        counter = scores.counter(f"{prefix}.{mode}")
        paired_gold, paired_pred = {id(x) for x, _ in pairs}, {id(y) for _, y in pairs}
        counter.tp += sum(1 for x, _ in pairs if not x.optional)
        missed = [x for x in g if id(x) not in paired_gold and not x.optional]
        spurious = [y for y in p if id(y) not in paired_pred and not any(
            x.optional and x.target == y.target and x.start < y.end and y.start < x.end for x in g)]
        counter.fn += len(missed)
        counter.fp += len(spurious)
        if mode == "strict":
            scores.errors.extend(_error(doc_id, prefix, kind, t) for kind, found in (("fn", missed), ("fp", spurious))
                                 for t in found)


def _error(doc_id: str, prefix: str, kind: str, triple: Triple) -> dict[str, Any]:
    return {"doc_id": doc_id, "table": f"{prefix}.strict", "kind": kind, "label": "",
            "start": triple.start, "end": triple.end, "text": triple.target, "value": triple.date}


def _undated(triples: list[Triple]) -> list[Triple]:
    """One triple per (target, trigger), required when any of its dates is."""
    found: dict[tuple[str, int, int], Triple] = {}
    for t in sorted(triples, key=lambda t: t.optional):
        found.setdefault((t.target, t.start, t.end), Triple(t.target, t.start, t.end, "", t.optional))
    return list(found.values())


def entity_forms(entities: pd.DataFrame, key: Callable[[str], str]) -> dict[str, set[str]]:
    """entity_id -> keys of its name and aliases, from entities.csv."""
    forms = {}
    for row in entities.to_dict("records"):
        aliases = [a for a in str(row.get("aliases") or "").split(";") if a]
        forms[str(row["entity_id"])] = {key(str(row["name"]))} | {key(a) for a in aliases}
    return forms


def dated_verb_rows(gold: dict[str, Any], doc: Any, key: Callable[[str], str]) -> list[dict[str, Any]]:
    """The baseline's timelines.csv rows for one parsed article: every verb of a sentence naming a
    target, dated with the publication date (none without one)."""
    published = str(gold.get("published") or "")
    if not published:
        return []
    patterns = {target: re.compile("|".join(rf"(?<!\w){re.escape(f)}(?!\w)" for f in sorted(forms, key=len, reverse=True)
                                            if f), re.IGNORECASE)
                for target, forms in targets(gold, key).items() if any(forms)}
    rows = []
    for sentence in doc.sents:
        named = [t for t, pattern in patterns.items() if pattern.search(sentence.text)]
        for verb in (token for token in sentence if token.pos_ == "VERB"):
            rows.extend({"entity_id": "", "entity": target, "date": published, "trigger": verb.text,
                         "trigger_start": verb.idx} for target in named)
    return rows


def dated_verb_baseline(gold_dir: Path, pred_dir: Path, docs: Iterable[str] | None, model: str,
                        scores: "Scores", key: Callable[[str], str]) -> bool:
    """Score the dated-verb baseline on the gold articles (texts from pred_dir/texts.jsonl) into `scores`;
    False when the folder holds no texts."""
    path = pred_dir / TEXTS_FILE
    if not path.exists():
        return False
    with path.open(encoding="utf-8") as stream:
        texts = {r["doc_id"]: r["text"] for r in map(json.loads, stream)}
    wanted = set(docs) if docs is not None else None
    golds = [g for g in map(load_gold, gold_files(gold_dir)) if g["doc_id"] in texts
             and (wanted is None or g["doc_id"] in wanted)]
    nlp = load_model(model)
    for gold, doc in zip(golds, nlp.pipe(texts[g["doc_id"]] for g in golds)):
        score_document_timelines(gold, dated_verb_rows(gold, doc, key), {}, key, scores)
    return True

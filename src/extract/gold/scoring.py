"""Score the output tables against the gold set: tp/fp/fn counters that add up across documents.

Matching rules (documented in the README):
- mentions: gold and predicted spans of the same label are aligned once, one to one, by
  `gold.alignment.align` (exact pairs first, then the largest overlap, then the earliest) — the same
  alignment `extract bench` uses. A pair is a relaxed match; a pair with the same offsets a strict one.
  Temporal mentions are labelled by their TIMEX3 type (DATE/TIME/DURATION/SET).
  Optional gold spans: a prediction on one is ignored; a missed one is not a miss.
- value accuracy: on relaxed matches, the normalised value equals the gold value (names compared
  case- and accent-insensitively; dates by value and end value; money as "<ISO> <amount>").
- people: a row matches a gold person when its name equals the gold name or one of its aliases.
- organisations: when the row's name or aliases share a form with the gold name or aliases.
- money: same amount and currency.
- events, version 1 gold (records without `class`: dated happenings only): aligned when the gold
  trigger lies in the row's sentence; a true positive when the dates are equal and the participants
  overlap (or both have none). Version 1 gold holds one record per dated happening, second tellings
  folded in: only the rows of that kind compete, those the text dates (date_source explicit or
  narrative) and the press-release lexicon found (`rule`), whose second tellings are folded the same way.
- events, version 2 gold (every event mention): triggers and their fields, see gold/event_scoring.py.
- timelines: (entity, event, date) triples of timelines.csv against the dated gold events of the gold
  entities, and (timelines.all) against every gold event, undated ones too; see gold/timelines.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from extract.entities.people.records import name_key
from extract.gold.alignment import align, overlap
from extract.gold.event_scoring import is_version_2, score_event_mentions
from extract.gold.files import VAGUE_VALUES, gold_files, load_gold
from extract.gold.org_rows import org_row_types, org_rows_frame
from extract.gold.timelines import entity_forms, score_document_timelines

V1_DATE_SOURCES = ("explicit", "narrative")  # the version 1 guideline labels only happenings the text dates


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "PRF") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def p(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def r(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f(self) -> float | None:
        p, r = self.p, self.r
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Scores:
    counters: dict[str, PRF] = field(default_factory=dict)  # "mentions.PERSON.strict", "records.people"
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    per_document: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    org_rows: list[dict[str, str]] = field(default_factory=list)  # organisations.csv rows with their gold type

    def counter(self, key: str) -> PRF:
        return self.counters.setdefault(key, PRF())

    def acc(self, key: str) -> Accuracy:
        return self.accuracy.setdefault(key, Accuracy())

    def metrics(self) -> dict[str, float | None]:
        """Flat keys: <key>_p/_r/_f and <key> for accuracies; None where there is no gold."""
        flat: dict[str, float | None] = {}
        for key, prf in sorted(self.counters.items()):
            flat[f"{key}_p"], flat[f"{key}_r"], flat[f"{key}_f"] = prf.p, prf.r, prf.f
        for key, acc in sorted(self.accuracy.items()):
            flat[key] = acc.value
        return flat


def key(text: str) -> str:
    return name_key(str(text)).removeprefix("the ")


def _label(row: pd.Series) -> str:
    timex_type = row.get("timex_type") or ""
    return timex_type if row["label"] in ("DATE", "TIME") and timex_type else row["label"]


def evaluate(gold_dir: Path, pred_dir: Path, docs: Iterable[str] | None = None) -> Scores:
    """Scores over every gold file, or over the gold files of `docs` (a part of the gold set)."""
    wanted = set(docs) if docs is not None else None
    tables = {name: _read(pred_dir / f"{name}.csv") for name in
              ("documents", "mentions", "people", "organisations", "money", "events", "timelines")}
    known = entity_forms(_read(pred_dir / "entities.csv"), key)
    scores = Scores()
    for path in gold_files(gold_dir):
        gold = load_gold(path)
        doc_id = gold["doc_id"]
        if wanted is not None and doc_id not in wanted:
            continue
        pred = {name: frame[frame["doc_id"] == doc_id] for name, frame in tables.items()}
        before = {k: PRF(v.tp, v.fp, v.fn) for k, v in scores.counters.items()}
        _score_mentions(gold, pred["mentions"], scores)
        _score_people(gold, pred["people"], scores)
        _score_orgs(gold, pred["organisations"], scores)
        if "ORG" in (gold.get("labels") or []) and "org_id" in pred["mentions"].columns:
            scores.org_rows.extend(org_row_types(gold, pred["organisations"], pred["mentions"]))
        _score_money(gold, pred["money"], scores)
        _score_events(gold, pred["events"], scores)
        _score_published(gold, pred["documents"], scores)
        score_document_timelines(gold, [dict(r) for _, r in pred["timelines"].iterrows()], known, key, scores, doc_id)
        scores.per_document.extend(_document_rows(doc_id, before, scores))
    _micro(scores)
    return scores


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(columns=["doc_id"])


@dataclass(frozen=True, eq=False)
class _Span:
    """A gold span or predicted row as the alignment sees it."""

    start: int
    end: int
    label: str
    record: dict[str, Any]


def _score_mentions(gold: dict[str, Any], pred: pd.DataFrame, scores: Scores) -> None:
    """Gold and predicted mentions of the file's labels, aligned once (`gold.alignment.align`, labels
    agreeing): a pair is a relaxed match, a pair with the same offsets a strict one."""
    labels = set(gold.get("labels") or [])
    golds = [_Span(g["start"], g["end"], g["label"], g) for g in gold.get("spans", []) if g["label"] in labels]
    preds = [_Span(int(r["start"]), int(r["end"]), _label(r), dict(r, label=_label(r), start=int(r["start"]),
                                                                  end=int(r["end"])))
             for _, r in pred.iterrows()]
    preds = [p for p in preds if p.label in labels]
    pairs = align(golds, preds, lambda g, p: g.label == p.label)
    for mode in ("strict", "relaxed"):
        matched = [(g, p) for g, p in pairs if mode == "relaxed" or (g.start, g.end) == (p.start, p.end)]
        matched_gold, matched_pred = {id(g) for g, _ in matched}, {id(p) for _, p in matched}
        for g, p in matched:
            if g.record.get("optional"):
                continue
            scores.counter(f"mentions.{p.label}.{mode}").tp += 1
            if mode == "relaxed":
                accuracy = scores.acc(f"mentions.{p.label}.value_accuracy")
                accuracy.total += 1
                accuracy.right += _same_value(p.record, g.record)
        for p in preds:
            if id(p) in matched_pred or _always_optional(p.record) or any(
                    g.record.get("optional") and g.label == p.label and overlap(g, p) > 0 for g in golds):
                continue
            scores.counter(f"mentions.{p.label}.{mode}").fp += 1
            _error(scores, gold["doc_id"], f"mentions.{mode}", "fp", p.record)
        for g in golds:
            if id(g) not in matched_gold and not g.record.get("optional"):
                scores.counter(f"mentions.{g.label}.{mode}").fn += 1
                _error(scores, gold["doc_id"], f"mentions.{mode}", "fn", g.record)


def _always_optional(p: dict[str, Any]) -> bool:
    """The guideline makes vague references ("now", "recent", "the future") optional DATE spans, so one
    the annotator left out is not an error either."""
    return p["label"] == "DATE" and str(p.get("normalised", "")) in VAGUE_VALUES


def _same_value(p: dict[str, Any], g: dict[str, Any]) -> bool:
    gold_value = str(g.get("value", g["text"]))
    if g["label"] in ("PERSON", "ORG"):
        return key(p["normalised"]) == key(gold_value)
    same = p["normalised"] == gold_value
    if g.get("value_end"):
        same = same and p.get("normalised_end", "") == g["value_end"]
    return same and (not g.get("mod") or p.get("mod", "") == g["mod"])


def _match_records(golds: list[dict[str, Any]], preds: list[dict[str, Any]], match, scores: Scores,  # type: ignore[no-untyped-def]
                   name: str, doc_id: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    counter, used, pairs = scores.counter(f"records.{name}"), set(), []
    required_first = sorted(range(len(golds)), key=lambda i: bool(golds[i].get("optional")))
    for p in preds:
        hit = next((i for i in required_first if i not in used and match(p, golds[i])), None)
        if hit is None:
            counter.fp += 1
            _error(scores, doc_id, f"records.{name}", "fp", p)
            continue
        used.add(hit)
        if not golds[hit].get("optional"):
            counter.tp += 1
            pairs.append((p, golds[hit]))
    for index, g in enumerate(golds):
        if index not in used and not g.get("optional"):
            counter.fn += 1
            _error(scores, doc_id, f"records.{name}", "fn", g)
    return pairs


def _forms(name: str, aliases: Iterable[str]) -> set[str]:
    return {key(name)} | {key(a) for a in aliases if a}


def _score_people(gold: dict[str, Any], pred: pd.DataFrame, scores: Scores) -> None:
    preds = [dict(r) for _, r in pred.iterrows()]
    match = lambda p, g: key(p["name"]) in _forms(g["name"], g.get("aliases", []))  # noqa: E731
    pairs = _match_records(gold.get("people", []), preds, match, scores, "people", gold["doc_id"])
    for p, g in pairs:
        accuracy = scores.acc("records.people.role_accuracy")
        accuracy.total += 1
        accuracy.right += _similar(p.get("role", ""), g.get("role", ""))


def _similar(a: str, b: str) -> bool:
    words_a, words_b = set(key(a).split()), set(key(b).split())
    if not words_a and not words_b:
        return True
    return len(words_a & words_b) * 2 >= max(len(words_a), len(words_b)) * 1.5 / 1.5 and bool(words_a & words_b)


def _score_orgs(gold: dict[str, Any], pred: pd.DataFrame, scores: Scores) -> None:
    preds = [dict(r) for _, r in pred.iterrows()]
    match = lambda p, g: bool(_forms(p["name"], p["aliases"].split(";")) & _forms(g["name"], g.get("aliases", [])))  # noqa: E731
    _match_records(gold.get("organisations", []), preds, match, scores, "organisations", gold["doc_id"])


def _score_money(gold: dict[str, Any], pred: pd.DataFrame, scores: Scores) -> None:
    preds = [dict(r) for _, r in pred.iterrows()]
    match = lambda p, g: _amount(p["amount"]) == _amount(g["amount"]) and p["currency"] == g["currency"]  # noqa: E731
    _match_records(gold.get("money", []), preds, match, scores, "money", gold["doc_id"])


def _amount(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def participants(record: dict[str, Any]) -> set[str]:
    values = record.get("people", []), record.get("organisations", [])
    names = [n for v in values for n in (v.split(";") if isinstance(v, str) else v)]
    return {key(n) for n in names if n}


def _score_events(gold: dict[str, Any], pred: pd.DataFrame, scores: Scores) -> None:
    preds = [dict(r) for _, r in pred.iterrows()]
    if is_version_2(gold):
        score_event_mentions(gold, preds, scores, participants)
        return
    if "date_source" in pred.columns:  # tables written before date_source existed: every row is a v1 row
        preds = [p for p in preds if p["date_source"] in V1_DATE_SOURCES and p["rule"]]

    def aligned(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return int(p["start"]) <= int(g["trigger_start"]) < int(p["end"])

    def match(p: dict[str, Any], g: dict[str, Any]) -> bool:
        same_people = participants(p) & participants(g) or not (participants(p) or participants(g))
        return aligned(p, g) and p["date"] == g["date"] and bool(same_people)

    _match_records(gold.get("events", []), preds, match, scores, "events", gold["doc_id"])
    used: set[int] = set()
    for g in (g for g in gold.get("events", []) if not g.get("optional")):
        candidates = [i for i, p in enumerate(preds) if i not in used and aligned(p, g)]
        if not candidates:
            continue
        best = max(candidates, key=lambda i: (preds[i]["date"] == g["date"], len(participants(preds[i]) & participants(g))))
        used.add(best)
        date_accuracy = scores.acc("records.events.date_accuracy")
        date_accuracy.total += 1
        date_accuracy.right += preds[best]["date"] == g["date"]
        people = scores.counter("records.events.participants")
        pred_set, gold_set = participants(preds[best]), participants(g)
        people.tp, people.fp, people.fn = (people.tp + len(pred_set & gold_set), people.fp + len(pred_set - gold_set),
                                           people.fn + len(gold_set - pred_set))


def _score_published(gold: dict[str, Any], documents: pd.DataFrame, scores: Scores) -> None:
    predicted = documents["published"].iloc[0] if len(documents) else ""
    accuracy = scores.acc("documents.published_accuracy")
    accuracy.total += 1
    accuracy.right += (predicted or None) == gold.get("published")


def _error(scores: Scores, doc_id: str, table: str, kind: str, record: dict[str, Any]) -> None:
    scores.errors.append({
        "doc_id": doc_id, "table": table, "kind": kind, "label": record.get("label", ""),
        "start": record.get("start", record.get("trigger_start", "")), "end": record.get("end", record.get("trigger_end", "")),
        "text": record.get("text", record.get("name", record.get("trigger", ""))),
        "value": record.get("normalised", record.get("value", record.get("date", record.get("amount", "")))),
    })


def _document_rows(doc_id: str, before: dict[str, PRF], scores: Scores) -> list[dict[str, Any]]:
    rows = []
    for name, prf in sorted(scores.counters.items()):
        if name.startswith("micro"):
            continue
        old = before.get(name, PRF())
        delta = PRF(prf.tp - old.tp, prf.fp - old.fp, prf.fn - old.fn)
        if delta.tp or delta.fp or delta.fn:
            rows.append({"doc_id": doc_id, "metric": name, "tp": delta.tp, "fp": delta.fp, "fn": delta.fn,
                         "p": delta.p, "r": delta.r, "f": delta.f})
    return rows


def _micro(scores: Scores) -> None:
    for mode in ("strict", "relaxed"):
        total = PRF()
        for name, prf in scores.counters.items():
            if name.startswith("mentions.") and name.endswith(f".{mode}"):
                total.add(prf)
        scores.counters[f"mentions.micro.{mode}"] = total
    records = PRF()
    for table in ("people", "organisations", "money", "events"):
        records.add(scores.counter(f"records.{table}"))
    scores.counters["records.micro"] = records


def score_frames(scores: Scores) -> dict[str, pd.DataFrame]:
    rows = [{"metric": k, "tp": v.tp, "fp": v.fp, "fn": v.fn, "p": v.p, "r": v.r, "f": v.f}
            for k, v in sorted(scores.counters.items())]
    accuracy = [{"metric": k, "right": v.right, "total": v.total, "accuracy": v.value}
                for k, v in sorted(scores.accuracy.items())]
    return {"scores": pd.DataFrame(rows), "accuracy": pd.DataFrame(accuracy),
            "per_document": pd.DataFrame(scores.per_document), "errors": pd.DataFrame(scores.errors),
            "org_rows": org_rows_frame(scores.org_rows)}


def below_thresholds(metrics: dict[str, float | None], thresholds: dict[str, float]) -> list[str]:
    failures = []
    for name, minimum in sorted(thresholds.items()):
        value = metrics.get(name)
        if value is None:
            failures.append(f"{name}: no value (threshold {minimum:.3f})")
        elif value + 1e-9 < minimum:
            failures.append(f"{name}: {value:.3f} < {minimum:.3f}")
    return failures

"""`extract eval`: scores as a printed table, CSV files and a thresholds check."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from extract.core.errors import GoldError
from extract.gold.baseline import baseline_scores, comparison_rows
from extract.gold.error_classes import error_classes, format_error_classes
from extract.gold.files import gold_files, load_gold, load_splits
from extract.gold.org_rows import format_org_rows
from extract.gold.scoring import PRF, Scores, below_thresholds, evaluate, key, score_frames
from extract.gold.timelines import ALL_PREFIX, MODES, PREFIX, dated_verb_baseline

PRED_TABLES = ("documents", "mentions", "people", "organisations", "money", "events")


def evaluation_report(gold: Path, pred: Path, out: Path, minimum: Path | None,
                      write_thresholds: Path | None, errors: int = 0, splits: Path | None = None,
                      part: str | None = None, corpus: Path = Path("corpus"),
                      baseline_model: str | None = None, verb_model: str | None = None) -> tuple[str, list[str]]:
    """Scores of every gold file, or of one part of the gold set (`part` of the `splits` file).

    A thresholds file holds one object per part ({"dev": {metric: minimum}, ...}); `write_thresholds`
    rewrites only the part scored, and `minimum` checks against that part's object. With
    `baseline_model`, the bare model is run on the same gold articles (texts from `corpus`) and its
    PERSON/ORG/DATE/TIME/MONEY scores are printed beside ours and written to baseline.csv. With
    `verb_model`, the dated-verb baseline of the timeline score is parsed by it and printed beside ours
    (written to timeline_baseline.csv)."""
    docs = None
    if part is not None:
        parts = load_splits(splits or gold.parent / "splits.json")
        if part not in parts:
            raise GoldError(f"unknown part {part!r}; the splits file has {sorted(parts)}")
        docs = parts[part]
    check_inputs(gold, pred, docs)
    scores = evaluate(gold, pred, docs)
    frames = score_frames(scores)
    frames["error_classes"] = error_classes(frames["errors"])
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    comparison = ""
    if baseline_model:
        bare = baseline_scores(gold, corpus, baseline_model, out / "baseline", docs)
        rows = comparison_rows(scores, bare)
        pd.DataFrame(rows).to_csv(out / "baseline.csv", index=False, lineterminator="\n")
        comparison = "\n\n" + format_comparison(rows, baseline_model)
    verbs = Scores()
    if verb_model and dated_verb_baseline(gold, pred, docs, verb_model, verbs, key):
        frame = score_frames(verbs)["scores"]
        frame.to_csv(out / "timeline_baseline.csv", index=False, lineterminator="\n")
        comparison += "\n\n" + format_timelines(scores, verbs)
    metrics = scores.metrics()
    if write_thresholds:
        written = thresholds_from(metrics)
        if part is not None:
            existing = json.loads(write_thresholds.read_text()) if write_thresholds.exists() else {}
            written = {**existing, part: written}
        write_thresholds.write_text(json.dumps(written, indent=2, sort_keys=True) + "\n")
    failures = below_thresholds(metrics, part_thresholds(json.loads(minimum.read_text()), part)) if minimum else []
    return format_scores(frames, errors) + comparison, failures


def check_inputs(gold: Path, pred: Path, docs: tuple[str, ...] | None) -> None:
    """Refuse what would give meaningless scores: no predictions, no gold, or drafts scored as gold."""
    if not pred.is_dir():
        raise GoldError(f"--pred {pred}: no such folder; run `extract run INPUT --out {pred}` first")
    if not any((pred / f"{name}.csv").exists() for name in PRED_TABLES):
        raise GoldError(f"--pred {pred} holds none of the tables ({', '.join(PRED_TABLES)}.csv): "
                        f"run `extract run INPUT --out {pred}` first")
    if not gold.exists():
        raise GoldError(f"--gold {gold}: no such file or folder")
    records = [(path, load_gold(path)) for path in gold_files(gold)]
    records = [(path, data) for path, data in records if docs is None or data.get("doc_id") in docs]
    if not records:
        raise GoldError(f"--gold {gold}: no gold files" + (" of this part" if docs is not None else ""))
    drafts = [str(path) for path, data in records if data.get("reviewed") is not True]
    if drafts:
        raise GoldError(f"{drafts[0]} is an unreviewed draft (\"reviewed\" is not true), not gold: correct it "
                        f"against the guideline and set \"reviewed\": true, or move it out of the gold folder"
                        + (f" ({len(drafts) - 1} more)" if len(drafts) > 1 else ""))


def format_comparison(rows: list[dict[str, object]], model: str) -> str:
    lines = [f"ours vs bare spaCy ({model}, its own entities, no rules), same gold and scorer",
             f"{'metric':30} {'ours P':>7} {'R':>6} {'F1':>6}   {'spaCy P':>7} {'R':>6} {'F1':>6}"]
    for row in rows:
        lines.append(f"{row['metric']:30} {_pct(row['ours_p']):>7} {_pct(row['ours_r']):>6} {_pct(row['ours_f']):>6}"
                     f"   {_pct(row['spacy_p']):>7} {_pct(row['spacy_r']):>6} {_pct(row['spacy_f']):>6}")
    return "\n".join(lines)


def format_timelines(ours: Scores, verbs: Scores) -> str:
    """Our timeline triples beside the dated-verb baseline's (every verb of a sentence naming the entity,
    dated with the publication date)."""
    lines = ["timelines: (entity, event, date) triples, ours vs every verb of a sentence naming the entity "
             "dated with the publication date",
             f"{'metric':30} {'ours P':>7} {'R':>6} {'F1':>6}   {'verbs P':>7} {'R':>6} {'F1':>6}"]
    for metric in (f"{prefix}.{mode}" for prefix in (PREFIX, ALL_PREFIX) for mode in MODES):
        a, b = ours.counters.get(metric, PRF()), verbs.counters.get(metric, PRF())
        lines.append(f"{metric:30} {_pct(a.p):>7} {_pct(a.r):>6} {_pct(a.f):>6}"
                     f"   {_pct(b.p):>7} {_pct(b.r):>6} {_pct(b.f):>6}")
    return "\n".join(lines)


def part_thresholds(thresholds: dict[str, object], part: str | None) -> dict[str, float]:
    """The minimums for one part; a file of plain metric minimums applies to any part."""
    if part is not None and isinstance(thresholds.get(part), dict):
        return thresholds[part]  # type: ignore[return-value]
    if part is None and not any(isinstance(v, dict) for v in thresholds.values()):
        return thresholds  # type: ignore[return-value]
    raise GoldError(f"the thresholds file has no minimums for part {part!r}: give --part, or run make thresholds")


def thresholds_from(metrics: dict[str, float | None]) -> dict[str, float]:
    """Strict and relaxed P and R per label, record and event-trigger P and R, accuracies, floored to 2 decimals."""
    wanted = {k: v for k, v in metrics.items() if v is not None and (
        (k.startswith("mentions.") and k.endswith(("strict_p", "strict_r", "relaxed_p", "relaxed_r")))
        or (k.startswith(("records.", "events.", "timelines.")) and k.endswith(("_p", "_r"))) or k.endswith("accuracy"))}
    return {k: math.floor(v * 100) / 100 for k, v in wanted.items()}


def _pct(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{float(value):.3f}"


def format_scores(frames: dict[str, pd.DataFrame], errors: int) -> str:
    lines = [f"{'metric':34} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    for row in frames["scores"].itertuples():
        lines.append(f"{row.metric:34} {row.tp:>4} {row.fp:>4} {row.fn:>4} {_pct(row.p):>6} {_pct(row.r):>6} {_pct(row.f):>6}")
    lines.append("")
    lines.append(f"{'accuracy':34} {'right':>6} {'total':>6} {'acc':>6}")
    for row in frames["accuracy"].itertuples():
        lines.append(f"{row.metric:34} {row.right:>6} {row.total:>6} {_pct(row.accuracy):>6}")
    if len(frames.get("org_rows", ())):
        lines.append("")
        lines.append(format_org_rows(frames["org_rows"]))
    if len(frames["error_classes"]):
        lines.append("")
        lines.append(format_error_classes(frames["error_classes"]))
    if errors and len(frames["errors"]):
        lines.append("")
        for table, group in frames["errors"].groupby("table"):
            for row in group.head(errors).itertuples():
                lines.append(f"{row.kind} {table} {row.doc_id} {row.start}-{row.end} {row.label} {row.text!r} {row.value!r}")
    return "\n".join(lines)

"""`extract eval`: scores as a printed table, CSV files and a thresholds check."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from extract.gold.scoring import below_thresholds, evaluate, score_frames


def evaluation_report(gold: Path, pred: Path, out: Path, minimum: Path | None,
                      write_thresholds: Path | None, errors: int = 0) -> tuple[str, list[str]]:
    scores = evaluate(gold, pred)
    frames = score_frames(scores)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    metrics = scores.metrics()
    if write_thresholds:
        write_thresholds.write_text(json.dumps(thresholds_from(metrics), indent=2, sort_keys=True) + "\n")
    failures = below_thresholds(metrics, json.loads(minimum.read_text())) if minimum else []
    return format_scores(frames, errors), failures


def thresholds_from(metrics: dict[str, float | None]) -> dict[str, float]:
    """Strict and relaxed P and R per label, record P and R per table, floored to 2 decimals."""
    wanted = {k: v for k, v in metrics.items() if v is not None and (
        (k.startswith("mentions.") and k.endswith(("strict_p", "strict_r", "relaxed_p", "relaxed_r")))
        or (k.startswith("records.") and k.endswith(("_p", "_r"))) or k.endswith("accuracy"))}
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
    if errors and len(frames["errors"]):
        lines.append("")
        for table, group in frames["errors"].groupby("table"):
            for row in group.head(errors).itertuples():
                lines.append(f"{row.kind} {table} {row.doc_id} {row.start}-{row.end} {row.label} {row.text!r} {row.value!r}")
    return "\n".join(lines)

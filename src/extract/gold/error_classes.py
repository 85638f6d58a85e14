"""Errors counted by class, so a part's weak spots can be read without reading its errors one by one.

A strict mention error is one of four classes, per gold label:
- `boundary`: a prediction with the right label overlaps the gold span but not exactly (one fp + one fn, counted once);
- `label`: a prediction overlaps the gold span with another label (`label` holds "GOLD as PRED");
- `spurious`: a prediction overlapping no missed gold span;
- `missed`: a gold span overlapping no spurious prediction.
Record and event errors are counted by table, kind (fp/fn) and label.
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["table", "error_class", "label", "count"]


def error_classes(errors: pd.DataFrame) -> pd.DataFrame:
    """Counts per (table, error class, label), largest first."""
    if errors.empty:
        return pd.DataFrame(columns=COLUMNS)
    counts: dict[tuple[str, str, str], int] = {}
    strict = errors[errors["table"] == "mentions.strict"]
    for _, doc in strict.groupby("doc_id"):
        for key in _mention_classes(doc):
            counts[key] = counts.get(key, 0) + 1
    for row in errors[~errors["table"].str.startswith("mentions.")].itertuples():
        key = (str(row.table), "spurious" if row.kind == "fp" else "missed", str(row.label or ""))
        counts[key] = counts.get(key, 0) + 1
    rows = [{"table": t, "error_class": c, "label": label, "count": n} for (t, c, label), n in counts.items()]
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(
        ["count", "table", "error_class", "label"], ascending=[False, True, True, True], ignore_index=True)


def _mention_classes(doc: pd.DataFrame) -> list[tuple[str, str, str]]:
    spurious = [(int(r.start), int(r.end), str(r.label)) for r in doc.itertuples() if r.kind == "fp"]
    missed = [(int(r.start), int(r.end), str(r.label)) for r in doc.itertuples() if r.kind == "fn"]
    keys: list[tuple[str, str, str]] = []
    for start, end, label in missed:
        partner = _best_overlap(start, end, label, spurious)
        if partner is None:
            keys.append(("mentions.strict", "missed", label))
            continue
        spurious.remove(partner)
        if partner[2] == label:
            keys.append(("mentions.strict", "boundary", label))
        else:
            keys.append(("mentions.strict", "label", f"{label} as {partner[2]}"))
    keys.extend(("mentions.strict", "spurious", label) for _, _, label in spurious)
    return keys


def _best_overlap(start: int, end: int, label: str,
                  spans: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The overlapping span with the same label first, then the one overlapping most."""
    overlapping = [s for s in spans if s[0] < end and start < s[1]]
    if not overlapping:
        return None
    return max(overlapping, key=lambda s: (s[2] == label, min(end, s[1]) - max(start, s[0]), -s[0]))


def format_error_classes(classes: pd.DataFrame, most: int = 10) -> str:
    lines = [f"{'largest error classes':34} {'class':>9} {'count':>6}  label"]
    for row in classes.head(most).itertuples():
        lines.append(f"{row.table:34} {row.error_class:>9} {row.count:>6}  {row.label}")
    return "\n".join(lines)

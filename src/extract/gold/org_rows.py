"""What the gold calls each row of organisations.csv (issue 15: the table holds only organisations).

A row's gold type is read from its ORG mentions (mentions.csv `org_id`): `ORG` when one of them is a gold ORG
span or overlaps one (a boundary error is still an organisation), `ORG optional` when only an optional one;
else the label of the gold span most of them are or overlap (`PERSON`, `PRODUCT`, with ` optional`), else
`none` (a programme, a meeting, a common word: what the guideline does not label). `extract eval` writes the
rows to org_rows.csv and prints the counts; read the test part's counts only, never its rows.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

COLUMNS = ["doc_id", "org_id", "name", "gold_type"]
NAME_LABELS = ("ORG", "PERSON", "PRODUCT")


def org_row_types(gold: dict[str, Any], organisations: pd.DataFrame, mentions: pd.DataFrame) -> list[dict[str, str]]:
    """One record per organisations.csv row of this gold file's document, with its gold type."""
    spans = [g for g in gold.get("spans", []) if g["label"] in NAME_LABELS]
    orgs = mentions[mentions["label"] == "ORG"]
    rows = []
    for row in organisations.itertuples():
        own = orgs[orgs["org_id"] == row.org_id]
        types = [_mention_type(int(m.start), int(m.end), spans) for m in own.itertuples()]
        rows.append({"doc_id": str(row.doc_id), "org_id": str(row.org_id), "name": str(row.name),
                     "gold_type": _row_type(types)})
    return rows


def _mention_type(start: int, end: int, spans: list[dict[str, Any]]) -> str:
    exact = [g for g in spans if g["start"] == start and g["end"] == end]
    overlapping = exact or [g for g in spans if g["start"] < end and start < g["end"]]
    if not overlapping:
        return "none"
    best = next((g for g in overlapping if g["label"] == "ORG"), overlapping[0])
    return best["label"] + (" optional" if best.get("optional") else "")


def _row_type(types: list[str]) -> str:
    for wanted in ("ORG", "ORG optional"):
        if wanted in types:
            return wanted
    return Counter(types).most_common(1)[0][0] if types else "none"


def org_rows_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def format_org_rows(frame: pd.DataFrame) -> str:
    """One line: the rows of organisations.csv counted by gold type, organisations first."""
    counts = Counter(frame["gold_type"])
    others = sorted((t for t in counts if not t.startswith("ORG")), key=lambda t: (-counts[t], t))
    listed = ", ".join(f"{t} {counts[t]}" for t in ("ORG", "ORG optional", *others) if counts[t])
    not_orgs = sum(counts[t] for t in others)
    return f"organisations.csv rows: {len(frame)}; the gold calls {not_orgs} something else ({listed or 'none'})"

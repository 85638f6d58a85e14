"""organisations.csv rows counted by what the gold calls them (extract.gold.org_rows). Invented names."""

from __future__ import annotations

import pandas as pd

from extract.gold.org_rows import format_org_rows, org_row_types, org_rows_frame

GOLD = {"doc_id": "d", "labels": ["PERSON", "ORG", "PRODUCT"], "spans": [
    {"start": 0, "end": 11, "label": "ORG", "text": "Brindle Ltd"},
    {"start": 20, "end": 25, "label": "PRODUCT", "text": "Orbis"},
    {"start": 30, "end": 40, "label": "ORG", "text": "Tarvo Fund", "optional": True},
    {"start": 50, "end": 64, "label": "ORG", "text": "Velmont Agency"},
]}
ORGS = pd.DataFrame({"doc_id": ["d"] * 5, "org_id": ["d#O1", "d#O2", "d#O3", "d#O4", "d#O5"],
                     "name": ["Brindle Ltd", "Orbis", "Tarvo Fund", "Harvest Week", "Velmont"]})
MENTIONS = pd.DataFrame({
    "label": ["ORG", "ORG", "ORG", "ORG", "ORG", "ORG", "PERSON"],
    "org_id": ["d#O1", "d#O2", "d#O3", "d#O4", "d#O5", "d#O1", ""],
    "start": [0, 20, 30, 70, 50, 90, 100], "end": [11, 25, 40, 82, 57, 101, 108]})


def test_each_row_gets_the_gold_type_of_its_mentions() -> None:
    types = {r["name"]: r["gold_type"] for r in org_row_types(GOLD, ORGS, MENTIONS)}
    assert types == {"Brindle Ltd": "ORG",  # one mention is the gold ORG, the other unlabelled
                     "Orbis": "PRODUCT", "Tarvo Fund": "ORG optional", "Harvest Week": "none",
                     "Velmont": "ORG"}  # a boundary error is still an organisation


def test_the_summary_counts_what_the_gold_calls_something_else() -> None:
    line = format_org_rows(org_rows_frame(org_row_types(GOLD, ORGS, MENTIONS)))
    assert line == ("organisations.csv rows: 5; the gold calls 2 something else "
                    "(ORG 2, ORG optional 1, PRODUCT 1, none 1)")

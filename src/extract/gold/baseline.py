"""Bare spaCy on the gold articles: the model's own PERSON/ORG/DATE/TIME/MONEY entities, no rules,
scored by the same scorer on the same gold, so each part's table can say "ours vs bare spaCy"."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from extract.gold.articles import article_text
from extract.gold.files import gold_files, load_gold
from extract.gold.scoring import PRF, Scores, evaluate
from extract.nlp.model import load_model

BASELINE_LABELS = ("PERSON", "ORG", "DATE", "TIME", "MONEY")  # what the bare model labels that our gold does
MODES = ("strict", "relaxed")


def baseline_mentions(gold_dir: Path, corpus_dir: Path, model: str, docs: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per entity the plain model finds in each gold article's text as read, in the columns of
    mentions.csv (a DATE or TIME is its own TIMEX3 type: the bare model has no durations or sets)."""
    wanted = set(docs) if docs is not None else None
    golds = [load_gold(p) for p in gold_files(gold_dir)]
    golds = [g for g in golds if wanted is None or g["doc_id"] in wanted]
    nlp = load_model(model)
    texts = [article_text(g, corpus_dir) for g in golds]
    rows = [(gold["doc_id"], ent.label_, ent.start_char, ent.end_char, ent.text, "", ent.label_)
            for gold, doc in zip(golds, nlp.pipe(texts)) for ent in doc.ents if ent.label_ in BASELINE_LABELS]
    return pd.DataFrame(rows, columns=["doc_id", "label", "start", "end", "text", "normalised", "timex_type"])


def baseline_scores(gold_dir: Path, corpus_dir: Path, model: str, out_dir: Path,
                    docs: Iterable[str] | None = None) -> Scores:
    """Writes the bare model's mentions to out_dir/mentions.csv and scores them like ours."""
    out_dir.mkdir(parents=True, exist_ok=True)
    baseline_mentions(gold_dir, corpus_dir, model, docs).to_csv(out_dir / "mentions.csv", index=False,
                                                                 lineterminator="\n")
    return evaluate(gold_dir, out_dir, docs)


def comparison_rows(ours: Scores, bare: Scores) -> list[dict[str, object]]:
    """Per baseline label and mode, and micro over those labels only: tp/fp/fn and P/R/F1 of both."""
    rows = []
    for mode in MODES:
        for label in BASELINE_LABELS + ("micro",):
            keys = [f"mentions.{x}.{mode}" for x in (BASELINE_LABELS if label == "micro" else (label,))]
            row: dict[str, object] = {"metric": f"mentions.{label}.{mode}"}
            for name, scores in (("ours", ours), ("spacy", bare)):
                total = sum((scores.counters.get(k, PRF()) for k in keys), PRF())
                row.update({f"{name}_tp": total.tp, f"{name}_fp": total.fp, f"{name}_fn": total.fn,
                            f"{name}_p": total.p, f"{name}_r": total.r, f"{name}_f": total.f})
            rows.append(row)
    return rows

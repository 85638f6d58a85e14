"""The sample-corpus date bench reads our gold JSON into the TimeML scorer's documents (invented texts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.bench.gold_dates import is_gold_folder, read_gold_dates
from extract.bench.timeml import OPTIONAL_TYPE, Prediction, score_doc
from extract.core.errors import GoldError
from extract.gold.files import format_gold

TEXT = "The panel met on 3 March 2024 and again on Friday. It is now over."


def write_gold(tmp_path: Path, spans: list[dict], published: str | None = None) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {"doc_id": "a", "source": "a.txt", "reviewed": True, "published": published,
            "labels": ["DATE", "TIME"], "spans": spans}
    (gold_dir / "a.json").write_text(format_gold(gold), encoding="utf-8")
    return gold_dir


def span(text: str, label: str = "DATE", value: str = "", **extra) -> dict:
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "label": label, "text": text, "value": value, **extra}


def test_gold_spans_become_scored_and_optional_timexes(lex, tmp_path: Path):
    gold_dir = write_gold(tmp_path, [span("3 March 2024", value="2024-03-03"), span("Friday", value="2024-03-08"),
                                     span("now", value="PRESENT_REF", optional=True)])
    assert is_gold_folder(gold_dir) and not is_gold_folder(tmp_path / "missing")
    [doc] = read_gold_dates(gold_dir, tmp_path, lex)
    assert [(t.text, t.type) for t in doc.timexes] == [("3 March 2024", "DATE"), ("Friday", "DATE"), ("now", OPTIONAL_TYPE)]
    assert doc.dct == date(2024, 3, 3)  # undated: the first date with a year anchors the baselines
    now = TEXT.index("now")
    score = score_doc(doc.timexes, [Prediction(now, now + 3, "now", "DATE", "PRESENT_REF")])
    assert score.counts.relaxed_fp == 0 and score.counts.relaxed_fn == 2  # optional: no reward, no penalty


def test_span_off_the_article_text_names_the_file(lex, tmp_path: Path):
    gold_dir = write_gold(tmp_path, [span("Friday", value="2024-03-08")])
    (tmp_path / "a.txt").write_text("2024-03-10\n\n" + TEXT, encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.json: spans\[0\] 'Friday' is not the article's text"):
        read_gold_dates(gold_dir, tmp_path, lex)

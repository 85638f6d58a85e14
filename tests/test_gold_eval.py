from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.gold.files import format_gold, validate_gold
from extract.gold.scoring import PRF, below_thresholds, evaluate

TEXT = "On 13 May 2025, Jane Roe of Acme Corp paid €4 million."


def write_case(tmp_path: Path, gold_changes: dict | None = None) -> tuple[Path, Path]:
    corpus, gold_dir = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold_dir.mkdir()
    (corpus / "d1.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "doc_id": "d1", "source": "d1.txt", "reviewed": True, "published": None,
        "labels": ["PERSON", "ORG", "DATE", "MONEY"],
        "spans": [
            {"start": 3, "end": 14, "label": "DATE", "text": "13 May 2025", "value": "2025-05-13"},
            {"start": 16, "end": 24, "label": "PERSON", "text": "Jane Roe", "value": "Jane Roe"},
            {"start": 28, "end": 37, "label": "ORG", "text": "Acme Corp", "value": "Acme Corp"},
            {"start": 43, "end": 53, "label": "MONEY", "text": "€4 million", "value": "EUR 4000000"},
        ],
        "people": [{"name": "Jane Roe", "role": "", "aliases": []}],
        "organisations": [{"name": "Acme Corp", "aliases": []}],
        "money": [{"start": 43, "end": 53, "text": "€4 million", "amount": "4000000", "currency": "EUR"}],
        "events": [],
    }
    gold.update(gold_changes or {})
    (gold_dir / "d1.json").write_text(format_gold(gold), encoding="utf-8")
    return corpus, gold_dir


def write_mentions(tmp_path: Path, rows: list[tuple]) -> Path:
    """A prediction folder holding these mention rows and one document row."""
    pred = tmp_path / "pred"
    pred.mkdir()
    pd.DataFrame(rows, columns=["doc_id", "label", "start", "end", "text", "normalised", "timex_type"]).to_csv(pred / "mentions.csv", index=False)
    pd.DataFrame([("d1", "", "")], columns=["doc_id", "published", "status"]).to_csv(pred / "documents.csv", index=False)
    return pred


def test_valid_gold_has_no_problems(tmp_path: Path):
    corpus, gold_dir = write_case(tmp_path)
    assert validate_gold(gold_dir / "d1.json", corpus) == []


def test_problems_name_file_and_line(tmp_path: Path):
    spans = [{"start": 3, "end": 14, "label": "DATE", "text": "13 May 2025", "value": "2025-13"},
             {"start": 16, "end": 25, "label": "PERSON", "text": "Jane Roe", "value": "Jane Roe"},
             {"start": 16, "end": 25, "label": "PERSN", "text": "Jane Roe "}]
    corpus, gold_dir = write_case(tmp_path, {"spans": spans, "reviewed": False})
    problems = [str(p) for p in validate_gold(gold_dir / "d1.json", corpus)]
    joined = "\n".join(problems)
    assert "not reviewed" in joined
    assert any(p.startswith(f"{gold_dir / 'd1.json'}:9: spans[1]: text[16:25]") for p in problems), joined
    assert "duplicate span" in joined and "unknown label 'PERSN'" in joined
    assert "'2025-13' is not a TIMEX3 value" in joined


def test_scores_add_up_and_optional_is_neutral(tmp_path: Path):
    corpus, gold_dir = write_case(tmp_path)
    rows = [("d1", "DATE", 3, 14, "13 May 2025", "2025-05-13", "DATE"),
            ("d1", "PERSON", 16, 24, "Jane Roe", "Jane Roe", ""),
            ("d1", "ORG", 28, 32, "Acme", "Acme", ""),        # relaxed only
            ("d1", "ORG", 0, 2, "On", "On", "")]              # false positive
    scores = evaluate(gold_dir, write_mentions(tmp_path, rows))
    assert (scores.counters["mentions.ORG.strict"].tp, scores.counters["mentions.ORG.strict"].fp,
            scores.counters["mentions.ORG.strict"].fn) == (0, 2, 1)
    assert scores.counters["mentions.ORG.relaxed"].tp == 1
    assert scores.counters["mentions.MONEY.strict"].fn == 1
    metrics = scores.metrics()
    assert metrics["mentions.DATE.strict_p"] == 1.0
    assert metrics["records.people_p"] is None  # no people table predicted: no precision, not 0
    assert scores.counters["records.people"].fn == 1


def test_unlabelled_vague_reference_is_not_an_error(tmp_path: Path):
    """The guideline makes vague references optional DATE spans; a calendar date left unlabelled is an error."""
    corpus, gold_dir = write_case(tmp_path)
    rows = [("d1", "DATE", 3, 14, "13 May 2025", "2025-05-13", "DATE"),
            ("d1", "DATE", 0, 2, "On", "PRESENT_REF", "DATE"),
            ("d1", "DATE", 38, 42, "paid", "2025-05-14", "DATE")]
    counter = evaluate(gold_dir, write_mentions(tmp_path, rows)).counters["mentions.DATE.strict"]
    assert (counter.tp, counter.fp, counter.fn) == (1, 1, 0)


def test_prf_is_none_without_gold():
    assert PRF(0, 3, 0).r is None and PRF(0, 3, 0).f is None and PRF(0, 3, 0).p == 0.0


def test_thresholds():
    assert below_thresholds({"a_p": 0.5, "b_p": None}, {"a_p": 0.6, "b_p": 0.1}) == ["a_p: 0.500 < 0.600", "b_p: no value (threshold 0.100)"]

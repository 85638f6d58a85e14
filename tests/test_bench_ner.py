"""Tests for extract.bench.ner: readers on tiny invented files, scoring on hand-made spans.

Every sentence here is made up for the test; no benchmark text is copied.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.bench.ner import (
    ERROR_KINDS,
    LABELS,
    MODES,
    SYSTEMS,
    Counts,
    NerReport,
    classify_errors,
    format_errors,
    format_report,
    match_relaxed,
    run_ner_bench,
    score_spans,
)
from extract.bench.readers import CharSpan, GoldDoc, Token, bio_spans, read_gold, rebuild_text
from extract.core.errors import GoldError
from extract.core.settings import Settings

FINER_CSV = """gold_label,gold_token,doc_idx,sent_idx
1,Marta,0,0
2,Quill,0,0
0,joined,0,0
5,Brindle,0,0
6,Works,0,0
0,.,0,0
0,She,0,1
0,left,0,1
3,Oslo,0,1
0,.,0,1
6,Fenwick,1,0
0,rose,1,0
"""

CONLL = """-DOCSTART- -X- -X- O

Ada NNP B-PER
Brack NNP I-PER
visited VBD O
Corvo NNP B-ORG
Mills NNP I-ORG

Mills NNP I-ORG
rose VBD O
. . O

-DOCSTART- -X- -X- O

Pell NNP B-LOC
"""

ENTITY_FIELDS = "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity"
CONLLU_ROWS = [
    "# newdoc id = demo_one", ENTITY_FIELDS, "# meta::dateCreated = 2021-03-04", "# newpar",
    "# text = The Vantor Guild hired Ilse Marr's brother.",
    "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-organization-new-sssss-cf1-2,3-coref-Vantor_Guild",
    "2\tVantor\tVantor\tPROPN\tNNP\t_\t3\tcompound\t_\t_",
    "3\tGuild\tGuild\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)",
    "4\thired\thire\tVERB\tVBD\t_\t0\troot\t_\t_",
    "5\tIlse\tIlse\tPROPN\tNNP\t_\t8\tnmod\t_\tEntity=(3-person-new-nnnnn-cf2-3-sgl(2-person-new-sssss-cf2-1,2-coref-Ilse_Marr",
    "6-7\tMarr's\t_\t_\t_\t_\t_\t_\t_\t_",
    "6\tMarr\tMarr\tPROPN\tNNP\t_\t5\tflat\t_\t_",
    "7\t's\t's\tPART\tPOS\t_\t5\tcase\t_\tEntity=2)",
    "8\tbrother\tbrother\tNOUN\tNN\t_\t4\tobj\t_\tEntity=3)|SpaceAfter=No",
    "9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
    "", "# newpar", "# text = They praised her in Tolvik.",
    "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-organization-giv:act-sssss-cf1-1-ana-Vantor_Guild)",
    "2\tpraised\tpraise\tVERB\tVBD\t_\t0\troot\t_\t_",
    "3\ther\tshe\tPRON\tPRP\t_\t2\tobj\t_\tEntity=(2-person-giv:act-sssss-cf2-1-ana-Ilse_Marr)",
    "4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_",
    "5\tTolvik\tTolvik\tPROPN\tNNP\t_\t2\tobl\t_\tEntity=(4-place-new-nnnnn-cf3-1-sgl-Tolvik)|SpaceAfter=No",
    "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
    "", "# newdoc id = demo_two", ENTITY_FIELDS, "# text = Orla Fenn spoke.",
    "1\tOrla\tOrla\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(5-person-new-sssss-cf1-1,2-sgl-Orla_Fenn",
    "2\tFenn\tFenn\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=5)",
    "3\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No",
    "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_", "",
]


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _spanned(doc: GoldDoc) -> list[tuple[str, str]]:
    return [(s.label, doc.text[s.start:s.end]) for s in doc.spans]


def P(start: int, end: int) -> CharSpan:
    return CharSpan("PERSON", start, end)


def O(start: int, end: int) -> CharSpan:
    return CharSpan("ORG", start, end)


# --- text and offsets ---------------------------------------------------------------------------

def test_rebuild_text_keeps_offsets() -> None:
    text, offsets = rebuild_text([Token("Hello", ""), Token(","), Token("Nia", "\n"), Token("Bye", " ")])
    assert text == "Hello, Nia\nBye"
    assert [text[a:b] for a, b in offsets] == ["Hello", ",", "Nia", "Bye"]
    assert rebuild_text([]) == ("", [])


@pytest.mark.parametrize("tags, expected", [
    pytest.param(["B-PERSON", "I-PERSON", "O"], [P(0, 3)], id="b-i"),
    pytest.param(["I-ORG", "O", "B-ORG"], [O(0, 1), O(4, 5)], id="i-after-o-opens"),
    pytest.param(["B-ORG", "I-PERSON", "O"], [O(0, 1), P(2, 3)], id="i-of-other-type-opens"),
    pytest.param(["B-ORG", "B-ORG", "I-ORG"], [O(0, 1), O(2, 5)], id="b-after-b"),
    pytest.param(["O", "O", "B-PERSON"], [P(4, 5)], id="span-at-end"),
])
def test_bio_spans(tags: list[str], expected: list[CharSpan]) -> None:
    offsets = [(0, 1), (2, 3), (4, 5)]
    assert bio_spans(tags, offsets) == expected


# --- readers ------------------------------------------------------------------------------------

def test_finer_documents_and_spans(tmp_path: Path) -> None:
    docs = read_gold("finer", _write(tmp_path, "tiny.csv", FINER_CSV))
    assert [d.doc_id for d in docs] == ["tiny-0", "tiny-1"]
    assert docs[0].text == "Marta Quill joined Brindle Works . She left Oslo ."
    assert docs[0].spans == (P(0, 11), O(19, 32), CharSpan("LOC", 44, 48))
    assert _spanned(docs[1]) == [("ORG", "Fenwick")]
    assert docs[0].published is None and docs[0].document().published_from == "none"


def test_conll_documents_sentences_and_spans(tmp_path: Path) -> None:
    docs = read_gold("conll", _write(tmp_path, "tiny.conll", CONLL))
    assert [d.text for d in docs] == ["Ada Brack visited Corvo Mills\nMills rose .", "Pell"]
    assert _spanned(docs[0]) == [("PERSON", "Ada Brack"), ("ORG", "Corvo Mills"), ("ORG", "Mills")]
    assert _spanned(docs[1]) == [("LOC", "Pell")]


def test_conllu_named_mentions_only(tmp_path: Path) -> None:
    (tmp_path / "a.conllu").write_text("\n".join(CONLLU_ROWS) + "\n", encoding="utf-8")
    one, two = read_gold("conllu", tmp_path)
    assert one.doc_id == "demo_one" and one.published == date(2021, 3, 4)
    assert one.text == "The Vantor Guild hired Ilse Marr's brother.\nThey praised her in Tolvik."
    # leading determiner and possessive trimmed; pronouns and the unnamed nominal left out
    assert _spanned(one) == [("ORG", "Vantor Guild"), ("PERSON", "Ilse Marr"), ("LOC", "Tolvik")]
    assert one.document().published_from == "metadata"
    assert (two.doc_id, two.text, _spanned(two)) == ("demo_two", "Orla Fenn spoke.", [("PERSON", "Orla Fenn")])
    assert two.published is None


def test_conllu_unlinked_name_is_optional(tmp_path: Path) -> None:
    rows = ["# newdoc id = demo", ENTITY_FIELDS, "# text = Tam Bree met Ilse Marr.",
            "1\tTam\tTam\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(1-person-new-sssss-cf1-1,2-sgl",
            "2\tBree\tBree\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)",
            "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_",
            "4\tIlse\tIlse\tPROPN\tNNP\t_\t3\tobj\t_\tEntity=(2-person-new-sssss-cf2-1,2-sgl-Ilse_Marr",
            "5\tMarr\tMarr\tPROPN\tNNP\t_\t4\tflat\t_\tEntity=2)|SpaceAfter=No",
            "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_", ""]
    (doc,) = read_gold("conllu", _write(tmp_path, "b.conllu", "\n".join(rows) + "\n"))
    assert doc.spans == (CharSpan("PERSON", 0, 8, optional=True), P(13, 22))


def test_optional_gold_is_neither_right_nor_wrong() -> None:
    gold = [P(0, 5), CharSpan("PERSON", 10, 20, optional=True), CharSpan("ORG", 30, 40, optional=True)]
    pred = [P(0, 5), P(10, 20), P(32, 36), O(50, 60)]
    scores = score_spans(gold, pred)
    assert scores[("strict", "PERSON")] == Counts(tp=1, fp=1, fn=0)  # P(32, 36) overlaps only an ORG
    assert scores[("relaxed", "PERSON")] == Counts(tp=1, fp=1, fn=0)
    assert scores[("strict", "ORG")] == Counts(tp=0, fp=1, fn=0)  # a missed optional costs nothing
    doc = GoldDoc("d1", "test", "x" * 70, tuple(gold))
    assert [(e.kind, e.pred) for e in classify_errors(doc, pred)] == [("spurious", P(32, 36)), ("spurious", O(50, 60))]


@pytest.mark.parametrize("fmt, name, content, message", [
    pytest.param("finer", "x.csv", "gold_label,gold_token,doc_idx,sent_idx\n9,Ava,0,0\n", "x.csv:2", id="finer-label"),
    pytest.param("finer", "x.csv", "label,token\n0,Ava\n", "missing columns", id="finer-columns"),
    pytest.param("conll", "x.conll", "Ava X-PER\n", "x.conll:1", id="conll-tag"),
    pytest.param("conllu", "x.conllu", "1\tAva\tAva\tPROPN\tNNP\t_\t0\troot\t_\tEntity=7)\n", "closes nothing",
                 id="conllu-bracket"),
    pytest.param("conllu", "x.conllu", "1\tAva\tAva\n", "10 tab-separated", id="conllu-columns"),
    pytest.param("json", "x.json", "{}", "unknown gold format", id="format"),
])
def test_malformed_gold_is_named(tmp_path: Path, fmt: str, name: str, content: str, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        read_gold(fmt, _write(tmp_path, name, content))


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no such file"):
        read_gold("conll", tmp_path / "nowhere.conll")


# --- scoring ------------------------------------------------------------------------------------

@pytest.mark.parametrize("counts, p, r, f", [
    pytest.param(Counts(2, 1, 1), 2 / 3, 2 / 3, 2 / 3, id="usual"),
    pytest.param(Counts(3, 0, 1), 1.0, 0.75, 6 / 7, id="perfect-precision"),
    pytest.param(Counts(0, 1, 1), 0.0, 0.0, 0.0, id="all-wrong"),
    pytest.param(Counts(0, 2, 0), 0.0, None, None, id="no-gold"),
    pytest.param(Counts(0, 0, 2), None, 0.0, None, id="no-predictions"),
    pytest.param(Counts(), None, None, None, id="empty"),
])
def test_counts(counts: Counts, p: float | None, r: float | None, f: float | None) -> None:
    assert (counts.p, counts.r, counts.f) == pytest.approx((p, r, f))


def test_counts_add_up() -> None:
    assert Counts(1, 2, 3) + Counts(4, 5, 6) == Counts(5, 7, 9)


GOLD = [P(0, 5), O(10, 20), O(30, 40), P(50, 60), CharSpan("LOC", 90, 95)]
PRED = [P(0, 5), O(10, 18), P(30, 40), O(70, 80), CharSpan("ORG", 90, 95), CharSpan("DATE", 100, 104)]


def test_strict_and_relaxed_counts() -> None:
    scores = score_spans(GOLD, PRED)
    assert scores[("strict", "PERSON")] == Counts(tp=1, fp=1, fn=1)
    assert scores[("strict", "ORG")] == Counts(tp=0, fp=3, fn=2)
    assert scores[("relaxed", "PERSON")] == Counts(tp=1, fp=1, fn=1)
    assert scores[("relaxed", "ORG")] == Counts(tp=1, fp=2, fn=1)
    assert set(scores) == {(mode, label) for mode in MODES for label in LABELS}


@pytest.mark.parametrize("gold, pred, pairs", [
    pytest.param([O(0, 10)], [O(0, 4), O(4, 10)], [(O(0, 10), O(4, 10))], id="one-to-one-largest-overlap"),
    pytest.param([O(0, 10), O(12, 20)], [O(0, 20), O(12, 20)], [(O(12, 20), O(12, 20)), (O(0, 10), O(0, 20))],
                 id="exact-first"),
    pytest.param([O(0, 10)], [P(0, 10)], [], id="label-must-agree"),
    pytest.param([O(0, 10)], [O(10, 12)], [], id="touching-is-not-overlap"),
])
def test_match_relaxed(gold: list[CharSpan], pred: list[CharSpan], pairs: list[tuple[CharSpan, CharSpan]]) -> None:
    assert match_relaxed(gold, pred) == pairs


def test_error_kinds() -> None:
    doc = GoldDoc("d1", "test", "x" * 110, tuple(GOLD))
    found = [(e.kind, e.gold, e.pred) for e in classify_errors(doc, PRED)]
    assert found == [
        ("boundary", O(10, 20), O(10, 18)),
        ("wrong-label", O(30, 40), P(30, 40)),
        ("missed", P(50, 60), None),
        ("spurious", None, O(70, 80)),
        ("wrong-label", CharSpan("LOC", 90, 95), CharSpan("ORG", 90, 95)),
    ]


def _report() -> NerReport:
    counts = {(s, m, label): Counts() for s in SYSTEMS for m in MODES for label in LABELS + ("micro",)}
    counts[("spacy", "strict", "PERSON")] = Counts(1, 1, 1)
    counts[("extract", "strict", "PERSON")] = Counts(2, 0, 0)
    doc = GoldDoc("d1", "test", "Ina Volk met Sena Roe at Kelby.", (P(0, 8), P(13, 21)))
    errors = tuple(classify_errors(doc, [P(13, 17), O(25, 30)]))
    return NerReport("conll", "tiny.conll", 1, {"PERSON": 2, "ORG": 0}, counts, errors, {"spacy": 1.0})


def test_format_report_side_by_side() -> None:
    lines = format_report(_report()).splitlines()
    assert lines[1].split() == ["label", "mode", "metric", "spacy", "extract", "delta"]
    assert "PERSON strict f1 0.500 1.000 +0.500" in [" ".join(line.split()) for line in lines]
    assert "PERSON strict tp/fp/fn 1/1/1 2/0/0" in [" ".join(line.split()) for line in lines]
    assert "ORG relaxed recall - - -" in [" ".join(line.split()) for line in lines]
    assert len(lines) == 2 + 3 * 2 * 4


def test_format_errors_is_capped() -> None:
    text = format_errors(_report(), 1)
    assert "missed: 1 (showing 1)" in text and "spurious: 1 (showing 1)" in text
    assert "boundary: 1 (showing 1)" in text and "'Sena'" in text
    assert format_errors(_report(), 0).count("\n") == len(ERROR_KINDS) - 1


# --- end to end ---------------------------------------------------------------------------------

E2E = """-DOCSTART- -X- -X- O

Helena B-PER
Sorvik I-PER
, O
the O
chief O
of O
Quarrel B-ORG
Bank I-ORG
, O
spoke O
in O
Paris B-LOC
on O
Monday O
. O
"""


@pytest.mark.model
def test_bench_end_to_end(tmp_path: Path) -> None:
    report = run_ner_bench("conll", _write(tmp_path, "e2e.conll", E2E), Settings(), limit=5)
    assert report.documents == 1 and report.gold == {"PERSON": 1, "ORG": 1}
    for system in SYSTEMS:
        for mode in MODES:
            for label in LABELS:
                c = report.counts[(system, mode, label)]
                assert c.tp + c.fn == report.gold[label]
            assert report.counts[(system, mode, "micro")].tp + report.counts[(system, mode, "micro")].fn == 2
    assert all(e.kind in ERROR_KINDS and e.doc_id == "e2e-0" for e in report.errors)
    assert "extract" in format_report(report) and set(report.seconds) == set(SYSTEMS)

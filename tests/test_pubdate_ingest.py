from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extract.ingest.pubdate import find_publication_date
from extract.ingest.reader import decode, read_documents

HEADERS = [
    ("iso dateline", "A title\n\n2025-05-13 general\n\nBody text.", date(2025, 5, 13)),
    ("place and weekday", "Tokyo, Tuesday, 13 May 2025.\nBody.", date(2025, 5, 13)),
    ("byline", "Foresight (X) By / April 11, 2025\n\nTitle", date(2025, 4, 11)),
    ("none", "Insider Brief:\n\n  • The parties signed a letter on 13 May 2025 to strengthen cooperation in many fields of science and technology.", None),
]


@pytest.mark.parametrize("text, expected", [h[1:] for h in HEADERS], ids=[h[0] for h in HEADERS])
def test_publication_date(lex, text, expected):
    found = find_publication_date(text, lex)
    assert (found.value if found else None) == expected
    if found:
        assert text[found.start:found.end].strip()[0].isalnum()


def test_read_txt_html_jsonl(tmp_path: Path, lex):
    (tmp_path / "a.txt").write_text("Tokyo, Tuesday, 13 May 2025.\nThe minister spoke.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Hello there.", "published": "2024-01-02"}) + "\n{broken\n"
        + json.dumps({"id": "x2"}) + "\n", encoding="utf-8")
    docs = {d.doc_id: d for d in read_documents([tmp_path], lex)}
    assert docs["a"].published == date(2025, 5, 13) and docs["a"].published_from == "text"
    assert docs["x1"].published == date(2024, 1, 2) and docs["x1"].published_from == "metadata"
    broken = docs["sub/b:2"]
    assert broken.status == "error" and "b.jsonl:2" in broken.error
    assert docs["x2"].status == "error" and "missing or empty 'text'" in docs["x2"].error


def test_duplicate_ids_are_kept_and_renamed(tmp_path: Path, lex):
    lines = [json.dumps({"id": "same", "text": f"Text {i}."}) for i in range(2)]
    (tmp_path / "d.jsonl").write_text("\n".join(lines), encoding="utf-8")
    ids = [d.doc_id for d in read_documents([tmp_path], lex)]
    assert ids == ["same", "same~2"]


@pytest.mark.parametrize("raw, text, error", [
    (b"", "", "empty file"),
    (b"\x00\x01\x02binary", "", "binary file"),
    ("caf\u00e9 news".encode("cp1252"), "caf\u00e9 news", ""),
    (b"\xef\xbb\xbfbom text", "bom text", ""),
    (b"line one\r\nline two", "line one\r\nline two", ""),
], ids=["empty", "binary", "cp1252", "bom", "crlf"])
def test_decode(raw, text, error):
    decoded, _, problem = decode(raw, "f.txt")
    assert decoded == text
    assert (error in problem) if error else problem == ""

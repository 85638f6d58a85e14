"""Every input gets a row in documents.csv, ok or error with a message; nothing stops the run.

Text inputs are committed in tests/data/bad_inputs/; binary, unreadable, symlink-loop, pipe and
20 MB inputs are made here in tmp_path.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli.app import app
from extract.ingest.reader import decode, read_documents
from extract.nlp.chunking import split_points

BAD = Path(__file__).parent / "data" / "bad_inputs"
TWENTY_MB = 20 * 1024 * 1024

# doc id -> (status, part of the error or warning), for tests/data/bad_inputs
EXPECTED = {
    "bom": ("ok", ""),
    "nested/bom": ("ok", ""),
    "cp1252": ("ok", ""),
    "crlf": ("ok", ""),
    "crlf~2": ("ok", "duplicate id 'crlf', renamed crlf~2"),
    "empty": ("error", "empty.txt: empty file"),
    "whitespace": ("error", "whitespace.txt: empty file"),
    "page": ("ok", ""),
    "no_article": ("error", "no article text found in HTML"),
    "good-1": ("ok", ""),
    "records:2": ("error", "records.jsonl:2: malformed JSON"),
    "no-text": ("error", "records.jsonl:3: missing or empty 'text'"),
    "empty-text": ("error", "records.jsonl:4: missing or empty 'text'"),
    "records:5": ("error", "records.jsonl:5: expected a JSON object"),
    "dup": ("ok", ""),
    "dup~2": ("ok", "duplicate id 'dup', renamed dup~2"),
    "surrogate": ("ok", ""),
    "line-separator": ("ok", ""),
    "=formula": ("ok", ""),
    "42": ("ok", "unreadable 'published'"),
    "records": ("ok", ""),
    "unicode": ("ok", ""),
}
# made in tmp_path by `generated_inputs`: file name -> (status, part of the error)
GENERATED = {
    "binary_nul": ("error", "binary file (NUL bytes)"),
    "binary_controls": ("error", "binary file ("),
    "utf16": ("ok", ""),
    "unreadable": ("error", "cannot read file: Permission denied"),
    "loop": ("error", "symbolic link loop"),
    "dangling": ("error", "no such file, or a symbolic link to nothing"),
    "pipe": ("error", "not a regular file"),
}


@pytest.fixture()
def generated_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "generated"
    folder.mkdir()
    (folder / "binary_nul.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "binary_controls.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 200)
    (folder / "utf16.txt").write_bytes("Madrid, 1 April 2025.\nThe minister spoke.".encode("utf-16"))
    unreadable = folder / "unreadable.txt"
    unreadable.write_text("secret", encoding="utf-8")
    unreadable.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self == unreadable:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "linked_dir").symlink_to(folder)  # a directory link: not followed, so no loop
    return folder


def _by_id(documents):
    return {d.doc_id: d for d in documents}


def test_every_bad_input_is_read_or_reported(lex):
    docs = _by_id(read_documents([BAD], lex))
    assert set(docs) == set(EXPECTED)
    for doc_id, (status, message) in EXPECTED.items():
        doc = docs[doc_id]
        assert doc.status == status, (doc_id, doc.error)
        assert message in doc.error + "; ".join(doc.warnings), (doc_id, doc.error, doc.warnings)


def test_generated_bad_inputs_are_reported(generated_inputs: Path, lex):
    docs = _by_id(read_documents([generated_inputs], lex))
    assert set(docs) == set(GENERATED)
    for doc_id, (status, message) in GENERATED.items():
        assert docs[doc_id].status == status, (doc_id, docs[doc_id].error)
        assert message in docs[doc_id].error, (doc_id, docs[doc_id].error)
    assert docs["utf16"].encoding == "utf-16-le" and docs["utf16"].text.startswith("Madrid")


def test_missing_input_and_symlink_loop_given_by_name(tmp_path: Path, lex):
    loop = tmp_path / "self.txt"
    loop.symlink_to(loop)
    docs = _by_id(read_documents([tmp_path / "absent.txt", loop], lex))
    assert "no such file" in docs["absent"].error
    assert "symbolic link loop" in docs["self"].error


def test_decoded_text_keeps_bom_crlf_and_unicode_as_read(lex):
    docs = _by_id(read_documents([BAD], lex))
    assert not docs["bom"].text.startswith("\ufeff")
    assert "\r\n" in docs["crlf"].text
    assert "\u200b" in docs["unicode"].text and "\uff12\uff10\uff12\uff15" in docs["unicode"].text
    assert "\ufffd" in docs["surrogate"].text and "\ud800" not in docs["surrogate"].text
    assert docs["cp1252"].encoding == "cp1252" and "\u20ac4,000" in docs["cp1252"].text
    assert "SCRIPT-TEXT" not in docs["page"].text and "COOKIE-BANNER" not in docs["page"].text
    assert "Kelmsby ferry" in docs["page"].text


def test_twenty_megabyte_single_line_is_read_and_chunked(tmp_path: Path, lex):
    sentence = "The council of Wexford met on Friday and agreed to pay EUR 3 million for the bridge. "
    path = tmp_path / "huge.txt"
    path.write_text(sentence * (TWENTY_MB // len(sentence) + 1), encoding="utf-8")
    (doc,) = read_documents([path], lex)
    assert doc.ok and len(doc.text) > TWENTY_MB and "\n" not in doc.text
    chunks = split_points(doc.text, 100_000)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(doc.text)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))
    assert all(0 < end - start <= 100_000 for start, end in chunks)
    assert all(doc.text[end - 2:end] == ". " for _, end in chunks[:-1])  # cut after a sentence


def test_split_points_without_any_space_cut_at_the_limit():
    assert split_points("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]
    assert split_points("", 10) == [(0, 0)]
    with pytest.raises(ValueError):
        split_points("abc", 0)


@pytest.mark.model
def test_long_single_line_document_is_processed_in_chunks(settings, lex):
    """Longer than the chunk limit: parsed in pieces, offsets of the whole text, no failure."""
    from extract.core.documents import Document
    from extract.pipeline.process import process_batch
    from extract.pipeline.resources import worker_resources

    text = "Paris, 13 May 2025. " + "Minister Jane Roe visited Acme Corp in Berlin on Friday and paid $3 million. " * 60
    doc = Document(doc_id="long", source="long.txt", text=text)
    (result,) = process_batch([doc], worker_resources(settings), max_chars=1_000)
    assert result.document.ok, result.document.error
    assert len(result.mentions) > 100
    for r in result.mentions:
        assert text[r.mention.start:r.mention.end] == r.mention.text
    assert max(r.mention.end for r in result.mentions) > 4_000  # mentions from late chunks, at their offsets


@pytest.mark.model
def test_run_reports_every_input_and_exits_1(tmp_path: Path, generated_inputs: Path):
    inputs = tmp_path / "inputs"
    shutil.copytree(BAD, inputs)
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(inputs), str(generated_inputs), str(tmp_path / "absent.txt"),
                                 "--out", str(out), "--no-progress", "--processes", "1"])
    assert result.exit_code == 1, result.output
    with (out / "documents.csv").open(encoding="utf-8", newline="") as stream:
        rows = {r["doc_id"]: r for r in csv.DictReader(stream)}
    expected = {("'" + k if k.startswith("=") else k): v for k, v in {**EXPECTED, **GENERATED}.items()}
    assert set(rows) == set(expected) | {"absent"}
    for doc_id, (status, _) in expected.items():
        assert rows[doc_id]["status"] == status, (doc_id, rows[doc_id]["error"])
        assert (rows[doc_id]["error"] != "") == (status == "error")
    assert rows["absent"]["status"] == "error"
    failed = sum(1 for s, _ in expected.values() if s == "error") + 1
    assert f"{len(expected) + 1} documents read, {failed} failed" in result.output
    _check_offsets(out, [inputs, generated_inputs])


def _check_offsets(out: Path, inputs: list[Path]) -> None:
    from extract.core.settings import Settings
    from extract.dates.loader import load_temporal_lexicon
    from extract.ingest.reader import read_documents

    texts = {d.doc_id: d.text for d in read_documents(inputs, load_temporal_lexicon(Settings().rules_dir))}
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            doc_id = row["doc_id"][1:] if row["doc_id"].startswith("'=") else row["doc_id"]
            written = texts[doc_id][int(row["start"]):int(row["end"])]
            assert row["text"] in (written, "'" + written), (doc_id, row)


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00", b"\xfe\xff\xd8", b"\x80" * 5000, "\u2028".encode(), b"\r\n\r\n"])
def test_decode_never_raises(raw: bytes):
    text, encoding, error = decode(raw, "f.txt")
    assert isinstance(text, str) and (error == "") == bool(text)

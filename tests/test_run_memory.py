"""The main process of a run holds no bookkeeping per document (issue 17: memory flat in the number of
documents). What a run must know of every document (its content hash and part for --resume and
state, the input order the merge follows, which documents of a part are the run's) lives in the run
state database (batch.state), not in dictionaries and lists.

Measured with tracemalloc on a fake pipeline (no model: each document becomes an empty result) over
many tiny documents, when the merge starts writing the tables: by then a run holding bookkeeping per
document holds all of it. Only what the package's own code allocated is counted (the interpreter's
own caches, e.g. pathlib's interned names, are not the run's).
"""

from __future__ import annotations

import gc
import os
import tracemalloc
from pathlib import Path
from typing import Iterator

import pytest

import extract.batch.run as run_module
import extract.batch.writer as writer_module
import extract.core.allocator as allocator
from extract.batch.parts import Job, RenderedBatch, render_batch
from extract.core.documents import Document
from extract.core.settings import Settings
from extract.pipeline.process import DocResult
from extract.tables import frames as tables

SMALL, LARGE = 200, 1_200
OWN_CODE = tracemalloc.Filter(True, f"*{os.sep}extract{os.sep}*")  # src/extract/...: the package, not tests


def _empty_results(settings: Settings, safe_formulas: bool, job: Job, doc_timeout: float | None = None) -> RenderedBatch:
    return render_batch(job.part, [DocResult(d) for d in job.documents], job.digests, None, safe_formulas)


def _documents(count: int) -> Iterator[Document]:
    for n in range(count):
        yield Document(f"folder/article-{n:07d}", f"corpus/folder/article-{n:07d}.txt", f"Article {n}.")


def _held_when_the_merge_writes(out: Path, docs: int, resume: bool, monkeypatch: pytest.MonkeyPatch) -> int:
    held: list[int] = []
    real = writer_module._write_csv

    def first_table(name: str, rows: object, temp: Path) -> int:
        if not held:
            gc.collect()  # live memory: in a process full of long-lived objects, cyclic garbage waits long
            snapshot = tracemalloc.take_snapshot().filter_traces([OWN_CODE])
            held.append(sum(stat.size for stat in snapshot.statistics("filename")))
        return real(name, rows, temp)  # type: ignore[arg-type]

    monkeypatch.setattr(writer_module, "_write_csv", first_table)
    gc.collect()
    tracemalloc.start()
    try:
        summary = run_module.run_documents(_documents(docs), out, Settings(model="blank:en"),
                                           run_module.RunOptions(resume=resume))
    finally:
        tracemalloc.stop()
        monkeypatch.setattr(writer_module, "_write_csv", real)
    assert summary.read == docs and summary.reused == (docs if resume else 0)
    return held[0]


@pytest.mark.parametrize("resume", [False, True], ids=["fresh run", "resumed run, every document reused"])
def test_the_main_process_holds_no_bookkeeping_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            resume: bool) -> None:
    """From 200 to 1,200 documents what the package holds grows by less than 40 bytes a document. It
    grew ~190 bytes a document (~270 resumed) when the run kept a dict of every document's hash and
    part, the input order as a list and, in the merge, a set of ids per part, and a resumed run also
    loaded the whole previous state."""
    monkeypatch.setattr(run_module, "render_job", _empty_results)
    held = {}
    for docs in (SMALL, LARGE):
        out = tmp_path / f"run{docs}"
        if resume:
            run_module.run_documents(_documents(docs), out, Settings(model="blank:en"))
        held[docs] = _held_when_the_merge_writes(out, docs, resume, monkeypatch)
    assert (held[LARGE] - held[SMALL]) / (LARGE - SMALL) < 40, held


def _failed_documents(count: int) -> Iterator[Document]:
    for n in range(count):
        yield Document(f"bad-{n:05d}", f"corpus/bad-{n:05d}.txt", "", status="error",
                       error=f"corpus/bad-{n:05d}.txt: not a text file")


def test_a_run_keeps_a_bounded_number_of_error_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of many failed documents counts them all and keeps the first MAX_ERRORS messages (the
    CLI prints those and how many more); every one still has its row in documents.csv. The summary kept
    one message per failed document before: a list that grew with the run."""
    monkeypatch.setattr(run_module, "render_job", _empty_results)
    docs = run_module.MAX_ERRORS * 3
    summary = run_module.run_documents(_failed_documents(docs), tmp_path / "out", Settings(model="blank:en"))
    assert (summary.read, summary.failed) == (docs, docs)
    assert summary.errors == [f"corpus/bad-{n:05d}.txt: not a text file" for n in range(run_module.MAX_ERRORS)]
    rows = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == docs and all(",error," in row for row in rows)


def _held_while_reading(path: Path, docs: int) -> tuple[int, int, str]:
    """Traced memory after reading a tenth of the JSONL file and after reading all of it; the last id."""
    from extract.dates.loader import load_temporal_lexicon
    from extract.ingest.reader import read_documents

    lex = load_temporal_lexicon(Settings().rules_dir)
    gc.collect()
    tracemalloc.start()
    try:
        documents = read_documents([path], lex)
        held, last = [], ""
        for number, document in enumerate(documents, start=1):
            last = document.doc_id
            if number in (docs // 10, docs):
                gc.collect()
                held.append(tracemalloc.get_traced_memory()[0])
        documents.close()
    finally:
        tracemalloc.stop()
    return held[0], held[1], last


def test_reading_inputs_holds_no_id_per_document(tmp_path: Path) -> None:
    """Reading 4,000 JSONL records, the reader's memory grows by less than 16 bytes a record from the
    400th to the last: the ids given so far (to rename a repeated one) are kept in a temporary database
    (ingest.idset), not in a set that grew ~100 bytes a document. A repeated id is still renamed."""
    import json

    docs = 4_000
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": f"wire/story-{n:07d}", "text": f"Story {n}."}) for n in range(docs - 1)]
    path.write_text("\n".join(lines + [json.dumps({"id": "wire/story-0000001", "text": "Again."})]) + "\n",
                    encoding="utf-8")
    early, late, last = _held_while_reading(path, docs)
    assert (late - early) / (docs - docs // 10) < 16, (early, late)
    assert last == "wire/story-0000001~2"


def _rss_anon() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no RssAnon in /proc/self/status")


@pytest.mark.skipif(not Path("/proc/self/status").exists() or allocator._libc() is None,
                    reason="glibc's malloc_trim and Linux's /proc")
def test_what_a_thread_allocated_and_the_main_thread_freed_goes_back_to_the_system() -> None:
    """The pattern of a run's main process: the pool's thread unpickles each batch's tables (a malloc arena
    of its own), the main thread frees them. glibc keeps those pages (40 MB here) until
    `release_free_memory` hands them back; it frees nothing in use (the small blocks kept stay intact)."""
    import random
    import threading

    made: dict[str, list[bytearray]] = {}

    def unpickle_batches() -> None:
        rng = random.Random(7)
        made["tables"] = [bytearray(rng.randint(20_000, 120_000)) for _ in range(400)]
        made["kept"] = [bytearray(b"k" * 3_000) for _ in range(400)]

    worker = threading.Thread(target=unpickle_batches)
    worker.start()
    worker.join()
    del made["tables"]
    gc.collect()
    held = _rss_anon()
    allocator.release_free_memory()
    assert held - _rss_anon() > 15 * 1024 * 1024, (held, _rss_anon())
    assert all(block == b"k" * 3_000 for block in made["kept"])


def test_the_run_hands_freed_memory_back_after_every_batch_and_merge_step(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The main process trims glibc's free memory after each batch it writes and after each step of the
    merge (consolidation, each table): in the bench its freed-but-kept memory grew from 0.5 to 20 MB over
    10,000 documents when nothing did."""
    calls: list[str] = []
    monkeypatch.setattr(run_module, "render_job", _empty_results)
    monkeypatch.setattr(run_module, "release_free_memory", lambda: calls.append("batch") or True)
    monkeypatch.setattr(writer_module, "release_free_memory", lambda: calls.append("merge") or True)
    run_module.run_documents(_documents(100), tmp_path / "out", Settings(model="blank:en", batch_size=16))
    assert calls == ["batch"] * 7 + ["merge"] * (1 + len(tables.COLUMNS))

"""Streaming runs: same bytes as the in-memory tables, whatever the batch size or process count;
resume, the output-directory lock, formula escaping, Parquet, a worker that dies."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import extract.batch.run as run_module
from extract.batch.lock import LockError, RunLock
from extract.batch.pool import Failure, WorkerPool
from extract.batch.run import run_pipeline
from extract.batch.state import STATE_FILE, STORE, code_files
from extract.cli.app import app
from extract.tables.frames import COLUMNS, escape_formulas

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad_inputs"


def _tables(folder: Path) -> dict[str, bytes]:
    return {name: (folder / f"{name}.csv").read_bytes() for name in COLUMNS}


@pytest.fixture()
def inputs(tmp_path: Path) -> list[Path]:
    """The corpus and the bad inputs: ok and failed documents, JSONL records, HTML."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus, ignore=shutil.ignore_patterns("gold", "*.md"))
    shutil.copytree(BAD, tmp_path / "bad")
    return [corpus, tmp_path / "bad"]


@pytest.mark.model
def test_streamed_tables_equal_the_in_memory_tables(inputs: list[Path], tmp_path: Path, settings):
    from extract.ingest.reader import read_documents
    from extract.pipeline.process import process
    from extract.pipeline.resources import worker_resources
    from extract.tables.frames import build_tables, write_tables

    resources = worker_resources(settings)
    results = process(read_documents(inputs, resources.lexicon), resources, batch_size=32)
    write_tables(build_tables(results, resources.entity_rules), tmp_path / "memory")
    run_pipeline(inputs, tmp_path / "streamed", settings.with_(batch_size=3))
    assert _tables(tmp_path / "streamed") == _tables(tmp_path / "memory")


@pytest.mark.model
def test_tables_are_byte_identical_whatever_the_process_count_and_batch_size(inputs: list[Path], tmp_path: Path,
                                                                              settings):
    one = run_pipeline(inputs, tmp_path / "one", settings.with_(processes=1, batch_size=32))
    two = run_pipeline(inputs, tmp_path / "two", settings.with_(processes=2, batch_size=2))
    assert _tables(tmp_path / "one") == _tables(tmp_path / "two")
    assert (one.read, one.failed, one.rows) == (two.read, two.failed, two.rows)


@pytest.mark.model
def test_resume_skips_unchanged_documents(inputs: list[Path], tmp_path: Path, settings):
    out = tmp_path / "out"
    first = run_pipeline(inputs, out, settings, resume=True)
    before = _tables(out)
    again = run_pipeline(inputs, out, settings, resume=True)
    assert again.reused == first.read - first.failed and _tables(out) == before
    changed = next(inputs[0].glob("*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe mayor resigned on Monday.\n", encoding="utf-8")
    third = run_pipeline(inputs, out, settings, resume=True)
    assert third.reused == again.reused - 1
    run_pipeline(inputs, tmp_path / "fresh", settings)
    assert _tables(out) == _tables(tmp_path / "fresh")


@pytest.mark.model
def test_an_interrupted_run_is_completed_by_resume(inputs: list[Path], tmp_path: Path, settings,
                                                   monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "out"
    real, written = run_module.write_part, []

    def dies_after_two(folder, batch):
        if len(written) == 2:
            raise KeyboardInterrupt  # as if the run were stopped here
        written.append(batch.part)
        real(folder, batch)

    monkeypatch.setattr(run_module, "write_part", dies_after_two)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(inputs, out, settings.with_(batch_size=4), resume=True)
    assert not (out / "documents.csv").exists() and not (out / STORE / "lock").exists()
    monkeypatch.setattr(run_module, "write_part", real)
    resumed = run_pipeline(inputs, out, settings.with_(batch_size=4), resume=True)
    assert any("resuming an interrupted run: 2 batch(es)" in n for n in resumed.notes)
    assert resumed.reused == 8 - _failed_in_first_batches(out)
    run_pipeline(inputs, tmp_path / "fresh", settings)
    assert _tables(out) == _tables(tmp_path / "fresh")


def _failed_in_first_batches(out: Path) -> int:
    """Failed documents of the interrupted run's first 8 are processed again, not reused."""
    with (out / "documents.csv").open(encoding="utf-8", newline="") as stream:
        order = [r for r in csv.DictReader(stream)]
    with closing(sqlite3.connect(out / STORE / STATE_FILE)) as db:
        parts = dict(db.execute("SELECT doc_id, part FROM done"))  # the documents kept: those without error
    return 8 - sum(1 for r in order if r["doc_id"] in parts and parts[r["doc_id"]] <= 2)


def test_a_second_run_on_the_same_directory_is_refused(tmp_path: Path):
    lock = tmp_path / STORE / "lock"
    with RunLock(lock):
        with pytest.raises(LockError, match=r"in use by another extract run \(pid \d+"):
            RunLock(lock).acquire()
        result = CliRunner().invoke(app, ["run", str(BAD / "bom.txt"), "--out", str(tmp_path), "--no-progress",
                                          "--processes", "1"])
        assert result.exit_code == 2 and "in use by another extract run" in result.output
    assert not lock.exists()


def test_a_stale_lock_is_taken_over(tmp_path: Path):
    lock = tmp_path / STORE / "lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(json.dumps({"pid": 2 ** 22 + 12345, "host": os.uname().nodename, "started": 1.0}))
    with RunLock(lock) as taken:
        assert "stale lock" in taken.stale and "no longer running" in taken.stale
        assert json.loads(lock.read_text())["pid"] == os.getpid()


def test_escape_formulas_covers_text_columns_of_any_dtype():
    frame = pd.DataFrame({"text": ["=1+1", "+1", "-x", "@a", "\tb", "ok", "'=kept"], "n": [1, 2, 3, 4, 5, 6, 7],
                          "mixed": ["=a", 3, None, "x", "-", "", "y"]})
    escaped = escape_formulas(frame)
    # "'=kept" gets one more apostrophe: a spreadsheet (and extract.load) then reads back "'=kept", not "=kept"
    assert list(escaped["text"]) == ["'=1+1", "'+1", "'-x", "'@a", "'\tb", "ok", "''=kept"]
    assert list(escaped["n"]) == [1, 2, 3, 4, 5, 6, 7]
    assert list(escaped["mixed"])[:2] == ["'=a", 3] and list(frame["text"])[0] == "=1+1"


@pytest.mark.model
def test_formula_cells_are_escaped_unless_raw_cells(tmp_path: Path):
    runner = CliRunner()
    source = BAD / "records.jsonl"
    for flag, expected in (("--safe-formulas", "'=HYPERLINK"), ("--raw-cells", "=HYPERLINK")):
        out = tmp_path / flag
        runner.invoke(app, ["run", str(source), "--out", str(out), "--no-progress", "--processes", "1", flag])
        with (out / "documents.csv").open(encoding="utf-8", newline="") as stream:
            rows = {r["title"]: r for r in csv.DictReader(stream) if "HYPERLINK" in r["title"]}
        (title,) = rows
        assert title.startswith(expected + '("http') and rows[title]["doc_id"] == expected[:-9] + "formula"


@pytest.mark.model
def test_parquet_holds_the_same_rows_as_csv(inputs: list[Path], tmp_path: Path, settings):
    run_pipeline(inputs, tmp_path / "csv", settings, safe_formulas=False)
    run_pipeline(inputs, tmp_path / "parquet", settings, fmt="parquet")
    for name in COLUMNS:
        from_csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        from_parquet = pd.read_parquet(tmp_path / "parquet" / name).astype(str).replace({"<NA>": "", "None": ""})
        assert list(from_parquet.columns) == COLUMNS[name]
        assert from_parquet.to_dict("records") == from_csv.to_dict("records"), name


def _dies_on_three(item: int) -> int:
    if item == 3:
        os._exit(1)  # the worker process disappears, as when it is killed or runs out of memory
    return item * 10


def test_a_worker_that_dies_fails_only_its_batch(settings):
    with WorkerPool(settings, 2, preload=False) as pool:
        results = dict(pool.map(_dies_on_three, range(6)))
    assert isinstance(results.pop(3), Failure)
    assert results == {0: 0, 1: 10, 2: 20, 4: 40, 5: 50}


@pytest.mark.parametrize("processes, sizes", [(1, [4, 4, 4, 4, 4]), (2, [4, 4, 4] + [1] * 8)])
def test_with_several_processes_the_last_documents_go_out_in_small_jobs(tmp_path: Path, processes: int,
                                                                        sizes: list[int]):
    from extract.batch.run import RunSummary, _jobs
    from extract.batch.state import Store
    from extract.core.documents import Document

    documents = [Document(f"d{n:02d}", f"d{n:02d}.txt", f"Text {n}.") for n in range(20)]
    with Store.open(tmp_path, "fingerprint") as store:
        store.reset()
        jobs = list(_jobs(documents, store, RunSummary(), 4, processes))
        assert [len(job.documents) for job in jobs] == sizes
        assert [d.doc_id for job in jobs for d in job.documents] == [d.doc_id for d in documents]
        assert list(store.order()) == [(d.doc_id, job.part) for job in jobs for d in job.documents]


def test_an_interrupt_while_a_worker_starts_waits_until_the_submit_returns():
    """SIGTERM arriving while the pool sends a new worker its start-up data used to cut that data off,
    and the worker died printing a traceback; the signal is now delivered when the submit is done."""
    from extract.batch.pool import signals_deferred

    received: list[str] = []
    previous = signal.signal(signal.SIGTERM, lambda *_: received.append("after"))
    try:
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            received.append("inside")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert received == ["inside", "after"]



def test_the_resume_fingerprint_reads_every_stage_of_the_package() -> None:
    # a change in the event or entity code must not let --resume reuse rows made by the old code
    names = {path.relative_to(path.parents[1]).as_posix() for path in code_files()}
    assert {"events/detect.py", "entities/consolidation.py", "batch/state.py"} <= names

"""Faults of the input, the environment and the user: one clear line and the right exit code, the
batch going on where it can, and never a mixed or half-written set of tables (issue 17)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

import extract.batch.writer as writer_module
from extract.batch.lock import LockError, RunLock
from extract.batch.run import run_pipeline
from extract.batch.state import STORE
from extract.cli.app import app
from extract.ingest.reader import read_documents
from extract.tables.frames import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpus" / "000_bfa303233e45c24c.txt"
SHORT = "Paris, 3 March 2025.\nThe mayor of Paris met officials of the European Union on Monday.\n"


def _cli(*args: str) -> object:
    return CliRunner().invoke(app, [*args])


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


def _leftovers(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")
                  if p.name.endswith(".tmp") or ".merge." in p.name or p.name.startswith(writer_module.SCRATCH_PREFIX))


def _tables(folder: Path) -> dict[str, bytes]:
    return {name: (folder / f"{name}.csv").read_bytes() for name in COLUMNS}


# 1. HTML needs lxml_html_clean: without it, the HTML document fails and the others are read


def test_html_without_its_dependencies_fails_only_that_document(tmp_path: Path, lex, monkeypatch):
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><article><p>{SHORT}</p></article></body></html>", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` now raises ImportError
    docs = {d.doc_id: d for d in read_documents([tmp_path], lex)}
    assert docs["a"].ok
    assert not docs["b"].ok and "pip install trafilatura lxml_html_clean" in docs["b"].error


def test_lxml_html_clean_is_a_declared_dependency():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"lxml_html_clean' in pyproject and 'license = "MIT"' in pyproject


# 2. OS faults: one line, exit 2, no temporary file left


@pytest.mark.model
def test_out_that_is_a_file_is_one_line_and_exit_2(tmp_path: Path):
    target = tmp_path / "tables"
    target.write_text("not a folder", encoding="utf-8")
    result = _cli("run", str(ARTICLE), "--out", str(target), "--processes", "1", "--no-progress")
    assert result.exit_code == 2, result.output
    assert _error_lines(result.output) == [f"error: --out {target} is a file; give a folder for the tables"]
    assert "Traceback" not in result.output


@pytest.mark.model
@pytest.mark.parametrize("where", ["/proc/extract-out", "/proc/self/status/out"])
def test_out_under_proc_is_one_line_and_exit_2(where: str):
    result = _cli("run", str(ARTICLE), "--out", where, "--processes", "1", "--no-progress")
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result.output)
    assert "/proc/" in line and "Traceback" not in result.output


@pytest.mark.model
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_is_one_line_and_exit_2(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = _cli("run", str(ARTICLE), "--out", str(out), "--processes", "1", "--no-progress")
    finally:
        out.chmod(0o700)
    assert result.exit_code == 2 and "Permission denied" in _error_lines(result.output)[0]


@pytest.mark.model
@pytest.mark.parametrize("fault", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_full_or_read_only_disk_during_the_merge_leaves_the_old_tables_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: int):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    assert _cli("run", str(inputs), "--out", str(out), "--processes", "1", "--no-progress").exit_code == 0
    before = _tables(out)
    (inputs / "b.txt").write_text(SHORT.replace("Paris", "Lyon"), encoding="utf-8")
    real = writer_module._write_csv

    def fails_half_way(name, rows, temp):
        if name == "mentions":
            temp.write_text("half a table", encoding="utf-8")
            raise OSError(fault, os.strerror(fault), str(temp))
        return real(name, rows, temp)

    monkeypatch.setattr(writer_module, "_write_csv", fails_half_way)
    result = _cli("run", str(inputs), "--out", str(out), "--processes", "1", "--no-progress")
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result.output)
    assert os.strerror(fault) in line and "Traceback" not in result.output
    assert _tables(out) == before and _leftovers(out) == []
    assert not (out / STORE / "lock").exists()


def test_an_unexpected_error_is_one_line_and_its_traceback_only_with_debug(monkeypatch: pytest.MonkeyPatch):
    import extract.batch.run as run_module

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(run_module, "run_pipeline", broken)
    quiet = _cli("run", "corpus", "--no-progress")
    assert quiet.exit_code == 2 and "Traceback" not in quiet.output
    assert _error_lines(quiet.output) == ["error: internal error, please report it with the output of --debug: "
                                          "ZeroDivisionError: division by zero"]
    loud = _cli("--debug", "run", "corpus", "--no-progress")
    assert loud.exit_code == 2 and "Traceback" in loud.output


def test_ctrl_c_says_how_to_complete_the_run(monkeypatch: pytest.MonkeyPatch):
    import extract.batch.run as run_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(run_module, "run_pipeline", interrupted)
    result = _cli("run", "corpus", "--no-progress")
    assert result.exit_code == 130 and "interrupted: rerun with --resume" in result.output


# 10. misuse of `run` and `bench`: one line, exit 2


@pytest.mark.parametrize("args, message", [
    (["run", "/nonexistent/input", "--no-progress"], "no such input: /nonexistent/input"),
    (["run", str(ARTICLE), "--format", "xml"], "unknown format 'xml'"),
    (["run", str(ARTICLE), "--engine", "spark"], "unknown engine 'spark'"),
    (["bench", "ner", "finer", "/nonexistent/test.csv"], "no such file or folder: /nonexistent/test.csv"),
    (["bench", "ner", "xml", str(ARTICLE)], "unknown gold format 'xml'"),
    (["bench", "eventtime", "/nonexistent/a.tab", "/nonexistent/tbaq"], "no such file or folder: /nonexistent/a.tab"),
    (["bench", "speed", "/nonexistent/corpus"], "no such file or folder: /nonexistent/corpus"),
    (["bench", "timeml", "/nonexistent/tbaq"], "no such file or folder: /nonexistent/tbaq"),
])
def test_misuse_of_run_and_bench_is_one_line_and_exit_2(args: list[str], message: str):
    result = _cli(*args)
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result.output)
    assert message in line and "Traceback" not in result.output



@pytest.mark.parametrize("args, message", [
    (["bench", "eventtime", "/nonexistent/a.tab"], "Missing argument"),
    (["eval", "--nonsense"], "No such option"),
    (["gold", "draft"], "Missing argument"),
    (["run", "--processes", "many"], "Invalid value for '--processes'"),
])
def test_usage_errors_are_reported_as_usage_not_as_internal_errors(args: list[str], message: str):
    """Newer typer carries its own copy of click: its usage errors must still be click's to report."""
    result = _cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "internal error" not in result.output and "Traceback" not in result.output


# 3. --out inside an input folder is never read as input


@pytest.mark.model
def test_out_inside_an_input_folder_is_not_read(tmp_path: Path, settings):
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    other_store = tmp_path / "old" / STORE
    other_store.mkdir(parents=True)
    (other_store / "journal.jsonl").write_text('{"fingerprint": "x"}\n', encoding="utf-8")
    out = tmp_path / "outputs"
    first = run_pipeline([tmp_path], out, settings)
    second = run_pipeline([tmp_path], out, settings)
    assert (first.read, first.failed) == (second.read, second.failed) == (1, 0)


def test_a_relative_out_folder_works(tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch):
    """`extract run corpus --out outputs` as the README gives it: the folders relative to the working one."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SHORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    summary = run_pipeline([Path("in")], Path("outputs"), settings)
    assert (summary.read, summary.failed) == (1, 0)
    assert (tmp_path / "outputs" / "documents.csv").exists() and _leftovers(tmp_path / "outputs") == []


# 4. the lock is taken atomically, also over a stale lock


def _stale_lock(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"pid": 2 ** 22 + 12345, "host": os.uname().nodename, "started": 1.0}))


def test_threads_taking_over_a_stale_lock_at_once_never_both_hold_it(tmp_path: Path):
    path = tmp_path / STORE / "lock"
    for _ in range(30):
        _stale_lock(path)
        barrier, held = threading.Barrier(8), []

        def take() -> None:
            lock = RunLock(path)
            barrier.wait()
            try:
                lock.acquire()
                held.append(lock)
            except LockError:
                pass
            barrier.wait()  # every thread has tried before the holder lets go
            lock.release()

        threads = [threading.Thread(target=take) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(held) == 1 and "no longer running" in held[0].stale
    assert not path.exists()


HOLD_LOCK = """
import sys, time
from pathlib import Path
from extract.batch.lock import LockError, RunLock
lock = RunLock(Path(sys.argv[1]))
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # start together
try:
    lock.acquire()
except LockError:
    print("refused", flush=True)
    sys.exit(0)
print("held", flush=True)
time.sleep(2)
"""


def test_processes_taking_over_a_stale_lock_at_once_never_both_hold_it(tmp_path: Path):
    path = tmp_path / STORE / "lock"
    _stale_lock(path)
    start = str(time.time() + 3)
    runs = [subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), start], stdout=subprocess.PIPE, text=True)
            for _ in range(4)]
    outcomes = sorted(run.communicate(timeout=30)[0].strip() for run in runs)
    assert outcomes == ["held", "refused", "refused", "refused"]


def test_a_killed_run_leaves_a_lock_the_next_run_takes(tmp_path: Path):
    path = tmp_path / STORE / "lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), str(time.time())], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockError, match=rf"in use by another extract run \(pid {holder.pid} "):
        RunLock(path).acquire()
    holder.kill()
    holder.communicate()
    with RunLock(path) as lock:
        assert f"pid {holder.pid}" in lock.stale


# 5. workers exit when their parent dies

POOL_PARENT = """
import time
from extract.batch.pool import WorkerPool
from extract.core.settings import Settings
pool = WorkerPool(Settings(), 2, preload=False)
for _ in pool.map(time.sleep, [120, 120, 120, 120]):
    pass
"""


def test_workers_exit_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", POOL_PARENT])
    try:
        workers = _wait_for_workers(parent.pid, 2)
    finally:
        parent.kill()
        parent.wait()
    alive = _still_running(workers, timeout=30)  # returns as soon as they are gone; 5 s failed once at load average 9
    for process in alive:
        process.kill()
    assert alive == []


def _still_running(processes: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """The processes still running after `timeout` seconds (an exited one not yet reaped is not running)."""
    deadline = time.time() + timeout
    while True:
        alive = [p for p in processes if _running(p)]
        if not alive or time.time() > deadline:
            return alive
        time.sleep(0.1)


def _running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _wait_for_workers(pid: int, count: int) -> list[psutil.Process]:
    deadline = time.time() + 60
    while time.time() < deadline:
        workers = [c for c in psutil.Process(pid).children()
                   if "resource_tracker" not in " ".join(c.cmdline())]
        if len(workers) >= count:
            return workers
        time.sleep(0.2)
    raise AssertionError("the pool's workers did not start")


# 6. a final merge killed half-way is completed by the next run


@pytest.mark.model
def test_a_merge_killed_between_renames_is_completed_by_the_next_run(tmp_path: Path, settings,
                                                                     monkeypatch: pytest.MonkeyPatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline([inputs], out, settings)
    old = _tables(out)
    (inputs / "b.txt").write_text(SHORT.replace("Paris", "Lyon"), encoding="utf-8")
    real, done = writer_module._replace, []

    def killed_after_one(temp: Path, target: Path) -> None:
        if done:
            raise SystemExit("killed")  # no clean-up runs after this, as after kill -9
        done.append(target)
        real(temp, target)

    monkeypatch.setattr(writer_module, "_replace", killed_after_one)
    with pytest.raises(SystemExit):
        run_pipeline([inputs], out, settings)
    mixed = _tables(out)
    assert mixed["documents"] != old["documents"] and mixed["mentions"] == old["mentions"]
    assert (out / STORE / writer_module.MANIFEST).exists()
    scratch = out / STORE / "parts" / f"{writer_module.SCRATCH_PREFIX}left"  # as a merge killed by kill -9 leaves it
    scratch.mkdir()
    (scratch / ".events.x.jsonl").write_text("[]\n", encoding="utf-8")
    monkeypatch.setattr(writer_module, "_replace", real)
    notes = writer_module.finish_merge(out / STORE, out)
    assert not scratch.exists()
    assert notes and "completed the table renames" in notes[0]
    run_pipeline([inputs], tmp_path / "fresh", settings)
    assert _tables(out) == _tables(tmp_path / "fresh")
    assert _leftovers(out) == [] and not (out / STORE / writer_module.MANIFEST).exists()


# 7.-8. ids and JSONL


def test_a_renamed_duplicate_never_takes_an_id_of_the_input(tmp_path: Path, lex):
    records = [{"id": "dup", "text": SHORT}, {"id": "dup", "text": SHORT}, {"id": "dup~2", "text": SHORT}]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ids = [d.doc_id for d in read_documents([tmp_path], lex)]
    assert ids == ["dup", "dup~3", "dup~2"]


def test_jsonl_is_read_line_by_line(tmp_path: Path, lex, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"id": "x", "text": SHORT * 60}) + "\n"  # ~5 KB
    with path.open("w", encoding="utf-8") as stream:
        for number in range(4000):  # ~20 MB
            stream.write(line.replace('"x"', f'"x{number}"'))
    for name in ("read_bytes", "read_text"):
        monkeypatch.setattr(Path, name, lambda self, *a, **k: pytest.fail("a JSONL file was read whole"))
    tracemalloc.start()
    count = sum(1 for _ in read_documents([path], lex))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 4000 and peak < 2_000_000


def test_jsonl_lines_are_read_as_they_come(tmp_path: Path, lex):
    path = tmp_path / "growing.jsonl"
    path.write_text(json.dumps({"id": "first", "text": SHORT}) + "\n", encoding="utf-8")
    documents = read_documents([path], lex)
    assert next(documents).doc_id == "first"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "second", "text": SHORT}) + "\n")
    assert [d.doc_id for d in documents] == ["second"]


# 11. smaller things


@pytest.mark.parametrize("text, message", [(42, "'text' must be a string, got a number (42)"),
                                           (["a", "b"], "'text' must be a string, got a list"),
                                           (None, "missing or empty 'text'")])
def test_a_text_that_is_not_a_string_is_named(tmp_path: Path, lex, text: object, message: str):
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "r1", "text": text}) + "\n", encoding="utf-8")
    (doc,) = read_documents([tmp_path], lex)
    assert not doc.ok and message in doc.error


def test_nul_characters_become_replacement_characters(tmp_path: Path, lex):
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "n", "text": "A\x00B " + SHORT, "title": "T\x00"}) + "\n",
                                      encoding="utf-8")
    (doc,) = read_documents([tmp_path], lex)
    assert doc.ok and doc.text.startswith("A\ufffdB ") and doc.title == "T\ufffd" and "\x00" not in doc.text
    assert any("1 NUL character" in w for w in doc.warnings)


def test_an_id_with_a_semicolon_is_refused(tmp_path: Path, lex):
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "a;b", "text": SHORT}) + "\n", encoding="utf-8")
    (tmp_path / "c;d.txt").write_text(SHORT, encoding="utf-8")
    docs = list(read_documents([tmp_path], lex))
    assert [d.ok for d in docs] == [False, False] and all("contains ';'" in d.error for d in docs)


@pytest.mark.model
def test_parts_hold_data_not_pickles(tmp_path: Path, settings):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SHORT, encoding="utf-8")
    run_pipeline([tmp_path / "in"], tmp_path / "out", settings)
    parts = tmp_path / "out" / STORE / "parts"
    assert not list(parts.glob("*.pkl"))
    (records,) = parts.glob("*.records.jsonl")
    assert [json.loads(line)["doc_id"] for line in records.read_text(encoding="ascii").splitlines()] == ["a"]


# the time limit per document


@pytest.mark.model
def test_a_runaway_document_becomes_an_error_row_and_the_batch_goes_on(tmp_path: Path, settings,
                                                                        monkeypatch: pytest.MonkeyPatch):
    import extract.pipeline.process as process_module

    real = process_module.analyse

    def runaway(document, doc, resources):
        while document.doc_id == "slow":
            time.sleep(0.01)
        return real(document, doc, resources)

    monkeypatch.setattr(process_module, "analyse", runaway)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("fast1", "slow", "fast2"):
        (inputs / f"{name}.txt").write_text(SHORT, encoding="utf-8")
    started = time.perf_counter()
    summary = run_pipeline([inputs], tmp_path / "out", settings.with_(processes=1), doc_timeout=1.0)
    assert time.perf_counter() - started < 60
    assert (summary.read, summary.failed) == (3, 1)
    (error,) = summary.errors
    assert "slow.txt: processing took longer than --doc-timeout 1 s" in error
    rows = (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8")
    assert "fast1," in rows and "fast2," in rows and "\nslow," not in rows


# 9. a missing model or a broken rule file with several processes: reported once, clearly


@pytest.mark.model
def test_a_missing_model_with_several_processes_is_one_line_with_the_right_install(tmp_path: Path):
    result = _cli("run", str(ARTICLE), "--out", str(tmp_path / "out"), "--processes", "2", "--no-progress",
                  "--model", "en_core_web_trf")
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result.output)
    assert "python -m spacy download en_core_web_trf" in line and "worker" not in result.output


def test_a_broken_rule_file_with_several_processes_is_one_line(tmp_path: Path, settings,
                                                              monkeypatch: pytest.MonkeyPatch):
    rules = tmp_path / "rules"
    shutil.copytree(settings.rules_dir, rules)
    (rules / "money.json").write_text('{"scales": [', encoding="utf-8")
    monkeypatch.setenv("EXTRACT_RULES_DIR", str(rules))
    result = _cli("run", str(ARTICLE), "--out", str(tmp_path / "out"), "--processes", "2", "--no-progress")
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result.output)
    assert "money.json" in line and "worker" not in result.output


# SIGTERM: the run stops, says so, and its workers with it


@pytest.mark.model
def test_sigterm_stops_the_run_with_143_and_a_hint(tmp_path: Path):
    out = tmp_path / "out"
    extract = Path(sys.executable).with_name("extract")
    run = subprocess.Popen([str(extract), "run", str(ROOT / "corpus"), "--out", str(out), "--processes", "2",
                            "--batch-size", "1", "--no-progress"], stderr=subprocess.PIPE, text=True)
    try:
        workers = _wait_for_workers(run.pid, 2)
    except AssertionError:
        run.kill()
        raise
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 143, stderr
    assert "interrupted: rerun with --resume" in stderr and "Traceback" not in stderr
    assert _still_running(workers, timeout=10) == []
    assert not (out / STORE / "lock").exists() and _leftovers(out) == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path: Path, lex, encoding: str):
    (tmp_path / "a.txt").write_bytes(SHORT.encode(encoding))
    (doc,) = read_documents([tmp_path], lex)
    assert doc.ok and doc.text == SHORT and doc.encoding == encoding


def test_a_folder_of_only_unsupported_files_names_what_it_skipped(tmp_path: Path):
    for name in ("a.pdf", "b.pdf", "c.docx"):
        (tmp_path / name).write_bytes(b"%PDF")
    result = _cli("run", str(tmp_path), "--out", str(tmp_path / "out"), "--no-progress")
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result.output)
    assert "skipped 3 file(s) of other types (2 .pdf, 1 .docx)" in line

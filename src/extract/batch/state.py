"""What a run leaves in its output directory so the next one can skip work: `<out>/.extract/`.

    .extract/lock            flock'ed by the running run, holding its pid (lock.py)
    .extract/state.sqlite    the run state (sqlite3, standard library), on disk rather than in memory:
                             `done`: per document whose rows are in a part, its content hash, part and
                             status (after a complete run its documents that had no error; during a run,
                             also every part written since, each committed after its files are complete,
                             so a killed run resumes from them); `run`: the documents of the run under way,
                             in input order, with their parts (what the final merge reads); `meta`: the
                             fingerprint the rows were made with
    .extract/parts/          the sorted rows of each batch, and its records as JSON lines (batch/writer.py)
    .extract/merge.json      while the final tables are renamed into place: the renames (writer.finish_merge)

A document is reused when its content hash and the run's fingerprint (pipeline version, code, rule
files, model, output options) are unchanged. Only documents that were processed without error are
reused; the others are read again. The main process holds none of this per document: a run of a
million documents keeps its bookkeeping in the database, not in dictionaries.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable, Iterator

from extract.core.documents import Document
from extract.core.errors import ExtractError
from extract.core.settings import Settings

STORE = ".extract"
STATE_FILE = "state.sqlite"
LEGACY_FILES = ("state.json", "journal.jsonl")  # the state of versions before the database: never read
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS done (doc_id TEXT PRIMARY KEY, digest TEXT NOT NULL, part INTEGER NOT NULL,
                                 ok INTEGER NOT NULL, fresh INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS run (position INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, part INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS run_part ON run (part);
"""  # done.fresh: written by a run that has not completed (resuming it reuses these parts)


class StoreError(ExtractError):
    """The run state database cannot be read or written (full disk, read-only folder...)."""


@dataclass(frozen=True, slots=True)
class Done:
    """A document whose rows are on disk."""

    doc_id: str
    digest: str
    part: int
    ok: bool


class Store:
    """The paths of one output directory's store, and the run state it holds (see the module)."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root, self.fingerprint = root, fingerprint
        self._db: sqlite3.Connection | None = None
        self._anything_done = False  # rows in `done` when the run began: without any, no document is looked up

    @classmethod
    def open(cls, out_dir: Path, fingerprint: str) -> "Store":
        """The folders; the database is opened by `with store:`, once the run holds the lock."""
        store = cls(out_dir / STORE, fingerprint)
        store.parts.mkdir(parents=True, exist_ok=True)
        ignore = store.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by `extract run`\n*\n", encoding="utf-8")
        return store

    def __enter__(self) -> "Store":
        self._db = _connect(self.state_path)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._db is not None:
            self._db.rollback()  # a run stopped half-way: its uncommitted `run` rows are of no use
            self._db.close()
            self._db = None

    @property
    def parts(self) -> Path:
        return self.root / "parts"

    @property
    def lock_path(self) -> Path:
        return self.root / "lock"

    @property
    def state_path(self) -> Path:
        return self.root / STATE_FILE

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the store's database is opened by `with store:`")
        return self._db

    def load(self) -> list[str]:
        """Keep what earlier runs with the same fingerprint left (--resume); notes for the user."""
        with _errors(self.state_path):
            if self._stored_fingerprint() not in (None, self.fingerprint) or self._legacy():
                self.reset()
                return ["the pipeline or its options changed since the last run: every document is processed"]
            self._begin_run()
            fresh = self.db.execute("SELECT COUNT(DISTINCT part) FROM done WHERE fresh").fetchone()[0]
            self._anything_done = self.db.execute("SELECT 1 FROM done LIMIT 1").fetchone() is not None
        return [f"resuming an interrupted run: {fresh} batch(es) already done"] if fresh else []

    def reset(self) -> None:
        """Forget everything: a run without --resume starts from nothing."""
        shutil.rmtree(self.parts, ignore_errors=True)
        self.parts.mkdir(parents=True, exist_ok=True)
        for name in LEGACY_FILES:
            (self.root / name).unlink(missing_ok=True)
        with _errors(self.state_path):
            self.db.execute("DELETE FROM done")
            self._begin_run()
        self._anything_done = False

    def _begin_run(self) -> None:
        with self.db:
            self.db.execute("DELETE FROM run")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (self.fingerprint,))

    def _stored_fingerprint(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        return None if row is None else str(row[0])

    def _legacy(self) -> bool:
        return any((self.root / name).exists() for name in LEGACY_FILES)

    def reusable(self, doc_id: str, digest: str) -> Done | None:
        if not self._anything_done:
            return None
        with _errors(self.state_path):
            row = self.db.execute("SELECT digest, part, ok FROM done WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None or not row[2] or row[0] != digest:
            return None
        return Done(doc_id, row[0], int(row[1]), True)

    def next_part(self) -> int:
        with _errors(self.state_path):
            stored = self.db.execute("SELECT MAX(part) FROM done").fetchone()[0] or 0
        return max([stored, *(part_number(p) for p in self.parts.glob("part-*"))]) + 1

    def place(self, position: int, doc_id: str, part: int) -> None:
        """The run's document at `position` (input order) has its rows in `part` (written with the next part)."""
        with _errors(self.state_path):
            self.db.execute("INSERT OR REPLACE INTO run VALUES (?, ?, ?)", (position, doc_id, part))

    def record(self, part: int, docs: Iterable[tuple[str, str, bool]]) -> None:
        """A written part (its files complete on disk) and its documents, committed to the disk."""
        with _errors(self.state_path), self.db:
            self.db.executemany("INSERT OR REPLACE INTO done VALUES (?, ?, ?, ?, 1)",
                                ((doc_id, digest, part, int(ok)) for doc_id, digest, ok in docs))

    def commit(self) -> None:
        """After a complete run: the state is the run's documents that had no error; unused parts deleted."""
        with _errors(self.state_path):
            with self.db:
                self.db.execute("DELETE FROM done WHERE NOT ok OR doc_id NOT IN (SELECT doc_id FROM run)")
                self.db.execute("UPDATE done SET fresh = 0")
            used = {part for (part,) in self.db.execute("SELECT DISTINCT part FROM run")}
        for path in self.parts.glob("part-*"):
            if part_number(path) not in used:
                path.unlink(missing_ok=True)

    # What the final merge reads (batch.writer.Plan)

    def order(self) -> Iterator[tuple[str, int]]:
        """(doc_id, part) of every document of the run, in input order."""
        with _errors(self.state_path):
            yield from ((str(d), int(p)) for d, p in self.db.execute("SELECT doc_id, part FROM run ORDER BY position"))

    def run_parts(self) -> list[int]:
        with _errors(self.state_path):
            return [int(p) for (p,) in self.db.execute("SELECT DISTINCT part FROM run ORDER BY part")]

    def wanted(self, part: int) -> set[str]:
        """The run's documents in `part` (a part of an earlier run may also hold documents no longer in it)."""
        with _errors(self.state_path):
            return {str(d) for (d,) in self.db.execute("SELECT doc_id FROM run WHERE part = ?", (part,))}


def _connect(path: Path) -> sqlite3.Connection:
    """The database, made if missing; one that cannot be read as one (torn, not a database) starts anew."""
    with _errors(path):
        try:
            return _schema(sqlite3.connect(path, isolation_level="DEFERRED"))
        except sqlite3.DatabaseError as error:
            if "not a database" not in str(error) and "malformed" not in str(error):
                raise
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return _schema(sqlite3.connect(path, isolation_level="DEFERRED"))


def _schema(db: sqlite3.Connection) -> sqlite3.Connection:
    try:
        db.execute("PRAGMA journal_mode = WAL")  # a commit is one append and one fsync
        db.execute("PRAGMA synchronous = FULL")  # a committed part survives a power cut, as its files do
        db.executescript(SCHEMA)
    except BaseException:
        db.close()
        raise
    return db


@contextmanager
def _errors(path: Path) -> Iterator[None]:
    """sqlite3 errors as a StoreError naming the database and what to do (exit 2, one line)."""
    try:
        yield
    except sqlite3.Error as error:
        raise StoreError(f"the run state {path} cannot be used: {error}{_hint(str(error))}") from error


def _hint(message: str) -> str:
    if "full" in message:
        return " (free some space, or choose another --out)"
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return " (check the folder's permissions, or choose another --out)"
    if "locked" in message:
        return " (another program holds it: is an extract run still writing into this --out?)"
    return ""


def part_number(path: Path) -> int:
    try:
        return int(path.name.split(".")[0].removeprefix("part-"))
    except ValueError:
        return 0


def document_digest(doc: Document) -> str:
    """Hash of everything about a document that its rows depend on."""
    fields = [doc.doc_id, doc.source, doc.text, doc.title, doc.url,
              doc.published.isoformat() if doc.published else "", doc.published_from,
              list(doc.published_span) if doc.published_span else None, doc.encoding, doc.status, doc.error,
              list(doc.warnings)]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(settings: Settings, options: dict[str, object], columns: dict[str, list[str]]) -> str:
    """Changes whenever the same document could give other rows: version, code, rules, model, options."""
    digest = hashlib.sha256()
    digest.update(json.dumps([settings.pipeline_version, settings.model, _package_version(settings.model),
                              options, columns], sort_keys=True, default=str).encode())
    for path in code_files() + sorted(_files(settings.rules_dir)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_files() -> list[Path]:
    """Every module of the package: a change in any stage (events, entities, ...) can change a document's rows."""
    package = Path(__file__).parent.parent
    return sorted(package.rglob("*.py"))


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def _package_version(model: str) -> str:
    for name in (model, model.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return ""

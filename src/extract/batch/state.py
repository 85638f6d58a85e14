"""What a run leaves in its output directory so the next one can skip work: `<out>/.extract/`.

    .extract/lock            flock'ed by the running run, holding its pid (lock.py)
    .extract/state.json      after a complete run: the fingerprint and, per document, its content
                             hash and the part that holds its rows
    .extract/journal.jsonl   during a run: one line per part written (a killed run resumes from it)
    .extract/parts/          the sorted rows of each batch, and its records as JSON lines (batch/writer.py)
    .extract/merge.json      while the final tables are renamed into place: the renames (writer.finish_merge)

A document is reused when its content hash and the run's fingerprint (pipeline version, code, rule
files, model, output options) are unchanged. Only documents that were processed without error are
reused; the others are read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Iterable

from extract.core.documents import Document
from extract.core.settings import Settings

STORE = ".extract"
STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Done:
    """A document whose rows are on disk (one per document of the run is held: slots keep it small)."""

    doc_id: str
    digest: str
    part: int
    ok: bool


@dataclass
class Store:
    """The paths of one output directory's store, and the record of what it holds."""

    root: Path
    fingerprint: str
    done: dict[str, Done] = field(default_factory=dict)

    @classmethod
    def open(cls, out_dir: Path, fingerprint: str) -> "Store":
        store = cls(out_dir / STORE, fingerprint)
        store.parts.mkdir(parents=True, exist_ok=True)
        ignore = store.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by `extract run`\n*\n", encoding="utf-8")
        return store

    @property
    def parts(self) -> Path:
        return self.root / "parts"

    @property
    def lock_path(self) -> Path:
        return self.root / "lock"

    @property
    def state_path(self) -> Path:
        return self.root / "state.json"

    @property
    def journal_path(self) -> Path:
        return self.root / "journal.jsonl"

    def load(self) -> list[str]:
        """Read the state and journal of earlier runs with the same fingerprint; notes for the user."""
        notes = []
        state = _read_json(self.state_path)
        if state and state.get("fingerprint") == self.fingerprint:
            for doc_id, (digest, part) in state.get("docs", {}).items():
                self.done[doc_id] = Done(doc_id, digest, int(part), True)
        elif state:
            notes.append("the pipeline or its options changed since the last run: every document is processed")
        journal = _read_journal(self.journal_path, self.fingerprint)
        for entry in journal:
            self.done[entry.doc_id] = entry
        if journal:
            notes.append(f"resuming an interrupted run: {len({e.part for e in journal})} batch(es) already done")
        return notes

    def reset(self) -> None:
        """Forget everything: a run without --resume starts from nothing."""
        shutil.rmtree(self.parts, ignore_errors=True)
        self.parts.mkdir(parents=True, exist_ok=True)
        for path in (self.state_path, self.journal_path):
            path.unlink(missing_ok=True)
        self.done.clear()

    def reusable(self, doc_id: str, digest: str) -> Done | None:
        found = self.done.get(doc_id)
        return found if found is not None and found.ok and found.digest == digest else None

    def next_part(self) -> int:
        numbers = [d.part for d in self.done.values()]
        numbers += [part_number(p) for p in self.parts.glob("part-*")]
        return max(numbers, default=0) + 1

    def start_journal(self) -> None:
        """Keep the journal of an interrupted run with this fingerprint, else start a new one."""
        if _journal_fingerprint(self.journal_path) != self.fingerprint:
            _write_atomic(self.journal_path, json.dumps({"fingerprint": self.fingerprint}) + "\n")

    def record(self, part: int, docs: Iterable[tuple[str, str, bool]]) -> None:
        """Append one written part to the journal (after its files are complete)."""
        line = json.dumps({"part": part, "docs": [[d, h, ok] for d, h, ok in docs]}, ensure_ascii=False)
        with self.journal_path.open("a", encoding="utf-8") as stream:
            stream.write(line + "\n")
            stream.flush()
            os.fsync(stream.fileno())

    def commit(self, kept: dict[str, Done]) -> None:
        """After a complete run: the new state, the journal dropped, unused parts deleted."""
        docs = {d.doc_id: [d.digest, d.part] for d in kept.values() if d.ok}
        _write_atomic(self.state_path, json.dumps({"version": STATE_VERSION, "fingerprint": self.fingerprint,
                                                   "docs": docs}, ensure_ascii=False))
        self.journal_path.unlink(missing_ok=True)
        used = {d.part for d in kept.values()}
        for path in self.parts.glob("part-*"):
            if part_number(path) not in used:
                path.unlink(missing_ok=True)


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


def _read_json(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_journal(path: Path, fingerprint_: str) -> list[Done]:
    """The parts of an interrupted run with this fingerprint; a torn last line is ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    if not lines or _header(lines[0]) != fingerprint_:
        return []
    done = []
    for line in lines[1:]:
        try:
            entry = json.loads(line)
            done += [Done(str(d), str(h), int(entry["part"]), bool(ok)) for d, h, ok in entry["docs"]]
        except (ValueError, KeyError, TypeError):
            break
    return done


def _journal_fingerprint(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as stream:
            return _header(stream.readline())
    except OSError:
        return ""


def _header(line: str) -> str:
    try:
        return str(json.loads(line).get("fingerprint", ""))
    except (ValueError, AttributeError):
        return ""


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise

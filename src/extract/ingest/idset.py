"""A set of document ids that does not grow the process with the inputs: a private temporary sqlite
database (standard library), held in sqlite's page cache (bounded, ~2 MB) and written to a temporary
file, deleted when closed, once it outgrows that. Reading a million documents must not keep a million
ids in memory only to tell a repeated id (ingest.reader.unique_id).
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from extract.core.errors import ExtractError


class IdSetError(ExtractError):
    """The temporary database of ids cannot be used (no space or no permission in the temporary folder)."""


class IdSet:
    """`in`, `add` and `update` of a set of strings, kept in a temporary database."""

    def __init__(self) -> None:
        self._db: sqlite3.Connection | None = None  # made when first used

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            with _errors():
                self._db = sqlite3.connect("", isolation_level=None)  # "": private, on disk only if it must be
                self._db.execute("CREATE TABLE ids (id TEXT PRIMARY KEY) WITHOUT ROWID")
        return self._db

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str):
            return False
        with _errors():
            return self.db.execute("SELECT 1 FROM ids WHERE id = ?", (doc_id,)).fetchone() is not None

    def add(self, doc_id: str) -> None:
        with _errors():
            self.db.execute("INSERT OR IGNORE INTO ids VALUES (?)", (doc_id,))

    def update(self, ids: Iterable[str]) -> None:
        with _errors():
            self.db.executemany("INSERT OR IGNORE INTO ids VALUES (?)", ((i,) for i in ids))

    def __len__(self) -> int:
        with _errors():
            return int(self.db.execute("SELECT COUNT(*) FROM ids").fetchone()[0])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _errors:
    """sqlite3 errors as an IdSetError that says what to do (exit 2, one line)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, _: object) -> None:
        if isinstance(error, sqlite3.Error):
            raise IdSetError(f"the temporary list of document ids cannot be kept: {error} (free some space in "
                             f"the temporary folder, or set TMPDIR to a writable one)") from error

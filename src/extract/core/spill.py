"""Rows kept on disk rather than in memory: an append-only file read back in order (`Spill`), and an
external sort (`SortedSpill`) for tables built from a whole run, so that building them needs memory for
one chunk of rows, not for every row of the run.

Rows are lists of JSON values (strings, numbers, None) written one a line; the files live in a folder the
caller owns and are deleted by `close`. A `SortedSpill` sorts each chunk of CHUNK_ROWS rows in memory,
writes it as a run, and merges the runs (at most MERGE_FAN_IN at once, in passes) with `heapq.merge`.
Like `sorted`, it is stable: rows with equal keys come out in the order they were added.
"""

from __future__ import annotations

import heapq
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

Row = list[Any]
CHUNK_ROWS = 2_000  # rows sorted in memory at once: ~3 MB of events_merged or timelines rows (~1.5 KB each
#                     as Python lists; 10,000 held ~15 MB, the main process's growth up to ~4k documents)
MERGE_FAN_IN = 128  # runs open at once while merging


class Spill:
    """Rows (any JSON value) appended to a file and read back in the order they were added."""

    def __init__(self, folder: Path, name: str = "spill") -> None:
        handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".jsonl")
        self.path = Path(path)
        self._out = os.fdopen(handle, "w", encoding="utf-8")
        self.count = 0

    def add(self, row: Any) -> None:
        self._out.write(json.dumps(row, separators=(",", ":")) + "\n")
        self.count += 1

    def rows(self) -> Iterator[Any]:
        """Every row added so far, in order (no row may be added after this; may be read several times)."""
        if not self._out.closed:
            self._out.close()
        with self.path.open(encoding="utf-8") as stream:
            for line in stream:
                yield json.loads(line)

    def close(self) -> None:
        if not self._out.closed:
            self._out.close()
        self.path.unlink(missing_ok=True)


class SortedSpill:
    """Rows added in any order, read back sorted by `key` (stable), holding one chunk in memory."""

    def __init__(self, folder: Path, key: Callable[[Row], Any], chunk_rows: int | None = None,
                 fan_in: int = MERGE_FAN_IN) -> None:
        chunk_rows = CHUNK_ROWS if chunk_rows is None else chunk_rows
        if chunk_rows < 1 or fan_in < 2:
            raise ValueError(f"chunk_rows must be at least 1 and fan_in at least 2, got {chunk_rows}, {fan_in}")
        self.folder, self.key, self.chunk_rows, self.fan_in = folder, key, chunk_rows, fan_in
        self._chunk: list[Row] = []
        self._runs: list[Path] = []
        self.count = 0

    def add(self, row: Row) -> None:
        self._chunk.append(row)
        self.count += 1
        if len(self._chunk) >= self.chunk_rows:
            self._flush()

    def sorted_rows(self) -> Iterator[Row]:
        """Every row added so far, sorted (no row may be added after this)."""
        if not self._runs:  # one chunk or less: no file needed
            yield from sorted(self._chunk, key=self.key)
            return
        self._flush()
        while len(self._runs) > self.fan_in:
            groups = [self._runs[i:i + self.fan_in] for i in range(0, len(self._runs), self.fan_in)]
            self._runs = [self._merge_to_file(group) for group in groups]
        yield from self._merged(self._runs)

    def close(self) -> None:
        self._chunk = []
        for run in self._runs:
            run.unlink(missing_ok=True)
        self._runs = []

    def _flush(self) -> None:
        if self._chunk:
            self._chunk.sort(key=self.key)
            self._runs.append(self._write(iter(self._chunk)))
            self._chunk = []

    def _write(self, rows: Iterator[Row]) -> Path:
        handle, path = tempfile.mkstemp(dir=self.folder, prefix=".sorted.", suffix=".jsonl")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, separators=(",", ":")) + "\n")
        return Path(path)

    def _merge_to_file(self, runs: list[Path]) -> Path:
        merged = self._write(self._merged(runs))
        for run in runs:
            run.unlink(missing_ok=True)
        return merged

    def _merged(self, runs: list[Path]) -> Iterator[Row]:
        streams = [run.open(encoding="utf-8") for run in runs]
        try:
            # heapq.merge takes equal keys from the earlier run first: runs are in the order rows were added
            yield from heapq.merge(*(map(json.loads, s) for s in streams), key=self.key)
        finally:
            for stream in streams:
                stream.close()

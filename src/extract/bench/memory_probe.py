"""What the main process of a run holds, read at its milestones (`batch.run.RunOptions.observe`).

A `Sampler` is the run's observer: at "start", every `every` documents of the batches, at "merge",
after each step of the merge and at "end" it reads the process's memory (Linux /proc, glibc's
`mallinfo2`, sqlite's own counter, and tracemalloc when asked), so a growth run can tell memory that
grows with the documents from a step at merge time or a level that saturates. Each sample also has the
peak RSS since the one before (the kernel's high-water mark, reset after each read), which catches what
a stage held for a moment and freed. Readings that the platform lacks are None.
"""

from __future__ import annotations

import ctypes
import tracemalloc
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import psutil

from extract.core.allocator import c_library

MB = 1024 * 1024
STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclass(frozen=True)
class MemorySample:
    """The main process at one milestone; sizes in MB."""

    milestone: str  # start, batch, merge, consolidated, table <name>, end
    docs: int  # documents done so far
    rss: float  # resident now
    peak: float | None  # highest resident since the previous sample
    anon: float | None  # of `rss`: anonymous memory (heaps), the rest is mapped files and shared memory
    tree: float  # this process and its worker processes, resident now
    malloc_used: float | None  # glibc malloc: in use (arenas and mmapped blocks)
    malloc_free: float | None  # glibc malloc: freed but kept in its arenas (not given back to the system)
    sqlite: float | None  # sqlite's own allocations (page caches of every connection)
    traced: float | None  # tracemalloc's current (Python objects), when traced


@dataclass(frozen=True)
class Probe:
    """How to sample a run: every `every` documents during the batches, with tracemalloc or not (tracing
    costs time and memory of its own: the RSS of a traced run is not that of a normal one)."""

    every: int = 1_000
    trace: bool = False

    def __post_init__(self) -> None:
        if self.every < 1:
            raise ValueError(f"sample every 1 or more documents, got {self.every}")

    def sampler(self) -> "Sampler":
        return Sampler(self)


class Sampler:
    """The observer of one run (`RunOptions(observe=sampler)`); its samples in `samples`."""

    def __init__(self, probe: Probe) -> None:
        self.probe = probe
        self.samples: list[MemorySample] = []
        self._due = probe.every
        if probe.trace and not tracemalloc.is_tracing():
            tracemalloc.start()

    def __call__(self, milestone: str, docs: int) -> None:
        if milestone == "batch":
            if docs < self._due:
                return
            self._due = (docs // self.probe.every + 1) * self.probe.every
        self.samples.append(read_sample(milestone, docs, self.probe.trace))

    def close(self) -> None:
        if self.probe.trace:
            tracemalloc.stop()


def read_sample(milestone: str, docs: int, traced: bool = False) -> MemorySample:
    status = _status()
    process = psutil.Process()
    rss = process.memory_info().rss
    tree = rss + sum(_rss(child) for child in process.children(recursive=True))
    malloc = _mallinfo()
    sample = MemorySample(milestone, docs, rss / MB, _mb(status.get("VmHWM")), _mb(status.get("RssAnon")), tree / MB,
                          None if malloc is None else (malloc.uordblks + malloc.hblkhd) / MB,
                          None if malloc is None else malloc.fordblks / MB, _sqlite_used(),
                          tracemalloc.get_traced_memory()[0] / MB if traced and tracemalloc.is_tracing() else None)
    _reset_peak()
    return sample


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def _status() -> dict[str, int]:
    """/proc/self/status sizes in bytes (VmRSS, VmHWM, RssAnon...); empty off Linux."""
    try:
        lines = STATUS.read_text().splitlines()
    except OSError:
        return {}
    sizes = {}
    for line in lines:
        key, _, value = line.partition(":")
        if value.strip().endswith(" kB"):
            sizes[key] = int(value.split()[0]) * 1024
    return sizes


def _mb(size: int | None) -> float | None:
    return None if size is None else size / MB


def _reset_peak() -> None:
    """Start VmHWM again from the current RSS (Linux 4.0+: "5" to clear_refs)."""
    try:
        CLEAR_REFS.write_text("5")
    except OSError:
        pass


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


@lru_cache(maxsize=1)
def _libc() -> Any:
    libc = c_library("c")
    if libc is None or not hasattr(libc, "mallinfo2"):
        return None
    libc.mallinfo2.restype = _MallInfo2
    return libc


def _mallinfo() -> _MallInfo2 | None:
    libc = _libc()
    return None if libc is None else libc.mallinfo2()


@lru_cache(maxsize=1)
def _sqlite() -> Any:
    library = c_library("sqlite3")
    if library is None or not hasattr(library, "sqlite3_memory_used"):
        return None
    library.sqlite3_memory_used.restype = ctypes.c_int64
    return library


def _sqlite_used() -> float | None:
    """Bytes sqlite has allocated (when the sqlite3 module uses the shared library, as on Linux)."""
    library = _sqlite()
    return None if library is None else library.sqlite3_memory_used() / MB

"""Give the C allocator's free memory back to the system (glibc `malloc_trim`).

A long run's main process receives every batch's tables (large strings, unpickled in the worker pool's
own thread, so in a malloc arena of their own) and frees them again. glibc keeps what is freed in its
arenas for reuse, and a heap fragmented by batches of different sizes reuses it badly: in the bench the
main process's freed-but-kept memory grew from 4 to 17 MB over 6,500 documents, most of the growth of
its RSS (issue 17 item 8). `malloc_trim(0)` hands every whole free page of every arena back; it does
not move or free anything in use, so the run's results cannot change. Elsewhere (musl, macOS, Windows)
it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=None)
def c_library(name: str) -> Any:
    """The shared C library `name` ("c", "sqlite3"), or None where it cannot be found or loaded."""
    path = ctypes.util.find_library(name)
    try:
        return ctypes.CDLL(path) if path else None
    except OSError:
        return None


@lru_cache(maxsize=1)
def _libc() -> Any:
    libc = c_library("c")
    if libc is None or not hasattr(libc, "malloc_trim"):
        return None
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    libc.malloc_trim.restype = ctypes.c_int
    return libc


def release_free_memory() -> bool:
    """Return the allocator's free pages to the system; True when some were (False: none, or no glibc)."""
    libc = _libc()
    return bool(libc.malloc_trim(0)) if libc is not None else False

"""A time limit per document (`extract run --doc-timeout`): a runaway document becomes an error row and
its batch goes on.

The limit is a SIGALRM timer around each document's step of `pipeline.process_batch`, so it works in
the process that runs the batch (this one, or a worker process) when that runs it on its main thread;
on a Dask worker thread no timer can be set and documents run without a limit. Python code is stopped
between two bytecodes: a single call into C that never returns (a pathological regular expression)
is not stopped by it.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType
from typing import Iterator, Sequence

from extract.core.documents import Document
from extract.pipeline.process import DocResult, process_batch
from extract.pipeline.resources import Resources


class DocumentTimeout(BaseException):
    """Raised by the timer; a BaseException so that no `except Exception` in the pipeline swallows it."""


def can_time_out() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this (main) thread after `seconds`."""
    def expire(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_with_deadline(batch: Sequence[Document], resources: Resources, seconds: float | None) -> list[DocResult]:
    """`process_batch`, each document given `seconds` (the first result also waits for the whole batch
    to be parsed, so it is given `seconds` per document). A document past its time is reported failed;
    the documents after it are processed again from their parse."""
    if not seconds or not can_time_out():
        return list(process_batch(list(batch), resources))
    results: list[DocResult] = []
    stream = process_batch(list(batch), resources)
    budget = seconds * max(1, sum(1 for d in batch if d.ok))
    while len(results) < len(batch):
        try:
            with deadline(budget):
                results.append(next(stream))
        except DocumentTimeout:
            if not results and len(batch) > 1:  # the parse or the first document: find which, one at a time
                return [r for document in batch for r in process_with_deadline([document], resources, seconds)]
            results.append(timed_out(batch[len(results)], seconds))
            return results + process_with_deadline(batch[len(results):], resources, seconds)
        budget = seconds
    return results


def timed_out(document: Document, seconds: float) -> DocResult:
    message = (f"{document.source}: processing took longer than --doc-timeout {seconds:g} s; "
               f"the document was skipped, the batch went on")
    return DocResult(replace(document, status="error", error=message))

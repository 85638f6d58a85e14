"""Batches of documents through the pipeline, in this process or in a pool of worker processes.

Each worker loads the model and the rule files once (`worker_resources`) and keeps them for every
batch it is given. At most `2 × processes` batches are in flight, so memory does not grow with the
number of documents. A worker that dies (killed, out of memory) takes down only the batches it was
given: they are tried once more in a fresh pool, then reported as failed documents.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Callable, Generic, Iterable, Iterator, TypeVar

from extract.core.documents import Document
from extract.core.errors import ExtractError
from extract.core.settings import Settings
from extract.pipeline.resources import worker_resources

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_processes() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


PARENT_CHECK_SECONDS = 0.5


DEFERRED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while a worker may be starting (the pool starts one inside `submit`): an
    interrupt raised in the middle of sending a new worker its start-up data leaves the worker to die
    on a traceback of its own. A signal that arrives meanwhile is noted (the interrupted write goes
    on) and raised again, to the usual handler, when the block ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, _: caught.append(signum)) for signum in DEFERRED_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)


def _init_worker(settings: Settings, preload: bool, parent: int) -> None:
    """Each worker: exits when its parent dies, leaves Ctrl-C to the parent, loads the model once."""
    watch_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers (pool.close)
    if not preload:
        return
    try:
        worker_resources(settings)
    except ExtractError:
        pass  # an initializer that raises breaks the pool; the first batch raises it again, message intact


def watch_parent(parent: int) -> None:
    """Exit this process as soon as `parent` is gone (killed with SIGKILL, by the OOM killer...), even
    while the main thread is blocked sending a result nobody will read. (Not PR_SET_PDEATHSIG: it
    fires when the thread that started the worker ends, which need not be the parent's death.)"""
    if os.getppid() != parent:
        os._exit(1)

    def poll() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=poll, name="extract-parent-watch", daemon=True).start()


@dataclass(frozen=True)
class Failure:
    """A batch that could not be processed at all (its worker died twice)."""

    message: str


class WorkerPool(Generic[Item, Result]):
    """`fn(item)` for every item in `processes` spawned processes, a bounded number at a time."""

    def __init__(self, settings: Settings, processes: int, preload: bool = True) -> None:
        if processes < 1:
            raise ValueError(f"processes must be at least 1, got {processes}")
        self.settings = settings
        self.processes = processes
        self.preload = preload  # load the model in each worker as it starts
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "WorkerPool[Item, Result]":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None:
            self.terminate()
        self.close(wait=exc_type is not None)

    def close(self, wait: bool = True) -> None:
        """Stop the workers. Without `wait`, they exit on their own while this process goes on (after a
        complete map they have nothing left to do; joining them took half a second of serial time)."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None

    def terminate(self) -> None:
        """Kill the workers now (the run was interrupted or failed): no batch is worth waiting for."""
        processes = getattr(self._executor, "_processes", None) or {}
        for process in list(processes.values()):
            if process.is_alive():
                process.kill()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_init_worker,
                                                 initargs=(self.settings, self.preload, os.getpid()))
        return self._executor

    def map(self, fn: Callable[[Item], Result], items: Iterable[Item],
            ordered: bool = True) -> Iterator[tuple[Item, Result | Failure]]:
        """(item, fn(item)) pairs, in input order when `ordered`, else as they complete.

        When a worker dies, every batch the pool held is tried again, one at a time, so the batch
        that kills a worker is found and reported as a `Failure` while the others complete.
        """
        source = enumerate(items)
        pending: dict[Future[Result], tuple[int, Item, int]] = {}  # future -> (index, item, attempt)
        ready: dict[int, tuple[Item, Result | Failure]] = {}
        retry: deque[tuple[int, Item]] = deque()
        next_out, exhausted = 0, False
        while True:
            exhausted = self._fill(fn, source, pending, retry, exhausted)
            if not pending:
                break
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
                self._recover(pending, retry, ready)
            else:
                for future in finished:
                    index, item, _ = pending.pop(future)
                    error = future.exception()
                    if error is not None:
                        raise error
                    ready[index] = (item, future.result())
            while ready and (not ordered or next_out in ready):
                index = next_out if ordered else min(ready)
                yield ready.pop(index)
                next_out = index + 1 if ordered else next_out

    def _fill(self, fn: Callable[[Item], Result], source: Iterator[tuple[int, Item]],
              pending: dict[Future[Result], tuple[int, Item, int]], retry: deque[tuple[int, Item]],
              exhausted: bool) -> bool:
        """Submit until the window is full; a retried batch runs alone. Returns `exhausted`."""
        while not any(attempt > 1 for _, _, attempt in pending.values()):
            if retry:
                if pending:
                    break  # wait until the pool is empty, then retry alone
                index, item = retry.popleft()
                pending[self._submit(fn, item)] = (index, item, 2)
                break
            if exhausted or len(pending) >= 2 * self.processes:
                break
            try:
                index, item = next(source)
            except StopIteration:
                return True
            pending[self._submit(fn, item)] = (index, item, 1)
        return exhausted

    def _submit(self, fn: Callable[[Item], Result], item: Item) -> Future[Result]:
        with signals_deferred():
            return self._pool().submit(fn, item)

    def _recover(self, pending: dict[Future[Result], tuple[int, Item, int]], retry: deque[tuple[int, Item]],
                 ready: dict[int, tuple[Item, Result | Failure]]) -> None:
        """A broken pool fails every batch it held: a batch that ran alone is the culprit."""
        for future, (index, item, attempt) in sorted(pending.items(), key=lambda p: p[1][0]):
            if future.done() and future.exception() is None:
                ready[index] = (item, future.result())
            elif attempt > 1:
                ready[index] = (item, Failure("a worker process died while processing this batch "
                                              "(killed, or out of memory)"))
            else:
                retry.append((index, item))
        pending.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def failed_documents(documents: Iterable[Document], message: str) -> list[Document]:
    return [replace(d, status="error", error=f"{d.source}: {message}") if d.ok else d for d in documents]

"""Batches on Dask workers (`extract run --engine dask [--scheduler ADDRESS]`).

The client (the machine running `extract run`) reads the inputs and sends batches of documents to
the workers; each worker loads the model and rules once (`pipeline.resources.worker_resources`, kept for the
life of the worker process) and sends back the batch's rendered part files, which the client
writes and merges exactly as a local run does, so the tables are the same. With no address a
`LocalCluster` of one single-threaded worker process per core is started and stopped.

Needs the `dask` extra (`pip install "extract[dask]"`) here and on every worker, with the same
version of extract and the spaCy model installed.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any, Callable, Iterator, TypeVar

from extract.batch.pool import Failure, default_processes
from extract.core.errors import ExtractError

Item = TypeVar("Item")
Result = TypeVar("Result")
_WORKER_LOCK = threading.Lock()  # one batch at a time per worker process: the model is not thread-safe


class DaskError(ExtractError):
    """Dask is not installed or the scheduler cannot be reached."""


def dask_map(fn: Callable[[Item], Result], items: Iterator[Item],
             scheduler: str | None = None) -> Iterator[tuple[Item, Result | Failure]]:
    """(item, fn(item)) for every item, computed on the cluster, as they complete."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise DaskError('--engine dask needs the dask extra: pip install "extract[dask]"') from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=default_processes(), threads_per_worker=1, processes=True,
                                   dashboard_address=":0")  # None still binds :8787 (dask/distributed#8136)
            client = Client(cluster)
    except (OSError, TimeoutError) as err:
        raise DaskError(f"cannot reach the Dask scheduler {scheduler or '(local cluster)'}: {err}") from None
    try:
        yield from _bounded(client, as_completed, fn, items)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _bounded(client: Any, as_completed: Any, fn: Callable[[Item], Result],
             items: Iterator[Item]) -> Iterator[tuple[Item, Result | Failure]]:
    """At most two batches per worker thread in flight, so the client's memory stays flat."""
    window = 2 * max(1, sum(client.nthreads().values()))
    run = uuid.uuid4().hex[:8]
    pending: dict[Any, Item] = {}
    queue = as_completed()
    for number, item in enumerate(items):
        future = client.submit(_locked, fn, item, key=f"extract-{run}-{number}", pure=False)
        pending[future] = item
        queue.add(future)
        while len(pending) >= window:
            yield _collect(next(queue), pending)
    for future in queue:
        yield _collect(future, pending)


def _collect(future: Any, pending: dict[Any, Item]) -> tuple[Item, Result | Failure]:
    item = pending.pop(future)
    try:
        return item, future.result()
    except Exception as err:  # noqa: BLE001 - a lost worker fails its batch, reported per document
        return item, Failure(f"the Dask worker failed on this batch: {type(err).__name__}: {err}")
    finally:
        future.release()


def _locked(fn: Callable[[Item], Result], item: Item) -> Result:
    with _WORKER_LOCK:
        return fn(item)

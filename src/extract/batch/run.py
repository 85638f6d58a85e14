"""`extract run`: read inputs, process them in batches, write the tables.

Documents stream through: read one at a time, processed a batch at a time (in this process, in
`processes` worker processes, or on Dask workers), each batch's rows written to sorted part files
in `<out>/.extract/parts/`, and the tables merged from the parts at the end and renamed into place.
Memory holds a few batches, not the corpus. The output directory is locked for the run; with
`resume`, documents whose content and pipeline are unchanged since the last run (or an interrupted
one) into the same directory are not processed again.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import spacy.util

from extract.batch.lock import RunLock
from extract.batch.parts import Job, RenderedBatch, render_failed, render_job
from extract.batch.pool import Failure, WorkerPool, default_processes
from extract.batch.state import Store, document_digest, fingerprint
from extract.batch.writer import FORMATS, finish_merge, merge_tables, write_part
from extract.core.allocator import release_free_memory
from extract.core.documents import Document
from extract.core.errors import ExtractError, ModelNotFoundError
from extract.core.schemas import check_rules
from extract.core.settings import DEFAULT_DOC_TIMEOUT, INPUT_SUFFIXES, Settings
from extract.dates.loader import load_temporal_lexicon
from extract.entities.rules import load_entity_rules
from extract.ingest.reader import read_documents, skipped_files
from extract.tables import frames as tables
from extract.tables.texts import TextsWriter

ENGINES = ("local", "dask")
TAPER = 4  # with several processes, the last jobs are this many times smaller
MAX_ERRORS = 100  # error messages a RunSummary keeps (documents.csv has every one)
Observer = Callable[[str, int], None]  # (milestone, documents done): see RunOptions.observe


@dataclass
class RunSummary:
    read: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS, not one per failed document
    rows: dict[str, int] = field(default_factory=dict)
    reused: int = 0  # documents not processed again (resume)
    notes: list[str] = field(default_factory=list)  # stale lock taken over, run resumed, ...


class OptionError(ExtractError, ValueError):
    """An option of the run that cannot work (unknown format or engine, --out that is a file...)."""


@dataclass(frozen=True)
class RunOptions:
    safe_formulas: bool = True
    resume: bool = False
    fmt: str = "csv"  # csv | parquet
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # Dask scheduler address; None starts a local cluster
    progress: bool = False
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT  # seconds per document; None or 0: no limit
    # called at each milestone of the run with the documents done so far: "start", "batch" (after each
    # batch is written), "merge", each step of the merge ("consolidated", "table <name>") and "end";
    # for measuring a run from inside it (bench.growth), None in a normal run
    observe: Observer | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise OptionError(f"unknown format {self.fmt!r}; choose from {', '.join(FORMATS)}")
        if self.engine not in ENGINES:
            raise OptionError(f"unknown engine {self.engine!r}; choose from {', '.join(ENGINES)}")
        if self.doc_timeout is not None and self.doc_timeout < 0:
            raise OptionError(f"--doc-timeout must be 0 (no limit) or more seconds, got {self.doc_timeout}")

    @property
    def escape(self) -> bool:
        """Formula escaping is for spreadsheets, so for CSV only."""
        return self.safe_formulas and self.fmt == "csv"


def run_pipeline(inputs: list[Path], out_dir: Path, settings: Settings, safe_formulas: bool = True,
                 progress: bool = False, **options: Any) -> RunSummary:
    """Every input file (directories read recursively) to the tables in `out_dir`. The output folder
    and its store are never read as input, even when they lie inside an input folder."""
    run_options = RunOptions(safe_formulas=safe_formulas, progress=progress, **options)
    missing = [str(p) for p in inputs if not p.exists() and not p.is_symlink()]
    if inputs and len(missing) == len(inputs):
        raise OptionError(f"no such input: {', '.join(missing)}")
    documents = read_documents(inputs, load_temporal_lexicon(settings.rules_dir), exclude=[out_dir])
    first = next(documents, None)
    if first is None:
        raise OptionError(_nothing_to_read(inputs, out_dir))
    return run_documents(chain([first], documents), out_dir, settings, run_options)


def _nothing_to_read(inputs: list[Path], out_dir: Path) -> str:
    skipped = skipped_files(inputs, [out_dir])
    what = ", ".join(f"{count} {suffix}" for suffix, count in sorted(skipped.items(), key=lambda i: -i[1]))
    return (f"no input documents in {', '.join(str(p) for p in inputs)}"
            + (f"; skipped {sum(skipped.values())} file(s) of other types ({what})" if skipped else "")
            + f"; extract reads {', '.join(INPUT_SUFFIXES)}")


def run_documents(documents: Iterable[Document], out_dir: Path, settings: Settings,
                  options: RunOptions = RunOptions()) -> RunSummary:
    """Documents already read (see ingest.read_documents) to the tables in `out_dir`."""
    summary = RunSummary()
    check_rules(settings.rules_dir)  # a rule-file error stops the run here, the same with any number of processes
    check_model(settings.model)  # and so does a model that is not installed, before any worker starts
    if options.fmt == "parquet":
        _require_pyarrow()
    if out_dir.exists() and not out_dir.is_dir():
        raise OptionError(f"--out {out_dir} is a file; give a folder for the tables")
    store = Store.open(out_dir, fingerprint(settings, {"safe_formulas": options.escape, "format": options.fmt},
                                            tables.COLUMNS))
    with RunLock(store.lock_path) as lock, store:  # the state database is opened once the lock is held
        if lock.stale:
            summary.notes.append(lock.stale)
        summary.notes += finish_merge(store.root, out_dir)
        if options.resume:
            summary.notes += store.load()
        else:
            store.reset()
        entity_rules = load_entity_rules(settings.rules_dir)
        texts = TextsWriter(out_dir)  # OUT/texts.jsonl: the text the offsets index, every document, input order
        observe = options.observe or _unobserved
        observe("start", 0)
        jobs = _jobs(texts.tee(documents), store, summary, settings.batch_size, settings.processes)
        for job, rendered in _execute(jobs, settings, options):
            batch = rendered if isinstance(rendered, RenderedBatch) else \
                render_failed(job, rendered.message, entity_rules, options.escape)
            write_part(store.parts, batch)
            store.record(batch.part, ((d, h, ok) for d, h, ok, _ in batch.docs))
            for _, _, ok, error in batch.docs:
                _count(summary, ok, error)
            del batch, rendered, job
            release_free_memory()  # the batch's tables, freed: else glibc keeps them, fragmented, in its arenas
            observe("batch", summary.read)
        observe("merge", summary.read)
        summary.rows = merge_tables(store.parts, store, out_dir, options.escape, options.fmt,
                                    also=(texts.close(),),  # renamed with the tables, all or nothing
                                    observe=lambda step: observe(step, summary.read))
        store.commit()
        observe("end", summary.read)
    return summary


def _unobserved(milestone: str, docs: int) -> None:
    pass


def check_model(name: str) -> None:
    """The model can be loaded (as spacy.load finds it: a package, a folder or blank:xx), else why not."""
    if name.startswith("blank:") or Path(name).exists() or spacy.util.is_package(name):
        return
    raise ModelNotFoundError(name)


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ExtractError('--format parquet needs pyarrow: pip install "extract[dask]"') from None


def _count(summary: RunSummary, ok: bool, error: str) -> None:
    summary.read += 1
    if not ok:
        summary.failed += 1
        if len(summary.errors) < MAX_ERRORS:  # a run of a million failed documents keeps a hundred messages
            summary.errors.append(error)


def _jobs(documents: Iterable[Document], store: Store, summary: RunSummary, batch_size: int,
          processes: int = 1) -> Iterator[Job]:
    """Batches of the documents to process; each document's part goes into the run state (`store.place`),
    the reusable ones' at once, the others' when their job is made.

    With several processes the last `processes × batch_size` documents go out in jobs 1/TAPER the size,
    so that the workers run out of work together rather than one waiting for the other's last full batch.
    """
    part = store.next_part()
    held = batch_size * processes if processes > 1 else 0  # documents kept back for the small last jobs
    pending: deque[tuple[int, Document, str]] = deque()  # (position in the input, document, digest)
    for position, document in enumerate(documents):
        digest = document_digest(document)
        done = store.reusable(document.doc_id, digest)
        if done is not None:
            store.place(position, document.doc_id, done.part)
            summary.reused += 1
            _count(summary, True, "")
            continue
        pending.append((position, document, digest))
        if len(pending) >= held + batch_size:
            yield _job(part, [pending.popleft() for _ in range(batch_size)], store)
            part += 1
    size = max(1, batch_size // TAPER) if held else batch_size
    while pending:
        yield _job(part, [pending.popleft() for _ in range(min(size, len(pending)))], store)
        part += 1


def _job(part: int, items: list[tuple[int, Document, str]], store: Store) -> Job:
    for position, document, _ in items:
        store.place(position, document.doc_id, part)
    return Job(part, [document for _, document, _ in items], [digest for _, _, digest in items])


def _execute(jobs: Iterator[Job], settings: Settings,
             options: RunOptions) -> Iterator[tuple[Job, RenderedBatch | Failure]]:
    """Each job with its rendered batch (or why it failed), in any order."""
    work = partial(render_job, settings, options.escape, doc_timeout=options.doc_timeout or None)
    if options.engine == "dask":
        from extract.batch.dask_engine import dask_map

        results: Iterator[tuple[Job, RenderedBatch | Failure]] = dask_map(work, jobs, options.scheduler)
    elif settings.processes == 1:
        results = ((job, work(job)) for job in jobs)
    else:
        pool: WorkerPool[Job, RenderedBatch] = WorkerPool(settings, settings.processes)
        results = _closing(pool, pool.map(work, jobs, ordered=False))
    if options.progress:
        results = _progress(results)
    return results


def _closing(pool: WorkerPool[Job, RenderedBatch],
             results: Iterator[tuple[Job, RenderedBatch | Failure]]) -> Iterator[tuple[Job, RenderedBatch | Failure]]:
    with pool:
        yield from results


def _progress(results: Iterator[tuple[Job, RenderedBatch | Failure]]) -> Iterator[tuple[Job, RenderedBatch | Failure]]:
    from tqdm import tqdm

    with tqdm(unit="doc", desc="extract") as bar:
        for job, rendered in results:
            bar.update(len(job.documents))
            yield job, rendered


__all__ = ["RunOptions", "RunSummary", "default_processes", "run_documents", "run_pipeline"]

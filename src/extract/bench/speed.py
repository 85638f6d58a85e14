"""End-to-end speed and peak memory of the pipeline against plain spaCy, on the same texts.

Each system runs in a fresh "spawn" subprocess so its peak memory is its own: the parent samples
the RSS of the worker and all its children with psutil every `interval` seconds. Model loading is
timed apart from throughput, except in extract's worker processes (with --processes above 1 each
loads the model itself, inside the timing). extract runs end to end as `extract run` does: the
tables are streamed to a temporary folder. Ingest (reading files, finding publication dates) is done once, in
the parent, before any system runs, so it is in none of the timings.
"""

from __future__ import annotations

import csv
import html
import multiprocessing
import os
import re
import tempfile
import traceback
from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from time import perf_counter
from typing import Any, Callable, Iterable, Iterator, Sequence

import psutil

from extract.bench.memory_probe import MemorySample, Probe
from extract.core.documents import Document
from extract.core.errors import ExtractError, InputError
from extract.core.settings import Settings
from extract.dates.lexicon import TemporalLexicon
from extract.dates.loader import load_temporal_lexicon
from extract.ingest.reader import decode, doc_id_for, read_documents, with_publication_date

SYSTEMS = ("extract", "spacy-full", "spacy-ner")
NER_PIPES = ("tok2vec", "ner")
BENCH_SUFFIXES = (".tml", ".conllu", ".csv")
FINER_HEADER = ["gold_label", "gold_token", "doc_idx", "sent_idx"]
MB = 1024 * 1024
_HEADER = f"{'system':<11} {'docs':>6} {'words':>9} {'seconds':>8} {'words/s':>9} {'peak MB':>8} {'load s':>7}"


class BenchError(ExtractError):
    """A benchmark could not run: no readable documents, or a system's worker failed."""


@dataclass(frozen=True)
class SystemResult:
    system: str
    docs: int
    words: int  # whitespace-separated words of the texts the system consumed
    seconds: float  # processing only, model loading excluded
    load_seconds: float
    peak_rss_mb: float  # worker process and all its children
    main_peak_mb: float | None = None  # the worker process alone (extract: where the final merge runs)
    samples: tuple[MemorySample, ...] = ()  # extract's main process at the run's milestones (with a Probe)

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.seconds if self.seconds > 0 else None


@dataclass(frozen=True)
class SpeedReport:
    results: tuple[SystemResult, ...]
    docs: int
    distinct_texts: int
    processes: int
    model: str

    def result(self, system: str) -> SystemResult:
        return {r.system: r for r in self.results}[system]

    def speed_ratio(self, baseline: str) -> float | None:
        """Words/second of extract divided by the baseline's (below 1: extract is slower)."""
        return _ratio(self.result("extract").words_per_second, self.result(baseline).words_per_second)

    def memory_ratio(self, baseline: str) -> float | None:
        return _ratio(self.result("extract").peak_rss_mb, self.result(baseline).peak_rss_mb)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return None if numerator is None or not denominator else numerator / denominator


def build_corpus(inputs: list[Path], n_docs: int, rules_dir: Path | None = None) -> CycledCorpus:
    """`n_docs` readable documents, cycling through the real ones (ids made unique) if too few.

    .txt/.html/.jsonl go through `read_documents`; TimeML .tml, CoNLL-U and FiNER-ORD CSV are
    rebuilt here. A directory holding any benchmark file is read for those files only, so its
    README.txt and file lists are not taken for articles. Unreadable documents are left out.
    """
    if n_docs < 1:
        raise ValueError(f"n_docs must be at least 1, got {n_docs}")
    lex = load_temporal_lexicon(rules_dir or Settings().rules_dir)
    real = [d for d in _unique_ids(_read_inputs(inputs, lex)) if d.ok and d.text.strip()]
    if not real:
        raise BenchError(f"no readable documents in {[str(p) for p in inputs]}; "
                         f"give .txt/.html/.jsonl/.tml/.conllu files or a FiNER-ORD .csv")
    return cycle_documents(real, n_docs)


def cycle_documents(documents: list[Document], n_docs: int) -> CycledCorpus:
    """The first `n_docs` of the documents repeated in order; repeat k gets ids ending "~rk"."""
    if not documents:
        raise ValueError("cannot cycle an empty list of documents")
    return CycledCorpus(tuple(documents[:n_docs]), n_docs)


@dataclass(frozen=True)
class CycledCorpus(Sequence[Document]):
    """`n` documents cycling through `documents`, each made when it is read: a measured system (and the
    main process of extract in it) holds the distinct documents, not `n` copies, as a run reading files does."""

    documents: tuple[Document, ...]
    n: int

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.n)
            if start == 0 and step == 1:
                return CycledCorpus(self.documents, stop)
            return [self[i] for i in range(start, stop, step)]
        position = index + self.n if index < 0 else index
        if not 0 <= position < self.n:
            raise IndexError(f"document {index} of a corpus of {self.n}")
        round_, doc = divmod(position, len(self.documents))
        original = self.documents[doc]
        return replace(original, doc_id=f"{original.doc_id}~r{round_}") if round_ else original


def distinct_texts(documents: Iterable[Document]) -> int:
    return len({d.text for d in documents})


def _unique_ids(documents: Iterable[Document]) -> Iterator[Document]:
    seen: set[str] = set()
    for doc in documents:
        doc_id, n = doc.doc_id, 1
        while doc_id in seen:
            n += 1
            doc_id = f"{doc.doc_id}~{n}"
        seen.add(doc_id)
        yield doc if doc_id == doc.doc_id else replace(doc, doc_id=doc_id)


def _read_inputs(inputs: list[Path], lex: TemporalLexicon) -> Iterator[Document]:
    for root in inputs:
        if root.is_dir():
            bench_files = [(p, r) for p, r in _walk(root) if _bench_reader(p) is not None]
            if not bench_files:
                yield from read_documents([root], lex)
            for path, base in bench_files:
                yield from _read_bench_file(path, base, lex)
        elif root.suffix.lower() in BENCH_SUFFIXES:
            if _bench_reader(root) is None:
                raise InputError(str(root), f"not a FiNER-ORD CSV (expected header {','.join(FINER_HEADER)})")
            yield from _read_bench_file(root, root.parent, lex)
        else:
            yield from read_documents([root], lex)


def _walk(root: Path) -> Iterator[tuple[Path, Path]]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        yield from ((Path(dirpath) / name, root) for name in sorted(filenames))


def _bench_reader(path: Path) -> Callable[[str, str, str], Iterator[Document]] | None:
    suffix = path.suffix.lower()
    if suffix == ".tml":
        return _tml_documents
    if suffix == ".conllu":
        return _conllu_documents
    if suffix == ".csv":
        with path.open(encoding="utf-8", newline="", errors="replace") as stream:
            return _finer_documents if next(csv.reader(stream), []) == FINER_HEADER else None
    return None


def _read_bench_file(path: Path, root: Path, lex: TemporalLexicon) -> Iterator[Document]:
    reader = _bench_reader(path)
    assert reader is not None
    text, _, error = decode(path.read_bytes(), str(path))
    if error:
        raise InputError(str(path), error.removeprefix(f"{path}: "))
    for doc in reader(text, doc_id_for(path, root), str(path)):
        yield with_publication_date(doc, lex)


_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_TAG = re.compile(r"<[^>]+>")
_NEWDOC, _NEWPAR = re.compile(r"# newdoc( |$)"), re.compile(r"# newpar( |$)")


def _tml_documents(raw: str, doc_id: str, source: str) -> Iterator[Document]:
    """The text inside <TEXT> with its tags stripped; the DCT as publication date."""
    body = _TEXT.search(raw)
    if body is None:
        raise InputError(source, "TimeML file without a <TEXT> element")
    dct, title = _DCT.search(raw), _TITLE.search(raw)
    published = _date(dct.group(1) if dct else "")
    yield Document(doc_id=doc_id, source=source, text=html.unescape(_TAG.sub("", body.group(1))).strip(),
                   title=html.unescape(title.group(1)).strip() if title else "",
                   published=published, published_from="metadata" if published else "none")


def _conllu_documents(raw: str, file_id: str, source: str) -> Iterator[Document]:
    """Text rebuilt from `# text` lines: one document per `# newdoc`, paragraphs per `# newpar`."""
    doc_id, number = file_id, 0
    meta: dict[str, str] = {}
    paragraphs: list[list[str]] = []
    for line in raw.splitlines():
        key, _, value = line.partition(" = ")
        if _NEWDOC.match(line):
            if any(paragraphs):
                yield _conllu_document(doc_id, source, meta, paragraphs)
            number += 1
            doc_id = value.strip() if key == "# newdoc id" and value.strip() else f"{file_id}:{number}"
            meta, paragraphs = {}, []
        elif _NEWPAR.match(line):
            paragraphs.append([])
        elif key == "# text":
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(value.strip())
        elif key.startswith("# meta::"):
            meta[key.removeprefix("# meta::")] = value.strip()
    if any(paragraphs):
        yield _conllu_document(doc_id, source, meta, paragraphs)


def _conllu_document(doc_id: str, source: str, meta: dict[str, str], paragraphs: list[list[str]]) -> Document:
    published = _date(meta.get("dateCreated", ""))
    return Document(doc_id=doc_id, source=source, text="\n\n".join(" ".join(p) for p in paragraphs if p),
                    title=meta.get("title", ""), url=meta.get("sourceURL", ""), published=published,
                    published_from="metadata" if published else "none")


def _finer_documents(raw: str, file_id: str, source: str) -> Iterator[Document]:
    """FiNER-ORD tokens joined by spaces, one document per doc_idx (sentences one per line)."""
    docs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in csv.DictReader(raw.splitlines()):
        docs[row["doc_idx"]][row["sent_idx"]].append(row["gold_token"])
    for doc_idx, sentences in docs.items():
        text = "\n".join(" ".join(tokens) for tokens in sentences.values())
        yield Document(doc_id=f"{file_id}:{doc_idx}", source=f"{source}:doc_idx={doc_idx}", text=text)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def run_speed_bench(inputs: list[Path], settings: Settings, docs: int, processes: int,
                    interval: float = 0.1) -> SpeedReport:
    return run_speed_benches(inputs, settings, docs, [processes], interval)[0]


def run_speed_benches(inputs: list[Path], settings: Settings, docs: int, processes: list[int],
                      interval: float = 0.1) -> list[SpeedReport]:
    """One report per process count, on the same corpus (see `format_speedup`)."""
    if not processes or min(processes) < 1:
        raise ValueError(f"process counts must be at least 1, got {processes}")
    corpus = build_corpus(inputs, docs, rules_dir=settings.rules_dir)
    return [SpeedReport(tuple(measure_system(s, corpus, settings, count, interval) for s in SYSTEMS),
                        len(corpus), distinct_texts(corpus), count, settings.model) for count in processes]


def speedup(first: SpeedReport, last: SpeedReport, system: str = "extract") -> float | None:
    """Words/second of `system` with `last`'s process count over `first`'s."""
    return _ratio(last.result(system).words_per_second, first.result(system).words_per_second)


def format_speedup(reports: list[SpeedReport]) -> str:
    """Each system's speed-up from the first process count to each later one."""
    lines = []
    for later in reports[1:]:
        first = reports[0]
        lines.append(f"speed-up {first.processes} -> {later.processes} processes: " + ", ".join(
            f"{system} x{_num(speedup(first, later, system), 2)}" for system in SYSTEMS))
    return "\n".join(lines)


def measure_system(system: str, corpus: Sequence[Document], settings: Settings, processes: int,
                   interval: float = 0.1, probe: Probe | None = None) -> SystemResult:
    """Run one system in a fresh spawned process, sampling its (and its children's) RSS; with a `probe`,
    extract's main process also samples itself at the run's milestones (bench.memory_probe)."""
    if system not in SYSTEMS:
        raise ValueError(f"unknown system {system!r}; choose from {', '.join(SYSTEMS)}")
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, args=(system, corpus, settings, processes, sender, probe),
                             name=f"speed-bench-{system}")
    worker.start()
    sender.close()
    peak, main_peak, message = 0.0, 0.0, None
    try:
        while message is None:
            total, own = _tree_rss_mb(worker.pid)
            peak, main_peak = max(peak, total), max(main_peak, own)
            if receiver.poll(interval):
                message = receiver.recv()
            elif not worker.is_alive():
                break
    except EOFError:  # the worker ended without sending
        pass
    finally:
        receiver.close()
        worker.join()
    exitcode = worker.exitcode
    worker.close()
    if message is None or message[0] != "ok":
        detail = message[1] if message else f"worker exited with code {exitcode} without a result"
        raise BenchError(f"speed bench system {system!r} failed: {detail}")
    words, seconds, load_seconds, samples = message[1]
    return SystemResult(system, len(corpus), words, seconds, load_seconds, peak, main_peak, tuple(samples))


def _tree_rss_mb(pid: int | None) -> tuple[float, float]:
    """RSS of the process and all its children, and of the process alone; a member that has just
    ended counts 0."""
    total = own = 0
    with suppress(psutil.NoSuchProcess):
        process = psutil.Process(pid)
        for member in [process] + process.children(recursive=True):
            with suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                rss = member.memory_info().rss
                total += rss
                own = rss if member is process else own
    return total / MB, own / MB


def _worker(system: str, corpus: Sequence[Document], settings: Settings, processes: int,
            sender: Connection, probe: Probe | None = None) -> None:
    try:
        timing = _time_extract(corpus, settings, processes, probe) if system == "extract" else \
            (*_time_spacy(corpus, settings, processes, ner_only=system == "spacy-ner"), [])
        sender.send(("ok", timing))
    except Exception:  # sent to the parent, which raises BenchError with it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _time_extract(corpus: Sequence[Document], settings: Settings, processes: int,
                  probe: Probe | None = None) -> tuple[int, float, float, list[MemorySample]]:
    """End to end as `extract run` does it: batches in `processes` workers, tables streamed to disk;
    sampled at its milestones with a `probe`."""
    from extract.batch.run import RunOptions, run_documents
    from extract.pipeline.resources import worker_resources

    start = perf_counter()
    if processes == 1:
        worker_resources(settings)  # one process: the model is loaded here, apart from the timing
    loaded = perf_counter()
    parallel = settings.with_(processes=processes)
    sampler = probe.sampler() if probe else None
    with tempfile.TemporaryDirectory(prefix="extract-speed-") as out:
        summary = run_documents(corpus, Path(out), parallel, RunOptions(observe=sampler))
    seconds = perf_counter() - loaded
    if sampler:
        sampler.close()
    if summary.read != len(corpus):
        raise BenchError(f"extract wrote {summary.read} of {len(corpus)} documents")
    words = sum(len(d.text.split()) for d in corpus)
    return words, seconds, loaded - start, sampler.samples if sampler else []


def _time_spacy(corpus: Sequence[Document], settings: Settings, processes: int,
                ner_only: bool) -> tuple[int, float, float]:
    import spacy

    start = perf_counter()
    nlp = spacy.load(settings.model)
    if ner_only:  # same as spacy.load(model, disable=[...]): weights loaded, pipes switched off
        nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in NER_PIPES])
    loaded = perf_counter()
    nlp.max_length = max([nlp.max_length] + [len(d.text) + 1 for d in corpus])
    words = 0
    for doc in nlp.pipe((d.text for d in corpus), batch_size=settings.batch_size, n_process=processes):
        words += len(doc.text.split())
    return words, perf_counter() - loaded, loaded - start


def format_report(report: SpeedReport) -> str:
    lines = [f"Speed: {report.docs} docs ({report.distinct_texts} distinct texts), model {report.model}, "
             f"processes {report.processes}",
             _HEADER]
    lines += [_result_line(r) for r in report.results]
    for baseline in ("spacy-full", "spacy-ner"):  # the user's alternative first (issue 17)
        lines.append(f"extract/{baseline}: words/s x{_num(report.speed_ratio(baseline), 2)}, "
                     f"peak RSS x{_num(report.memory_ratio(baseline), 2)}")
    return "\n".join(lines)


def _result_line(r: SystemResult) -> str:
    return (f"{r.system:<11} {r.docs:>6} {r.words:>9} {r.seconds:>8.2f} {_num(r.words_per_second, 0):>9} "
            f"{r.peak_rss_mb:>8.1f} {r.load_seconds:>7.2f}")


def _num(value: float | None, digits: int) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"

"""Does extract's memory grow with the number of documents? (`extract bench speed --growth`)

extract runs on corpora of increasing size that cycle through the same texts, each in a fresh process
(bench.speed.measure_system). For each size the peak RSS of the main process (where the final merge
runs) and of the whole tree (with the worker processes) is reported, and the growth per document
between the last two sizes: the slope that, kept up, would decide the memory of a much larger run.
The main process of the largest run is also sampled at its milestones (bench.memory_probe), so the
report shows the curve: linear in the documents, a step at merge time, or a level reached and kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.bench.memory_probe import MemorySample, Probe
from extract.bench.speed import SystemResult, _num, _ratio, build_corpus, distinct_texts, measure_system
from extract.core.settings import Settings

KB = 1024


@dataclass(frozen=True)
class MemoryGrowth:
    runs: tuple[SystemResult, ...]  # by increasing number of documents
    distinct_texts: int
    processes: int = 1

    @property
    def small(self) -> SystemResult:
        return self.runs[0]

    @property
    def large(self) -> SystemResult:
        return self.runs[-1]

    @property
    def growth_percent(self) -> float | None:
        return _growth(self.large.peak_rss_mb, self.small.peak_rss_mb)

    @property
    def main_growth_percent(self) -> float | None:
        """Growth of the main process alone: what keeps records of every document (the merge) is there;
        the workers' peak follows the longest batches, not the number of documents."""
        return _growth(self.large.main_peak_mb, self.small.main_peak_mb)

    def slope_kb_per_doc(self, main: bool = True) -> float | None:
        """Peak RSS added per document between the last two sizes (KB), of the main process or the tree."""
        if len(self.runs) < 2:
            return None
        before, after = self.runs[-2], self.runs[-1]
        high = after.main_peak_mb if main else after.peak_rss_mb
        low = before.main_peak_mb if main else before.peak_rss_mb
        if high is None or low is None or after.docs == before.docs:
            return None
        return (high - low) * KB / (after.docs - before.docs)


def _growth(large: float | None, small: float | None) -> float | None:
    ratio = _ratio(large, small)
    return None if ratio is None else (ratio - 1) * 100


def memory_growth(inputs: list[Path], settings: Settings, sizes: list[int], processes: int = 1,
                  interval: float = 0.1, probe: Probe | None = None) -> MemoryGrowth:
    """Peak RSS of extract at each corpus size (the larger cycle through the same texts); the largest
    run sampled at its milestones with `probe` (default: 20 samples during its batches)."""
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"give two or more corpus sizes of at least 1 document, got {sizes}")
    sizes = sorted(sizes)
    corpus = build_corpus(inputs, sizes[-1], rules_dir=settings.rules_dir)
    probe = probe or Probe(every=max(1, sizes[-1] // 20))
    runs = tuple(measure_system("extract", corpus[:size], settings, processes, interval,
                                probe if size == sizes[-1] else None) for size in sizes)
    return MemoryGrowth(runs, distinct_texts(corpus), processes)


def format_growth(growth: MemoryGrowth) -> str:
    lines = [f"Memory growth of extract ({growth.distinct_texts} distinct texts, processes {growth.processes}):",
             f"{'docs':>7} {'seconds':>8} {'main peak MB':>13} {'tree peak MB':>13}"]
    lines += [f"{r.docs:>7} {r.seconds:>8.2f} {_num(r.main_peak_mb, 1):>13} {r.peak_rss_mb:>13.1f}"
              for r in growth.runs]
    before, after = growth.runs[-2], growth.runs[-1]
    lines += [f"main process peak RSS (where the merge runs): {_num(growth.small.main_peak_mb, 1)} MB -> "
              f"{_num(growth.large.main_peak_mb, 1)} MB, growth {_num(growth.main_growth_percent, 1)}%",
              f"peak RSS growth {growth.small.docs} -> {growth.large.docs} docs: {_num(growth.growth_percent, 1)}%",
              f"slope {before.docs} -> {after.docs} docs: main {_num(growth.slope_kb_per_doc(main=True), 2)} KB/doc, "
              f"tree {_num(growth.slope_kb_per_doc(main=False), 2)} KB/doc"]
    if growth.large.samples:
        lines += [f"main process of the {growth.large.docs}-document run, at its milestones (MB):",
                  format_samples(growth.large.samples)]
    return "\n".join(lines)


def format_samples(samples: tuple[MemorySample, ...] | list[MemorySample]) -> str:
    header = (f"{'milestone':<22} {'docs':>7} {'rss':>7} {'peak':>7} {'anon':>7} {'tree':>7} {'malloc':>7} "
              f"{'m.free':>7} {'sqlite':>7} {'traced':>7}")
    return "\n".join([header] + [
        f"{s.milestone:<22} {s.docs:>7} {s.rss:>7.1f} {_num(s.peak, 1):>7} {_num(s.anon, 1):>7} {s.tree:>7.1f} "
        f"{_num(s.malloc_used, 1):>7} {_num(s.malloc_free, 1):>7} {_num(s.sqlite, 2):>7} {_num(s.traced, 1):>7}"
        for s in samples])

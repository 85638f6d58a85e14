"""Tests for extract.bench.growth and bench.memory_probe: the report's arithmetic, the run's milestones and
the samples taken at them (no assertion on the memory figures themselves, which are the machine's)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import extract.batch.run as run_module
from extract.batch.parts import Job, RenderedBatch, render_batch
from extract.bench.growth import MemoryGrowth, format_growth, format_samples
from extract.bench.memory_probe import MemorySample, Probe, read_sample
from extract.bench.speed import SystemResult
from extract.core.documents import Document
from extract.core.settings import Settings
from extract.pipeline.process import DocResult


def _run(docs: int, main_mb: float, tree_mb: float, samples: tuple[MemorySample, ...] = ()) -> SystemResult:
    return SystemResult("extract", docs, docs * 10, 1.0, 1.0, tree_mb, main_mb, samples)


def test_growth_between_the_first_and_last_size_and_the_slope_between_the_last_two() -> None:
    growth = MemoryGrowth((_run(1_000, 200.0, 400.0), _run(10_000, 210.0, 500.0), _run(20_000, 215.0, 510.0)),
                          distinct_texts=5, processes=2)
    assert growth.main_growth_percent == pytest.approx(7.5)
    assert growth.growth_percent == pytest.approx(27.5)
    assert growth.slope_kb_per_doc(main=True) == pytest.approx(5 * 1024 / 10_000)
    assert growth.slope_kb_per_doc(main=False) == pytest.approx(10 * 1024 / 10_000)
    lines = format_growth(growth).splitlines()
    assert lines[0] == "Memory growth of extract (5 distinct texts, processes 2):"
    assert lines[3].split() == ["10000", "1.00", "210.0", "500.0"]
    assert lines[-3] == "main process peak RSS (where the merge runs): 200.0 MB -> 215.0 MB, growth 7.5%"
    assert lines[-1] == "slope 10000 -> 20000 docs: main 0.51 KB/doc, tree 1.02 KB/doc"


def test_the_curve_of_the_largest_run_is_printed() -> None:
    sample = MemorySample("table events_merged", 20_000, 210.0, 212.5, 100.0, 800.0, 40.0, 3.0, 0.12, None)
    growth = MemoryGrowth((_run(1_000, 200.0, 400.0), _run(20_000, 215.0, 510.0, (sample,))), 5)
    text = format_growth(growth)
    assert "main process of the 20000-document run, at its milestones (MB):" in text
    assert text.splitlines()[-1].split() == ["table", "events_merged", "20000", "210.0", "212.5", "100.0", "800.0",
                                             "40.0", "3.0", "0.12", "n/a"]
    assert format_samples([sample]) in text


def test_a_sample_reads_this_process() -> None:
    sample = read_sample("start", 0)
    assert sample.rss > 0 and sample.tree >= sample.rss
    assert sample.traced is None  # not traced unless asked


def _empty_results(settings: Settings, safe_formulas: bool, job: Job, doc_timeout: float | None = None) -> RenderedBatch:
    return render_batch(job.part, [DocResult(d) for d in job.documents], job.digests, None, safe_formulas)


def _documents(count: int) -> Iterator[Document]:
    for n in range(count):
        yield Document(f"article-{n:05d}", f"corpus/article-{n:05d}.txt", f"Article {n}.")


def test_a_sampled_run_is_sampled_every_n_documents_and_at_every_step_of_the_merge(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "render_job", _empty_results)
    sampler = Probe(every=40, trace=True).sampler()
    settings = Settings(model="blank:en", batch_size=16)
    try:
        run_module.run_documents(_documents(100), tmp_path / "out", settings, run_module.RunOptions(observe=sampler))
    finally:
        sampler.close()
    milestones = [(s.milestone, s.docs) for s in sampler.samples]
    assert milestones[:3] == [("start", 0), ("batch", 48), ("batch", 80)]  # the first batch at or past 40, 80
    assert milestones[3:6] == [("merge", 100), ("consolidated", 100), ("table documents", 100)]
    assert milestones[-2:] == [("table timelines", 100), ("end", 100)]
    assert all(s.traced is not None and s.traced > 0 for s in sampler.samples)


def test_cli_growth_sizes_process_count_and_sampling(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--growth-docs` gives two or more sizes; the growth runs use the last process count and sample the
    largest run every --growth-every documents (a twentieth of it by default)."""
    from typer.testing import CliRunner

    from extract.bench import growth, speed
    from extract.cli.app import app

    seen: dict[str, object] = {}
    monkeypatch.setattr(speed, "run_speed_benches", lambda *a, **k: [])
    monkeypatch.setattr(growth, "memory_growth", lambda *a, **k: seen.setdefault("growth", k)
                        and MemoryGrowth((_run(20, 200.0, 400.0), _run(200, 201.0, 410.0)), 1, k["processes"]))
    outcome = CliRunner().invoke(app, ["bench", "speed", "corpus", "--docs", "10", "--processes", "1,2", "--growth",
                                       "--growth-docs", "20,200,400", "--no-stages"])
    assert outcome.exit_code == 0, outcome.output
    assert seen["growth"] == {"sizes": [20, 200, 400], "processes": 2, "probe": Probe(every=20, trace=False)}
    assert "processes 2" in outcome.output
    seen.clear()
    outcome = CliRunner().invoke(app, ["bench", "speed", "corpus", "--docs", "10", "--growth", "--growth-every", "7",
                                       "--growth-trace", "--no-stages"])
    assert outcome.exit_code == 0, outcome.output
    assert seen["growth"] == {"sizes": [10, 100], "processes": 1, "probe": Probe(every=7, trace=True)}

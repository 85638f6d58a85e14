"""The CPU breakdown of `extract bench speed`: every stage is charged, and spaCy's full pipeline beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.bench.speed import build_corpus
from extract.bench.stages import STAGES, StageReport, format_stages, run_stage_bench
from extract.core.settings import Settings
from extract.pipeline.clock import StageClock


def test_clock_sums_cpu_time_per_stage() -> None:
    clock = StageClock()
    for _ in range(2):
        with clock.stage("work"):
            sum(i * i for i in range(200_000))
    with clock.stage("idle"):
        pass
    assert clock.seconds["work"] > clock.seconds["idle"] >= 0.0
    assert set(clock.seconds) == {"work", "idle"}


def test_clock_charges_a_stage_that_raises() -> None:
    clock = StageClock()
    with pytest.raises(ValueError), clock.stage("failing"):
        raise ValueError("boom")
    assert "failing" in clock.seconds


def test_stage_bench_charges_every_stage(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Pellworth Mining paid $3 million for the site on 4 March 2024. "
                                    "Anna Morrow, its chief executive, signed the deal in Perth.\n", encoding="utf-8")
    report = run_stage_bench(build_corpus([tmp_path], 3), Settings())
    assert report.docs == 3
    assert list(report.seconds) == list(STAGES)
    assert report.seconds["spacy"] > 0 and report.seconds["events"] > 0 and report.spacy_full > 0
    assert report.total == pytest.approx(sum(report.seconds.values()))


def test_format_stages_gives_the_cpu_ratio() -> None:
    report = StageReport(10, {stage: 1.0 for stage in STAGES}, spacy_full=3.0)
    text = format_stages(report)
    assert all(stage in text for stage in STAGES)
    assert "(without spacy: 5.00)" in text
    assert text.endswith("extract/spacy-full by CPU time: x0.50")

"""The Dask engine writes the same tables as a local run (a light in-process LocalCluster)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.batch.run import run_pipeline
from extract.tables.frames import COLUMNS

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.model


@pytest.fixture()
def inputs(tmp_path: Path) -> list[Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus, ignore=shutil.ignore_patterns("gold", "*.md"))
    return [corpus, ROOT / "tests" / "data" / "bad_inputs" / "records.jsonl"]


@pytest.fixture(scope="module")
def scheduler():
    """One worker thread in this process: the model is loaded once, by the worker."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:  # None still binds :8787 (dask/distributed#8136)
        yield cluster.scheduler_address


def test_dask_engine_writes_the_local_tables(inputs: list[Path], tmp_path: Path, settings, scheduler: str):
    local = run_pipeline(inputs, tmp_path / "local", settings)
    remote = run_pipeline(inputs, tmp_path / "dask", settings.with_(batch_size=2), engine="dask",
                          scheduler=scheduler)
    assert (remote.read, remote.failed, remote.rows) == (local.read, local.failed, local.rows)
    for name in COLUMNS:
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (tmp_path / "local" / f"{name}.csv").read_bytes()


def test_dask_engine_writes_partitioned_parquet(inputs: list[Path], tmp_path: Path, settings, scheduler: str):
    import pandas as pd

    run_pipeline(inputs, tmp_path / "dask", settings, engine="dask", scheduler=scheduler, fmt="parquet")
    run_pipeline(inputs, tmp_path / "local", settings, fmt="parquet")
    for name in COLUMNS:
        parts = sorted((tmp_path / "dask" / name).glob("part-*.parquet"))
        assert parts, name
        assert pd.read_parquet(tmp_path / "dask" / name).equals(pd.read_parquet(tmp_path / "local" / name))

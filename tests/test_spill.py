"""Rows on disk: the external sort the run-wide tables are built with."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extract.core.spill import SortedSpill, Spill


@pytest.mark.parametrize(("chunk_rows", "fan_in"), [(1, 2), (3, 2), (5, 3), (100, 128), (10_000, 128)])
def test_sorted_rows_are_sorted_stably_as_sorted_does(chunk_rows: int, fan_in: int, tmp_path: Path) -> None:
    """Chunks of 1 and a fan-in of 2 make several merge passes; equal keys keep the order they were added."""
    pick = random.Random(chunk_rows)
    rows = [[pick.choice(["b", "a", "é", ""]), pick.randrange(4), n, None] for n in range(200)]
    spill = SortedSpill(tmp_path, key=lambda r: (r[0], r[1]), chunk_rows=chunk_rows, fan_in=fan_in)
    for row in rows:
        spill.add(row)
    assert list(spill.sorted_rows()) == sorted(rows, key=lambda r: (r[0], r[1]))
    spill.close()
    assert list(tmp_path.iterdir()) == []


def test_a_spill_reads_back_in_order_as_often_as_asked_and_leaves_no_file(tmp_path: Path) -> None:
    spill = Spill(tmp_path)
    rows = [{"a": 1, "b": None}, ["x\n\ud800", 2.5], "text"]
    for row in rows:
        spill.add(row)
    assert list(spill.rows()) == rows and list(spill.rows()) == rows
    spill.close()
    assert list(tmp_path.iterdir()) == []


def test_bad_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        SortedSpill(tmp_path, key=str, chunk_rows=0)

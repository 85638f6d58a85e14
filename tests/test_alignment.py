"""The one span alignment of the benchmarks: exact pairs first, then the largest overlap, one to one."""

from __future__ import annotations

from dataclasses import dataclass

from extract.gold.alignment import align, overlap


@dataclass(frozen=True)
class S:
    start: int
    end: int


def test_exact_pairs_are_taken_before_overlaps() -> None:
    gold, near, exact = S(0, 10), S(0, 8), S(0, 10)
    assert align([gold], [near, exact]) == [(gold, exact)]


def test_the_largest_overlap_wins_and_each_span_is_used_once() -> None:
    g1, g2 = S(0, 10), S(8, 20)
    p = S(5, 18)  # overlaps g1 by 5, g2 by 10
    assert align([g1, g2], [p]) == [(g2, p)]
    assert align([S(0, 4)], [S(4, 9)]) == [] and overlap(S(0, 4), S(4, 9)) == 0


def test_ties_go_to_the_earliest_gold() -> None:
    g1, g2, p = S(0, 6), S(6, 12), S(3, 9)
    assert align([g2, g1], [p]) == [(g1, p)]

"""One-to-one alignment of gold and predicted spans, with one stated tie-break."""

from __future__ import annotations

from typing import Callable, Protocol, Sequence, TypeVar


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


G = TypeVar("G", bound=Span)
P = TypeVar("P", bound=Span)


def overlap(a: Span, b: Span) -> int:
    """Characters the two spans share (0 or less when they do not touch)."""
    return min(a.end, b.end) - max(a.start, b.start)


def align(gold: Sequence[G], predictions: Sequence[P],
          same: Callable[[G, P], bool] | None = None) -> list[tuple[G, P]]:
    """Overlapping (gold, prediction) pairs, each used once: exact pairs first, then the largest
    overlap, then the earliest gold, then the earliest prediction. `same` (e.g. the labels agree)
    must hold for a pair."""
    candidates = sorted(((g, p) for g in gold for p in predictions
                         if overlap(g, p) > 0 and (same is None or same(g, p))),
                        key=lambda gp: ((gp[0].start, gp[0].end) != (gp[1].start, gp[1].end), -overlap(*gp),
                                        gp[0].start, gp[1].start))
    pairs: list[tuple[G, P]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for g, p in candidates:
        if id(g) not in used_gold and id(p) not in used_pred:
            pairs.append((g, p))
            used_gold.add(id(g))
            used_pred.add(id(p))
    return pairs

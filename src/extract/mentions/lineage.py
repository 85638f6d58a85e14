"""Apply mention rules in order, keeping every span's history.

A rule returns the document's new list of mentions. Against the list it was given:
- a mention it returns unchanged keeps its trace;
- a new mention that overlaps mentions the rule took away was moved, cut, joined or relabelled from
  them: it takes the trace of the one it overlaps most, plus its own source (or the rule's id when
  the source did not change);
- a new mention that overlaps nothing taken away was created: its trace starts with its source;
- a mention taken away with no new mention over it was dropped by the rule.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from extract.core.mention import Dropped, Mention


def derived(child: Mention, parent: Mention, step: str) -> Mention:
    """`child`, made from `parent` by `step`, with the parent's history."""
    if child == parent:
        return replace(child, trace=parent.trace)
    entry = child.source if child.source != parent.source else step
    return replace(child, trace=parent.trace + (entry,))


def settle(before: Sequence[Mention], after: Iterable[Mention], step: str) -> tuple[list[Mention], list[Dropped]]:
    """`after` with every mention's trace set, and the mentions of `before` that `step` dropped."""
    after = list(after)
    if _unchanged(before, after):  # most rules change nothing in most documents
        return after, []
    known = {m: m for m in before}
    result: list[Mention | None] = []
    new: list[tuple[int, Mention]] = []
    kept: set[Mention] = set()
    for m in after:
        original = known.get(m)
        if original is not None:
            result.append(original)
            kept.add(m)
        else:
            new.append((len(result), m))
            result.append(None)
    removed = [m for m in before if m not in kept]
    used: set[int] = set()
    for index, m in new:
        parents = [(i, r) for i, r in enumerate(removed) if r.start < m.end and m.start < r.end]
        if parents:
            i, parent = max(parents, key=lambda p: min(p[1].end, m.end) - max(p[1].start, m.start))
            used.update(i for i, _ in parents)
            result[index] = derived(m, parent, step)
        else:
            result[index] = m if m.trace else replace(m, trace=(m.source,))
    dropped = [Dropped(r, step) for i, r in enumerate(removed) if i not in used]
    return [m for m in result if m is not None], dropped


def _unchanged(before: Sequence[Mention], after: list[Mention]) -> bool:
    """The same objects in the same order, no two of them equal (else the slow path keeps the last of
    equal mentions, with its trace): two equal mentions share their offsets, so offsets are compared."""
    return len(after) == len(before) and all(a is b for a, b in zip(after, before)) \
        and len({(m.start, m.end) for m in before}) == len(before)

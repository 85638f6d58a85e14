"""The mention record shared by every stage after the model."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

MENTION_LABELS = ("PERSON", "ORG", "PRODUCT", "GPE", "LOC", "DATE", "TIME", "MONEY")  # the labels the mentions stage keeps
TIMEX_LABELS = ("DATE", "TIME")  # found by the date rules of rules/temporal.json, never by a span-ruler pattern


@dataclass(frozen=True)
class Mention:
    label: str
    start: int
    end: int
    text: str
    source: str  # the model, or the id of the rule that produced or changed it
    # Every rule id that created, moved or relabelled the span, in order (not part of its identity).
    trace: tuple[str, ...] = field(default=(), compare=False)

    def shifted(self, doc_text: str, start: int, end: int, source: str | None = None) -> "Mention":
        return replace(self, start=start, end=end, text=doc_text[start:end], source=source or self.source)

    def relabelled(self, label: str, source: str) -> "Mention":
        return replace(self, label=label, source=source)


@dataclass(frozen=True)
class Dropped:
    """A span a rule removed, and the rule that removed it."""

    mention: Mention
    rule: str


def overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def without(mentions: list[Mention], gone: list[Mention]) -> list[Mention]:
    """`mentions` less the objects in `gone`, by identity (`in` on a list of dataclasses compares every
    field of every element: quadratic on entity-dense text)."""
    ids = {id(m) for m in gone}
    return [m for m in mentions if id(m) not in ids]

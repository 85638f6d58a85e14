"""`extract bench speed --doc-length`: does the cost per character stay flat as one document grows?

Three kinds of text, each at a base length and at `factor` times it, analysed as one document in this
process (the model loaded once, before timing): ordinary news (the input articles joined with blank
lines), the same text on a single line, and entity-dense text (invented lists of titled people,
organisations with acronyms, dates and amounts). The figure that matters is the ratio of the cost
per character at `factor` times the length to the cost at the base length: 1.0 is linear.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from time import perf_counter
from typing import Sequence

from extract.core.documents import Document
from extract.pipeline.process import process
from extract.pipeline.resources import Resources

KINDS = ("news", "single-line", "entity-dense")
GIVEN = ("Anna", "Omar", "Lena", "Karl", "Mei", "Tomas", "Ines", "Ravi", "Sofia", "Jonas", "Aiko", "Pavel")
FAMILY = ("Lind", "Haddad", "Marsh", "Okafor", "Brandt", "Sato", "Novak", "Ferreira", "Quist", "Dumont")
ORG_WORDS = ("Holdings", "Bank", "Institute", "Agency", "Group", "Council", "Partners", "Foundation")
PLACE_WORDS = ("Norvale", "Castrin", "Belmora", "Tessaly", "Orwick", "Lunden", "Varosa", "Kestrel")
MONTHS = ("January", "March", "May", "July", "September", "November")


@dataclass(frozen=True)
class ScalingRow:
    kind: str
    chars: int
    seconds: float

    @property
    def us_per_char(self) -> float:
        return 1e6 * self.seconds / self.chars if self.chars else 0.0


def entity_dense(chars: int) -> str:
    """Invented sentences packed with names, acronym definitions, dates and money, about `chars` long."""
    parts, total = [], 0
    for i in itertools.count():
        given, family = GIVEN[i % len(GIVEN)], FAMILY[(i * 7) % len(FAMILY)]
        place, word = PLACE_WORDS[(i * 3) % len(PLACE_WORDS)], ORG_WORDS[(i * 5) % len(ORG_WORDS)]
        org = f"{place} {word} {i}"
        acronym = "".join(w[0] for w in org.split()[:2]) + str(i)
        sentence = (f"Mr. {given} {family}{i}, chief executive of the {org} ({acronym}), met Dr. {GIVEN[(i + 3) % 12]} "
                    f"{FAMILY[(i + 1) % 10]}{i} on {MONTHS[i % 6]} {1 + i % 28}, 20{10 + i % 15} and agreed a "
                    f"${1 + i % 90} million deal with {acronym}. ")
        parts.append(sentence)
        total += len(sentence)
        if total >= chars:
            return "".join(parts)[:chars]
    raise AssertionError("unreachable")


def texts_for(kind: str, source: str, chars: int) -> str:
    if kind == "entity-dense":
        return entity_dense(chars)
    text = (source * (chars // max(1, len(source)) + 1))[:chars]
    return " ".join(text.split()) if kind == "single-line" else text


def time_document(text: str, resources: Resources, repeats: int = 1) -> float:
    """The fastest of `repeats` analyses of `text` as one document."""
    best = float("inf")
    for _ in range(repeats):
        start = perf_counter()
        (result,) = process([Document("scaling", "scaling.txt", text)], resources)
        best = min(best, perf_counter() - start)
        if not result.document.ok:
            raise RuntimeError(f"the pipeline failed on a {len(text)}-character document: {result.document.error}")
    return best


def run_scaling(documents: Sequence[Document], resources: Resources, base_chars: int = 5_000,
                factor: int = 8) -> list[ScalingRow]:
    source = "\n\n".join(d.text for d in documents if d.ok)
    time_document(source[:base_chars], resources)  # warm caches before timing
    rows = []
    for kind in KINDS:
        for chars in (base_chars, base_chars * factor):
            text = texts_for(kind, source, chars)
            rows.append(ScalingRow(kind, len(text), time_document(text, resources, repeats=2)))
    return rows


def format_scaling(rows: list[ScalingRow]) -> str:
    lines = [f"{'kind':14} {'chars':>8} {'seconds':>8} {'us/char':>8}  cost per char vs base"]
    base: dict[str, float] = {}
    for row in rows:
        base.setdefault(row.kind, row.us_per_char)
        ratio = row.us_per_char / base[row.kind] if base[row.kind] else 0.0
        lines.append(f"{row.kind:14} {row.chars:>8} {row.seconds:>8.2f} {row.us_per_char:>8.1f}  x{ratio:.2f}")
    return "\n".join(lines)

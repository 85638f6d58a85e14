"""GUM-style CoNLL-U (.conllu): named mentions from the `Entity=` brackets of the MISC column.

spaCy's CoNLL-U converter reads BIO tags (`NE=B-PER`), not these nested brackets with an entity type,
a minimal span and an identity, so this reader stays our own; its spans are CharSpans like every reader's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Iterator

from extract.bench.readers.tokens import CharSpan, GoldDoc, Token, rebuild_text, span_order
from extract.core.errors import GoldError

GUM_TYPES = {"person": "PERSON", "organization": "ORG", "place": "LOC"}  # place: only to type wrong-label errors
GUM_FIELDS = "GRP-etype-infstat-salience-centering-minspan-link-identity"  # default `# global.Entity`
ENTITY_BRACKET = re.compile(r"\((?P<open>[^()]+)(?P<shut>\))?|(?P<close>[^()]+)\)")


@dataclass
class _Word:
    token: int  # index of the surface token it is part of
    start: int  # its place inside that token
    end: int
    proper: bool
    edge: bool  # a determiner or possessive marker: trimmed off the ends of gold spans


@dataclass
class _ConlluDoc:
    doc_id: str
    source: str
    fields: list[str]
    published: date | None = None
    tokens: list[Token] = field(default_factory=list)
    words: list[_Word] = field(default_factory=list)
    mentions: list[tuple[int, int, list[str]]] = field(default_factory=list)  # first word, last word, fields
    opened: dict[str, list[tuple[int, list[str]]]] = field(default_factory=lambda: defaultdict(list))
    pending: str = ""  # what separates the last token from the next sentence
    mwt_end: int = 0  # last word id of the current multiword token, and how much of it is spelled out
    mwt_used: int = 0

    def add_row(self, cols: list[str], where: str) -> None:
        if self.pending and self.tokens:
            self.tokens[-1] = replace(self.tokens[-1], after=self.pending)
        self.pending = ""
        after = "" if "SpaceAfter=No" in cols[9].split("|") else " "
        if "-" in cols[0]:
            self.mwt_end, self.mwt_used = int(cols[0].split("-")[1]), 0
            self.tokens.append(Token(cols[1], after))
            return
        proper, edge = cols[3] == "PROPN" or cols[4] in ("NNP", "NNPS"), cols[3] == "DET" or cols[4] == "POS"
        if int(cols[0]) > self.mwt_end:
            self.tokens.append(Token(cols[1], after))
            self.words.append(_Word(len(self.tokens) - 1, 0, len(cols[1]), proper, edge))
        elif self.tokens[-1].text.startswith(cols[1], self.mwt_used):
            self.words.append(_Word(len(self.tokens) - 1, self.mwt_used, self.mwt_used + len(cols[1]), proper, edge))
            self.mwt_used += len(cols[1])
        else:  # a word not spelled out in its token stands for the whole token
            self.words.append(_Word(len(self.tokens) - 1, 0, len(self.tokens[-1].text), proper, edge))
        entity = [v[len("Entity="):] for v in cols[9].split("|") if v.startswith("Entity=")]
        self._add_brackets(entity[0] if entity else "", where)

    def _add_brackets(self, value: str, where: str) -> None:
        word = len(self.words) - 1
        for m in ENTITY_BRACKET.finditer(value):
            if m["open"]:
                parts = m["open"].split("-", len(self.fields) - 1)
                self.opened[parts[0]].append((word, parts))
            if m["shut"] or m["close"]:
                stack = self.opened[m["close"] or m["open"].split("-", 1)[0]]
                if not stack:
                    raise GoldError(f"{where}: entity bracket {m[0]!r} closes nothing")
                first, parts = stack.pop()
                self.mentions.append((first, word, parts))

    def gold(self) -> GoldDoc:
        """Named mentions: a proper noun among the minimal-span (head) words. One with a Wikipedia identity
        is required; one without ("Montalvo", a private person; also "the President", "Muslims", which GUM
        tags NNP) is optional, so finding it is not counted wrong and missing it is not counted either."""
        text, offsets = rebuild_text(self.tokens)
        etype, minspan, ident = (self.fields.index(k) for k in ("etype", "minspan", "identity"))
        spans: set[CharSpan] = set()
        for first, last, parts in self.mentions:
            label = GUM_TYPES.get(parts[etype])
            heads = [first + int(k) - 1 for k in parts[minspan].split(",") if k.isdigit()] if label else []
            if label is None or not any(first <= h <= last and self.words[h].proper for h in heads):
                continue
            while first < last and self.words[first].edge:
                first += 1
            while last > first and self.words[last].edge:
                last -= 1
            a, b = self.words[first], self.words[last]
            linked = len(parts) > ident and bool(parts[ident])
            spans.add(CharSpan(label, offsets[a.token][0] + a.start, offsets[b.token][0] + b.end, not linked))
        return GoldDoc(self.doc_id, self.source, text, tuple(sorted(spans, key=span_order)), self.published)


def read_conllu(file: Path) -> list[GoldDoc]:
    return [doc.gold() for doc in _conllu_docs(file)]


def _conllu_docs(file: Path) -> Iterator[_ConlluDoc]:
    """Documents start at `# newdoc`; `# newpar` puts a line break before the sentence, else a space."""
    doc = _ConlluDoc(file.stem, str(file), GUM_FIELDS.split("-"))
    with file.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            line, where = line.rstrip("\n"), f"{file}:{line_no}"
            if line.startswith("# newdoc"):
                if doc.tokens:
                    yield doc
                doc_id = line.partition("id =")[2].strip() or f"{file.stem}-{line_no}"
                doc = _ConlluDoc(doc_id, str(file), doc.fields)
            elif line.startswith("# global.Entity ="):
                doc.fields = line.partition("=")[2].strip().split("-")
            elif line.startswith("# meta::dateCreated ="):
                doc.published = _iso_date(line.partition("=")[2].strip(), where)
            elif line.startswith("# newpar"):
                doc.pending = "\n"
            elif not line.strip():
                doc.pending, doc.mwt_end = doc.pending or " ", 0
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) != 10:
                    raise GoldError(f"{where}: a CoNLL-U line has 10 tab-separated columns, got {len(cols)}")
                if "." not in cols[0]:
                    doc.add_row(cols, where)
    if doc.tokens:
        yield doc


def _iso_date(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise GoldError(f"{where}: dateCreated {value!r} is not an ISO date (YYYY-MM-DD)") from None

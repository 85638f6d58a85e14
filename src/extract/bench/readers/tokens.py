"""Token-level gold (FiNER-ORD CSV, CoNLL BIO files) read into documents with character spans.

The text is rebuilt from the tokens, so every token keeps its character offsets and gold entities become
character spans. BIO tags become spans by spaCy's own conversion (`spacy.training.iob_to_biluo`, then
`tags_to_entities`): an I- tag that continues nothing opens a span, and one of another type starts a new one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator, Sequence

from spacy.training import iob_to_biluo, tags_to_entities

from extract.core.documents import Document
from extract.core.errors import GoldError

FINER_COLUMNS = ("gold_label", "gold_token", "doc_idx", "sent_idx")
FINER_TAGS = {"0": "O", "1": "B-PERSON", "2": "I-PERSON", "3": "B-LOC", "4": "I-LOC", "5": "B-ORG", "6": "I-ORG"}
CONLL_TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC"}  # other types kept as written


@dataclass(frozen=True)
class CharSpan:
    label: str
    start: int
    end: int
    optional: bool = False  # gold only: a prediction on it is neither right nor wrong, missing it costs nothing

    def overlaps(self, other: CharSpan) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Token:
    text: str
    after: str = " "  # what follows it in the rebuilt text: "", " " or "\n" (dropped after the last token)


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    source: str
    text: str
    spans: tuple[CharSpan, ...]  # every gold entity type read; only LABELS are scored
    published: date | None = None

    def document(self) -> Document:
        return Document(doc_id=self.doc_id, source=self.source, text=self.text, published=self.published,
                        published_from="metadata" if self.published else "none")

def span_order(span: CharSpan) -> tuple[int, int, str]:
    """Spans in text order: by start, then end, then label."""
    return span.start, span.end, span.label


def rebuild_text(tokens: Sequence[Token]) -> tuple[str, list[tuple[int, int]]]:
    """The text the tokens spell, and each token's (start, end) in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for i, token in enumerate(tokens):
        offsets.append((pos, pos + len(token.text)))
        after = token.after if i < len(tokens) - 1 else ""
        parts += [token.text, after]
        pos += len(token.text) + len(after)
    return "".join(parts), offsets


def bio_spans(tags: Sequence[str], offsets: Sequence[tuple[int, int]]) -> list[CharSpan]:
    """Spans from one sentence of BIO tags ("B-ORG") and its tokens' (start, end) offsets."""
    if len(tags) != len(offsets):
        raise ValueError(f"{len(tags)} tags for {len(offsets)} tokens")
    return [CharSpan(label, offsets[first][0], offsets[last][1])
            for label, first, last in tags_to_entities(iob_to_biluo(tags))]


def _bio_doc(doc_id: str, source: str, sentences: Sequence[Sequence[tuple[str, str]]]) -> GoldDoc:
    """Tokens joined by spaces, one sentence a line."""
    tokens = [Token(form, "\n" if i == len(s) - 1 else " ") for s in sentences for i, (form, _) in enumerate(s)]
    text, offsets = rebuild_text(tokens)
    spans: list[CharSpan] = []
    for sentence in sentences:
        spans += bio_spans([tag for _, tag in sentence], offsets[:len(sentence)])
        offsets = offsets[len(sentence):]
    return GoldDoc(doc_id, source, text, tuple(spans))


def read_finer(file: Path) -> list[GoldDoc]:
    """One line of space-joined tokens per document: FiNER's sentence ids cut through some entities."""
    docs: dict[str, list[tuple[str, str]]] = {}
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in FINER_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise GoldError(f"{file}: missing columns {missing}; FiNER-ORD CSV has {','.join(FINER_COLUMNS)}")
        for row in reader:
            tag = FINER_TAGS.get(row["gold_label"].strip())
            if tag is None:
                raise GoldError(f"{file}:{reader.line_num}: gold_label {row['gold_label']!r} is not one of 0-6")
            docs.setdefault(row["doc_idx"], []).append((row["gold_token"], tag))
    return [_bio_doc(f"{file.stem}-{d}", str(file), [tokens]) for d, tokens in docs.items()]


def read_conll(file: Path) -> list[GoldDoc]:
    return [_bio_doc(f"{file.stem}-{n}", str(file), sentences) for n, sentences in enumerate(_conll_docs(file))]


def _conll_docs(file: Path) -> Iterator[list[list[tuple[str, str]]]]:
    doc: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    with file.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                doc, sentence = (doc + [sentence] if sentence else doc), []
                if cols and doc:
                    yield doc
                    doc = []
            elif len(cols) < 2:
                raise GoldError(f"{file}:{line_no}: expected 'TOKEN ... TAG', got {line.strip()!r}")
            else:
                sentence.append((cols[0], _conll_tag(cols[-1], f"{file}:{line_no}")))
    doc += [sentence] if sentence else []
    if doc:
        yield doc


def _conll_tag(tag: str, where: str) -> str:
    if tag == "O":
        return tag
    prefix, _, label = tag.partition("-")
    if prefix not in ("B", "I") or not label:
        raise GoldError(f"{where}: tag {tag!r} is not O, B-TYPE or I-TYPE")
    return f"{prefix}-{CONLL_TYPES.get(label, label)}"

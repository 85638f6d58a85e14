"""PERSON and ORG spans: our pipeline versus the bare spaCy model, on token-level gold.

Each gold format is read into documents whose text is rebuilt from the tokens, so every token
keeps its character offsets and gold entities become character spans. Both systems read the same
texts in the same run. Scores are tp/fp/fn counters: strict (same offsets and label) and relaxed
(overlapping spans with the same label, matched one to one, exact pairs first).
"""

from __future__ import annotations

import csv
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from extract.core.documents import Document
from extract.core.errors import GoldError
from extract.core.settings import Settings
from extract.gold.alignment import align
from extract.gold.scoring import PRF as Counts
from extract.nlp.model import load_model
from extract.pipeline.process import Resources, process

LABELS = ("PERSON", "ORG")
SYSTEMS = ("spacy", "extract")
MODES = ("strict", "relaxed")
ERROR_KINDS = ("missed", "spurious", "boundary", "wrong-label")
FINER_COLUMNS = ("gold_label", "gold_token", "doc_idx", "sent_idx")
FINER_TAGS = {"0": "O", "1": "B-PERSON", "2": "I-PERSON", "3": "B-LOC", "4": "I-LOC", "5": "B-ORG", "6": "I-ORG"}
CONLL_TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC"}  # other types kept as written
GUM_TYPES = {"person": "PERSON", "organization": "ORG", "place": "LOC"}  # place: only to type wrong-label errors
GUM_FIELDS = "GRP-etype-infstat-salience-centering-minspan-link-identity"  # default `# global.Entity`
ENTITY_BRACKET = re.compile(r"\((?P<open>[^()]+)(?P<shut>\))?|(?P<close>[^()]+)\)")
CONTEXT_CHARS = 40


@dataclass(frozen=True)
class CharSpan:
    label: str
    start: int
    end: int

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


@dataclass(frozen=True)
class ErrorCase:
    kind: str  # one of ERROR_KINDS
    doc_id: str
    gold: CharSpan | None
    pred: CharSpan | None
    gold_text: str
    pred_text: str
    context: str  # the text around the error, on one line


@dataclass(frozen=True)
class NerReport:
    fmt: str
    path: str
    documents: int
    gold: dict[str, int]  # scored gold spans per label
    counts: dict[tuple[str, str, str], Counts]  # (system, mode, label or "micro")
    errors: tuple[ErrorCase, ...] = ()  # of the "extract" system
    seconds: dict[str, float] = field(default_factory=dict)


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
    """Spans from one sentence of BIO tags ("B-ORG"); an I- tag that continues nothing opens a span."""
    spans: list[CharSpan] = []
    current: CharSpan | None = None
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, label = tag.partition("-")
        if current is not None and prefix == "I" and label == current.label:
            current = replace(current, end=end)
            continue
        if current is not None:
            spans.append(current)
        current = CharSpan(label, start, end) if prefix in ("B", "I") else None
    return spans + ([current] if current is not None else [])


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
        """Named mentions: a Wikipedia identity and a proper noun among the minimal-span (head) words."""
        text, offsets = rebuild_text(self.tokens)
        etype, minspan, ident = (self.fields.index(k) for k in ("etype", "minspan", "identity"))
        spans: set[CharSpan] = set()
        for first, last, parts in self.mentions:
            label = GUM_TYPES.get(parts[etype]) if len(parts) > ident else None
            heads = [first + int(k) - 1 for k in parts[minspan].split(",") if k.isdigit()] if label else []
            if label is None or not any(first <= h <= last and self.words[h].proper for h in heads):
                continue
            while first < last and self.words[first].edge:
                first += 1
            while last > first and self.words[last].edge:
                last -= 1
            a, b = self.words[first], self.words[last]
            spans.add(CharSpan(label, offsets[a.token][0] + a.start, offsets[b.token][0] + b.end))
        return GoldDoc(self.doc_id, self.source, text, tuple(sorted(spans, key=_position)), self.published)


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


READERS: dict[str, tuple[str, Callable[[Path], list[GoldDoc]]]] = {
    "finer": ("*.csv", read_finer), "conllu": ("*.conllu", read_conllu), "conll": ("*.conll", read_conll)}


def read_gold(fmt: str, path: Path) -> list[GoldDoc]:
    """The documents of a gold file, or of every matching file in a directory, in name order."""
    if fmt not in READERS:
        raise GoldError(f"unknown gold format {fmt!r}; use one of {', '.join(READERS)}")
    pattern, reader = READERS[fmt]
    if not path.exists():
        raise GoldError(f"{path}: no such file or directory")
    docs = [doc for file in (sorted(path.glob(pattern)) if path.is_dir() else [path]) for doc in reader(file)]
    if not docs:
        raise GoldError(f"{path}: no documents read as {fmt!r} (a directory needs {pattern} files)")
    return docs


def _iso_date(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise GoldError(f"{where}: dateCreated {value!r} is not an ISO date (YYYY-MM-DD)") from None


def predict_spacy(docs: Sequence[GoldDoc], settings: Settings) -> list[list[CharSpan]]:
    """The bare model, without our rules."""
    nlp = load_model(settings.model)
    nlp.max_length = max([nlp.max_length] + [len(d.text) + 1 for d in docs])
    parsed = nlp.pipe((d.text for d in docs), batch_size=settings.batch_size)
    return [[CharSpan(e.label_, e.start_char, e.end_char) for e in doc.ents] for doc in parsed]


def predict_extract(docs: Sequence[GoldDoc], settings: Settings) -> list[list[CharSpan]]:
    resources = Resources.load(settings)
    results = process((d.document() for d in docs), resources, settings.batch_size)
    return [[CharSpan(r.mention.label, r.mention.start, r.mention.end) for r in result.mentions]
            for result in results]


def _position(span: CharSpan) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def match_relaxed(gold: Iterable[CharSpan], pred: Iterable[CharSpan]) -> list[tuple[CharSpan, CharSpan]]:
    """One-to-one (gold, pred) pairs with the same label that overlap, as `extract eval` pairs them
    (`gold.alignment.align`: exact pairs first, then the largest overlap)."""
    return align(sorted(set(gold), key=_position), sorted(set(pred), key=_position),
                 lambda g, p: g.label == p.label)


def score_spans(gold: Iterable[CharSpan], pred: Iterable[CharSpan]) -> dict[tuple[str, str], Counts]:
    """(mode, label) -> counts for one document; spans of labels other than LABELS are ignored."""
    gold_set = {s for s in gold if s.label in LABELS}
    pred_set = {s for s in pred if s.label in LABELS}
    hits = {"strict": list(gold_set & pred_set), "relaxed": [g for g, _ in match_relaxed(gold_set, pred_set)]}
    scores: dict[tuple[str, str], Counts] = {}
    for label in LABELS:
        n_gold = sum(s.label == label for s in gold_set)
        n_pred = sum(s.label == label for s in pred_set)
        for mode in MODES:
            tp = sum(s.label == label for s in hits[mode])
            scores[(mode, label)] = Counts(tp, n_pred - tp, n_gold - tp)
    return scores


def classify_errors(doc: GoldDoc, pred: Iterable[CharSpan]) -> list[ErrorCase]:
    """Every relaxed-scoring error of one document, typed; a wrong label is listed once per pair."""
    pred_all = sorted(set(pred), key=_position)
    gold_set = {s for s in doc.spans if s.label in LABELS}
    pred_set = {s for s in pred_all if s.label in LABELS}
    pairs = match_relaxed(gold_set, pred_set)
    found: list[tuple[str, CharSpan | None, CharSpan | None]] = [("boundary", g, p) for g, p in pairs if g != p]
    for g in sorted(gold_set - {g for g, _ in pairs}, key=_position):
        other = next((p for p in pred_all if p.label != g.label and p.overlaps(g)), None)
        found.append(("wrong-label", g, other) if other else ("missed", g, None))
    for p in sorted(pred_set - {p for _, p in pairs}, key=_position):
        other = next((g for g in sorted(doc.spans, key=_position) if g.label != p.label and g.overlaps(p)), None)
        if other is None:
            found.append(("spurious", None, p))
        elif ("wrong-label", other, p) not in found:
            found.append(("wrong-label", other, p))
    return [ErrorCase(kind, doc.doc_id, g, p, _text(doc.text, g), _text(doc.text, p), _context(doc.text, g, p))
            for kind, g, p in found]


def _text(text: str, span: CharSpan | None) -> str:
    return "" if span is None else text[span.start:span.end]


def _context(text: str, *spans: CharSpan | None) -> str:
    start = min(s.start for s in spans if s is not None)
    end = max(s.end for s in spans if s is not None)
    return " ".join(text[max(0, start - CONTEXT_CHARS): end + CONTEXT_CHARS].split())


def run_ner_bench(fmt: str, path: Path, settings: Settings, limit: int | None = None) -> NerReport:
    """Both systems over the same documents (the first `limit` of them), scored per label and micro."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    docs = read_gold(fmt, path)[:limit]
    predictions: dict[str, list[list[CharSpan]]] = {}
    seconds: dict[str, float] = {}
    for system, predict in zip(SYSTEMS, (predict_spacy, predict_extract)):
        started = time.perf_counter()
        predictions[system] = predict(docs, settings)
        seconds[system] = time.perf_counter() - started
    counts: dict[tuple[str, str, str], Counts] = defaultdict(Counts)
    for system in SYSTEMS:
        for doc, pred in zip(docs, predictions[system], strict=True):
            for (mode, label), c in score_spans(doc.spans, pred).items():
                counts[(system, mode, label)] += c
                counts[(system, mode, "micro")] += c
    gold = {label: sum(s.label == label for d in docs for s in d.spans) for label in LABELS}
    errors = tuple(e for d, p in zip(docs, predictions["extract"]) for e in classify_errors(d, p))
    return NerReport(fmt, str(path), len(docs), gold, dict(counts), errors, seconds)


def format_report(report: NerReport) -> str:
    """Rows: label x mode x P/R/F1 (and the counters); columns: spacy, extract, delta."""
    gold = ", ".join(f"{label} {n}" for label, n in report.gold.items())
    times = ", ".join(f"{system} {s:.1f} s" for system, s in report.seconds.items())
    lines = [f"NER bench: {report.fmt} {report.path} ({report.documents} documents; gold {gold}; {times})",
             f"{'label':<7} {'mode':<8} {'metric':<9} {'spacy':>12} {'extract':>12} {'delta':>7}"]
    for label in LABELS + ("micro",):
        for mode in MODES:
            base, ours = report.counts[("spacy", mode, label)], report.counts[("extract", mode, label)]
            for metric, attribute in (("precision", "p"), ("recall", "r"), ("f1", "f")):
                a, b = getattr(base, attribute), getattr(ours, attribute)
                delta = f"{b - a:+.3f}" if a is not None and b is not None else "-"
                lines.append(f"{label:<7} {mode:<8} {metric:<9} {_num(a):>12} {_num(b):>12} {delta:>7}")
            tallies = [f"{c.tp}/{c.fp}/{c.fn}" for c in (base, ours)]
            lines.append(f"{label:<7} {mode:<8} {'tp/fp/fn':<9} {tallies[0]:>12} {tallies[1]:>12}")
    return "\n".join(lines)


def format_errors(report: NerReport, limit: int) -> str:
    """At most `limit` errors of each kind made by our pipeline."""
    lines = []
    for kind in ERROR_KINDS:
        cases = [e for e in report.errors if e.kind == kind]
        lines.append(f"{kind}: {len(cases)} (showing {min(limit, len(cases))})")
        for e in cases[:limit]:
            lines.append(f"  {e.doc_id}: gold {_show(e.gold, e.gold_text)} | ours {_show(e.pred, e.pred_text)}"
                         f" | ...{e.context}...")
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _show(span: CharSpan | None, text: str) -> str:
    return "-" if span is None else f"{span.label} {text!r} [{span.start}:{span.end}]"

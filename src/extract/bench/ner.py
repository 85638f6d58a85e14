"""PERSON and ORG spans: our pipeline versus the bare spaCy model, on token-level gold.

The gold is read by `extract.bench.readers` into documents with character spans. Both systems read the same
texts in the same run. Scores are tp/fp/fn counters: strict (same offsets and label) and relaxed
(overlapping spans with the same label, matched one to one, exact pairs first).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from extract.bench.readers import CharSpan, GoldDoc, read_gold, span_order
from extract.core.settings import Settings
from extract.gold.alignment import align
from extract.gold.scoring import PRF as Counts
from extract.nlp.model import load_model
from extract.pipeline.process import Resources, process

LABELS = ("PERSON", "ORG")
SYSTEMS = ("spacy", "extract")
MODES = ("strict", "relaxed")
ERROR_KINDS = ("missed", "spurious", "boundary", "wrong-label")
CONTEXT_CHARS = 40


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
    optional: dict[str, int] = field(default_factory=dict)  # optional gold spans per label (not scored)


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


def match_relaxed(gold: Iterable[CharSpan], pred: Iterable[CharSpan]) -> list[tuple[CharSpan, CharSpan]]:
    """One-to-one (gold, pred) pairs with the same label that overlap, as `extract eval` pairs them
    (`gold.alignment.align`: exact pairs first, then the largest overlap)."""
    return align(sorted(set(gold), key=span_order), sorted(set(pred), key=span_order),
                 lambda g, p: g.label == p.label)


def score_spans(gold: Iterable[CharSpan], pred: Iterable[CharSpan]) -> dict[tuple[str, str], Counts]:
    """(mode, label) -> counts for one document; spans of labels other than LABELS are ignored. A prediction
    left unmatched that overlaps an optional gold span of its label is not counted."""
    gold_set, optional = _scored_gold(gold)
    pred_set = {s for s in pred if s.label in LABELS}
    strict_hits = gold_set & pred_set
    relaxed_pairs = match_relaxed(gold_set, pred_set)
    left = {"strict": pred_set - strict_hits, "relaxed": pred_set - {p for _, p in relaxed_pairs}}
    hits = {"strict": list(strict_hits), "relaxed": [g for g, _ in relaxed_pairs]}
    scores: dict[tuple[str, str], Counts] = {}
    for label in LABELS:
        n_gold = sum(s.label == label for s in gold_set)
        for mode in MODES:
            tp = sum(s.label == label for s in hits[mode])
            fp = sum(p.label == label and not _on_optional(p, optional) for p in left[mode])
            scores[(mode, label)] = Counts(tp, fp, n_gold - tp)
    return scores


def _scored_gold(gold: Iterable[CharSpan]) -> tuple[set[CharSpan], list[CharSpan]]:
    """The required gold spans of LABELS, and the optional ones (an optional span that is also required
    is required)."""
    spans = [s for s in gold if s.label in LABELS]
    required = {s for s in spans if not s.optional}
    places = {(s.label, s.start, s.end) for s in required}
    return required, [s for s in spans if s.optional and (s.label, s.start, s.end) not in places]


def _on_optional(pred: CharSpan, optional: Iterable[CharSpan]) -> bool:
    return any(o.label == pred.label and o.overlaps(pred) for o in optional)


def classify_errors(doc: GoldDoc, pred: Iterable[CharSpan]) -> list[ErrorCase]:
    """Every relaxed-scoring error of one document, typed; a wrong label is listed once per pair."""
    pred_all = sorted(set(pred), key=span_order)
    gold_set, optional = _scored_gold(doc.spans)
    pred_set = {s for s in pred_all if s.label in LABELS}
    pairs = match_relaxed(gold_set, pred_set)
    found: list[tuple[str, CharSpan | None, CharSpan | None]] = [("boundary", g, p) for g, p in pairs if g != p]
    for g in sorted(gold_set - {g for g, _ in pairs}, key=span_order):
        other = next((p for p in pred_all if p.label != g.label and p.overlaps(g)), None)
        found.append(("wrong-label", g, other) if other else ("missed", g, None))
    for p in sorted(pred_set - {p for _, p in pairs}, key=span_order):
        if _on_optional(p, optional):
            continue
        other = next((g for g in sorted(doc.spans, key=span_order)
                      if g.label != p.label and not g.optional and g.overlaps(p)), None)
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
    scored = [_scored_gold(doc.spans) for doc in docs]  # counted as scored: an optional span also required is required
    gold = {label: sum(s.label == label for required, _ in scored for s in required) for label in LABELS}
    optional = {label: sum(s.label == label for _, spans in scored for s in spans) for label in LABELS}
    errors = tuple(e for d, p in zip(docs, predictions["extract"]) for e in classify_errors(d, p))
    return NerReport(fmt, str(path), len(docs), gold, dict(counts), errors, seconds, optional)


def format_report(report: NerReport) -> str:
    """Rows: label x mode x P/R/F1 (and the counters); columns: spacy, extract, delta."""
    gold = ", ".join(f"{label} {n}" + (f" (+{report.optional[label]} optional)" if report.optional.get(label) else "")
                     for label, n in report.gold.items())
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

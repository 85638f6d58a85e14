"""TempEval-3 style benchmark on TimeML (.tml) files: our pipeline against two dateparser baselines.

Gold = TIMEX3 of type DATE or TIME inside <TEXT>; the DCT is the publication date and is not scored.
Predictions overlapping a gold DURATION/SET (and not matched to a DATE/TIME) are ignored, as are
predictions typed DURATION/SET. Per system: strict and relaxed span P/R/F1 (one-to-one matching),
value accuracy on relaxed matches, and value F1 = relaxed F1 x value accuracy.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import astuple, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable

import dateparser
from dateparser.search import search_dates

from extract.bench.readers import GoldTimex, TimemlDoc, read_corpus
from extract.bench.timeml_gold_checks import gold_contradiction
from extract.core.documents import Document
from extract.core.settings import Settings
from extract.dates.lexicon import TemporalLexicon
from extract.dates.readers import range_cuts
from extract.dates.timex import granularity_of
from extract.gold.alignment import align, overlap
from extract.nlp.model import load_model
from extract.normalise.resolve import Resolved
from extract.pipeline.process import Resources, process

SYSTEMS = ("extract", "spacy+dateparser", "search_dates")
OUR_SYSTEM = SYSTEMS[0]
SCORED_TYPES = ("DATE", "TIME")
OPTIONAL_TYPE = "OPTIONAL"  # a gold span the guideline lets a system find or not
IGNORED_TYPES = ("DURATION", "SET", OPTIONAL_TYPE)
ALL_PARTS = "all"
LANGUAGES = ["en"]
GOLD_SLIP = "wrong value: gold contradicts its text"
ERROR_CLASSES = ("missed span", "spurious span", GOLD_SLIP, "wrong value: granularity",
                 "wrong value: wrong anchor", "wrong value: underspecified gold", "wrong value: other")
UNDERSPECIFIED = re.compile(r"X")  # a gold value left open by the annotator: "1989-WXX", "1968-XX", "199X"
CONTEXT_CHARS = 40
BARE_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?", re.I)  # "24" in "24-30 March", "20" in "2019-20"


def _dateparser_settings(dct: date, prefer_past: bool) -> dict[str, Any]:
    """All dateparser settings of the baselines, pinned here."""
    settings: dict[str, Any] = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day)}
    if prefer_past:
        settings["PREFER_DATES_FROM"] = "past"
    return settings


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True)
class Counts:
    strict_tp: int = 0
    strict_fp: int = 0
    strict_fn: int = 0
    relaxed_tp: int = 0
    relaxed_fp: int = 0
    relaxed_fn: int = 0
    value_tp: int = 0  # relaxed matches whose value equals the gold value

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other))))

    def scores(self) -> dict[str, float | None]:
        strict = _prf(self.strict_tp, self.strict_fp, self.strict_fn)
        relaxed = _prf(self.relaxed_tp, self.relaxed_fp, self.relaxed_fn)
        accuracy = self.value_tp / self.relaxed_tp if self.relaxed_tp else None
        value_f = relaxed[2] * (accuracy or 0.0) if relaxed[2] is not None else None
        return {"strict_p": strict[0], "strict_r": strict[1], "strict_f": strict[2],
                "relaxed_p": relaxed[0], "relaxed_r": relaxed[1], "relaxed_f": relaxed[2],
                "value_acc": accuracy, "value_f": value_f}


def _prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return p, r, f


@dataclass(frozen=True)
class DocScore:
    counts: Counts
    pairs: tuple[tuple[GoldTimex, Prediction], ...]  # relaxed one-to-one matches
    missed: tuple[GoldTimex, ...]
    spurious: tuple[Prediction, ...]


def score_doc(gold: Iterable[GoldTimex], predictions: Iterable[Prediction]) -> DocScore:
    """Scores of one document; gold and predictions aligned by `gold.alignment.align`."""
    scored = [g for g in gold if g.type in SCORED_TYPES]
    ignored = [g for g in gold if g.type in IGNORED_TYPES]
    preds = [p for p in predictions if p.type not in IGNORED_TYPES]
    pairs = align(scored, preds)
    used_gold = {id(g) for g, _ in pairs}
    used_pred = {id(p) for _, p in pairs}
    unmatched = [p for p in preds if id(p) not in used_pred]
    spurious = tuple(p for p in unmatched if not any(overlap(g, p) > 0 for g in ignored))
    considered = len(pairs) + len(spurious)
    strict_tp = sum((g.start, g.end) == (p.start, p.end) for g, p in pairs)
    value_tp = sum(p.value == g.value for g, p in pairs)
    counts = Counts(strict_tp, considered - strict_tp, len(scored) - strict_tp,
                    len(pairs), len(spurious), len(scored) - len(pairs), value_tp)
    missed = tuple(g for g in scored if id(g) not in used_gold)
    return DocScore(counts, tuple(pairs), missed, spurious)


@dataclass(frozen=True)
class ErrorExample:
    kind: str  # one of ERROR_CLASSES
    doc_id: str
    gold_text: str
    gold_value: str
    predicted_text: str
    predicted_value: str
    context: str


def error_examples(doc: TimemlDoc, score: DocScore, lex: TemporalLexicon) -> list[ErrorExample]:
    errors = [_example(doc, "missed span", g, None) for g in score.missed]
    errors += [_example(doc, "spurious span", None, p) for p in score.spurious]
    errors += [_example(doc, value_error_class(g, p, lex), g, p) for g, p in score.pairs if p.value != g.value]
    return errors


def value_error_class(gold: GoldTimex, predicted: Prediction, lex: TemporalLexicon) -> str:
    """The kind of a wrong value; a gold value its own words rule out ("Tuesday" = a Wednesday, "1949" =
    "1949-XX", week "W7") is a slip of the annotation, not a system error, though it is still scored."""
    if gold_contradiction(gold.text, gold.value, lex):
        return GOLD_SLIP
    if predicted.value and UNDERSPECIFIED.search(gold.value) and not UNDERSPECIFIED.search(predicted.value):
        return "wrong value: underspecified gold"
    gold_granularity = granularity_of(gold.value, gold.type)
    predicted_granularity = granularity_of(predicted.value or "", predicted.type)
    concrete = {gold_granularity, predicted_granularity}.isdisjoint({"", "vague"})
    if predicted.value and concrete and gold_granularity != predicted_granularity:
        return "wrong value: granularity"
    if predicted.value and concrete and gold.relative:
        return "wrong value: wrong anchor"
    return "wrong value: other"


def _example(doc: TimemlDoc, kind: str, g: GoldTimex | None, p: Prediction | None) -> ErrorExample:
    start = min(x.start for x in (g, p) if x is not None)
    end = max(x.end for x in (g, p) if x is not None)
    context = " ".join(doc.text[max(0, start - CONTEXT_CHARS): end + CONTEXT_CHARS].split())
    return ErrorExample(kind, doc.doc_id, g.text if g else "", g.value if g else "",
                        p.text if p else "", (p.value or "") if p else "", context)


@dataclass(frozen=True)
class TimemlReport:
    counts: dict[str, dict[str, Counts]]  # part (and "all") -> system -> counters
    documents: dict[str, int]  # part (and "all") -> number of documents
    error_counts: dict[str, int]  # our system, over every document
    errors: tuple[ErrorExample, ...] = ()  # our system, capped per error class


def run_timeml_bench(directory: Path, settings: Settings, limit: int | None = None,
                     max_errors: int = 50) -> TimemlReport:
    """Score the three systems on every .tml file under `directory` (the first `limit` in path order)."""
    return run_on_documents(read_corpus(directory, limit), settings, max_errors)


def run_on_documents(docs: list[TimemlDoc], settings: Settings, max_errors: int = 50) -> TimemlReport:
    resources = Resources.load(settings)
    documents = (d.document or Document(d.doc_id, d.path, d.text, published=d.dct, published_from="metadata")
                 for d in docs)
    joiners = resources.lexicon.range_joiners
    ours = [[p for r in result.mentions if r.mention.label in SCORED_TYPES for p in timeml_predictions(r, joiners)]
            for result in process(documents, resources, settings.batch_size)]
    plain = load_model(settings.model)
    spacy_preds = [[Prediction(e.start_char, e.end_char, e.text, e.label_, _parse_value(e.text, d.dct))
                    for e in parsed.ents if e.label_ in SCORED_TYPES]
                   for d, parsed in zip(docs, plain.pipe(d.text for d in docs))]
    search_preds = [search_dates_predictions(d.text, d.dct) for d in docs]
    return build_report(docs, dict(zip(SYSTEMS, (ours, spacy_preds, search_preds))), resources.lexicon, max_errors)


def timeml_predictions(resolved: Resolved, joiners: Iterable[str]) -> list[Prediction]:
    """Our mention as TimeML marks it: a range between two full dates ("between 1994 and 1997") is
    two TIMEX3s there, one per end; a range ending in a bare day or year suffix ("March 24-30",
    "2019-20") stays one."""
    m, timex = resolved.mention, resolved.timex
    if timex is None:
        return [Prediction(m.start, m.end, m.text, m.label, None)]
    if timex.value_end:
        for left, right in range_cuts(m.text, joiners):
            if not (BARE_NUMBER.fullmatch(m.text[left]) or BARE_NUMBER.fullmatch(m.text[right])):
                return [Prediction(m.start + left.start, m.start + left.stop, m.text[left], timex.type, timex.value),
                        Prediction(m.start + right.start, m.start + right.stop, m.text[right], timex.type,
                                   timex.value_end)]
    return [Prediction(m.start, m.end, m.text, timex.type, timex.value)]


def _parse_value(text: str, dct: date) -> str | None:
    parsed = dateparser.parse(text, settings=_dateparser_settings(dct, prefer_past=True), languages=LANGUAGES)
    return parsed.strftime("%Y-%m-%d") if parsed else None


def search_dates_predictions(text: str, dct: date) -> list[Prediction]:
    """dateparser's search: each returned substring located in the text, left to right."""
    found = search_dates(text, languages=LANGUAGES, settings=_dateparser_settings(dct, prefer_past=False)) or []
    predictions = []
    cursor = 0
    for item in found:
        substring, parsed = item[0], item[1]
        start = text.find(substring, cursor)
        if start < 0:
            continue
        cursor = start + len(substring)
        predictions.append(Prediction(start, cursor, substring, "DATE", parsed.strftime("%Y-%m-%d")))
    return predictions


def build_report(docs: list[TimemlDoc], predictions: dict[str, list[list[Prediction]]], lex: TemporalLexicon,
                 max_errors: int = 50) -> TimemlReport:
    """Sum per-document counters per part and overall; collect our system's errors."""
    parts = sorted({d.part for d in docs}) + ([ALL_PARTS] if len({d.part for d in docs}) > 1 else [])
    counts = {part: {system: Counts() for system in predictions} for part in parts}
    error_counts: Counter[str] = Counter()
    errors: list[ErrorExample] = []
    for i, doc in enumerate(docs):
        for system, per_doc in predictions.items():
            score = score_doc(doc.timexes, per_doc[i])
            for part in {doc.part, ALL_PARTS} & set(parts):
                counts[part][system] += score.counts
            if system == OUR_SYSTEM:
                for example in error_examples(doc, score, lex):
                    error_counts[example.kind] += 1
                    if error_counts[example.kind] <= max_errors:
                        errors.append(example)
    documents = {part: sum(part in (d.part, ALL_PARTS) for d in docs) for part in parts}
    return TimemlReport(counts, documents, dict(error_counts.most_common()), tuple(errors))


METRIC_ROWS = (("strict P", "strict_p"), ("strict R", "strict_r"), ("strict F1", "strict_f"),
               ("relaxed P", "relaxed_p"), ("relaxed R", "relaxed_r"), ("relaxed F1", "relaxed_f"),
               ("value accuracy", "value_acc"), ("value F1", "value_f"))


def format_report(report: TimemlReport) -> str:
    return "\n\n".join(score_table(lambda gold: f"{part} ({report.documents[part]} docs, {gold} gold DATE/TIME)",
                                     by_system, METRIC_ROWS) for part, by_system in report.counts.items())


def score_table(title: Callable[[int], str], by_system: dict[str, Counts],
                metric_rows: tuple[tuple[str, str], ...]) -> str:
    """One block of the bench: a column per system, a row per metric, then the counts."""
    systems = list(by_system)
    first = next(iter(by_system.values()))
    rows = [[title(first.relaxed_tp + first.relaxed_fn)] + systems]
    scores = {s: c.scores() for s, c in by_system.items()}
    rows += [[name] + [_pct(scores[s][key]) for s in systems] for name, key in metric_rows]
    rows.append(["strict tp/fp/fn"] + [f"{c.strict_tp}/{c.strict_fp}/{c.strict_fn}" for c in by_system.values()])
    rows.append(["relaxed tp/fp/fn"] + [f"{c.relaxed_tp}/{c.relaxed_fp}/{c.relaxed_fn}" for c in by_system.values()])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
                     for row in rows)


def format_errors(report: TimemlReport, limit: int) -> str:
    """Our system's errors by class (most frequent first), at most `limit` examples per class."""
    lines = []
    for kind, count in report.error_counts.items():
        lines.append(f"{kind}: {count}")
        for e in [e for e in report.errors if e.kind == kind][:limit]:
            lines.append(f"  [{e.doc_id}] gold {e.gold_text!r}={e.gold_value or '-'}  "
                         f"pred {e.predicted_text!r}={e.predicted_value or '-'}  | {e.context}")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"

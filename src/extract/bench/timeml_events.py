"""Event triggers on TimeML (.tml) files: our detector against an every-verb baseline.

Gold = every <EVENT> inside <TEXT> (one word each in TBAQ), with its TimeML class. Per system: strict
(same offsets) and relaxed (overlapping, one to one) P/R/F1, and class accuracy on relaxed matches.
A multi-word trigger of ours ("went bankrupt") is scored by the word TimeML would mark (its head).

The files are split once, deterministically, into a part to tune on and a held-out part: a document
goes to `heldout` when the first eight hex digits of the SHA-1 of its <TEXT> are, as a number, at or
above 70% of their range. Hashing the text (not the file name) keeps the two AQUAINT files that carry
the same article under different names in the same part. Error examples are read from `tune` only.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from spacy.tokens import Doc

from extract.bench.readers import GoldEvent, TimemlDoc
from extract.bench.timeml import Counts, score_table
from extract.core.errors import GoldError
from extract.core.settings import Settings
from extract.events.detect import detect_event_mentions
from extract.events.mention_rules import EventMentionRules, load_event_mention_rules
from extract.gold.alignment import align
from extract.pipeline.process import parser_text
from extract.pipeline.resources import Resources

TUNE, HELDOUT, ALL = "tune", "heldout", "all"
SPLITS = (TUNE, HELDOUT, ALL)
HELDOUT_FROM = 0.70  # share of the hash range that goes to tuning
EVENT_SYSTEMS = ("extract", "every-verb")
OUR_SYSTEM = EVENT_SYSTEMS[0]
BASELINE_CLASS = "OCCURRENCE"
CONTEXT_CHARS = 40


def split_of(doc: TimemlDoc) -> str:
    """`tune` or `heldout`, from a stable hash of the document's text."""
    digest = int(hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:8], 16)
    return HELDOUT if digest >= HELDOUT_FROM * 0x1_0000_0000 else TUNE


def select_part(docs: Iterable[TimemlDoc], part: str) -> list[TimemlDoc]:
    """The documents of one split (`all`: every one); a GoldError when the part is unknown or empty."""
    if part not in SPLITS:
        raise GoldError(f"unknown part {part!r}; choose one of {list(SPLITS)}")
    selected = [d for d in docs if part == ALL or split_of(d) == part]
    if not selected:
        raise GoldError(f"no document of the {part!r} part among the files read; raise --limit or choose another part")
    return selected


@dataclass(frozen=True)
class EventPrediction:
    start: int  # the scored word (a multi-word trigger's head)
    end: int
    text: str
    event_class: str
    lemma: str = ""
    rule: str = ""


@dataclass(frozen=True)
class EventError:
    kind: str  # missed, spurious, wrong class
    doc_id: str
    gold: str  # text/class of the gold event, or ""
    predicted: str  # text/class/rule of ours, or ""
    context: str


@dataclass(frozen=True)
class EventReport:
    counts: dict[str, dict[str, Counts]]  # split -> system -> counters (value_tp = same class)
    documents: dict[str, int]
    error_counts: dict[str, int]  # our system, tuning part only
    errors: tuple[EventError, ...] = ()


def every_verb(doc: Doc) -> list[EventPrediction]:
    """The baseline: every token spaCy tags VERB is an OCCURRENCE."""
    return [EventPrediction(t.idx, t.idx + len(t), t.text, BASELINE_CLASS, t.lemma_, "every-verb")
            for t in doc if t.pos_ == "VERB"]


def our_predictions(doc: Doc, rules: EventMentionRules) -> list[EventPrediction]:
    return [EventPrediction(m.head_start, m.head_end, doc.text[m.head_start:m.head_end], m.event_class,
                            m.lemma, m.rule)
            for m in detect_event_mentions(doc, rules)]


def run_event_bench(docs: list[TimemlDoc], settings: Settings, max_errors: int = 50) -> EventReport:
    """Parse every document once, run both systems on the parse, and score them per split."""
    resources = Resources.load(settings)
    rules = load_event_mention_rules(settings.rules_dir)
    systems: dict[str, Callable[[Doc], list[EventPrediction]]] = {
        OUR_SYSTEM: lambda doc: our_predictions(doc, rules), "every-verb": every_verb}
    predictions: dict[str, list[list[EventPrediction]]] = {s: [] for s in systems}
    for parsed in resources.nlp.pipe(parser_text(d.text) for d in docs):
        for name, system in systems.items():
            predictions[name].append(system(parsed))
    return build_event_report(docs, predictions, max_errors)


def build_event_report(docs: Sequence[TimemlDoc], predictions: dict[str, list[list[EventPrediction]]],
                       max_errors: int = 50) -> EventReport:
    splits = [s for s in (TUNE, HELDOUT) if any(split_of(d) == s for d in docs)]
    splits += [ALL] if len(splits) > 1 else []
    counts = {s: {system: Counts() for system in predictions} for s in splits}
    error_counts: Counter[str] = Counter()
    errors: list[EventError] = []
    for i, doc in enumerate(docs):
        split = split_of(doc)
        for system, per_doc in predictions.items():
            doc_counts, pairs, missed, spurious = score_events(doc.events, per_doc[i])
            for s in {split, ALL} & set(splits):
                counts[s][system] += doc_counts
            if system == OUR_SYSTEM and split == TUNE:
                for example in _errors(doc, pairs, missed, spurious):
                    error_counts[example.kind] += 1
                    if error_counts[example.kind] <= max_errors:
                        errors.append(example)
    documents = {s: sum(s in (split_of(d), ALL) for d in docs) for s in splits}
    return EventReport(counts, documents, dict(error_counts.most_common()), tuple(errors))


Pair = tuple[GoldEvent, EventPrediction]


def score_events(gold: Sequence[GoldEvent], predictions: Sequence[EventPrediction]
                 ) -> tuple[Counts, list[Pair], list[GoldEvent], list[EventPrediction]]:
    """Scores of one document's events; aligned by `gold.alignment.align` (exact pairs first)."""
    pairs: list[Pair] = align(gold, predictions)
    used_gold = {id(g) for g, _ in pairs}
    used_pred = {id(p) for _, p in pairs}
    missed = [g for g in gold if id(g) not in used_gold]
    spurious = [p for p in predictions if id(p) not in used_pred]
    strict_tp = sum((g.start, g.end) == (p.start, p.end) for g, p in pairs)
    same_class = sum(g.event_class == p.event_class for g, p in pairs)
    counts = Counts(strict_tp, len(predictions) - strict_tp, len(gold) - strict_tp,
                    len(pairs), len(spurious), len(missed), same_class)
    return counts, pairs, missed, spurious


def _errors(doc: TimemlDoc, pairs: list[Pair], missed: list[GoldEvent],
            spurious: list[EventPrediction]) -> list[EventError]:
    found = [EventError("missed", doc.doc_id, f"{g.text}/{g.event_class}", "", _context(doc, g.start, g.end))
             for g in missed]
    found += [EventError("spurious", doc.doc_id, "", f"{p.text}/{p.event_class}/{p.rule}",
                         _context(doc, p.start, p.end)) for p in spurious]
    found += [EventError("wrong class", doc.doc_id, f"{g.text}/{g.event_class}", f"{p.text}/{p.event_class}/{p.rule}",
                         _context(doc, g.start, g.end)) for g, p in pairs if g.event_class != p.event_class]
    return found


def _context(doc: TimemlDoc, start: int, end: int) -> str:
    left = doc.text[max(0, start - CONTEXT_CHARS):start]
    right = doc.text[end:end + CONTEXT_CHARS]
    return " ".join(f"{left}[{doc.text[start:end]}]{right}".split())


METRIC_ROWS = (("strict P", "strict_p"), ("strict R", "strict_r"), ("strict F1", "strict_f"),
               ("relaxed P", "relaxed_p"), ("relaxed R", "relaxed_r"), ("relaxed F1", "relaxed_f"),
               ("class accuracy", "value_acc"))


def format_event_report(report: EventReport) -> str:
    return "\n\n".join(
        score_table(lambda gold: f"EVENT {split} ({report.documents[split]} docs, {gold} gold events)", by_system,
                    METRIC_ROWS) for split, by_system in report.counts.items())


def format_event_errors(report: EventReport, limit: int) -> str:
    """Our errors on the tuning part by kind (most frequent first), at most `limit` examples per kind."""
    lines = []
    for kind, count in report.error_counts.items():
        lines.append(f"EVENT {kind} (tune): {count}")
        for e in [e for e in report.errors if e.kind == kind][:limit]:
            lines.append(f"  [{e.doc_id}] gold {e.gold or '-'}  pred {e.predicted or '-'}  | {e.context}")
    return "\n".join(lines)

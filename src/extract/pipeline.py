"""Run the stages over documents: ingest -> nlp -> mentions -> normalise -> people/orgs -> events."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .batch import Failure, WorkerPool, batches, failed_documents, worker_resources
from .chunking import parse_texts
from .documents import Document
from .entity_rules import EntityRules, load_entity_rules
from .events import Event, EventInputs, TriggerLexicon, extract_events, load_trigger_lexicon
from .lexicon import TemporalLexicon, load_temporal_lexicon
from .mentions import Mention, extract_mentions
from .money import MoneyRules, load_money_rules
from .nlp import build_nlp, model_source
from .normalise import Resolved, resolve_dates, resolve_money
from .organisations import Organisation, group_organisations
from .people import Person, clean_name, group_people
from .settings import Settings

# What the model reads instead of odd characters, one for one so offsets carry over: non-breaking and
# thin spaces, invisible word breaks (zero-width space, word joiner, a stray BOM) and, as NFKC reads
# them, fullwidth ASCII forms and the ideographic space.
PARSER_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": " ",
                               "\u2060": " ", "\ufeff": " ", "\u3000": " ",
                               **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}})
UNUSED_FACTORIES = {"textcat", "textcat_multilabel", "entity_linker", "spancat", "spancat_singlelabel",
                    "span_finder", "trainable_lemmatizer", "experimental_coref"}


@dataclass(frozen=True)
class DocResult:
    document: Document
    mentions: list[Resolved] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def money(self) -> list[Resolved]:
        return [r for r in self.mentions if r.money is not None]


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything loaded once per process: the model and the rule files."""

    nlp: Language
    model: str
    entity_rules: EntityRules
    lexicon: TemporalLexicon
    money_rules: MoneyRules
    triggers: TriggerLexicon
    settings: Settings | None = None  # what it was loaded from: worker processes load the same

    @classmethod
    def load(cls, settings: Settings) -> "Resources":
        nlp = build_nlp(settings)
        unused = [name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in UNUSED_FACTORIES]
        if unused:
            nlp.select_pipes(disable=unused)
        if not ({"parser", "senter", "sentencizer"} & {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}):
            nlp.add_pipe("sentencizer", first=True)  # a pipeline without sentences (e.g. blank:en)
        rules_dir = settings.rules_dir
        return cls(nlp, model_source(nlp), load_entity_rules(rules_dir), load_temporal_lexicon(rules_dir),
                   load_money_rules(rules_dir / "money.json"), load_trigger_lexicon(rules_dir), settings)


def process(documents: Iterable[Document], resources: Resources, batch_size: int = 32,
            n_process: int = 1) -> Iterator[DocResult]:
    """One result per input document, in input order; failed documents pass through.

    With `n_process` > 1 the batches go to that many worker processes, each of which loads the
    model and rules once from `resources.settings`; the results are the same as in one process.
    """
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1, got {n_process}")
    if n_process == 1:
        for batch in batches(documents, batch_size):
            yield from _process_batch(batch, resources)
        return
    if resources.settings is None:
        raise ValueError("n_process > 1 needs Resources.load(settings): workers load the same model and rules")
    with WorkerPool[list[Document], list[DocResult]](resources.settings, n_process) as pool:
        work = partial(process_in_worker, resources.settings)
        for batch, results in pool.map(work, batches(documents, batch_size)):
            if isinstance(results, Failure):
                yield from (DocResult(d) for d in failed_documents(batch, results.message))
            else:
                yield from results


def process_in_worker(settings: Settings, batch: list[Document]) -> list[DocResult]:
    """Run in a worker process: the batch with the resources that process loaded once."""
    return list(_process_batch(batch, worker_resources(settings)))


def _process_batch(batch: list[Document], resources: Resources, max_chars: int | None = None) -> Iterator[DocResult]:
    """Readable documents are parsed together (long ones in chunks); a failure stays with its document."""
    readable = [d for d in batch if d.ok]
    try:
        parsed: list[Doc | str] = list(parse_texts(resources.nlp, [parser_text(d.text) for d in readable],
                                                   max_chars, batch_size=max(1, len(readable))))
    except Exception:  # noqa: BLE001 - one bad document must not fail its batch: parse one by one
        parsed = [_parse_one(d, resources, max_chars) for d in readable]
    by_position = iter(parsed)
    for document in batch:
        if not document.ok:
            yield DocResult(document)
            continue
        doc = next(by_position)
        if isinstance(doc, str):
            yield DocResult(replace(document, status="error", error=doc))
        else:
            yield _analyse_safely(document, doc, resources)


def _parse_one(document: Document, resources: Resources, max_chars: int | None) -> Doc | str:
    """The parsed document, or the message saying why the model could not read it."""
    try:
        return next(parse_texts(resources.nlp, [parser_text(document.text)], max_chars))
    except Exception as err:  # noqa: BLE001 - recorded in documents.csv
        return f"{document.source}: the model could not read it: {type(err).__name__}: {err}"


def _analyse_safely(document: Document, doc: Doc, resources: Resources) -> DocResult:
    """A defect met on one document marks that document failed; the batch goes on."""
    try:
        return analyse(document, doc, resources)
    except Exception as err:  # noqa: BLE001 - recorded in documents.csv, never swallowed
        message = f"{document.source}: analysis failed: {type(err).__name__}: {err}"
        return DocResult(replace(document, status="error", error=message))


def parser_text(text: str) -> str:
    """What the model reads: same length as the text, so offsets carry over unchanged."""
    return text.translate(PARSER_SPACES)


def analyse(document: Document, doc: Doc, resources: Resources) -> DocResult:
    mentions = extract_mentions(doc, resources.entity_rules, resources.lexicon, resources.model, document.text)
    dates = resolve_dates(mentions, doc, document, resources.lexicon)
    money = resolve_money(mentions, document.text, resources.money_rules)
    people = group_people(mentions, doc, resources.entity_rules, document.doc_id)
    orgs = group_organisations(mentions, document.text, resources.entity_rules, document.doc_id)
    canonical = _canonical_names(people, orgs)
    others = [Resolved(m, canonical.get((m.start, m.end), ("", clean_name(m.text)))[1])
              for m in mentions if m.label in ("PERSON", "ORG", "GPE", "LOC")]
    places = [(m.start, m.end, clean_name(m.text)) for m in mentions if m.label in ("GPE", "LOC")]
    inputs = EventInputs(dates, canonical, places, document.published_span,
                         document.published.isoformat() if document.published else "")
    events = extract_events(doc, inputs, resources.triggers)
    resolved = sorted(dates + money + others, key=lambda r: (r.mention.start, r.mention.end))
    return DocResult(document, resolved, people, orgs, events)


def _canonical_names(people: list[Person], orgs: list[Organisation]) -> dict[tuple[int, int], tuple[str, str]]:
    names: dict[tuple[int, int], tuple[str, str]] = {}
    for person in people:
        for m in person.mentions:
            names[(m.start, m.end)] = ("PERSON", person.name)
    for org in orgs:
        for m in org.mentions:
            names[(m.start, m.end)] = ("ORG", org.name)
    return names



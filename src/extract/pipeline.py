"""Run the stages over documents: ingest -> nlp -> mentions -> normalise -> people/orgs -> events."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

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

PARSER_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " "})


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

    @classmethod
    def load(cls, settings: Settings) -> "Resources":
        nlp = build_nlp(settings)
        rules_dir = settings.rules_dir
        return cls(nlp, model_source(nlp), load_entity_rules(rules_dir), load_temporal_lexicon(rules_dir),
                   load_money_rules(rules_dir / "money.json"), load_trigger_lexicon(rules_dir))


def process(documents: Iterable[Document], resources: Resources, batch_size: int = 32) -> Iterator[DocResult]:
    """One result per input document, in input order; failed documents pass through."""
    pending: list[Document] = []
    for document in documents:
        pending.append(document)
        if len(pending) >= batch_size:
            yield from _process_batch(pending, resources)
            pending = []
    yield from _process_batch(pending, resources)


def _process_batch(batch: list[Document], resources: Resources) -> Iterator[DocResult]:
    readable = [d for d in batch if d.ok]
    nlp = resources.nlp
    nlp.max_length = max([nlp.max_length] + [len(d.text) + 1 for d in readable])
    parsed = dict(zip((d.doc_id for d in readable), nlp.pipe(parser_text(d.text) for d in readable)))
    for document in batch:
        yield _analyse_safely(document, parsed[document.doc_id], resources) if document.ok else DocResult(document)


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



"""Run the stages over documents: ingest -> nlp -> mentions -> normalise -> people/orgs -> events."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from spacy.tokens import Doc

from extract.core.documents import Document
from extract.core.mention import Dropped
from extract.entities.orgs.records import Organisation, group_organisations
from extract.entities.people.records import Person, clean_name, group_people
from extract.events.extraction import Event, EventInputs
from extract.events.mention_events import describe_events
from extract.mentions.stage import find_mentions
from extract.nlp.chunking import parse_texts
from extract.normalise.resolve import Resolved, resolve_dates, resolve_money
from extract.pipeline.clock import StageClock
from extract.pipeline.resources import Resources

# What the model reads instead of odd characters, one for one so offsets carry over: non-breaking and
# thin spaces, invisible word breaks (zero-width space, word joiner, a stray BOM) and, as NFKC reads
# them, fullwidth ASCII forms and the ideographic space.
PARSER_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": " ",
                               "\u2060": " ", "\ufeff": " ", "\u3000": " ",
                               **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}})


@dataclass(frozen=True)
class DocResult:
    document: Document
    mentions: list[Resolved] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)  # spans the mention rules removed

    @property
    def money(self) -> list[Resolved]:
        return [r for r in self.mentions if r.money is not None]


def process(documents: Iterable[Document], resources: Resources, batch_size: int = 32) -> Iterator[DocResult]:
    """One result per input document, in input order; failed documents pass through."""
    for batch in batches(documents, batch_size):
        yield from process_batch(batch, resources)


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_batch(batch: list[Document], resources: Resources, max_chars: int | None = None) -> Iterator[DocResult]:
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


def analyse(document: Document, doc: Doc, resources: Resources, clock: StageClock | None = None) -> DocResult:
    """`clock`, when given, is charged the CPU time of each stage (mentions, values, names, events)."""
    clock = clock if clock is not None else StageClock()
    with clock.stage("mentions"):
        found = find_mentions(doc, resources.entity_rules, resources.lexicon, resources.model, document.text)
    mentions = found.mentions
    with clock.stage("values"):
        dates = resolve_dates(mentions, doc, document, resources.lexicon)
        money = resolve_money(mentions, document.text, resources.money_rules)
    with clock.stage("names"):
        people = group_people(mentions, doc, resources.entity_rules, document.doc_id)
        orgs = group_organisations(mentions, document.text, resources.entity_rules, document.doc_id)
        canonical = _canonical_names(people, orgs)
        others = [Resolved(m, canonical.get((m.start, m.end), ("", clean_name(m.text)))[1])
                  for m in mentions if m.label in ("PERSON", "ORG", "PRODUCT", "GPE", "LOC")]
        places = [(m.start, m.end, clean_name(m.text)) for m in mentions if m.label in ("GPE", "LOC")]
    inputs = EventInputs(dates, canonical, places, document.published_span,
                         document.published.isoformat() if document.published else "")
    with clock.stage("events"):
        events = describe_events(doc, inputs, resources.event_rules)
    resolved = sorted(dates + money + others, key=lambda r: (r.mention.start, r.mention.end))
    return DocResult(document, resolved, people, orgs, events, found.dropped)


def _canonical_names(people: list[Person], orgs: list[Organisation]) -> dict[tuple[int, int], tuple[str, str]]:
    names: dict[tuple[int, int], tuple[str, str]] = {}
    for person in people:
        for m in person.mentions:
            names[(m.start, m.end)] = ("PERSON", person.name)
    for org in orgs:
        for m in org.mentions:
            names[(m.start, m.end)] = ("ORG", org.name)
    return names



"""The project's own gold (corpus/gold/*.json) as TimeML-style documents, so that `bench timeml`
scores the sample corpus with the same scorer and the same two baselines as TBAQ.

Our pipeline reads each article exactly as `extract run` does (ingest: encoding, publication date).
Optional gold spans are neither rewarded nor penalised. The baselines are anchored at the
publication date; an undated article gives them the first date with a written year that dateparser's
own search finds in the text (plain dateparser has no other anchor; never the clock).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from dateparser.search import search_dates

from extract.bench.readers import GoldTimex, TimemlDoc
from extract.bench.timeml import LANGUAGES, OPTIONAL_TYPE, SCORED_TYPES, TimemlReport, run_on_documents
from extract.core.errors import GoldError
from extract.core.settings import Settings
from extract.dates.lexicon import TemporalLexicon
from extract.dates.loader import load_temporal_lexicon
from extract.gold.files import gold_files, load_gold
from extract.ingest.reader import read_documents

OFF_THE_CLOCK = datetime(2000, 1, 1)


def is_gold_folder(directory: Path) -> bool:
    return any(directory.glob("*.json")) and not any(directory.rglob("*.tml"))


def run_gold_bench(gold_dir: Path, articles: Path, settings: Settings, limit: int | None = None) -> TimemlReport:
    docs = read_gold_dates(gold_dir, articles, load_temporal_lexicon(settings.rules_dir))
    return run_on_documents(docs[:limit], settings)


def read_gold_dates(gold_dir: Path, articles: Path, lex: TemporalLexicon) -> list[TimemlDoc]:
    """Every gold file under `gold_dir` that labels DATE, with its article from `articles`."""
    docs = []
    for path in gold_files(gold_dir):
        gold = load_gold(path)
        if "DATE" not in (gold.get("labels") or []):
            continue
        source = articles / (gold.get("source") or f"{gold['doc_id']}.txt")
        document = next(iter(read_documents([source], lex)), None)
        if document is None or not document.ok:
            raise GoldError(f"{path}: article {source} could not be read")
        timexes = tuple(_timex(path, index, span, document.text) for index, span in enumerate(gold["spans"])
                        if span["label"] in SCORED_TYPES + ("DURATION", "SET"))
        anchor = document.published or _first_explicit_date(document.text, source)
        docs.append(TimemlDoc(document.doc_id, articles.name, str(source), document.text, anchor, timexes, document))
    if not docs:
        raise GoldError(f"no gold file labelling DATE under {gold_dir}")
    return docs


def _timex(path: Path, index: int, span: dict, text: str) -> GoldTimex:
    start, end = int(span["start"]), int(span["end"])
    if text[start:end] != span["text"]:
        raise GoldError(f"{path}: spans[{index}] {span['text']!r} is not the article's text[{start}:{end}] "
                        f"({text[start:end]!r}); run `extract gold validate`")
    kind = OPTIONAL_TYPE if span.get("optional") else span["label"]
    return GoldTimex(f"s{index}", start, end, span["text"], kind, str(span.get("value", "")))


def _first_explicit_date(text: str, source: Path) -> date:
    """The first date dateparser's search finds with a written year, as dateparser reads it ("in May
    2025" -> 2025-05-01); phrases without a year are skipped, so the fixed base only keeps it off the clock."""
    for substring, parsed in search_dates(text, languages=LANGUAGES, settings={"RELATIVE_BASE": OFF_THE_CLOCK}) or []:
        if re.search(r"\b(?:19|20)\d{2}\b", substring):
            return parsed.date()
    raise GoldError(f"{source}: undated and without a year in its text, so the baselines would have no anchor")

"""The spaCy stage: the statistical model plus rule matchers whose patterns live in rules/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from extract.core.errors import ModelNotFoundError
from extract.core.schemas import EntityPatternsFile, load_rule_file
from extract.core.settings import Settings
from extract.nlp.attribute_index import index_attribute_rulers
from extract.nlp.hyphen_words import join_hyphen_words
from extract.nlp.lemma_memo import FACTORY as REMEMBERING_FACTORY
from extract.nlp.lemma_memo import STOCK_FACTORY, remember_lemmas
from extract.nlp.stepwise_parser import decode_parsers_stepwise

RULER_NAME = "extract_rules"


PATTERN_FILES = ("entity_patterns.jsonl",)  # date spans come from rules/temporal.json extent_patterns


def load_entity_patterns(rules_dir: Path) -> list[dict[str, Any]]:
    """Span-ruler patterns from every pattern file, as plain {label, pattern, id} records."""
    return [p for name in PATTERN_FILES for p in load_pattern_file(rules_dir / name)]


def load_pattern_file(path: Path) -> list[dict[str, Any]]:
    """One JSONL file of patterns, checked strictly (see extract.core.schemas)."""
    records = load_rule_file(path, EntityPatternsFile).records
    return [{"id": r.id, "label": r.label, "pattern": r.pattern} for r in records]


def load_model(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError:
        raise ModelNotFoundError(name) from None


def build_nlp(settings: Settings) -> Language:
    """The model with the rule ruler after its NER; rule matches win over model entities. Its attribute
    ruler answers one-token patterns from a table and its lemmatizer is asked once per word form: the same
    annotations, in a fraction of the time. A hyphen-prefixed word ("re-elected") is one token before the
    model tags it (extract.nlp.hyphen_words). The parser and the NER are decoded from Python with the GIL
    held (extract.nlp.stepwise_parser): the same parse and names, for about half the NER's CPU time."""
    nlp = load_model(settings.model)
    decode_parsers_stepwise(nlp)
    index_attribute_rulers(nlp)
    remember_lemmas(nlp)
    join_hyphen_words(nlp, settings.rules_dir, _lemmatizer(nlp))
    add_rule_ruler(nlp, settings.rules_dir)
    return nlp


def _lemmatizer(nlp: Language) -> str | None:
    """The name of the last lemmatizer of `nlp`, None when it has none."""
    names = [n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory in (STOCK_FACTORY, REMEMBERING_FACTORY)]
    return names[-1] if names else None


def add_rule_ruler(nlp: Language, rules_dir: Path) -> None:
    after = "ner" if "ner" in nlp.component_names else None
    ruler = nlp.add_pipe(
        "span_ruler", name=RULER_NAME, after=after,
        config={
            "annotate_ents": True, "overwrite": False, "validate": True, "spans_key": None,
            "ents_filter": {"@misc": "spacy.prioritize_new_ents_filter.v1"},
        },
    )
    ruler.add_patterns(load_entity_patterns(rules_dir))  # type: ignore[attr-defined]


def model_source(nlp: Language) -> str:
    return f"model:{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}"

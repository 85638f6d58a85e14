"""Docs for rule tests on a blank English pipeline: entities (and a few POS tags) set by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

NLP = spacy.blank("en")


def doc_with(text: str, ents: list[tuple[str, str]], propn: tuple[str, ...] = (), verbs: tuple[str, ...] = ()) -> Doc:
    """`text` with each (phrase, label) of `ents` as an entity, found left to right; the words in
    `propn` tagged PROPN and those in `verbs` tagged VERB."""
    doc = NLP(text)
    spans, position = [], 0
    for phrase, label in ents:
        start = text.index(phrase, position)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
        position = start + len(phrase)
    doc.ents = spans
    for token in doc:
        token.pos_ = "PROPN" if token.text in propn else "VERB" if token.text in verbs else token.pos_
    return doc

"""doc_text: the Doc's text, joined once and kept with the Doc (blank pipeline)."""

import spacy

from extract.nlp.doc_text import TEXT_KEY, doc_text


def test_the_text_is_the_docs_and_is_joined_once():
    doc = spacy.blank("en")("Acme  Corp. said\non Monday it would buy Orbis.")
    first = doc_text(doc)
    assert first == doc.text == "Acme  Corp. said\non Monday it would buy Orbis."
    assert doc.user_data[TEXT_KEY] is first
    assert doc_text(doc) is first  # the kept string, not a new join


def test_an_empty_doc_has_empty_text():
    assert doc_text(spacy.blank("en")("")) == ""

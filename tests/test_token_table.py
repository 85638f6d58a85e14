"""token_table: every column equals the Token attribute it stands for, and is built once per Doc."""

import pytest
import spacy
from spacy.tokens import Doc, Span

from extract.nlp.token_table import TABLE_KEY, token_table

NLP = spacy.blank("en")
COLUMNS = {  # column -> how a Token says it
    "text": lambda t: t.text, "lower": lambda t: t.lower_, "lemma": lambda t: t.lemma_,
    "lemma_lower": lambda t: t.lemma_.lower(), "pos": lambda t: t.pos_, "tag": lambda t: t.tag_,
    "dep": lambda t: t.dep_, "ent_type": lambda t: t.ent_type_, "ent_iob": lambda t: t.ent_iob_,
    "head": lambda t: t.head.i, "idx": lambda t: t.idx, "whitespace": lambda t: t.whitespace_,
    "is_alpha": lambda t: t.is_alpha, "is_space": lambda t: t.is_space, "is_punct": lambda t: t.is_punct,
}


def _parsed() -> Doc:
    """A hand-parsed Doc: heads before and after their dependents, a root in each sentence, an entity,
    mixed-case lemmas, a space token and a word with no space after it."""
    words = ["Acme", "Corp.", "Bought", "Orbis", "\n", "It", "said", "so", "!"]
    spaces = [True, True, True, False, False, True, True, False, False]
    doc = Doc(NLP.vocab, words=words, spaces=spaces,
              pos=["PROPN", "PROPN", "VERB", "PROPN", "SPACE", "PRON", "VERB", "ADV", "PUNCT"],
              tags=["NNP", "NNP", "VBD", "NNP", "_SP", "PRP", "VBD", "RB", "."],
              deps=["compound", "nsubj", "ROOT", "dobj", "dep", "nsubj", "ROOT", "advmod", "punct"],
              heads=[1, 2, 2, 2, 3, 6, 6, 6, 6],
              lemmas=["Acme", "Corp.", "Buy", "Orbis", "\n", "it", "say", "so", "!"])
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 3, 4, label="ORG")]
    return doc


def test_every_column_is_the_token_attribute():
    doc = _parsed()
    table = token_table(doc)
    assert len(table) == len(doc)
    for column, read in COLUMNS.items():
        assert getattr(table, column) == [read(t) for t in doc], column
    assert table.head[0] == 1 and table.head[6] == 6  # a head after its word; a root is its own head
    assert table.lemma_lower[2] == "buy" and table.lemma[2] == "Buy"
    assert table.ent_iob[:5] == ["B", "I", "O", "B", "O"]


def test_the_table_is_built_once_and_kept_with_the_doc():
    doc = _parsed()
    first = token_table(doc)
    assert doc.user_data[TABLE_KEY] is first
    assert token_table(doc) is first


def test_a_doc_without_annotations_and_an_empty_doc():
    doc = NLP("Acme  Corp. said\non Monday")
    table = token_table(doc)
    for column, read in COLUMNS.items():
        assert getattr(table, column) == [read(t) for t in doc], column
    empty = token_table(NLP(""))
    assert len(empty) == 0 and empty.head == [] and empty.pos == []


def test_an_unknown_column_is_an_attribute_error():
    with pytest.raises(AttributeError, match="lemmas"):
        token_table(_parsed()).lemmas  # noqa: B018 - the access is the test

"""The indexed attribute ruler finds exactly the stock AttributeRuler's matches (blank pipeline, no model)."""

import pytest
import spacy
from spacy.tokens import Doc

from extract.nlp.attribute_index import (
    FACTORY,
    IndexedAttributeRuler,
    index_attribute_rulers,
    split_patterns,
    table_values,
)

PATTERNS = [  # shapes of en_core_web_sm's patterns, and some it does not have
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "gets", "TAG": "VBZ"}], [{"LOWER": "got", "TAG": "VBD"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"LEMMA": "be", "POS": "AUX"}},
    {"patterns": [[{"LOWER": "i", "DEP": "nsubj"}]], "attrs": {"MORPH": "Case=Nom"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TEXT": "Gets", "TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},  # same token as a rule above
    {"patterns": [[{"TAG": "NN"}], [{"LOWER": "dog"}]], "attrs": {"POS": "PROPN"}},  # two ways to one match
    {"patterns": [[{"ORTH": "x", "TEXT": "x"}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LENGTH": 3}]], "attrs": {"POS": "NUM"}},
    {"patterns": [[{"TAG": "DT"}], [{"LOWER": "the"}, {"TAG": "NN"}]], "attrs": {"POS": "DET"}},  # mixed
    {"patterns": [[{"LOWER": "the"}, {}]], "attrs": {"POS": "DET"}, "index": 1},  # any second token
    {"patterns": [[{"TAG": "VBZ"}, {"TAG": "DT", "OP": "?"}, {"TAG": "NN"}]], "attrs": {"POS": "VERB"}},
]
WORDS = ["I", "gets", "the", "dog", "Gets", "\n", "gon", "na", "y'", "all", "is", "x", "'s"]
TAGS = ["PRP", "VBZ", "DT", "NN", "VBZ", "_SP", "VBG", "TO", "PRP", "DT", "VBZ", "NN", "VBZ"]
DEPS = ["nsubj", "ROOT", "det", "dobj", "aux", "dep", "aux", "aux", "nsubj", "appos", "ROOT", "dobj", "aux"]
HEADS = [1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 10, 10, 10]


def _rulers():
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    indexed = IndexedAttributeRuler(nlp.vocab)
    for ruler in (stock, indexed):
        ruler.add_patterns(PATTERNS)
    return nlp, stock, indexed


def test_same_matches_as_the_stock_ruler():
    nlp, stock, indexed = _rulers()
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)
    assert indexed.match(doc) == stock.match(doc)
    assert len(indexed.match(doc)) > len(WORDS)


def test_same_matches_on_an_empty_doc_and_without_annotation():
    nlp, stock, indexed = _rulers()
    for doc in (Doc(nlp.vocab, words=[]), Doc(nlp.vocab, words=WORDS)):
        assert indexed.match(doc) == stock.match(doc)


def test_patterns_added_later_are_used():
    nlp, stock, indexed = _rulers()
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)
    indexed.match(doc)
    for ruler in (stock, indexed):
        ruler.add([[{"LOWER": "the"}]], {"POS": "DET"})
    assert indexed.match(doc) == stock.match(doc)


@pytest.mark.parametrize("pattern, answerable", [
    ({"TAG": "NN"}, True), ({"LOWER": {"IN": ["a", "b"]}, "DEP": "det"}, True), ({"IS_SPACE": False}, True),
    ({"LOWER": {"NOT_IN": ["a"]}}, False), ({"LOWER": {"REGEX": "a"}}, False), ({"LENGTH": 3}, False),
    ({"TAG": "NN", "OP": "?"}, False), ({"ORTH": "a", "TEXT": "a"}, False), ({}, False),
], ids=["tag", "in-and-dep", "flag", "not-in", "regex", "other-attr", "operator", "orth-and-text", "empty"])
def test_which_token_patterns_a_table_answers(pattern, answerable):
    assert (table_values(pattern) is not None) is answerable


def test_index_attribute_rulers_keeps_name_place_and_patterns():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    patterns = nlp.get_pipe("attribute_ruler").patterns
    index_attribute_rulers(nlp)
    assert nlp.pipe_names == ["sentencizer", "attribute_ruler"]
    assert nlp.get_pipe_meta("attribute_ruler").factory == FACTORY
    assert nlp.get_pipe("attribute_ruler").patterns == patterns


def test_each_key_is_answered_in_one_place():
    table, sequences, rest = split_patterns((str(i), p["patterns"]) for i, p in enumerate(PATTERNS))
    in_table = {i for by_value in table.values() for ids in by_value.values() for i in ids}
    in_sequences = {match_id for match_id, _ in sequences}
    assert not in_table & in_sequences
    assert set(rest) == {"11", "14"}  # LENGTH and an operator: the Matcher's
    assert len(sequences) == 7  # NOT_IN, REGEX, ORTH with TEXT, several tokens, the mixed key's two patterns

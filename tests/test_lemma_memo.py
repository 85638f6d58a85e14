"""The remembering lemmatizer gives the stock rule lemmatizer's lemmas (blank pipeline, small tables)."""

import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from extract.nlp.lemma_memo import FACTORY, remember_lemmas

WORDS = ["dogs", "ran", "dogs", "cats", "the", "Dogs", "better", "dogs"]
POS = ["NOUN", "VERB", "NOUN", "NOUN", "DET", "PROPN", "ADJ", "VERB"]
MORPHS = ["Number=Plur", "Tense=Past", "Number=Plur", "", "", "", "Degree=Cmp", ""]


def _nlp():
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["s", ""]], "adj": [["er", ""]]})
    lookups.add_table("lemma_index", {"noun": [], "verb": [], "adj": []})
    lookups.add_table("lemma_exc", {"verb": {"ran": ["run"]}})
    nlp.add_pipe("lemmatizer", config={"mode": "rule"}).initialize(lookups=lookups)
    return nlp


def _doc(nlp, lemmas=None):
    return Doc(nlp.vocab, words=WORDS, pos=POS, morphs=MORPHS, lemmas=lemmas)


def test_same_lemmas_as_the_stock_lemmatizer_twice_over():
    stock_nlp, nlp = _nlp(), _nlp()
    remember_lemmas(nlp)
    assert nlp.get_pipe_meta("lemmatizer").factory == FACTORY
    expected = [t.lemma_ for t in stock_nlp.get_pipe("lemmatizer")(_doc(stock_nlp))]
    for _ in range(2):  # asked, then remembered
        assert [t.lemma_ for t in nlp.get_pipe("lemmatizer")(_doc(nlp))] == expected
    assert expected[:2] == ["dog", "run"]


def test_lemmas_set_before_are_kept():
    nlp = _nlp()
    remember_lemmas(nlp)
    lemmas = ["hound"] + [""] * (len(WORDS) - 1)
    doc = nlp.get_pipe("lemmatizer")(_doc(nlp, lemmas))
    assert doc[0].lemma_ == "hound" and doc[2].lemma_ == "dog"


def test_empty_doc_and_other_modes_are_left_to_the_stock():
    nlp = _nlp()
    remember_lemmas(nlp)
    assert len(nlp.get_pipe("lemmatizer")(Doc(nlp.vocab, words=[]))) == 0
    lookup = spacy.blank("en")
    lookup.add_pipe("lemmatizer", config={"mode": "lookup"})
    remember_lemmas(lookup)
    assert lookup.get_pipe_meta("lemmatizer").factory == "lemmatizer"


def test_known_base_forms_become_sets_and_still_decide_the_lemma():
    def nlp_with_index():
        nlp = spacy.blank("en")
        lookups = Lookups()
        lookups.add_table("lemma_rules", {"noun": [["s", ""], ["ses", "s"]]})
        lookups.add_table("lemma_index", {"noun": ["bus", "gas"]})
        lookups.add_table("lemma_exc", {})
        nlp.add_pipe("lemmatizer", config={"mode": "rule"}).initialize(lookups=lookups)
        return nlp

    words, pos, morphs = ["buses", "gases", "houses"], ["NOUN"] * 3, ["Number=Plur"] * 3
    stock_nlp, nlp = nlp_with_index(), nlp_with_index()
    remember_lemmas(nlp)
    index = nlp.get_pipe("lemmatizer").stock.lookups.get_table("lemma_index")
    assert index["noun"] == frozenset({"bus", "gas"})
    expected = [t.lemma_ for t in stock_nlp.get_pipe("lemmatizer")(Doc(stock_nlp.vocab, words=words, pos=pos, morphs=morphs))]
    got = [t.lemma_ for t in nlp.get_pipe("lemmatizer")(Doc(nlp.vocab, words=words, pos=pos, morphs=morphs))]
    assert got == expected == ["bus", "gas", "house"]

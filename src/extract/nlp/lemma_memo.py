"""The model's rule lemmatizer, asked once per (word, part of speech, morphology).

spaCy's rule lemmatizer visits every token in Python and caches only some of its answers (never a base
form), about 8 us a token once warm. Its answer depends on nothing but the token's ORTH, POS and MORPH
(its own cache is keyed by them), so RememberingLemmatizer reads those columns with Doc.to_array, asks
the stock lemmatizer only for a combination it has not seen, and writes the LEMMA column back: the
stock lemmas, for any model. Lemmatizers in another mode, or that overwrite lemmas, are left alone.

A combination not seen yet still costs: for every suffix rule that applies, the stock tests whether the
form it makes is a known base form (`form in index`), and the model keeps each part of speech's base forms
as a list (57,000 nouns), scanned from the start. `index_as_sets` gives the same words as frozensets: the
same answers, each in one look-up.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

FACTORY = "extract_remembering_lemmatizer"
STOCK_FACTORY = "lemmatizer"
COLUMNS = ["ORTH", "POS", "MORPH", "LEMMA"]
INDEX_TABLE = "lemma_index"  # the stock's known base forms, per part of speech
MAX_REMEMBERED = 500_000  # (word, POS, morphology) combinations whose lemma is kept


class RememberingLemmatizer:
    """A pipeline component: the lemmas of `stock` (a rule-mode Lemmatizer), each combination asked once."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stock: Lemmatizer | None = None
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma id

    def use(self, stock: Lemmatizer) -> None:
        self.stock = stock
        self._lemmas.clear()

    def __call__(self, doc: Doc) -> Doc:
        stock = self.stock
        if stock is None:
            raise ValueError(f"{self.name}: no lemmatizer to ask; call use(lemmatizer) first")
        if not len(doc):
            return stock(doc)
        rows = doc.to_array(COLUMNS)
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0:  # as the stock lemmatizer: a lemma set before (by the attribute ruler) stays
                known = self._lemmas.get((orth, pos, morph))
                lemmas[i] = known if known is not None else self._ask(doc, i, (orth, pos, morph))
        doc.from_array(["LEMMA"], lemmas)
        return doc

    def _ask(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        assert self.stock is not None
        lemma = doc.vocab.strings.add(self.stock.lemmatize(doc[i])[0])
        if len(self._lemmas) >= MAX_REMEMBERED:
            self._lemmas.clear()
        self._lemmas[key] = lemma
        return lemma


@Language.factory(FACTORY)
def make_remembering_lemmatizer(nlp: Language, name: str) -> RememberingLemmatizer:
    return RememberingLemmatizer(name)


def remember_lemmas(nlp: Language) -> None:
    """Put a RememberingLemmatizer in the place of each stock rule-mode lemmatizer of `nlp`."""
    for name in list(nlp.pipe_names):
        stock = nlp.get_pipe(name)
        if nlp.get_pipe_meta(name).factory != STOCK_FACTORY or not isinstance(stock, Lemmatizer) \
                or stock.mode != "rule" or stock.overwrite:
            continue
        stock(Doc(nlp.vocab, words=["x"], pos=["NOUN"]))  # the stock checks its tables on a first call
        index_as_sets(stock)
        nlp.replace_pipe(name, FACTORY).use(stock)


def index_as_sets(stock: Lemmatizer) -> None:
    """The stock's known base forms per part of speech (its `lemma_index` table) as frozensets: the stock
    only asks whether a form is among them, so the lemmas are the same."""
    if not stock.lookups.has_table(INDEX_TABLE):
        return
    table = stock.lookups.get_table(INDEX_TABLE)
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)

"""The token attributes the rule code reads, as plain Python lists, built once per document.

Every `doc[i]` and every step of `for token in doc` makes a new Python Token, and each `token.lemma_`,
`.pos_`, `.dep_` … asks the C struct and the StringStore again; the event and mention steps read the same
few attributes of every token several times per document. `token_table(doc)` reads them all with one
`Doc.to_array` call and keeps the table in `doc.user_data` (beside the sentences and the text), so a hot
loop indexes lists (`table.pos[i]`) and makes a Token only for the words it keeps. Each column becomes a
list on its first use only: a document pays for the columns its steps read.

The values are exactly the Token's: `table.lemma[i] == doc[i].lemma_`, `table.head[i] == doc[i].head.i`,
`table.whitespace[i] == doc[i].whitespace_` (a test checks every column against the Token attributes).
"""

from __future__ import annotations

import numpy
from spacy import attrs
from spacy.strings import StringStore
from spacy.tokens import Doc

TABLE_KEY = "extract.tokens"
COLUMNS = (attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.ENT_TYPE, attrs.ENT_IOB,
           attrs.HEAD, attrs.IDX, attrs.SPACY, attrs.IS_ALPHA, attrs.IS_SPACE, attrs.IS_PUNCT)
ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_IOB, HEAD, IDX, SPACY, IS_ALPHA, IS_SPACE, IS_PUNCT = range(len(COLUMNS))
IOB_NAMES = ("", "I", "O", "B")  # Token.ent_iob_ by the number Doc.to_array(ENT_IOB) gives
WHITESPACE = ("", " ")
MAX_REMEMBERED_STRINGS = 500_000  # string ids kept between documents (ids are hashes: the same in every Doc)

_strings: dict[int, str] = {}
_lowered: dict[int, str] = {}


_NAMED = {"text": ORTH, "lower": LOWER, "lemma": LEMMA, "pos": POS, "tag": TAG, "dep": DEP, "ent_type": ENT_TYPE}
_FLAGS = {"is_alpha": IS_ALPHA, "is_space": IS_SPACE, "is_punct": IS_PUNCT}


class TokenTable:
    """Column per attribute, row per token (index i is doc[i]); each column is a list, made on first use."""

    text: list[str]
    lower: list[str]  # Token.lower_
    lemma: list[str]  # Token.lemma_, as the model wrote it
    lemma_lower: list[str]  # Token.lemma_.lower()
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]  # Token.ent_type_
    ent_iob: list[str]  # Token.ent_iob_
    head: list[int]  # Token.head.i
    idx: list[int]  # Token.idx
    whitespace: list[str]  # Token.whitespace_
    is_alpha: list[bool]
    is_space: list[bool]
    is_punct: list[bool]

    def __init__(self, doc: Doc) -> None:
        self._values = doc.to_array(list(COLUMNS)) if len(doc) else numpy.zeros((0, len(COLUMNS)), dtype="uint64")
        self._store = doc.vocab.strings

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> list:
        """A column not made yet: made now and kept as an attribute (so this runs once per column)."""
        if name.startswith("_"):
            raise AttributeError(name)
        column = self._column(name)
        setattr(self, name, column)
        return column

    def _column(self, name: str) -> list:
        if name in _NAMED:
            return self._names(_NAMED[name])
        if name in _FLAGS:
            return self._values[:, _FLAGS[name]].astype(bool).tolist()
        if name == "lemma_lower":
            return self._lowered_names(self._ids(LEMMA))
        if name == "ent_iob":
            return [IOB_NAMES[v] for v in self._ids(ENT_IOB)]
        if name == "head":  # to_array gives head.i - i
            return (self._values[:, HEAD].astype(numpy.int64) + numpy.arange(len(self))).tolist()
        if name == "idx":
            return self._ids(IDX)
        if name == "whitespace":
            return [WHITESPACE[v] for v in self._ids(SPACY)]
        raise AttributeError(f"a TokenTable has no column {name!r}")

    def _ids(self, column: int) -> list[int]:
        return self._values[:, column].tolist()

    def _names(self, column: int) -> list[str]:
        """The strings of a column's ids, each distinct id looked up in the StringStore once per process."""
        ids = self._ids(column)
        try:
            return list(map(_strings.__getitem__, ids))
        except KeyError:  # a word not met before
            _remember(ids, self._store)
            return list(map(_strings.__getitem__, ids))

    def _lowered_names(self, ids: list[int]) -> list[str]:
        _remember(ids, self._store)
        lowered = _lowered
        for value in set(ids).difference(lowered):
            lowered[value] = _strings[value].lower()
        return list(map(lowered.__getitem__, ids))


def token_table(doc: Doc) -> TokenTable:
    """The table of `doc`, made on the first call only (a Doc is not changed after the model ran)."""
    cached = doc.user_data.get(TABLE_KEY)
    if cached is None:
        cached = doc.user_data[TABLE_KEY] = TokenTable(doc)
    return cached


def _remember(ids: list[int], store: StringStore) -> None:
    if len(_strings) > MAX_REMEMBERED_STRINGS:
        _strings.clear()
        _lowered.clear()
    known = _strings
    for value in ids:
        if value not in known:
            known[value] = store[value]

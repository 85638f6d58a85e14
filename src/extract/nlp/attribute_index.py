"""The model's attribute_ruler with its one-token exact-value patterns answered from a table.

spaCy's Matcher tries every pattern at every token; with en_core_web_sm's 179 attribute-ruler patterns
that costs about as much as the parser. Most of them ask one token for exact values (`{"TAG": "NN"}`,
`{"LOWER": "gets", "TAG": "VBZ"}`, `IN` lists): a dictionary look-up per token answers those. The others
that only test the token's values (several tokens, NOT_IN, REGEX) are tried where their first token
passes; what has operators or other attributes stays with a Matcher. Every token's first-token answers
are remembered by its values. The matches are then sorted and written by the stock AttributeRuler code,
so the annotations are the stock ones, for any model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product
from operator import itemgetter
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

FACTORY = "extract_indexed_attribute_ruler"
STOCK_FACTORY = "attribute_ruler"
# The pattern attributes a table can answer, and the Doc.to_array column that holds each one's value as
# the Matcher compares it (a string id; 0 or 1 for a flag).
TABLE_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "TAG": "TAG", "DEP": "DEP", "IS_SPACE": "IS_SPACE"}

MAX_REMEMBERED_ROWS = 200_000  # distinct (word, tag, dependency …) rows whose matches are kept
Table = dict[tuple[str, ...], dict[tuple[int, ...], list[int]]]  # columns -> their values -> match ids
Check = tuple[str, str, Any]  # (column, "in" | "not_in" | "regex", a set of ids or a compiled regex)
Sequence = tuple[int, tuple[tuple[Check, ...], ...]]  # (match id, the checks of each token in turn)


def table_values(token_pattern: dict[str, Any]) -> tuple[tuple[str, ...], list[tuple[int, ...]]] | None:
    """(columns, the rows of values at those columns that match), or None when a table cannot say: an
    attribute or operator other than an exact value or an IN list, or ORTH and TEXT together."""
    checks = token_checks(token_pattern)
    if not checks or any(kind != "in" for _, kind, _ in checks):
        return None
    ordered = sorted(checks, key=itemgetter(0))
    columns = tuple(column for column, _, _ in ordered)
    if len(set(columns)) < len(columns):
        return None
    return columns, list(product(*(sorted(values) for _, _, values in ordered)))


def token_checks(token_pattern: dict[str, Any]) -> tuple[Check, ...] | None:
    """The checks of one token's values that the Matcher would make, or None when the token asks for
    something else (an operator, another attribute or predicate)."""
    checks = []
    for attr, value in token_pattern.items():
        column = TABLE_ATTRS.get(attr)
        if column is None:
            return None
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            checks.append((column, "in", frozenset({int(value)})))
        elif isinstance(value, str):
            checks.append((column, "in", frozenset({get_string_id(value)})))
        elif isinstance(value, dict) and len(value) == 1 and list(value)[0] in ("IN", "NOT_IN") \
                and isinstance(value[list(value)[0]], list) and all(isinstance(v, str) for v in value[list(value)[0]]):
            operator = list(value)[0]
            checks.append((column, operator.lower(), frozenset(get_string_id(v) for v in value[operator])))
        elif isinstance(value, dict) and list(value) == ["REGEX"] and isinstance(value["REGEX"], str):
            checks.append((column, "regex", re.compile(value["REGEX"])))
        else:
            return None
    return tuple(checks)


def split_patterns(keyed: Iterable[tuple[str, list[list[dict[str, Any]]]]]
                   ) -> tuple[Table, list[Sequence], dict[str, list]]:
    """(table, sequences, patterns left for a Matcher by key). A key goes to the table when all its patterns
    are single tokens that a table can answer, else to the sequences when all its tokens only test their
    values, else to the Matcher: each key's matches come from one place."""
    table: Table = {}
    sequences: list[Sequence] = []
    rest: dict[str, list] = {}
    for key, patterns in keyed:
        match_id = get_string_id(key)
        answers = [table_values(p[0]) if len(p) == 1 else None for p in patterns]
        if not patterns or any(a is None for a in answers):
            checks = [tuple(token_checks(t) for t in p) for p in patterns]
            if patterns and all(p and None not in p for p in checks):
                sequences.extend((match_id, tokens) for tokens in checks)  # type: ignore[misc]
            else:
                rest[key] = patterns
            continue
        for columns, rows in filter(None, answers):
            by_value = table.setdefault(columns, {})
            for row in rows:
                ids = by_value.setdefault(row, [])
                if match_id not in ids:
                    ids.append(match_id)
    return table, sequences, rest


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler whose `match` gives the stock matches faster (see the module's docstring)."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Callable | None = None) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._lookup: Lookup | None = None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._lookup is None or self._lookup.source != (id(self.matcher), len(self.attrs)):
            self._lookup = self._build_lookup()  # after patterns were added (or cleared)
        lookup = self._lookup
        found = lookup.matcher(doc, allow_missing=True, as_spans=False) if len(lookup.matcher) else []
        sequences: set[tuple[int, int, int]] = set()  # two patterns of one key may match the same tokens
        if lookup.attrs and len(doc):
            rows = list(map(tuple, doc.to_array(list(lookup.attrs)).tolist()))
            strings = doc.vocab.strings  # what a REGEX reads, as the Matcher does
            for i, row in enumerate(rows):
                match_ids, starts = lookup.by_row.get(row) or lookup.first_token(row, strings)
                found.extend((match_id, i, i + 1) for match_id in match_ids)
                for match_id, tokens in starts:
                    end = i + len(tokens)
                    if end <= len(rows) and all(passes(t, rows[i + j], strings) for j, t in enumerate(tokens) if j):
                        sequences.add((match_id, i, end))
        # sorted by the pattern's number, so later rules have precedence (as AttributeRuler.match does)
        return sorted((int(self.vocab.strings[m_id]), m_id, s, e) for m_id, s, e in found + list(sequences))

    def _build_lookup(self) -> Lookup:
        keys = [str(i) for i in range(len(self.attrs))]
        table, sequences, rest = split_patterns((key, self.matcher.get(key)[1]) for key in keys)
        attrs = tuple(sorted({a for group in table for a in group}
                             | {column for _, tokens in sequences for checks in tokens for column, *_ in checks}))
        groups = [(_getter([attrs.index(a) for a in group]), by_value) for group, by_value in table.items()]
        indexed = [(match_id, tuple(tuple((attrs.index(column), kind, value) for column, kind, value in checks)
                                    for checks in tokens)) for match_id, tokens in sequences]
        matcher = Matcher(self.vocab, validate=False)
        for key, patterns in rest.items():
            matcher.add(key, patterns)
        return Lookup((id(self.matcher), len(self.attrs)), attrs, groups, indexed, matcher)


@dataclass(frozen=True)
class Lookup:
    """How an IndexedAttributeRuler finds its matches, built from its patterns (`source` tells which)."""

    source: tuple[int, int]  # the ruler's Matcher and its number of patterns when this was built
    attrs: tuple[str, ...]  # the Doc.to_array columns the table and the sequences read
    groups: list[tuple[Callable[[tuple[int, ...]], tuple[int, ...]], dict[tuple[int, ...], list[int]]]]
    sequences: list[tuple[int, tuple[tuple[tuple[int, str, Any], ...], ...]]]  # checks by column index
    matcher: Matcher  # the patterns that neither can answer
    by_row: dict[tuple[int, ...], tuple[tuple[int, ...], tuple]] = field(default_factory=dict)  # remembered

    def first_token(self, row: tuple[int, ...], strings: StringStore) -> tuple[tuple[int, ...], tuple]:
        """(the ids of the table's patterns that a token with these column values matches, each once; the
        sequences whose first token it passes), remembered for the next token with the same values."""
        ids = tuple(dict.fromkeys(i for values_of, table in self.groups for i in table.get(values_of(row), ())))
        starts = tuple(s for s in self.sequences if passes(s[1][0], row, strings))
        if len(self.by_row) >= MAX_REMEMBERED_ROWS:
            self.by_row.clear()
        self.by_row[row] = (ids, starts)
        return ids, starts


def passes(checks: tuple[tuple[int, str, Any], ...], row: tuple[int, ...], strings: StringStore) -> bool:
    """What the Matcher's predicates say of one token's values (a row of ids)."""
    for column, kind, value in checks:
        if kind == "regex":
            if not value.search(strings[row[column]]):
                return False
        elif (row[column] in value) != (kind == "in"):
            return False
    return True


def _getter(columns: list[int]) -> Callable[[tuple[int, ...]], tuple[int, ...]]:
    """A row's values at `columns`, always as a tuple (itemgetter gives a bare value for one column)."""
    if len(columns) == 1:
        column = columns[0]
        return lambda row: (row[column],)
    return itemgetter(*columns)


@Language.factory(FACTORY, default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Callable | None) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def index_attribute_rulers(nlp: Language) -> None:
    """Swap each enabled stock attribute_ruler of `nlp` for an IndexedAttributeRuler with the same patterns."""
    for name in list(nlp.pipe_names):
        if nlp.get_pipe_meta(name).factory != STOCK_FACTORY:
            continue
        stock = nlp.get_pipe(name)
        patterns = stock.patterns
        indexed = nlp.replace_pipe(name, FACTORY, config={"validate": False})
        indexed.add_patterns(patterns)

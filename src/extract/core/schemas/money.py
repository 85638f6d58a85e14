"""The model of rules/money.json: what babel cannot decide about currencies and amounts."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from babel.core import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from pydantic import AfterValidator

from extract.core.schemas.base import NonEmpty, RuleModel


def _locale(name: str) -> str:
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"{name!r} is not a babel locale") from None
    return name


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(list_currencies())


def _code(code: str) -> str:
    if code not in _codes():
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


LocaleName = Annotated[NonEmpty, AfterValidator(_locale)]
Code = Annotated[str, AfterValidator(_code)]
Number = int | float


class BabelLocales(RuleModel):
    note: str = ""
    symbol_locales: list[LocaleName]
    name_locales: list[LocaleName]


class CodeDefaults(RuleModel):
    note: str = ""
    defaults: dict[NonEmpty, Code]


class PrefixedSymbols(RuleModel):
    note: str = ""
    symbols: dict[NonEmpty, Code]


class Scales(RuleModel):
    note: str = ""
    powers_of_ten: dict[NonEmpty, int]


class WrittenNumbers(RuleModel):
    note: str = ""
    words: dict[NonEmpty, Number]
    fractions: dict[NonEmpty, Number]
    fraction_connectors: list[NonEmpty]
    articles: list[NonEmpty]
    conjunctions: list[NonEmpty]


class Qualifiers(RuleModel):
    note: str = ""
    approximate: list[NonEmpty]
    max: list[NonEmpty]
    min: list[NonEmpty]


class Ranges(RuleModel):
    note: str = ""
    separators: list[NonEmpty]
    openers: list[NonEmpty]
    opened_separators: list[NonEmpty]


class PerUnit(RuleModel):
    note: str = ""
    markers: list[NonEmpty]
    article_units: list[NonEmpty]
    aliases: dict[NonEmpty, NonEmpty]
    words: dict[NonEmpty, NonEmpty]


class MoneyFile(RuleModel):
    note: str = ""
    babel: BabelLocales
    ambiguous_symbols: CodeDefaults
    ambiguous_names: CodeDefaults
    prefixed_symbols: PrefixedSymbols
    scales: Scales
    written_numbers: WrittenNumbers
    qualifiers: Qualifiers
    ranges: Ranges
    per_unit: PerUnit

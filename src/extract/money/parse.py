"""Read one money expression ("approximately $4.5 million per project") from a short span of text.

Currency symbols, ISO codes and names come from babel; the few curated choices (ambiguous-symbol
defaults, scale words, qualifier phrases, ...) come from ``rules/money.json``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterable, Mapping

from babel.core import Locale
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies, list_currencies

from extract.core.schemas import MoneyFile, load_rule_file
from extract.core.settings import Settings

# currency_source values, most specific first: when a span names its currency twice the first kind wins
SOURCES = ("code", "prefixed-symbol", "symbol", "name", "context", "ambiguous-symbol-default", "")
_MAX_DIGITS = 30  # longer digit strings are not amounts (and would overflow Decimal arithmetic)
_QUALIFIER_WINDOW = 80  # characters before an expression searched for one qualifier phrase


@dataclass(frozen=True)
class Money:
    text: str  # the money expression itself, without qualifier or per-unit words
    start: int  # offsets of `text` in the string given to parse_money
    end: int
    amount: Decimal  # for a range, the lower bound
    amount_max: Decimal | None  # for a range, the upper bound
    currency: str  # ISO 4217 code, or "" if unknown
    currency_source: str  # one of SOURCES
    approximate: bool  # "about", "nearly", ...
    bound: str  # "max" ("up to"), "min" ("more than") or ""
    per: str  # unit of a per-unit phrase after the expression ("per project" -> "project"), or ""


@dataclass(frozen=True, eq=False)  # hashed by identity, so that compiled grammars are cached per rules object
class MoneyRules:
    symbol_locales: tuple[str, ...]
    name_locales: tuple[str, ...]
    ambiguous_symbols: Mapping[str, str]
    ambiguous_names: Mapping[str, str]
    prefixed_symbols: Mapping[str, str]
    scales: Mapping[str, int]  # lower-cased word -> power of ten
    number_words: Mapping[str, Decimal]
    fractions: Mapping[str, Decimal]  # "quarter" -> 0.25
    fraction_connectors: tuple[str, ...]  # "of" of "a quarter of a billion"
    articles: tuple[str, ...]
    conjunctions: tuple[str, ...]
    qualifiers: Mapping[str, tuple[str, ...]]  # "approximate" / "max" / "min" -> phrases
    range_separators: tuple[str, ...]
    range_openers: tuple[str, ...]  # "between" in "between $3 and $4 million"
    opened_separators: tuple[str, ...]  # separators allowed only after an opener ("and")
    per_markers: tuple[str, ...]
    per_article_units: tuple[str, ...]
    per_aliases: Mapping[str, str]
    per_words: Mapping[str, str]


def load_money_rules(path: Path) -> MoneyRules:
    """Read a money rules file (see rules/money.json), validated by its schema (see extract.core.schemas)."""
    data = load_rule_file(Path(path), MoneyFile)
    low: Callable[[Iterable[str]], tuple[str, ...]] = lambda xs: tuple(x.lower() for x in xs)  # noqa: E731
    lowmap = lambda d: MappingProxyType({k.lower(): v for k, v in d.items()})  # noqa: E731
    written, per, qualifiers, ranges = data.written_numbers, data.per_unit, data.qualifiers, data.ranges
    return MoneyRules(
        symbol_locales=tuple(data.babel.symbol_locales), name_locales=tuple(data.babel.name_locales),
        ambiguous_symbols=MappingProxyType(dict(data.ambiguous_symbols.defaults)),
        ambiguous_names=lowmap(data.ambiguous_names.defaults),
        prefixed_symbols=MappingProxyType(dict(data.prefixed_symbols.symbols)),
        scales=lowmap(data.scales.powers_of_ten),
        number_words=lowmap({k: Decimal(str(v)) for k, v in written.words.items()}),
        fractions=lowmap({k: Decimal(str(v)) for k, v in written.fractions.items()}),
        fraction_connectors=low(written.fraction_connectors),
        articles=low(written.articles), conjunctions=low(written.conjunctions),
        qualifiers=MappingProxyType({"approximate": low(qualifiers.approximate), "max": low(qualifiers.max),
                                     "min": low(qualifiers.min)}),
        range_separators=low(ranges.separators), range_openers=low(ranges.openers),
        opened_separators=low(ranges.opened_separators), per_markers=low(per.markers),
        per_article_units=low(per.article_units), per_aliases=lowmap(per.aliases),
        per_words=lowmap(per.words),
    )


@lru_cache(maxsize=1)
def default_money_rules() -> MoneyRules:
    """money.json from the configured rules directory (``Settings.rules_dir``)."""
    return load_money_rules(Settings().rules_dir / "money.json")


@dataclass(frozen=True)
class CurrencyIndex:
    """What babel says: all ISO codes, and the current currencies each symbol or English name can mean."""

    codes: frozenset[str]
    symbols: Mapping[str, frozenset[str]]
    names: Mapping[str, frozenset[str]]  # lower-cased names and their last words ("us dollars", "dollars")
    heads: Mapping[str, str]  # last word of a name -> its singular form ("dollars" -> "dollar")


def _clean_name(name: str) -> str:
    return " ".join(re.sub(r"\(.*?\)", " ", name).lower().split())


@lru_cache(maxsize=8)
def currency_index(symbol_locales: tuple[str, ...], name_locales: tuple[str, ...]) -> CurrencyIndex:
    """Symbols and names of the currencies that are legal tender somewhere (built once per locale set)."""
    territories = Locale.parse("en").territories
    current = {c for t in territories for c in get_territory_currencies(t, start_date=date.max, tender=True)}
    symbols: defaultdict[str, set[str]] = defaultdict(set)
    names: defaultdict[str, set[str]] = defaultdict(set)
    heads: dict[str, str] = {}
    for code in sorted(current):
        for locale in symbol_locales:
            symbol = get_currency_symbol(code, locale)
            if symbol != code and not (len(symbol) == 1 and symbol.isascii() and symbol.isalpha()):
                symbols[symbol].add(code)  # one-letter symbols ("R") are too ambiguous to look for
        for locale in name_locales:
            singular = _clean_name(get_currency_name(code, 1, locale))
            for form in {singular, _clean_name(get_currency_name(code, 2, locale))} - {code.lower()}:
                names[form].add(code)
                names[form.split()[-1]].add(code)
                heads[form.split()[-1]] = singular.split()[-1]
    frozen = lambda d: MappingProxyType({k: frozenset(v) for k, v in d.items()})  # noqa: E731
    return CurrencyIndex(frozenset(list_currencies()), frozen(symbols), frozen(names), MappingProxyType(heads))


_NO_LETTER_BEFORE, _NO_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
# thousands separated by commas, a plain number, or a decimal comma ("4,5"; never three digits: "4,500")
_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?)"
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_NUMBER_AND_REST = re.compile(r"([\d,]+(?:\.\d+)?)\s*(.*)", re.S)


def _alt(phrases: Iterable[str], ignore_case: bool = False) -> str:
    """Alternation of literal phrases, longest first; letters at either end must be word edges.

    Phrases of one length with the same edges share one pair of edge checks ("(?<!…)(?:USD|EUR)(?!…)"):
    phrases of one length that match at the same place match the same text, so their order does not
    matter, and the pattern is a third as long (it is compiled in every worker process).
    """
    phrases, parts = set(phrases), []
    groups: dict[tuple[int, bool, bool], list[str]] = defaultdict(list)
    for phrase in sorted(phrases):
        groups[(len(phrase), phrase[0].isalpha(), phrase[-1].isalpha())].append(
            re.escape(phrase).replace(r"\ ", r"\s+"))
    for (_, letter_first, letter_last), group in sorted(groups.items(), key=lambda g: g[0], reverse=True):
        body = group[0] if len(group) == 1 else f"(?:{'|'.join(group)})"
        parts.append((_NO_LETTER_BEFORE if letter_first else "") + body + (_NO_LETTER_AFTER if letter_last else ""))
    if not parts:
        return "(?!)"
    first = "".join(sorted({re.escape(phrase[0]) for phrase in phrases}))  # a cheap look before the alternation
    return f"(?{'i' if ignore_case else ''}:(?=[{first}])(?:{'|'.join(parts)}))"


@dataclass(frozen=True)
class _Grammar:
    single: re.Pattern[str]  # [currency] amount [currency]
    range: re.Pattern[str]  # [currency] amount separator [currency] amount [currency]
    opened_range: re.Pattern[str]  # the same with a separator that needs an opener before it ("and")
    opener: re.Pattern[str]  # a range opener at the end of the text before an expression
    qualifier: re.Pattern[str]  # one qualifier phrase at the end of the text before an expression
    per: re.Pattern[str]  # a per-unit phrase at the start of the text after an expression
    index: CurrencyIndex
    symbols: Mapping[str, frozenset[str]]  # babel's symbols with the curated ones added


@lru_cache(maxsize=8)
def _grammar(rules: MoneyRules) -> _Grammar:
    index = currency_index(rules.symbol_locales, rules.name_locales)
    symbols = {**index.symbols, **{s: frozenset({c}) for s, c in rules.prefixed_symbols.items()}}
    symbols.update({s: symbols.get(s, frozenset()) | {c} for s, c in rules.ambiguous_symbols.items()})
    long_scale = _alt((w for w in rules.scales if len(w) > 1), True)
    scale = rf"(?:\s*{long_scale}|(?<=\d){_alt((w for w in rules.scales if len(w) == 1), True)})"
    number = _alt([*rules.number_words, *rules.fractions], True)
    conjunction = _alt([*rules.conjunctions, *rules.fraction_connectors], True)
    article = rf"{_alt(rules.articles, True)}(?=[\s-]+(?:{number}|{long_scale}))"
    written = rf"(?:{number}|{article})(?:[\s-]+(?:{conjunction}[\s-]+)?(?:{number}|{long_scale}|{article}))*"
    amount = rf"(?:{_DIGITS}{scale}?|{written})"
    pre = _alt([*symbols, *index.codes])
    head = rf"(?:(?P<pre>{pre})\s*)?(?P<lo>{amount})"
    tail = rf"(?:\s*(?P<post>(?:{pre}|{_alt(index.names, True)})(?!\s*\d)))?"
    separator = rf"\s*{_alt(rules.range_separators, True)}\s*"
    qualifiers = "|".join(f"(?P<{kind}>{_alt(phrases, True)})" for kind, phrases in rules.qualifiers.items())
    per = (rf"\s*{_alt(rules.per_markers, True)}\s*(?P<unit>[^\W\d_]+)"
           rf"|\s+{_alt(rules.articles, True)}\s+(?P<article_unit>{_alt(rules.per_article_units, True)})"
           rf"|\s*(?P<word>{_alt(rules.per_words, True)})")
    return _Grammar(
        single=re.compile(head + tail),
        range=re.compile(rf"{head}{separator}(?:(?P<pre2>{pre})\s*)?(?P<hi>{amount}){tail}"),
        opened_range=re.compile(rf"{head}\s*{_alt(rules.opened_separators, True)}\s*(?:(?P<pre2>{pre})\s*)?"
                                rf"(?P<hi>{amount}){tail}"),
        opener=re.compile(rf"{_alt(rules.range_openers, True)}\s*\Z"),
        qualifier=re.compile(rf"(?:{qualifiers})\s*\Z"), per=re.compile(per), index=index,
        symbols=MappingProxyType(symbols),
    )


@dataclass(frozen=True)
class _Amount:
    value: Decimal
    scale: int | None  # power of ten of the last scale word of a thousand or more, if any


def _written(tokens: list[str], rules: MoneyRules) -> _Amount | None:
    """'twenty-five thousand', 'half a billion', 'one and a half million', 'three quarters of a billion'."""
    total, current, scale, from_article = Decimal(0), None, None, False
    previous = ""
    for token in tokens:
        if token in rules.articles:
            current, from_article = (Decimal(1), True) if current is None else (current, from_article)
        elif token in rules.number_words:
            value = rules.number_words[token]
            current, from_article = (value if current is None or from_article else current + value), False
        elif token in rules.fractions:
            value = rules.fractions[token]
            if current is not None and previous in rules.number_words:
                current *= value  # "three quarters"
            else:
                current = value if current is None or from_article else current + value
            from_article = False
        elif token in rules.fraction_connectors:
            if previous not in rules.fractions:
                return None
        elif token in rules.scales and current is not None:
            power = rules.scales[token]
            if power < 3:
                current *= 10**power
            else:
                total, current, scale = total + current * 10**power, None, power
        elif token not in rules.conjunctions:
            return None
        previous = token
    value = total + (current or 0)
    return _Amount(value, scale) if value else None


def _amount(text: str, rules: MoneyRules) -> _Amount | None:
    match = _NUMBER_AND_REST.fullmatch(text)
    if match is None:
        return _written(re.findall(r"[^\W\d_]+", text.lower()), rules)
    if len(match[1]) > _MAX_DIGITS:
        return None
    scale = rules.scales.get(match[2].lower()) if match[2] else None
    number = match[1].replace(",", ".") if _DECIMAL_COMMA.fullmatch(match[1]) else match[1].replace(",", "")
    return _Amount(Decimal(number) * 10 ** (scale or 0), scale)


def _bounds(match: re.Match[str], rules: MoneyRules) -> tuple[_Amount, _Amount | None] | None:
    """The amount(s) of a match; a range's lower end borrows the upper end's scale ('€3-4 million')."""
    low = _amount(match["lo"], rules)
    if low is None or "hi" not in match.re.groupindex:
        return None if low is None else (low, None)
    high = _amount(match["hi"], rules)
    if high is None:
        return None
    if low.scale is None and high.scale is not None and low.value <= high.value / 10**high.scale:
        low = _Amount(low.value * 10**high.scale, high.scale)
    if (low.scale is not None and high.scale is None) or low.value > high.value:
        return None  # '$4m - 2019' is not a range
    return low, high


def _symbol_source(symbol: str, rules: MoneyRules) -> str:
    """'US$', 'HK$', 'CN¥', 'C$' are an ambiguous symbol with a country prefix."""
    if symbol in rules.prefixed_symbols or any(s != symbol and s in symbol for s in rules.ambiguous_symbols):
        return "prefixed-symbol"
    return "symbol"


def _resolve(mention: str, grammar: _Grammar, rules: MoneyRules, context: str) -> tuple[str, str]:
    """(currency, currency_source) for one currency mention."""
    if mention in grammar.index.codes:
        return mention, "code"
    if mention in grammar.symbols:
        codes, default = grammar.symbols[mention], rules.ambiguous_symbols.get(mention)
        source, default_source = _symbol_source(mention, rules), "ambiguous-symbol-default"
    else:
        key = " ".join(mention.lower().split())
        codes, source = grammar.index.names.get(key, frozenset()), "name"
        default, default_source = rules.ambiguous_names.get(grammar.index.heads.get(key, key)), "name"
    if len(codes) == 1 and default is None:
        return next(iter(codes)), source
    if context in codes:
        return context, "context"
    return (default, default_source) if default else ("", "")


def _currency(match: re.Match[str], grammar: _Grammar, rules: MoneyRules, context: str) -> tuple[str, str]:
    mentions = [match[g] for g in ("pre", "pre2", "post") if g in match.re.groupindex and match[g]]
    readings = [_resolve(m, grammar, rules, context) for m in mentions]
    readings = readings or [(context, "context" if context else "")]
    return min(readings, key=lambda reading: SOURCES.index(reading[1]))


def _qualifiers(before: str, grammar: _Grammar) -> tuple[bool, str]:
    """approximate / bound from the phrases right before the expression (the nearest bound wins)."""
    approximate, bound = False, ""
    while (match := grammar.qualifier.search(before, max(0, len(before) - _QUALIFIER_WINDOW))) is not None:
        approximate = approximate or match["approximate"] is not None
        bound = bound or next((kind for kind in ("max", "min") if match[kind] is not None), "")
        before = before[: match.start()]
    return approximate, bound


def _per(after: str, grammar: _Grammar, rules: MoneyRules) -> str:
    match = grammar.per.match(after)
    if match is None or match["word"]:
        return rules.per_words[match["word"].lower()] if match else ""
    unit = (match["unit"] or match["article_unit"]).lower()
    return rules.per_aliases.get(unit, unit)


def format_amount(value: Decimal) -> str:
    """Plain decimal string: no exponent, no trailing zeros ("4500000", "1.25")."""
    return format(value.normalize(), "f")


def _read(match: re.Match[str], text: str, grammar: _Grammar, rules: MoneyRules, context: str) -> Money | None:
    if (bounds := _bounds(match, rules)) is None:
        return None
    low, high = bounds
    named = any(match[g] for g in ("pre", "pre2", "post") if g in match.re.groupindex)
    if not named and low.scale is None and (high is None or high.scale is None):
        return None  # a bare number ("16 institutions") is not money
    currency, source = _currency(match, grammar, rules, context)
    approximate, bound = _qualifiers(text[: match.start()], grammar)
    return Money(
        text=match[0], start=match.start(), end=match.end(), amount=Decimal(format_amount(low.value)),
        amount_max=Decimal(format_amount(high.value)) if high else None, currency=currency,
        currency_source=source, approximate=approximate, bound=bound,
        per=_per(text[match.end():], grammar, rules),
    )


def parse_money(text: str, context_currency: str = "", rules: MoneyRules | None = None) -> Money | None:
    """The first money expression in `text`, or None. `context_currency` (an ISO code, e.g. the
    country's) is used when the text names no currency, or an ambiguous one ("$") that can mean it."""
    rules = rules or default_money_rules()
    grammar = _grammar(rules)
    if context_currency and context_currency not in grammar.index.codes:
        raise ValueError(f"context_currency {context_currency!r} is not an ISO 4217 code (e.g. 'EUR')")
    position = 0
    while (match := grammar.single.search(text, position)) is not None:
        wider = grammar.range.match(text, match.start())  # '€3-4 million', but not 'twenty-five thousand'
        if grammar.opener.search(text, max(0, match.start() - 20), match.start()):  # 'between $3 and $4m'
            wider = grammar.opened_range.match(text, match.start()) or wider
        found = None
        if wider is not None and wider.end() > match.end():
            found = _read(wider, text, grammar, rules, context_currency)
        found = found or _read(match, text, grammar, rules, context_currency)
        if found is not None:
            return found
        position = match.start() + 1
    return None

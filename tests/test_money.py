"""Tests for extract.money.parse: example tables grouped by kind, data-integrity checks, and properties."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.core.errors import RuleFileError
from extract.money.parse import (
    SOURCES,
    Money,
    MoneyRules,
    _alt,
    currency_index,
    format_amount,
    load_money_rules,
    parse_money,
)


@pytest.fixture(scope="module")
def rules_path(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.rootpath) / "rules" / "money.json"


@pytest.fixture(scope="module")
def rules(rules_path: Path) -> MoneyRules:
    return load_money_rules(rules_path)


def _case(span: str, context: str = "", /, **expected: Any) -> Any:
    return pytest.param(span, context, expected, id=f"{span}|{context}" if context else span)


def _check(result: Money | None, expected: dict[str, Any]) -> None:
    assert result is not None
    for field, value in expected.items():
        value = Decimal(value) if field in ("amount", "amount_max") and value is not None else value
        assert getattr(result, field) == value, field


SYMBOLS = [
    _case("€4 million", text="€4 million", start=0, amount="4000000", currency="EUR", currency_source="symbol"),
    _case("US$40 billion", amount="40000000000", currency="USD", currency_source="prefixed-symbol"),
    _case("C$ 12.5 million", text="C$ 12.5 million", amount="12500000", currency="CAD", currency_source="prefixed-symbol"),
    _case("A$1bn", amount="1000000000", currency="AUD", currency_source="prefixed-symbol"),
    _case("HK$3", amount="3", currency="HKD", currency_source="prefixed-symbol"),
    _case("S$5m", amount="5000000", currency="SGD", currency_source="prefixed-symbol"),
    _case("₩500 billion", amount="500000000000", currency="KRW", currency_source="symbol"),
    _case("500 €", text="500 €", amount="500", currency="EUR", currency_source="symbol"),
    _case("1,000€ fine", text="1,000€", amount="1000", currency="EUR"),
    _case("500 kr", text="500 kr", amount="500", currency="SEK", currency_source="ambiguous-symbol-default"),
]

CODES = [
    _case("EUR 4m", text="EUR 4m", amount="4000000", currency="EUR", currency_source="code"),
    _case("JPY 250m", amount="250000000", currency="JPY", currency_source="code"),
    _case("USD 1.5 billion", amount="1500000000", currency="USD", currency_source="code"),
    _case("EUR4m", amount="4000000", currency="EUR", currency_source="code"),
    _case("1.5 billion USD", text="1.5 billion USD", currency="USD", currency_source="code"),
    _case("$4.5 million USD", currency="USD", currency_source="code"),
]

NAMES = [
    _case("4 million euros", text="4 million euros", amount="4000000", currency="EUR", currency_source="name"),
    _case("400 billion yen", amount="400000000000", currency="JPY", currency_source="name"),
    _case("500 kronor", amount="500", currency="SEK", currency_source="name"),
    _case("1,234.56 dollars", amount="1234.56", currency="USD", currency_source="name"),
    _case("2.5 trillion won", amount="2500000000000", currency="KRW", currency_source="name"),
    _case("5 US dollars", amount="5", currency="USD", currency_source="name"),
    _case("4 million Swedish kronor", currency="SEK", currency_source="name"),
    _case("3 million Canadian dollars", currency="CAD", currency_source="name"),
    _case("10 million pounds", currency="GBP", currency_source="name"),
    _case("10 million shillings", currency="", currency_source=""),
    _case("10 million shillings", "KES", currency="KES", currency_source="context"),
]

SCALES = [
    _case("£1.2bn", amount="1200000000", currency="GBP"),
    _case("$5k", amount="5000"),
    _case("$5K", amount="5000"),
    _case("$4M", amount="4000000"),
    _case("$4 mln", amount="4000000"),
    _case("$4mn", amount="4000000"),
    _case("4mm dollars", amount="4000000"),
    _case("$2 bln", amount="2000000000"),
    _case("$3tn", amount="3000000000000"),
    _case("$3 trn", amount="3000000000000"),
    _case("€1.25 Trillion", amount="1250000000000"),
    _case("Rs 20 crore", amount="200000000", currency="INR", currency_source="ambiguous-symbol-default"),
    _case("Rs 5 lakh", amount="500000", currency="INR"),
    _case("$1,234,567.89", amount="1234567.89"),
    _case("around 400 billion", text="400 billion", start=7, amount="400000000000", currency="", currency_source=""),
    _case("around 400 billion", "EUR", currency="EUR", currency_source="context", approximate=True),
    _case("a million", amount="1000000", currency=""),
]

WRITTEN = [
    _case("four million euros", text="four million euros", amount="4000000", currency="EUR"),
    _case("twenty-five thousand pounds", amount="25000", amount_max=None, currency="GBP"),
    _case("a million dollars", amount="1000000", currency="USD"),
    _case("half a billion dollars", amount="500000000"),
    _case("a half million dollars", amount="500000"),
    _case("one and a half million euros", amount="1500000"),
    _case("a quarter of a billion dollars", amount="250000000", currency="USD"),
    _case("three quarters of a billion euros", amount="750000000", currency="EUR"),
    _case("a quarter million dollars", amount="250000"),
    _case("one hundred and fifty thousand euros", amount="150000"),
    _case("a hundred dollars", amount="100"),
    _case("Four Million Euros", amount="4000000", currency="EUR"),
    _case("ninety-nine cents or 2 dollars", text="2 dollars", amount="2"),
]

RANGES = [
    _case("€3–4 million", text="€3–4 million", amount="3000000", amount_max="4000000", currency="EUR"),
    _case("$3 to $4 million", text="$3 to $4 million", amount="3000000", amount_max="4000000", currency="USD"),
    _case("€3m-€4m", amount="3000000", amount_max="4000000"),
    _case("$3.5 - 4bn", amount="3500000000", amount_max="4000000000"),
    _case("three to four million euros", amount="3000000", amount_max="4000000", currency="EUR"),
    _case("3 to 4 million euros", amount="3000000", amount_max="4000000", currency="EUR"),
    _case("$300,000 to $1 million", amount="300000", amount_max="1000000"),
    _case("$4m - 2019", text="$4m", amount="4000000", amount_max=None),
    _case("$5-3", text="$5", amount="5", amount_max=None),
    _case("between $3 and $4 million", text="$3 and $4 million", amount="3000000", amount_max="4000000"),
    _case("between €3m and €4m", amount="3000000", amount_max="4000000", currency="EUR"),
    _case("between 3 and 4 million euros", amount="3000000", amount_max="4000000", currency="EUR"),
    _case("$3 and $4 million", text="$3", amount="3", amount_max=None),
    _case("between 2019 and 2020 it paid $5m", text="$5m", amount="5000000", amount_max=None),
]

DECIMAL_COMMA = [
    _case("€ 4,5 millions", text="€ 4,5 millions", amount="4500000", currency="EUR"),
    _case("4,50 €", amount="4.5", currency="EUR"),
    _case("4,500 euros", amount="4500", currency="EUR"),
    _case("$1,234,567", amount="1234567"),
]

QUALIFIERS = [
    _case("approximately $4.5 million", text="$4.5 million", start=14, end=26, approximate=True, bound=""),
    _case("up to ¥250 million", text="¥250 million", start=6, bound="max", approximate=False),
    _case("Up To $5M", text="$5M", bound="max"),
    _case("at most €2m", bound="max"),
    _case("no more than €2m", bound="max"),
    _case("more than $4m", bound="min"),
    _case("over $4m", bound="min"),
    _case("at least 5 million euros", bound="min", text="5 million euros"),
    _case("about $4m", approximate=True),
    _case("some 400 billion yen", text="400 billion yen", start=5, approximate=True),
    _case("nearly £1bn", approximate=True),
    _case("roughly £1bn", approximate=True),
    _case("almost £1bn", approximate=True),
    _case("close to £1bn", approximate=True),
    _case("~$4bn", text="$4bn", start=1, approximate=True),
    _case("up to approximately $4m", approximate=True, bound="max"),
    _case("awesome $4m", approximate=False),
    _case("$4m", approximate=False, bound=""),
]

PER_UNIT = [
    _case("up to ¥250 million per project", text="¥250 million", per="project", bound="max"),
    _case("€4m a year", text="€4m", per="year"),
    _case("€4m per year", per="year"),
    _case("€4m per annum", per="year"),
    _case("€4m annually", per="year"),
    _case("$5 per share", per="share"),
    _case("$5/share", per="share"),
    _case("$5 a month", per="month"),
    _case("$5 a piece of cake", per=""),
    _case("$5 million grant", per=""),
]

AMBIGUOUS = [
    _case("$5m", currency="USD", currency_source="ambiguous-symbol-default"),
    _case("$5m", "CAD", currency="CAD", currency_source="context"),
    _case("$5m", "EUR", currency="USD", currency_source="ambiguous-symbol-default"),
    _case("¥5m", currency="JPY", currency_source="ambiguous-symbol-default"),
    _case("¥5m", "CNY", currency="CNY", currency_source="context"),
    _case("kr 500", currency="SEK", currency_source="ambiguous-symbol-default"),
    _case("kr 500", "NOK", currency="NOK", currency_source="context"),
    _case("£5m", currency="GBP", currency_source="ambiguous-symbol-default"),
    _case("US$5m", "CAD", currency="USD", currency_source="prefixed-symbol"),
    _case("5 million dollars", "AUD", currency="AUD", currency_source="context"),
    _case("€5m", "USD", currency="EUR", currency_source="symbol"),
]

FIRST_OF_SEVERAL = [
    _case("16 institutions and €4 million (approximately $4.5 million) in", text="€4 million", start=20, currency="EUR"),
    _case("a $4 million grant", text="$4 million", start=2),
]

NO_MONEY = ["", "16 institutions", "four", "a quarter", "the third quarter", "$", "2019-2020", "in 2019", "12.5%", "million", "4 per cent", "US dollars",
            "$" + "9" * 40]


GROUPS = {
    "symbol": SYMBOLS, "code": CODES, "name": NAMES, "scale": SCALES, "written": WRITTEN, "range": RANGES,
    "decimal-comma": DECIMAL_COMMA,
    "qualifier": QUALIFIERS, "per": PER_UNIT, "ambiguous": AMBIGUOUS, "first": FIRST_OF_SEVERAL,
}
CASES = [pytest.param(*case.values, id=f"{group}: {case.id}") for group, cases in GROUPS.items() for case in cases]


@pytest.mark.parametrize(("text", "context", "expected"), CASES)
def test_parse_money(text: str, context: str, expected: dict[str, Any], rules: MoneyRules) -> None:
    _check(parse_money(text, context, rules), expected)


@pytest.mark.parametrize("text", NO_MONEY, ids=lambda t: (t or "<empty>")[:20])
def test_no_money(text: str, rules: MoneyRules) -> None:
    assert parse_money(text, rules=rules) is None
    assert parse_money(text, "EUR", rules) is None


def test_default_rules_come_from_settings() -> None:
    result = parse_money("about €4m a year")
    assert result is not None and (result.currency, result.approximate, result.per) == ("EUR", True, "year")


def test_unknown_context_currency_is_rejected(rules: MoneyRules) -> None:
    with pytest.raises(ValueError, match="'XYZ'"):
        parse_money("$5", "XYZ", rules)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("4.5", "4500000"), ("1.25", "1.25"), ("1.50", "1.5"), ("4E+6", "4000000"), ("0", "0"), ("4500000.0", "4500000")],
)
def test_format_amount(value: str, expected: str) -> None:
    scaled = Decimal(value) * 10**6 if value == "4.5" else Decimal(value)
    assert format_amount(scaled) == expected


def test_amounts_are_plain(rules: MoneyRules) -> None:
    result = parse_money("$4.5 million", rules=rules)
    assert result is not None and str(result.amount) == "4500000"


# -- the rules file -------------------------------------------------------------------------------


def test_rules_file_loads(rules: MoneyRules) -> None:
    assert rules.ambiguous_symbols["$"] == "USD"
    assert rules.scales["bn"] == 9


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "money.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["top", "scales"])
def test_unknown_key_is_rejected(where: str, rules_path: Path, tmp_path: Path) -> None:
    data = json.loads(rules_path.read_text(encoding="utf-8"))
    (data if where == "top" else data["scales"])["surprise"] = 1
    path = _write(tmp_path, data)
    with pytest.raises(RuleFileError, match="unknown key 'surprise'; allowed:") as err:
        load_money_rules(path)
    assert "surprise" in str(err.value) and str(path) in str(err.value)
    assert ("qualifiers" if where == "top" else "powers_of_ten") in str(err.value)  # the allowed keys are listed


def test_missing_key_is_rejected(rules_path: Path, tmp_path: Path) -> None:
    data = json.loads(rules_path.read_text(encoding="utf-8"))
    del data["qualifiers"]["max"]
    with pytest.raises(RuleFileError, match="qualifiers.max: missing required key"):
        load_money_rules(_write(tmp_path, data))


def test_bad_currency_code_is_rejected(rules_path: Path, tmp_path: Path) -> None:
    data = json.loads(rules_path.read_text(encoding="utf-8"))
    data["ambiguous_symbols"]["defaults"]["$"] = "usd"
    with pytest.raises(RuleFileError, match=r"ambiguous_symbols.defaults\['\$'\]: 'usd' is not an ISO 4217 currency code"):
        load_money_rules(_write(tmp_path, data))


def test_wrong_value_type_is_rejected(rules_path: Path, tmp_path: Path) -> None:
    data = json.loads(rules_path.read_text(encoding="utf-8"))
    data["scales"]["powers_of_ten"]["million"] = "6"
    with pytest.raises(RuleFileError, match="scales.powers_of_ten.million: input should be a valid integer"):
        load_money_rules(_write(tmp_path, data))


def test_prefixed_symbols_do_not_contradict_babel(rules: MoneyRules) -> None:
    """Curated prefixed symbols are only those babel lacks (or agrees with)."""
    index = currency_index(rules.symbol_locales, rules.name_locales)
    for symbol, code in rules.prefixed_symbols.items():
        assert index.symbols.get(symbol, frozenset({code})) == frozenset({code}), symbol


def test_ambiguous_defaults_are_among_babel_candidates(rules: MoneyRules) -> None:
    index = currency_index(rules.symbol_locales, rules.name_locales)
    for head, code in rules.ambiguous_names.items():
        assert code in index.names[head], head
    for symbol, code in rules.ambiguous_symbols.items():
        assert code in index.codes, symbol
        babel_codes = index.symbols.get(symbol, frozenset())
        assert len(babel_codes) < 2 or code in babel_codes, f"{symbol}: babel says {sorted(babel_codes)}"


# -- properties -----------------------------------------------------------------------------------

MONEYISH = st.lists(
    st.sampled_from(
        ["$", "€", "£", "¥", "US$", "kr", "EUR", "4", "4.5", "1,234", "million", "bn", "m", "k", "-", "–", "to",
         "a", "half", "twenty", "five", "and", "euros", "won", "per", "year", "about", "up to", "(", " ", ",", "."]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), MONEYISH), context=st.sampled_from(["", "EUR", "CAD"]))
def test_parse_money_never_raises_and_offsets_match(text: str, context: str, rules: MoneyRules) -> None:
    result = parse_money(text, context, rules)
    if result is not None:
        assert text[result.start : result.end] == result.text
        assert result.currency_source in SOURCES
        assert result.bound in ("", "max", "min")
        assert result.amount_max is None or result.amount_max >= result.amount


PHRASES = ["US$", "US", "$", "USD", "EUR", "Rs", "rs", "R$", "dollar", "us dollars", "dollars", "euro", "€", "HK$",
           "zł", "million", "m", "bn"]


def _longest_first(phrases: list[str]) -> str:
    """The plain alternation `_alt` stands for: every phrase with its own edge checks, longest first."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        part = re.escape(phrase).replace(r"\ ", r"\s+")
        parts.append(("(?<![^\\W\\d_])" if phrase[0].isalpha() else "") + part
                     + ("(?![^\\W\\d_])" if phrase[-1].isalpha() else ""))
    return f"(?:{'|'.join(parts)})"


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PHRASES + [" ", "x", "4", "-", "  ", "dollarx"]), max_size=12).map("".join),
       ignore_case=st.booleans())
def test_alternation_with_shared_edge_checks_matches_as_the_plain_one(text: str, ignore_case: bool) -> None:
    flags = re.I if ignore_case else 0
    plain = re.compile(_longest_first(PHRASES), flags)
    shared = re.compile(_alt(PHRASES, ignore_case))
    assert [m.span() for m in shared.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [bool(shared.match(text, i)) and shared.match(text, i).end() for i in range(len(text))] == \
        [bool(plain.match(text, i)) and plain.match(text, i).end() for i in range(len(text))]

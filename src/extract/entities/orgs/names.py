"""The shape of an organisation's name: acronyms and their long forms, company forms, tickers.

Pure functions over text; the word lists (company forms, stock exchanges) come from
rules/org_filters.json through EntityRules.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from extract.core.words import alternation

ACRONYM_DEF = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
TICKER = r"[A-Z][A-Z0-9]{0,5}(?:\.[A-Z0-9]{1,3})?"
QUOTE_CHANGE = r"\s+[-+−–]?\s?\d+(?:\.\d+)?\s?%"  # "AAPL -1.00%", "BIDU 1.40 %"


def initials_match(acronym: str, long_form: str) -> bool:
    """Loose check: the acronym's letters appear in order, the first at a word start."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = [w for w in re.split(r"[\s\-]+", long_form) if w]
    if not letters or not words or words[0][0].lower() != letters[0]:
        return False
    position, flat = 0, " ".join(words).lower()
    for letter in letters:
        position = flat.find(letter, position)
        if position == -1:
            return False
        position += 1
    return True


def long_form_before(acronym: str, before: str) -> str | None:
    """Schwartz & Hearst (2003): the shortest end of `before` (at most min(|A| + 5, 2|A|) words) whose
    characters contain the acronym's letters and digits in order, the first one starting a word."""
    words = before.split()
    window = " ".join(words[-min(len(acronym) + 5, 2 * len(acronym)):])
    chars = [c.lower() for c in acronym if c.isalnum()]
    if not chars or not window:
        return None
    s_index, l_index = len(chars) - 1, len(window) - 1
    while s_index >= 0:
        c = chars[s_index]
        while l_index >= 0 and (window[l_index].lower() != c
                                or (s_index == 0 and l_index > 0 and window[l_index - 1].isalnum())):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = window.rfind(" ", 0, l_index + 1) + 1
    found = window[start:]
    return found if len(found.split()) >= 1 and found != acronym else None


@lru_cache(maxsize=8)
def _designator_pattern(designators: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?:\s?,)?[ \t]+{alternation(designators)}(?![\w&])(?:[ \t]?\.(?![\w.]))?")


def abbreviations(designators: Iterable[str]) -> frozenset[str]:
    """Company forms that are written with a full stop somewhere in the list ("Inc" because of "Inc.")."""
    forms = set(designators)
    return frozenset(f for f in forms if not f.endswith(".") and f + "." in forms)


def designator_end(text: str, end: int, designators: tuple[str, ...]) -> int:
    """Where a name ending at `end` really ends once a company form after it is included ("Acme, Inc.");
    `end` itself when none follows. A name that already ends in an abbreviation takes its full stop."""
    match = _designator_pattern(designators).match(text, end)
    if match:
        return match.end()
    last = re.search(r"(\S+)$", text[max(0, end - 12):end])
    stop = re.match(r"[ \t]?\.(?![\w.])", text[end:end + 3])
    if last and stop and last.group(1) in abbreviations(designators):
        return end + stop.end()
    return end


@lru_cache(maxsize=8)
def exchange_ticker_pattern(exchanges: tuple[str, ...], markets: tuple[str, ...]) -> re.Pattern[str]:
    """ "(NYSE: ABC)", "( NASDAQ Other : ABCD )", "(OTC: ABCD - news)": an exchange (an organisation) or a
    market (not one) and a ticker in brackets."""
    return re.compile(rf"\(\s*(?:(?P<ex>{alternation(exchanges)})|{alternation(markets)})(?:\s+Other)?"
                      rf"\s*:\s*(?P<tk>{TICKER})(?=\s*(?:[),;]|-\s*news))")


NAME_BEFORE = re.compile(r"(?:[A-Z][\w&'’]*(?:[ \t]\.[ \t]?[A-Z][a-z]+)?[ \t]){1,4}$")


def name_before(text: str, end: int, articles: frozenset[str]) -> tuple[int, int] | None:
    """The capitalised words that end right before `end` ("Acme Foods " of "Acme Foods (NYSE: AF)"),
    as (start, end) without the trailing space and any leading article; None when the word before is not
    capitalised."""
    match = NAME_BEFORE.search(text[max(0, end - 80):end])
    if not match:
        return None
    start = end - len(match.group())
    words = match.group().split()
    while words and words[0].lower() in articles:
        start = text.index(words[1], start) if len(words) > 1 else end
        words = words[1:]
    return (start, end - (len(match.group()) - len(match.group().rstrip()))) if words else None


def quote_inside(name: str) -> re.Match[str] | None:
    """A ticker and its price change inside a name span: "Acme AG ACM -0.49%", "ACM -0.11% Bolt Inc."."""
    return re.search(rf"(?:(?<=\s)|^)(?P<tk>{TICKER})(?P<change>{QUOTE_CHANGE})", name)


def repeated_halves(name: str) -> int | None:
    """ "Acme Hotel Acme Hotel" (a heading run into the text): the offset where the second copy starts."""
    words = name.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return name.index(words[half], len(" ".join(words[:half])))
    return None


def conjoined_names(name: str, org_words: Iterable[str]) -> tuple[int, int] | None:
    """ "Acme Capital and Brix Partners": two names joined by "and" / "&", each ending in an organisation
    word; (end of the first, start of the second) or None."""
    words = set(org_words)
    for match in re.finditer(r"\s+(?:and|&)\s+", name):
        first, second = name[:match.start()].split(), name[match.end():].split()
        if (len(first) >= 2 and len(second) >= 2 and first[-1].lower() in words and second[-1].lower() in words
                and second[0][:1].isupper()):
            return match.start(), match.end()
    return None
def quote_ticker_after(text: str, end: int) -> tuple[int, int] | None:
    """ "Acme Inc. ACME -1.2%": the ticker written right after a company name, before its price change."""
    match = re.compile(rf"\s+(?P<tk>{TICKER})(?={QUOTE_CHANGE})").match(text, end)
    return (match.start("tk"), match.end("tk")) if match and any(c.isalpha() for c in match["tk"]) else None

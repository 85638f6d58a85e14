"""The words every match of a date pattern contains: a pattern is skipped only where it cannot match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import spans
from extract.dates.grammar import compiled_exclusions, compiled_patterns, scanned_patterns
from extract.dates.prefilter import ASCII_FOLDS, Presence, fold, required_literals, with_first_character

WORDS = ["May", "MAY", "may", "3", "2024", "1998", "Friday", "fri.", "the", "quarter", "third", "half", "years",
         "ago", "today's", "noon", "9", "a.m.", "EST", "mid-1990s", "spring", "Christmas Day", "every", "week",
         "aged", "old", "now", ",", ".", "-", "–", "of", "Expo", "SEPT", "Sept.", "30", "\u017fpring", "\u212aey"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)


@pytest.mark.parametrize("pattern, expected", [
    pytest.param(r"(?:jan(?:uary)?|feb)\s+\d+", {"jan", "january", "feb"}, id="words-of-a-group"),
    pytest.param(r"\d+\s+(?:quarter|half)", {"quarter", "half"}, id="after-a-class"),
    pytest.param(r"the\s+(?:fiscal\s+)?year", {"year"}, id="longest-required-word"),
    pytest.param(r"(?:now)?\d+", None, id="optional-words-only"),
    pytest.param(r"(?-i:May) \d|[Dd]ecember", {"may ", "ecember"}, id="a-class-is-no-letter"),
    pytest.param(r"May|\d+", None, id="a-branch-without-a-word"),
])
def test_required_literals(pattern, expected):
    found = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize("word, text", [("kelvin", "\u212aelvin"), ("istanbul", "\u0130stanbul"), ("spring", "\u017fpring")])
def test_letters_a_case_insensitive_match_takes_for_ascii_are_folded(word, text):
    regex = re.compile(word, re.IGNORECASE)
    assert regex.fullmatch(text) and fold(text) == word
    assert Presence(text).may_match(required_literals(regex))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_a_pattern_that_matches_is_never_skipped(text, lex):
    presence = Presence(text)
    for group in scanned_patterns(lex):
        for pattern, regex, literals in group:
            if regex.search(text):
                assert presence.may_match(literals), (pattern.id, text, literals)


@settings(max_examples=100, deadline=None)
@given(text=TEXTS)
def test_spans_are_those_of_every_pattern_run(text, lex):
    expected = spans.find_timex_spans(text, lex)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Presence, "may_match", lambda self, literals: True)
        assert spans.find_timex_spans(text, lex) == expected


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_the_first_character_look_ahead_finds_what_the_pattern_finds(text, lex):
    scanned = [regex for group in scanned_patterns(lex) for _, regex, _ in group]
    plain = [regex for _, regex in compiled_patterns(lex) + compiled_exclusions(lex)]
    for fast, regex in zip(scanned, plain):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in regex.finditer(text)], regex.pattern


@pytest.mark.parametrize("pattern, flags, ahead", [
    pytest.param(r"(?:the\s+)?(?:jan|feb)", re.I, "(?=(?-i:[FfJjTt\u0130\u0131\u017f\u212a]))", id="optional-then-words"),
    pytest.param(r"\bMay\b", 0, "(?=(?-i:[Mm\u0130\u0131\u017f\u212a]))", id="anchor-skipped"),
    pytest.param(r"(?i:may)", 0, "(?=(?-i:[Mm\u0130\u0131\u017f\u212a]))", id="case-ignored-inside-only"),
    pytest.param(r"[\d£]x|[a-c]", re.I, "(?=(?-i:[\\d£ABCabc\u0130\u0131\u017f\u212a]))", id="digits-ranges-symbols"),
    pytest.param(r"[éx]y", re.I, "(?=(?i:[xé]))", id="a-letter-beyond-ascii-keeps-ignoring-case"),
    pytest.param(r"(?:x)?", 0, "", id="may-match-nothing"),
    pytest.param(r"[^a]b", 0, "", id="negated-class"),
])
def test_with_first_character(pattern, flags, ahead):
    fast = with_first_character(re.compile(pattern, flags))
    assert fast.pattern == ahead + pattern
    assert [m.span() for m in fast.finditer("MAY may the feb x b cb")] == \
        [m.span() for m in re.finditer(pattern, "MAY may the feb x b cb", flags)]


ALL_CHARACTERS = "".join(map(chr, range(0x110000)))


def test_ascii_folds_are_every_character_beyond_ascii_a_case_insensitive_letter_takes():
    beyond = "".join(map(chr, range(0x80, 0x110000)))
    assert sorted(set(re.findall(r"[a-z]", beyond, re.IGNORECASE))) == sorted(ASCII_FOLDS)


def test_each_look_ahead_takes_every_character_its_case_insensitive_class_takes(lex):
    """Exhaustively, over every code point: the look-ahead (both cases, not ignoring case) never lets less
    through than the class ignoring case that it stands for."""
    plain = [regex for _, regex in compiled_patterns(lex) + compiled_exclusions(lex)]
    scanned = [regex for group in scanned_patterns(lex) for _, regex, _ in group]
    checked = set()
    for fast, regex in zip(scanned, plain):
        ahead = fast.pattern[:len(fast.pattern) - len(regex.pattern)]
        if not ahead or ahead in checked:
            continue
        checked.add(ahead)
        inner = re.fullmatch(r"\(\?=\(\?-i:(\[.*\])\)\)", ahead, re.S)
        assert inner, ahead
        items = inner.group(1)[1:-1]
        for c in ASCII_FOLDS:
            items = items.replace(c, "")
        ignoring = set(re.findall(f"(?i:[{items}])", ALL_CHARACTERS))  # the class as it was, ignoring case
        both = set(re.findall(inner.group(1), ALL_CHARACTERS))
        assert ignoring <= both, (ahead, sorted(ignoring - both)[:5])
    assert checked

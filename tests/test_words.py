"""The fast whole-word searches answer exactly as the regexes they stand for (no model)."""

import random
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.core.words import alternation, find_phrase, flat_alternation, prose_of, word_runs, writes_word
from extract.entities.orgs.cleaning import HYPHENS
from extract.entities.orgs.repeats import standalone_hits

ALPHABET = "aAbé1_-–.&@# ,()\n\u0307"


def _samples(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 3))),
             "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))) for _ in range(n)]


def test_writes_word_is_the_bounded_regex():
    for word, text in _samples(3000, 7):
        expected = bool(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
        assert writes_word(word, text) is expected, (word, text)
        assert writes_word(word, text, word_runs(text)) is expected, (word, text)


PHRASE_PIECES = ["Ann", "Lee", "Le", "e", "An", "-", "_", "x", "é", " ", "  ", "\n", "\t", "\u00a0", ".", "Ann-Lee"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=14),
       st.lists(st.sampled_from(["Ann", "Lee", "Le", "e", "An", "é", "Ann-Lee", "x."]), min_size=1, max_size=3))
@example(["Ann", " ", "Lee", " ", "Lee"], ["Lee"])
@example(["An", "Ann", " ", "\n", "Lee", "_"], ["Ann", "Lee"])
def test_find_phrase_finds_what_the_bounded_regex_finds(pieces, words):
    text = "".join(pieces)
    pattern = r"\s+".join(map(re.escape, words))
    expected = [m.span() for m in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text)]
    assert list(find_phrase(text, words)) == expected, (text, words)


def test_find_phrase_refuses_blank_words():
    for words in ([], [""], ["Ann Lee"]):
        try:
            list(find_phrase("Ann Lee", words))
        except ValueError:
            continue
        raise AssertionError(f"{words!r} accepted")


def test_standalone_hits_are_the_rule_regex_hits():
    for form, text in _samples(3000, 11):
        hyphens = re.escape(HYPHENS)
        pattern = rf"(?<![\w&.@#{hyphens}]){re.escape(form)}(?![\w&{hyphens}])"
        expected = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
        assert list(standalone_hits(form, text)) == expected, (form, text)


def test_brackets_and_commas_may_touch_a_repeated_name():
    text = "Acme Corp (Acme) said, Acme, and Acme. Not Acme-Beta or x.Acme"
    assert [text[s:e] + "@" + str(s) for s, e in standalone_hits("Acme", text)] == [
        "Acme@0", "Acme@11", "Acme@23", "Acme@33"]


def test_prose_leaves_addresses_out():
    prose = prose_of("Mail jane.roe@example.com or see www.jane.org; jane said so.")
    assert prose.writes("said") and not prose.writes("roe") and prose.writes("jane")
    assert not prose_of("Mail jane.roe@example.com today").writes("jane")


def test_alternation_longest_first_any_blanks_and_empty_matches_nothing():
    assert re.match(alternation(["sep", "sept"]), "sept").group() == "sept"
    assert re.fullmatch(alternation(["chief executive"]), "chief  executive")
    assert re.search(alternation([]), "anything") is None


WORD_CHARS = "aAbBsSſkK\u212a .-"
TEXT_CHARS = WORD_CHARS + "\t\n\u00a0x"
# what follows the alternation decides how far back the engine must go into it
CONTEXTS = ["{}", "{}b", "{}(?:\\s|$)", "x?{}a?b", "(?:{})+", "{}\\s+a", "(?:{}|ab)s"]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.text(WORD_CHARS, max_size=5), max_size=8),
       text=st.text(TEXT_CHARS, max_size=16), ignore_case=st.booleans(), context=st.sampled_from(CONTEXTS))
@example(words=["a  bss", "a b"], text="a  bss", ignore_case=False, context="{}")  # a double blank
@example(words=["SA", "sab"], text="sab", ignore_case=True, context="{}")  # words parting at "S" and "s"
@example(words=["\u017fa", "s"], text="sa", ignore_case=True, context="{}")  # ... at "ſ" and "s"
def test_alternation_matches_as_the_flat_longest_first_one(words, text, ignore_case, context):
    flags = re.I if ignore_case else 0
    tree = re.compile(context.format(alternation(words, case_sensitive=not ignore_case)), flags)
    flat = re.compile(context.format(flat_alternation(words)), flags)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert [m and m.end() for m in map(tree.match, [text] * len(text), range(len(text)))] == \
        [m and m.end() for m in map(flat.match, [text] * len(text), range(len(text)))]


def test_alternation_shares_beginnings_unless_cases_part():
    assert alternation(["sep", "sept", "may"]) == "(?:(?:may|sep(?:t)?))"
    assert alternation(["May", "may"]) == flat_alternation(["May", "may"])
    assert alternation(["May", "may"], case_sensitive=True) == "(?:(?:May|may))"

"""Arbitrary text thrown at every normaliser and at the document pipeline: no exception, valid offsets.

Strategies mix random unicode with the words the normalisers look for, so that the grammars are
reached and not only their early exits.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.core.documents import Document
from extract.dates.timex import Anchor, normalise_timex
from extract.ingest.pubdate import find_publication_date
from extract.ingest.reader import decode
from extract.money.parse import parse_money

WORDS = ["13", "May", "2025", "Friday", "last", "next", "week", "Q3", "the", "1990s", "noon", "since", "-", "to",
         "$", "€", "£", "USD", "3", "million", "bn", "about", "per", "year", ",", ".", "½", "２０２５", "\u200b",
         "\n", "\r\n", " ", "=", "'", "yesterday", "fiscal", "century", "3:30", "pm", "between", "and", "up to"]
PHRASES = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=14).map(" ".join)
TEXTS = st.one_of(st.text(max_size=200), PHRASES)
ANCHORS = st.builds(Anchor, reference=st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31))),
                    source=st.sampled_from(["published", "context", "none"]),
                    context=st.one_of(st.none(), st.dates()), context_granularity=st.sampled_from(["", "day", "month", "year"]))
FAST = hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=TEXTS, anchor=ANCHORS, tense=st.sampled_from([None, "past", "future"]))
@example(text="13 May 2025", anchor=Anchor(date(9999, 12, 31), "published"), tense="future")
@example(text="next week", anchor=Anchor(date(1, 1, 1), "published"), tense="past")
def test_normalise_timex_never_raises(lex, text: str, anchor: Anchor, tense: str | None):
    result = normalise_timex(text, anchor, lex, tense)
    assert result is None or isinstance(result.value, str)


@FAST
@given(text=TEXTS, context=st.sampled_from(["", "EUR", "USD", "JPY"]))
@example(text="$3-4 million", context="")
@example(text="€", context="EUR")
def test_parse_money_never_raises_and_offsets_are_valid(text: str, context: str):
    money = parse_money(text, context)
    if money is not None:
        assert 0 <= money.start <= money.end <= len(text)
        assert text[money.start:money.end] == money.text


@FAST
@given(text=st.one_of(TEXTS, st.lists(PHRASES, max_size=8).map("\n".join)))
@example(text="Tokyo, Tuesday, 31 February 2025.\nBody")
@example(text="\u2028 13 May 2025\u2029\x1c")
def test_find_publication_date_never_raises_and_offsets_are_valid(lex, text: str):
    found = find_publication_date(text, lex)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)


@FAST
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")),
                     st.text(max_size=100).map(lambda t: t.encode("utf-16", "surrogatepass"))))
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"\xff\xfe\x00\xd8")
def test_decode_never_raises(raw: bytes):
    text, encoding, error = decode(raw, "f.txt")
    assert isinstance(text, str) and isinstance(encoding, str)
    assert (error == "") == (text != "")
    assert error == "" or error.startswith("f.txt: ")


@pytest.mark.model
@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(min_size=1, max_size=300), PHRASES.filter(str.strip)),
       published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31))))
@example(text="Minister Jane Roe paid $3 million to Acme\u200bCorp on ２ May 2025.", published=date(2025, 5, 13))
def test_document_pipeline_never_raises_and_offsets_are_valid(settings, text: str, published: date | None):
    from extract.pipeline.process import process_batch
    from extract.pipeline.resources import worker_resources

    document = Document(doc_id="p", source="p.txt", text=text, published=published,
                        published_from="metadata" if published else "none")
    (result,) = process_batch([document], worker_resources(settings), max_chars=120)
    assert result.document.ok, result.document.error  # an analysis failure would be recorded here
    for r in result.mentions:
        assert 0 <= r.mention.start < r.mention.end <= len(text)
        assert text[r.mention.start:r.mention.end] == r.mention.text
    for group in list(result.people) + list(result.organisations):
        for m in group.mentions:
            assert text[m.start:m.end] == m.text
    for e in result.events:
        assert 0 <= e.start <= e.trigger_start < e.trigger_end <= e.end <= len(text)

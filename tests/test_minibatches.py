"""The model reads texts in minibatches bounded by characters as well as by count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.nlp.chunking import minibatches


def test_a_group_closes_at_the_count_or_the_characters():
    chunks = ["a" * 10, "b" * 10, "c" * 10, "d" * 25, "e"]
    assert list(minibatches(chunks, size=2, chars=100)) == [chunks[0:2], chunks[2:4], chunks[4:]]
    assert list(minibatches(chunks, size=10, chars=30)) == [chunks[0:3], [chunks[3], chunks[4]]]


def test_a_chunk_longer_than_the_budget_is_read_alone():
    assert list(minibatches(["x" * 50, "y", "z" * 60], size=32, chars=40)) == [["x" * 50], ["y"], ["z" * 60]]


@given(st.lists(st.text(max_size=30), max_size=40), st.integers(1, 8), st.integers(1, 60))
def test_groups_keep_every_chunk_in_order_within_both_limits(chunks, size, chars):
    groups = list(minibatches(chunks, size, chars))
    assert [c for g in groups for c in g] == chunks
    for group in groups:
        assert group and len(group) <= size
        assert len(group) == 1 or sum(map(len, group)) <= chars

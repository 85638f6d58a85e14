"""Newspapers, magazines, journals and news agencies, by the form of their name (GUIDELINES A3: always ORG).

"the Sydney Morning Herald", "The Deseret News", "the Saudi Gazette": "the", then capitalised words of which
the last is a publication's head word (rules/org_filters.json `publications.heads`); "the local Advertiser
newspaper": a capitalised name right before a publication noun (`publications.nouns_after`). The model reads
many of them as a place, an event, a work of art or nothing. Heading lines, where every word is capitalised,
are skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from extract.core.mention import Mention, without
from extract.core.schemas import PublicationRule
from extract.core.words import alternation
from extract.entities.name_context import heading_lines
from extract.entities.rules import EntityRules

WORD = r"[A-Z][\w&'’.-]*"
# labels a publication's name may hold inside it ("Saudi" of "the Saudi Gazette", "Sunday" of "the Sunday Times")
INNER_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "PRODUCT", "DATE")
# what the model reads in a noun's modifier that is no publication's name: "a Chinese newspaper"
NOT_NAMES = ("GPE", "LOC", "PERSON", "DATE", "TIME", "MONEY")
# a nationality or people the model read (NORP) by its ending: "Chinese", "British", "Indian", "Thai", "Swiss";
# the model also reads "Advertiser" as one
DEMONYM = re.compile(r"(?:an|ese|ish|i|ic|ch|ss|ek|ai)$")


@lru_cache(maxsize=4)
def _patterns(heads: tuple[str, ...], nouns: tuple[str, ...],
              articles: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    article = rf"(?i:{alternation(articles)})"
    headed = re.compile(rf"(?<![\w-]){article}[ \t]+(?P<name>(?:{WORD}[ \t]+){{1,3}}(?:{alternation(heads)}))"
                        rf"(?![\w&-]|[ \t]+(?:{WORD}|&))")
    before_noun = re.compile(rf"(?<![\w&'’.-])(?:{article}[ \t]+)?(?P<name>{WORD}(?:[ \t]+{WORD}){{0,2}})[ \t]+"
                             rf"(?:{alternation(nouns)})\b")
    return headed, before_noun


def add_publications(doc: Doc, mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """Each publication name found becomes an ORG, replacing the mentions inside it (not on heading lines, nor
    a name that starts with a title)."""
    rule = rules.publications
    if rule is None:
        return mentions
    headings = heading_lines(text)
    for start, end in _candidates(doc, text, rule, rules):
        if any(s <= start < e for s, e in headings) or text[start:end].split()[0].lower() in rules.title_words:
            continue
        clashing = [m for m in mentions if m.start < end and start < m.end]
        if all(start <= m.start and m.end <= end and m.label in INNER_LABELS for m in clashing) \
                and not any(m.label == "ORG" and (m.start, m.end) == (start, end) for m in clashing):
            mentions = without(mentions, clashing) + [Mention("ORG", start, end, text[start:end], rule.id)]
    return mentions


def _candidates(doc: Doc, text: str, rule: PublicationRule, rules: EntityRules) -> list[tuple[int, int]]:
    """The names ending in a head word, then those before a publication noun that hold no word the model read
    as a nationality, place, person or date ("a Chinese newspaper", "the Murdoch newspapers")."""
    headed, before_noun = _patterns(tuple(rule.heads), tuple(rule.nouns_after), tuple(sorted(rules.articles)))
    spans = [(hit.start("name"), hit.end("name")) for hit in headed.finditer(text)]
    for hit in before_noun.finditer(text):
        span = doc.char_span(hit.start("name"), hit.end("name"), alignment_mode="expand")
        if span is not None and not any(t.ent_type_ in NOT_NAMES or t.ent_type_ == "NORP" and DEMONYM.search(t.text)
                                        for t in span):
            spans.append((hit.start("name"), hit.end("name")))
    return spans

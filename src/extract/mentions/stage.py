"""From a parsed spaCy Doc to clean entity mentions.

The model's entities are trimmed to their true boundaries, then the rules listed in `mentions.rules`
(from `entities.orgs`, `entities.people` and `dates.spans`) drop what is not an entity and recover what the model missed.
Every changed or added mention names the rule that did it in `source`, and every rule that touched it
in `trace`; what a rule removed is returned too (`MentionResult.dropped`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc

from extract.core.mention import MENTION_LABELS, Dropped, Mention
from extract.dates import spans as date_mentions
from extract.dates.lexicon import TemporalLexicon
from extract.entities.orgs.cleaning import clean_org
from extract.entities.rules import EntityRules
from extract.mentions.lineage import settle
from extract.mentions.rules import MENTION_RULES, MentionContext
from extract.nlp.doc_text import doc_text

LABELS = MENTION_LABELS
LEADING_THE = re.compile(r"^the\s+", re.I)
TRAILING = " ,.;:)(\"'’“”-–/"
LEADING = " ,;:(\"'“”‘/"

__all__ = ["Mention", "MentionResult", "extract_mentions", "find_mentions", "LABELS"]


@dataclass(frozen=True)
class MentionResult:
    mentions: list[Mention]  # in text order, no two overlapping, each with its trace
    dropped: list[Dropped]  # what a rule removed, in the order the rules ran


def extract_mentions(doc: Doc, rules: EntityRules, lex: TemporalLexicon, model: str, text: str = "") -> list[Mention]:
    """`text` is the document as read (the Doc may have been parsed from a same-length cleaned copy)."""
    return find_mentions(doc, rules, lex, model, text).mentions


def find_mentions(doc: Doc, rules: EntityRules, lex: TemporalLexicon, model: str, text: str = "",
                  skip: frozenset[str] = frozenset()) -> MentionResult:
    """The mentions and what the rules dropped; `skip` names rules to leave out (to see what one does)."""
    text = text or doc_text(doc)
    mentions, dropped = _model_mentions(doc, rules, lex, model, text)
    context = MentionContext(doc, text, rules, lex)
    for rule in MENTION_RULES:
        if rule.id in skip:
            continue
        mentions, removed = settle(mentions, rule.apply(mentions, context), rule.id)
        dropped.extend(removed)
    mentions, removed = settle(mentions, _drop_overlaps(mentions), OVERLAP_FILTER)
    dropped.extend(removed)
    return MentionResult(sorted(mentions, key=lambda m: (m.start, m.end)), dropped)


def _model_mentions(doc: Doc, rules: EntityRules, lex: TemporalLexicon, model: str,
                    text: str) -> tuple[list[Mention], list[Dropped]]:
    """The model's entities of our labels, trimmed to their true boundaries and cleaned one by one."""
    mentions: list[Mention] = []
    dropped: list[Dropped] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        source = ent.id_ or model
        found = Mention(ent.label_, ent.start_char, ent.end_char, ent.text, source, trace=(source,))
        mention = _trim(found, text, lex)
        if mention is None:
            dropped.append(Dropped(found, "trim-empty"))
            continue
        if mention.label == "ORG" and _not_entities([mention], rules, dropped, whole_only=True):
            # listed page text ("Leave a Reply") goes whole; else cleaned first: "Acme Share" is cut, not dropped
            parts, reason = clean_org(mention, ent, text, rules)
            cleaned, removed = settle([mention], parts, reason or "org-clean")
            dropped.extend(removed)
            mentions.extend(_not_entities(cleaned, rules, dropped))
        elif _not_entities([mention], rules, dropped):
            if mention.label == "DATE":
                split, removed = settle([mention], date_mentions.split_date_list(mention, text, lex), "date-split-list")
                dropped.extend(removed)
                mentions.extend(split)
            else:
                mentions.append(mention)
    return mentions, dropped


def _not_entities(mentions: list[Mention], rules: EntityRules, dropped: list[Dropped],
                  whole_only: bool = False) -> list[Mention]:
    """The mentions no `not_entities` rule removes (with `whole_only`, by a listed whole text only); the
    removed ones go to `dropped`."""
    kept = []
    for m in mentions:
        rule = rules.not_entity_rule(m.text, m.label, whole_only)
        if rule:
            dropped.append(Dropped(m, rule))
        else:
            kept.append(m)
    return kept


def _trim(m: Mention, text: str, lex: TemporalLexicon) -> Mention | None:
    start, end = m.start, m.end
    if "\n" in text[start:end]:  # an entity never runs across a line break
        end = start + text[start:end].index("\n")
    while end > start and (text[end - 1] in TRAILING or unicodedata.category(text[end - 1]) in ("Co", "Cn", "Zs")):
        if text[end - 1] == "." and m.label in ("PERSON", "ORG") and re.search(r"\b[A-Z]\.$", text[start:end]):
            break
        end -= 1
    while start < end and text[start] in LEADING:
        start += 1
    lead = LEADING_THE.match(text[start:end])
    if lead and m.label in ("ORG", "PERSON", "PRODUCT", "GPE", "LOC", "MONEY"):
        start += lead.end()
    if m.label in ("DATE", "TIME"):
        words = sorted(lex.leading_words, key=len, reverse=True)
        lead_word = re.match(rf"(?:{'|'.join(map(re.escape, words))})\s+", text[start:end], re.I)
        if lead_word:
            start += lead_word.end()
    if m.label in ("PERSON", "ORG"):  # "Acme 's", "Jane Roe’s": the possessive is not part of the name
        end = start + len(re.sub(r"\s*['’]s$", "", text[start:end]).rstrip())
    if end <= start:
        return None
    return m.shifted(text, start, end)


OVERLAP_FILTER = "overlap-filter"


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """The longest span wins, then the earliest. The kept spans never overlap, so one sorted list of
    their starts answers "does this one touch a kept span?" with its two neighbours."""
    kept: list[Mention] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        i = bisect.bisect_left(starts, m.start)
        if (i < len(starts) and starts[i] < m.end) or (i > 0 and ends[i - 1] > m.start):
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        kept.append(m)
    return kept

"""From a parsed spaCy Doc to clean entity mentions.

The model's entities are trimmed to their true boundaries, then the rules of `entities.orgs.mentions`,
`entities.people.mentions` and `dates.spans` drop what is not an entity and recover what the model missed.
Every changed or added mention names the rule that did it in `source`.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc

from extract.core.mention import Mention, overlaps
from extract.dates import spans as date_mentions
from extract.dates.lexicon import TemporalLexicon
from extract.entities.orgs import evidence as org_evidence
from extract.entities.orgs import mentions as org_mentions
from extract.entities.people import mentions as person_mentions
from extract.entities.rules import EntityRules

LABELS = ("PERSON", "ORG", "GPE", "LOC", "DATE", "TIME", "MONEY")
LEADING_THE = re.compile(r"^the\s+", re.I)
TRAILING = " ,.;:)(\"'’“”-–/"
LEADING = " ,;:(\"'“”‘/"

__all__ = ["Mention", "extract_mentions", "LABELS"]


def extract_mentions(doc: Doc, rules: EntityRules, lex: TemporalLexicon, model: str, text: str = "") -> list[Mention]:
    """`text` is the document as read (the Doc may have been parsed from a same-length cleaned copy)."""
    text = text or doc.text
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        mention = _trim(Mention(ent.label_, ent.start_char, ent.end_char, ent.text, ent.id_ or model), text, lex)
        if mention is not None and mention.label == "ORG":  # cleaned first: "Acme Share" is cut, not dropped
            mentions.extend(m for m in org_mentions.clean_org(mention, ent, text, rules)
                            if not rules.not_entity_rule(m.text, m.label))
            continue
        if mention is None or rules.not_entity_rule(mention.text, mention.label):
            continue
        if mention.label == "DATE":
            mentions.extend(date_mentions.split_date_list(mention, text, lex))
        else:
            mentions.append(mention)
    return _apply_rules(doc, mentions, rules, lex, text)


def _apply_rules(doc: Doc, mentions: list[Mention], rules: EntityRules, lex: TemporalLexicon, text: str) -> list[Mention]:
    mentions = date_mentions.apply_date_rules(doc, mentions, lex, text)
    mentions = org_mentions.apply_org_rules(doc, mentions, rules, text)
    organisations = mentions
    mentions = person_mentions.apply_person_rules(doc, mentions, rules, text)
    mentions = org_evidence.settle_org_names(doc, mentions, rules, text, organisations)
    return sorted(_drop_overlaps(mentions), key=lambda m: (m.start, m.end))


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
    if lead and m.label in ("ORG", "PERSON", "GPE", "LOC", "MONEY"):
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


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not overlaps(m.start, m.end, kept):
            kept.append(m)
    return kept

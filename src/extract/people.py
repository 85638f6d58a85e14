"""People in one document: short forms linked to full names, roles read from the text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .entity_rules import EntityRules
from .mention import Mention

ROLE_CONNECTORS = {"of", "for", "and", "the", "to", "on", "&", "-", ","}


@dataclass(frozen=True)
class Person:
    person_id: str
    name: str
    role: str
    mentions: tuple[Mention, ...]


def clean_name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def name_key(text: str) -> str:
    """Case- and accent-insensitive key for matching names."""
    decomposed = unicodedata.normalize("NFKD", clean_name(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def group_people(mentions: list[Mention], doc: Doc, rules: EntityRules, doc_id: str) -> list[Person]:
    persons = [m for m in mentions if m.label == "PERSON"]
    clusters: list[list[Mention]] = []
    for m in sorted(persons, key=lambda m: (-len(clean_name(m.text).split()), m.start)):
        target = _cluster_for(m, clusters)
        if target is None:
            clusters.append([m])
        else:
            target.append(m)
    people = []
    for cluster in sorted(clusters, key=lambda c: min(m.start for m in c)):
        ordered = tuple(sorted(cluster, key=lambda m: m.start))
        name = max((clean_name(m.text) for m in ordered), key=lambda n: (len(n.split()), len(n)))
        roles = [r for r in (role_of(m, doc, rules) for m in ordered) if r]
        role = max(roles, key=len) if roles else ""
        people.append(Person(f"{doc_id}#P{len(people) + 1}", name, role, ordered))
    return people


def _cluster_for(m: Mention, clusters: list[list[Mention]]) -> list[Mention] | None:
    words = name_key(m.text).split()
    for cluster in clusters:
        full = name_key(max((x.text for x in cluster), key=len)).split()
        if words == full:
            return cluster
        if len(words) < len(full) and words and (words == full[-len(words):] or words == full[: len(words)]):
            return cluster
    return None


def role_of(m: Mention, doc: Doc, rules: EntityRules) -> str:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return ""
    for tokens in (_appositive_role(span, rules), _title_before(span, rules)):
        role = _tidy_role(tokens, rules)
        if role:
            return role
    return ""


def _has_title(tokens: list[Token], rules: EntityRules) -> bool:
    lowered = " ".join(t.lower_ for t in tokens)
    return any(re.search(rf"(?<![\w-]){re.escape(title)}(?![\w-])", lowered) for title in rules.titles)


def _appositive_role(span: Span, rules: EntityRules) -> list[Token]:
    """ "Henna Virkkunen, Executive Vice-President of …" / "Minister for X, Jane Roe" """
    root = span.root
    inside = set(range(span.start, span.end))
    if root.dep_ == "appos" and root.head.i not in inside:
        tokens = [t for t in root.head.subtree if t.i not in set(x.i for x in root.subtree)]
        if _has_title(tokens, rules) and tokens and tokens[-1].i < span.start:
            return tokens
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            tokens = list(child.subtree)
            if _has_title(tokens, rules):
                return tokens
    return []


def _title_before(span: Span, rules: EntityRules) -> list[Token]:
    """ "RIKEN President Makoto Gonokami", "Japan's Science and Technology Minister, Minoru Kiuchi" """
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    tokens: list[Token] = []
    while i >= 0:
        token = doc[i]
        if token.is_sent_start and not (token.is_title or token.is_upper):
            break
        if token.is_title or token.is_upper or token.lower_ in rules.titles or token.lower_ in ROLE_CONNECTORS \
                or token.text in ("'s", "’s"):
            if token.text == "," and tokens and tokens[0].lower_ not in rules.titles:
                break
            tokens.insert(0, token)
            if token.is_sent_start:
                break
            i -= 1
            continue
        break
    return tokens if _has_title(tokens, rules) else []


def _tidy_role(tokens: list[Token], rules: EntityRules) -> str:
    if not tokens:
        return ""
    for index, token in enumerate(tokens):  # drop the possessive owner: "Luxembourg's Minister …"
        if token.text in ("'s", "’s"):
            tokens = tokens[index + 1:]
            break
    while tokens and (tokens[0].ent_type_ in ("NORP", "GPE") or tokens[0].lower_ in ROLE_CONNECTORS
                      or tokens[0].lower_ in rules.honorifics):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in ROLE_CONNECTORS or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens or not _has_title(tokens, rules):
        return ""
    doc = tokens[0].doc
    return clean_name(doc.text[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)])

"""People in one document: short forms linked to full names, roles read from the text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from extract.core.mention import Mention
from extract.core.words import writes_word
from extract.entities.people.grouping import GenderCues, clean_name, cluster_people
from extract.entities.people.grouping import name_key as name_key  # re-exported: the key other stages match names by
from extract.entities.rules import EntityRules
from extract.nlp.doc_text import doc_text


@dataclass(frozen=True)
class Person:
    person_id: str
    name: str
    role: str
    mentions: tuple[Mention, ...]


def group_people(mentions: list[Mention], doc: Doc, rules: EntityRules, doc_id: str) -> list[Person]:
    persons = [m for m in mentions if m.label == "PERSON"]
    spans = (doc.char_span(m.start, m.end, alignment_mode="expand") for m in persons)
    person_tokens = frozenset(t.i for span in spans if span is not None for t in span)
    people = []
    clusters = cluster_people(persons, doc_text(doc), _gender_cues(rules))
    for cluster in sorted(clusters, key=lambda c: min(m.start for m in c)):
        ordered = tuple(sorted(cluster, key=lambda m: m.start))
        name = max((clean_name(m.text) for m in ordered), key=lambda n: (len(n.split()), len(n)))
        roles = [r for r in (role_of(m, doc, rules, person_tokens) for m in ordered) if r]
        role = max(roles, key=len) if roles else ""
        people.append(Person(f"{doc_id}#P{len(people) + 1}", name, role, ordered))
    return people


@lru_cache(maxsize=4)
def _gender_cues(rules: EntityRules) -> GenderCues:
    return GenderCues(rules.title_genders, {name_key(n): g for n, g in rules.given_name_genders.items()})


def role_of(m: Mention, doc: Doc, rules: EntityRules, persons: frozenset[int] = frozenset()) -> str:
    """The role written next to one mention: before it ("RIKEN President Makoto Gonokami", "Minister for X,
    Jane Roe") or in apposition after it ("Jane Roe, Executive Vice-President of …"). `persons` are the token
    indexes of the document's other people, where a role never reaches."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return ""
    others = persons - set(range(span.start, span.end))
    for tokens in (_role_before(span, rules, others), _role_after(span, rules, others)):
        role = _tidy_role(tokens, rules)
        if role:
            return role
    return ""


def _has_title(tokens: list[Token], rules: EntityRules) -> bool:
    lowered = " ".join(t.lower_ for t in tokens)
    return any(writes_word(title, lowered) for title in rules.titles)


def _role_word(token: Token, rules: EntityRules) -> bool:
    return token.is_title or token.is_upper or token.lower_ in rules.titles or _role_connector(token, rules)


def _reporting_word(token: Token, rules: EntityRules) -> bool:
    """ "According" of "According to analyst Jane Roe", "Said" of a headline: a reporting word, not a role."""
    return token.pos_ in ("VERB", "AUX", "ADP", "SCONJ") and token.lower_ not in rules.titles


def _role_connector(token: Token, rules: EntityRules) -> bool:
    """ "of", "and", "-", ",": joins the words of a role."""
    return token.lower_ in rules.connectors or token.text in rules.role_punctuation


def _role_before(span: Span, rules: EntityRules, persons: frozenset[int]) -> list[Token]:
    """Capitalised words, titles and connectors right before the name (a comma between them allowed); a
    comma inside the role only in a list before its title ("Minister of Education, Culture, Sports …")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i >= 0 and _role_connector(doc[i], rules):  # "… Democracy, and Jane Roe": no role ends in "and"
        return []
    tokens: list[Token] = []
    while i >= 0 and i not in persons and doc[i].text not in ("'s", "’s", "'", "’"):
        token = doc[i]
        if not _role_word(token, rules) or (token.text == "," and _has_title(tokens, rules)):
            break
        tokens.insert(0, token)
        if token.is_sent_start:
            break
        i -= 1
    return tokens


def _role_after(span: Span, rules: EntityRules, persons: frozenset[int]) -> list[Token]:
    """ "Jane Roe, Executive Vice-President of the X for A, B and C, and …": the apposition after a comma,
    up to a lower-case word, another person, or a comma not followed by a capitalised word."""
    doc = span.doc
    j = span.end
    if j >= len(doc) - 1 or doc[j].text != ",":
        return []
    tokens: list[Token] = []
    for token in doc[j + 1:]:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.i in persons or (token.text == "," and (following is None or following.i in persons
                                                          or not (following.is_title or following.is_upper))):
            break
        if not (_role_word(token, rules) or token.text in ("'s", "’s")):
            break
        tokens.append(token)
    return tokens


def _tidy_role(tokens: list[Token], rules: EntityRules) -> str:
    if not tokens:
        return ""
    for index, token in enumerate(tokens):  # drop the possessive owner: "Luxembourg's Minister …"
        if token.text in ("'s", "’s"):
            tokens = tokens[index + 1:]
            break
    while tokens and (tokens[0].ent_type_ in ("NORP", "GPE") or _role_connector(tokens[0], rules)
                      or tokens[0].lower_ in rules.honorifics or _reporting_word(tokens[0], rules)):
        tokens = tokens[1:]
    while tokens and (_role_connector(tokens[-1], rules) or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens or not _has_title(tokens, rules):
        return ""
    return clean_name(tokens[0].doc[tokens[0].i: tokens[-1].i + 1].text)  # not doc.text: it joins every token

"""In-document coreference for event participants: "he", "she", "it", "the company", "the police",
"the minister", "the student" -> the earlier person or organisation they stand for (rules/coreference.json).

A reference is resolved by rules over the parse, never by a model:

- it must agree: a person pronoun or noun takes a person, an organisation one an organisation; a
  gendered one ("she", "the father") a person of that gender or of unknown gender. A person's gender
  comes from a title before one of their mentions ("Mr", "Ms") or their first name (`given_names`).
- it takes the most salient agreeing name: sentence by sentence back from its own (where only names
  written before it count), a subject, else the first agreeing name of that sentence.
- a noun that must appear in the name ("the police") takes the last organisation whose name holds it;
  a role noun ("the minister") only a person introduced with that title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from spacy.tokens import Span, Token

from extract.core.schemas import load_rule_file
from extract.core.schemas.coreference import CoreferenceFile
from extract.nlp.doc_text import doc_text

SUBJECT_DEPS = ("nsubj", "nsubjpass")
DEFINITE = ("the", "this", "that")
SENTENCES_BACK = 3  # earlier sentences naming an agreeing entity that are looked in (within the window of names)
TITLE_WINDOW = 100  # characters before a name in which its title ("Minister …") is looked for
TITLE_GAP_WORDS = 3  # words allowed between the title and the name ("Minister for Digitalisation, X")
OPENING_QUOTE, CLOSING_QUOTE = "\u201c", "\u201d"
QUOTES = ('"', OPENING_QUOTE, CLOSING_QUOTE)
REPORTED_STEPS = 3  # clauses joined by "and" climbed to the one a reporting verb introduces


class NamedMention(Protocol):
    start: int
    end: int
    label: str
    name: str


@dataclass(frozen=True)
class Reference:
    """What a pronoun or description can stand for."""

    rule: str
    refers: str  # PERSON | ORG
    gender: str  # "" | male | female
    subject_only: bool = False
    name_word: str = ""  # the organisation's name must hold this word
    title: str = ""  # the person must have been introduced with this title


@dataclass(frozen=True, eq=False)
class Coreference:
    pronouns: dict[str, Reference]  # lower-case word -> reference
    nouns: dict[str, Reference]  # lower-case lemma -> reference
    titles: dict[str, str]  # lower-case title -> gender
    given_names: dict[str, str]  # first name -> gender
    control_verbs: frozenset[str] = frozenset()  # "persuade": its object does what its "to" complement says
    speaker_words: frozenset[str] = frozenset()  # "i", "me": inside a quotation, its speaker
    reported_words: frozenset[str] = frozenset()  # "it", "they": subject of a reported clause, the reporter
    empty_subject_verbs: frozenset[str] = frozenset()  # "be": "said it is likely that", an "it" for nobody
    acting_nouns: frozenset[str] = frozenset()  # "official", "funding": an organisation acts by or gives it
    agent_suffixes: tuple[str, ...] = ()  # "-er", "-ist": nouns for people ("hackers", "activists")
    not_agent_suffixes: tuple[str, ...] = ()  # "-ment": not ("document")

    def stands_for_someone(self, noun: Token) -> bool:
        """A noun for people or an organisation, or for what an organisation gives or does ("officials", "the
        company", "president", "hackers", "funding"): rules/coreference.json `acting_nouns` and `nouns`."""
        lemma = noun.lemma_.lower()
        agent = lemma.endswith(self.agent_suffixes) and not lemma.endswith(self.not_agent_suffixes)
        return lemma in self.acting_nouns or lemma in self.nouns or agent

    def reference(self, token: Token) -> Reference | None:
        """What `token` can stand for: a pronoun, or a definite noun of the lists; None for anything else."""
        if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
            return self.pronouns.get(token.lower_)
        if token.pos_ == "NOUN" and token.tag_ in ("NN", "NNS"):
            found = self.nouns.get(token.lemma_.lower())
            bare = not any(c.dep_ == "det" for c in token.children)  # "police arrested …"
            if found is None or not (definite(token) or (found.name_word and bare)):
                return None
            if found is not None and found.name_word:
                return Reference(found.rule, found.refers, found.gender, name_word=token.lemma_.lower())
            if found is not None and found.title:
                return Reference(found.rule, found.refers, found.gender, title=token.lemma_.lower())
            return found
        return None

    def resolve(self, token: Token, names: list[NamedMention], text: str) -> list[NamedMention]:
        """The name `token` stands for ([] when none agrees). `names`: the document's mentions before
        `token`, most recent first."""
        reference = self.reference(token)
        if reference is None:
            return []
        agreeing = [n for n in names if n.label == reference.refers or
                    (reference.refers == "ORG" and n.label != "PERSON")]
        if reference.name_word:
            word = re.compile(rf"\b{re.escape(reference.name_word)}\b", re.IGNORECASE)
            return [n for n in agreeing if word.search(n.name)][:1]
        if reference.title:
            return [n for n in agreeing if _introduced_as(reference.title, n, text)][:1]
        if reference.gender:
            agreeing = [n for n in agreeing if self.gender(n, names, text) in ("", reference.gender)]
        found = _salient(token, agreeing, reference.subject_only)
        return [found] if found is not None else []

    def gender(self, person: NamedMention, names: list[NamedMention], text: str) -> str:
        """male, female or "" from a title before any of the person's mentions, else the first name."""
        for mention in names:
            if mention.name == person.name:
                before = text[max(0, mention.start - 12):mention.start].split()
                if before and before[-1].lower() in self.titles:
                    return self.titles[before[-1].lower()]
        first = person.name.split()[0] if person.name.split() else ""
        return self.given_names.get(first, "")


def quote_speakers(token: Token, reporting_verbs: frozenset[str]) -> list[Token]:
    """The subjects of the reporting verb that tells the direct quotation `token` is in ("\"I tried,\" he
    said", "X said: \"I tried\""): outside the quotation, in the sentence it ends in, else the one it opens
    in, else the sentence before it; [] when the token is not quoted or no such verb is found."""
    doc = token.doc
    quote = _quote_around(doc_text(doc), token.idx)
    if quote is None:
        return []
    opening, closing = quote
    first, last = doc.char_span(opening, opening + 1, alignment_mode="expand"), \
        doc.char_span(closing, closing + 1, alignment_mode="expand")
    if first is None or last is None:
        return []
    sentences = [last[0].sent, first[0].sent]
    if first[0].sent.start > 0:
        sentences.append(doc[first[0].sent.start - 1].sent)
    for sentence in sentences:
        for verb in sentence:
            if verb.lemma_.lower() in reporting_verbs and verb.pos_ == "VERB" and not opening < verb.idx < closing:
                subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not opening < c.idx < closing]
                if subjects:
                    return subjects
    return []


def in_quotation(token: Token) -> bool:
    """The token is inside a direct quotation of its paragraph."""
    return _quote_around(doc_text(token.doc), token.idx) is not None


def reporter_subjects(token: Token, reporting_verbs: frozenset[str],
                      empty_subject_verbs: frozenset[str] = frozenset()) -> list[Token]:
    """The subjects of the reporting verb that introduces the clause `token` is the subject of ("GM said (that)
    it would cut jobs": GM; through "and": "said it had cut jobs and it would close a plant"); [] when the
    token is no subject, its clause is not reported or its verb is one of `empty_subject_verbs` ("said it is
    reasonable to assume": an empty "it")."""
    if token.dep_ not in SUBJECT_DEPS or token.head.lemma_.lower() in empty_subject_verbs:
        return []
    clause = token.head
    for _ in range(REPORTED_STEPS):
        verb = clause.head
        if clause.dep_ == "ccomp" and verb.pos_ == "VERB" and verb.lemma_.lower() in reporting_verbs:
            return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if clause.dep_ != "conj" or verb.i == clause.i:
            return []
        clause = verb
    return []


def _quote_around(text: str, position: int) -> tuple[int, int] | None:
    """The offsets of the quotation marks around `position` in its paragraph (straight or curly quotes)."""
    start = text.rfind("\n\n", 0, position) + 1
    end = text.find("\n\n", position)
    end = len(text) if end < 0 else end
    marks = [i for i in range(start, end) if text[i] in QUOTES]
    before = [i for i in marks if i < position]
    after = [i for i in marks if i > position]
    if not before or not after or len(before) % 2 == 0 or text[before[-1]] == CLOSING_QUOTE \
            or text[after[0]] == OPENING_QUOTE:
        return None
    return before[-1], after[0]


def definite(token: Token) -> bool:
    """Determined by "the", "this" or "that"."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


def _salient(token: Token, agreeing: list[NamedMention], subject_only: bool) -> NamedMention | None:
    """Sentence by sentence back from the reference's own (where only names before it count): a subject,
    else (unless `subject_only`) the first agreeing name of that sentence."""
    doc = token.doc
    by_sentence: dict[int, list[tuple[NamedMention, bool]]] = {}
    for name in agreeing:
        span = doc.char_span(name.start, name.end, alignment_mode="expand")
        if span is None:
            continue
        by_sentence.setdefault(span.root.sent.start, []).append((name, _is_subject(span)))
    own = token.sent.start
    starts = sorted((s for s in by_sentence if s <= own), reverse=True)
    for start in starts[:SENTENCES_BACK + 1]:
        found = sorted(by_sentence[start], key=lambda item: item[0].start)
        subject = next((name for name, is_subject in found if is_subject), None)
        if subject is not None:
            return subject
        if not subject_only and found:
            return found[0][0]
    return None


def _is_subject(span: Span) -> bool:
    """The name is a subject, or an apposition or conjunct of one ("Montalvo, 19, …, was arrested")."""
    token = span.root
    while token.dep_ in ("appos", "conj", "compound") and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def _introduced_as(title: str, name: NamedMention, text: str) -> bool:
    """ "Minister Obertin", "Minister for Digitalisation, Stéphanie Obertin", "X, the company's president"."""
    line_start = text.rfind("\n", 0, name.start) + 1
    before = text[max(line_start, name.start - TITLE_WINDOW):name.start]
    pattern = re.compile(rf"\b{re.escape(title)}\b((?:[ ,]+[\w'.-]+){{0,{TITLE_GAP_WORDS}}}?)[ ,]*$", re.IGNORECASE)
    if pattern.search(before):
        return True
    after = text[name.end:name.end + TITLE_WINDOW].split(".")[0]
    return re.match(rf"^,\s+(?:the|a|an|its|their|[\w'’]+'s?)?\s*(?:[\w-]+\s+){{0,3}}{re.escape(title)}\b",
                    after, re.IGNORECASE) is not None


@lru_cache(maxsize=4)
def load_coreference(rules_dir: Path) -> Coreference:
    """The rules of rules_dir/coreference.json, validated by its schema."""
    data = load_rule_file(rules_dir / "coreference.json", CoreferenceFile)
    pronouns = {w: Reference(p.id, p.refers, p.gender, p.subject_only) for p in data.pronouns for w in p.words}
    nouns: dict[str, Reference] = {}
    for noun in data.nouns:
        for lemma in noun.lemmas:
            nouns.setdefault(lemma, Reference(noun.id, noun.refers, noun.gender, name_word="*" if noun.name_word
                                              else "", title="*" if noun.titled else ""))
    titles = {w: t.gender for t in data.titles for w in t.words}
    given = {n: g.gender for g in data.given_names for n in g.names}
    acting = data.acting_nouns
    return Coreference(pronouns, nouns, titles, given, frozenset(data.control_verbs.lemmas),
                       frozenset(data.speaker_pronouns.words), frozenset(data.reported_pronouns.words),
                       frozenset(data.reported_pronouns.empty_subject_verbs),
                       frozenset(acting.lemmas) if acting else frozenset(), tuple(acting.agent_suffixes) if acting else (),
                       tuple(acting.not_agent_suffixes) if acting else ())

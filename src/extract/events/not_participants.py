"""Names in an event's argument phrases that are not its participants: an organisation that says who a person is
("DAB's Ben Chan", "Eddie Chu of the Civic Party") or which thing is meant ("wearing a NASA T-shirt")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from extract.events.coreference import SUBJECT_DEPS

if TYPE_CHECKING:
    from extract.events.participants import Name, NameIndex

AFFILIATION_PREPS = ("of", "from")
PERSON_MODIFIER_DEPS = ("compound", "poss", "nmod", "amod", "flat")  # the words before a name that say who they are
DESCRIPTION_DEPS = ("compound", "amod", "det", "flat", "nmod", "poss", "pobj", "prep", "conj", "cc")  # inside an apposition
THING_MODIFIER_DEPS = ("compound", "nmod")  # "a NASA T-shirt"


def names_a_thing(token: Token, name: Name, names: NameIndex) -> bool:
    """ "wearing a NASA T-shirt", "at the U.N. headquarters", "the Twitter attention": an organisation in a compound
    of a noun that names no happening, no person and no organisation says which thing is meant, not who takes part
    ("Acme officials", "the Acme delegation", "Acme funding" keep it). Only where the document's event mentions are
    known (`names.event_heads`)."""
    if name.label == "PERSON" or names.event_heads is None or names.coreference is None:
        return False
    node = token
    while node.dep_ in ("compound", "flat") and names.at(node.head.idx) is name and node.head.i != node.i:
        node = node.head  # inside the organisation's own name
    thing = node.head
    if node.dep_ not in THING_MODIFIER_DEPS or thing.pos_ != "NOUN" or thing.i in names.event_heads:
        return False
    return names.at(thing.idx) is None and not names.coreference.stands_for_someone(thing)


def affiliation(token: Token, name: Name, names: NameIndex) -> bool:
    """ "Eddie Chu of the Civic Party", "Lee Cheuk-yan from the Labour Party", "DAB's Ben Chan": the
    organisation a person belongs to, told to say who they are, not a participant of the happening."""
    if name.label == "PERSON":
        return False
    if _modifies_person(token, names) or _describes_person(token, names):
        return True
    node = token
    while node.dep_ in ("compound", "amod", "det", "flat") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "pobj" or node.head.lower_ not in AFFILIATION_PREPS:
        return False
    owner = names.at(node.head.head.idx)
    return owner is not None and owner.label == "PERSON"


def _modifies_person(token: Token, names: NameIndex) -> bool:
    """ "DAB's Ben Chan", "Facebook co-founder Mark Zuckerberg said": an organisation that is the
    possessor of a person's name (or of their title), or, in a subject, a word of their title, says whom
    the person belongs to. (In an object, "met RIKEN President X", the sample gold counts the
    organisation met.)"""
    node = token
    while node.dep_ == "compound" and node.head.i != node.i and names.at(node.head.idx) is not None \
            and names.at(node.head.idx) is names.at(token.idx):
        node = node.head  # inside the organisation's own name: "Civic Party's"
    possessor = node.dep_ == "poss"
    while node.dep_ in PERSON_MODIFIER_DEPS and node.head.i != node.i:
        node = node.head
        owner = names.at(node.idx)
        if owner is not None and owner.label == "PERSON":
            return possessor or _in_subject(node)
    return False


def _describes_person(token: Token, names: NameIndex) -> bool:
    """ "Daniel Montalvo, 19, a member of Scientology, …", "Christian Ehler (EPP, Germany)": an organisation in
    an apposition to a person's name says who the person is."""
    node = token
    while node.dep_ != "appos":
        if node.dep_ not in DESCRIPTION_DEPS or node.head.i == node.i:
            return False
        node = node.head
    owner = names.at(node.head.idx)
    return owner is not None and owner.label == "PERSON"


def _in_subject(token: Token) -> bool:
    """The token is in the subject of its clause (through modifiers, appositions and conjuncts)."""
    while token.dep_ in PERSON_MODIFIER_DEPS + ("appos", "conj") and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS

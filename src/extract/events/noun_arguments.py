"""Who takes part in a happening a noun names, and which verb lends it its date (rules/noun_events.json).

- Its own arguments: the possessor ("Acme's takeover"), name compounds ("the Microsoft merger") and the
  objects of `argument_preps` ("the takeover of Beta by Acme", "talks with X", "a case against X").
- A support verb's: "X held talks with Y", "X announced job cuts", "X made an offer", "X faces a lawsuit"
  (the subject, or the one it shares with the verb it hangs on: "intends to hold two referendums"), "the
  request was advanced by X" (the passive's agent), "came to the conclusion" (a prepositional object).
- The noun stands where its first conjunct ("conferences and roadshows") or its quantity ("a number of
  conferences") stands.
- Its date: a date of its own (events/placing.py), else that of a support verb that is no reporting verb
  ("X held talks on Monday") or of the verb it is a time phrase of ("left the ship after a confrontation");
  a modifier that names it as still to come ("the planned acquisition") makes it scheduled; so does a word
  that names it as wanted ("requested donations", guideline A8), and one that can only follow it makes it
  past ("will look into the incident").

Names are read from the argument phrases as for any trigger (events/participants.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from extract.core.schemas import NounEventsFile, load_rule_file
from extract.core.schemas.noun_events import SupportVerbRule
from extract.events.lexicon import TriggerLexicon
from extract.events.participants import Name, NameIndex, inherited_subjects, names_for, phrase

NOUN_POS = ("NOUN", "PROPN")
VERB_POS = ("VERB", "AUX")
OWN_DEPS = ("poss", "compound", "nmod")
POSITION_DEPS = ("dobj", "attr", "nsubjpass")  # where a support verb's noun stands without a preposition
VERB_PARTNER_PREPS = ("with", "between", "against", "among")  # "held talks with Y": Y may hang on the verb
STAND_IN_STEPS = 3
ORGANISER_PREPS = frozenset({"by", "with"})
MODIFIER_DEPS = ("amod", "compound", "advmod")  # "the planned acquisition"


@dataclass(frozen=True)
class SupportVerb:
    id: str
    lemmas: frozenset[str]
    complements: frozenset[str]  # "dobj", "attr", "nsubjpass" or a preposition


@dataclass(frozen=True, eq=False)
class NounEventRules:
    argument_preps: frozenset[str]
    quantity_nouns: frozenset[str]
    support_verbs: tuple[SupportVerb, ...]
    time_preps: frozenset[str]
    intention_words: tuple[SupportVerb, ...] = ()
    future_modifiers: frozenset[str] = frozenset()
    past_preps: frozenset[str] = frozenset()
    aftermath_words: tuple[SupportVerb, ...] = ()

    def before_clause(self, noun: Token) -> bool:
        """ "left the ship after a confrontation", "a century after the invention of the transistor": the
        happening came before the one its clause tells."""
        return noun.dep_ == "pobj" and noun.head.lower_ in self.past_preps

    def looked_back_on(self, noun: Token) -> bool:
        """ "will look into the incident", "investigates the crash", "mourned the collapse": a word that can only
        follow the happening its complement names introduces it, so that happening is over."""
        return governing(noun, self, self.aftermath_words) is not None

    def to_come(self, noun: Token) -> bool:
        """ "the planned acquisition", "the next election": a modifier names the happening as still to come."""
        return any(c.dep_ in MODIFIER_DEPS and c.lower_ in self.future_modifiers for c in noun.children)

    def support(self, noun: Token) -> tuple[Token, str] | None:
        """The support verb that introduces the happening `noun` names, and where the noun stands
        ("dobj", "nsubjpass", a preposition); None when no support verb does."""
        found = governing(noun, self, self.support_verbs)
        return found if found is not None and found[0].pos_ in VERB_POS else None

    def intended(self, noun: Token) -> bool:
        """The happening is wanted, asked for, needed or possible, not told as happening (guideline A8):
        "called for the implementation of", "requested donations", "the potential for further collaboration"."""
        return governing(noun, self, self.intention_words) is not None


def governing(noun: Token, rules: NounEventRules, words: tuple[SupportVerb, ...]) -> tuple[Token, str] | None:
    """The word of `words` that introduces the happening `noun` names, and where the noun stands."""
    position = stand_in(noun, rules)
    if position.dep_ in POSITION_DEPS:
        head, where = position.head, position.dep_
    elif position.dep_ == "pobj" and position.head.dep_ == "prep":
        head, where = position.head.head, position.head.lower_
    else:
        return None
    if head.i == position.i:
        return None
    lemma = head.lemma_.lower()
    return (head, where) if any(lemma in r.lemmas and where in r.complements for r in words) else None


def stand_in(noun: Token, rules: NounEventRules) -> Token:
    """The word whose place in the clause the noun takes: its first conjunct ("conferences and roadshows"),
    the quantity it counts ("a number of conferences"), else itself."""
    current = noun
    for _ in range(STAND_IN_STEPS):
        head = current.head
        if current.dep_ == "conj" and head.pos_ in NOUN_POS:
            current = head
        elif current.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
                and head.head.lemma_.lower() in rules.quantity_nouns:
            current = head.head
        else:
            break
    return current


def noun_argument_heads(noun: Token, rules: NounEventRules, organisers: frozenset[str] = frozenset(),
                        control: frozenset[str] = frozenset()) -> list[Token]:
    """Heads of the phrases that name who takes part in the happening `noun` names (`organisers`: the
    participles whose "by / with" objects hold it, "events organised by X"; `control`: object-control verbs)."""
    heads = [c for c in noun.children if c.dep_ in OWN_DEPS]
    heads += _objects(noun, rules.argument_preps)
    participles = [c for c in noun.children if c.dep_ == "acl"] + [noun.head]  # "Organised by X, the … event"
    if noun.dep_ in ("nsubj", "nsubjpass"):
        participles += [c for c in noun.head.children if c.dep_ == "advcl"]  # "Organised by X, the event offered …"
    for participle in participles:
        if participle.tag_ == "VBN" and participle.lemma_.lower() in organisers:
            heads += _objects(participle, ORGANISER_PREPS)
    found = rules.support(noun)
    if found is None:
        return heads
    verb, where = found
    if where == "nsubjpass":
        return heads + [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or inherited_subjects(verb, control)
    return heads + subjects + _objects(verb, frozenset(VERB_PARTNER_PREPS))


def _objects(word: Token, prepositions: frozenset[str]) -> list[Token]:
    return [o for c in word.children if c.dep_ in ("prep", "agent") and c.lower_ in prepositions
            for o in c.children if o.dep_ in ("pobj", "pcomp")]


def noun_participants(noun: Token, previous: Span | None, names: NameIndex, lexicon: TriggerLexicon,
                      rules: NounEventRules) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(people, organisations) taking part in the happening `noun` names."""
    control = names.coreference.control_verbs if names.coreference is not None else frozenset()
    found: dict[str, Name] = {}
    for head in noun_argument_heads(noun, rules, lexicon.organiser_verbs, control):
        named = (n for token in phrase(head) for n in names_for(token, head, previous, names, lexicon))
        for name in named:
            if not name.start <= noun.idx < name.end:  # "the Expo 2025 Organizing Committee" names no participant of Expo
                found.setdefault(name.name, name)
    ordered = sorted(found.values(), key=lambda n: n.start)
    return (tuple(n.name for n in ordered if n.label == "PERSON"),
            tuple(n.name for n in ordered if n.label != "PERSON"))


def time_verb(noun: Token, rules: NounEventRules, lexicon: TriggerLexicon) -> Token | None:
    """The verb whose time the happening `noun` names shares: its support verb, unless that reports it
    ("announced the start": the date of the telling), or the verb it is a time phrase of ("left after a
    confrontation"); None when there is none."""
    found = rules.support(noun)
    if found is not None:
        return None if found[0].lemma_.lower() in lexicon.reporting_verbs else found[0]
    position = stand_in(noun, rules)
    head = position.head
    if position.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in rules.time_preps and head.head.pos_ == "VERB":
        return head.head
    return None


def in_verb_phrase(noun: Token, rules: NounEventRules) -> bool:
    """The noun is the object of a preposition, and no support verb introduces it ("working towards Japan's
    association", "translates into a national conversation", "the beginning of the Hajj"): the day or the
    present tense of its clause is its verb's, not the noun's. (Tried on prepositions of verbs only: fewer
    gold dates of the sample and dev parts right.)"""
    position = stand_in(noun, rules)
    head = position.head
    return position.dep_ == "pobj" and head.dep_ == "prep" and rules.support(noun) is None


@lru_cache(maxsize=4)
def load_noun_event_rules(rules_dir: Path) -> NounEventRules:
    data = load_rule_file(rules_dir / "noun_events.json", NounEventsFile)
    return NounEventRules(frozenset(data.argument_preps.words), frozenset(data.quantity_nouns.words),
                          _governing(data.support_verbs),
                          frozenset(data.time_preps.words), _governing(data.intention_words),
                          frozenset(data.future_modifiers.words), frozenset(data.past_preps.words),
                          _governing(data.aftermath_words))


def _governing(rules: list[SupportVerbRule]) -> tuple[SupportVerb, ...]:
    return tuple(SupportVerb(r.id, frozenset(r.lemmas), frozenset(r.complements)) for r in rules)

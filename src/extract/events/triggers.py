"""Trigger words in one sentence: which name a happening, which frame another one, which are not events.

- A frame verb with an event noun as complement ("attended an official dinner", "began with a
  visit") is not a happening of its own: the noun is the trigger and the verb lends it its arguments.
- An event noun that is the object of a trigger verb ("signed an agreement") is that verb's event.
- Negated and hypothetical triggers are not events, and the dates inside their clause are theirs.
- Purpose infinitives ("an opportunity to discuss"), intentions ("aims to launch"), cited sources
  ("according to a release"), participles used as adjectives ("the reported objective") and
  present-participle modifiers ("a project starting January 2024") are not events either.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from extract.events.lexicon import TriggerEntry, TriggerLexicon
from extract.nlp.token_table import TokenTable, token_table

NOT_TRIGGER_ENTITIES = ("DATE", "TIME", "PERSON", "GPE", "LOC", "MONEY", "PERCENT", "CARDINAL")
OBJECT_DEPS = ("dobj", "nsubjpass")
MODIFIER_DEPS = ("compound", "amod", "nmod")
PURPOSE_DEPS = ("advcl", "acl", "relcl")
FUTURE_AUX = {"will", "shall", "'ll", "wo"}


@dataclass(frozen=True)
class SentenceTriggers:
    candidates: dict[int, TriggerEntry]  # token index -> lexicon entry
    blockers: frozenset[int]  # negated or hypothetical triggers
    modifiers: frozenset[int]  # trigger words used as modifiers ("the team presenting at …"): not events
    frames: dict[int, int]  # event noun -> the frame verb that introduces it


def find_triggers(sentence: Span, lexicon: TriggerLexicon) -> SentenceTriggers:
    table = token_table(sentence.doc)
    raw = {i: entry for i in range(sentence.start, sentence.end) if (entry := _entry(table, i, lexicon)) is not None}
    frames = _frames(sentence, raw, lexicon)
    for verb in set(frames.values()):
        raw.pop(verb, None)
    candidates: dict[int, TriggerEntry] = {}
    blockers: set[int] = set()
    modifiers: set[int] = set()
    for index, entry in raw.items():
        token = sentence.doc[index]
        frame = sentence.doc[frames[index]] if index in frames else None
        if token.pos_ != "VERB" and token.dep_ in OBJECT_DEPS and token.head.i in raw and token.head.pos_ == "VERB":
            continue  # "signed an agreement": one happening, told by the verb
        if not_factual(token, lexicon) or (frame is not None and not_factual(frame, lexicon)):
            blockers.add(index)
        elif not _not_an_event(token, lexicon):
            candidates[index] = entry
        else:
            modifiers.add(index)
    return SentenceTriggers(candidates, frozenset(blockers), frozenset(modifiers), frames)


def _entry(table: TokenTable, i: int, lexicon: TriggerLexicon) -> TriggerEntry | None:
    if table.ent_type[i] in NOT_TRIGGER_ENTITIES:
        return None
    return lexicon.entry_of(table.lemma_lower[i], table.lower[i], table.pos[i])


def _frames(sentence: Span, raw: dict[int, TriggerEntry], lexicon: TriggerLexicon) -> dict[int, int]:
    frames: dict[int, int] = {}
    table = token_table(sentence.doc)
    for i in range(sentence.start, sentence.end):
        complements = lexicon.frame_verbs.get(table.lemma_lower[i])
        if table.pos[i] != "VERB" or not complements:
            continue
        verb = sentence.doc[i]
        for noun in _complements(verb, complements):
            if noun.i in raw and noun.pos_ in ("NOUN", "PROPN"):
                frames.setdefault(noun.i, verb.i)
    return frames


def _complements(verb: Token, kinds: frozenset[str]) -> list[Token]:
    found = []
    for child in verb.children:
        if child.dep_ in kinds:
            found.append(child)
        elif child.dep_ in ("prep", "agent") and child.lower_ in kinds:
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found + [c for f in found for c in f.conjuncts]


def not_factual(token: Token, lexicon: TriggerLexicon) -> bool:
    """Negated or hypothetical: "did not sign", "no meeting", "would open", "if they sign"."""
    words = [token, clause_head(token)]
    while words[-1].dep_ == "xcomp" and words[-1].head.i != words[-1].i:  # "if they agree to launch"
        words.append(words[-1].head)
    if token.head.pos_ == "ADP" and token.head.lower_ in lexicon.negation:
        return True  # "without signing"
    for word in words:
        for child in word.children:
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and child.lower_ in lexicon.negation):
                return True
            if child.dep_ in ("aux", "mark", "amod") and child.lower_ in lexicon.hypothetical:
                return True  # "would open", "if they sign", "the possible arrival"
    return False


def modality(token: Token, lexicon: TriggerLexicon) -> str:
    """ "negated" ("did not sign", "no agreement", "without signing"), "hypothetical" ("would open", "if
    they sign", "could strike", "the possible merger") or "" for an asserted happening."""
    words = [token, clause_head(token)]
    while words[-1].dep_ == "xcomp" and words[-1].head.i != words[-1].i:
        words.append(words[-1].head)
    if token.head.pos_ == "ADP" and token.head.lower_ in lexicon.negation:
        return "negated"
    children = [c for word in words for c in word.children]
    if any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in lexicon.negation) for c in children):
        return "negated"
    if any(c.dep_ in ("aux", "mark", "amod") and c.lower_ in lexicon.hypothetical for c in children):
        return "hypothetical"
    if any(_intended(word, lexicon) for word in words):
        return "hypothetical"
    return ""


def _intended(verb: Token, lexicon: TriggerLexicon) -> bool:
    """A 'to'-infinitive of purpose ("met to discuss", "an opportunity to discuss") or one that is aimed at,
    asked for or needed ("aims to open", "asked them to pay", "the goal is to expand"): guideline A8."""
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    return verb.dep_ in PURPOSE_DEPS or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.intention_heads)


def clause_head(token: Token) -> Token:
    """The verb of the clause a word is in (the word itself for a verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _not_an_event(token: Token, lexicon: TriggerLexicon) -> bool:
    if token.pos_ == "VERB":
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        if infinitive and token.dep_ in PURPOSE_DEPS:
            return True  # "an opportunity to discuss", "scheduled for 2026, to assess progress"
        if infinitive and token.dep_ == "xcomp" and token.head.lemma_.lower() not in lexicon.scheduled:
            return True  # "aims to launch": an intention
        if token.dep_ == "amod" or (token.dep_ == "acl" and token.tag_ == "VBG"):
            return True  # "the reported objective", "a project starting January 2024"
        return False
    if token.dep_ in MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN"):
        return True  # "funding instruments", "a partner university"
    return _cited(token, lexicon)


def _cited(token: Token, lexicon: TriggerLexicon) -> bool:
    """ "according to a release from X", "as noted in the joint statement": a source, not a happening."""
    head = token.head
    return token.dep_ == "pobj" and head.pos_ == "ADP" and (
        head.head.lower_ in lexicon.citation_markers or head.head.lemma_.lower() in lexicon.citation_markers)


def tense(token: Token, lexicon: TriggerLexicon) -> str:
    """The verb group of the token's clause: future / modal / infinitive / progressive / past / present / ""."""
    verb = clause_head(token)
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    while not aux and verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head.tag_ == "VB":
        verb = verb.head  # "to meet and thank", "will meet and thank": a bare conjunct shares its first's verb group
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux} | {verb.lower_}
    if words & FUTURE_AUX or verb.lemma_.lower() in lexicon.scheduled and verb.tag_ == "VBN" \
            or any(c.lower_ == "going" for c in aux):
        return "future"  # "will sign", "is scheduled for", "is going to sign"
    if any(c.tag_ == "MD" for c in aux):
        return "modal"
    if verb.tag_ == "VB" and any(c.tag_ == "TO" for c in aux):
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.scheduled:
            return "future"  # "is scheduled to meet"
        return "infinitive"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "progressive"
    if verb.tag_ == "VBD" or words & {"was", "were", "had", "has", "have", "did", "'ve"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return ""

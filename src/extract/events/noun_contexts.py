"""Nouns outside the event-noun lists that their sentence makes events, whatever the word.

The rules are the `noun_contexts` of rules/event_mentions.json, each a class of phrases: a noun that hangs on
a listed word by a listed dependency, with the dependents, tag and lemma the rule asks for. For example, a
singular noun with a determiner that a temporal preposition places in time names a happening ("after the
crossing", "during his appearance"); a stretch of time ("during the time") or a plural ("amid concerns") may not.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True)
class NounContext:
    id: str
    deps: frozenset[str]  # how the noun hangs on its head
    words: frozenset[str]  # the head, lower case or lemma
    specifiers: frozenset[str]  # the noun needs a dependent of one of these kinds (none: any noun)
    tags: frozenset[str]  # its fine-grained tag is one of these (none: any)
    not_lemmas: frozenset[str]
    not_deps: frozenset[str]

    def fits(self, noun: Token) -> bool:
        head = noun.head
        if noun.dep_ not in self.deps or noun.dep_ in self.not_deps or head.i == noun.i:
            return False
        if head.lower_ not in self.words and head.lemma_.lower() not in self.words:
            return False
        if (self.tags and noun.tag_ not in self.tags) or noun.lemma_.lower() in self.not_lemmas:
            return False
        return not self.specifiers or any(c.dep_ in self.specifiers for c in noun.children)


def context_of(noun: Token, contexts: tuple[NounContext, ...]) -> NounContext | None:
    """The first context rule that makes `noun` an event, or None."""
    return next((rule for rule in contexts if rule.fits(noun)), None)

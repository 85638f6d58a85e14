"""What a name does in its sentence says it is no organisation (corpus/gold/GUIDELINES.md): the noun after it
names a thing it is the name of ("the NEMISIS database") or it is held like a meeting ("X, held in Tokyo").
Each decision holds for every mention of the name in the article (document-level consistency)."""

from __future__ import annotations

import re
from functools import lru_cache

from extract.core.mention import Mention
from extract.core.schemas import ContextRule
from extract.entities.rules import EntityRules

_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]*)\b")


def drop_thing_names(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "the ICI system", "the Social Welfare constituency": a name that stands before a lower-case noun of a
    kind of thing (rules.thing_nouns) wherever the article writes it is that thing's name, not a body's. A
    name with an organisation word or a company form, or a curated one, is kept."""
    rule = rules.thing_nouns
    if rule is None:
        return mentions
    nouns = frozenset(rule.words)
    before_noun: dict[str, bool] = {}
    for m in mentions:
        if m.label == "ORG":
            after = _NEXT_WORD.match(text, m.end)
            before_noun[m.text] = before_noun.get(m.text, True) and bool(after and after.group(1) in nouns)
    things = {name for name, always in before_noun.items() if always and not _marked_org(name, rules)}
    return [m for m in mentions if not (m.label == "ORG" and m.text in things)]


def drop_held_events(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "the Digital Partnership Council, held in Tokyo", "the next X is scheduled for 2026": what is held,
    takes place or is scheduled is a meeting (rules.event_phrases); every ORG mention of its name goes."""
    rule = rules.event_phrases
    if rule is None:
        return mentions
    pattern = _phrase_pattern(rule)
    events = {m.text for m in mentions if m.label == "ORG" and pattern.match(text, m.end)}
    return [m for m in mentions if not (m.label == "ORG" and m.text in events)]


def _marked_org(name: str, rules: EntityRules) -> bool:
    """A name that says it is an organisation: an organisation word, a company form, a curated name."""
    words = {w.lower().rstrip(".,") for w in name.split()}
    return bool(words & rules.org_words) or bool(words & rules.legal_forms) or name in rules.curated_names \
        or name in rules.known_names


def _phrase_pattern(rule: ContextRule) -> re.Pattern[str]:
    return _compiled(tuple(rule.words), tuple(rule.unless_next))


@lru_cache(maxsize=4)
def _compiled(phrases: tuple[str, ...], unless_next: tuple[str, ...]) -> re.Pattern[str]:
    """The phrases right after a name (", held in" touching it, others after a space), as whole words, not
    followed by one of `unless_next` ("was held liable")."""
    alternatives = lambda words: "|".join(re.escape(w).replace(r"\ ", r"[ \t]+")  # noqa: E731
                                          for w in sorted(words, key=len, reverse=True))
    unless = alternatives(unless_next) or "(?!)"
    return re.compile(rf"(?:[ \t]*(?=,)|[ \t]+)(?:{alternatives(phrases)})(?![\w-])(?![ \t]+(?:{unless})\b)")

"""Evidence that a name is a product, read from the text (rules/product_rules.json, one rule per section).

Each rule returns the mentions with the products it found: a new span replaces the name mentions it covers
(a maker's ORG inside "Boeing 787" included), an ORG or PERSON reading of exactly the product is relabelled.
Dates, money and anything that runs past the product's edges are never touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.core.mention import Mention, without
from extract.core.words import alternation
from extract.entities.rules import EntityRules

NAME_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "PRODUCT")
# a capitalised word of a name: "Boeing", "S&P", "iPhone", "Explorer"
NAME_WORD = r"(?:[A-Z][\w&'’-]*|[a-z]{1,2}[A-Z][\w-]*)"
MODEL = r"(?:[A-Z]{0,3}-?\d{1,4}[A-Za-z]{0,3}|[A-Z]{1,2}\d{0,3}[a-z]?)"
Span = tuple[int, int]


def _retype(mentions: list[Mention], text: str, spans: list[Span], source: str) -> list[Mention]:
    """Each span becomes a PRODUCT, replacing the name mentions inside it; skipped where it would cut one."""
    for start, end in spans:
        clashing = [m for m in mentions if m.start < end and start < m.end]
        inside = all(start <= m.start and m.end <= end and m.label in NAME_LABELS for m in clashing)
        same = [m for m in clashing if (m.start, m.end) == (start, end)]
        if same and same[0].label == "PRODUCT":
            continue
        if same and len(clashing) == 1:
            mentions = [m.relabelled("PRODUCT", source) if m is same[0] else m for m in mentions]
        elif inside:
            mentions = without(mentions, clashing) + [
                Mention("PRODUCT", start, end, text[start:end], source)]
    return mentions


@lru_cache(maxsize=4)
def _model_pattern(editions: tuple[str, ...]) -> re.Pattern[str]:
    edition = alternation(editions)
    return re.compile(rf"(?<![\w&'’.$€£#@-])(?P<name>(?:{NAME_WORD}[ \t]+){{1,4}})(?P<model>{MODEL})"
                      rf"(?:[ \t]+(?:{edition}))*(?![\w%&'’-]|[.,:]\d|[ \t]*[-–:][ \t]*\d|[ \t]+\d|[ \t]+[A-Z][a-z])")


def add_model_numbers(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "the Boeing 787", "Windows 11", "Galaxy S24 Ultra": capitalised words and a model number are one
    product, its maker included (never a year, an amount, a score or a numbered section)."""
    rule = rules.products.model_number if rules.products else None
    if rule is None:
        return mentions
    not_heads, not_after = {w.lower() for w in rule.not_heads}, {w.lower() for w in rule.not_after}
    spans: list[Span] = []
    for match in _model_pattern(tuple(rule.editions)).finditer(text):
        words = list(re.finditer(r"\S+", match["name"]))
        while words and words[0].group().lower() in rules.before_products:
            words = words[1:]
        model = match["model"]
        following = re.match(r"[ \t]+([\w%]+)", text[match.end():match.end() + 30])
        if (not words or any(w.group().lower().strip("'’") in not_heads for w in words)
                or (model.isdigit() and len(model) == 4 and model[:2] in ("18", "19", "20"))
                or (following and following.group(1).lower() in not_after) or not any(c.isdigit() for c in model)):
            continue
        start = match.start("name") + words[0].start()
        if _covers_other(mentions, start, match.end()) or start == match.start("model"):
            continue
        spans.append((start, match.end()))
    return _retype(mentions, text, spans, rule.id)


def _covers_other(mentions: list[Mention], start: int, end: int) -> bool:
    """A date, an amount, a place or a person inside the candidate: no product."""
    return any(m.start < end and start < m.end and m.label not in ("ORG", "PRODUCT", "NORP") for m in mentions)


def _name_run_after(text: str, position: int) -> Span | None:
    """The capitalised name (and a model number) that starts at `position`."""
    match = re.compile(rf"{NAME_WORD}(?:[ \t]+(?:{NAME_WORD}|\d{{1,4}}[A-Za-z]?(?![\w,.]\d)))*").match(text, position)
    return (match.start(), match.end()) if match else None


def _context_spans(text: str, opener: str, rules: EntityRules, mentions: list[Mention]) -> list[Span]:
    """The names right after a match of the `opener` regex, unless a title, organisation word or possessive
    follows or starts them."""
    spans = []
    stop = rules.title_words | rules.org_words
    for hit in re.finditer(rf"(?<![\w-])(?:{opener})[ \t]+", text):
        run = _name_run_after(text, hit.end())
        if run is None:
            continue
        after = re.match(r"(['’]s\b)?[ \t]*([\w-]*)", text[run[1]:run[1] + 30])
        first = text[run[0]:run[1]].split()[0].lower()
        if (after and (after.group(1) or after.group(2).lower() in stop)) or first in stop \
                or _covers_other(mentions, *run):
            continue
        spans.append(run)
    return spans


def type_versions(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "version 9 of Orbis", "Orbis version 9", "a beta of Orbis": the name is a product."""
    rule = rules.products.version if rules.products else None
    if rule is None:
        return mentions
    words = alternation(rule.words)
    spans = _context_spans(text, rf"(?i:{words})(?:[ \t]+[\d.]+)?[ \t]+of(?:[ \t]+the)?", rules, mentions)
    for hit in re.finditer(rf"({NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})[ \t]+(?:{words})[ \t]+\d", text):
        if not _covers_other(mentions, hit.start(1), hit.end(1)):
            spans.append((hit.start(1), hit.end(1)))
    return _retype(mentions, text, spans, rule.id)


def type_after_class_noun(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "the cruise ship Freewinds", "the browser Orbis": a product class noun right before a name."""
    rule = rules.products.class_nouns if rules.products else None
    if rule is None:
        return mentions
    spans = []
    for hit in re.finditer(rf"(?<![\w-]){alternation(rule.words)}[ \t]*,?[ \t]+(?:the[ \t]+)?(?=[A-Z])", text):
        run = _name_run_after(text, hit.end())
        if run and not any(m.start < run[1] and run[0] < m.end and m.label not in ("ORG", "PRODUCT")
                           for m in mentions) and text[run[0]:run[1]].split()[0].lower() not in rules.title_words:
            spans.append(run)
    return _retype(mentions, text, spans, rule.id)


EVIDENCE = ("product-model-number", "product-version", "product-after-class-noun")  # what repeat-form spreads


def repeat_products(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """A name a rule typed as a product is one wherever else the document writes it on its own, unless the
    company acts there: a speech verb or a possessive follows."""
    rule = rules.products.repeat if rules.products else None
    if rule is None:
        return mentions
    forms = {m.text for m in mentions if m.label == "PRODUCT" and m.source in EVIDENCE}
    spans = []
    for form in sorted(forms, key=len, reverse=True):
        for hit in re.finditer(rf"(?<![\w@#&'’.-]){re.escape(form)}(?![\w&'’-])", text):
            after = re.match(r"[ \t]+(\w+)", text[hit.end():hit.end() + 20])
            if after and after.group(1).lower() in rules.speech_verbs:
                continue
            spans.append((hit.start(), hit.end()))
    return _retype(mentions, text, spans, rule.id)

"""Maker + model (GUIDELINES 2, PRODUCT): a maker's name written directly in front of a capitalised model
name is one PRODUCT span, the maker included, where the text shows a product there (rule `product-maker-model`,
section `maker_model` of rules/product_rules.json).

"Quillsoft Slate tablets", "the Velmar Tonka was recalled", "a Velmar Tonka": the maker is a name of the rule's
makers, a curated organisation name, or an organisation the same article writes alone; the model words are no
organisation word, company form, title or given name ("Lockheed Martin" stays an organisation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.core.mention import Mention
from extract.core.schemas import MakerModelRule
from extract.core.words import alternation
from extract.entities.products.mentions import NAME_WORD, Span, _retype
from extract.entities.rules import EntityRules

ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?)[ \t]+(?:(?:new|latest)[ \t]+)?$")
AUXILIARY = r"(?:is|are|was|were|will[ \t]+be|has[ \t]+been|have[ \t]+been|had[ \t]+been)(?:[ \t]+being)?"
ARTICLE_REACH = 12  # characters before a maker in which the article is looked for
Span3 = tuple[int, int, int]  # start, where the model starts, end


def type_maker_models(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Quillsoft Slate tablets", "the Velmar Tonka was recalled": a maker and its model, one product."""
    rule = rules.products.maker_model if rules.products else None
    if rule is None:
        return mentions
    curated, alone = _makers(mentions, text, rules, rule)
    if not curated | alone:
        return mentions
    spans: list[Span] = []
    models: set[str] = set()
    for maker, (start, model_start, end) in _candidates(text, curated | alone):
        model = text[model_start:end]
        if _is_model(model, text[start:end], rules, rule) and _shows_product(
                (start, end), maker in curated, mentions, text, rules, rule):
            spans.append((start, end))
            models.add(model)
    # the model alone, where the model read it as an organisation, is the same product ("the Tonka")
    spans += [(m.start, m.end) for m in mentions if m.label == "ORG" and m.text in models]
    return _retype(mentions, text, spans, rule.id)


def _shows_product(span: Span, curated: bool, mentions: list[Mention], text: str, rules: EntityRules,
                   rule: MakerModelRule) -> bool:
    """A product noun follows ("tablets"), or, after a listed or curated maker, an article comes before ("the
    Velmar Tonka", which a person's name may be read over too); else, where nothing but an organisation or
    product was read, a passive verb done to products follows ("was recalled")."""
    start, end = span
    noun_after, passive = _evidence(tuple(rule.nouns_after), tuple(rule.passive_verbs))
    article = curated and ARTICLE_BEFORE.search(text, max(0, start - ARTICLE_REACH), start) is not None \
        and not _modifies_noun(text, end, rules, rule)
    read = {m.label for m in mentions if m.start < end and start < m.end} - {"ORG", "PRODUCT"}
    return bool((noun_after.match(text, end) or article) and read <= {"PERSON"}
                or not read and passive.match(text, end))


NAME_RUN = re.compile(rf"(?<![\w&'’.@#-]){NAME_WORD}(?:[ \t]+{NAME_WORD})*(?![\w&'’-])")
MAKER_WORDS = 2  # a maker's name has at most this many words ("Boeing", "Hewlett Packard")
MODEL_WORDS = 3  # a model's name at most this many ("Galaxy Note Ultra")


def _candidates(text: str, makers: frozenset[str]) -> list[tuple[str, Span3]]:
    """(maker, (start, model start, end)) for each run of capitalised words that ends in a maker's name and one
    to three more words ("the Velmar Tonka": "Velmar", "Tonka"); a possessive ending is left out of the run."""
    found = []
    for run in NAME_RUN.finditer(text):
        if " " not in run.group() and "\t" not in run.group():
            continue  # one word: no maker and model
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", run.group())]
        end = run.end() - (2 if run.group().endswith(("'s", "’s")) else 0)
        for first in range(len(words)):
            for size in range(1, MAKER_WORDS + 1):
                model_first = first + size
                if not 1 <= len(words) - model_first <= MODEL_WORDS:
                    continue
                maker = run.group()[words[first][0]:words[model_first - 1][1]]
                if maker in makers:
                    found.append((maker, (run.start() + words[first][0], run.start() + words[model_first][0], end)))
    return found


@lru_cache(maxsize=4)
def _evidence(nouns: tuple[str, ...], verbs: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What follows a product's name: a product noun ("tablets", "owners"); a passive verb ("was recalled")."""
    return (re.compile(rf"(?:['’]s)?[ \t]+{alternation(nouns, case_sensitive=True)}\b"),
            re.compile(rf"[ \t]+{AUXILIARY}[ \t]+{alternation(verbs, case_sensitive=True)}\b"))


def _makers(mentions: list[Mention], text: str, rules: EntityRules,
            rule: MakerModelRule) -> tuple[frozenset[str], frozenset[str]]:
    """The rule's makers and the curated organisation names; the organisations this article writes alone (an
    ORG mention no further name word follows). Neither holds an organisation word."""
    stop = _stop_words(rules, rule)
    alone = {m.text for m in mentions if m.label == "ORG" and len(m.text.split()) <= 2 and m.text[:1].isupper()
             and not re.match(r"[ \t]+[A-Z]", text[m.end:m.end + 2])}
    return _curated_makers(rules, tuple(rule.makers), stop), _without_stop_words(alone, stop)


@lru_cache(maxsize=4)
def _curated_makers(rules: EntityRules, makers: tuple[str, ...], stop: frozenset[str]) -> frozenset[str]:
    return _without_stop_words(set(makers) | set(rules.known_names), stop)


def _without_stop_words(names: set[str], stop: frozenset[str]) -> frozenset[str]:
    return frozenset(n for n in names if len(n) >= 2 and not {w.lower() for w in n.split()} & stop)


def _modifies_noun(text: str, end: int, rules: EntityRules, rule: MakerModelRule) -> bool:
    """A lower-case word follows that is no product noun and may not follow a product's name: the name is a
    modifier ("the Tarvo Nordic infrastructure")."""
    following = re.match(r"[ \t]+([a-z][\w-]*)", text[end:end + 30])
    may_follow = set(rules.products.contexts.may_follow) if rules.products else set()
    return following is not None and following.group(1) not in may_follow | set(rule.nouns_after)


def _stop_words(rules: EntityRules, rule: MakerModelRule) -> frozenset[str]:
    """Lower-case words that make a name an organisation, a person's title or a place of business."""
    return _stop_word_set(rules, tuple(rule.not_models))


@lru_cache(maxsize=4)
def _stop_word_set(rules: EntityRules, not_models: tuple[str, ...]) -> frozenset[str]:
    return (rules.org_words | rules.short_form_tails | rules.record_forms | rules.legal_forms | rules.title_words
            | {w.lower() for w in not_models})


def _is_model(model: str, name: str, rules: EntityRules, rule: MakerModelRule) -> bool:
    """The words after the maker name a model: no organisation word (singular or plural), company form, title,
    given name or listed non-model word, and the whole name is no curated organisation nor a filtered name."""
    stop = _stop_words(rules, rule)
    if re.search(r"[-–][a-z]", model):  # a compound noun ("T-shirt"), not a model's name
        return False
    for word in model.split():
        lower = word.lower()
        if lower in stop or lower + "s" in stop or word in rules.given_names:
            return False
    return name not in rules.curated_names and name not in rules.known_names and rules.org_filter_for(name) is None

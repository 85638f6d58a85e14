"""Evidence that a name is a product, read from the text (rules/product_rules.json, one rule per section).

Each rule returns the mentions with the products it found: a new span replaces the name mentions it covers
(a maker's ORG inside "Boeing 787" included), an ORG or PERSON reading of exactly the product is relabelled.
Dates, money and anything that runs past the product's edges are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import lru_cache

from extract.core.mention import Mention, without
from extract.core.words import alternation
from extract.entities.rules import EntityRules

NAME_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "PRODUCT")
# a capitalised word of a name: "Boeing", "S&P", "iPhone", "Explorer"
NAME_WORD = r"(?:[A-Z][\w&'’-]*|[a-z]{1,2}[A-Z][\w-]*)"
POSSESSIVE_END = re.compile(r"['’]s?$")
MODEL = r"(?:[A-Z]{0,3}-?\d{1,4}[A-Za-z]{0,3}|[A-Z]{1,2}\d{0,3}[a-z]?)"
Span = tuple[int, int]


def _retype(mentions: list[Mention], text: str, spans: list[Span], source: str) -> list[Mention]:
    """Each span becomes a PRODUCT, replacing the name mentions inside it; skipped where it would cut one."""
    for start, end in spans:
        clashing = [m for m in mentions if m.start < end and start < m.end]
        inside = all(start <= m.start and m.end <= end and m.label in NAME_LABELS for m in clashing)
        same = [m for m in clashing if (m.start, m.end) == (start, end)]
        if same and same[0].label == "PRODUCT":  # the model's product: this rule's evidence, for the repeats
            if source in EVIDENCE and same[0].source not in EVIDENCE:
                mentions = [m.relabelled("PRODUCT", source) if m is same[0] else m for m in mentions]
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
                      rf"(?:[ \t]+(?i:{edition}))*(?![\w%&'’-]|[.,:]\d|[ \t]*[-–:][ \t]*\d|[ \t]+\d|[ \t]+[A-Z][a-z])")


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
        owner = max((i for i, w in enumerate(words) if POSSESSIVE_END.search(w.group())), default=-1)
        words = words[owner + 1:]  # "Halden's Vero 5": the maker is written apart, the product starts after it
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


def _context_spans(text: str, opener: str, rules: EntityRules, mentions: list[Mention],
                   over_person: bool = False) -> list[Span]:
    """The names right after a match of the `opener` regex, unless a title, organisation word or possessive
    follows or starts them; with `over_person`, also a name read as a person that starts with no given name."""
    spans = []
    stop = rules.title_words | rules.org_words
    for hit in re.finditer(rf"(?<![\w-])(?:{opener})[ \t]+", text):
        run = _name_run_after(text, hit.end())
        if run is None:
            continue
        after = re.match(r"(['’]s\b)?[ \t]*([\w-]*)", text[run[1]:run[1] + 30])
        first = text[run[0]:run[1]].split()[0].lower()
        if (after and (after.group(1) or after.group(2).lower() in stop)) or first in stop \
                or (_covers_other(mentions, *run) and not (over_person and _person_reading(run, mentions, text, rules))):
            continue
        spans.append(run)
    return spans


def _person_reading(run: Span, mentions: list[Mention], text: str, rules: EntityRules) -> bool:
    """What the model read in `run` is names and people only, and the run starts with no given name."""
    return text[run[0]:run[1]].split()[0] not in rules.given_names and all(
        m.label in ("ORG", "PRODUCT", "NORP", "PERSON") for m in mentions if m.start < run[1] and run[0] < m.end)


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


def type_in_context(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "launched the Orbis", "the new Orbis browser", "Orbis users", "Orbis's users": what is done with the name
    makes it a product. A name holding an organisation word ("launched the Tarvo Commission") or followed by a
    lower-case word that may not follow ("introduced the Tarvo plan") is left as it is."""
    rule = rules.products.contexts if rules.products else None
    if rule is None:
        return mentions
    classes, may_follow = rules.product_class_nouns, rules.after_product_words
    spans = [run for run in _context_spans(text, _opener(rule.before), rules, mentions)
             if _reads_as_product(run, text, rules, may_follow)]
    spans += [run for run in _context_spans(text, _opener(rule.over_person), rules, mentions, over_person=True)
              if run not in spans and _reads_as_product(run, text, rules, may_follow)]
    spans += [run for run in _context_spans(text, _opener(rule.before_class_noun), rules, mentions)
              if _reads_as_product(run, text, rules, classes, noun_needed=True)]
    after = re.compile(rf"(?:['’]s)?[ \t]+{alternation(rule.after)}\b")
    spans += [(m.start, m.end) for m in mentions if m.label in ("ORG", "PRODUCT") and after.match(text, m.end)
              and not any(w in rules.org_words for w in m.text.lower().split())]
    return _retype(mentions, text, spans, rule.id)


def type_platform_use(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "posted to Chirper", "a hashtag on Chirper": a site used as a place is a product there (only there: the
    company that runs it acts elsewhere). Only a name already read as an organisation or product."""
    rule = rules.products.platform_use if rules.products else None
    if rule is None:
        return mentions
    names = {(m.start, m.end) for m in mentions if m.label in ("ORG", "PRODUCT")}
    spans = [run for run in _context_spans(text, _opener(rule.words), rules, mentions) if run in names]
    return _retype(mentions, text, spans, rule.id)


def type_listed(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "systems such as Orbis (Acme), Tarn and Velo": the names listed after a plural product class noun, whatever
    else the model read them as."""
    rule = rules.products.listed if rules.products else None
    if rule is None:
        return mentions
    plural = alternation([w + end for w in rules.products.class_nouns.words for end in ("s", "es")])
    spans: list[Span] = []
    for hit in re.finditer(rf"(?<![\w-]){plural}[ \t]*,?[\s]+{alternation(rule.words)}\s+", text):
        position = hit.end()
        while (run := _name_run_after(text, _after_article(text, position))) is not None:
            if any(m.start < run[1] and run[0] < m.end and m.label not in NAME_LABELS for m in mentions) \
                    or text[run[0]:run[1]].split()[0].lower() in rules.title_words \
                    or re.match(r"[ \t]+(?!and\b|or\b)[a-z]", text[run[1]:run[1] + 5]):
                break  # a date or amount, a title, or a name that modifies a noun ("the Tarn Nordic grid")
            spans.append(run)
            gap = LIST_GAP.match(text, run[1])
            if gap is None:
                break
            position = gap.end()
    return _retype(mentions, text, spans, rule.id)


def type_coordinated(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "launched the Vero 5 and the Tarn Air", "the Tarn Air or the Vero 5": a name joined by "and", "or" or a
    comma to a product the text typed is a product too, the two being one kind of thing in one phrase."""
    rule = rules.products.coordinated if rules.products else None
    if rule is None:
        return mentions
    conjunction = alternation(rule.words)
    forward = re.compile(rf"[ \t]*(?:,[ \t]*(?:{conjunction})?|[ \t](?:{conjunction}))[ \t]+")
    backward = re.compile(rf"(?<![\w&'’.-])({NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})[ \t]*"
                          rf"(?:,[ \t]*(?:{conjunction})?|[ \t](?:{conjunction}))[ \t]+(?:the[ \t]+)?$")
    spans: list[Span] = []
    todo = [(m.start, m.end) for m in mentions if m.label == "PRODUCT" and m.source in EVIDENCE]
    while todo:
        start, end = todo.pop()
        gap = forward.match(text, end)
        run = _name_run_after(text, _after_article(text, gap.end())) if gap else None
        before = backward.search(text, max(0, start - MAKER_REACH), start)
        for candidate in (run, _without_leading(before, rules) if before else None):
            if candidate and candidate not in spans and _coordinated_name(candidate, mentions, text, rules):
                spans.append(candidate)
                todo.append(candidate)
    return _retype(mentions, text, spans, rule.id)


def _without_leading(match: re.Match[str], rules: EntityRules) -> Span | None:
    """The name the `backward` pattern found, without the article or "new" it may start with."""
    words = list(re.finditer(r"\S+", match[1]))
    while words and words[0].group().lower() in rules.articles | rules.before_products:
        words = words[1:]
    return (match.start(1) + words[0].start(), match.start(1) + words[-1].end()) if words else None


def _coordinated_name(run: Span, mentions: list[Mention], text: str, rules: EntityRules) -> bool:
    """A name the model read as an organisation or product or did not read (or as a person, when it starts with no
    given name: "the Galaxy Buds"), with no organisation word, company form or curated organisation name in it, and
    no possessive or other lower-case noun than a class noun after."""
    name = text[run[0]:run[1]]
    words = {w.lower() for w in name.split()}
    labels = ("ORG", "PRODUCT") if name.split()[0] in rules.given_names else ("ORG", "PRODUCT", "PERSON")
    return (all(m.label in labels for m in mentions if m.start < run[1] and run[0] < m.end)
            and not words & (rules.legal_forms | rules.title_words) and name not in rules.curated_names
            and not re.match(r"['’]s?\b", text[run[1]:run[1] + 2])
            and _reads_as_product(run, text, rules, rules.after_product_words))


# between two listed names: a bracketed note, then a comma, "and" or "or" ("Orbis (Acme), Tarn and Velo")
LIST_GAP = re.compile(r"(?:\s*\([^()\n]{1,40}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")


def _after_article(text: str, position: int) -> int:
    article = re.match(r"(?:the|a|an)\s+", text[position:position + 5])
    return position + article.end() if article else position


def _opener(phrases: list[str]) -> str:
    """The phrases, also with a capital first letter, then an optional article or possessive and "new"."""
    before = alternation([w for phrase in phrases for w in (phrase, phrase[:1].upper() + phrase[1:])])
    return before + r"(?:[ \t]+(?:the|a|an|its|their|his|her))?(?:[ \t]+(?:new|latest))?"


def _reads_as_product(run: Span, text: str, rules: EntityRules, may_follow: AbstractSet[str],
                      noun_needed: bool = False) -> bool:
    """No organisation word, filtered name or hyphenated modifier ("the Tarvo Council", "an English-language
    paper"), and the next lower-case word one of `may_follow` (with `noun_needed`, there must be one)."""
    name = text[run[0]:run[1]]
    following = re.match(r"[ \t]+([a-z][\w-]*)", text[run[1]:run[1] + 30])
    if any(w in rules.org_words for w in name.lower().split()) or rules.org_filter_for(name) \
            or re.search(r"[-–][a-z]", name) or re.match(r"[ \t]*[-–]", text[run[1]:]):
        return False
    return following.group(1) in may_follow if following else not noun_needed


EVIDENCE = ("product-model-number", "product-version", "product-after-class-noun", "product-context",
            "product-maker-model", "product-listed-in-class", "product-coordinated")


def repeat_products(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """A name a rule typed as a product is one wherever else the document writes it on its own or with a
    possessive, unless the company acts there: a speech verb follows. So is the model alone of a maker+model
    name ("the 737 MAX" of "Boeing 737 MAX") and, when the maker is written apart ("Halden's Vero 5",
    "Vero 5 from Halden"), the product line without its model number ("Vero")."""
    rule = rules.products.repeat if rules.products else None
    if rule is None:
        return mentions
    evidence = [m for m in mentions if m.label == "PRODUCT" and m.source in EVIDENCE]
    forms = {m.text for m in evidence} | _model_forms(evidence, mentions, text)
    spans = []
    for form in sorted(forms, key=len, reverse=True):
        for hit in re.finditer(rf"(?<![\w@#&'’.-]){re.escape(form)}(?![\w&-]|['’](?!s\b))", text):
            after = re.match(r"[ \t]+(\w+)", text[hit.end():hit.end() + 20])
            if after and after.group(1).lower() in rules.speech_verbs:
                continue
            spans.append((hit.start(), hit.end()))
    return _retype(mentions, text, spans, rule.id)


MAKER_APART = re.compile(r"['’]s?[ \t]+(?:(?:new|latest)[ \t]+)?$")  # "Halden's Vero 5", "Halden's new Vero 5"
MAKER_AFTER = re.compile(r"[ \t]+(?:from|by|of)[ \t]+")
MAKER_REACH = 40  # characters before a product in which MAKER_APART is looked for, not the whole text before it
MAKER_MODEL = re.compile(rf"(?P<line>{NAME_WORD}(?:[ \t]+{NAME_WORD})*)[ \t]+"
                         rf"(?P<model>[A-Za-z]{{0,3}}-?\d[\w-]*(?:[ \t]+\w+)*)$")


def _model_forms(evidence: list[Mention], mentions: list[Mention], text: str) -> set[str]:
    """The shorter forms of products with a model number: the model alone, after a maker written with it
    ("737 MAX" of "Boeing 737 MAX"), and the line without its number, where the maker is written apart."""
    forms = set()
    orgs = {(m.start, m.end) for m in mentions if m.label == "ORG"}
    for m in evidence:
        parts = MAKER_MODEL.match(m.text)
        if parts is None:
            continue
        if any(c.isalpha() for c in parts["model"]) and len(parts["model"]) >= 3:  # "A350", not "787"
            forms.add(parts["model"])
        owner = MAKER_APART.search(text, max(0, m.start - MAKER_REACH), m.start)
        maker = MAKER_AFTER.match(text, m.end)
        if len(parts["line"]) >= 3 and ((owner is not None and any(end == owner.start() for _, end in orgs))
                                        or (maker is not None and any(start == maker.end() for start, _ in orgs))):
            forms.add(parts["line"])
    return forms

"""Names repeated through a document: a name typed ORG once is an ORG wherever it is written the same way
(its short form, curated acronyms and known names too), whatever else the model read it as."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from spacy.tokens import Doc

from extract.core.mention import Mention, overlaps, without
from extract.core.words import prose_of
from extract.entities.name_context import inside_capitalised_run
from extract.entities.orgs.acronyms import acronym_terms
from extract.entities.orgs.cleaning import HYPHENS, inside_hyphenated_name
from extract.entities.orgs.mentions import NAME_LABELS
from extract.entities.rules import EntityRules


def vote_org_labels(mentions: list[Mention]) -> list[Mention]:
    """A name written the same way is one kind of thing in a document: "Acme" tagged ORG here and GPE or
    PERSON there is an ORG wherever the ORG readings are at least as many."""
    counts = _label_counts(mentions)
    relabelled = []
    for m in mentions:
        votes = counts[m.text]
        if m.label in NAME_LABELS and m.label != "ORG" and votes.get("ORG", 0) >= votes[m.label] \
                and " " not in m.text:
            m = m.relabelled("ORG", "org-consistent-label")
        relabelled.append(m)
    return relabelled


def _label_counts(mentions: list[Mention]) -> dict[str, Counter[str]]:
    """Each name as written -> how often each label was read for it (ties: the label read first wins)."""
    counts: dict[str, Counter[str]] = {}
    for m in mentions:
        counts.setdefault(m.text, Counter())[m.label] += 1
    return counts


# between two names the model ran into one ORG: "and", "&" or a comma ("Facebook and Google", "Vedanta, Glencore")
JOINER = re.compile(r"[ \t]*,[ \t]*(?:(?:and|&)[ \t]+)?|[ \t]+(?:and|&)[ \t]+")
NAME_PART = re.compile(r"[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*)*")


def split_joined_names(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Facebook and Google", "Vedanta Resources, Glencore": an ORG the model ran over "and", "&" or a comma into
    further names is one name per part when the document writes every part as a name of its own elsewhere (each
    part takes the label it has there); "Procter & Gamble", "Ministry of Economy, Trade and Industry" stay whole."""
    labels = _label_counts([m for m in mentions if m.label in NAME_LABELS + ("PRODUCT",)])
    split: list[Mention] = []
    for m in mentions:
        parts = _joined_parts(m, rules) if m.label == "ORG" and m.text not in rules.curated_names else []
        if len(parts) > 1 and len({p for p, _ in parts}) == len(parts) and all(p in labels for p, _ in parts):
            split += [Mention(labels[p].most_common(1)[0][0], m.start + offset, m.start + offset + len(p),
                              p, "org-split-joined-names") for p, offset in parts]
        else:
            split.append(m)
    return split


def _joined_parts(m: Mention, rules: EntityRules) -> list[tuple[str, int]]:
    """The names `m` joins, with their offsets in it; none when a part is no capitalised name."""
    parts, position = [], 0
    for joiner in [*JOINER.finditer(m.text), None]:
        end = joiner.start() if joiner else len(m.text)
        part = m.text[position:end]
        if not NAME_PART.fullmatch(part) or part.lower() in rules.legal_forms:
            return []
        parts.append((part, position))
        position = joiner.end() if joiner else end
    return parts


def repeat_org_forms(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """A name the document tags as an ORG once is an ORG wherever else it is written the same way, and so
    is its short form ("Acme" of "Acme Technologies Inc."); a curated acronym ("IMF") or known name
    ("Twitter") always is one, whatever else the model read it as."""
    tagged = {m.text for m in mentions if m.label == "ORG" and len(m.text) >= 2 and m.text[0].isupper()}
    prose = prose_of(text)
    forms = {form: "org-repeated-form" for form in tagged}
    for form in tagged:
        short = _short_form(form, rules)
        if short and short not in forms and not prose.writes(short.lower()):
            forms[short] = "org-short-form"
    terms = acronym_terms(text)
    curated = {a for alias in rules.org_aliases for a in alias.aliases  # "UN" only where "United Nations" is too
               if a.isupper() and (len(a) >= 3 or alias.name in text) and a not in terms}
    forms.update({a: "org-curated-alias" for a in curated if a not in forms})
    forms.update({name: "org-known-name" for name in rules.known_names if name not in forms})
    found: list[Mention] = []
    for form, source in sorted(forms.items(), key=lambda item: len(item[0]), reverse=True):
        for start, end in standalone_hits(form, text):
            candidate = Mention("ORG", start, end, form, source)
            inside = source != "org-curated-alias" and inside_capitalised_run(text, start, end)
            if inside or inside_hyphenated_name(candidate, text) or overlaps(start, end, found):
                continue
            if source == "org-known-name":  # "Twitter" the model read as a person
                mentions = _without_other_reading(mentions, start, end)
            if not overlaps(start, end, mentions):
                found.append(candidate)
    return mentions + found


def _without_other_reading(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions without the model's non-ORG reading of exactly text[start:end], if that is all there is
    at that place; unchanged otherwise."""
    clashing = [m for m in mentions if m.start < end and start < m.end]
    if clashing and all((m.start, m.end) == (start, end) and m.label != "ORG" for m in clashing):
        return without(mentions, clashing)
    return mentions


# The characters that may not touch a repeated name: word characters, "&", hyphens and dashes, and
# before it also "." "@" "#" (a domain, a handle, a hashtag). Brackets and commas may.
_TOUCHING_BEFORE = re.compile(rf"[\w&.@#{re.escape(HYPHENS)}]")
_TOUCHING_AFTER = re.compile(rf"[\w&{re.escape(HYPHENS)}]")


def standalone_hits(form: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each time a (non-empty) name is written on its own, found with str.find rather
    than a regex compiled for every name of every document."""
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if (start == 0 or not _TOUCHING_BEFORE.match(text, start - 1)) \
                and (end == len(text) or not _TOUCHING_AFTER.match(text, end)):
            yield start, end
            start = text.find(form, end)
        else:
            start = text.find(form, start + 1)


def _short_form(name: str, rules: EntityRules) -> str | None:
    """ "Acme" of "Acme Technologies Inc." or "Acme Motors": the name without its trailing organisation
    and company-form words, when what is left is one distinctive word."""
    words = name.replace(" ,", ",").split()
    tail = rules.short_form_tails | {d.lower().rstrip(".") for d in rules.designators}
    while len(words) > 1 and words[-1].lower().strip(".,") in tail | {"", "."}:
        words = words[:-1]
    short = " ".join(words).rstrip(",")
    if len(words) != 1 or short == name or len(short) < 3 or short.lower() in rules.title_words | tail:
        return None
    return short


def lowercase_aliases(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """In the lower-case stretches of an article, curated acronyms ("eu") are still organisations, whatever the
    model read them as (a lower-case "eu" is often a PERSON to it)."""
    stretches = lowercase_lines(text)
    if not stretches:
        return mentions
    forms = {a.lower() for alias in rules.org_aliases for a in alias.aliases if a.isupper() and len(a) >= 2}
    forms |= {name.lower() for name in rules.known_names if " " not in name}
    found = []
    for t in doc:
        start, end = t.idx, t.idx + len(t.text)
        if t.text not in forms or not any(a <= start < b for a, b in stretches):
            continue
        candidate = Mention("ORG", start, end, t.text, "org-alias-lowercase")
        if inside_hyphenated_name(candidate, text):
            continue
        mentions = _without_other_reading(mentions, start, end)
        if not overlaps(start, end, mentions):
            found.append(candidate)
    return mentions + found


SENTENCE_START = re.compile(r"(?:^|[.!?][ \t]+)[ \t]*([A-Za-z])")


def lowercase_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line written in lower case: more of its sentences start in lower case than in
    upper case, in an article with at least three such sentences. Spaced abbreviations ("U.S . accounts")
    start a few lower-case "sentences" in any article, never most of a line's."""
    lines, offset = [], 0
    for line in text.split("\n"):
        starts = [c.islower() for c in SENTENCE_START.findall(line)]
        lines.append((offset, offset + len(line), sum(starts), len(starts) - sum(starts)))
        offset += len(line) + 1
    if sum(lower for *_, lower, _ in lines) < 3:
        return []
    return [(start, end) for start, end, lower, upper in lines if lower > upper]

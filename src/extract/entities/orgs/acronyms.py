"""Acronyms on ORG mentions: an acronym defined after its long form is an organisation wherever it is
written, and so is the long form; one defined after a lower-case term is no name."""

from __future__ import annotations

import re

from extract.core.mention import Mention, overlaps
from extract.entities.name_context import inside_capitalised_run
from extract.entities.orgs.names import ACRONYM_DEF, initials_match, long_form_before
from extract.entities.orgs.records import initials_of
from extract.entities.rules import EntityRules


def type_acronyms(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """An acronym defined in brackets after its long form ("… Agency (JAXA)") links both ways: the long form
    is an ORG when the acronym or the long form is one, and the acronym is an ORG wherever it occurs."""
    orgs = [m for m in mentions if m.label == "ORG"]
    org_texts = {m.text for m in orgs}
    acronyms: set[str] = set()
    added: list[Mention] = []
    for match in ACRONYM_DEF.finditer(text):
        acronym = match["acr"]
        if any(0 <= match.start() - m.end <= 2 and initials_match(acronym, m.text) for m in orgs):
            acronyms.add(acronym)
            continue
        long_form = _long_form_mention(acronym, text, match.start(), rules)
        if long_form is None or overlaps(long_form.start, long_form.end, [m for m in mentions if m.label == "PERSON"]):
            continue
        words = long_form.text.lower().split()
        if acronym in org_texts or long_form.text in org_texts or words[-1] in rules.org_words:
            acronyms.add(acronym)
            added.append(long_form)
    typed = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)] + added
    typed = [m.relabelled("ORG", "org-acronym-defined") if m.text in acronyms and m.label != "ORG" else m
             for m in typed]
    for acronym in sorted(acronyms):
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if not overlaps(hit.start(), hit.end(), typed):
                typed.append(Mention("ORG", hit.start(), hit.end(), acronym, "org-acronym-defined"))
    return typed


def add_initialisms(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "the FT" in an article that names the "Financial Times": a capital-letter word made of exactly the
    initials of an organisation's name in the same article (`records.initials_of`: "FBI" of "Federal Bureau of
    Investigation") is that organisation, where nothing else was read there and it is not part of a longer
    capitalised name ("NIAF Gala Weekend")."""
    initialisms = {i for m in mentions if m.label == "ORG" for i in initials_of(m.text, rules)} - acronym_terms(text)
    added: list[Mention] = []
    for initialism in sorted(i for i in initialisms if i in text):  # no search for initials never written
        for hit in re.finditer(rf"(?<![\w&.\-–]){re.escape(initialism)}(?![\w&\-–]|\.\w)", text):
            if not overlaps(hit.start(), hit.end(), mentions + added) \
                    and not inside_capitalised_run(text, hit.start(), hit.end()):
                added.append(Mention("ORG", hit.start(), hit.end(), initialism, "org-initialism"))
    return mentions + added


def _long_form_mention(acronym: str, text: str, bracket: int, rules: EntityRules) -> Mention | None:
    """The Schwartz–Hearst long form right before "(ACR)", when it is written as a proper name."""
    line_start = text.rfind("\n", 0, bracket) + 1
    before = text[line_start:bracket].rstrip()
    found = long_form_before(acronym, re.split(r"[,;:.!?()\"“”]", before)[-1])
    if not found:
        return None
    found = re.sub(r"^(?:the|The)\s+", "", found)
    words = found.split()
    if not words or not all(w[0].isupper() or w.lower() in rules.connectors for w in words):
        return None
    end = line_start + len(before)
    return Mention("ORG", end - len(found), end, found, "org-acronym-long-form")


def drop_acronyms_of_terms(mentions: list[Mention], text: str) -> list[Mention]:
    """An acronym the text defines as a common term ("price to earnings growth (PEG)") is no ORG there."""
    terms = acronym_terms(text)
    return [m for m in mentions if not (m.label == "ORG" and m.text in terms)]


def acronym_terms(text: str) -> set[str]:
    """Acronyms defined in brackets after a lower-case long form: terms, not names."""
    terms = set()
    for match in ACRONYM_DEF.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = re.split(r"[,;:.!?()\"“”]", text[line_start:match.start()].rstrip())[-1]
        long_form = long_form_before(match["acr"], before)
        if long_form and len(long_form.split()) > 1 and sum(w[0].islower() for w in long_form.split()[1:]) \
                and not any(w[0].isupper() for w in long_form.split()[1:]):
            terms.add(match["acr"])
    return terms

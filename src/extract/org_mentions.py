"""Rules on ORG mentions: what is not an organisation, and where a name really starts and ends."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .entity_rules import EntityRules
from .mention import Mention, overlaps

POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$")
ACRONYM_DEF = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
HYPHENS = "-–"


def apply_org_rules(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """Every document-level ORG rule, in order (per-entity cleaning happens earlier, in clean_org)."""
    mentions = drop_heading_only_orgs(mentions, text)
    mentions = type_acronyms(mentions, text)
    return mentions + lowercase_aliases(doc, mentions, rules, text)


def clean_org(m: Mention, ent: Span, text: str, rules: EntityRules) -> list[Mention]:
    """The mention cleaned, dropped ([]), or split into an owner and the rest of a possessive."""
    lead = re.match(r"(?:[a-z]\w*\s+)+(?=[A-Z])", m.text)  # "wherethe European Commission …"
    if lead:
        m = m.shifted(text, m.start + lead.end(), m.end, "org-trim-lowercase-lead")
    found: list[Mention] = []
    possessive = POSSESSIVE.match(m.text)
    if possessive:
        owner = m.shifted(text, m.start, m.start + len(possessive["owner"]), "org-possessive-owner")
        if _is_org_name(owner.text, rules):
            found.append(owner)
        rest = m.shifted(text, m.start + possessive.start("rest"), m.end, "org-strip-possessive")
        fragment = rest.end < len(text) and (text[rest.end].isalnum() or text[rest.end] in HYPHENS)
        if fragment or not rest.text[:1].isupper() or rest.text.split()[0][-1:] in HYPHENS:
            return found  # "Japan's Cross" of "Japan's Cross-ministerial …"
        m = rest
    if rules.org_filter_for(m.text) or _inside_minister_title(ent) or inside_hyphenated_name(m, text):
        return found
    for alias in rules.org_aliases:  # "European Commission for Tech Sovereignty" (a role's portfolio)
        if m.text.startswith(alias.name + " for "):
            m = m.shifted(text, m.start, m.start + len(alias.name), "org-trim-portfolio")
    return found + [m]


def _is_org_name(text: str, rules: EntityRules) -> bool:
    words = text.lower().split()
    known = {a.name.lower() for a in rules.org_aliases} | {x.lower() for a in rules.org_aliases for x in a.aliases}
    return text.isupper() and len(text) >= 2 or text.lower() in known or bool(set(words) & rules.org_words)


def inside_hyphenated_name(m: Mention, text: str) -> bool:
    """ "EU" in "EU-Japan Digital Partnership": part of a longer proper name, not an ORG itself."""
    after = re.match(rf"[{HYPHENS}][A-Z][\w&]*\s+[A-Z]", text[m.end:m.end + 40])
    before = re.search(rf"[A-Z][\w&]*[{HYPHENS}]$", text[max(0, m.start - 20):m.start])
    continues = re.match(r"\s+[A-Z]", text[m.end:m.end + 3])
    return bool(after) or bool(before and continues)


def _inside_minister_title(ent: Span) -> bool:
    """ORG fragments of a portfolio title: "Minister of Education, Culture, Sports, …"."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 12:
        token = doc[i]
        if token.lower_ in ("minister", "ministers", "secretary", "commissioner"):
            return True
        if not (token.is_title or token.is_punct or token.lower_ in ("of", "for", "and", "the", ",")):
            return False
        i -= 1
    return False


def heading_lines(text: str) -> list[tuple[int, int]]:
    """Short title-case lines with no closing stop: section headings and titles."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        words = stripped.split()
        long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
        if (words and line.endswith("\n") and len(words) <= 16 and not stripped.endswith((".", "!", "?", "*"))
                and long_words and sum(w[0].isupper() for w in long_words) * 3 >= len(long_words) * 2):
            spans.append((offset, offset + len(line)))
        offset += len(line)
    return spans


def drop_heading_only_orgs(mentions: list[Mention], text: str) -> list[Mention]:
    """An ORG seen only in headings ("Lessons & Best Practices") is a phrase of the title, not a body."""
    headings = heading_lines(text)
    in_heading = lambda m: any(s <= m.start < e for s, e in headings)  # noqa: E731
    body_forms = {m.text.lower() for m in mentions if m.label == "ORG" and not in_heading(m)}
    return [m for m in mentions if not (m.label == "ORG" and in_heading(m) and m.text.lower() not in body_forms)]


def type_acronyms(mentions: list[Mention], text: str) -> list[Mention]:
    """An acronym defined after an ORG ("… Agency (JAXA)") is an ORG wherever it occurs."""
    orgs = [m for m in mentions if m.label == "ORG"]
    acronyms = {match["acr"] for match in ACRONYM_DEF.finditer(text)
                if any(0 <= match.start() - m.end <= 2 and initials_match(match["acr"], m.text) for m in orgs)}
    typed = [m.relabelled("ORG", "org-acronym-defined") if m.text in acronyms and m.label != "ORG" else m
             for m in mentions]
    for acronym in sorted(acronyms):
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if not overlaps(hit.start(), hit.end(), typed):
                typed.append(Mention("ORG", hit.start(), hit.end(), acronym, "org-acronym-defined"))
    return typed


def initials_match(acronym: str, long_form: str) -> bool:
    """Schwartz–Hearst style check: the acronym's letters appear in order, the first at a word start."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = [w for w in re.split(r"[\s\-]+", long_form) if w]
    if not letters or not words or words[0][0].lower() != letters[0]:
        return False
    position, flat = 0, " ".join(words).lower()
    for letter in letters:
        position = flat.find(letter, position)
        if position == -1:
            return False
        position += 1
    return True


def lowercase_aliases(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """In an all-lower-case article, curated acronyms ("eu") are still organisations."""
    starts = re.findall(r"(?:^|[.!?]\s+|\n)\s*([A-Za-z])", text)
    if sum(c.islower() for c in starts) < 3:
        return []
    forms = {a.lower() for alias in rules.org_aliases for a in alias.aliases if a.isupper() and len(a) >= 2}
    return [Mention("ORG", t.idx, t.idx + len(t.text), t.text, "org-alias-lowercase")
            for t in doc if t.text in forms and not overlaps(t.idx, t.idx + len(t.text), mentions)
            and not inside_hyphenated_name(Mention("ORG", t.idx, t.idx + len(t.text), t.text, ""), text)]

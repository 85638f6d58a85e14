"""One ORG entity of the model, cleaned on its own: trimmed to the name, split where it holds several
names or page text, or dropped with the id of the check that says it is no organisation."""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Span

from extract.core.mention import Mention
from extract.entities.orgs.names import conjoined_names, designator_end, quote_inside, repeated_halves
from extract.entities.rules import EntityRules

# "PRAGUE - Czech National Bank", "BST - UK Markets": a place or time zone in capitals and a dash before a name
DATELINE_LEAD = re.compile(r"^[A-Z][A-Z.'’]{2,}(?:[ \t]+[A-Z][A-Z.'’]+)*[ \t]+[-–—]{1,2}[ \t]+(?=[A-Z])")
OPEN_BRACKET = re.compile(r"[ \t]*\([^)]*$")  # "Swiss National Bank (SNB": a bracket the span does not close
POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$")
HYPHENS = "-–"


def split_org(m: Mention, text: str, rules: EntityRules) -> list[Mention]:
    """One ORG span that holds several names or page text: "Acme Share" (page button), "Acme AG ACM -0.5%"
    (a price quote), "Acme Hotel Acme Hotel" (a heading run into the text), "Acme Capital and Brix Partners"."""
    chrome = rules.chrome_words("ORG")
    words = list(re.finditer(r"\S+", m.text))
    cut = next((w.start() for w in words if w.group() in chrome), None)
    if cut is not None:
        if cut == 0 or m.text[:cut].split()[-1][:1].islower():
            return []  # "Leave a Reply", "click here to Share": page text before the button, not a name
        m = m.shifted(text, m.start, m.start + len(m.text[:cut].rstrip(" /|:-–,;")), "org-trim-page-text")
    closed = _cut_after_closing_designator(m, text, rules)
    if closed is not None:
        return closed
    quote = quote_inside(m.text)
    if quote:
        parts = [(0, quote.start()), (quote.start("tk"), quote.end("tk")), (quote.end(), len(m.text))]
        return [m.shifted(text, m.start + a + (len(m.text[a:b]) - len(m.text[a:b].lstrip())),
                          m.start + a + len(m.text[a:b].rstrip()), "org-split-quote")
                for a, b in parts if m.text[a:b].strip()[:1].isupper()]
    half = repeated_halves(m.text)
    if half is not None:
        return [m.shifted(text, m.start, m.start + len(m.text[:half].rstrip()), "org-split-repeat"),
                m.shifted(text, m.start + half, m.end, "org-split-repeat")]
    person = _trailing_person(m, text, rules)
    if person is not None:
        return person
    joined = conjoined_names(m.text, rules.org_words | {d.lower() for d in rules.designators})
    if joined is not None:
        return [m.shifted(text, m.start, m.start + joined[0], "org-split-conjoined"),
                m.shifted(text, m.start + joined[1], m.end, "org-split-conjoined")]
    return [m]


def _trailing_person(m: Mention, text: str, rules: EntityRules) -> list[Mention] | None:
    """ "Acme Workers Union Jane Roe": an ORG run into the name of a person (a given name and a capitalised
    word at its end) is the organisation and the person."""
    words = list(re.finditer(r"\S+", m.text))
    if len(words) < 3 or words[-2].group() not in rules.given_names or not words[-1].group()[:1].isupper() \
            or words[-3].group().lower() in rules.connectors or words[-1].group().lower() in rules.org_words:
        return None
    head = m.text[:words[-2].start()].rstrip(" /|:;,-–")  # "REUTERS / Jane Roe"
    if not head:
        return None
    org = m.shifted(text, m.start, m.start + len(head), "org-split-person")
    person = m.shifted(text, m.start + words[-2].start(), m.end, "org-split-person").relabelled("PERSON", "org-split-person")
    return [org, person]


def _cut_after_closing_designator(m: Mention, text: str, rules: EntityRules) -> list[Mention] | None:
    """ "Acme Stores Inc China Resources" -> "Acme Stores Inc" and "China Resources"; "Acme Health Inc
    Earnings Call" -> "Acme Health Inc": nothing of a name comes after "Inc", "PLC", "GmbH"."""
    words = list(re.finditer(r"\S+", m.text))
    for form, following in zip(words[1:], words[2:]):
        if (form.group() in rules.closing_designators and following.group()[:1].isupper()
                and following.group() not in rules.designators):
            end = designator_end(text, m.start + form.end(), rules.designators)
            found = [m.shifted(text, m.start, end, "org-split-after-designator")]
            rest = m.shifted(text, m.start + following.start(), m.end, "org-split-after-designator")
            return found + (split_org(rest, text, rules) if _is_org_name(rest.text, rules) else [])
    return None


def clean_org(m: Mention, ent: Span, text: str, rules: EntityRules) -> tuple[list[Mention], str]:
    """The mention cleaned, dropped ([]), or split into an owner and the rest of a possessive; with the id of
    the check that removed what is no longer there ("" when nothing was removed)."""
    # "wherethe European Commission", "pro-Beijing X"; not a camel-case name word ("iPod Touch", "eBay Inc")
    lead = re.match(r"(?:(?![a-z]+[A-Z])[a-z][\w-]*\s+)+(?=[A-Z])", m.text)
    if lead:
        m = m.shifted(text, m.start + lead.end(), m.end, "org-trim-lowercase-lead")
    dateline = DATELINE_LEAD.match(m.text)
    if dateline:
        m = m.shifted(text, m.start + dateline.end(), m.end, "org-trim-dateline")
    opened = OPEN_BRACKET.search(m.text)
    if opened and opened.start() > 0:
        m = m.shifted(text, m.start, m.start + opened.start(), "org-trim-open-bracket")
    m = _trim_verbs(m, ent, text)
    m = _mend_connector_end(m, text, rules)
    found: list[Mention] = []
    possessive = POSSESSIVE.match(m.text)
    if possessive and possessive["owner"].split()[-1] not in rules.name_possessives:  # "People's Bank of …"
        owner = m.shifted(text, m.start, m.start + len(possessive["owner"].rstrip()), "org-possessive-owner")
        if _is_org_name(owner.text, rules):
            found.append(owner)
        rest = m.shifted(text, m.start + possessive.start("rest"), m.end, "org-strip-possessive")
        fragment = rest.end < len(text) and (text[rest.end].isalnum() or text[rest.end] in HYPHENS)
        if fragment or not rest.text[:1].isupper() or rest.text.split()[0][-1:] in HYPHENS:
            return found, "org-possessive-fragment"  # "Japan's Cross" of "Japan's Cross-ministerial …"
        if not _is_org_name(rest.text, rules) and not any(w.isupper() and len(w) > 2 for w in rest.text.split()):
            return found, "org-possessive-not-a-body"  # "Acme's Make Work Pay campaign"
        m = rest
    not_org = (rules.org_filter_for(m.text) or ("org-inside-minister-title" if _inside_minister_title(ent, rules) else "")
               or ("org-inside-hyphenated-name" if inside_hyphenated_name(m, text) else ""))
    if not_org:
        return found, not_org
    for alias in rules.org_aliases:  # "European Commission for Tech Sovereignty" (a role's portfolio)
        if m.text.startswith(alias.name + " for "):
            m = m.shifted(text, m.start, m.start + len(alias.name), "org-trim-portfolio")
    parts = split_org(m, text, rules)
    return found + parts, "" if parts else "org-page-text"


# the capitalised words that follow a name cut after "&", "of", "for": "Standard &" + "Poor's"
_CUT_NAME_REST = re.compile(r"[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}")


def _mend_connector_end(m: Mention, text: str, rules: EntityRules) -> Mention:
    """A name never ends in a connector: "Standard &", "Bank of" (cut before their last words) take in the
    capitalised words that follow; "Department of Labor and" (run into a conjunction) loses the connector."""
    words = m.text.split()
    if len(words) < 2 or words[-1] not in rules.connectors:  # as written: "For" of a title-case headline is none
        return m
    rest = _CUT_NAME_REST.match(text, m.end)
    if rest and words[-1].lower() in ("&", "of", "for", "de"):
        return m.shifted(text, m.start, rest.end(), "org-extend-cut-name")
    head = m.text[:m.text.rstrip().rfind(words[-1])].rstrip(" ,")
    return m.shifted(text, m.start, m.start + len(head), "org-trim-connector")


def _trim_verbs(m: Mention, ent: Span, text: str) -> Mention:
    """ "Imagine Acme", "Acme Motors Headed" (a headline in title case): a verb at either end of an ORG
    span is not part of the name."""
    tokens = [t for t in ent if m.start <= t.idx and t.idx + len(t.text) <= m.end]
    first, last = 0, len(tokens)
    while first < last - 1 and tokens[first].pos_ == "VERB":
        first += 1
    while last - 1 > first and (tokens[last - 1].pos_ == "VERB" or all(
            unicodedata.category(c) in ("Co", "Cn") for c in tokens[last - 1].text)):  # private-use glyphs
        last -= 1
    if tokens and (first, last) != (0, len(tokens)):
        end = tokens[last - 1].idx + len(tokens[last - 1].text)
        return m.shifted(text, tokens[first].idx, end, "org-trim-verb")
    return m


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


def _inside_minister_title(ent: Span, rules: EntityRules) -> bool:
    """ORG fragments of a portfolio title: "Minister of Education, Culture, Sports, …"."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 12:
        token = doc[i]
        if token.lower_ in rules.minister_titles:
            return True
        if not (token.is_title or token.is_punct or token.lower_ in rules.connectors or token.text in rules.role_punctuation):
            return False
        i -= 1
    return False

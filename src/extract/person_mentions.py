"""Rules on PERSON mentions: titles stripped, names the model missed recovered, non-names dropped."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .entity_rules import EntityRules
from .mention import Mention, overlaps
from .org_mentions import heading_lines

NAME_TOKEN = re.compile(r"^[A-Z][a-zà-ÿ'’\-]+$|^[A-Z]\.$")


def apply_person_rules(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """Every document-level PERSON rule, in order."""
    mentions = relabel_role_appositions(doc, mentions, rules)
    mentions = strip_titles(mentions, text, rules)
    mentions = recover_people(doc, mentions, rules, text)
    mentions = extend_given_names(doc, mentions, rules, text)
    mentions = drop_common_words(mentions, text)
    mentions = link_known_names(doc, mentions, text)
    mentions = drop_unlinked_single_names(mentions, doc, rules)
    return [m for m in mentions if not (m.label == "PERSON" and _in_heading_only(m, mentions, text))]


def _in_heading_only(m: Mention, mentions: list[Mention], text: str) -> bool:
    headings = heading_lines(text)
    if not any(s <= m.start < e for s, e in headings):
        return False
    return not any(o.text == m.text and o is not m and not any(s <= o.start < e for s, e in headings)
                   for o in mentions if o.label == "PERSON")


def strip_titles(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    cleaned = []
    for m in mentions:
        if m.label == "PERSON":
            words = m.text.split()
            skip = 0
            while skip < len(words) - 1 and words[skip].lower().rstrip(",") in rules.titles | rules.honorifics:
                skip += 1
            if skip:
                start = m.start + m.text.index(words[skip], len(" ".join(words[:skip])))
                m = m.shifted(text, start, m.end, "person-strip-title")
        cleaned.append(m)
    return cleaned


def _name_run(doc: Doc, first: int, limit: int, rules: EntityRules) -> list[int]:
    """Token indexes of a run of capitalised name words starting at `first`."""
    run = []
    for token in doc[first: first + limit]:
        if not NAME_TOKEN.match(token.text) or token.lower_ in rules.titles or token.lower_ in rules.org_words:
            break
        run.append(token.i)
    return run


def _span_mention(doc: Doc, first: int, last: int, source: str, text: str) -> Mention:
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return Mention("PERSON", start, end, text[start:end], source)


def recover_people(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """Names after a title ("President Teruo Fujii"), in bylines ("Written by Jane Roe") and before a
    party bracket ("Jane Roe (EPP, Germany)")."""
    found: list[Mention] = []
    bylines = {tuple(w.split()) for w in rules.byline_words}
    for token in doc:
        run: list[int] = []
        source = ""
        if token.is_title and token.lower_ in rules.titles | rules.honorifics:
            run, source = _name_run(doc, token.i + 1, 3, rules), "person-after-title"
        elif any(tuple(t.lower_ for t in doc[token.i: token.i + len(b)]) == b for b in bylines) and token.is_sent_start:
            length = next(len(b) for b in sorted(bylines, key=len, reverse=True)
                          if tuple(t.lower_ for t in doc[token.i: token.i + len(b)]) == b)
            run, source = _name_run(doc, token.i + length, 4, rules), "person-byline"
            run = run if len(run) >= 2 else []
        elif token.text == "(" and re.match(r"\(\s*[A-Z][A-Za-z&]{1,8}\s*,\s*[A-Z]", doc.text[token.idx: token.idx + 20]):
            back = [t.i for t in reversed(doc[max(0, token.i - 3): token.i]) if NAME_TOKEN.match(t.text)]
            run, source = (sorted(back) if len(back) >= 2 else []), "person-party-bracket"
        if run and doc[run[-1]].pos_ in ("PROPN", "NOUN"):
            candidate = _span_mention(doc, run[0], run[-1], source, text)
            clashing = [m for m in mentions + found if m.start < candidate.end and candidate.start < m.end]
            if all(m.label == "PERSON" or m.label in ("ORG", "GPE", "NORP") and source == "person-party-bracket"
                   for m in clashing):
                mentions = [m for m in mentions if m not in clashing]
                found = [m for m in found if m not in clashing] + [candidate]
    return mentions + found


def relabel_role_appositions(doc: Doc, mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Ambassador to the EU, Katsutoshi Aikawa," tagged ORG: a name in apposition to a role is a person."""
    relabelled = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if (m.label in ("ORG", "GPE", "NORP") and span is not None and 2 <= len(span) <= 3
                and all(NAME_TOKEN.match(t.text) for t in span)
                and not any(t.lower_ in rules.org_words for t in span)
                and span.start > 0 and doc[span.start - 1].text == ","
                and any(t.lower_ in rules.titles for t in doc[max(0, span.start - 8): span.start - 1])):
            m = m.relabelled("PERSON", "person-role-apposition")
        relabelled.append(m)
    return relabelled


def link_known_names(doc: Doc, mentions: list[Mention], text: str) -> list[Mention]:
    """Other occurrences of a person's full name or surname ("Kiuchi emphasised …") are that person."""
    people = [m for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2]
    forms = {m.text.split()[-1] for m in people}
    found = []
    for form in sorted(forms, key=len, reverse=True):
        for hit in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if not overlaps(hit.start(), hit.end(), mentions + found):
                found.append(Mention("PERSON", hit.start(), hit.end(), hit.group(), "person-known-name"))
    return mentions + found


def extend_given_names(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """ "Eszter Lakos" tagged "Lakos": a capitalised proper noun right before a surname joins it."""
    extended = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if m.label == "PERSON" and span is not None and len(span) == 1 and span.start > 0:
            before = doc[span.start - 1]
            if (before.pos_ == "PROPN" and NAME_TOKEN.match(before.text) and not before.ent_type_
                    and before.lower_ not in rules.titles | rules.honorifics and not before.is_sent_start):
                m = Mention("PERSON", before.idx, m.end, text[before.idx:m.end], "person-extend-given-name")
        extended.append(m)
    return extended


def drop_common_words(mentions: list[Mention], text: str) -> list[Mention]:
    """A "name" with an acronym in it ("Advancing EU"), or most of whose words the article also
    writes in lower case ("Performance Computing"), is not a person's name."""
    kept = []
    for m in mentions:
        if m.label == "PERSON" and m.text[:1].isupper():
            words = [w for w in re.findall(r"[A-Za-z]+", m.text) if len(w) > 2]
            lowered = sum(bool(re.search(rf"(?<![\w-]){w.lower()}(?![\w-])", text)) for w in words)
            has_acronym = any(re.fullmatch(r"[A-Z]{2,}", w) for w in m.text.split())
            if has_acronym or (words and lowered * 2 > len(words)):
                continue
        kept.append(m)
    return kept


def drop_unlinked_single_names(mentions: list[Mention], doc: Doc, rules: EntityRules) -> list[Mention]:
    """A one-word PERSON is kept only as a short form of a full name or right after a title."""
    full_names = [m.text.split() for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1]
    kept = []
    for m in mentions:
        if m.label == "PERSON" and len(m.text.split()) == 1 and m.source != "person-after-title":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            after_title = span is not None and span.start > 0 and doc[span.start - 1].lower_ in rules.titles
            if not (any(m.text in words for words in full_names) or after_title) or not m.text[:1].isupper():
                continue
        kept.append(m)
    return kept

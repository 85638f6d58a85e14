"""From a parsed spaCy Doc to clean entity mentions: boundaries fixed, non-entities dropped,
acronyms typed, people after titles recovered, date lists split."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from .entity_rules import EntityRules
from .lexicon import TemporalLexicon

LABELS = ("PERSON", "ORG", "GPE", "LOC", "DATE", "TIME", "MONEY")
POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$")
LEADING_THE = re.compile(r"^the\s+", re.I)
ACRONYM_DEF = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&\-]{1,11})\s*\)")


@dataclass(frozen=True)
class Mention:
    label: str
    start: int
    end: int
    text: str
    source: str  # the model, or the id of the rule that produced or changed it

    def shifted(self, doc_text: str, start: int, end: int, source: str | None = None) -> "Mention":
        return replace(self, start=start, end=end, text=doc_text[start:end], source=source or self.source)


def extract_mentions(doc: Doc, rules: EntityRules, lex: TemporalLexicon, model: str, text: str = "") -> list[Mention]:
    """`text` is the document as read (the Doc may have been parsed from a same-length cleaned copy)."""
    text = text or doc.text
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        source = ent.id_ or model
        mention = _trim(Mention(ent.label_, ent.start_char, ent.end_char, ent.text, source), text, lex)
        if mention is None:
            continue
        if mention.label == "ORG":
            mention = _clean_org(mention, ent, text, rules)
        elif mention is not None and mention.label == "PERSON" and _is_heading(mention, text):
            mention = None
        if mention is not None and not rules.not_entity_rule(mention.text, mention.label):
            mentions.extend(_split_date_list(mention, text, lex) if mention.label == "DATE" else [mention])
    mentions = _type_acronyms(mentions, text)
    mentions = _strip_person_titles(mentions, text, rules)
    mentions.extend(_people_after_titles(doc, mentions, rules))
    mentions = _drop_unlinked_single_names(mentions, doc, rules)
    return sorted(_drop_overlaps(mentions), key=lambda m: (m.start, m.end))


def _drop_unlinked_single_names(mentions: list[Mention], doc: Doc, rules: EntityRules) -> list[Mention]:
    """A one-word PERSON is kept only as a short form of a full name or right after a title."""
    full_names = [m.text.split() for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1]
    kept = []
    for m in mentions:
        if m.label == "PERSON" and len(m.text.split()) == 1 and m.source != "person-after-title":
            linked = any(m.text in words for words in full_names)
            before = doc.char_span(m.start, m.end, alignment_mode="expand")
            after_title = before is not None and before.start > 0 and doc[before.start - 1].lower_ in rules.titles
            if not (linked or after_title) or not m.text[:1].isupper():
                continue
        kept.append(m)
    return kept


def _trim(m: Mention, text: str, lex: TemporalLexicon) -> Mention | None:
    start, end = m.start, m.end
    if "\n" in text[start:end]:  # an entity never runs across a line break
        end = start + text[start:end].index("\n")
    while end > start and text[end - 1] in " ,.;:)(\"'’“”-–":
        if text[end - 1] == "." and m.label in ("PERSON", "ORG") and re.search(r"\b[A-Z]\.$", text[start:end]):
            break
        end -= 1
    while start < end and text[start] in " ,;:(\"'“”‘":
        start += 1
    lead = LEADING_THE.match(text[start:end])
    if lead and m.label in ("ORG", "PERSON", "GPE", "LOC", "MONEY"):
        start += lead.end()
    if m.label in ("DATE", "TIME"):
        words = sorted(lex.leading_words, key=len, reverse=True)
        lead_word = re.match(rf"(?:{'|'.join(map(re.escape, words))})\s+", text[start:end], re.I)
        if lead_word:
            start += lead_word.end()
    if m.label in ("PERSON", "ORG"):
        end = start + len(re.sub(r"['’]s$", "", text[start:end]))
    if end <= start:
        return None
    return m.shifted(text, start, end)


def _clean_org(m: Mention, ent: Span, text: str, rules: EntityRules) -> Mention | None:
    possessive = POSSESSIVE.match(m.text)
    if possessive:
        rest_start = m.start + possessive.start("rest")
        if m.end < len(text) and (text[m.end].isalnum() or text[m.end] == "-"):
            return None  # "Japan's Cross" of "Japan's Cross-ministerial …": a fragment
        m = m.shifted(text, rest_start, m.end, "org-strip-possessive")
    if rules.org_filter_for(m.text):
        return None
    for alias in rules.org_aliases:  # "European Commission for Tech Sovereignty" (a role's portfolio)
        if m.text.startswith(alias.name + " for "):
            m = m.shifted(text, m.start, m.start + len(alias.name), "org-trim-portfolio")
    if _is_heading(m, text) or _inside_minister_title(ent):
        return None
    return m


def _is_heading(m: Mention, text: str) -> bool:
    """An ORG that is most of a short title-case line with no final stop is a section heading."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start: line_end if line_end != -1 else len(text)].strip()
    words, span_words = line.split(), m.text.split()
    if len(span_words) < 2 or len(words) > 16 or line.endswith((".", "!", "?")):
        return False
    capitalised = sum(w[:1].isupper() for w in words if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words)
    return capitalised == long_words and len(span_words) * 2 >= len(words)


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


def _split_date_list(m: Mention, text: str, lex: TemporalLexicon) -> list[Mention]:
    """ "Monday 14, Tuesday 15 and Friday 18 July 2025" -> three mentions."""
    weekdays = "|".join(sorted(lex.weekdays, key=len, reverse=True))
    parts = list(re.finditer(rf"\b(?:{weekdays})\b", m.text, re.I))
    separators = re.findall(r",\s|\sand\s", m.text)
    if len(parts) < 2 or not separators:
        return [m]
    pieces = []
    for index, part in enumerate(parts):
        piece_end = parts[index + 1].start() if index + 1 < len(parts) else len(m.text)
        chunk = re.sub(r"(?:,\s*|\s+and\s*|\s+)$", "", m.text[part.start():piece_end])
        start = m.start + part.start()
        pieces.append(m.shifted(text, start, start + len(chunk), "date-list-split"))
    return pieces


def _type_acronyms(mentions: list[Mention], text: str) -> list[Mention]:
    """An acronym defined after an ORG ("… Agency (JAXA)") is an ORG wherever it occurs."""
    orgs = [m for m in mentions if m.label == "ORG"]
    acronyms = set()
    for match in ACRONYM_DEF.finditer(text):
        before = [m for m in orgs if 0 <= match.start() - m.end <= 2]
        if before and _initials_match(match["acr"], before[0].text):
            acronyms.add(match["acr"])
    typed = []
    for m in mentions:
        if m.text in acronyms and m.label != "ORG":
            m = replace(m, label="ORG", source="org-acronym-defined")
        typed.append(m)
    covered = {(m.start, m.end) for m in typed}
    for acronym in acronyms:
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if (hit.start(), hit.end()) not in covered and not _overlaps(hit.start(), hit.end(), typed):
                typed.append(Mention("ORG", hit.start(), hit.end(), acronym, "org-acronym-defined"))
    return typed


def _initials_match(acronym: str, long_form: str) -> bool:
    """Schwartz–Hearst style check: the acronym's letters appear in order, first at a word start."""
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


def _strip_person_titles(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
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


def _people_after_titles(doc: Doc, mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "President Teruo Fujii", "Dr. Jane Roe": capitalised words after a title are a name."""
    found = []
    for token in doc:
        if token.lower_ not in rules.titles | rules.honorifics or not token.is_title:
            continue
        name = []
        for follower in doc[token.i + 1: token.i + 4]:
            if not follower.is_title or follower.lower_ in rules.titles or follower.ent_type_ in ("ORG", "GPE", "NORP"):
                break
            name.append(follower)
        if name and name[-1].pos_ == "PROPN":
            start, end = name[0].idx, name[-1].idx + len(name[-1].text)
            if not _overlaps(start, end, mentions + found):
                found.append(Mention("PERSON", start, end, doc.text[start:end], "person-after-title"))
    return found


def _overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not _overlaps(m.start, m.end, kept):
            kept.append(m)
    return kept

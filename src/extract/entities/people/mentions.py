"""Rules on PERSON mentions: titles stripped, names the model missed recovered, non-names dropped."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.core.mention import Mention, overlaps, without
from extract.core.words import alternation, find_phrase, prose_of
from extract.entities.name_context import heading_lines, inside_capitalised_run
from extract.entities.people.names import PARTICLES, is_name_word, is_title_phrase, leading_titles, name_length, surname
from extract.entities.rules import EntityRules
from extract.nlp.doc_text import doc_text
from extract.nlp.token_table import token_table

OTHER_NAME_LABELS = ("ORG", "GPE", "LOC", "NORP")  # labels the model gives to people's names by mistake
WORD = re.compile(r"\S+")
POSSESSIVE = re.compile(r"['’]s?$")  # "said New Zealand's minister": the owner of the speaker's role
RESULT_LIST = "person-result-list"


def drop_heading_only_people(mentions: list[Mention], text: str) -> list[Mention]:
    """A name written only on heading lines is not a person mentioned in the article (a line of a results
    list looks like a heading, and is kept)."""
    headings = heading_lines(text)
    return [m for m in mentions if not (m.label == "PERSON" and m.source != RESULT_LIST
                                        and _in_heading_only(m, mentions, headings))]


def _in_heading_only(m: Mention, mentions: list[Mention], headings: list[tuple[int, int]]) -> bool:
    if not any(s <= m.start < e for s, e in headings):
        return False
    return not any(o.text == m.text and o is not m and not any(s <= o.start < e for s, e in headings)
                   for o in mentions if o.label == "PERSON")


def strip_titles(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Dr. Michael Jhung" -> "Michael Jhung"; "Chief Executive Jane Roe" -> "Jane Roe"."""
    cleaned = []
    for m in mentions:
        if m.label == "PERSON":
            words = list(WORD.finditer(m.text))
            texts = [w.group() for w in words]
            skip = leading_titles(texts, rules.title_words) or _inner_title_end(texts, rules)
            if 0 < skip < len(words):
                m = m.shifted(text, m.start + words[skip].start(), m.end, "person-strip-title")
        cleaned.append(m)
    return cleaned


def _inner_title_end(words: list[str], rules: EntityRules) -> int:
    """ "Sumo Wrestler Jane Roe": after the last title inside the span, when a name follows it and no given
    name stands before it (so that "Mary King Roe" keeps its middle name)."""
    for k in range(len(words) - 2, 0, -1):
        if (_bare(words[k]) in rules.titles and name_length(words[k + 1:]) == len(words) - k - 1
                and not any(w in rules.given_names for w in words[:k])):
            return k + 1
    return 0


def relabel_speakers(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "said Jane Roe" with "Jane Roe" tagged ORG or GPE: two or three name words right after a speech verb
    are the speaker, a person (unless an organisation word says otherwise)."""
    stop = rules.org_words | {_bare(d) for d in rules.designators}
    relabelled = []
    for m in mentions:
        before = re.search(r"(\w+)[ \t]+$", text[max(0, m.start - 20):m.start])
        words = m.text.split()
        if (m.label in OTHER_NAME_LABELS and before and before.group(1).lower() in rules.speech_verbs
                and not POSSESSIVE.search(m.text) and 2 <= len(words) <= 3 and name_length(words) == len(words)
                and not any(_bare(w) in stop for w in words)):
            m = m.relabelled("PERSON", "person-speaker")
        relabelled.append(m)
    return relabelled


def relabel_titled_names(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Mr Cecil", "Co-Founder Jane Roe" or "Community Safety MEC Jane Roe" tagged ORG: the name after the
    title is a person. What stands before the title stays an ORG when it names one ("Acme CEO Jane Roe")."""
    found: list[Mention] = []
    for m in mentions:
        words = list(WORD.finditer(m.text))
        split = _title_split([w.group() for w in words], rules) if m.label in OTHER_NAME_LABELS else None
        if split is None:
            found.append(m)
            continue
        owner_end, name_start = split
        name = m.shifted(text, m.start + words[name_start].start(), m.end)
        found.append(name.relabelled("PERSON", "person-after-title"))
        if owner_end and m.label == "ORG" and _is_org_like([w.group() for w in words[:owner_end]], rules):
            found.append(m.shifted(text, m.start, m.start + words[owner_end - 1].end(), "org-before-title"))
    return found


def _title_split(words: list[str], rules: EntityRules) -> tuple[int, int] | None:
    """(end of the words before the title, start of the name) when the words end in title + name."""
    for k in range(len(words) - 1):
        titles = leading_titles(words[k:], rules.title_words)
        if not titles:
            continue
        name = words[k + titles:]
        honorific = words[k].lower() in rules.honorifics
        if (name and name_length(name) == len(name) and len(name) <= 4 and (honorific or k or len(name) > 1)
                and not any(_bare(w) in rules.org_words or w.rstrip(",") in rules.designators for w in name)):
            return k, k + titles
    return None


def _bare(word: str) -> str:
    return word.lower().strip(".,")


def _is_org_like(words: list[str], rules: EntityRules) -> bool:
    return any(_bare(w) in rules.org_words for w in words) or any(len(w) >= 2 and w.isupper() for w in words)


def trim_person_tails(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Jane Roe July 7" or "Jane Roe TMFRoe": a name ends at the first word that cannot be part of it; so it
    does before a pronoun or page word after two name words ("Jane Roe She was", "Jane Roe Image")."""
    enders = rules.name_enders | rules.chrome_words("PERSON")
    trimmed = []
    for m in mentions:
        if m.label == "PERSON":
            words = list(WORD.finditer(m.text))
            length = name_length([w.group() for w in words])
            length = next((i for i, w in enumerate(words[:length]) if i >= 2 and w.group() in enders), length)
            if 0 < length < len(words):
                m = m.shifted(text, m.start, m.start + words[length - 1].end(), "person-trim-tail")
        trimmed.append(m)
    return trimmed


def drop_title_phrases(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Executive" (of "Chief Executive Officer"), "Treasurer of" or "Prof" tagged as a name: a role."""
    words = rules.title_words | rules.portfolio_words
    return [m for m in mentions if not (m.label in ("PERSON",) + OTHER_NAME_LABELS
                                        and is_title_phrase(m.text.split(), words, rules.connectors))]


def drop_event_names(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Harlow Awards", "Quorvin Summit" tagged PERSON: a name ending in an event, programme or document
    word (the org_filters rules) names that thing, not a person."""
    return [m for m in mentions
            if not (m.label == "PERSON" and len(m.text.split()) > 1 and rules.org_filter_for(m.text))]


def relabel_org_named(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Patriot Coal", "Acme Partners LLC", "Sikorsky Aircraft" tagged PERSON: a name ending in an organisation
    word, a company form or a company's trailing word ("Aircraft", "Capital") is an ORG."""
    designators = {_bare(d) for d in rules.designators} | rules.short_form_tails
    return [m.relabelled("ORG", "person-org-word") if m.label == "PERSON" and len(m.text.split()) > 1
            and _bare(m.text.split()[-1]) in rules.org_words | designators else m for m in mentions]


def relabel_known_names(mentions: list[Mention]) -> list[Mention]:
    """A person's full name or surname ("Roe" after "Jane Roe") tagged ORG or GPE elsewhere is that person,
    unless the same word also starts a longer organisation name ("Ford" of "Ford Motor Co")."""
    full = {m.text for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2}
    surnames = {surname(name) for name in full}
    org_heads = {m.text.split()[0] for m in mentions if m.label == "ORG" and len(m.text.split()) > 1}
    return [m.relabelled("PERSON", "person-known-name") if m.label in OTHER_NAME_LABELS
            and (m.text in full or (m.text in surnames and m.text not in org_heads)) else m for m in mentions]


def _name_run(doc: Doc, first: int, limit: int, rules: EntityRules) -> list[int]:
    """Token indexes of a run of up to `limit` capitalised name words starting at `first`, with the
    particles inside it ("Jos de Bruin")."""
    run: list[int] = []
    words = 0
    for token in doc[first:]:
        following = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
        if run and token.text in PARTICLES and (is_name_word(following) or following in PARTICLES):
            run.append(token.i)
            continue
        if words == limit or not is_name_word(token.text) or token.lower_ in rules.title_words \
                or token.lower_ in rules.org_words:
            break
        words += 1
        if not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–"):
            return []  # "Vice" of "Vice-President": part of a compound word
        run.append(token.i)
    while run and doc[run[-1]].text in PARTICLES:
        run.pop()
    return run


def _span_mention(doc: Doc, first: int, last: int, source: str, text: str) -> Mention:
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return Mention("PERSON", start, end, text[start:end], source)


def recover_people(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """Names after a title ("President Teruo Fujii"), in bylines ("Written by Jane Roe") and before a
    party bracket ("Jane Roe (EPP, Germany)")."""
    found: list[Mention] = []
    bylines = sorted({tuple(w.split()) for w in rules.byline_words}, key=len, reverse=True)
    table = token_table(doc)
    lowers = table.lower
    starters = rules.title_words | {b[0] for b in bylines}  # a word that can start one of the three
    parsed = doc_text(doc)  # what the model read (same offsets as `text`)
    for i, (word, lower) in enumerate(zip(table.text, lowers)):
        if lower not in starters and word != "(":
            continue  # none of the three below can start here: no Token made
        token = doc[i]
        run: list[int] = []
        source = ""
        if (token.is_title or token.is_upper) and token.lower_ in rules.title_words:
            run, source = _name_run(doc, token.i + 1, 3, rules), "person-after-title"
            if run and _title_after(doc, run[-1] + 1, rules):  # "Chief Operating Officer": inside a title
                run = []
        elif (token.is_sent_start or token.is_title) \
                and (length := _byline_length(lowers, token.i, bylines)) is not None:
            run, source = _name_run(doc, token.i + length, 4, rules), "person-byline"
            run = run if len(run) >= 2 else []
        elif token.text == "(" and re.match(r"\(\s*[A-Z][A-Za-z&]{1,8}\s*,\s*[A-Z]", parsed[token.idx: token.idx + 20]):
            back = [t.i for t in reversed(doc[max(0, token.i - 3): token.i]) if is_name_word(t.text)]
            run, source = (sorted(back) if len(back) >= 2 else []), "person-party-bracket"
        if run and doc[run[-1]].pos_ in ("PROPN", "NOUN"):
            candidate = _span_mention(doc, run[0], run[-1], source, text)
            clashing = [m for m in mentions + found if m.start < candidate.end and candidate.start < m.end]
            if all(m.label == "PERSON" or m.label in ("ORG", "GPE", "NORP") and source == "person-party-bracket"
                   for m in clashing):
                mentions = without(mentions, clashing)
                found = without(found, clashing) + [candidate]
    return mentions + found


def _title_after(doc: Doc, i: int, rules: EntityRules) -> bool:
    return i < len(doc) and (doc[i].is_title or doc[i].is_upper) and doc[i].lower_ in rules.title_words


def _byline_length(lowers: list[str], i: int, bylines: list[tuple[str, ...]]) -> int | None:
    """The number of words of the longest byline phrase ("written by") starting at token `i`, if any."""
    return next((len(b) for b in bylines if tuple(lowers[i: i + len(b)]) == b), None)


def recover_given_names(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """ "Jane Roe" that the model missed or called an ORG or a work of art: a common given name followed
    by one to three name words is a person, unless the name goes on into an organisation word."""
    found: list[Mention] = []
    stop = rules.title_words | rules.org_words | rules.portfolio_words | {_bare(d) for d in rules.designators} \
        | {w.lower() for rule in rules.not_entities if "PERSON" in rule.labels for w in rule.words} \
        | {w for rule in rules.org_filters for w in rule.last_words if " " not in w}
    org_forms = {m.text for m in mentions if m.label == "ORG"}
    prose = prose_of(text)
    for i, word in enumerate(token_table(doc).text):
        if word not in rules.given_names:
            continue
        token = doc[i]
        if prose.writes(token.lower_):
            continue  # the article also writes it as a common word
        run = [token]
        for following in doc[token.i + 1: token.i + 4]:
            if not is_name_word(following.text) or following.lower_ in stop:
                break
            run.append(following)
        after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
        if len(run) < 2 or run[-1].pos_ != "PROPN" or (after is not None and (after.lower_ in stop or (
                is_name_word(after.text) and not after.is_sent_start))):
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        if text[start:end] in org_forms and len(re.findall(re.escape(text[start:end]), text)) > 1 \
                and not re.search(rf"(?<!{re.escape(run[-2].text)} ){re.escape(run[-1].text)}\b", text):
            continue  # "Morgan Stanley", an ORG written again and again, and never by its "surname"
        clashing = [m for m in mentions + found if m.start < end and start < m.end]
        if all(m.label in OTHER_NAME_LABELS and m.start >= start and m.end <= end for m in clashing):
            mentions = without(mentions, clashing)
            found.append(Mention("PERSON", start, end, text[start:end], "person-given-name"))
    return mentions + found


def relabel_role_appositions(doc: Doc, mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Ambassador to the EU, Katsutoshi Aikawa," tagged ORG: a name in apposition to a role is a person."""
    relabelled = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if (m.label in ("ORG", "GPE", "NORP") and span is not None and 2 <= len(span) <= 3
                and all(is_name_word(t.text) for t in span)
                and not any(t.lower_ in rules.org_words for t in span)
                and span.start > 0 and doc[span.start - 1].text == ","
                and any(t.lower_ in rules.titles for t in doc[max(0, span.start - 8): span.start - 1])):
            m = m.relabelled("PERSON", "person-role-apposition")
        relabelled.append(m)
    return relabelled


def link_known_names(mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """Other occurrences of a person's full name or surname ("Kiuchi emphasised …") are that person; a
    surname right after a capitalised word is left alone (it may be another person's name)."""
    people = [m for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2]
    full = {" ".join(m.text.split()) for m in people}
    forms = sorted(full, key=len, reverse=True) + sorted({surname(name) for name in full}, key=len, reverse=True)
    found: list[Mention] = []
    for form in forms:
        for start, end in find_phrase(text, form.split()):  # as a regex of the words, blanks between
            before = re.search(r"(\S+)[ \t]$", text[max(0, start - 30):start])
            titled = before is not None and before.group(1).lower() in rules.title_words
            other_name = " " not in form and not titled and inside_capitalised_run(text, start, start)
            if not other_name and not overlaps(start, end, mentions + found):
                found.append(Mention("PERSON", start, end, text[start:end], "person-known-name"))
    return mentions + found


def extend_given_names(doc: Doc, mentions: list[Mention], rules: EntityRules, text: str) -> list[Mention]:
    """ "Eszter Lakos" tagged "Lakos": a capitalised proper noun right before a surname joins it."""
    extended = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if m.label == "PERSON" and span is not None and len(span) == 1 and span.start > 0:
            before = doc[span.start - 1]
            if (before.pos_ == "PROPN" and is_name_word(before.text) and not before.ent_type_
                    and before.lower_ not in rules.title_words | rules.org_words | rules.portfolio_words
                    and not before.is_sent_start):
                m = Mention("PERSON", before.idx, m.end, text[before.idx:m.end], "person-extend-given-name")
        extended.append(m)
    return extended


def drop_common_words(mentions: list[Mention], text: str) -> list[Mention]:
    """A "name" with an acronym in it ("Advancing EU"), or most of whose words the article also
    writes in lower case ("Performance Computing"), is not a person's name; nor is one written all in lower
    case in an article that capitalises ("nonpartisan pan-democrat")."""
    prose = prose_of(text)  # "jane.roe@example.com" does not write "jane" in lower case
    capitalising = text != text.lower()
    kept = []
    for m in mentions:
        if m.label == "PERSON" and m.text[:1].isupper():
            words = [w for w in re.findall(r"[A-Za-z]+", m.text) if len(w) > 2]
            lowered = sum(prose.writes(w.lower()) for w in words)
            has_acronym = any(re.fullmatch(r"[A-Z]{2,}", w) for w in m.text.split())
            if has_acronym or (words and lowered * 2 > len(words)):
                continue
        elif m.label == "PERSON" and capitalising and m.text == m.text.lower():
            continue
        kept.append(m)
    return kept


def strip_lowercase_leads(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Nonpartisan Paul Tse", "Veteran Jane Roe": a capitalised first word that the article also writes in
    lower case, before a name of two or more words, is a description, not part of the name."""
    prose = prose_of(text)
    stripped = []
    for m in mentions:
        words = list(WORD.finditer(m.text))
        first = words[0].group() if words else ""
        if (m.label == "PERSON" and len(words) >= 3 and first[:1].isupper() and first not in rules.given_names
                and prose.writes(first.lower()) and name_length([w.group() for w in words[1:]]) == len(words) - 1):
            m = m.shifted(text, m.start + words[1].start(), m.end, "person-strip-lowercase-lead")
        stripped.append(m)
    return stripped


def drop_unlinked_single_names(mentions: list[Mention], doc: Doc, rules: EntityRules) -> list[Mention]:
    """A one-word PERSON is kept only as a short form of a full name or right after a title."""
    full_names = [m.text.split() for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1]
    kept = []
    for m in mentions:
        if m.label == "PERSON" and len(m.text.split()) == 1 and m.source != "person-after-title":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            after_title = span is not None and span.start > 0 and doc[span.start - 1].lower_ in rules.title_words
            if not (any(m.text in words for words in full_names) or after_title) or not m.text[:1].isupper():
                continue
        kept.append(m)
    return kept


_SYLLABLE_TAIL = re.compile(r"-[a-z]{2,}(?![\w-])")  # "Wong Yeung" + "-tat"


def extend_name_tails(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """A person's name cut before its last part: a hyphenated lower-case syllable ("Wong Yeung" + "-tat") or
    a particle and the surname ("Suleiman" + " al-Amr", "Ursula" + " von der Leyen")."""
    particles = rf"(?:[ \t](?:{alternation(rules.name_particles)})(?=[ \t-]))+[ \t-][A-Z][\w'’]*"
    extended = []
    for m in mentions:
        tail = _SYLLABLE_TAIL.match(text, m.end) or re.compile(particles).match(text, m.end)
        if m.label == "PERSON" and tail and not overlaps(m.end, tail.end(), [o for o in mentions if o is not m]):
            m = m.shifted(text, m.start, tail.end(), "person-extend-name-tails")
        extended.append(m)
    return extended



def add_result_list_names(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "1. Jane Roe (Germany) 1:45.29": the name on a line of a results list is a person, whatever the
    model read (it misses most of them, or reads a country or a team)."""
    if rules.result_line is None:
        return mentions
    for match in rules.result_line.finditer(text):
        start, end = match.span("name")
        clashing = [m for m in mentions if m.start < end and start < m.end]
        if all(start <= m.start and m.end <= end and m.label in ("PERSON",) + OTHER_NAME_LABELS for m in clashing):
            mentions = without(mentions, clashing) + [Mention("PERSON", start, end, text[start:end], RESULT_LIST)]
    return mentions

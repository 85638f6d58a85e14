"""Document-level rules on ORG mentions: what is not an organisation, where a name really starts and ends,
and names the model missed (tickers, company forms, names introduced by a type noun). Acronyms are in
acronyms.py, names repeated through the document in repeats.py."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.core.mention import Mention, overlaps, without
from extract.core.words import alternation, prose_of
from extract.entities.name_context import heading_lines
from extract.entities.orgs.names import designator_end, exchange_ticker_pattern, name_before, quote_ticker_after
from extract.entities.rules import EntityRules
from extract.nlp.token_table import token_table

NAME_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP")

def drop_heading_only_orgs(mentions: list[Mention], text: str) -> list[Mention]:
    """An ORG seen only in headings ("Lessons & Best Practices") is a phrase of the title, not a body."""
    headings = heading_lines(text)
    in_heading = lambda m: any(s <= m.start < e for s, e in headings)  # noqa: E731
    body_forms = {m.text.lower() for m in mentions if m.label == "ORG" and not in_heading(m)}
    return [m for m in mentions if not (m.label == "ORG" and in_heading(m) and m.text.lower() not in body_forms)]


def drop_portfolio_before_title(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Finance" of "Finance Minister Jane Roe": a minister's field written before the title, not an ORG.
    Before any title the field is portfolio words only; before a minister's title ("minister", "secretary")
    it ends in one and may be qualified ("Public Health", "Veterans Affairs"), unless a word names a body."""
    return [m for m in mentions if not (m.label == "ORG" and _is_portfolio_before_title(m, text, rules))]


def _is_portfolio_before_title(m: Mention, text: str, rules: EntityRules) -> bool:
    after = re.match(r"\s+([\w-]+)", text[m.end:m.end + 40])
    if not after or after.group(1).lower() not in rules.titles:
        return False
    words = m.text.lower().replace(",", " , ").split()
    if all(w in rules.portfolio_words for w in words):
        return True
    return (after.group(1).lower() in rules.minister_titles and words[-1] in rules.portfolio_words
            and not any(w in rules.org_words or w in rules.legal_forms
                        for w in words if w not in rules.portfolio_words))


# "Ministry of Economy", "Directorate-General for Communications Networks": a body and its field, to the end
FIELD_TAIL = re.compile(r"\b(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*$")
_ITEM = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*"
# ", Trade and Industry", ", Culture, Sports, Science and Technology", ", Food & Rural Affairs"
FIELD_LIST = re.compile(rf"(?:,[ \t]+{_ITEM})*,?[ \t]+(?:and|&)[ \t]+{_ITEM}")


def join_listed_portfolios(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Ministry of Economy, Trade and Industry", "Department for Environment, Food and Rural Affairs": a
    body named for a list of fields is one name, though the model stops at the first comma. The list must
    hold a field word and no other kind of name ("Bank of America, Apple and Alphabet" stays three)."""
    for m in [m for m in mentions if m.label == "ORG" and FIELD_TAIL.search(m.text)]:
        listed = FIELD_LIST.match(text, m.end)
        if not listed:
            continue
        inside = [o for o in mentions if o is not m and o.start < listed.end() and m.end < o.end]
        words = re.findall(r"[\w'’-]+", listed.group().lower())
        if (any(o.label != "ORG" or o.end > listed.end() for o in inside)
                or not any(w in rules.portfolio_words for w in words if w != "and")):
            continue
        joined = m.shifted(text, m.start, listed.end(), "org-field-list")
        mentions = [joined if o is m else o for o in mentions if o not in inside]
    return mentions


TAIL_LABELS = ("PERSON", "PRODUCT")  # what the model reads the last word of a cut company name as
# one capitalised word, then no further name word ("Lockheed Martin rose", not "Acme Jane Roe" nor "Acme Vero 5")
NAME_TAIL = re.compile(r" [A-Z][a-z]+(?![\w&'’-]| +(?:[A-Z]|\d))")
ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?i:an?)[ \t]+$")  # "a Velmar Tonka": a thing bought, not a company


def join_name_tails(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Lockheed Martin" read as ORG "Lockheed" and PRODUCT or PERSON "Martin": one capitalised word the model read
    as another kind of name, right after an organisation's name with one space between, ends that name (the
    model cut it before its last word). Not after "a" / "an", nor a title or a word that never continues a name."""
    starts = {m.start: m for m in mentions if m.label in TAIL_LABELS}
    joined, absorbed = [], []
    for m in mentions:
        tail = starts.get(m.end + 1) if m.label == "ORG" else None
        word = NAME_TAIL.match(text, m.end) if tail is not None else None
        if (tail is not None and word is not None and word.end() == tail.end
                and tail.text.lower() not in rules.title_words and tail.text not in rules.name_enders
                and not ARTICLE_BEFORE.search(text, max(0, m.start - 4), m.start)):
            m = m.shifted(text, m.start, tail.end, "org-join-name-tail")
            absorbed.append(tail)
        joined.append(m)
    return without(joined, absorbed)


def extend_designators(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Acme, Inc.", "Acme Holdings LLC": a company form after a name belongs to it, with its full stop. A
    name read as a person or place is a firm when a form that only companies take follows ("Miller Kaplan
    Arase LLP"); a mention of the form alone ("LLC" tagged on its own) is taken in."""
    absorbed: list[Mention] = []
    extended = []
    for m in mentions:
        end = designator_end(text, m.end, rules.designators) if m.label in NAME_LABELS else m.end
        form = text[m.end:end].strip(" \t,")
        if end != m.end and (m.label == "ORG" or {form, form.rstrip(" .")} & rules.closing_designators):
            after = [o for o in mentions if o is not m and o.start < end and m.end < o.end]
            if all(m.end <= o.start and o.end <= end for o in after):
                m = m.relabelled("ORG", "org-designator").shifted(text, m.start, end)
                absorbed += after
        extended.append(m)
    return [m for m in extended if not any(m is o for o in absorbed)]


def add_tickers(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """Stock tickers are organisations, and so are the exchange and the company named before them:
    "Acme Foods (NYSE: AF)" and "Acme Inc. ACME -1.2%"."""
    spans: list[tuple[int, int, str]] = []
    for match in exchange_ticker_pattern(rules.exchanges, rules.markets).finditer(text):
        spans.append((match.start("tk"), match.end("tk"), "org-ticker"))
        if match["ex"]:
            spans.append((match.start("ex"), match.end("ex"), "org-ticker"))
        before = name_before(text, match.start(), rules.articles)
        tagged = [m for m in mentions if before and m.label in NAME_LABELS and m.end == before[1]]
        if tagged:  # the model found the name, maybe with another label ("Acme" as a GPE)
            if tagged[0].label != "ORG":
                spans.append((tagged[0].start, tagged[0].end, "org-before-ticker"))
        elif before:
            spans.append((*before, "org-before-ticker"))
    for m in mentions:
        ticker = quote_ticker_after(text, m.end) if m.label == "ORG" else None
        if ticker:
            spans.append((*ticker, "org-ticker-quote"))
    return _add_orgs(mentions, text, spans)


def _add_orgs(mentions: list[Mention], text: str, spans: list[tuple[int, int, str]]) -> list[Mention]:
    """New ORG spans; a name of another label inside one gives way to it, anything else wins."""
    added: list[Mention] = []
    for start, end, source in spans:
        clashing = [m for m in mentions + added if m.start < end and start < m.end]
        if all(m.start >= start and m.end <= end and m.label in NAME_LABELS for m in clashing):
            mentions = without(mentions, clashing)
            added = without(added, clashing) + [Mention("ORG", start, end, text[start:end], source)]
    return mentions + added


def add_designator_names(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Brix Labs Inc." that the model missed: capitalised words right before a company form are a name."""
    forms = alternation(d for d in rules.designators if d[:1].isupper())
    spans = []
    for match in re.finditer(rf"(?<=[ \t])(?:,[ \t])?(?:{forms})(?![\w&])", text):
        before = name_before(text, match.start(), rules.articles)
        joined = before and re.search(r"\b(?:and|of|for|&)[ \t]$", text[max(0, before[0] - 5):before[0]])
        if before and not joined and not overlaps(before[0], match.end(), mentions):
            end = designator_end(text, before[1], rules.designators)
            spans.append((before[0], end, "org-designator-name"))
    return _add_orgs(mentions, text, spans)


def trim_to_known_names(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """ "Acme Home Prices", "Imagine Acme" (title-case headlines): a span that starts or ends with a name the
    document tags as an ORG on its own is cut to it when the rest are common words; a company form on its own
    ("LLC") is dropped, and a company's commercial tail after it is taken in ("Acme" + "Partners")."""
    prose = prose_of(text)
    known = {m.text for m in mentions if m.label == "ORG"}
    common = lambda w: w.lower() not in rules.org_words and prose.writes(w.lower())  # noqa: E731
    designators = {d.rstrip(".") for d in rules.designators}
    result = []
    for m in mentions:
        if m.label == "ORG" and m.text.rstrip(" .") in designators:
            continue
        if m.label == "ORG":
            m = _cut_to_known(m, text, known, common)
            tail = re.match(r"[ \t]+([A-Z][a-z]+)(?![\w&-])", text[m.end:m.end + 30])
            if tail and tail.group(1).lower() in rules.short_form_tails and not overlaps(
                    m.end, m.end + tail.end(), [o for o in mentions if o is not m]):
                m = m.shifted(text, m.start, m.end + tail.end(), "org-extend-tail")
        result.append(m)
    return result


def _cut_to_known(m: Mention, text: str, known: set[str], common) -> Mention:  # type: ignore[no-untyped-def]
    words = list(re.finditer(r"\S+", m.text))
    for size in range(len(words) - 1, 0, -1):
        head, tail = words[:size], words[size:]
        if m.text[:head[-1].end()] in known and all(common(w.group()) for w in tail):
            return m.shifted(text, m.start, m.start + head[-1].end(), "org-trim-to-known")
        lead, rest = words[:len(words) - size], words[len(words) - size:]
        if m.text[rest[0].start():] in known and all(common(w.group()) for w in lead):
            return m.shifted(text, m.start + rest[0].start(), m.end, "org-trim-to-known")
    return m


def drop_common_word_orgs(mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """A capitalised phrase whose every word the article also writes in lower case ("Latest Market News",
    "Hours Worked Growth", "BUY") is a heading or a common term; a bare organisation word ("the Company",
    "the Fund") is a generic reference. Curated names and aliases are always kept."""
    prose = prose_of(text)
    curated = rules.curated_names
    designators = {d.lower().rstrip(".") for d in rules.designators}
    kept = []
    for m in mentions:
        words = [w for w in re.findall(r"[^\W\d_]+", m.text) if w.lower() not in rules.connectors]
        if m.label != "ORG" or m.text in curated or not words:
            kept.append(m)
            continue
        lowered = [w.lower() for w in words]
        generic = len(words) == 1 and lowered[0] in rules.org_words and m.text[:1].isupper() and not m.text.isupper()
        common = (not set(lowered) & (rules.org_words | designators)
                  and not any(w.isupper() and len(w) < 3 for w in words)
                  and all(prose.writes(w) for w in lowered))
        if not (generic or common):
            kept.append(m)
    return kept


def add_introduced_names(doc: Doc, mentions: list[Mention], text: str, rules: EntityRules) -> list[Mention]:
    """Names introduced by what they are: "the carmaker Acme", "key supplier BRX" (a lower-case type noun
    right before), "Share on Quill" (a platform phrase of the page)."""
    spans = []
    words = token_table(doc).text
    for i, word in enumerate(words):
        if word in rules.type_nouns and i + 1 < len(words):
            run = _org_name_run(doc, i + 1, rules)
            if run:
                spans.append((*run, "org-after-type-noun"))
    for phrase in rules.platform_phrases:
        if phrase not in text:
            continue  # the pattern below needs the phrase as written: no search of the whole text
        for hit in re.finditer(rf"(?<![\w-]){re.escape(phrase)}[ \t]+(?=[A-Z])", text):
            span = doc.char_span(hit.end(), hit.end() + 1, alignment_mode="expand")
            run = _org_name_run(doc, span.start, rules) if span is not None else None
            if run:
                spans.append((*run, "org-platform"))
    tagged = [m for m in mentions if m.label in ("ORG", "PERSON")]
    return _add_orgs(mentions, text, [s for s in spans if not overlaps(s[0], s[1], tagged)])


def _org_name_run(doc: Doc, first: int, rules: EntityRules) -> tuple[int, int] | None:
    """One to three capitalised words from token `first` that can be a company name (not a title, a date
    word or the first word of a sentence), ending where the capitalised words end."""
    run = []
    chrome = rules.chrome_words("ORG")
    for token in doc[first:first + 4]:
        shaped = token.text[:1].isupper() and token.text.isalpha() and token.text.isascii()
        if not shaped or token.is_sent_start or token.lower_ in rules.title_words or token.text in chrome \
                or token.ent_type_ in ("DATE", "TIME"):
            break
        run.append(token)
    if not run or len(run) > 3:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)

"""The tense a date phrase is used in ("said Friday" -> past, "will meet Friday" -> future), from the parse.

Relative dates without a year or week ("Friday", "in November", "the fourth quarter") are resolved
towards the past or the future by it, as HeidelTime does for news.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extract.dates.lexicon import TemporalLexicon

MAX_CLIMB = 5
PREMODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
CUE_WINDOW = 48
AUX_DEPS = ("aux", "auxpass")


def tense_of(doc: Doc, text: str, start: int, end: int, lex: TemporalLexicon) -> str | None:
    """The tense a signal word right before the phrase gives ("since May" -> past, "by Friday" -> future),
    else the tense of the governing verb. A verb told in the past overrules a future signal: "until
    Thursday they had not called him", "by Friday it had sold half"."""
    cue = _cue_tense(text, start, lex)
    if cue == "future" and _fronted_before_past_verb(doc, start, end):
        return "past"
    return cue or sentence_tense(doc, start, end, lex)


def _cue_tense(text: str, start: int, lex: TemporalLexicon) -> str | None:
    before = text[max(0, start - CUE_WINDOW):start].lower()
    for cue, tense in sorted(lex.tense_cues.items(), key=lambda kv: -len(kv[0])):
        # a one-word signal stands right before the phrase ("by Friday"); a longer one may open its
        # clause ("as soon as trading opened Monday")
        reach = r"\s+" if " " not in cue else r"\s+(?:[^\s,.;:]+\s+){0,3}"
        if re.search(rf"\b{re.escape(cue)}{reach}$", before):
            return tense
    return None


def sentence_tense(doc: Doc, start: int, end: int, lex: TemporalLexicon) -> str | None:
    """past / present / future for the verb that governs the phrase at doc[start:end] (characters), or None."""
    if not doc.has_annotation("DEP"):
        return None  # a blank pipeline: no parse to read the tense from
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.dep_ in PREMODIFIER_DEPS:
        return None  # "the Oct. 23 slaying", "a June agreement": the noun's event, told elsewhere
    path = _path_to_verb(span.root)
    for token in path[1:]:
        if _future_marker(token, lex):  # "payable Dec. 1", "is scheduled for Monday"
            return "future"
    verb = path[-1] if path and path[-1].pos_ in ("VERB", "AUX") else _root_verb(span.sent)
    if verb is not None and verb.lemma_.lower() in lex.tense_words["future_verbs"]:
        # "planned a rally on Saturday", "has scheduled a news conference Thursday"; a date put before
        # a past verb times the planning itself: "On Friday, the government planned to pay ..."
        if not (verb.i > span.end and verb.tag_ == "VBD"):
            return "future"
    if verb is None:
        return None
    tense = verb_tense(verb, lex)
    return "future" if tense == "present" and _opens_time_clause(verb, lex) else tense


def _opens_time_clause(verb: Token, lex: TemporalLexicon) -> bool:
    """ "when the case is heard in May", "after the board meets in June": a present tense in a clause
    of time tells of something still to come."""
    openers = lex.tense_words["future_clause_openers"]
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in openers for c in verb.children)


def _fronted_before_past_verb(doc: Doc, start: int, end: int) -> bool:
    """ "Until Thursday, they had not called him", "By Friday it had sold half": a phrase opening its
    clause before a verb in the past perfect tells how things stood then, not a deadline to come."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = _path_to_verb(span.root)[-1]
    if verb.pos_ not in ("VERB", "AUX"):  # the parser hung the verb under the phrase ("By" as ROOT): the next verb
        verb = next((t for t in span.sent if t.i >= span.end and t.pos_ == "VERB"), verb)
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in AUX_DEPS}
    return verb.pos_ in ("VERB", "AUX") and verb.i > span.end and "had" in auxiliaries


def _future_marker(token: Token, lex: TemporalLexicon) -> bool:
    words = lex.tense_words
    if token.lower_ not in words["future"] or token.tag_ == "VBD":
        return False
    if token.pos_ in ("VERB", "AUX"):  # "planned" marks the future only as "is planned for"
        return token.tag_ == "VBN" and any(c.dep_ in AUX_DEPS and c.lower_ in words["present"] for c in token.children)
    return not any(c.lower_ == "to" and c.i == token.i + 1 for c in token.children)  # "due to": because of


def _path_to_verb(start: Token) -> list[Token]:
    """`start` and its heads up to the first verb above it (or as far as MAX_CLIMB reaches)."""
    token = start
    path = [token]
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.i != start.i:
            break
        if token.head.i == token.i:
            break
        token = token.head
        path.append(token)
    return path


def _governing_verb(token: Token) -> Token | None:
    path = _path_to_verb(token)
    return path[-1] if len(path) > 1 and path[-1].pos_ in ("VERB", "AUX") else None


def _root_verb(sentence: Span) -> Token | None:
    root = sentence.root
    return root if root.pos_ in ("VERB", "AUX") else None


def verb_tense(verb: Token, lex: TemporalLexicon, depth: int = 0) -> str | None:
    """The tense of one verb from its tag and auxiliaries; an infinitive takes it from its head."""
    words = lex.tense_words
    auxiliaries = [c for c in verb.children if c.dep_ in AUX_DEPS]
    aux = {c.lower_ for c in auxiliaries}
    if aux & set(words["future"]) or verb.lower_ in words["future"] and verb.tag_ == "MD":
        return "future"
    if "to" in aux and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and depth < MAX_CLIMB:
        if verb.dep_ != "xcomp":  # "staged celebrations to mark the day": the head's tense
            return verb_tense(verb.head, lex, depth + 1)
        # "planned to leave Friday", "agreed to buy it in February": the wanted event comes later,
        # unless the wanting is itself told as over ("had been scheduled to expire Friday")
        head_aux = {c.lower_ for c in verb.head.children if c.dep_ in AUX_DEPS}
        return "past" if "had" in head_aux else "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and aux & set(words["past"]):
        return "past"
    if verb.tag_ == "VBG" and not auxiliaries and depth < MAX_CLIMB:
        # "The plant, opening on August 6, will employ 300", "shares fell, closing Friday at $5": a
        # participle clause has no tense of its own; it takes that of the clause it hangs on
        head = _governing_verb(verb)
        if head is not None:
            return verb_tense(head, lex, depth + 1)
    if verb.tag_ in ("VBZ", "VBP", "VBG") or aux & set(words["present"]):
        return "present"
    return None

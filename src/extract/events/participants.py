"""Who takes part in an event and where it happens, read from the trigger's arguments in the parse.

Participants are the people and organisations in the trigger's subject, object, appositions and
"with / by / to / between / at …" phrases (and those of the verb that frames an event noun, and of an
"organised by X" participle), as canonical names. Where an argument only refers to a name ("both",
"she", "the minister", "the university's"), the name it refers to is used.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from extract.events.coreference import (
    SUBJECT_DEPS,
    Coreference,
    definite,
    in_quotation,
    quote_speakers,
    reporter_subjects,
)
from extract.events.lexicon import TriggerLexicon
from extract.events.not_participants import affiliation, names_a_thing

ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "dative", "appos", "compound", "nmod", "poss")
RELATIVE_TAGS = ("WDT", "WP")  # "which", "that", "who" as the subject of a relative clause
INHERIT_STEPS = 3  # verbs climbed for a shared subject ("was able to meet": meet -> able -> was)
PARTICIPANT_PREPS = ("with", "by", "between", "among", "to", "of", "from", "at", "for")
PLACE_PREPS = ("in", "at")
MOTION_PREPS = ("to",)
MAX_PREPOSITIONS = 2  # a name this many prepositional phrases down from the happening is about something else
TRANSPARENT_PREPS = ("including", "by")
CLAUSE_DEPS = ("advcl", "ccomp", "xcomp", "csubj", "parataxis", "punct", "cc", "mark", "aux", "auxpass", "neg")
REFERENCE_WINDOW = 1500  # characters back in which "the university" finds its name
TITLE_WINDOW = 100  # characters before a name in which its title ("Minister …") is looked for
TITLE_GAP_WORDS = 3  # words allowed between the title and the name ("Minister for Digitalisation, X")


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    label: str  # PERSON | ORG
    name: str  # canonical


class NameIndex:
    """The document's PERSON/ORG mentions with canonical names, and its places."""

    def __init__(self, text: str, canonical: dict[tuple[int, int], tuple[str, str]],
                 places: list[tuple[int, int, str]], coreference: Coreference | None = None,
                 event_heads: frozenset[int] | None = None) -> None:
        self.text = text
        self.coreference = coreference  # None: only the older pronoun and title rules below
        self.event_heads = event_heads  # token indexes of the event mentions; None: not known
        self.names = sorted((Name(s, e, label, name) for (s, e), (label, name) in canonical.items()),
                            key=lambda n: (n.start, n.end))
        self.starts = [n.start for n in self.names]
        self.longest = max((n.end - n.start for n in self.names), default=0)
        self.places = sorted(places)
        self.forms = {text[n.start:n.end].lower(): n for n in self.names if _is_stable_form(text[n.start:n.end])}

    def at(self, position: int) -> Name | None:
        index = bisect.bisect_right(self.starts, position) - 1
        found = self.names[index] if index >= 0 else None
        return found if found is not None and found.start <= position < found.end else None

    def place_at(self, position: int) -> str:
        return next((text for start, end, text in self.places if start <= position < end), "")

    def before(self, position: int, window: int = REFERENCE_WINDOW) -> list[Name]:
        """Mentions ending before a position, most recent first: only those starting inside the window are
        looked at (a name starting earlier ends more than `window` back), not the document so far."""
        first = bisect.bisect_left(self.starts, position - window - self.longest)
        index = bisect.bisect_left(self.starts, position)
        return [n for n in reversed(self.names[first:index]) if n.end <= position and position - n.end <= window]


def _is_stable_form(form: str) -> bool:
    """Forms safe to recognise where the model missed them: acronyms ("EU") and multi-word names."""
    return (form.isupper() and len(form) >= 2 and " " not in form) or len(form.split()) >= 2


def participants(trigger: Token, frame: Token | None, previous: Span | None, names: NameIndex,
                 lexicon: TriggerLexicon, excluded: set[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(people, organisations) taking part in the happening named by `trigger`."""
    found: dict[str, Name] = {}
    control = names.coreference.control_verbs if names.coreference is not None else frozenset()
    for head in arguments(trigger, frame, lexicon, control):
        for token in phrase(head):
            if _prepositions_between(token, head) >= MAX_PREPOSITIONS:
                continue
            for name in names_for(token, head, previous, names, lexicon):
                if any(name.start <= t < name.end for t in excluded) or names_a_thing(token, name, names):
                    continue
                if not affiliation(token, name, names):
                    found.setdefault(name.name, name)
    ordered = sorted(found.values(), key=lambda n: n.start)
    return (tuple(n.name for n in ordered if n.label == "PERSON"),
            tuple(n.name for n in ordered if n.label != "PERSON"))


def _prepositions_between(token: Token, head: Token) -> int:
    """Prepositions on the way from the argument's head down to `token` ("holding a copy of the book critical
    of X": two). "including" lists members of the phrase it hangs on ("defectors, including X") and "by" names
    an agent wherever the parser hangs it ("returned to the organization by X"): neither is counted."""
    count = 0
    while token.i != head.i and token.head.i != token.i:
        count += token.dep_ == "prep" and token.lower_ not in TRANSPARENT_PREPS
        token = token.head
    return count


def arguments(trigger: Token, frame: Token | None, lexicon: TriggerLexicon,
              control: frozenset[str] = frozenset()) -> list[Token]:
    """Heads of the phrases that name who takes part (`control`: the object-control verbs)."""
    heads: list[Token] = []
    for anchor in [trigger] + ([frame] if frame is not None else []):
        for child in anchor.children:
            if child.dep_ in ARGUMENT_DEPS and child.i != trigger.i:
                heads.append(child)
                if child.dep_ in SUBJECT_DEPS and child.tag_ in RELATIVE_TAGS and anchor.dep_ == "relcl":
                    heads.append(anchor.head)  # "Freedom Magazine, which attacked …"
            elif child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
                heads.append(child)  # "signed by X, …, and Y" with Y hung on the verb by the parser
            elif child.dep_ in ("prep", "agent") and child.lower_ in PARTICIPANT_PREPS:
                heads.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            elif child.dep_ in ("acl", "advcl") and _organiser(child, lexicon):
                heads.extend(_organisers(child))
        if anchor.pos_ == "VERB" and not any(c.dep_ in SUBJECT_DEPS for c in anchor.children):
            heads.extend(inherited_subjects(anchor, control) or _name_just_before(anchor))
        if anchor.pos_ == "VERB" and anchor.dep_ == "acl" and anchor.tag_ == "VBN":
            named = _named_by_copula(anchor.head)
            heads.extend(named or ([anchor.head] if _named_or_definite(anchor.head) else []))
            # "the organization founded by X": the organization
    if trigger.pos_ in ("NOUN", "PROPN") and frame is None:
        heads.extend(_clause_arguments(trigger, lexicon))
    return heads


def inherited_subjects(verb: Token, control_verbs: frozenset[str] = frozenset()) -> list[Token]:
    """The subject a verb without one shares with the verb it hangs on: "wanted to meet" (control), "arrested
    and questioned" (coordination), "after leaving", "…, aiming to" (participle clauses); "persuaded him to
    travel": the object."""
    current = verb
    for _ in range(INHERIT_STEPS):
        parent = _governor(current)
        if parent is None:
            return []
        if current.dep_ == "xcomp" and parent.lemma_.lower() in control_verbs:
            objects = [c for c in parent.children if c.dep_ == "dobj"]
            if objects:
                return objects
        subjects = [c for c in parent.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects
        current = parent
    return []


def _governor(verb: Token) -> Token | None:
    """The verb (or predicate adjective) whose subject `verb` shares, None when it has its own."""
    head = verb.head
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep":
        head = head.head  # "arrested after leaving": leaving -> after -> arrested
    elif not (verb.dep_ in ("xcomp", "acomp") or (verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"))
              or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
        return None  # a purpose clause ("signed a letter to strengthen …") tells no participant
    return head if head.i != verb.i and head.pos_ in ("VERB", "AUX", "ADJ") else None


def _named_by_copula(noun: Token) -> list[Token]:
    """ "The candidates elected in this district were X and Y": who the noun is, said by "be"."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be":
        return []
    return [c for c in verb.children if c.dep_ == "attr"]


def _named_or_definite(noun: Token) -> bool:
    """A name, or a definite description that may stand for one ("the organization"), not "a bridge"."""
    return noun.ent_type_ in ("PERSON", "ORG") or (noun.pos_ == "NOUN" and definite(noun))


def _clause_arguments(noun: Token, lexicon: TriggerLexicon) -> list[Token]:
    """An event noun also takes the subject of the verb it is the object of ("X attended a dinner"),
    and the organisers of a participle around it ("Organised by X, the event offered …")."""
    head, heads = noun.head, []
    verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
    if noun.dep_ in ("dobj", "attr", "pobj") and verb.pos_ == "VERB" and verb.i != noun.i:
        heads.extend(c for c in verb.children if c.dep_ == "nsubj")
    if _organiser(head, lexicon):
        heads.extend(_organisers(head))
    if noun.dep_ in SUBJECT_DEPS:
        for sibling in head.children:
            if sibling.dep_ == "advcl" and _organiser(sibling, lexicon):
                heads.extend(_organisers(sibling))
    return heads


def _organiser(token: Token, lexicon: TriggerLexicon) -> bool:
    return token.pos_ == "VERB" and token.tag_ == "VBN" and token.lemma_.lower() in lexicon.organiser_verbs


def _organisers(participle: Token) -> list[Token]:
    return [c for p in participle.children if p.dep_ in ("agent", "prep") and p.lower_ in ("by", "with")
            for c in p.children if c.dep_ == "pobj"]


def _name_just_before(verb: Token) -> list[Token]:
    """A subject the parser lost: the name right before the verb ("…, Stéphanie Obertin, visited")."""
    index = verb.i - 1
    while index >= 0 and verb.doc[index].is_punct:
        index -= 1
    return [verb.doc[index]] if index >= 0 and verb.doc[index].ent_type_ in ("PERSON", "ORG") else []


def phrase(head: Token) -> list[Token]:
    """The argument phrase: the head with its modifiers, appositions, conjuncts and "where" relative
    clauses, without adverbial, complement or other relative clauses."""
    tokens, stack = [head], [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")) \
                    or (child.dep_ == "relcl" and not _setting(child)) or _purpose(child):
                continue
            tokens.append(child)
            stack.append(child)
    return tokens


def _setting(relative: Token) -> bool:
    """ "the institute, where the minister met its president": a relative clause telling what happened there."""
    return any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in relative.children)


def _purpose(token: Token) -> bool:
    """ "an opportunity to present …": what the event was for, not who took part."""
    return token.dep_ == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def names_for(token: Token, head: Token, previous: Span | None, names: NameIndex,
               lexicon: TriggerLexicon) -> list[Name]:
    found = names.at(token.idx)
    if found is not None:
        return [found]
    form = _lower_case_form(token, names)
    if form is not None:
        return [form]
    reporter = _reporter(token, previous, names, lexicon) if token == head else []
    if reporter:
        return reporter
    if token == head and token.lower_ in lexicon.group_pronouns:
        return _subject_names(previous, names)
    if names.coreference is not None:
        if token == head and token.lower_ in names.coreference.speaker_words:
            return _speaker(token, previous, names, lexicon)
        if token == head and names.coreference.reference(token) is not None:
            return list(names.coreference.resolve(token, names.before(token.idx), names.text))  # type: ignore[arg-type]
        return []
    if token == head and token.lower_ in lexicon.person_pronouns:
        return [n for n in names.before(token.idx) if n.label == "PERSON"][:1]
    if token.pos_ == "NOUN" and token.tag_ == "NN" and definite(token):
        return _described(token, names)
    return []


def _speaker(token: Token, previous: Span | None, names: NameIndex, lexicon: TriggerLexicon) -> list[Name]:
    """ "\"I have tried,\" he said": the person who says the quotation a first-person pronoun is in."""
    found = [name for subject in quote_speakers(token, lexicon.reporting_verbs)
             for name in names_for(subject, subject, previous, names, lexicon)]
    return [name for name in found if name.label == "PERSON"]


def _reporter(token: Token, previous: Span | None, names: NameIndex, lexicon: TriggerLexicon) -> list[Name]:
    """ "General Motors said it would cut jobs", "Acme officials said they": the organisation the subject of the
    reporting verb is or speaks for (itself resolved: "the carrier said it"), for a pronoun of `reported_pronouns`
    that is the reported clause's subject outside a quotation. A person reporting ("X, an analyst at Y, said it")
    gives none: their organisation is not what "it" stands for."""
    if names.coreference is None or token.lower_ not in names.coreference.reported_words \
            or in_quotation(token):
        return []
    found = [name for subject in reporter_subjects(token, lexicon.reporting_verbs,
                                                   names.coreference.empty_subject_verbs)
             for word in _speaking_for(subject) for name in names_for(word, subject, previous, names, lexicon)]
    return [] if any(name.label == "PERSON" for name in found) else found


def _speaking_for(subject: Token) -> list[Token]:
    """The subject and the words before it that say whom it speaks for ("Acme officials", "the bank's spokesman"),
    not its appositions or prepositional phrases."""
    words, stack = [subject], [subject]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in ("compound", "poss", "nmod"):
                words.append(child)
                stack.append(child)
    return words


def _lower_case_form(token: Token, names: NameIndex) -> Name | None:
    """A name the document writes elsewhere, here in other case ("the eu"), which the model missed;
    never inside a hyphenated name ("EU-Japan Partnership")."""
    form = names.forms.get(token.lower_)
    if form is None or names.text[form.start:form.end] == token.text:
        return None
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return None if following is not None and following.text in ("-", "–") else form



def _described(token: Token, names: NameIndex) -> list[Name]:
    """ "the university's programme" -> the last organisation named "… University …"; "the minister"
    -> the last person introduced with that title."""
    for name in names.before(token.idx):
        if name.label == "ORG" and _head_word(name.name) == token.lemma_.lower():
            return [name]  # "the university" -> "University of Tokyo", not "the treaty" -> "… Treaty Organization"
    title = _title_pattern(token.lemma_.capitalize())
    for name in names.before(token.idx):
        line_start = names.text.rfind("\n", 0, name.start) + 1
        if name.label == "PERSON" and title.search(names.text[max(line_start, name.start - TITLE_WINDOW):name.start]):
            return [name]  # "Minister Obertin", "Minister for Digitalisation, Stéphanie Obertin"
    return []


@lru_cache(maxsize=4096)
def _title_pattern(title: str) -> re.Pattern[str]:
    """The title, then at most TITLE_GAP_WORDS words, at the end of the text before a name (compiled once:
    more distinct titles than `re` keeps compiled meet in a run)."""
    return re.compile(rf"\b{re.escape(title)}\b((?:[ ,]+[\w'.-]+){{0,{TITLE_GAP_WORDS}}}?)[ ,]*$")


def _head_word(name: str) -> str:
    """The kind of organisation a name names: "University of Tokyo" -> university, "European Commission" -> commission."""
    words = name.split(" of ")[0].split()
    return words[-1].lower() if words else ""


def _subject_names(previous: Span | None, names: NameIndex) -> list[Name]:
    """ "japan and the eu are joining forces. both signed …": the subject of the sentence before."""
    if previous is None:
        return []
    subjects = [t for t in previous if t.dep_ in SUBJECT_DEPS and t.head == previous.root]
    found = []
    for subject in subjects:
        for token in phrase(subject):
            name = names.at(token.idx) or _lower_case_form(token, names)
            if name is not None:
                found.append(name)
    return found


def location(trigger: Token, frame: Token | None, names: NameIndex) -> str:
    """Where it happened: an "in / at" place or venue of the trigger (or of its frame or participle),
    else the place visited or travelled to."""
    anchors = [trigger] + ([frame] if frame is not None else [])
    if trigger.pos_ in ("NOUN", "PROPN"):
        anchors += [c for c in trigger.children if c.dep_ == "acl"]
        if trigger.dep_ in SUBJECT_DEPS and trigger.head.pos_ == "VERB":
            anchors.append(trigger.head)  # "The Council is scheduled for 2026 in Brussels"
    for prepositions in (PLACE_PREPS, MOTION_PREPS):
        for anchor in anchors:
            for child in anchor.children:
                if child.dep_ == "prep" and child.lower_ in prepositions:
                    where = _place_in(child, names, venues=prepositions is PLACE_PREPS)
                    if where:
                        return where
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "dobj" and names.place_at(child.idx):
                return names.place_at(child.idx)  # "visited Tokyo"
    return ""


def _place_in(prep: Token, names: NameIndex, venues: bool) -> str:
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        place = names.place_at(obj.idx)
        if place:
            return place
        venue = names.at(obj.idx)
        if venues and venue is not None and venue.label == "ORG":
            return venue.name
    return ""

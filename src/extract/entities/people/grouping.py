"""Which PERSON mentions of one document name the same person: short forms read the way a reader reads them.

Full names are placed first (longest first, written-out words before initials); each other form then joins
a person whose fullest name it writes with initials or without middle names ("J. Roe", "Jane Roe" of "Jane
A. Roe"), else whose name it ends (a surname: "Mohamed" of "Ahmed Mohamed"), else begins (a given name:
"Ahmed"). When
several people fit equally, the form goes, in this order, to the person it already stands for earlier in
the article (a writer keeps a short form for the person it was first used for: "Mohamed" stays the boy
once the father "Mohamed El-Hassan Mohamed" is introduced), to the person named most recently before it,
or to the person named first. A title before the form ("Mr", "Mrs") keeps it to people of that gender (told
by a title before one of their mentions or by their given name), and to a person of its own when it
contradicts every candidate ("Mrs Roe" beside only "John Roe" is not him).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from extract.core.mention import Mention

VARIANT, SURNAME, GIVEN_NAME = 0, 1, 2  # how a form fits a full name, best first


def clean_name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def name_key(text: str) -> str:
    """Case- and accent-insensitive key for matching names."""
    decomposed = unicodedata.normalize("NFKD", clean_name(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class GenderCues:
    """What tells a person's gender: lower-case titles and name keys of given names -> "male" / "female"."""

    titles: Mapping[str, str] = field(default_factory=dict)
    given_names: Mapping[str, str] = field(default_factory=dict)

    def titled(self, m: Mention, text: str) -> str:
        """The gender of the title written right before a mention ("Mrs Roe"), "" when none."""
        before = text[max(0, m.start - TITLE_REACH):m.start].split()
        return self.titles.get(before[-1].lower(), "") if before and text[m.start - 1:m.start].isspace() else ""


TITLE_REACH = 12  # characters before a name in which its title ("Mrs.", "Madame") is read


@dataclass
class _Person:
    """A person being built: the words of their fullest name and their mentions so far."""

    full: list[str]
    mentions: list[Mention] = field(default_factory=list)

    def fit(self, words: list[str]) -> int | None:
        """VARIANT, SURNAME or GIVEN_NAME when `words` are another form of the full name, else None."""
        if _variant(words, self.full):
            return VARIANT
        if not words or len(words) >= len(self.full):
            return None
        if words == self.full[-len(words):]:
            return SURNAME
        return GIVEN_NAME if words == self.full[: len(words)] else None

    def uses(self, words: list[str], before: int) -> bool:
        return any(m.start < before and name_key(m.text).split() == words for m in self.mentions)

    def last_before(self, position: int) -> int:
        return max((m.start for m in self.mentions if m.start < position), default=-1)

    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def gender(self, cues: GenderCues, text: str) -> str:
        titled = next((g for m in self.mentions if (g := cues.titled(m, text))), "")
        return titled or (cues.given_names.get(self.full[0], "") if len(self.full) > 1 else "")


def _split_initials(word: str) -> list[str]:
    """ "j.f." -> "j.", "f.": one word per initial; any other word as it is."""
    parts = word.split(".")
    if len(parts) > 2 and all(len(p) == 1 and p.isalpha() for p in parts[:-1]) and parts[-1] == "":
        return [p + "." for p in parts[:-1]]
    return [word]


def _words(words: list[str]) -> list[str]:
    return [w for word in words for w in _split_initials(word)]


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isalpha() and word[1] == "."


def _same_word(a: str, b: str) -> bool:
    """Equal, or one the initial of the other ("j." and "jane")."""
    return a == b or (_is_initial(a) and b.startswith(a[0])) or (_is_initial(b) and a.startswith(b[0]))


def _variant(words: list[str], full: list[str]) -> bool:
    """ "J. Roe", "Jane Roe" of "Jane A. Roe": same first and last word (or its initial), the other words in
    order among the full name's middle words."""
    form, name = _words(words), _words(full)
    if len(form) < 2 or len(name) < 2 or form == name or not (_same_word(form[0], name[0]) and form[-1] == name[-1]):
        return False
    middle = iter(name[1:-1])
    return all(any(_same_word(word, other) for other in middle) for word in form[1:-1])


def _order(m: Mention) -> tuple[int, int, int]:
    """Longest names first, then those with fewer initials, then in text order."""
    words = name_key(m.text).split()
    return -len(words), sum(_is_initial(w) for w in _words(words)), m.start


def cluster_people(persons: list[Mention], text: str = "", cues: GenderCues = GenderCues()) -> list[list[Mention]]:
    """The PERSON mentions grouped by person, in the order they were first met (longest names first);
    `text` is the document's, where the titles before the mentions are read."""
    found: list[_Person] = []
    for m in sorted(persons, key=_order):
        target = _person_for(m, found, text, cues)
        if target is None:
            found.append(_Person(name_key(m.text).split(), [m]))
        else:
            target.mentions.append(m)
    return [p.mentions for p in found]


def _person_for(m: Mention, found: list[_Person], text: str, cues: GenderCues) -> _Person | None:
    words = name_key(m.text).split()
    exact = next((p for p in found if p.full == words), None)
    if exact is not None:
        return exact
    fits = [(kind, p) for p in found if (kind := p.fit(words)) is not None]
    if not fits:
        return None
    best = min(kind for kind, _ in fits)
    candidates = _of_gender([p for kind, p in fits if kind == best], cues.titled(m, text), cues, text)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    established = [p for p in candidates if p.uses(words, m.start)]
    if established:
        return established[0]
    recent = max(candidates, key=lambda p: p.last_before(m.start))
    if recent.last_before(m.start) >= 0:
        return recent
    return min(candidates, key=_Person.first)


def _of_gender(candidates: list[_Person], said: str, cues: GenderCues, text: str) -> list[_Person]:
    """The candidates of the gender a title says: those known to be of it, else those of unknown gender."""
    if not said:
        return candidates
    genders = [p.gender(cues, text) for p in candidates]
    known = [p for p, g in zip(candidates, genders) if g == said]
    return known or [p for p, g in zip(candidates, genders) if not g]

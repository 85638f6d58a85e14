"""The shape of a person's name: which words are a name, which are a title before it.

Pure functions over words; the word lists come from rules/person_titles.json (titles, honorifics) and
from nameparser (name particles such as "de" and "van", generational suffixes such as "Jr").
"""

from __future__ import annotations

import calendar
import re
from typing import Iterable

from nameparser.config import CONSTANTS

_NAME_PREFIX = re.compile(r"^(Mc|Mac|O['’]|D['’])(.)")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
# Lower-case words that stand inside a name ("Jan de Vries", "Ludwig van Beethoven", "Osama bin Laden")
PARTICLES = frozenset(p for p in CONSTANTS.prefixes if p.isalpha() and p.islower() and len(p) <= 4)
SUFFIXES = frozenset(s for s in CONSTANTS.suffix_not_acronyms if s.isascii() and s.isalpha())
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name,
                                               *calendar.day_abbr, "Sept") if w)


def is_name_word(word: str) -> bool:
    """ "Obertin", "McPhail", "O'Brien", "Jan-Maarten", "J." — not "TMFMarlowe", "GM", "2015" or "July"."""
    if _INITIAL.match(word):
        return True
    if word.lower().rstrip(".") in CALENDAR_WORDS:
        return False
    prefix = _NAME_PREFIX.match(word)
    body = word[prefix.end(1):] if prefix and prefix[2].isupper() else word
    parts = [p for p in re.split(r"['’\-]", body) if p]
    return (bool(parts) and len(body) > 1 and body[0].isupper() and all(p.isalpha() for p in parts)
            and all(p[1:].islower() for p in parts if len(p) > 1))


def _title_key(word: str) -> str:
    return word.lower().strip(",:")


def leading_titles(words: list[str], title_words: Iterable[str]) -> int:
    """How many of the first words are titles or honorifics ("Chief Executive", "Dr.", "Co-Founder"),
    with the connectors between them ("Minister for Research and Higher Education")."""
    titles = set(title_words)
    count, index = 0, 0
    while index < len(words):
        key = _title_key(words[index])
        pair = f"{key} {_title_key(words[index + 1])}" if index + 1 < len(words) else ""
        if pair in titles:
            index += 2
            count = index
        elif key in titles:
            index += 1
            count = index
        else:
            break
    return count


def name_length(words: list[str]) -> int:
    """How many of the first words form a name: name words, with particles and suffixes inside it."""
    length = 0
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        month_name = index == 0 and is_name_word(word + "x") and (is_name_word(following) or following in PARTICLES)
        if is_name_word(word) or month_name:
            length = index + 1  # "Jan de Vries", "April Roe": a month's name can be a given name
        elif length and word.lower().rstrip(".,") in SUFFIXES and word[:1].isupper():
            length = index + 1
            break
        elif length and word in PARTICLES and (is_name_word(following) or following in PARTICLES):
            continue
        else:
            break
    return length


def is_title_phrase(words: list[str], title_words: Iterable[str], connectors: Iterable[str]) -> bool:
    """ "Executive", "Treasurer of", "Chief Executive Officer": only titles and connecting words."""
    titles, joins = set(title_words), set(connectors)
    keys = [_title_key(w) for w in words if w.strip(",")]
    keys = [k[:-1] if k.endswith("s") and k[:-1] in titles else k for k in keys]  # "Directors"
    return bool(keys) and any(k in titles for k in keys) and all(k in titles or k in joins for k in keys)


def surname(name: str) -> str:
    """The last word of a name that is not a generational suffix ("Martin Luther King Jr." -> "King")."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(".,") in SUFFIXES:
        words = words[:-1]
    return words[-1] if words else ""

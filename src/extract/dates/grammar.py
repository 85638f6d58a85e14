"""Regular expressions built from the temporal lexicon, for the span finder and the normaliser.

The patterns in rules/temporal.json name word classes as `%name` (HeidelTime style): `%month` is
every month name of the lexicon, `%Month` the same names capitalised (a bare "may" is a verb, "May" a
month), `%qualifier:year_before` the period qualifiers whose value is `year_before`. A space in a
pattern stands for one or more blanks, " ?" for optional ones. Patterns match case-insensitively, on whole words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from extract.core.schemas.dates import MACRO
from extract.core.schemas.locate import Problem, RuleText
from extract.core.words import alternation
from extract.dates.lexicon import ExtentPattern, TemporalLexicon
from extract.dates.prefilter import Literals, required_literals, with_first_character

DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[5-9]|20)\d\d(?!\d)"
BEFORE = r"(?<![\w$€£¥#@/'’-])"  # a match never starts inside a word, an amount or a code
AFTER = r"(?![\w%/]|-\w|[.,]\d)"  # nor ends inside one ("2082.1" is not a year)


def capitalised(words: Mapping[str, object]) -> str:
    """Case-sensitive: "May" or "MAY", never "may". An abbreviation ("Sun", "Sept") needs its dot or a
    number after it: "Sun, Hewlett-Packard and others" is no Sunday."""
    full, short = set(), set()
    for word, value in words.items():
        abbreviation = " " not in word and any(
            other != word and " " not in other and other.startswith(word) and words[other] == value for other in words)
        forms = {" ".join(part[:1].upper() + part[1:] for part in word.split()), word.upper()}
        (short if abbreviation else full).update(forms)
    pattern = alternation(full, case_sensitive=True)
    if short:
        pattern = rf"(?:{pattern}|{alternation(short, case_sensitive=True)}(?:\.|(?=\s*\d)))"
    return "(?-i:" + pattern + ")"


def day_pattern(lex: TemporalLexicon) -> str:
    """A day of the month: "8", "08", "8th" or "eighth"."""
    return rf"(?:{DAY}|{alternation(lex.day_ordinals)}(?![\w-]))"


def _number_words(lex: TemporalLexicon) -> str:
    tens = [w for w, v in lex.number_words.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, v in lex.number_words.items() if 1 <= v <= 9 and w not in ("a", "an")]
    return rf"(?:\d+(?:[.,]\d+)?|{alternation(tens)}[\s-]{alternation(ones)}|{alternation(lex.number_words)})"


def spoken_year(lex: TemporalLexicon) -> str:
    """ "nineteen ninety-six", "two thousand": years as they are read out."""
    century = alternation(w for w, v in lex.number_words.items() if v in (18, 19, 20))
    tens = alternation(w for w, v in lex.number_words.items() if v in (20, 30, 40, 50, 60, 70, 80, 90))
    ones = alternation(w for w, v in lex.number_words.items() if 1 <= v <= 9 and w not in ("a", "an"))
    teens = alternation(w for w, v in lex.number_words.items() if 10 <= v <= 19)
    return (rf"(?:{century}[\s-]+(?:{tens}(?:[\s-]+{ones})?|{teens}|hundred|oh[\s-]+{ones})"
            rf"|two\s+thousand(?:\s+and\s+(?:{teens}|{ones}))?)(?![\w-])")


def word_classes(lex: TemporalLexicon) -> dict[str, Mapping[str, object] | str]:
    """Every `%name` a pattern may use: a mapping (filterable by value) or a ready regex."""
    return {
        "month": lex.months, "weekday": lex.weekdays, "season": lex.seasons, "part": lex.parts_of_day,
        "clockword": lex.clock_words, "unit": lex.duration_units, "vnum": dict.fromkeys(lex.vague_numbers, ""),
        "ordinal": lex.ordinals, "relday": lex.relative_days, "anaphoric": lex.anaphoric_days,
        "vague": lex.vague, "mod": lex.modifiers, "approx": lex.approximators, "shift": lex.relative_shift,
        "qualifier": lex.period_qualifiers, "decadeword": lex.decade_words, "tz": dict.fromkeys(lex.time_zones, ""),
        "setword": {w: v for w, v in lex.set_words.items() if v}, "holiday": lex.holidays,
        "day": day_pattern(lex), "year": YEAR, "number": _number_words(lex), "spokenyear": spoken_year(lex),
    }


def expand(template: str, lex: TemporalLexicon) -> str:
    classes = word_classes(lex)

    def replace(match: re.Match[str]) -> str:
        name, value = match[1], match[2]
        key = name.lower()
        if key not in classes:
            raise ValueError(f"unknown word class %{name}; known: {sorted(classes)}")
        words = classes[key]
        if isinstance(words, str):
            return words
        chosen = {w: v for w, v in words.items() if value is None or str(v) == value}
        if not chosen:
            raise ValueError(f"%{name}:{value} matches no word")
        if key == "unit":
            return alternation(chosen) + "s?"
        return capitalised(chosen) if name[0].isupper() else alternation(chosen)

    return MACRO.sub(replace, template.replace(" ?", r"\s*").replace(" ", r"\s+"))


def compile_pattern(template: str, lex: TemporalLexicon) -> re.Pattern[str]:
    return re.compile(BEFORE + "(?:" + expand(template, lex) + ")" + AFTER, re.IGNORECASE)


@lru_cache(maxsize=4)
def compiled_patterns(lex: TemporalLexicon) -> tuple[tuple[ExtentPattern, re.Pattern[str]], ...]:
    return tuple((p, compile_pattern(p.regex, lex)) for p in lex.extent_patterns)


@lru_cache(maxsize=4)
def compiled_exclusions(lex: TemporalLexicon) -> tuple[tuple[ExtentPattern, re.Pattern[str]], ...]:
    return tuple((p, compile_pattern(p.regex, lex)) for p in lex.not_timex_patterns)


Scanned = tuple[tuple[ExtentPattern, re.Pattern[str], Literals], ...]


@lru_cache(maxsize=4)
def scanned_patterns(lex: TemporalLexicon) -> tuple[Scanned, Scanned]:
    """The extent and the exclusion patterns, each with the strings one of which its matches contain, as
    scanned: with a look-ahead for the characters their matches start with."""
    return tuple(tuple((p, with_first_character(regex), required_literals(regex))  # type: ignore[return-value]
                       for p, regex in compiled) for compiled in (compiled_patterns(lex), compiled_exclusions(lex)))


def check_patterns(lex: TemporalLexicon, path: Path) -> None:
    """Compile every pattern once with the lexicon's word classes; a bad one is named with its id and line."""
    problems: list[Problem] = []
    for key, patterns in (("extent_patterns", lex.extent_patterns), ("not_timex_patterns", lex.not_timex_patterns)):
        for index, pattern in enumerate(patterns):
            try:
                compile_pattern(pattern.regex, lex)
            except (re.error, ValueError) as err:
                problems.append(((key, index, "regex"), f"pattern {pattern.id!r}: {err}"))
    if problems:
        raise RuleText.read(path).error(problems)


class Grammar:
    """The normaliser's expressions over one cleaned phrase (lower case, see `timex.clean_timex_text`)."""

    def __init__(self, lex: TemporalLexicon) -> None:
        self.lex = lex
        self.month_names, self.weekday_names = alternation(lex.months), alternation(lex.weekdays)
        self.part_names, self.shifts = alternation(lex.parts_of_day), alternation(lex.relative_shift)
        self._calendar()
        self._periods()
        self._relative()
        self.spoken_year = re.compile(spoken_year(self.lex))

    def _calendar(self) -> None:
        """Days, months, years, seasons, decades, centuries, clock times."""
        month, wd, part, shift = self.month_names, self.weekday_names, self.part_names, self.shifts
        self.day = re.compile(day_pattern(self.lex), re.I)  # a bare day of the month: "25", "25th", "eighth"
        day, year = rf"(?P<d>{self.day.pattern})", r"(?P<y>[12]\d{3})"
        weekday_first = rf"(?:(?P<wd>{wd}),?\s+)?"
        self.iso = re.compile(r"(?P<y>[12]\d{3})-(?P<m>\d{2})-(?P<d>\d{2})(?:[t ](?P<hh>\d{2}):(?P<mm>\d{2}))?")
        self.day_month = re.compile(rf"{weekday_first}(?:the\s+)?{day}\s+(?:of\s+)?(?P<mn>{month}),?(?:\s+{year})?")
        self.month_day = re.compile(rf"{weekday_first}(?P<mn>{month})\s+(?:the\s+)?{day},?(?:\s+{year})?")
        self.month_year = re.compile(rf"(?P<mn>{month}),?\s+(?:of\s+)?{year}")
        self.month = re.compile(
            rf"(?:(?P<rel>{shift})\s+)?(?P<mn>{month})(?:,?\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?")
        self.year = re.compile(rf"(?:the\s+year\s+)?{year}(?:'s)?")
        self.season = re.compile(
            rf"(?:(?P<rel>{shift}|the)\s+)?(?P<s>{alternation(self.lex.seasons)})(?:\s+(?:of\s+)?{year})?")
        self.decade = re.compile(rf"(?:the\s+)?(?:(?P<c>[12]\d)(?P<d>\d)0|'(?P<s>\d)0)'?s"
                                 rf"|(?:the\s+)?(?P<w>{alternation(self.lex.decade_words)})")
        self.century = re.compile(
            rf"(?:the\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<o>{alternation(self.lex.ordinals)}))\s+century")
        clock = (rf"(?:(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?\s*(?P<ap>am|pm|o'clock)?(?:\s+in\s+the\s+(?P<p>{part}))?"
                 rf"|(?P<cw>{alternation(self.lex.clock_words)}))")
        self.clock = re.compile(rf"{clock}(?:\s+(?P<tz>{alternation(self.lex.time_zones)}))?(?:,?\s+(?P<day>.+))?")
        self.holiday = re.compile(rf"(?:(?P<rel>{shift})\s+)?(?P<h>{alternation(self.lex.holidays)})")
        self.week_of = re.compile(r"the\s+week\s+of\s+(?P<rest>.+)")

    def _periods(self) -> None:
        """Quarters, halves, fiscal years and the reporting periods of results news."""
        year, ordinal = r"(?P<y>[12]\d{3})", alternation(self.lex.ordinals)
        qualifier = alternation(self.lex.period_qualifiers)
        self.quarter = re.compile(
            rf"(?:(?:the|its|this|that)\s+)?(?P<q>(?:(?:{year}|(?P<yrel>this|last|next)\s+year's|(?P<y2>[12]\d{{3}})'s"
            rf"|fiscal|calendar|(?P<ago>year-ago|year-earlier))[\s-]+)*)(?P<o>{ordinal})[\s-]+(?:fiscal[\s-]+)?"
            rf"(?P<u>quarter|half)(?:\s+(?:of|in)\s+(?:fiscal\s+)?"
            rf"(?:(?P<y3>[12]\d{{3}})|(?P<yrel2>the|this|last|next)\s+year))?")
        self.quarter_code = re.compile(
            r"(?P<u>q|h)(?P<n>[1-4])[\s-]*(?P<y>[12]\d{3})|(?P<y2>[12]\d{3})[\s-]*(?P<u2>q|h)(?P<n2>[1-4])")
        self.period = re.compile(
            rf"(?:(?P<det>the|this|that|its|last|next)\s+)?(?:(?P<yrel>this|last|next)\s+year's\s+)?"
            rf"(?P<quals>(?:{qualifier}\s+)*)(?:{year}\s+)?(?P<u>(?:fiscal\s+)?quarter|period|fiscal\s+year|year)"
            rf"(?P<post>\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year|\s+of\s+(?P<y2>[12]\d{{3}}))?"
            rf"|(?P<adj>{qualifier})")
        self.period_end = re.compile(r"(?:the\s+)?(?P<u>year|month|quarter)(?:'s)?[\s-]+end")
        self.fiscal = re.compile(rf"(?:fiscal(?:\s+year)?|fy)\s*'?{year}(?:/\d{{2,4}})?")

    def _relative(self) -> None:
        """Weekdays, parts of day, units counted from the anchor, durations and sets."""
        month, wd, part, shift = self.month_names, self.weekday_names, self.part_names, self.shifts
        number = rf"(?P<n>{_number_words(self.lex)}|{alternation(self.lex.vague_numbers)})"
        units = alternation(self.lex.duration_units)
        self.weekday_day = re.compile(rf"(?P<wd>{wd}),?\s+(?:the\s+)?(?P<d>{self.day.pattern})")
        self.weekday = re.compile(rf"(?:(?P<rel>{shift})\s+)?(?P<wd>{wd})(?:\s+(?P<p>{part}))?")
        self.part = re.compile(
            rf"(?:(?P<wd>{wd})|(?P<rel>this|that|the|tomorrow|yesterday|today|last))?\s*(?P<p>{part})"
            rf"(?:\s+(?P<rd>today|yesterday|tomorrow))?")
        self.relative_unit = re.compile(
            rf"(?P<rel>{shift}|the)\s+(?:fiscal\s+)?(?P<u>week|weekend|month|year|quarter|decade|century)")
        self.ago = re.compile(
            rf"{number}(?:[\s-]+(?P<half>and\s+a\s+half))?[\s-]+(?P<u>{units})s?(?:\s+or\s+(?:so|two))?"
            rf"\s+(?P<ago>ago|earlier|later|from\s+now)")
        self.duration = re.compile(
            r"(?:(?:the|a|an)\s+)?"
            r"(?:(?P<rel>past|last|next|coming|first|previous|following|recent|final|remaining)\s+)?"
            rf"(?:{number}(?:[\s-]+(?:and\s+a\s+half|more|additional|straight|consecutive|full))?[\s-]+)?"
            rf"(?P<u>{units})s?(?:[\s-]+long)?")
        self.set = re.compile(
            rf"(?P<w>every|each)\s+(?:other\s+)?(?:(?P<n>\w+)\s+)?(?P<u>{units}|{wd}|{month}|{part})s?"
            rf"|(?P<k>once|twice)\s+(?:a|an|per|each)\s+(?P<u2>{units})")


@lru_cache(maxsize=4)
def grammar_for(lex: TemporalLexicon) -> Grammar:
    return Grammar(lex)

"""TIMEX3 normalisation of one temporal expression, anchored to a reference date.

`normalise_timex(text, anchor, lexicon, tense)` reads one date/time phrase and returns a `Timex`
(value, type, mod, value_end) or None. It never reads the clock and never raises on messy text.
dateparser is the fallback for single explicit dates the grammar here does not cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from .lexicon import TemporalLexicon

GRANULARITY_PATTERNS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}T"), "time"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-H\d$"), "half"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^FY\d{4}$"), "fiscal_year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
    (re.compile(r"_REF$"), "vague"),
)


def granularity_of(value: str, timex_type: str = "DATE") -> str:
    if timex_type in ("DURATION", "SET"):
        return timex_type.lower()
    for pattern, name in GRANULARITY_PATTERNS:
        if pattern.search(value):
            return name
    return ""


@dataclass(frozen=True)
class Anchor:
    """What relative expressions resolve against.

    reference: the date "today" means (publication date, or the date in force in a narrative).
    context: the most recent explicit date in the text, with its granularity; it fills a missing
    month or year ("Monday 14", "March 24-30") and anchors anaphora ("the same day").
    """

    reference: date | None = None
    source: str = "none"
    context: date | None = None
    context_granularity: str = ""

    def describe(self) -> str:
        return f"{self.source}:{self.reference.isoformat()}" if self.reference else ""

    def day_context(self) -> date | None:
        return self.context if self.context_granularity in ("day", "time") else None

    def deictic_base(self) -> date | None:
        """What "Friday" or "this morning" count from: the publication date in news, else the day in force."""
        if self.source == "published" and self.reference:
            return self.reference
        return self.day_context() or self.reference


@dataclass(frozen=True)
class Timex:
    value: str
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    mod: str = ""
    value_end: str = ""
    anchor: str = ""  # "" when the text itself fixed the value
    explicit_year: bool = False  # the text names its year

    @property
    def granularity(self) -> str:
        return granularity_of(self.value, self.type)


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


class Grammar:
    """Regular expressions built once from the lexicon."""

    def __init__(self, lex: TemporalLexicon) -> None:
        self.lex = lex
        month, wd = _alt(lex.months), _alt(lex.weekdays)
        day = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
        year = r"(?P<y>[12]\d{3})"
        wdp = rf"(?:(?P<wd>{wd})\.?,?\s+)?"
        self.iso = re.compile(r"(?P<y>[12]\d{3})-(?P<m>\d{2})-(?P<d>\d{2})(?:[t ](?P<hh>\d{2}):(?P<mm>\d{2}))?")
        self.day_month = re.compile(rf"{wdp}(?:the\s+)?{day}\s+(?:of\s+)?(?P<mn>{month})\.?(?:,?\s+{year})?")
        self.month_day = re.compile(rf"{wdp}(?P<mn>{month})\.?\s+(?:the\s+)?{day}(?:,?\s+{year})?")
        self.weekday_day = re.compile(rf"(?P<wd>{wd})\.?,?\s+(?:the\s+)?{day}")
        self.weekday = re.compile(rf"(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<wd>{wd})\.?")
        self.month_year = re.compile(rf"(?P<mn>{month})\.?,?\s+(?:of\s+)?{year}")
        self.month = re.compile(rf"(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<mn>{month})\.?")
        self.year = re.compile(rf"(?:the\s+year\s+)?{year}(?:'s)?")
        self.season = re.compile(
            rf"(?:(?P<rel>last|this|next|coming|past|the)\s+)?(?P<s>{_alt(lex.seasons)})(?:\s+(?:of\s+)?{year})?")
        self.part = re.compile(
            rf"(?:(?P<wd>{wd})|(?P<rel>this|that|the|tomorrow|yesterday|today))?\s*(?P<p>{_alt(lex.parts_of_day)})")
        self.clock = re.compile(
            r"(?:(?P<pre>.+?)\s+(?:at\s+)?)?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?:\s+\w+)?")
        self.quarter = re.compile(
            rf"(?:the\s+)?(?P<o>{_alt(lex.ordinals)})\s+(?P<u>quarter|half)(?:\s+of\s+(?:the\s+year\s+)?{year}|\s+of\s+(?:this|the)\s+year)?")
        self.quarter_of_year = re.compile(rf"{year}'s\s+(?P<o>{_alt(lex.ordinals)})\s+(?P<u>quarter|half)")
        self.quarter_code = re.compile(r"(?P<u>q|h)(?P<n>[1-4])\s*(?P<y>[12]\d{3})|(?P<y2>[12]\d{3})\s*(?P<u2>q|h)(?P<n2>[1-4])")
        self.decade = re.compile(r"(?:the\s+)?(?:(?P<c>[12]\d)(?P<d>\d)0|'(?P<s>\d)0)'?s")
        self.century = re.compile(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century")
        self.fiscal = re.compile(rf"(?:fiscal(?:\s+year)?|fy)\s*'?{year}(?:/\d{{2,4}})?")
        number = rf"(?P<n>\d+(?:\.\d+)?|{_alt(lex.number_words)}|{_alt(lex.vague_numbers)})"
        self.duration = re.compile(
            rf"(?:(?:the|a)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|following|recent)\s+)?"
            rf"(?:{number}[\s-]+)?(?P<u>{_alt(lex.duration_units)})s?(?:[\s-]+long)?(?:\s+(?P<ago>ago|later|earlier|from now))?")
        self.relative_unit = re.compile(
            rf"(?:(?P<pre>earlier|later)\s+)?(?P<rel>{_alt(lex.relative_shift)})\s+(?P<u>week|month|year|quarter)")
        self.set = re.compile(
            rf"(?P<w>every|each)\s+(?:(?P<n>\w+)\s+)?(?P<u>{_alt(lex.duration_units)}|{_alt(lex.weekdays)})s?")


@lru_cache(maxsize=4)
def grammar_for(lex: TemporalLexicon) -> Grammar:
    return Grammar(lex)


def clean_timex_text(text: str, lex: TemporalLexicon) -> str:
    s = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().lower().rstrip(".,;:")
    s = s.replace("’", "'")
    changed = True
    while changed:
        changed = False
        for word in sorted(lex.leading_words, key=len, reverse=True):
            if s.startswith(word + " "):
                s, changed = s[len(word) + 1:], True
    return s


def normalise_timex(
    text: str, anchor: Anchor, lex: TemporalLexicon, tense: str | None = None
) -> Timex | None:
    """The TIMEX3 reading of one temporal phrase, or None when it cannot be read."""
    try:
        return _normalise(clean_timex_text(text, lex), anchor, grammar_for(lex), tense)
    except (ValueError, OverflowError, KeyError):
        return None


def _normalise(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    if not s:
        return None
    for reader in (_vague, _set, _modified, _iso, _decade_century, _fiscal, _quarter, _season,
                   _explicit_day, _month_year, _year, _range, _relative_day, _duration,
                   _relative_unit, _weekday_day, _weekday, _month, _part_of_day, _clock):
        result = reader(s, anchor, g, tense)
        if result is not None:
            return result
    return _dateparser_fallback(s, anchor, g, tense)


# --- readers: each takes the cleaned text and returns a Timex or None -----------------------

def _vague(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    value = g.lex.vague.get(s)
    return Timex(value, "DATE") if value else None


def _set(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    if s in g.lex.set_words and g.lex.set_words[s]:
        return Timex(g.lex.set_words[s], "SET")
    m = g.set.fullmatch(s)
    if not m:
        return None
    unit = m["u"]
    if unit in g.lex.weekdays:
        return Timex("XXXX-WXX-" + str(g.lex.weekdays[unit] + 1), "SET")
    n = _number(m["n"], g.lex) if m["n"] else 1
    return Timex(_period(n, g.lex.duration_units[unit]), "SET")


def _modified(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    for phrase, mod in sorted(g.lex.modifiers.items(), key=lambda kv: -len(kv[0])):
        if s.startswith(phrase) and len(s) > len(phrase):
            rest = s[len(phrase):].lstrip(" -")
            if phrase.endswith("-") or s[len(phrase)] in " -":
                inner = _normalise(rest, anchor, g, tense)
                if inner is not None and inner.type in ("DATE", "TIME") and not inner.value.endswith("_REF"):
                    return replace(inner, mod=mod)
    return None


def _iso(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    week = re.fullmatch(r"([12]\d{3})-w(\d{2})", s)
    if week:
        return Timex(f"{week[1]}-W{week[2]}", explicit_year=True)
    m = g.iso.fullmatch(s)
    if not m:
        return None
    day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m["hh"]:
        return Timex(f"{day.isoformat()}T{m['hh']}:{m['mm']}", "TIME", explicit_year=True)
    return Timex(day.isoformat(), explicit_year=True)


def _decade_century(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.decade.fullmatch(s)
    if m and m["c"]:
        return Timex(m["c"] + m["d"], explicit_year=True)
    if m and m["s"] and anchor.reference:
        century = "19" if int(m["s"]) > (anchor.reference.year % 100) // 10 else str(anchor.reference.year)[:2]
        return Timex(century + m["s"], anchor=anchor.describe())
    m = g.century.fullmatch(s)
    if m:
        return Timex(f"{int(m['n']) - 1:02d}", explicit_year=True)
    return None


def _fiscal(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.fiscal.fullmatch(s)
    return Timex(f"FY{m['y']}", explicit_year=True) if m else None


def _quarter(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.quarter_code.fullmatch(s)
    if m:
        unit, n = (m["u"] or m["u2"]).upper(), m["n"] or m["n2"]
        return Timex(f"{m['y'] or m['y2']}-{unit}{n}", explicit_year=True)
    m = g.quarter.fullmatch(s) or g.quarter_of_year.fullmatch(s)
    if not m:
        return None
    year, explicit = _year_or_context(m["y"], anchor)
    if year is None:
        return None
    limit = 4 if m["u"] == "quarter" else 2
    n = g.lex.ordinals[m["o"]]
    n = limit if n == -1 else n
    if not 1 <= n <= limit:
        return None
    code = "Q" if m["u"] == "quarter" else "H"
    return Timex(f"{year}-{code}{n}", explicit_year=explicit, anchor="" if explicit else anchor.describe())


def _season(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.season.fullmatch(s)
    if not m:
        return None
    code = g.lex.seasons[m["s"]]
    year, explicit = _year_or_context(m["y"], anchor)
    if year is None:
        return None
    shift = g.lex.relative_shift.get(m["rel"] or "", 0) if not explicit else 0
    return Timex(f"{year + shift}-{code}", explicit_year=explicit, anchor="" if explicit else anchor.describe())


def _explicit_day(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.day_month.fullmatch(s) or g.month_day.fullmatch(s)
    if not m:
        return None
    month = g.lex.months[m["mn"]]
    if m["y"]:
        return Timex(date(int(m["y"]), month, int(m["d"])).isoformat(), explicit_year=True)
    year = _infer_year(month, anchor, tense)
    if year is None:
        return None
    return Timex(date(year, month, int(m["d"])).isoformat(), anchor=_anchor_text(anchor))


def _month_year(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.month_year.fullmatch(s)
    if not m:
        return None
    return Timex(f"{m['y']}-{g.lex.months[m['mn']]:02d}", explicit_year=True)


def _year(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.year.fullmatch(s)
    return Timex(m["y"], explicit_year=True) if m and 1000 <= int(m["y"]) <= 2999 else None


def _range(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    s = re.sub(r"^between\s+", "", s)
    joiners = "|".join(re.escape(j) if len(j) == 1 else rf"\s{re.escape(j)}\s" for j in g.lex.range_joiners)
    for m in re.finditer(rf"\s*(?:{joiners})\s*", s):
        left, right = s[: m.start()].strip(), s[m.end():].strip()
        if left and right:
            pair = _range_pair(left, right, anchor, g, tense)
            if pair:
                return pair
    return None


def _range_pair(left: str, right: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    end = _normalise(right, anchor, g, tense) if not right.isdigit() or len(right) == 4 else None
    if right.isdigit() and len(right) <= 2:  # "March 24-30": the right end is a bare day
        start = _normalise(left, anchor, g, tense)
        if start and start.granularity == "day":
            end_day = date.fromisoformat(start.value).replace(day=int(right))
            return replace(start, value_end=end_day.isoformat())
        if start and start.granularity == "year" and len(right) == 2:  # "2019-20"
            return replace(start, value_end=start.value[:2] + right)
        return None
    if end is None or end.type != "DATE":
        return None
    if left.isdigit() and len(left) <= 2 and end.granularity == "day":  # "24-30 March 2026"
        start_day = date.fromisoformat(end.value).replace(day=int(left))
        return replace(end, value=start_day.isoformat(), value_end=end.value)
    context = _end_as_context(end, anchor)
    start = _normalise(left, context, g, tense)
    if start is None or start.type != "DATE" or start.value.endswith("_REF"):
        return None
    return replace(start, value_end=end.value, explicit_year=start.explicit_year or end.explicit_year)


def _end_as_context(end: Timex, anchor: Anchor) -> Anchor:
    if end.granularity in ("day", "month", "year"):
        parts = [int(p) for p in end.value.split("-")] + [1, 1]
        return replace(anchor, context=date(parts[0], parts[1], parts[2]), context_granularity=end.granularity)
    return anchor


def _duration(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.duration.fullmatch(s)
    if not m:
        return None
    unit = g.lex.duration_units[m["u"]]
    n = _number(m["n"], g.lex) if m["n"] else None
    if m["ago"] and n is not None and anchor.reference:
        return _shifted(anchor, unit, -n if m["ago"] in ("ago", "earlier") else n)
    if m["rel"] in ("last", "next", "this") and n is None and not s.startswith("the"):
        return None  # "last week" is a date, read by _relative_unit
    if n is None and not (s.endswith("s") or m["rel"] or s.startswith(("a ", "the "))) and "long" not in s:
        return None
    plural_only = n is None and s.rstrip().endswith("s") and not m["rel"]
    return Timex(_period(None if plural_only else (n or 1), unit), "DURATION")


def _relative_day(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    if s not in g.lex.relative_days and s != "the day":
        return None
    anaphoric = s.startswith(("the", "that"))
    base = (anchor.day_context() or anchor.reference) if anaphoric else (anchor.reference or anchor.day_context())
    if base is None:
        return None
    day = base + timedelta(days=g.lex.relative_days.get(s, 0))
    return Timex(day.isoformat(), anchor=_anchor_text(anchor, anaphoric))


def _relative_unit(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.relative_unit.fullmatch(s)
    if not m or anchor.reference is None:
        return None
    shift = g.lex.relative_shift[m["rel"]]
    timex = _shifted(anchor, g.lex.duration_units[m["u"]], shift)
    return timex


def _weekday_day(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.weekday_day.fullmatch(s)
    base = anchor.context or anchor.reference
    if not m or base is None:
        return None
    weekday, day = g.lex.weekdays[m["wd"]], int(m["d"])
    for months_ahead in (0, 1, -1, 2, -2):
        month_index = base.year * 12 + base.month - 1 + months_ahead
        try:
            candidate = date(month_index // 12, month_index % 12 + 1, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            return Timex(candidate.isoformat(), anchor=_anchor_text(anchor))
    return None


def _weekday(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.weekday.fullmatch(s)
    base = anchor.deictic_base()
    if not m or base is None:
        return None
    target = g.lex.weekdays[m["wd"]]
    direction = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(m["rel"] or "", tense)
    if direction == "future":
        delta = (target - base.weekday()) % 7 or (7 if m["rel"] == "next" else 0)
    else:
        delta = -((base.weekday() - target) % 7)
    return Timex((base + timedelta(days=delta)).isoformat(), anchor=_anchor_text(anchor))


def _month(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.month.fullmatch(s)
    if not m or m["mn"] in ("may", "mar", "sun", "sat", "jan") and not m["rel"] and s == m["mn"] == "may":
        return None
    month = g.lex.months[m["mn"]]
    year = _infer_year(month, anchor, tense if not m["rel"] else ("future" if m["rel"] in ("next", "coming") else "past"))
    return Timex(f"{year}-{month:02d}", anchor=_anchor_text(anchor)) if year else None


def _part_of_day(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.part.fullmatch(s)
    if not m:
        return None
    code = g.lex.parts_of_day[m["p"]]
    if m["wd"]:
        day = _weekday(m["wd"], anchor, g, tense)
        base = date.fromisoformat(day.value) if day else None
    elif m["rel"] in ("tomorrow", "yesterday", "today"):
        day = _relative_day(m["rel"], anchor, g, tense)
        base = date.fromisoformat(day.value) if day else None
    elif m["rel"] in ("this", None) and s != "the " + m["p"]:
        base = anchor.reference or anchor.day_context()
    else:  # "the afternoon": the day in force in the narrative
        base = anchor.day_context() or anchor.reference
    if base is None:
        return None
    return Timex(f"{base.isoformat()}T{code}", "TIME", anchor=_anchor_text(anchor))


def _clock(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    m = g.clock.fullmatch(s)
    if not m or not (m["m"] or m["ap"]):
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if m["ap"] and m["ap"].startswith("p") and hour < 12:
        hour += 12
    if m["ap"] and m["ap"].startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    day_timex = _normalise(m["pre"], anchor, g, tense) if m["pre"] else None
    if day_timex and day_timex.granularity == "day":
        base = date.fromisoformat(day_timex.value)
    else:
        base = anchor.day_context() or anchor.reference
    if base is None:
        return None
    return Timex(f"{base.isoformat()}T{hour:02d}:{minute:02d}", "TIME", anchor=_anchor_text(anchor))


def _dateparser_fallback(s: str, anchor: Anchor, g: Grammar, tense: str | None) -> Timex | None:
    month_or_year = re.search(rf"\b(?:{_alt(g.lex.months)})\b|\b[12]\d{{3}}\b|\d+/\d+", s)
    if not month_or_year:
        return None
    base = anchor.reference or anchor.context or date(2000, 1, 1)
    data = _date_parser(base, tense or "current_period").get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    explicit = bool(re.search(r"\b[12]\d{3}\b", s))
    value = _value_for_period(data.date_obj, data.period or "day")
    if value is None or (not explicit and anchor.reference is None and anchor.context is None):
        return None
    return Timex(value, "TIME" if "T" in value else "DATE", explicit_year=explicit,
                 anchor="" if explicit else _anchor_text(anchor))


# --- helpers --------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _date_parser(base: date, prefer: str) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _value_for_period(moment: datetime, period: str) -> str | None:
    return {
        "year": f"{moment.year}",
        "month": f"{moment.year}-{moment.month:02d}",
        "week": f"{moment.isocalendar()[0]}-W{moment.isocalendar()[1]:02d}",
        "day": moment.date().isoformat(),
        "time": f"{moment.date().isoformat()}T{moment.hour:02d}:{moment.minute:02d}",
    }.get(period)


def _number(word: str, lex: TemporalLexicon) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    value = lex.number_words.get(word)
    return float(value) if value is not None else None


def _period(n: float | None, unit: str) -> str:
    time_unit = unit in ("S", "TM", "H")
    letter = {"TM": "M"}.get(unit, unit)
    multiplier = 1
    digits = re.match(r"(\d+)(\D+)", letter)
    if digits:
        multiplier, letter = int(digits[1]), digits[2]
    if n is None:
        amount = "X"
    else:
        total = n * multiplier
        amount = str(int(total)) if total == int(total) else str(total)
    return f"PT{amount}{letter}" if time_unit else f"P{amount}{letter}"


def _shifted(anchor: Anchor, unit: str, n: float) -> Timex | None:
    base = anchor.reference
    if base is None or n != int(n):
        return None
    n = int(n)
    if unit == "D":
        value = (base + timedelta(days=n)).isoformat()
    elif unit == "W":
        iso = (base + timedelta(weeks=n)).isocalendar()
        value = f"{iso[0]}-W{iso[1]:02d}"
    elif unit == "M":
        index = base.year * 12 + base.month - 1 + n
        value = f"{index // 12}-{index % 12 + 1:02d}"
    elif unit == "Q":
        index = base.year * 4 + (base.month - 1) // 3 + n
        value = f"{index // 4}-Q{index % 4 + 1}"
    elif unit == "Y":
        value = str(base.year + n)
    else:
        return None
    return Timex(value, anchor=anchor.describe())


def _year_or_context(year_text: str | None, anchor: Anchor) -> tuple[int | None, bool]:
    if year_text:
        return int(year_text), True
    base = anchor.context or anchor.reference
    return (base.year if base else None), False


def _infer_year(month: int, anchor: Anchor, tense: str | None) -> int | None:
    """The year of a month written without one: from the publication date in news (later or earlier
    by the sentence's tense), else from the date in force."""
    if anchor.context is not None and not (anchor.source == "published" and anchor.reference):
        return anchor.context.year
    if anchor.reference is None:
        return None
    year = anchor.reference.year
    if tense == "past" and month > anchor.reference.month:
        return year - 1
    if tense == "future" and month < anchor.reference.month:
        return year + 1
    return year


def _anchor_text(anchor: Anchor, prefer_context: bool = False) -> str:
    if (prefer_context or anchor.reference is None) and anchor.context is not None:
        return f"context:{anchor.context.isoformat()}"
    return anchor.describe()

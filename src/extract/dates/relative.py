"""Readers for relative, vague and repeated expressions: "Friday", "last week", "a year ago",
"the latest quarter", "now", "three years", "every week". See `dates.readers` for the calendar ones."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from extract.dates.calendar import (
    ago_value,
    iso_week,
    number_value,
    parse_quarter,
    period_value,
    quarter_of,
    quarter_value,
    resolve_weekday,
    shifted_value,
)
from extract.dates.readers import direction_of
from extract.dates.types import Anchor, Reading, Timex, granularity_of

DATE_MODS = ("START", "MID", "END", "APPROX", "LESS_THAN", "")
DURATION_ONLY = ("over",)  # "over the weekend" is not "more than the weekend"
DAY_OFFSET = re.compile(r"(?:the )?day (?P<dir>before|after) (?P<rest>.+)")
FORWARD_SPANS = ("the next", "the coming")  # "the next decade" is a stretch of time from now


def read_vague(s: str, r: Reading) -> Timex | None:
    value = r.g.lex.vague.get(s) or r.g.lex.vague_adjectives.get(s)
    return Timex(value) if value else None


def read_set(s: str, r: Reading) -> Timex | None:
    lex = r.g.lex
    if lex.set_words.get(s):
        return Timex(lex.set_words[s], "SET")
    m = r.g.set.fullmatch(s)
    if not m:
        return None
    unit = m["u"] or m["u2"]
    if unit in lex.weekdays:
        return Timex(f"XXXX-WXX-{lex.weekdays[unit] + 1}", "SET")
    if unit in lex.months:
        return Timex(f"XXXX-{lex.months[unit]:02d}", "SET")
    if unit in lex.parts_of_day:
        return Timex(f"XXXX-XX-XXT{lex.parts_of_day[unit]}", "SET")
    n = number_value(m["n"], lex) if m["n"] else 1
    return Timex(period_value(n or 1, lex.duration_units[unit]), "SET")


def read_modified(s: str, r: Reading) -> Timex | None:
    """ "early 2025", "the end of the month", "late-November", "nearly four years ago", "a week or so ago"."""
    if s.endswith(" or so"):
        inner = r.again(s[: -len(" or so")])
        return replace(inner, mod="APPROX") if inner and not inner.is_vague else None
    lex = r.g.lex
    if s.startswith("the ") and any(s[4:].startswith(p + " ") or s[4:].startswith(p + "-") for p in lex.modifiers):
        s = s[4:]  # "the mid-1990s"
    for phrase, mod in sorted(lex.all_modifiers().items(), key=lambda kv: -len(kv[0])):
        if not (s.startswith(phrase) and len(s) > len(phrase) + 1 and s[len(phrase)] in " -"):
            continue
        rest = s[len(phrase) + 1:].lstrip(" -")
        rest = re.sub(rf"^(?:{'|'.join(map(re.escape, lex.leading_words))})\s+", "", rest)  # "earlier in the year"
        inner = r.again(rest)
        if inner is None or inner.is_vague:
            continue
        if inner.type in ("DATE", "TIME") and (mod not in DATE_MODS or phrase in DURATION_ONLY):
            continue
        return replace(inner, mod=mod or inner.mod)
    return None


def read_day_offset(s: str, r: Reading) -> Timex | None:
    """ "the day before last Tuesday", "the day after Christmas": one day off a day named inside."""
    m = DAY_OFFSET.fullmatch(s)
    inner = r.again(m["rest"]) if m else None
    if inner is None or granularity_of(inner.value, inner.type) != "day":
        return None
    day = date.fromisoformat(inner.value) + timedelta(days=1 if m["dir"] == "after" else -1)
    return Timex(day.isoformat(), anchor=inner.anchor)


def read_relative_day(s: str, r: Reading) -> Timex | None:
    """ "today", "yesterday", "tomorrow": counted from the publication date (or the day in force)."""
    offset = r.g.lex.relative_days.get(s)
    base = r.anchor.reference or r.anchor.day_context()
    if offset is None or base is None:
        return None
    return Timex((base + timedelta(days=offset)).isoformat(), anchor=r.anchor.describe_base())


def read_anaphoric_day(s: str, r: Reading) -> Timex | None:
    """ "the same day", "that day", "the next morning": counted from the day the text is telling about."""
    offset = r.g.lex.anaphoric_days.get(s)
    base = r.anchor.day_context() or r.anchor.reference
    if offset is None or base is None:
        return None
    return Timex((base + timedelta(days=offset)).isoformat(), anchor=r.anchor.describe_base(prefer_context=True))


def read_ago(s: str, r: Reading) -> Timex | None:
    """ "three weeks ago", "a year earlier", "two days later": a date, at the unit's granularity."""
    m = r.g.ago.fullmatch(s)
    if not m:
        return None
    unit = r.g.lex.duration_units[m["u"]]
    n = number_value(m["n"], r.g.lex)
    backward = m["ago"] in ("ago", "earlier")
    if n is None:  # "several years ago", "a few weeks later"
        return Timex("PAST_REF" if backward else "FUTURE_REF")
    if m["half"]:
        n += 0.5
    quarterly = _quarter_shift(m["ago"], unit, n, backward, r.anchor)
    if quarterly is not None:
        return quarterly
    anchor = r.anchor
    if m["ago"] in ("earlier", "later") and anchor.source != "published" and anchor.day_context():
        base = anchor.day_context()
    else:
        base = anchor.reference or anchor.context
    if base is None:
        return None
    value = ago_value(base, unit, -n if backward else n)
    return Timex(value, anchor=anchor.describe_base()) if value else None


def _quarter_shift(word: str, unit: str, n: float, backward: bool, anchor: Anchor) -> Timex | None:
    """ "a year earlier" / "a year ago" in a results story: the quarter in force, a year before."""
    index = parse_quarter(anchor.quarter) if anchor.quarter else None
    if index is None or unit not in ("Y", "Q") or n != int(n) or (word == "ago" and n != 1):
        return None
    step = int(n) * (4 if unit == "Y" else 1)
    return Timex(quarter_value(index - step if backward else index + step), anchor=f"quarter:{anchor.quarter}")


def read_period_reference(s: str, r: Reading) -> Timex | None:
    """ "the quarter", "the latest period", "the year-ago quarter", "year-earlier", "the 1988 period",
    "the current fiscal year": the reporting period of results news."""
    m = r.g.period.fullmatch(s)
    if not m:
        return None
    lex = r.g.lex
    if m["adj"]:
        if lex.period_qualifiers[m["adj"]] != "year_before":
            return None
        kinds, unit = {"year_before"}, "period"
    else:
        kinds = {lex.period_qualifiers[q] for q in m["quals"].split()}
        unit = m["u"].replace("fiscal ", "").replace("fiscal", "").strip() or "year"
        if unit == "year" and not kinds and m["det"] not in ("its",):
            return None  # "the year", "this year": read as relative units
        if unit == "period" and not (kinds or m["y"]):
            return None
    if m["post"] and (m["post"].strip().startswith("a year") or m["post"].strip() == "last year"):
        kinds.add("year_before")
    if m["yrel"] == "last":
        kinds.add("year_before")
    if m["det"] in ("last", "next") and unit == "quarter":
        kinds.add(m["det"])
    return _period_value(unit, kinds, m["y"] or m["y2"], r)


def _period_value(unit: str, kinds: set[str], year: str | None, r: Reading) -> Timex | None:
    reference = r.anchor.reference or r.anchor.context
    if reference is None:
        return None
    quarterly = unit == "quarter" or (unit == "period" and (r.anchor.quarter or not year))
    if quarterly:
        if "current" in kinds or "next" in kinds or (r.tense == "future" and not r.anchor.quarter):
            index = quarter_of(reference) + (1 if "next" in kinds else 0)
        elif r.anchor.quarter and "last" not in kinds:
            index = parse_quarter(r.anchor.quarter) or quarter_of(reference) - 1
        else:
            index = quarter_of(reference) - 1
        if year:
            index = int(year) * 4 + index % 4
        if "year_before" in kinds:
            index -= 4
        return Timex(quarter_value(index), explicit_year=bool(year), anchor=r.anchor.describe())
    value = int(year) if year else reference.year - (1 if "reported" in kinds else 0)
    if "year_before" in kinds:
        value -= 1
    return Timex(str(value), explicit_year=bool(year), anchor=r.anchor.describe())


def read_period_end(s: str, r: Reading) -> Timex | None:
    """ "year-end", "by year's end": the end of the current unit."""
    m = r.g.period_end.fullmatch(s)
    base = r.anchor.reference or r.anchor.context
    if not m or base is None:
        return None
    value = shifted_value(base, {"year": "Y", "month": "M", "quarter": "Q"}[m["u"]], 0)
    return Timex(value or "", mod="END", anchor=r.anchor.describe()) if value else None


def read_relative_unit(s: str, r: Reading) -> Timex | None:
    """ "last week", "this year", "next month", "that year", "the weekend", "the following year"."""
    m = r.g.relative_unit.fullmatch(s)
    if not m:
        return None
    anchor = r.anchor
    rel, unit = m["rel"], m["u"]
    if rel in FORWARD_SPANS and unit != "weekend":
        return None  # "over the next decade": a duration, read by read_duration
    if unit == "weekend":
        return _weekend(rel, r)
    if rel in ("that", "the", "the same"):
        return _same_unit(unit, r, rel)
    code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "10Y", "century": "100Y"}[unit]
    shift = r.g.lex.relative_shift[rel]
    if rel in ("the following", "the previous") and anchor.previous is not None:
        base = anchor.previous
    else:
        base = anchor.reference or anchor.context
    if base is None:
        return None
    value = shifted_value(base, code, shift)
    return Timex(value, anchor=anchor.describe_base()) if value else None


def _same_unit(unit: str, r: Reading, rel: str = "that") -> Timex | None:
    """ "that year", "the year", "the week": the unit of the date in force, else of the publication date.
    "the month" / "the year" told in the present or future ("will launch at the end of the month", "are
    looking at guidelines by the end of the year") is the publication's: a date in force from a past
    narrative ("On April 12, 1981, …") does not carry into what is still to come."""
    anchor = r.anchor
    if unit == "quarter":
        return None
    base = anchor.context if anchor.context_granularity in ("day", "time", "month", "year") else None
    if rel == "the" and r.tense in ("present", "future") and anchor.source == "published":
        base = None
    in_force = base is not None
    base = base or anchor.reference
    if base is None:
        return None
    code = {"week": "W", "month": "M", "year": "Y", "decade": "10Y", "century": "100Y"}[unit]
    return Timex(shifted_value(base, code, 0) or "", anchor=anchor.describe_base(prefer_context=in_force))


def _weekend(rel: str, r: Reading) -> Timex | None:
    base = r.anchor.deictic_base()
    if base is None:
        return None
    shift = r.g.lex.relative_shift.get(rel, 0) if rel not in ("the", "that", "the same") else 0
    direction = "past" if shift < 0 else "future" if shift > 0 else direction_of(None, r)
    saturday = resolve_weekday(base, 5, "future" if direction == "future" else "past")
    if direction != "future" and base.weekday() == 6:
        saturday = base - timedelta(days=1)
    return Timex(iso_week(saturday) + "-WE", anchor=r.anchor.describe())


def read_duration(s: str, r: Reading) -> Timex | None:
    """ "two days", "a decade", "the past three years", "years", "week-long"."""
    m = r.g.duration.fullmatch(s)
    if not m:
        return None
    lex = r.g.lex
    unit = lex.duration_units[m["u"]]
    n = number_value(m["n"], lex) if m["n"] else None
    if m["rel"] in ("last", "next") and n is None and not s.startswith("the"):
        return None  # "last week" is a date
    if n is None and not (m["n"] or s.endswith("s") or m["rel"] or s.startswith(("a ", "an ", "the ")) or "long" in s):
        return None  # a bare "year" is not a duration
    if n is None and s.startswith("the ") and not m["rel"] and not m["n"]:
        return None  # "the week": a date
    vague = m["n"] is not None and n is None
    plural_only = m["n"] is None and s.rstrip().endswith("s") and not m["rel"] and "long" not in s
    if "and a half" in s and n is not None:
        n += 0.5
    return Timex(period_value(None if vague or plural_only else (n or 1), unit), "DURATION")


def read_listed_day(s: str, r: Reading) -> Timex | None:
    """ "April 24 and 25", "24 and 25 April": a bare day number takes its month from the day it is listed with."""
    base = r.anchor.day_context()
    if not r.g.day.fullmatch(s) or base is None:
        return None
    try:
        return Timex(base.replace(day=r.g.lex.day_number(s)).isoformat(), anchor=r.anchor.describe_base())
    except ValueError:
        return None


def read_weekday_day(s: str, r: Reading) -> Timex | None:
    """ "Monday 14": the month of the date in force (or the publication's) in which the 14th is a Monday."""
    m = r.g.weekday_day.fullmatch(s)
    base = r.anchor.context or r.anchor.reference
    if not m or base is None:
        return None
    weekday, day = r.g.lex.weekdays[m["wd"]], r.g.lex.day_number(m["d"])
    for months_ahead in (0, 1, -1, 2, -2):
        index = base.year * 12 + base.month - 1 + months_ahead
        try:
            candidate = date(index // 12, index % 12 + 1, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            return Timex(candidate.isoformat(), anchor=r.anchor.describe_base())
    return None


def read_weekday(s: str, r: Reading) -> Timex | None:
    """ "Friday", "last Friday", "this coming Sunday", "Friday afternoon": the week is chosen by the
    shift word or the tense (past: on or before the reference day; future: on or after)."""
    m = r.g.weekday.fullmatch(s)
    base = r.anchor.deictic_base()
    if not m or base is None:
        return None
    rel = m["rel"]
    shift = r.g.lex.relative_shift.get(rel or "", 0)
    context_day = r.anchor.day_context()
    if rel in ("the previous", "the following") and context_day is not None:
        base = context_day  # "down from the previous Friday": the one before the Friday just told
    direction = direction_of(rel, r) if shift else ("future" if rel == "this" else direction_of(None, r))
    day = resolve_weekday(base, r.g.lex.weekdays[m["wd"]], direction, strictly=shift != 0)
    if m["p"]:
        return Timex(f"{day.isoformat()}T{r.g.lex.parts_of_day[m['p']]}", "TIME", anchor=r.anchor.describe_base())
    return Timex(day.isoformat(), anchor=r.anchor.describe_base())


def read_part_of_day(s: str, r: Reading) -> Timex | None:
    """ "this morning", "the afternoon", "last night", "Friday evening", "mid-afternoon yesterday"."""
    m = r.g.part.fullmatch(s)
    if not m:
        return None
    code = r.g.lex.parts_of_day[m["p"]]
    anchor = r.anchor
    relative = m["rel"] or m["rd"]
    if m["wd"]:
        day = read_weekday(m["wd"], r)
        base = date.fromisoformat(day.value) if day else None
    elif relative in ("tomorrow", "yesterday", "today", "last"):
        offset = r.g.lex.relative_days.get(relative, -1)
        reference = anchor.reference or anchor.day_context()
        base = reference + timedelta(days=offset) if reference else None
    elif relative == "this":
        base = anchor.reference or anchor.day_context()
    else:  # "the afternoon", "that night": the day in force in the narrative
        base = anchor.day_context() or anchor.reference
    if base is None:
        return None
    return Timex(f"{base.isoformat()}T{code}", "TIME", anchor=anchor.describe_base())

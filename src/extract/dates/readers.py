"""Readers for calendar expressions: explicit days, months, years, quarters, seasons, decades, clock times.

Each reader takes one cleaned phrase and the `Reading` (anchor, grammar, tense) and returns a `Timex`
or None; `timex.READERS` tries them in order. Relative and vague expressions are in `dates.relative`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta

from extract.dates.calendar import holiday_date, infer_year, iso_week, quarter_index, quarter_of
from extract.dates.types import Reading, Timex

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def direction_of(rel: str | None, r: Reading) -> str | None:
    """past / future from a shift word ("last", "next"), else from the sentence's tense."""
    if rel:
        shift = r.g.lex.relative_shift.get(rel)
        if shift is not None and shift != 0:
            return "past" if shift < 0 else "future"
    return r.tense if r.tense in ("past", "future") else None


def read_iso(s: str, r: Reading) -> Timex | None:
    week = re.fullmatch(r"([12]\d{3})-w(\d{2})", s)
    if week:
        return Timex(f"{week[1]}-W{week[2]}", explicit_year=True)
    m = r.g.iso.fullmatch(s)
    if not m:
        return None
    day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m["hh"]:
        return Timex(f"{day.isoformat()}T{m['hh']}:{m['mm']}", "TIME", explicit_year=True)
    return Timex(day.isoformat(), explicit_year=True)


def read_holiday(s: str, r: Reading) -> Timex | None:
    m = r.g.holiday.fullmatch(s)
    base = r.anchor.year_base()
    if not m or base is None:
        return None
    spec = r.g.lex.holidays[m["h"]]
    direction = direction_of(m["rel"], r)
    days = [d for d in (holiday_date(spec, base.year + k) for k in (-1, 0, 1)) if d is not None]
    if direction == "past":
        days = [d for d in days if d <= base] or days
    elif direction == "future":
        days = [d for d in days if d >= base] or days
    day = min(days, key=lambda d: (abs((d - base).days), d > base))
    value = iso_week(day) if s.endswith(" week") else day.isoformat()
    return Timex(value, anchor=r.anchor.describe_base())


def read_decade_century(s: str, r: Reading) -> Timex | None:
    m = r.g.decade.fullmatch(s)
    reference = r.anchor.year_base()
    if m and m["c"]:
        return Timex(m["c"] + m["d"], explicit_year=True)
    if m and (m["s"] or m["w"]) and reference:
        digit = int(m["s"]) if m["s"] else r.g.lex.decade_words[m["w"]]
        this_century = reference.year // 100
        century = this_century - 1 if digit > (reference.year % 100) // 10 else this_century
        return Timex(f"{century}{digit}", anchor=r.anchor.describe())
    m = r.g.century.fullmatch(s)
    if m:
        number = int(m["n"]) if m["n"] else r.g.lex.ordinals[m["o"]]
        return Timex(f"{number - 1:02d}", explicit_year=True) if number > 0 else None
    return None


def read_fiscal(s: str, r: Reading) -> Timex | None:
    m = r.g.fiscal.fullmatch(s)
    return Timex(f"FY{m['y']}", explicit_year=True) if m else None


def read_quarter(s: str, r: Reading) -> Timex | None:
    """ "the third quarter (of 1990)", "third-quarter", "2026's second half", "Q3 2024"."""
    m = r.g.quarter_code.fullmatch(s)
    if m:
        unit, n = (m["u"] or m["u2"]).upper(), m["n"] or m["n2"]
        return Timex(f"{m['y'] or m['y2']}-{unit}{n}", explicit_year=True)
    m = r.g.quarter.fullmatch(s)
    if not m:
        return None
    limit = 4 if m["u"] == "quarter" else 2
    n = r.g.lex.ordinals[m["o"]]
    n = limit if n == -1 else n
    if not 1 <= n <= limit:
        return None
    explicit = m["y"] or m["y2"] or m["y3"]
    relative = m["yrel"] or (m["yrel2"] if m["yrel2"] != "the" else None)
    base = r.anchor.year_base()
    if explicit:
        year = int(explicit)
    elif base is None:
        return None
    elif relative:
        year = base.year + r.g.lex.relative_shift.get(relative, 0)
    elif m["u"] == "quarter":
        year = _quarter_year(base, n, r)
    else:
        year = base.year
    if m["ago"]:
        year -= 1
    code = "Q" if m["u"] == "quarter" else "H"
    return Timex(f"{year}-{code}{n}", explicit_year=bool(explicit), anchor="" if explicit else r.anchor.describe())


def _quarter_year(base: date, n: int, r: Reading) -> int:
    """A quarter named without a year: the one nearest the anchor's quarter, on the side the tense points to
    ("reported third-quarter profit" in October: this year's; "the fourth quarter" told in January: last year's)."""
    here = quarter_of(base)
    direction = direction_of(None, r)
    candidates = [quarter_index(year, n) for year in (base.year - 1, base.year, base.year + 1)]
    if direction == "past":
        candidates = [c for c in candidates if c <= here] or candidates
    elif direction == "future":
        candidates = [c for c in candidates if c >= here - 1] or candidates
    return min(candidates, key=lambda c: (abs(c - here), c > here)) // 4


def read_season(s: str, r: Reading) -> Timex | None:
    m = r.g.season.fullmatch(s)
    if not m:
        return None
    code = r.g.lex.seasons[m["s"]]
    if m["y"]:
        return Timex(f"{m['y']}-{code}", explicit_year=True)
    base = r.anchor.year_base()
    if base is None:
        return None
    rel = m["rel"] if m["rel"] != "the" else None
    direction = direction_of(rel, r)
    start = date(base.year, SEASON_START[code], 1)
    year = base.year
    if direction == "past" and start > base:
        year -= 1
    elif direction == "future" and date(base.year, SEASON_START[code], 28) + timedelta(days=62) < base:
        year += 1
    if code == "WI" and base.month <= 2 and direction != "future":
        year = min(year, base.year - 1)
    return Timex(f"{year}-{code}", anchor=r.anchor.describe())


def read_explicit_day(s: str, r: Reading) -> Timex | None:
    rel = re.match(rf"({r.g.shifts})\s+", s)  # "this coming Sunday, March 8": longest shift first
    rest = s[rel.end():] if rel else s
    m = r.g.day_month.fullmatch(rest) or r.g.month_day.fullmatch(rest)
    if not m:
        return None
    month, day = r.g.lex.months[m["mn"]], r.g.lex.day_number(m["d"])
    if m["y"]:
        return Timex(date(int(m["y"]), month, day).isoformat(), explicit_year=True)
    year = _day_year(month, day, m["wd"], direction_of(rel[1] if rel else None, r), r)
    if year is None:
        return None
    return Timex(date(year, month, day).isoformat(), anchor=r.anchor.describe_base())


def _day_year(month: int, day: int, weekday: str | None, direction: str | None, r: Reading) -> int | None:
    """The year of "Oct. 23": the narrative's year, or the publication year moved by the tense; a weekday
    written with it ("Friday, Oct. 23") picks the year in which the two agree."""
    anchor = r.anchor
    if anchor.source != "published" and anchor.context is not None:
        return anchor.context.year  # a narrative: the year of the date in force
    base = anchor.reference
    if base is None:
        return None
    year = infer_year(base, month, day, direction)
    if weekday:
        target = r.g.lex.weekdays[weekday]
        for candidate in (year, year - 1, year + 1):
            try:
                if date(candidate, month, day).weekday() == target:
                    return candidate
            except ValueError:
                continue
    return year


def read_week_of(s: str, r: Reading) -> Timex | None:
    m = r.g.week_of.fullmatch(s)
    inner = r.again(m["rest"]) if m else None
    if inner is None or inner.granularity != "day":
        return None
    return replace(inner, value=iso_week(date.fromisoformat(inner.value)))


def read_month_year(s: str, r: Reading) -> Timex | None:
    m = r.g.month_year.fullmatch(s)
    if not m:
        return None
    return Timex(f"{m['y']}-{r.g.lex.months[m['mn']]:02d}", explicit_year=True)


def read_year(s: str, r: Reading) -> Timex | None:
    m = r.g.year.fullmatch(s)
    return Timex(m["y"], explicit_year=True) if m and 1000 <= int(m["y"]) <= 2999 else None


def read_month(s: str, r: Reading) -> Timex | None:
    """ "November", "last November", "January this year", "April next year"."""
    m = r.g.month.fullmatch(s)
    if not m:
        return None
    month = r.g.lex.months[m["mn"]]
    base = r.anchor.year_base()
    if base is None:
        return None
    shift = r.g.lex.relative_shift.get(m["rel"] or "")
    if m["yrel"]:
        year = base.year + r.g.lex.relative_shift[m["yrel"]]
    elif r.anchor.source != "published" and r.anchor.context is not None:
        year = r.anchor.context.year
    elif shift is None:
        year = infer_year(base, month, None, direction_of(None, r))
    elif shift == 0:  # "this September"
        year = base.year
    elif shift < 0:  # "last November": the latest one before this month
        year = base.year if month < base.month else base.year - 1
    else:
        year = base.year if month > base.month else base.year + 1
    return Timex(f"{year}-{month:02d}", anchor=r.anchor.describe_base())


def range_cuts(text: str, joiners: Iterable[str]) -> Iterator[tuple[slice, slice]]:
    """Each place a range ("between 1994 and 1997", "March 24-30") can be cut at a joiner: the two
    halves as slices of `text`, without a leading "between" and the spaces around the joiner."""
    lead = re.match(r"\s*(?:between\s+)?", text, re.I).end()  # type: ignore[union-attr]
    pattern = "|".join(re.escape(j) if len(j) == 1 else rf"\s{re.escape(j)}\s" for j in joiners)
    for m in re.compile(rf"\s*(?:{pattern})\s*", re.I).finditer(text, lead):
        left, right = _trimmed(text, lead, m.start()), _trimmed(text, m.end(), len(text))
        if left.stop > left.start and right.stop > right.start:
            yield left, right


def _trimmed(text: str, start: int, stop: int) -> slice:
    part = text[start:stop]
    return slice(start + len(part) - len(part.lstrip()), stop - len(part) + len(part.rstrip()))


def read_range(s: str, r: Reading) -> Timex | None:
    for left, right in range_cuts(s, r.g.lex.range_joiners):
        pair = _range_pair(s[left], s[right], r)
        if pair:
            return pair
    return None


def _range_pair(left: str, right: str, r: Reading) -> Timex | None:
    if right.isdigit() and len(right) <= 2:  # "March 24-30": the right end is a bare day
        start = r.again(left)
        if start and start.granularity == "day":
            end_day = date.fromisoformat(start.value).replace(day=int(right))
            return replace(start, value_end=end_day.isoformat())
        if start and start.granularity == "year" and len(right) == 2:  # "2019-20"
            return replace(start, value_end=start.value[:2] + right)
        return None
    end = r.again(right)
    if end is None or end.type != "DATE" or end.is_vague:
        return None
    day = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", left)
    if day and end.granularity == "day":  # "24-30 March 2026"
        start_day = date.fromisoformat(end.value).replace(day=int(day[1]))
        return replace(end, value=start_day.isoformat(), value_end=end.value)
    anchor = r.anchor
    if end.granularity in ("day", "month", "year"):
        parts = [int(p) for p in end.value.split("-")] + [1, 1]
        anchor = anchor.with_context(date(parts[0], parts[1], parts[2]), end.granularity)
    start = r.again(left, anchor)
    if start is None or start.type != "DATE" or start.is_vague:
        return None
    end_value = end.value
    if not end.explicit_year and start.granularity == end.granularity == "month" and end_value < start.value:
        end_value = f"{int(end_value[:4]) + 1}{end_value[4:]}"  # "from November until February": the next one
    return replace(start, value_end=end_value, explicit_year=start.explicit_year or end.explicit_year)


def read_clock(s: str, r: Reading) -> Timex | None:
    """ "14:00", "2 p.m.", "9 a.m. EST Tuesday", "noon Thursday", "4 in the morning"."""
    clock = r.g.clock.fullmatch(s)
    if not clock:
        return None
    hour_minute = _clock_value(clock, r)
    if hour_minute is None:
        return None
    day = r.again(clock["day"]) if clock["day"] else None
    if clock["day"] and (day is None or day.granularity not in ("day", "time")):
        return None
    if day is not None:
        base = date.fromisoformat(day.value[:10])
    else:
        base = r.anchor.day_context() or r.anchor.reference
    if base is None:
        return None
    return Timex(f"{base.isoformat()}T{hour_minute}", "TIME", anchor=r.anchor.describe_base())


def _clock_value(clock: re.Match[str], r: Reading) -> str | None:
    if clock["cw"]:
        return r.g.lex.clock_words[clock["cw"]]
    if not (clock["m"] or clock["ap"] or clock["p"]):
        return None
    hour, minute = int(clock["h"]), int(clock["m"] or 0)
    afternoon = clock["ap"] == "pm" or (clock["p"] and r.g.lex.parts_of_day[clock["p"]] in ("AF", "EV", "NI"))
    if afternoon and hour < 12:
        hour += 12
    if clock["ap"] == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or (clock["m"] and "." in clock.group() and not clock["ap"]):
        return None
    return f"{hour:02d}:{minute:02d}"


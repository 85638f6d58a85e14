"""Calendar arithmetic for TIMEX3 values: pure functions over dates, never the clock."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from extract.dates.lexicon import TemporalLexicon

WEEKDAY_CODES = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_value(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


def quarter_index(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def quarter_value(index: int) -> str:
    return f"{index // 4}-Q{index % 4 + 1}"


def quarter_of(day: date) -> int:
    return quarter_index(day.year, (day.month - 1) // 3 + 1)


def parse_quarter(value: str) -> int | None:
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    return quarter_index(int(m[1]), int(m[2])) if m else None


def shifted_value(base: date, unit: str, n: int) -> str | None:
    """The calendar unit `n` units away from `base`, at that unit's granularity ("last week" -> 2025-W19)."""
    if unit == "D":
        return (base + timedelta(days=n)).isoformat()
    if unit == "W":
        return iso_week(base + timedelta(weeks=n))
    if unit == "M":
        return month_value(month_index(base) + n)
    if unit == "Q":
        return quarter_value(quarter_of(base) + n)
    if unit == "Y":
        return str(base.year + n)
    if unit == "10Y":
        return str(base.year // 10 + n)
    if unit == "100Y":
        return f"{base.year // 100 + n:02d}"
    return None


def ago_value(base: date, unit: str, n: float) -> str | None:
    """ "three weeks ago": the unit `n` before `base`, at the unit's granularity; decades count in years."""
    if n != int(n):
        return None
    count = int(n)
    if unit == "10Y":
        unit, count = "Y", count * 10
    elif unit == "100Y":
        unit, count = "Y", count * 100
    elif unit == "2W":
        unit, count = "W", count * 2
    return shifted_value(base, unit, count)


def resolve_weekday(base: date, weekday: int, direction: str | None, strictly: bool = False) -> date:
    """The weekday nearest `base` in the given direction ("past": on or before, "future": on or after;
    `strictly` skips `base` itself, as "next Tuesday" said on a Tuesday does)."""
    if direction == "future":
        delta = (weekday - base.weekday()) % 7
        return base + timedelta(days=delta or (7 if strictly else 0))
    delta = (base.weekday() - weekday) % 7
    return base - timedelta(days=delta or (7 if strictly else 0))


DAY_TOLERANCE = 45  # "on March 12" said in past tense three weeks before is still this March
MONTH_TOLERANCE = 1


def infer_year(base: date, month: int, day: int | None, direction: str | None) -> int:
    """The year of a month (and day) written without one: the latest occurrence up to a little after
    `base` (past tense, or no tense: news mostly tells what happened), or the first one from a little
    before it (future tense)."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(date(year, month, day or 1))
        except ValueError:
            continue
    if not candidates:
        return base.year
    if day:
        late, early = base + timedelta(days=DAY_TOLERANCE), base - timedelta(days=DAY_TOLERANCE)
    else:
        late = _month_start(month_index(base) + MONTH_TOLERANCE)
        early = base.replace(day=1)
    if direction == "future":
        after = [c for c in candidates if c >= early]
        return min(after).year if after else base.year
    before = [c for c in candidates if c <= late]
    return max(before).year if before else base.year


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def holiday_date(spec: str, year: int) -> date | None:
    """ "12-25" a fixed day; "11-TH4" the fourth Thursday of November; "05-MO-1" the last Monday of May;
    "11-TU1M" the Tuesday after the first Monday."""
    fixed = re.fullmatch(r"(\d{2})-(\d{2})", spec)
    if fixed:
        return date(year, int(fixed[1]), int(fixed[2]))
    nth = re.fullmatch(r"(\d{2})-([A-Z]{2})(-?\d)(M?)", spec)
    if not nth or nth[2] not in WEEKDAY_CODES:
        return None
    month, weekday, n = int(nth[1]), WEEKDAY_CODES[nth[2]], int(nth[3])
    if nth[4]:  # the given weekday after the n-th Monday
        monday = _nth_weekday(year, month, 0, n)
        return monday + timedelta(days=(weekday - 0) % 7 or 7) if monday else None
    return _nth_weekday(year, month, weekday, n)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def number_value(word: str, lex: TemporalLexicon) -> float | None:
    """ "3", "3.5", "three", "twenty-five", "a" -> the number; vague quantities ("several") -> None."""
    word = word.strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in lex.number_words:
        return float(lex.number_words[word])
    parts = re.split(r"[\s-]+", word)
    if len(parts) == 2 and all(p in lex.number_words for p in parts):
        return float(lex.number_words[parts[0]] + lex.number_words[parts[1]])
    return None


def period_value(n: float | None, unit: str) -> str:
    """P2D, PT3H, P10Y; PXY when the amount is not stated."""
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


def value_for_period(moment: datetime, period: str) -> str | None:
    """A dateparser result at the granularity it was written with."""
    return {
        "year": f"{moment.year}",
        "month": f"{moment.year}-{moment.month:02d}",
        "week": iso_week(moment.date()),
        "day": moment.date().isoformat(),
        "time": f"{moment.date().isoformat()}T{moment.hour:02d}:{moment.minute:02d}",
    }.get(period)


def start_of(value: str) -> date | None:
    """The first day of a day, month or year value (what a later phrase can take its year from)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None

"""Dates as intervals: a day, month, year, half, quarter or ``A/B``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from checker.errors import ValueParseError
from checker.values.common import (
    _MAX_TEXT,
    _clean,
    _fail,
    _show,
)


@dataclass(frozen=True)
class DateInterval:
    """An inclusive interval of days; a day, month, year, half or quarter is one."""

    start: date
    end: date

    def overlaps(self, other: "DateInterval") -> bool:
        """Whether the two intervals share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def contains(self, d: "date | DateInterval") -> bool:
        """Whether a day (a datetime counts as its day) or a whole interval lies inside this one."""
        if isinstance(d, DateInterval):
            return self.start <= d.start and d.end <= self.end
        if isinstance(d, datetime):  # datetime vs date comparisons raise TypeError
            d = d.date()
        return self.start <= d <= self.end

    def iso(self) -> str:
        """``YYYY-MM-DD/YYYY-MM-DD``, or a single ``YYYY-MM-DD`` for one day."""
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def as_json(self) -> str:
        """The interval for JSON output: its ``iso()`` text."""
        return self.iso()


_DATE_EXPECTED = ("a date such as '2025', '2025-08', '2025-08-14', '2026-H1', '2026-Q3', "
                  "'2025-01-20T03:46:07Z' or an interval '2026-06-21/2026-07-10'")

_D_YEAR = re.compile(r"([0-9]{4})")
_D_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_D_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_D_HALF = re.compile(r"([0-9]{4})-[Hh]([0-9])")
_D_QUARTER = re.compile(r"([0-9]{4})-[Qq]([0-9])")
_D_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]{1,9})?)?"
    r"(?:[Zz]|[+-]([0-9]{2}):?([0-9]{2}))?"
)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def parse_date(raw: object) -> DateInterval:
    """Parse a declared date into an inclusive interval of days (year, month, day, half, quarter, A/B)."""
    if isinstance(raw, DateInterval):
        if isinstance(raw.start, date) and isinstance(raw.end, date):
            start = raw.start.date() if isinstance(raw.start, datetime) else raw.start
            end = raw.end.date() if isinstance(raw.end, datetime) else raw.end
            if start <= end:
                return DateInterval(start, end)
        raise _fail("date", raw, "not a valid interval", _DATE_EXPECTED)
    if isinstance(raw, datetime):
        # The calendar day as written, whatever the offset: an article's day is its local day.
        return DateInterval(raw.date(), raw.date())
    if isinstance(raw, date):
        return DateInterval(raw, raw)
    if isinstance(raw, bool) or raw is None:
        raise _fail("date", raw, "not a date", _DATE_EXPECTED)
    if isinstance(raw, int):
        if not 1000 <= raw <= 9999:
            raise _fail("date", raw, "a year must have four digits", _DATE_EXPECTED)
        return DateInterval(date(int(raw), 1, 1), date(int(raw), 12, 31))
    if not isinstance(raw, str):
        raise _fail("date", raw, f"a {type(raw).__name__} is not a date", _DATE_EXPECTED)
    if len(raw) > _MAX_TEXT:
        raise _fail("date", raw, f"longer than {_MAX_TEXT} characters", _DATE_EXPECTED)
    s = _clean(raw)
    if "/" in s:
        parts = [p.strip() for p in s.split("/")]
        if len(parts) != 2:
            raise _fail("date", raw, "an interval has exactly one '/'", _DATE_EXPECTED)
        a, b = (_parse_single_date(raw, p) for p in parts)
        if a.start > b.start or a.end > b.end:
            raise _fail("date", raw, "the second part of the interval starts or ends before the first",
                        _DATE_EXPECTED)
        return DateInterval(a.start, b.end)
    return _parse_single_date(raw, s)


def _parse_single_date(raw: object, s: str) -> DateInterval:
    def fail(reason: str) -> ValueParseError:
        return _fail("date", raw, reason, _DATE_EXPECTED)

    def day(y: str, m: str, d: str) -> date:
        year, month, dd = int(y), int(m), int(d)
        if year < 1:
            raise fail("year 0000 does not exist")
        if not 1 <= month <= 12:
            raise fail(f"month {m} does not exist")
        if not 1 <= dd <= calendar.monthrange(year, month)[1]:
            raise fail(f"{y}-{m}-{d} is not a calendar date")
        return date(year, month, dd)

    if m := _D_YEAR.fullmatch(s):
        y = day(m[1], "01", "01").year
        return DateInterval(date(y, 1, 1), date(y, 12, 31))
    if m := _D_MONTH.fullmatch(s):
        first = day(m[1], m[2], "01")
        return DateInterval(first, _month_end(first.year, first.month))
    if m := _D_DAY.fullmatch(s):
        d = day(m[1], m[2], m[3])
        return DateInterval(d, d)
    if m := _D_HALF.fullmatch(s):
        y, h = day(m[1], "01", "01").year, int(m[2])
        if h not in (1, 2):
            raise fail(f"half H{h} does not exist (H1 or H2)")
        return DateInterval(date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
    if m := _D_QUARTER.fullmatch(s):
        y, q = day(m[1], "01", "01").year, int(m[2])
        if not 1 <= q <= 4:
            raise fail(f"quarter Q{q} does not exist (Q1 to Q4)")
        return DateInterval(date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if m := _D_TIME.fullmatch(s):
        d = day(m[1], m[2], m[3])
        hh, mm, ss = int(m[4]), int(m[5]), int(m[6] or 0)
        if hh > 23 or mm > 59 or ss > 59:
            raise fail(f"{m[4]}:{m[5]}:{m[6] or '00'} is not a time of day")
        if m[7] is not None and (int(m[7]) > 23 or int(m[8]) > 59):
            raise fail("the UTC offset is out of range")
        return DateInterval(d, d)
    raise fail("not a recognised date form")


# The writable units (year, half, quarter, month, day) that contain d, largest first, with their text.
def _units_at(d: date) -> list[tuple[DateInterval, str]]:
    y, m = d.year, d.month
    h, q = (m - 1) // 6 + 1, (m - 1) // 3 + 1
    return [
        (DateInterval(date(y, 1, 1), date(y, 12, 31)), f"{y:04d}"),
        (DateInterval(date(y, 6 * h - 5, 1), _month_end(y, 6 * h)), f"{y:04d}-H{h}"),
        (DateInterval(date(y, 3 * q - 2, 1), _month_end(y, 3 * q)), f"{y:04d}-Q{q}"),
        (DateInterval(date(y, m, 1), _month_end(y, m)), f"{y:04d}-{m:02d}"),
        (DateInterval(d, d), d.isoformat()),
    ]


def format_date(d: DateInterval) -> str:
    """The most compact canonical text for ``d`` (``2025-08-14``, ``2025-08``, ``2025``, ``2026-H1``,
    ``2026-Q3``, else ``A/B`` with compact sides); ``parse_date(format_date(d)) == d``."""
    if not (isinstance(d, DateInterval) and isinstance(d.start, date) and isinstance(d.end, date)
            and not isinstance(d.start, datetime) and not isinstance(d.end, datetime)
            and d.start <= d.end):
        raise ValueParseError(f"cannot format {_show(d)}: not a DateInterval of dates with start <= end")
    start_units = _units_at(d.start)
    for unit, text in start_units:
        if unit == d:
            return text
    # The largest unit starting at d.start inside d, and the largest ending at d.end inside d.
    a = next(t for u, t in start_units if u.start == d.start and u.end <= d.end)
    b = next(t for u, t in _units_at(d.end) if u.end == d.end and u.start >= d.start)
    return f"{a}/{b}"

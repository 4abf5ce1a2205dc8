"""Korean date expressions in article text, resolved against the article's publication date.

Pure: text + published date -> :class:`DateMention` list. Values are written in the date syntax of
:mod:`checker.values` (``2025-08``, ``2026-H1``, ``2026-02-20``, ``2026-06-21/2026-07-10``).

Rules (each result is an inclusive interval of days):

* years: ``2025년``; 지난해/작년 = the previous year, 올해/금년/올 = the publication year, 내년 = the next.
* months: ``N월`` with a year written before it takes that year. Without one it is the publication
  year, except after 지난/앞서 (the most recent past month N: this year when N is before the
  publication month, else the previous year) and after 오는/다가오는 (the next month N: this year
  when N is after the publication month, else the next year). 지난달/지난 달 = the previous month,
  이달/이번 달 = the publication month, 다음 달/내달 = the next month.
* days: ``N일`` alone is in the publication month; ``지난 N일`` is the most recent past day N (this
  month when N is before the publication day, else the previous month); ``오는 N일`` the next one.
  오늘/금일, 어제, 내일; ``오늘(12일)``.
* parts of a month: 초/초순/상순 = days 1-10, 중순 = 11-20, 말/말경/하순 = 21 to the month's end,
  마지막 주 = the last seven days, 중 ("이달 중", during) = the whole month.
* parts of a year: 상반기 = H1, 하반기 = H2, ``N분기`` = quarter N, 초/연초 = January-March (Q1),
  말/연말 = October-December (Q4), 중 = the whole year. Without a year they take the publication year.
* ranges: ``19~20일``, ``6~7월``, and two expressions joined by ~, -, 부터 or 에서 (``6월 말에서
  7월 초``): the second takes the year and month of the first when it does not write them.
* absolute forms: ``2025.12.30``, ``2026-02-12``.

A date whose year (or month) was only implied can be moved into the past with :func:`as_past` when
the verb says the event already happened ("8월에 공개한" in a February article is last August).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from checker.values import DateInterval, format_date

__all__ = ["DateMention", "find_dates", "resolve", "as_past"]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, with the interval it resolves to."""

    start: int
    end: int
    text: str
    interval: DateInterval
    relative: bool = False          # the published date was needed to resolve it
    implied: str | None = None      # "year" or "month" when that part came from the published date alone
    until: bool = False             # followed by 까지: an upper bound, not the date of an event
    rule: str | None = None         # how a part of a month or year was read, for the note
    shifted: bool = False           # moved into the past by as_past

    @property
    def value(self) -> str:
        """The interval in claim syntax (``2025-08``, ``2026-H1``, ``A/B``)."""
        return format_date(self.interval)

    def note(self, published: date) -> str | None:
        """How the value was derived, when the published date took part; else None."""
        if not self.relative:
            return None
        parts = [f"{self.text} resolved against {published.isoformat()}"]
        if self.implied and not self.shifted:
            parts.append(f"the {self.implied} is implied")
        if self.shifted:
            parts.append(f"a past event, so the previous {self.implied}")
        if self.rule:
            parts.append(self.rule)
        return "; ".join(parts)


# -------------------------------------------------------------------------------------------------
# the grammar

_M = r"(?:1[0-2]|0?[1-9])"
_D = r"(?:3[01]|[12][0-9]|0?[1-9])"
_RANGE = r"\s?[~∼〜\-–]\s?"
# A unit word must end its word or be followed by particles ("초에는", "말까지", "20일경").
_PARTICLES = r"(?:에서|에는|에도|부터|까지|으로|께|경|쯤|에|로|의|인|엔|만|은|는|이|가|을|를|도|과|와|께서)"
_END = rf"(?=$|[^가-힣]|{_PARTICLES}{{1,2}}(?:$|[^가-힣]))"
# "3일 동안", "1일 만에", "5일 후" are durations, not dates.
_NOT_DURATION = r"(?!\s?(?:동안|간|만에|만이|이내|내에|내로|후|뒤|전|째|가량|정도|안에))"

def _year(k: str) -> str:
    return (rf"(?:(?P<y_abs{k}>(?:19|20)\d{{2}})년도?"
            rf"|(?P<y_rel{k}>지난해|작년|올해|금년|내년)"
            rf"|(?P<y_ol{k}>올)(?=\s?(?:상반기|하반기|[1-4]\s?분기|{_M}월|초|말)))")


def _year_part(k: str) -> str:
    return rf"(?P<yp{k}>상반기|하반기|(?P<yq{k}>[1-4])\s?분기|초|말|중){_END}"


def _month_group(k: str) -> str:
    return (rf"(?:(?:(?P<m1{k}>{_M}){_RANGE})?(?P<m_num{k}>{_M})월"
            rf"|(?P<m_rel{k}>지난\s?달|이번\s?달|이달|다음\s?달|내달))")


def _month_part(k: str) -> str:
    return rf"(?P<mp{k}>초순|상순|중순|하순|말경|마지막\s?주|초|중|말){_END}"


def _day(k: str) -> str:
    return rf"(?:(?P<d1{k}>{_D}){_RANGE})?(?P<d_num{k}>{_D})일{_END}{_NOT_DURATION}"


def _prefix(k: str) -> str:
    return rf"(?:(?P<pre{k}>지난|오는|다가오는|앞서)\s?(?=[0-9]))?"


# Python's re allows a group name once, so each branch numbers its groups (``y_abs__1``); the
# match is read back through _groups(), which drops the numbers.
_EXPR = re.compile(
    r"(?<![0-9A-Za-z가-힣.])(?:"
    rf"(?P<dot_y>(?:19|20)\d{{2}})\.\s?(?P<dot_m>{_M})\.\s?(?P<dot_d>{_D})(?![0-9])"
    r"|(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d)(?![0-9])"
    rf"|(?P<today>오늘|금일)(?!날)(?:\s?\((?P<today_d>{_D})일\))?"
    r"|(?P<yesterday>어제)(?!오늘)|(?P<tomorrow>내일)"
    rf"|{_prefix('__1')}{_year('__1')}(?:\s?{_year_part('__1')}"
    rf"|\s?{_month_group('__1')}(?:\s?{_month_part('__1')})?(?:\s?{_day('__1')})?)?"
    rf"|{_prefix('__2')}{_month_group('__2')}(?:\s?{_month_part('__2')})?(?:\s?{_day('__2')})?"
    rf"|{_prefix('__3')}{_day('__3')}"
    rf"|(?P<alone>상반기|하반기|연초|연말|(?P<aq>[1-4])분기){_END}"
    r")"
)
_GROUPS = ("dot_y", "dot_m", "dot_d", "iso", "today", "today_d", "yesterday", "tomorrow", "y_abs", "y_rel",
           "y_ol", "yp", "yq", "m1", "m_num", "m_rel", "mp", "d1", "d_num", "pre", "alone", "aq")


def _groups(m: re.Match[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = dict.fromkeys(_GROUPS)
    for name, val in m.groupdict().items():
        if val is not None:
            out[name.split("__")[0]] = val
    return out


_CONNECTOR = re.compile(r"\s?(?:[~∼〜\-–]|부터|에서)\s?")
_UNTIL = re.compile(r"\s?까지")

_MONTH_PARTS: dict[str, tuple[int, int, str | None]] = {"초": (1, 10, "초 = days 1-10"), "초순": (1, 10, "초순 = days 1-10"),
                "상순": (1, 10, "상순 = days 1-10"), "중순": (11, 20, "중순 = days 11-20"),
                "하순": (21, 31, "하순 = days 21 to the month's end"), "말": (21, 31, "말 = days 21 to the month's end"),
                "말경": (21, 31, "말경 = days 21 to the month's end")}
_YEAR_PARTS: dict[str, tuple[int, int, str | None]] = {
               "상반기": (1, 6, None), "하반기": (7, 12, None), "초": (1, 3, "초 of a year = January-March"),
               "연초": (1, 3, "연초 = January-March"), "말": (10, 12, "말 of a year = October-December"),
               "연말": (10, 12, "연말 = October-December"), "중": (1, 12, None)}


# -------------------------------------------------------------------------------------------------
# calendar helpers

def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _month(y: int, m: int, first: int = 1, last: int = 31) -> DateInterval:
    return DateInterval(date(y, m, first), date(y, m, min(last, _last_day(y, m))))


def _months(y: int, m1: int, m2: int) -> DateInterval:
    return DateInterval(date(y, m1, 1), date(y, m2, _last_day(y, m2)))


@dataclass
class _Resolved:
    interval: DateInterval
    year: int
    month: int | None
    relative: bool
    implied: str | None = None
    rule: str | None = None


class _Unresolvable(Exception):
    """The expression names no real date (30 February, a day 31 in a 30-day month)."""


# -------------------------------------------------------------------------------------------------
# resolution

def _resolve(g: dict[str, Any], published: date, ctx: tuple[int, int | None] | None) -> _Resolved:
    """Resolve one parsed expression; ``ctx`` (year, month) is the first half of a range, if any."""
    py, pm, pd = published.year, published.month, published.day
    try:
        if g["dot_y"]:
            d = date(int(g["dot_y"]), int(g["dot_m"] or 0), int(g["dot_d"] or 0))
            return _Resolved(DateInterval(d, d), d.year, d.month, False)
        if g["iso"]:
            d = date.fromisoformat(g["iso"])
            return _Resolved(DateInterval(d, d), d.year, d.month, False)
        if g["today"] or g["yesterday"] or g["tomorrow"]:
            d = published
            if g["today_d"] and int(g["today_d"]) != pd:
                d = date(py, pm, int(g["today_d"]))  # the written day wins over the anchor
            elif g["yesterday"]:
                d = published - timedelta(days=1)
            elif g["tomorrow"]:
                d = published + timedelta(days=1)
            return _Resolved(DateInterval(d, d), d.year, d.month, True)
        return _resolve_units(g, published, ctx)
    except ValueError as exc:  # date() rejects impossible days
        raise _Unresolvable(str(exc)) from None


def _resolve_units(g: dict[str, Any], published: date, ctx: tuple[int, int | None] | None) -> _Resolved:
    py, pm, pd = published.year, published.month, published.day
    pre = g["pre"]
    relative = False
    implied: str | None = None
    year: int | None = None
    month: int | None = None

    if g["y_abs"]:
        year = int(g["y_abs"])
    elif g["y_rel"] or g["y_ol"]:
        year = py + {"지난해": -1, "작년": -1, "내년": 1}.get(g["y_rel"] or "", 0)
        relative = True

    if g["m_rel"]:
        rel = re.sub(r"\s", "", g["m_rel"])
        year, month = _add_months(py, pm, {"지난달": -1, "다음달": 1, "내달": 1}.get(rel, 0))
        relative = True
    elif g["m_num"]:
        month = int(g["m_num"])
        if year is None:
            relative = True
            if ctx is not None:  # the second half of a range: after the first, so maybe next year
                year = ctx[0] + (1 if ctx[1] is not None and month < ctx[1] else 0)
            else:
                # Compare (month, day) with the publication day, or the month alone when no day is written.
                key, now = ((month, int(g["d_num"])), (pm, pd)) if g["d_num"] else ((month,), (pm,))
                if pre in ("지난", "앞서"):
                    year = py if key < now else py - 1
                elif pre in ("오는", "다가오는"):
                    year = py if key > now else py + 1
                else:
                    year = py
                    implied = "year"

    if g["d_num"]:
        day = int(g["d_num"])
        if month is None:  # a day alone: in the publication month, or the range's month
            relative = True
            if ctx is not None and ctx[1] is not None:
                year, month = ctx[0], ctx[1]
            elif pre in ("지난", "앞서"):
                year, month = (py, pm) if day < pd else _add_months(py, pm, -1)
                while day > _last_day(year, month):  # "지난 31일" in March is 31 January
                    year, month = _add_months(year, month, -1)
            elif pre in ("오는", "다가오는"):
                year, month = (py, pm) if day > pd else _add_months(py, pm, 1)
                while day > _last_day(year, month):
                    year, month = _add_months(year, month, 1)
            else:
                year, month = py, pm
                implied = "month"
        assert year is not None
        first = int(g["d1"]) if g["d1"] else day
        if first > day:
            raise _Unresolvable("a day range runs backwards")
        return _Resolved(DateInterval(date(year, month, first), date(year, month, day)), year, month, relative,
                         implied)

    if month is not None:
        assert year is not None
        part = re.sub(r"\s", "", g["mp"] or "")
        if part == "마지막주":  # the last seven days
            last = _last_day(year, month)
            return _Resolved(_month(year, month, last - 6, last), year, month, relative, implied,
                             "마지막 주 = the last seven days of the month")
        if part in _MONTH_PARTS:
            lo, hi, day_rule = _MONTH_PARTS[part]
            return _Resolved(_month(year, month, lo, hi), year, month, relative, implied, day_rule)
        if g["m1"]:
            m1 = int(g["m1"])
            if m1 > month:
                raise _Unresolvable("a month range runs backwards")
            return _Resolved(_months(year, m1, month), year, month, relative, implied)
        return _Resolved(_month(year, month), year, month, relative, implied)

    year_part = g["yp"] or g["alone"]
    if year is None:
        if not year_part:
            raise _Unresolvable("no date")
        year = ctx[0] if ctx is not None else py
        relative = True
    if year_part:
        quarter = g["yq"] or g["aq"]
        if quarter:
            q = int(quarter)
            return _Resolved(_months(year, 3 * q - 2, 3 * q), year, None, relative)
        lo, hi, rule = _YEAR_PARTS[year_part]
        return _Resolved(_months(year, lo, hi), year, None, relative, None, rule)
    return _Resolved(_months(year, 1, 12), year, None, relative)


def _match_at(text: str, pos: int) -> re.Match[str] | None:
    m = _EXPR.match(text, pos)
    return m if m and m.end() > m.start() else None


_WEEKDAYS = "월화수목금토일"
_WEEKDAY = re.compile(r"(?<![가-힣])(?P<rel>지난|오는|이번\s?주|지난\s?주|다음\s?주)\s?(?P<wd>[월화수목금토일])요일")


def _weekdays(text: str, published: date) -> list[DateMention]:
    """``지난 월요일`` (the last Monday before publication), ``오는 금요일``, ``지난주/이번 주/다음 주 X요일``."""
    out = []
    for m in _WEEKDAY.finditer(text):
        wd, rel = _WEEKDAYS.index(m["wd"]), re.sub(r"\s", "", m["rel"])
        monday = published - timedelta(days=published.weekday())
        if rel == "지난":
            d = published - timedelta(days=(published.weekday() - wd) % 7 or 7)
        elif rel == "오는":
            d = published + timedelta(days=(wd - published.weekday()) % 7 or 7)
        else:
            d = monday + timedelta(days=wd + {"지난주": -7, "이번주": 0, "다음주": 7}[rel])
        until = bool(_UNTIL.match(text, m.end()))
        out.append(DateMention(m.start(), m.end(), m.group(), DateInterval(d, d), True, None, until,
                               f"{m['wd']}요일 = {d.strftime('%A')}"))
    return out


def find_dates(text: str, published: date) -> list[DateMention]:
    """Every date expression in ``text``, left to right, resolved against ``published``."""
    weekdays = _weekdays(text, published)
    found = [d for d in _find_dates(text, published)
             if not any(w.start < d.end and d.start < w.end for w in weekdays)]
    return sorted([*found, *weekdays], key=lambda d: d.start)


def _find_dates(text: str, published: date) -> list[DateMention]:
    out: list[DateMention] = []
    pos = 0
    while True:
        m = _EXPR.search(text, pos)
        if m is None:
            return out
        if m.end() == m.start():
            pos = m.start() + 1
            continue
        try:
            first = _resolve(_groups(m), published, None)
        except _Unresolvable:
            pos = m.end()
            continue
        start, end = m.start(), m.end()
        interval, relative, implied, rule = first.interval, first.relative, first.implied, first.rule
        # A range: "6월 말에서 7월 초", "13일부터 20일" (the second half inherits the first's year/month).
        c = _CONNECTOR.match(text, end)
        second = _match_at(text, c.end()) if c else None
        if second is not None:
            try:
                r2 = _resolve(_groups(second), published, (first.year, first.month))
            except _Unresolvable:
                r2 = None
            if r2 is not None and r2.interval.end >= interval.end and r2.interval.start >= interval.start:
                interval = DateInterval(interval.start, r2.interval.end)
                end = second.end()
                relative = relative or r2.relative
                rule = "; ".join(r for r in (rule, r2.rule) if r) or None
        until = bool(_UNTIL.match(text, end))
        out.append(DateMention(start, end, text[start:end], interval, relative, implied, until, rule))
        pos = end


def resolve(expression: str, published: date) -> str:
    """The value of one date expression (the whole of ``expression``), e.g. ``resolve("작년 2월", d)``."""
    expression = expression.strip()
    found = find_dates(expression, published)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(expression):
        raise ValueError(f"{expression!r} is not one date expression")
    return found[0].value


def as_past(mention: DateMention, published: date) -> DateMention:
    """The mention moved one implied year (or month) back when it would otherwise lie after ``published``.

    For events the text puts in the past ("8월에 공개한" in a February article): the year was only
    implied, and the nearest such month before publication is meant.
    """
    iv = mention.interval
    if mention.implied is None or iv.start <= published:
        return mention
    if mention.implied == "year":
        start, end = _shift_year(iv.start, -1), _shift_year(iv.end, -1)
    else:
        start, end = _shift_month(iv.start, -1), _shift_month(iv.end, -1)
    return replace(mention, interval=DateInterval(start, end), shifted=True)


def _shift_year(d: date, n: int) -> date:
    return d.replace(year=d.year + n, day=min(d.day, _last_day(d.year + n, d.month)))


def _shift_month(d: date, n: int) -> date:
    y, m = _add_months(d.year, d.month, n)
    # A month end stays a month end ("말" = 21 to the end).
    day = _last_day(y, m) if d.day == _last_day(d.year, d.month) else min(d.day, _last_day(y, m))
    return date(y, m, day)


# -------------------------------------------------------------------------------------------------
# English dates: "March 17, 2024", "17 March 2024", "March 2024", "in October 2023"

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_EN_EXPR = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?P<d1>{_D})\s(?P<m1>{_MONTH_RE})\.?,?\s(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<m2>{_MONTH_RE})\.?\s(?P<d2>{_D})(?:st|nd|rd|th)?,?\s(?P<y2>(?:19|20)\d{{2}})"
    rf"|(?P<m3>{_MONTH_RE})\.?,?\s(?P<y3>(?:19|20)\d{{2}})"
    r"|(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d))(?![0-9])",
    re.I,
)


def find_dates_en(text: str, published: date) -> list[DateMention]:
    """English absolute dates in ``text`` (day or month precision); ``published`` is not needed for them."""
    out: list[DateMention] = []
    for m in _EN_EXPR.finditer(text):
        try:
            if m["iso"]:
                d = date.fromisoformat(m["iso"])
                interval = DateInterval(d, d)
            else:
                y = int(m["y1"] or m["y2"] or m["y3"])
                mo = _MONTHS[(m["m1"] or m["m2"] or m["m3"]).casefold()]
                day = m["d1"] or m["d2"]
                interval = DateInterval(date(y, mo, int(day)), date(y, mo, int(day))) if day else _month(y, mo)
        except ValueError:
            continue
        out.append(DateMention(m.start(), m.end(), m.group(), interval))
    return out

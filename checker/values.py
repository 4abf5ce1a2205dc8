"""Declared values: quantities with their rounding, dates as intervals, booleans, percentages.

A claim file writes values the way articles do (``70B``, ``5190억``, ``1936억 원``, ``>=500B``,
``2026-H1``, ``5%``); this module turns them into exact values that remember how precisely they were
written, and writes them back in a canonical form that parses to the same value. Every parser raises
only :class:`checker.errors.ValueParseError`, whatever it is given.
"""

from __future__ import annotations

import calendar
import functools
import math
import re
import reprlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from typing import Callable, Literal

from checker.errors import ValueParseError

__all__ = [
    "Comparator",
    "Quantity",
    "DateInterval",
    "parse_quantity",
    "format_quantity",
    "describe_quantity",
    "parse_date",
    "format_date",
    "parse_bool",
    "parse_percent",
    "parse_percent_with_step",
]

Comparator = Literal["=", "~", ">=", "<=", ">", "<"]

# Exact arithmetic: inputs are capped (length, magnitude) so 500 digits can never round.
_CTX = Context(prec=500, Emax=99999, Emin=-99999, traps=[InvalidOperation, DivisionByZero, Overflow])
_MAX_TEXT = 200          # longer "values" are prose, not values; also bounds the work per call
_MAX_EXP = 60            # quantities must be < 1e60: far beyond any parameter count or budget

_CURRENCIES = ("KRW", "USD", "EUR", "JPY", "CNY", "GBP")


# --------------------------------------------------------------------------------------------------
# shared helpers


def _show(raw: object) -> str:
    """A short, safe rendering of a bad input for error messages (huge or odd inputs included)."""
    try:
        r = reprlib.Repr()
        r.maxstring = 60
        r.maxother = 60
        r.maxlist = 6
        r.maxdict = 4
        if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10**50:
            return f"<integer of {raw.bit_length()} bits>"
        return r.repr(raw)
    except Exception:  # a hostile __repr__ must not turn into another exception type
        return f"<{type(raw).__name__}>"


def _fail(what: str, raw: object, reason: str, expected: str) -> ValueParseError:
    return ValueParseError(f"invalid {what} {_show(raw)}: {reason}; expected {expected}")


# Full-width forms (１２３，４５６％) are common in East Asian text; map them to ASCII before parsing.
_WIDTH_MAP = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH_MAP.update({0x3000: 0x20, 0x301C: ord("~"), 0x223C: ord("~")})
_SPACES = re.compile(r"\s+")


def _clean(raw: str) -> str:
    return _SPACES.sub(" ", str.translate(raw, _WIDTH_MAP)).strip()


@functools.lru_cache(maxsize=256)
def _pow10(k: int) -> Decimal:
    with localcontext(_CTX):
        return Decimal(10**k) if k >= 0 else Decimal(1).scaleb(k)


def _exponent(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    assert isinstance(exp, int)  # only finite Decimals reach here
    return exp


def _json_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


# --------------------------------------------------------------------------------------------------
# quantities


@dataclass(frozen=True)
class Quantity:
    """A declared number with the precision it was written with."""

    number: Decimal
    step: Decimal
    comparator: Comparator = "="
    currency: str | None = None

    @property
    def low(self) -> float:
        """Lower end of the rounding interval (number - step/2)."""
        return float(self.number - self.step / 2)

    @property
    def high(self) -> float:
        """Upper end of the rounding interval (number + step/2)."""
        return float(self.number + self.step / 2)

    @property
    def value(self) -> float:
        """The number as a float."""
        return float(self.number)

    def interval(self) -> tuple[float, float]:
        """The values the declaration admits, honouring the comparator (no tolerance added).

        ``=`` and ``~`` give the rounding interval; ``>=``/``<=`` open it on one side from the
        rounding bound; ``>``/``<`` open it from the number itself.
        """
        if self.comparator == ">=":
            return (self.low, math.inf)
        if self.comparator == ">":
            return (self.value, math.inf)
        if self.comparator == "<=":
            return (-math.inf, self.high)
        if self.comparator == "<":
            return (-math.inf, self.value)
        return (self.low, self.high)

    def as_json(self) -> dict[str, object]:
        """A JSON-ready dict: value, rounding low/high, comparator, currency (when set), canonical text."""
        with localcontext(_CTX):
            number, half = Decimal(self.number), Decimal(self.step) / 2
            out: dict[str, object] = {
                "value": _json_number(number),
                "low": _json_number(number - half),
                "high": _json_number(number + half),
                "comparator": self.comparator,
            }
        if self.currency is not None:
            out["currency"] = self.currency
        out["text"] = format_quantity(self)
        return out


_QUANTITY_EXPECTED = ("a quantity such as '70B', '2.6B', '519,000,000,000', '236 billion', '700억', "
                      "'1조 2000억', '1936억 원', '>=500B' or '~100B'")

# A number as written: digits with optional well-formed thousands separators and decimals.
_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"

_LEAD_COMPARATORS: list[tuple[str, Comparator]] = [
    (r">=|=>|≥", ">="), (r"<=|=<|≤", "<="), (r">", ">"), (r"<", "<"), (r"~|≈", "~"), (r"=", "="),
    (r"약|대략", "~"),
    (r"(?:about|around|approximately|approx\.?|roughly)(?= )", "~"),
    (r"(?:at least)(?= )", ">="), (r"(?:at most|up to)(?= )", "<="),
    (r"(?:more than|over)(?= )", ">"), (r"(?:less than|fewer than|under)(?= )", "<"),
]
_LEAD_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_LEAD_COMPARATORS)), re.I)

_CURRENCY_PREFIX = re.compile(r"(?P<sym>US\$|\$|₩|€|¥|£)|(?P<code>USD|KRW|EUR|JPY|CNY|GBP)(?= ?[0-9])", re.I)
_SYMBOLS = {"us$": "USD", "$": "USD", "₩": "KRW", "€": "EUR", "¥": "JPY", "£": "GBP"}

_LATIN = re.compile(
    rf"(?P<num>{_NUM})(?P<sci>[eE][+-]?[0-9]{{1,3}})?"
    r"(?: ?(?P<scale>thousand|million|billion|trillion|bln|mln|bn|mn|tn|k|m|b|t)(?![a-z]))?",
    re.I,
)
_SCALES = {"k": 3, "thousand": 3, "m": 6, "mn": 6, "mln": 6, "million": 6,
           "b": 9, "bn": 9, "bln": 9, "billion": 9, "t": 12, "tn": 12, "trillion": 12}

# A Korean group: a number, then 천/백/십 and/or 만/억/조 ("5천만", "2000억", "천만" = 1천만).
_KOREAN = re.compile(rf"(?P<num>{_NUM})? ?(?P<small>[천백십])?(?P<big>[조억만])?")
_KOREAN_SMALL = {"천": 3, "백": 2, "십": 1}
_KOREAN_BIG = {"조": 12, "억": 8, "만": 4}

# Words after the number that qualify it: comparators, currencies, counters and particles.
_TAIL_TOKENS: list[tuple[str, str, str | None]] = [
    ("이상", "cmp", ">="), ("이하", "cmp", "<="), ("초과", "cmp", ">"), ("미만", "cmp", "<"),
    ("가량", "cmp", "~"), ("정도", "cmp", "~"), ("남짓", "cmp", "~"), ("여", "cmp", "~"), ("쯤", "cmp", "~"),
    ("+", "cmp", ">="), ("or more", "cmp", ">="), ("or less", "cmp", "<="),
    ("원", "cur", "KRW"), ("won", "cur", "KRW"), ("달러", "cur", "USD"), ("dollars", "cur", "USD"),
    ("유로", "cur", "EUR"), ("euros", "cur", "EUR"), ("엔", "cur", "JPY"), ("위안", "cur", "CNY"),
    *((code.lower(), "cur", code) for code in _CURRENCIES),
    ("개", "counter", None), ("건", "counter", None), ("회", "counter", None), ("명", "counter", None),
    ("대", "counter", None), ("장", "counter", None), ("parameters", "counter", None),
    ("params", "counter", None),
    ("으로", "particle", None), ("의", "particle", None), ("을", "particle", None), ("를", "particle", None),
    ("은", "particle", None), ("는", "particle", None), ("이", "particle", None), ("가", "particle", None),
    ("에", "particle", None), ("로", "particle", None),
]
# Longest first, so that 이상 wins over the particle 이 and 가량 over 가.
_TAIL_RE = re.compile(
    " ?(?:" + "|".join(f"(?P<t{i}>{re.escape(w)}{'(?![a-z])' if w[-1].isalpha() and w.isascii() else ''})"
                       for i, (w, _, _) in sorted(enumerate(_TAIL_TOKENS), key=lambda t: -len(t[1][0])))
    + ")",
    re.I,
)


def parse_quantity(raw: object) -> Quantity:
    """Parse a declared quantity (``70B``, ``519,000,000,000``, ``5190억``, ``1936억 원``, ``>=500B``)."""
    if isinstance(raw, Quantity):
        return raw
    if isinstance(raw, bool) or raw is None:
        raise _fail("quantity", raw, "not a number", _QUANTITY_EXPECTED)
    if isinstance(raw, int):
        if not -(10**_MAX_EXP) < raw < 10**_MAX_EXP:
            raise _fail("quantity", raw, f"out of range (must be below 1e{_MAX_EXP})", _QUANTITY_EXPECTED)
        return _make_quantity(raw, Decimal(int(raw)), 0, "=", None)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise _fail("quantity", raw, "not a finite number", _QUANTITY_EXPECTED)
        # repr gives the shortest text that reads back as this float: no binary noise in the Decimal.
        number = Decimal(float.__repr__(float(raw)))
        # A YAML float carries no record of trailing zeros; an integral one counts to the unit, like an int.
        k = 0 if raw.is_integer() else _exponent(number)
        return _make_quantity(raw, number, k, "=", None)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise _fail("quantity", raw, "not a finite number", _QUANTITY_EXPECTED)
        return _make_quantity(raw, raw, _exponent(raw), "=", None)
    if not isinstance(raw, str):
        raise _fail("quantity", raw, f"a {type(raw).__name__} is not a quantity", _QUANTITY_EXPECTED)
    return _parse_quantity_text(raw)


def _make_quantity(raw: object, number: Decimal, k: int, comparator: Comparator,
                   currency: str | None) -> Quantity:
    with localcontext(_CTX):
        if number < 0:
            raise _fail("quantity", raw, "a quantity cannot be negative", _QUANTITY_EXPECTED)
        if number >= _pow10(_MAX_EXP) or k >= _MAX_EXP:
            raise _fail("quantity", raw, f"out of range (must be below 1e{_MAX_EXP})", _QUANTITY_EXPECTED)
        if k <= -_MAX_EXP:
            raise _fail("quantity", raw, f"more than {_MAX_EXP - 1} decimal places", _QUANTITY_EXPECTED)
        if number == 0:
            number = abs(number)  # no "-0"
        step = _pow10(k)
        # Integral values are stored as plain integers so that reprs and JSON read naturally.
        number = Decimal(int(number)) if k >= 0 else number.quantize(step)
        return Quantity(number, step, comparator, currency)


def _parse_quantity_text(raw: str) -> Quantity:
    def fail(reason: str) -> ValueParseError:
        return _fail("quantity", raw, reason, _QUANTITY_EXPECTED)

    if len(raw) > _MAX_TEXT:
        raise fail(f"longer than {_MAX_TEXT} characters")
    s = _clean(raw)
    if not s:
        raise fail("empty")
    pos = 0
    comparator: Comparator | None = None
    currency: str | None = None

    m = _LEAD_RE.match(s, pos)
    if m:
        comparator = _LEAD_COMPARATORS[int(m.lastgroup[1:])][1]  # type: ignore[index]
        pos = _skip_space(s, m.end())
    m = _CURRENCY_PREFIX.match(s, pos)
    if m:
        currency = _SYMBOLS[m["sym"].lower()] if m["sym"] else m["code"].upper()
        pos = _skip_space(s, m.end())
    if pos < len(s) and s[pos] in "-−":
        raise fail("a quantity cannot be negative")

    with localcontext(_CTX):
        number, k, pos = _parse_body(s, pos, fail)

    seen: set[str] = set()
    while pos < len(s):
        m = _TAIL_RE.match(s, pos)
        if not m:
            if s[pos:].lstrip()[:1] in ("~", "-", "–"):
                raise fail("a range is not one quantity; declare its bound with a comparator ('>=100억')")
            raise fail(f"unexpected {s[pos:pos + 20]!r} after the number")
        _, kind, meaning = _TAIL_TOKENS[int(m.lastgroup[1:])]  # type: ignore[index]
        if kind in seen:
            raise fail(f"more than one {'comparator' if kind == 'cmp' else kind} after the number")
        seen.add(kind)
        if kind == "cmp":
            if comparator not in (None, meaning):
                raise fail(f"conflicting comparators {comparator!r} and {m.group().strip()!r}")
            comparator = meaning  # type: ignore[assignment]
        elif kind == "cur":
            if currency not in (None, meaning):
                raise fail(f"conflicting currencies {currency} and {meaning}")
            currency = meaning
        pos = m.end()
    return _make_quantity(raw, number, k, comparator or "=", currency)


def _skip_space(s: str, pos: int) -> int:
    return pos + 1 if pos < len(s) and s[pos] == " " else pos


def _number(text: str) -> tuple[Decimal, int]:
    d = Decimal(text.replace(",", ""))
    return d, _exponent(d)


def _parse_body(s: str, pos: int, fail: Callable[[str], ValueParseError]) -> tuple[Decimal, int, int]:
    """The number itself: Korean unit groups, or a number with an optional Latin scale."""
    groups: list[tuple[Decimal, int]] = []
    while True:
        start = pos if not groups else _skip_space(s, pos)
        m = _KOREAN.match(s, start)
        if not m or not (m["small"] or m["big"]):
            break
        if m["num"]:
            num, e = _number(m["num"])
        else:
            num, e = Decimal(1), 0  # "천만", "백억": the unit alone means one of it
            if not m["small"]:
                raise fail(f"{m['big']!r} needs a number before it")
        mult = _KOREAN_SMALL.get(m["small"] or "", 0) + _KOREAN_BIG.get(m["big"] or "", 0)
        value, k = num.scaleb(mult), e + mult
        if groups:
            prev_k = groups[-1][1]
            # Groups go from large units to small, each below the last one's precision: "1조 2000억".
            # Anything else ("1만 0조", "1.5조 2000억") would have no single last written digit.
            if value >= _pow10(prev_k) or k >= prev_k:
                raise fail(f"{m.group().strip()!r} does not fit below the preceding unit")
        groups.append((value, k))
        pos = m.end()
    if groups:
        return sum((v for v, _ in groups), Decimal(0)), groups[-1][1], pos

    m = _LATIN.match(s, pos)
    if not m:
        raise fail("no number found")
    num, k = _number(m["num"])
    if m["sci"]:
        if m["scale"]:
            raise fail("scientific notation cannot take a scale suffix")
        num = Decimal(m["num"].replace(",", "") + m["sci"])
        k = _exponent(num)
    if m["scale"]:
        shift = _SCALES[m["scale"].lower()]
        num, k = num.scaleb(shift), k + shift
    return num, k, m.end()


_LATIN_UNITS = [(12, "T"), (9, "B"), (6, "M"), (3, "K"), (0, "")]
_KOREAN_UNITS = [(12, "조"), (8, "억"), (4, "만")]


def _canonical(q: Quantity) -> tuple[Decimal, int] | None:
    """(number, k) when q is what a parse can produce: step 10**k and number a multiple of it."""
    try:
        with localcontext(_CTX):
            number, step = Decimal(q.number), Decimal(q.step)
            if not (number.is_finite() and step.is_finite() and step > 0 and number >= 0):
                return None
            k = step.adjusted()
            if step != _pow10(k) or number % step != 0 or not -_MAX_EXP < k < _MAX_EXP:
                return None
            return number, k
    except (ArithmeticError, TypeError, ValueError):
        return None


def _scaled(number: Decimal, shift: int, k: int) -> str:
    """number / 10**shift written with digits down to 10**k (k <= shift)."""
    with localcontext(_CTX):
        return format(number.scaleb(-shift).quantize(_pow10(k - shift)), "f")


def _affixes(q: Quantity, body: str) -> str:
    prefix = "" if q.comparator == "=" else q.comparator
    suffix = f" {q.currency}" if q.currency else ""
    return f"{prefix}{body}{suffix}"


@functools.lru_cache(maxsize=1 << 16)
def format_quantity(q: Quantity) -> str:
    """Canonical text for ``q``; ``parse_quantity(format_quantity(q)) == q`` for every parsed quantity.

    Prefers a Latin scale (``100B``, ``2.6B``, ``519000000000``), then a Korean unit when only that
    keeps the precision with a non-zero integer part (``30만``), then ``0.10T``-style text, then
    scientific notation (``5e13``). Quantities no text can express exactly (a step that is not a
    power of ten, a number off its step) get the closest readable text instead.
    """
    canon = _canonical(q)
    if canon is None:
        return _affixes(q, _best_effort(q.number))
    number, k = canon
    with localcontext(_CTX):
        tiers = [
            [(e, u) for e, u in _LATIN_UNITS if e >= k and (e == 0 or number >= _pow10(e))],
            [(e, u) for e, u in _KOREAN_UNITS if e >= k and number >= _pow10(e)],
            [(e, u) for e, u in _LATIN_UNITS if e >= k],
        ]
        for tier in tiers:
            if tier:
                texts = [_scaled(number, e, k) + u for e, u in tier]  # ordered large to small unit
                return _affixes(q, min(texts, key=len))
        return _affixes(q, f"{int(number.scaleb(-k))}e{k}")


def _best_effort(number: object) -> str:
    try:
        with localcontext(_CTX):
            d = Decimal(float.__repr__(number)) if isinstance(number, float) else Decimal(number)  # type: ignore[arg-type]
            return format(d, "f") if d.is_finite() else str(d)
    except (ArithmeticError, TypeError, ValueError):
        return str(number)


def describe_quantity(q: Quantity) -> str:
    """Human text in the largest fitting unit, with digits down to the step: ``519.0B``, ``193.6B KRW``."""
    try:
        with localcontext(_CTX):
            number, step = Decimal(q.number), Decimal(q.step)
            if not number.is_finite():
                return _affixes(q, str(number))
            # A non-positive step means an exact number: show every digit it has.
            k = step.adjusted() if step.is_finite() and step > 0 else min(_exponent(number), 0)
            shown = number.quantize(_pow10(k)) if k < 0 else number
            e, unit = next(((e, u) for e, u in _LATIN_UNITS if abs(shown) >= _pow10(e)), (0, ""))
            return _affixes(q, _scaled(shown, e, min(k, e)) + unit)
    except (ArithmeticError, TypeError, ValueError):
        return _affixes(q, str(q.number))


# --------------------------------------------------------------------------------------------------
# dates


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


# --------------------------------------------------------------------------------------------------
# booleans and percentages


def parse_bool(raw: object) -> bool:
    """``True``/``False`` or ``true``/``false``/``yes``/``no`` (any case); nothing else."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and len(raw) <= _MAX_TEXT:
        word = raw.strip().lower()
        if word in ("true", "yes"):
            return True
        if word in ("false", "no"):
            return False
    raise _fail("boolean", raw, "not a yes/no value", "true, false, yes or no")


_PERCENT_EXPECTED = "a percentage such as '5%', '0.5 %' or '12.5%'"
_PERCENT = re.compile(rf"({_NUM}) ?%")


def parse_percent_with_step(raw: object) -> tuple[Decimal, Decimal]:
    """A percentage as (fraction, rounding unit of its last written digit as a fraction):
    ``"5%"`` -> ``(0.05, 0.01)``, ``"0.5%"`` -> ``(0.005, 0.001)``."""
    if not isinstance(raw, str):
        # A bare 0.05 could mean 5 % or 0.05 %: only the % sign makes a percentage unambiguous.
        raise _fail("percentage", raw, "a percentage must be written with '%'", _PERCENT_EXPECTED)
    if len(raw) > _MAX_TEXT:
        raise _fail("percentage", raw, f"longer than {_MAX_TEXT} characters", _PERCENT_EXPECTED)
    s = _clean(raw).replace("﹪", "%")
    m = _PERCENT.fullmatch(s)
    if not m:
        reason = "a percentage must be written with '%'" if "%" not in s else "not a non-negative percentage"
        raise _fail("percentage", raw, reason, _PERCENT_EXPECTED)
    with localcontext(_CTX):
        number, k = _number(m[1])
        return number.scaleb(-2), _pow10(k - 2)


def parse_percent(raw: object) -> Decimal:
    """A percentage as a fraction: ``"5%"`` -> ``Decimal("0.05")``."""
    return parse_percent_with_step(raw)[0]

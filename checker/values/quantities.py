"""Quantities as articles write them (``70B``, ``5190억``, ``1936억 원``, ``>=500B``), with their rounding."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Callable

from checker.errors import ValueParseError
from checker.values.common import (
    _CTX,
    _CURRENCIES,
    _MAX_EXP,
    _MAX_TEXT,
    _NUM,
    Comparator,
    _clean,
    _exponent,
    _fail,
    _json_number,
    _number,
    _pow10,
)


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

    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The values the declaration admits, exactly, honouring the comparator (no tolerance added;
        None = unbounded on that side).

        ``=`` and ``~`` give the rounding interval; ``>=``/``<=`` open it on one side from the
        rounding bound; ``>``/``<`` open it from the number itself.
        """
        low, high = self.number - self.step / 2, self.number + self.step / 2
        return {
            ">=": (low, None), ">": (self.number, None),
            "<=": (None, high), "<": (None, self.number),
        }.get(self.comparator, (low, high))

    def interval(self) -> tuple[float, float]:
        """:meth:`bounds` as floats (infinite where unbounded)."""
        low, high = self.bounds()
        return (-math.inf if low is None else float(low), math.inf if high is None else float(high))

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

# Korean numerals mix digits and units: "3200억", "6천500", "37만2000", "1조 2천억", "천만" (= 1천만).
# A number is a run of groups from large units to small; each group is a "small" number (digits and
# 천/백/십: "6천500") followed by 만/억/조, except the last one, which may stand without a big unit.
_SMALL_PART = re.compile(rf"(?P<num>{_NUM})?(?P<small>[천백십])")
_NUM_RE = re.compile(_NUM)
_BIG_RE = re.compile(r"[조억만]")
_KOREAN_SMALL = {"천": 3, "백": 2, "십": 1}
_KOREAN_BIG = {"조": 12, "억": 8, "만": 4}


def _parse_korean_small(s: str, pos: int, fail: Callable[[str], ValueParseError]
                        ) -> tuple[Decimal, int, int, bool] | None:
    """A number below 만 written with 천/백/십 and digits: (value, k, end, used a unit), or None."""
    value, k, used = Decimal(0), 0, False
    prev_k: int | None = None
    while True:
        m = _SMALL_PART.match(s, pos)
        if m:
            num, e = _number(m["num"]) if m["num"] else (Decimal(1), 0)
            shift = _KOREAN_SMALL[m["small"]]
            part, part_k = num.scaleb(shift), e + shift
        else:
            m = _NUM_RE.match(s, pos)
            if not m or (prev_k is not None and s[m.end():m.end() + 1] in ("천", "백", "십")):
                break
            part, part_k = _number(m.group())
        if prev_k is not None and (part >= _pow10(prev_k) or part_k >= prev_k):
            raise fail(f"{m.group()!r} does not fit below the preceding unit")
        value, k, prev_k, pos = value + part, part_k, part_k, m.end()
        used = used or m.re is _SMALL_PART
        if m.re is _NUM_RE:
            break  # plain digits end the small number: "6천500"
    if prev_k is None:
        return None
    return value, k, pos, used


def _parse_korean(s: str, pos: int, fail: Callable[[str], ValueParseError]) -> tuple[Decimal, int, int] | None:
    """A Korean numeral at ``pos`` (at least one of 천/백/십/만/억/조), or None to read a Latin number."""
    groups: list[tuple[Decimal, int, str | None]] = []
    while True:
        start = pos if not groups else _skip_space(s, pos)
        small = _parse_korean_small(s, start, fail)
        big = _BIG_RE.match(s, small[2] if small else start)
        if small is None and big is None:
            break
        if small is None:
            assert big is not None
            raise fail(f"{big.group()!r} needs a number before it")
        value, k, end, used = small
        unit = big.group() if big else None
        if unit is None:
            if not groups and not used:
                return None  # plain digits: a Latin number ("2048", "70B")
            # Digits alone after a unit count ones only right below 만 ("37만2000"); after 억 or 조
            # ("1억 5000") they would skip a unit and are ambiguous.
            if not used and groups and groups[-1][2] != "만":
                raise fail(f"{s[start:end]!r} after {groups[-1][2]} skips a unit; write the unit")
        else:
            assert big is not None
            value, k, end = value.scaleb(_KOREAN_BIG[unit]), k + _KOREAN_BIG[unit], big.end()
        if groups:
            prev_k = groups[-1][1]
            # Groups go from large units to small, each below the last one's precision: "1조 2000억".
            # Anything else ("1만 0조", "1.5조 2000억") would have no single last written digit.
            if value >= _pow10(prev_k) or k >= prev_k:
                raise fail(f"{s[start:end].strip()!r} does not fit below the preceding unit")
        groups.append((value, k, unit))
        pos = end
        if unit is None:
            break
    if not groups:
        return None
    return sum((v for v, _, _ in groups), Decimal(0)), groups[-1][1], pos


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


def _parse_body(s: str, pos: int, fail: Callable[[str], ValueParseError]) -> tuple[Decimal, int, int]:
    """The number itself: Korean unit groups, or a number with an optional Latin scale."""
    korean = _parse_korean(s, pos, fail)
    if korean is not None:
        return korean
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

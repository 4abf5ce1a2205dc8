"""What the value parsers share: exact arithmetic, input cleaning and error messages."""

from __future__ import annotations

import functools
import re
import reprlib
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from typing import Literal

from checker.errors import ValueParseError

Comparator = Literal["=", "~", ">=", "<=", ">", "<"]

# Exact arithmetic: inputs are capped (length, magnitude) so 500 digits can never round.
_CTX = Context(prec=500, Emax=99999, Emin=-99999, traps=[InvalidOperation, DivisionByZero, Overflow])
_MAX_TEXT = 200          # longer "values" are prose, not values; also bounds the work per call
_MAX_EXP = 60            # quantities must be < 1e60: far beyond any parameter count or budget

_CURRENCIES = ("KRW", "USD", "EUR", "JPY", "CNY", "GBP")


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


# A number as written: digits with optional well-formed thousands separators and decimals.
_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"


def _number(text: str) -> tuple[Decimal, int]:
    """A written number and the exponent of its last digit."""
    d = Decimal(text.replace(",", ""))
    return d, _exponent(d)

"""Booleans and percentages."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from checker.values.common import (
    _CTX,
    _MAX_TEXT,
    _NUM,
    _clean,
    _fail,
    _number,
    _pow10,
)


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

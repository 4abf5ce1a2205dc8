"""Comparing a declared quantity with an evidence figure, both as intervals.

The declared interval is the figure's rounding (``Quantity.low``/``high``) opened by its comparator
(``>=500B`` is [499.5B, inf)); the evidence interval is the fact's value +/- half its ``precision``
(no precision = exact). The *gap* is the distance between the two intervals (0 when they meet),
relative to the declared figure. A plain figure (DESIGN.md, policy v2, Quantities) is supported when the
intervals overlap with positive length (touching is not a match) or the figures differ by at most the
tolerance; approximate when it is the evidence rounded half up or truncated to its precision or a coarser
one and at most the approximate bound away; else contradicted. Comparator claims grade the gap: <=
tolerance -> supported, <= approximate bound -> approximate. A ``~`` ("about", "규모") figure is judged like a
plain one: it already carries its rounding, so "~100B" for 102B is approximate, not supported.

All arithmetic is in Decimal so that a gap of exactly 0.5 % is exactly 0.5 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from checker.registry.models import Verdict
from checker.values import Quantity, describe_quantity, format_quantity

Bound = Decimal | None   # None = unbounded on that side


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    gap: Decimal          # relative distance between the intervals, >= 0
    diff: Decimal         # signed relative difference of the evidence figure from the declared one


def number(value: Any) -> Decimal | None:
    """A fact's numeric value as a Decimal, or None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def evidence_interval(value: Decimal, precision: float | None) -> tuple[Decimal, Decimal]:
    """The values a fact admits: exact, or +/- half its precision (a "103B" badge: 102.5B-103.5B)."""
    # A precision that is not a finite number says nothing about rounding: the figure is taken as exact
    # (snapshot validation rejects such facts; this keeps the engine total on facts built in code).
    step = number(precision) if precision else None
    half = step / 2 if step is not None else Decimal(0)
    return value - half, value + half


def declared_interval(q: Quantity) -> tuple[Bound, Bound]:
    """The values a declaration admits, honouring its comparator (no tolerance added)."""
    return q.bounds()


def interval_gap(a: tuple[Bound, Bound], b: tuple[Bound, Bound]) -> Decimal:
    """Absolute distance between two intervals (0 when they overlap or touch)."""
    (a_lo, a_hi), (b_lo, b_hi) = a, b
    if a_hi is not None and b_lo is not None and b_lo > a_hi:
        return b_lo - a_hi
    if b_hi is not None and a_lo is not None and a_lo > b_hi:
        return a_lo - b_hi
    return Decimal(0)


def relative(amount: Decimal, base: Decimal) -> Decimal:
    """``amount`` as a fraction of ``|base|`` (infinite when the base is 0 and the amount is not)."""
    if base == 0:
        return Decimal(0) if amount == 0 else Decimal("Infinity")
    return amount / abs(base)


def grade(gap: Decimal, tolerance: Decimal, approximate: Decimal, *, loose: bool = False) -> Verdict:
    """Verdict for a relative gap; ``loose`` (a ``~`` claim) is supported up to the approximate bound."""
    if gap <= (approximate if loose else tolerance):
        return "supported"
    if gap <= approximate and not loose:
        return "approximate"
    return "contradicted"


def overlaps(a: tuple[Bound, Bound], b: tuple[Bound, Bound]) -> bool:
    """Whether two intervals share more than an end point: "7.4B" (7.35B-7.45B) and "7.3B" (7.25B-7.35B)
    only touch, so they do not match. An exact figure (a point) matches an interval it lies in, the upper
    rounding bound excluded (7.35B rounds half up to 7.4B, not 7.3B)."""
    (a_lo, a_hi), (b_lo, b_hi) = a, b
    lo = b_lo if a_lo is None else a_lo if b_lo is None else max(a_lo, b_lo)
    hi = b_hi if a_hi is None else a_hi if b_hi is None else min(a_hi, b_hi)
    if lo is None or hi is None:
        return True
    if lo < hi:
        return True
    if lo > hi:
        return False
    # They meet in one point: a match only when one of them is that point and it is not the other's upper
    # (rounding) bound.
    point_a, point_b = a_lo is not None and a_lo == a_hi, b_lo is not None and b_lo == b_hi
    if point_a and point_b:
        return True
    if point_b:
        return a_hi is None or lo < a_hi
    if point_a:
        return b_hi is None or lo < b_hi
    return False


def explained_by_rounding(q: Quantity, found: tuple[Decimal, Decimal]) -> bool:
    """Whether ``q``'s figure is a value of the evidence interval ``found`` rounded half up, or truncated, to
    ``q``'s precision or a coarser power-of-ten multiple of it: "500B" for 519B (to 100B), "12B" for 12.7B
    (truncated), "102B" for a "103B" badge (102.5B-103.5B holds 102.6B, truncated to 102B); not "7.4B" for
    7.31B."""
    lo, hi = found
    if q.step <= 0 or lo <= 0 or q.number <= 0:
        return False
    step = q.step
    while step <= hi * 10:
        if q.number % step == 0:
            # Values that round half up to the figure: [N - s/2, N + s/2); that truncate to it: [N, N + s).
            a_lo, a_hi = q.number - step / 2, q.number + step
            if (lo < a_hi and a_lo < hi) or (lo == hi and a_lo <= lo < a_hi):
                return True
        step *= 10
    return False


def compare(q: Quantity, value: Decimal, precision: float | None,
            tolerance: Decimal, approximate: Decimal) -> Comparison:
    """Compare declared ``q`` with an evidence figure ``value`` of the given precision.

    A plain figure is supported when its rounding interval overlaps the evidence's with positive length or
    the figures differ by at most ``tolerance``; approximate when rounding (half up) or truncation of the
    evidence to its precision or a coarser one gives it and the intervals are at most ``approximate`` apart;
    otherwise contradicted. A comparator (``>=``, ``<=``) or ``~`` claim is graded on the gap between the
    intervals, as before."""
    declared, found = declared_interval(q), evidence_interval(value, precision)
    gap = relative(interval_gap(declared, found), q.number)
    diff = relative(value - q.number, q.number)
    if q.comparator not in ("=", "~"):
        return Comparison(grade(gap, tolerance, approximate), gap, diff)
    if overlaps(declared, found) or abs(diff) <= tolerance:
        verdict: Verdict = "supported"
    elif gap <= approximate and explained_by_rounding(q, found):
        verdict = "approximate"
    else:
        verdict = "contradicted"
    return Comparison(verdict, gap, diff)


def percent(diff: Decimal, signed: bool = True) -> str:
    """A relative difference as ``+3.8 %`` / ``-2.0 %`` (``unsigned``: ``3.8 %``)."""
    if not diff.is_finite():
        return "∞ %"
    pct = (diff * 100).quantize(Decimal("0.1"))
    if pct == 0:
        pct = abs(pct)
    text = f"{abs(pct) if not signed else pct} %"
    return f"+{text}" if signed and pct > 0 else text


def figure(value: Decimal, precision: float | None = None) -> str:
    """An evidence figure in the largest fitting unit: ``684.5B``, a badge ``103B`` to its precision."""
    step = number(precision) if precision else None
    if not step:
        # Exact figures are shown to four significant digits: enough to show a 0.1 % difference.
        step = Decimal(1).scaleb(max((value.adjusted() if value else 0) - 3, 0))
    return describe_quantity(Quantity(value, step))


def versus(c: Comparison, q: Quantity) -> str:
    """``matches the claimed 671B`` / ``+3.8 % vs the claimed >=500B`` / ``..., within both roundings``."""
    claimed = format_quantity(q)
    if c.diff == 0:
        return f"matches the claimed {claimed}"
    # The verdict follows the gap between the rounding intervals, which can differ a lot from the
    # difference of the printed figures: say which one it was.
    if c.gap == 0 and c.verdict == "supported":
        within = ", within the rounding of both figures" if q.comparator == "=" else ""
    elif c.gap == 0:
        within = ""
    elif abs(c.gap - abs(c.diff)) >= Decimal("0.001"):
        within = f"; {percent(c.gap, signed=False)} beyond the rounding of both figures"
    else:
        within = ""
    return f"{percent(c.diff)} vs the claimed {claimed}{within}"

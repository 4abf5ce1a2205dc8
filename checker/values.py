"""Declared values: quantities with their rounding, dates as intervals, booleans, percentages.

API CONTRACT (other modules rely on it; implementation in progress):
- ``Quantity(number, step, comparator="=", currency=None)``: ``number`` and ``step`` are Decimals in base
  units; ``step`` is the unit of the last written digit (``"100B"`` -> step 1e9, ``"5190억"`` -> 1e8,
  ``"519000000000"`` -> 1). ``low``/``high`` are number -/+ step/2 as floats.
- ``parse_quantity(raw) -> Quantity``; ``format_quantity(q) -> str`` with parse(format(q)) == q.
- ``DateInterval(start, end)`` inclusive dates; ``parse_date(raw) -> DateInterval``; ``format_date``.
- ``parse_bool(raw) -> bool``; ``parse_percent(raw) -> Decimal`` ("5%" -> Decimal("0.05")).
- Every parser raises only ``ValueParseError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from checker.errors import ValueParseError

Comparator = Literal["=", "~", ">=", "<=", ">", "<"]


@dataclass(frozen=True)
class Quantity:
    """A declared number with the precision it was written with."""

    number: Decimal
    step: Decimal
    comparator: Comparator = "="
    currency: str | None = None

    @property
    def low(self) -> float:
        return float(self.number - self.step / 2)

    @property
    def high(self) -> float:
        return float(self.number + self.step / 2)

    @property
    def value(self) -> float:
        return float(self.number)


@dataclass(frozen=True)
class DateInterval:
    """An inclusive interval of days; a day, month, year, half or quarter is one."""

    start: date
    end: date

    def overlaps(self, other: "DateInterval") -> bool:
        return self.start <= other.end and other.start <= self.end


def parse_quantity(raw: object) -> Quantity:  # pragma: no cover - being implemented
    raise ValueParseError("not implemented yet")


def parse_date(raw: object) -> DateInterval:  # pragma: no cover - being implemented
    raise ValueParseError("not implemented yet")


def parse_bool(raw: object) -> bool:  # pragma: no cover - being implemented
    raise ValueParseError("not implemented yet")


def parse_percent(raw: object) -> Decimal:  # pragma: no cover - being implemented
    raise ValueParseError("not implemented yet")

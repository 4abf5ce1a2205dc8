"""Declared values: quantities with their rounding, dates as intervals, booleans, percentages.

A claim file writes values the way articles do (``70B``, ``5190억``, ``1936억 원``, ``>=500B``,
``2026-H1``, ``5%``); this module turns them into exact values that remember how precisely they were
written, and writes them back in a canonical form that parses to the same value. Every parser raises
only :class:`checker.errors.ValueParseError`, whatever it is given.
"""

from checker.values.common import Comparator
from checker.values.dates import DateInterval, format_date, parse_date
from checker.values.quantities import Quantity, describe_quantity, format_quantity, parse_quantity
from checker.values.scalars import parse_bool, parse_percent, parse_percent_with_step

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

"""checker.values.scalars: booleans and percentages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.errors import ValueParseError
from checker.values import (
    parse_bool,
    parse_percent,
    parse_percent_with_step,
)

D = Decimal


@pytest.mark.parametrize(("raw", "expected"), [
    (True, True), (False, False), ("true", True), ("True", True), ("TRUE", True), ("yes", True),
    ("Yes", True), (" no ", False), ("false", False), ("NO", False),
])
def test_parse_bool(raw, expected):
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", [None, 1, 0, 1.0, "", "y", "n", "1", "0", "on", "off", "truthy", [], "x" * 1000])
def test_parse_bool_rejects(raw):
    with pytest.raises(ValueParseError, match="expected true, false, yes or no"):
        parse_bool(raw)


@pytest.mark.parametrize(("raw", "fraction", "step"), [
    ("5%", "0.05", "0.01"),
    ("0.5 %", "0.005", "0.001"),
    ("0.5%", "0.005", "0.001"),
    ("12.5%", "0.125", "0.001"),
    ("100%", "1", "0.01"),
    ("5.0%", "0.05", "0.001"),
    ("５％", "0.05", "0.01"),
])
def test_parse_percent(raw, fraction, step):
    assert parse_percent(raw) == D(fraction)
    assert parse_percent_with_step(raw) == (D(fraction), D(step))
    assert isinstance(parse_percent(raw), Decimal)


@pytest.mark.parametrize("raw", [0.05, 5, "0.05", "5", "%", "-5%", "5 %%", "five %", None, True, [], "5% 6%"])
def test_parse_percent_rejects(raw):
    with pytest.raises(ValueParseError, match="expected a percentage"):
        parse_percent(raw)
    with pytest.raises(ValueParseError):
        parse_percent_with_step(raw)

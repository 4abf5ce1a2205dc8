"""checker.values.quantities: quantities as written, their rounding and canonical text."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from checker.errors import ValueParseError
from checker.values import (
    Quantity,
    describe_quantity,
    format_quantity,
    parse_quantity,
)

D = Decimal


QUANTITIES = [
    # raw, number, step, comparator, currency
    ("70B", "70e9", "1e9", "=", None),
    ("100B", "100e9", "1e9", "=", None),
    ("2.6B", "2.6e9", "1e8", "=", None),
    ("1.5T", "1.5e12", "1e11", "=", None),
    ("236 B", "236e9", "1e9", "=", None),
    ("70b", "70e9", "1e9", "=", None),
    ("100 bn", "100e9", "1e9", "=", None),
    ("5k", "5e3", "1e3", "=", None),
    ("30M", "30e6", "1e6", "=", None),
    ("519000000000", "519e9", "1", "=", None),
    ("519,000,000,000", "519e9", "1", "=", None),
    ("2.6", "2.6", "0.1", "=", None),
    ("2.60", "2.6", "0.01", "=", None),
    ("0", "0", "1", "=", None),
    ("1.5e12", "1.5e12", "1e11", "=", None),
    ("236 billion", "236e9", "1e9", "=", None),
    ("1.5 trillion", "1.5e12", "1e11", "=", None),
    ("30 million", "30e6", "1e6", "=", None),
    ("2 thousand", "2e3", "1e3", "=", None),
    ("700억", "70e9", "1e8", "=", None),
    ("5190억", "519e9", "1e8", "=", None),
    ("5,190억", "519e9", "1e8", "=", None),
    ("2360억 개", "236e9", "1e8", "=", None),
    ("500억개", "50e9", "1e8", "=", None),
    ("1.5조", "1.5e12", "1e11", "=", None),
    ("30만", "3e5", "1e4", "=", None),
    ("30만 건", "3e5", "1e4", "=", None),
    ("10,000장", "1e4", "1", "=", None),
    ("1조 2000억", "1.2e12", "1e8", "=", None),
    ("1조2000억", "1.2e12", "1e8", "=", None),
    ("3만 5천", "35e3", "1e3", "=", None),
    ("5천만", "5e7", "1e7", "=", None),
    ("천만 명", "1e7", "1e7", "=", None),
    ("2.6억", "2.6e8", "1e7", "=", None),
    # mixed numerals: digits and units within a group, a plain remainder right below 만
    ("6천500", "6500", "1", "=", None),
    ("6천500여 건", "6500", "1", "~", None),
    ("37만2000", "372000", "1", "=", None),
    ("37만 2000", "372000", "1", "=", None),
    ("1조 2천억", "1.2e12", "1e11", "=", None),
    ("6천500만", "6.5e7", "1e4", "=", None),
    ("3천2백억 개", "3.2e11", "1e10", "=", None),
    ("120만 회", "1.2e6", "1e4", "=", None),
    ("1936억 원", "193.6e9", "1e8", "=", "KRW"),
    ("1936억원", "193.6e9", "1e8", "=", "KRW"),
    ("500 KRW", "500", "1", "=", "KRW"),
    ("$2.6B", "2.6e9", "1e8", "=", "USD"),
    ("2.6B USD", "2.6e9", "1e8", "=", "USD"),
    ("100억 달러", "1e10", "1e8", "=", "USD"),
    (">=500B", "500e9", "1e9", ">=", None),
    ("≥500B", "500e9", "1e9", ">=", None),
    ("<=5M", "5e6", "1e6", "<=", None),
    ("≤5M", "5e6", "1e6", "<=", None),
    (">5M", "5e6", "1e6", ">", None),
    ("<5M", "5e6", "1e6", "<", None),
    ("~100B", "100e9", "1e9", "~", None),
    ("약 1936억 원", "193.6e9", "1e8", "~", "KRW"),
    ("약100억", "1e10", "1e8", "~", None),
    ("500B 이상", "500e9", "1e9", ">=", None),
    ("500억 이하", "50e9", "1e8", "<=", None),
    ("30만 초과", "3e5", "1e4", ">", None),
    ("30만 미만", "3e5", "1e4", "<", None),
    ("30만여 건", "3e5", "1e4", "~", None),
    ("500억 원가량", "50e9", "1e8", "~", "KRW"),
    ("2360억 개 정도", "236e9", "1e8", "~", None),
    ("30만+", "3e5", "1e4", ">=", None),
    ("2360억 개 이상", "236e9", "1e8", ">=", None),
    ("about 5B", "5e9", "1e9", "~", None),
    ("at least 5B", "5e9", "1e9", ">=", None),
    ("70B parameters", "70e9", "1e9", "=", None),
    ("７０Ｂ", "70e9", "1e9", "=", None),  # full-width forms
    ("  70B  ", "70e9", "1e9", "=", None),
    (70, "70", "1", "=", None),
    (519000000000, "519e9", "1", "=", None),
    (2.6, "2.6", "0.1", "=", None),
    (519e9, "519e9", "1", "=", None),  # an integral YAML float counts to the unit, like an int
    (0.005, "0.005", "0.001", "=", None),
    (D("2.60"), "2.6", "0.01", "=", None),
]


@pytest.mark.parametrize(("raw", "number", "step", "comparator", "currency"), QUANTITIES)
def test_parse_quantity(raw, number, step, comparator, currency):
    q = parse_quantity(raw)
    assert q == Quantity(D(number), D(step), comparator, currency)
    assert isinstance(q.number, Decimal) and isinstance(q.step, Decimal)
    assert parse_quantity(format_quantity(q)) == q


@pytest.mark.parametrize(("raw", "text", "described"), [
    ("70B", "70B", "70B"),
    ("100B", "100B", "100B"),
    ("2.6B", "2.6B", "2.6B"),
    ("519B", "519B", "519B"),
    ("5190억", "519.0B", "519.0B"),
    ("519000000000", "519000000000", "519.000000000B"),
    ("1936억 원", "193.6B KRW", "193.6B KRW"),
    ("1.5조", "1.5T", "1.5T"),
    ("30만", "30만", "300K"),
    (">=500B", ">=500B", ">=500B"),
    ("~100B", "~100B", "~100B"),
    ("$2.6B", "2.6B USD", "2.6B USD"),
    ("0", "0", "0"),
    ("0B", "0B", "0"),
    ("10,000장", "10000", "10.000K"),
])
def test_format_and_describe(raw, text, described):
    q = parse_quantity(raw)
    assert format_quantity(q) == text
    assert describe_quantity(q) == described
    assert parse_quantity(text) == q


@pytest.mark.parametrize("q", [
    Quantity(D("100e9"), D("1e10")),           # coarser than its unit: "0.10T"
    Quantity(D("5e13"), D("1e13"), ">="),      # coarser than any unit: scientific notation
    Quantity(D("0"), D("1e9")),
    Quantity(D("0.5"), D("0.1"), "~", "USD"),
    Quantity(D("123456789"), D("1"), "<", "KRW"),
])
def test_format_unusual_steps_round_trip(q):
    assert parse_quantity(format_quantity(q)) == q


def test_format_non_canonical_quantity_does_not_raise():
    # A step that is not a power of ten cannot be written exactly; formatting must still give text.
    for q in (Quantity(D("103"), D("2")), Quantity(D("5"), D("0")), Quantity(D("-5"), D("1"))):
        assert isinstance(format_quantity(q), str)
        assert isinstance(describe_quantity(q), str)


def test_quantity_bounds_and_interval():
    q = parse_quantity("100B")
    assert (q.low, q.high) == (99.5e9, 100.5e9)
    assert q.interval() == (99.5e9, 100.5e9)
    assert parse_quantity("~100B").interval() == (99.5e9, 100.5e9)
    assert parse_quantity(">=100B").interval() == (99.5e9, math.inf)
    assert parse_quantity("<=100B").interval() == (-math.inf, 100.5e9)
    assert parse_quantity(">100B").interval() == (100e9, math.inf)
    assert parse_quantity("<100B").interval() == (-math.inf, 100e9)
    five = parse_quantity("5190억")
    assert (five.low, five.high) == (518.95e9, 519.05e9)


def test_quantity_as_json():
    assert parse_quantity("1936억 원").as_json() == {
        "value": 193600000000, "low": 193550000000, "high": 193650000000,
        "comparator": "=", "currency": "KRW", "text": "193.6B KRW",
    }
    j = parse_quantity(">=2.6").as_json()
    assert j == {"value": 2.6, "low": 2.55, "high": 2.65, "comparator": ">=", "text": ">=2.6"}
    assert "currency" not in parse_quantity("70B").as_json()


BAD_QUANTITIES = [
    None, True, False, [], [1], {}, {"a": 1}, object(), float("nan"), float("inf"), -float("inf"),
    -5, -0.5, 10**61, 10**5000, 1e300, "", "   ", "abc", "B", "억", "-5B", "70 B B", "1,00", "12,34B",
    "1억 5000", "1만 2천억", "6천7천", "1.5조 2000억", "1만 0조", "1.00005조 0억", "1조 20000억", ">=500B 이하",
    "~500B 이상", "1e3B", "1e99",
    "100억~200억", "5%", "70Bx", "nan", "inf", "Infinity", "٣B", "x" * 10_000, "\ud800",
    "$5M KRW", "1.2.3", ".5B", "5B+ +",
]


@pytest.mark.parametrize("raw", BAD_QUANTITIES, ids=lambda r: type(r).__name__)
def test_parse_quantity_rejects(raw):
    with pytest.raises(ValueParseError) as info:
        parse_quantity(raw)
    assert "quantity" in str(info.value) and "expected" in str(info.value)
    assert len(str(info.value)) < 400  # huge inputs are abbreviated in the message


def test_error_message_names_the_input():
    with pytest.raises(ValueParseError, match=r"'70 zorks'.*expected a quantity such as '70B'"):
        parse_quantity("70 zorks")
    with pytest.raises(ValueError):  # ValueParseError is a ValueError
        parse_quantity("nope")

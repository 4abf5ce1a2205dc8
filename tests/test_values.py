"""Tests for checker.values: quantities, dates, booleans, percentages."""

from __future__ import annotations

import math
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import ValueParseError
from checker.values import (
    DateInterval,
    Quantity,
    describe_quantity,
    format_date,
    format_quantity,
    parse_bool,
    parse_date,
    parse_percent,
    parse_percent_with_step,
    parse_quantity,
)

D = Decimal
FAST = settings(max_examples=200, deadline=None)


# ---------------------------------------------------------------------------------------------- quantities

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
    "1억 5000", "1.5조 2000억", "1만 0조", "1.00005조 0억", "1조 20000억", ">=500B 이하", "~500B 이상", "1e3B", "1e99",
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


# ---------------------------------------------------------------------------------------------- dates

def di(a: str, b: str | None = None) -> DateInterval:
    return DateInterval(date.fromisoformat(a), date.fromisoformat(b or a))


DATES = [
    ("2025", di("2025-01-01", "2025-12-31"), "2025"),
    (2025, di("2025-01-01", "2025-12-31"), "2025"),
    ("2025-08", di("2025-08-01", "2025-08-31"), "2025-08"),
    ("2024-02", di("2024-02-01", "2024-02-29"), "2024-02"),
    ("2025-08-14", di("2025-08-14"), "2025-08-14"),
    ("2026-H1", di("2026-01-01", "2026-06-30"), "2026-H1"),
    ("2026-H2", di("2026-07-01", "2026-12-31"), "2026-H2"),
    ("2026-h2", di("2026-07-01", "2026-12-31"), "2026-H2"),
    ("2026-Q1", di("2026-01-01", "2026-03-31"), "2026-Q1"),
    ("2026-Q2", di("2026-04-01", "2026-06-30"), "2026-Q2"),
    ("2026-Q3", di("2026-07-01", "2026-09-30"), "2026-Q3"),
    ("2026-Q4", di("2026-10-01", "2026-12-31"), "2026-Q4"),
    ("2026-06-21/2026-07-10", di("2026-06-21", "2026-07-10"), "2026-06-21/2026-07-10"),
    ("2025-12/2026-01", di("2025-12-01", "2026-01-31"), "2025-12/2026-01"),
    ("2025/2026-H1", di("2025-01-01", "2026-06-30"), "2025/2026-H1"),
    ("2025-01-01/2025-12-31", di("2025-01-01", "2025-12-31"), "2025"),
    ("2025-07-01/2025-09-30", di("2025-07-01", "2025-09-30"), "2025-Q3"),
    ("2025-08-14/2025-08-14", di("2025-08-14"), "2025-08-14"),
    ("2025-01-20T03:46:07.000Z", di("2025-01-20"), "2025-01-20"),
    ("2025-01-20T03:46:07Z", di("2025-01-20"), "2025-01-20"),
    ("2025-01-20T03:46", di("2025-01-20"), "2025-01-20"),
    ("2026-02-08T08:00:00+09:00", di("2026-02-08"), "2026-02-08"),  # the day as written
    ("2022-03-02T23:29:04Z/2025-06", di("2022-03-02", "2025-06-30"), "2022-03-02/2025-H1"),
    (date(2025, 8, 14), di("2025-08-14"), "2025-08-14"),
    (datetime(2025, 8, 14, 23, 59, tzinfo=timezone.utc), di("2025-08-14"), "2025-08-14"),
]


@pytest.mark.parametrize(("raw", "interval", "text"), DATES)
def test_parse_date(raw, interval, text):
    d = parse_date(raw)
    assert d == interval
    assert type(d.start) is date and type(d.end) is date
    assert format_date(d) == text
    assert parse_date(text) == d
    assert parse_date(d.iso()) == d


def test_iso_contains_as_json():
    d = parse_date("2025-08")
    assert d.iso() == "2025-08-01/2025-08-31"
    assert d.as_json() == "2025-08-01/2025-08-31"
    assert parse_date("2025-08-14").iso() == "2025-08-14"
    assert d.contains(date(2025, 8, 1)) and d.contains(date(2025, 8, 31))
    assert not d.contains(date(2025, 9, 1)) and not d.contains(date(2025, 7, 31))
    assert d.contains(datetime(2025, 8, 14, 12, 0))
    assert d.contains(parse_date("2025-08-14/2025-08-20"))
    assert not d.contains(parse_date("2025-Q3"))
    assert d.overlaps(parse_date("2025-Q3"))


BAD_DATES = [
    None, True, [], {}, 2.5, float("nan"), 25, 10000, "", "25", "2025-02-30", "2023-02-29", "2025-13",
    "2025-00", "2025-08-32", "0000", "2025-H3", "2025-H0", "2025-Q5", "2025-Q0", "2026-07/2026-06",
    "2025/2025-06", "2025/2026/2027", "2025-1", "2025-8-14", "2025-01-20T25:00Z", "2025-01-20T12:60Z",
    "2025-01-20T12:00+25:00", "٢٠٢٥", "yesterday", "2025-08-14/", "/2025", "x" * 10_000,
]


@pytest.mark.parametrize("raw", BAD_DATES, ids=lambda r: type(r).__name__)
def test_parse_date_rejects(raw):
    with pytest.raises(ValueParseError, match="expected a date"):
        parse_date(raw)


def test_format_date_rejects_invalid_interval():
    with pytest.raises(ValueParseError):
        format_date(DateInterval(date(2025, 2, 1), date(2025, 1, 1)))


# ---------------------------------------------------------------------------------------------- bool, percent

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


# ---------------------------------------------------------------------------------------------- properties

ANYTHING = st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.lists(st.integers()))
# Text made of the characters the grammars use, to reach deeper than random unicode does.
GRAMMAR_TEXT = st.text(alphabet="0123456789.,억만조천백십 BbKkMmTtnil원개건이상하여약+~<>=≥%-/HQqTZ:eE$", max_size=24)
PARSERS = [parse_quantity, parse_date, parse_bool, parse_percent, parse_percent_with_step]


@FAST
@given(raw=st.one_of(ANYTHING, GRAMMAR_TEXT))
def test_parsers_raise_only_value_parse_error(raw):
    for parser in PARSERS:
        try:
            parser(raw)
        except ValueParseError:
            pass


@FAST
@given(raw=st.one_of(GRAMMAR_TEXT, st.integers(), st.floats(allow_nan=False)))
def test_any_parsed_quantity_round_trips(raw):
    try:
        q = parse_quantity(raw)
    except ValueParseError:
        return
    assert parse_quantity(format_quantity(q)) == q
    assert isinstance(describe_quantity(q), str)
    assert q.as_json()["text"] == format_quantity(q)


@FAST
@given(raw=st.one_of(GRAMMAR_TEXT, st.integers()))
def test_any_parsed_date_round_trips(raw):
    try:
        d = parse_date(raw)
    except ValueParseError:
        return
    assert d.start <= d.end
    assert parse_date(format_date(d)) == d


COMPARATORS = st.sampled_from(["=", "~", ">=", "<=", ">", "<"])
CURRENCIES = st.sampled_from([None, "KRW", "USD"])


@FAST
@given(m=st.integers(0, 10**18), k=st.integers(-8, 30), comparator=COMPARATORS, currency=CURRENCIES)
def test_quantity_format_round_trip(m, k, comparator, currency):
    step = D(10) ** k
    q = Quantity(D(m) * step, step, comparator, currency)
    assert parse_quantity(format_quantity(q)) == q


SCALES = {"": 0, "K": 3, "M": 6, "B": 9, "T": 12, " billion": 9, "억": 8, "만": 4, "조": 12}
PREFIXES = {"": "=", "~": "~", ">=": ">=", "<=": "<=", ">": ">", "<": "<", "약 ": "~"}
SUFFIXES = {"": ("=", None), " 이상": (">=", None), " 원": ("=", "KRW"), " 개": ("=", None),
            "여 건": ("~", None), " USD": ("=", "USD"), "+": (">=", None)}


@FAST
@given(
    integer=st.integers(0, 10**12), decimals=st.text(alphabet="0123456789", max_size=4),
    scale=st.sampled_from(sorted(SCALES)), prefix=st.sampled_from(sorted(PREFIXES)),
    suffix=st.sampled_from(sorted(SUFFIXES)),
)
def test_generated_quantity_text(integer, decimals, scale, prefix, suffix):
    written = f"{integer}.{decimals}" if decimals else str(integer)
    suffix_cmp, currency = SUFFIXES[suffix]
    if PREFIXES[prefix] != "=" and suffix_cmp != "=":
        suffix = ""  # two comparators are an error, tested elsewhere
        suffix_cmp, currency = "=", None
    q = parse_quantity(f"{prefix}{written}{scale}{suffix}")
    shift = SCALES[scale]
    assert q.number == D(written).scaleb(shift)
    assert q.step == D(10) ** (shift - len(decimals))
    assert q.comparator == (PREFIXES[prefix] if PREFIXES[prefix] != "=" else suffix_cmp)
    assert q.currency == currency
    assert parse_quantity(format_quantity(q)) == q


@FAST
@given(hi=st.integers(1, 9999), lo=st.integers(0, 9999), lo_unit=st.sampled_from(["억", "만", "천"]))
def test_generated_korean_compound(hi, lo, lo_unit):
    q = parse_quantity(f"{hi}조 {lo}{lo_unit}")
    shift = {"억": 8, "만": 4, "천": 3}[lo_unit]
    assert q.number == D(hi) * D(10) ** 12 + D(lo) * D(10) ** shift
    assert q.step == D(10) ** shift
    assert parse_quantity(format_quantity(q)) == q


DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@FAST
@given(a=DAYS, b=DAYS)
def test_date_interval_format_round_trip(a, b):
    d = DateInterval(min(a, b), max(a, b))
    text = format_date(d)
    assert parse_date(text) == d
    assert parse_date(d.iso()) == d
    assert len(text) <= len(d.iso())


@FAST
@given(year=st.integers(1900, 2100), form=st.sampled_from(["Y", "H", "Q", "M", "D"]),
       n=st.integers(1, 12), day=DAYS)
def test_generated_date_text(year, form, n, day):
    text = {"Y": f"{year}", "H": f"{year}-H{(n - 1) % 2 + 1}", "Q": f"{year}-Q{(n - 1) % 4 + 1}",
            "M": f"{year}-{n:02d}", "D": day.isoformat()}[form]
    d = parse_date(text)
    assert format_date(d) == text  # the single forms are already canonical
    assert parse_date(format_date(d)) == d

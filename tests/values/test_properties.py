"""Property-based tests over every value parser: only ValueParseError, and format-parse round trips."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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

from decimal import Decimal

import pytest

from checker.engine.compare import compare, figure, interval_gap, number, percent
from checker.values import parse_quantity

TOL, APPROX = Decimal("0.005"), Decimal("0.10")


@pytest.mark.parametrize("declared, value, precision, verdict", [
    ("100B", 100_500_000_000, None, "supported"),          # figures differ by exactly the 0.5 % tolerance
    ("100B", 101_000_000_000, None, "approximate"),        # 1 % off: 101B rounded to 10B is 100B
    ("100B", 101_000_000_001, None, "approximate"),
    ("100B", 110_500_000_000, None, "approximate"),        # gap exactly 10 %
    ("100B", 110_500_000_001, None, "contradicted"),
    ("100B", 89_500_000_000, None, "approximate"),          # 10 % below
    ("100B", 89_499_999_999, None, "contradicted"),
    ("100B", 103_000_000_000, 1e9, "approximate"),         # badge 102.5B-103.5B: gap 2 %
    ("102B", 103_000_000_000, 1e9, "approximate"),         # touching intervals never match; 102.6B truncates
    ("7.4B", 7_300_000_000, 1e8, "contradicted"),          # touching, and no rounding of 7.25B-7.35B gives 7.4B
    ("7.4B", 7_310_000_000, None, "contradicted"),         # within 10 %, but a different figure
    ("500B", 519_000_000_000, None, "approximate"),        # 519B rounded to 100B
    ("12B", 12_700_000_000, None, "approximate"),          # 12.7B truncated
    ("103B", 102_600_000_000, None, "supported"),          # the correct rounding of 102.6B
    ("101B", 102_000_000_000, 1e9, "approximate"),         # a card's 102B (101.5B-102.5B) truncates to 101B
    (">=500B", 10**13, None, "supported"),
    ("<=500B", 1, None, "supported"),
    ("~100B", 109_000_000_000, None, "approximate"),       # "~" carries its rounding like a plain figure
    ("~100B", 102_000_000_000, None, "approximate"),
    ("~102B", 102_000_000_000, None, "supported"),
    ("~100B", 111_000_000_000, None, "contradicted"),
])
def test_verdict_from_interval_gap(declared, value, precision, verdict):
    c = compare(parse_quantity(declared), Decimal(value), precision, TOL, APPROX)
    assert c.verdict == verdict


def test_touching_intervals_are_not_a_match():
    c = compare(parse_quantity("101B"), Decimal(102_000_000_000), 1e9, TOL, APPROX)
    assert c.verdict != "supported"


def test_gap_is_exact_at_the_boundary():
    c = compare(parse_quantity("100B"), Decimal(101_000_000_000), None, TOL, APPROX)
    assert c.gap == Decimal("0.005")


def test_signed_difference_is_point_to_point():
    c = compare(parse_quantity("500B"), Decimal(519_000_000_000), None, TOL, APPROX)
    assert percent(c.diff) == "+3.8 %"
    c = compare(parse_quantity("102B"), Decimal(100_000_000_000), None, TOL, APPROX)
    assert percent(c.diff) == "-2.0 %"


def test_zero_declared_figure():
    c = compare(parse_quantity("0"), Decimal(5), None, TOL, APPROX)
    assert c.verdict == "contradicted"


def test_interval_gap_with_open_ends():
    assert interval_gap((Decimal(1), None), (Decimal(0), Decimal(2))) == 0
    assert interval_gap((None, Decimal(1)), (Decimal(3), Decimal(4))) == 2


def test_number_rejects_non_numbers():
    assert number(True) is None and number("x") is None and number(None) is None and number(float("nan")) is None
    assert number("1.5") == Decimal("1.5")


def test_figure_formats():
    assert figure(Decimal(684_531_386_000)) == "684.5B"
    assert figure(Decimal(103_000_000_000), 1e9) == "103B"
    assert percent(Decimal("0.0004")) == "0.0 %"
    assert percent(Decimal("-0.05"), signed=False) == "5.0 %"


def test_a_precision_that_is_not_a_number_reads_as_exact():
    """A NaN precision once crashed ``verify`` (None / 2): it says nothing about rounding."""
    from checker.engine.compare import evidence_interval

    assert evidence_interval(Decimal(7), float("nan")) == (Decimal(7), Decimal(7))
    assert evidence_interval(Decimal(7), 2.0) == (Decimal(6), Decimal(8))

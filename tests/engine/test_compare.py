from decimal import Decimal

import pytest

from checker.engine.compare import compare, figure, interval_gap, number, percent
from checker.values import parse_quantity

TOL, APPROX = Decimal("0.005"), Decimal("0.10")


@pytest.mark.parametrize("declared, value, precision, verdict", [
    ("100B", 101_000_000_000, None, "supported"),          # gap exactly 0.5 %
    ("100B", 101_000_000_001, None, "approximate"),
    ("100B", 110_500_000_000, None, "approximate"),        # gap exactly 10 %
    ("100B", 110_500_000_001, None, "contradicted"),
    ("100B", 89_500_000_000, None, "approximate"),          # 10 % below
    ("100B", 89_499_999_999, None, "contradicted"),
    ("100B", 103_000_000_000, 1e9, "approximate"),         # badge 102.5B-103.5B: gap 2 %
    ("102B", 103_000_000_000, 1e9, "supported"),           # touching intervals
    (">=500B", 10**13, None, "supported"),
    ("<=500B", 1, None, "supported"),
    ("~100B", 109_000_000_000, None, "supported"),         # a "~" claim is loose up to the bound
    ("~100B", 111_000_000_000, None, "contradicted"),
])
def test_verdict_from_interval_gap(declared, value, precision, verdict):
    c = compare(parse_quantity(declared), Decimal(value), precision, TOL, APPROX)
    assert c.verdict == verdict


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

"""checker.values.dates: dates as intervals."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from checker.errors import ValueParseError
from checker.values import (
    DateInterval,
    format_date,
    parse_date,
)


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

"""Relative Korean dates, resolved against the publication date (checker.extract.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from checker.extract.dates import as_past, find_dates, resolve
from checker.values import parse_date

FEB12 = date(2026, 2, 12)   # a Thursday in the middle of a month
JAN05 = date(2026, 1, 5)    # early in the first month: year boundaries
DEC28 = date(2025, 12, 28)  # late in the last month
MAR05 = date(2026, 3, 5)    # after a short month

CASES = [
    # years
    ("지난해", FEB12, "2025"),
    ("작년", FEB12, "2025"),
    ("올해", FEB12, "2026"),
    ("금년", FEB12, "2026"),
    ("내년", FEB12, "2027"),
    ("내년", DEC28, "2026"),
    ("2024년", FEB12, "2024"),
    ("작년 2월", FEB12, "2025-02"),
    ("지난해 12월 30일", FEB12, "2025-12-30"),
    ("지난해 12월 30일", JAN05, "2025-12-30"),
    ("지난 2024년 8월", FEB12, "2024-08"),
    ("2025년 2월", FEB12, "2025-02"),
    # months
    ("지난달", FEB12, "2026-01"),
    ("지난달", JAN05, "2025-12"),
    ("지난 달", JAN05, "2025-12"),
    ("이달", FEB12, "2026-02"),
    ("이번 달", DEC28, "2025-12"),
    ("다음 달", DEC28, "2026-01"),
    ("내달", FEB12, "2026-03"),
    ("8월", FEB12, "2026-08"),           # bare month: the publication year
    ("지난 10월", FEB12, "2025-10"),     # the most recent past October
    ("지난 1월", FEB12, "2026-01"),
    ("지난 2월", FEB12, "2025-02"),      # not before the publication month: the year before
    ("앞서 8월", FEB12, "2025-08"),
    ("오는 6월", FEB12, "2026-06"),
    ("오는 1월", FEB12, "2027-01"),
    ("오는 1월", DEC28, "2026-01"),
    ("6~7월", FEB12, "2026-06/2026-07"),
    # days
    ("이달 20일", FEB12, "2026-02-20"),
    ("이번 달 3일", FEB12, "2026-02-03"),
    ("지난달 31일", FEB12, "2026-01-31"),
    ("지난달 31일", JAN05, "2025-12-31"),
    ("13일", FEB12, "2026-02-13"),       # a day alone: the publication month
    ("지난 20일", FEB12, "2026-01-20"),  # the most recent past 20th
    ("지난 3일", FEB12, "2026-02-03"),
    ("지난 12일", FEB12, "2026-01-12"),  # the day itself is not "past": the month before
    ("지난 20일", JAN05, "2025-12-20"),
    ("지난 30일", MAR05, "2026-01-30"),  # February has no 30th
    ("오는 19~20일", FEB12, "2026-02-19/2026-02-20"),
    ("오는 3일", FEB12, "2026-03-03"),
    ("오는 3일", DEC28, "2026-01-03"),
    ("오늘", FEB12, "2026-02-12"),
    ("오늘(12일)", FEB12, "2026-02-12"),
    ("어제", JAN05, "2026-01-04"),
    ("내일", DEC28, "2025-12-29"),
    ("7월 21일", date(2025, 7, 7), "2025-07-21"),
    # halves, quarters, parts of a year
    ("상반기", FEB12, "2026-H1"),
    ("하반기", FEB12, "2026-H2"),
    ("내년 상반기", DEC28, "2026-H1"),
    ("지난해 하반기", JAN05, "2025-H2"),
    ("2027년 상반기", FEB12, "2027-H1"),
    ("1분기", FEB12, "2026-Q1"),
    ("올 3분기", FEB12, "2026-Q3"),
    ("작년 4분기", JAN05, "2025-Q4"),
    ("올해 초", date(2025, 7, 7), "2025-Q1"),
    ("연초", FEB12, "2026-Q1"),
    ("연말", FEB12, "2026-Q4"),
    ("작년 말", JAN05, "2025-Q4"),
    ("2024년 말", FEB12, "2024-Q4"),
    # parts of a month
    ("지난달 초", FEB12, "2026-01-01/2026-01-10"),
    ("지난달 초", JAN05, "2025-12-01/2025-12-10"),
    ("이달 중순", FEB12, "2026-02-11/2026-02-20"),
    ("이달 말", FEB12, "2026-02-21/2026-02-28"),
    ("다음 달 말", JAN05, "2026-02-21/2026-02-28"),
    ("3월 하순", FEB12, "2026-03-21/2026-03-31"),
    ("이달 중", FEB12, "2026-02"),
    ("12월 중", FEB12, "2026-12"),
    ("이달 마지막 주", FEB12, "2026-02-22/2026-02-28"),
    # ranges
    ("6월 말에서 7월 초", FEB12, "2026-06-21/2026-07-10"),
    ("오는 6월 말에서 7월 초", FEB12, "2026-06-21/2026-07-10"),
    ("12월 말~1월 초", FEB12, "2026-12-21/2027-01-10"),   # the second half continues into the next year
    ("13일부터 20일", FEB12, "2026-02-13/2026-02-20"),
    # absolute forms
    ("2025.12.30", FEB12, "2025-12-30"),
    ("2026.1.15", FEB12, "2026-01-15"),
    ("2025-09-09", FEB12, "2025-09-09"),
]


@pytest.mark.parametrize("expression, published, expected", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_resolve(expression, published, expected):
    value = resolve(expression, published)
    assert value == expected
    parse_date(value)  # the claim syntax of checker.values


@pytest.mark.parametrize("text", [
    "6개월", "3일 동안", "12일간", "1일 만에", "올해초거대", "오늘날", "초거대", "1년", "중국", "30일 이내", "5일 후",
])
def test_not_dates(text):
    # durations and words that only contain a date-like syllable are no dates
    found = find_dates(text, FEB12)
    assert all(not (m.start == 0 and m.end == len(text)) for m in found), found


@pytest.mark.parametrize("text", ["2월 30일", "지난달 31일", "이달 31일"])
def test_impossible_days_are_skipped(text):
    assert find_dates(text, date(2026, 3, 1) if "지난달" in text else date(2026, 2, 1)) == []


def test_mentions_in_a_sentence_keep_their_positions():
    text = "과기정통부는 지난달 결과를 발표했고 오는 6월 말에서 7월 초로 평가가 예상되며 연말까지 마친다."
    found = find_dates(text, FEB12)
    assert [(m.text, m.value) for m in found] == [
        ("지난달", "2026-01"), ("오는 6월 말에서 7월 초", "2026-06-21/2026-07-10"), ("연말", "2026-Q4")]
    assert all(text[m.start:m.end] == m.text for m in found)
    assert found[-1].until and not found[0].until


def test_notes_say_how_a_value_was_derived():
    (m,) = find_dates("작년 2월", FEB12)
    assert m.note(FEB12) == "작년 2월 resolved against 2026-02-12"
    (m,) = find_dates("8월", FEB12)
    assert m.note(FEB12) == "8월 resolved against 2026-02-12; the year is implied"
    (m,) = find_dates("올해 초", FEB12)
    assert "January-March" in m.note(FEB12)
    (m,) = find_dates("2024년 8월", FEB12)
    assert m.note(FEB12) is None  # absolute: nothing was resolved


@pytest.mark.parametrize("text, published, expected", [
    ("8월", FEB12, "2025-08"),          # "8월에 공개한" in February: last August
    ("20일", FEB12, "2026-01-20"),      # a past day after today's date: last month
    ("1월", FEB12, "2026-01"),          # already in the past: unchanged
    ("작년 8월", FEB12, "2025-08"),     # the year is written: unchanged
    ("이달 말", date(2026, 3, 1), "2026-03-21/2026-03-31"),  # not implied: unchanged
])
def test_as_past(text, published, expected):
    (m,) = find_dates(text, published)
    moved = as_past(m, published)
    assert moved.value == expected
    if moved.shifted:
        assert "a past event" in moved.note(published)


def test_not_one_expression():
    with pytest.raises(ValueError):
        resolve("지난달 그리고 작년", FEB12)
    with pytest.raises(ValueError):
        resolve("모델", FEB12)

"""Reading time limits as plans write them."""

from __future__ import annotations

from datetime import date

import pytest

from bmnn.plans.importer.timing import parse_timing


@pytest.mark.parametrize(
    ("words", "kind", "due"),
    [
        ("Quý II năm 2026", "quarter", date(2026, 6, 30)),
        ("Quý IV/2026", "quarter", date(2026, 12, 31)),
        ("quý 1 năm 2027", "quarter", date(2027, 3, 31)),
        ("trước ngày 28/2/2023", "date", date(2023, 2, 28)),
        ("Trước ngày 15 tháng 3 năm 2026", "date", date(2026, 3, 15)),
        ("Tháng 9 năm 2026", "month", date(2026, 9, 30)),
        ("tháng 2/2028", "month", date(2028, 2, 29)),
        ("Năm 2026", "year", date(2026, 12, 31)),
        ("Thường xuyên", "continuous", None),
        ("Hằng năm", "continuous", None),
        ("Thực hiện theo chỉ đạo của UBND tỉnh", "on_request", None),
        ("Khi có yêu cầu", "on_request", None),
        ("", "unspecified", None),
        ("ngày 31/2/2026", "date", None),  # no such day: kept as words, no due date
    ],
)
def test_time_limits(words: str, kind: str, due: date | None) -> None:
    timing = parse_timing(words)
    assert (timing.kind, timing.due) == (kind, due)


def test_a_quarter_without_a_year_takes_the_plans_year() -> None:
    assert parse_timing("Quý III", default_year=2026).due == date(2026, 9, 30)
    assert parse_timing("Quý III").due is None


def test_continuous_work_is_checked_in_by_its_rhythm() -> None:
    assert parse_timing("Thường xuyên").period == "quarter"
    assert parse_timing("Hằng năm").period == "year"
    assert parse_timing("hằng tháng").period == "month"


@pytest.mark.parametrize(
    ("words", "kind", "due"),
    [
        ("2026 - 2027", "year", date(2027, 12, 31)),  # a range is due at its end
        ("Từ quý III/2026 đến quý III/2030", "quarter", date(2030, 9, 30)),
        ("Từ tháng 5/2026, thường xuyên", "continuous", None),  # a start that goes on
        ("Năm 2026 và các năm tiếp theo", "continuous", None),
        ("định kỳ hằng năm (trước ngày 10/12)", "continuous", None),  # a date every year
        ("trước ngày 20 hằng tháng", "continuous", None),
        ("Đã hoàn thành", "unspecified", None),
        ("báo cáo ngay về Công an tỉnh", "on_request", None),  # at once, when it happens
        ("báo cáo ngày 15/3/2026", "date", date(2026, 3, 15)),  # "ngày" is a day, not "ngay"
    ],
)
def test_ranges_recurring_dates_and_reports_at_once(
    words: str, kind: str, due: date | None
) -> None:
    timing = parse_timing(words)
    assert (timing.kind, timing.due) == (kind, due)


def test_a_day_without_a_year_takes_the_plans_year() -> None:
    assert parse_timing("trước ngày 15/11", default_year=2026).due == date(2026, 11, 15)

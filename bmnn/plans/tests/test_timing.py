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

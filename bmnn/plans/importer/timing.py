"""Reading a task's time limit as plans write it ("Quý II năm 2026", "Thường xuyên", …).

A quarter, month or year is due on its last day; continuous work ("thường xuyên", "hằng năm")
has no single due date and becomes a periodic check-in; "theo chỉ đạo", "khi có yêu cầu" wait
for an instruction.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from bmnn.core.text import fold
from bmnn.plans.importer.model import Timing

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_QUARTER = re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)?\s*(\d{4})?")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})")
_YEAR = re.compile(r"(?:^|\s)(?:nam|trong nam|truoc nam|cuoi nam)\s+(\d{4})")
_CONTINUOUS = re.compile(r"thuong xuyen|hang nam|hang nam|dinh ky|hang quy|hang thang|lien tuc")
_ON_REQUEST = re.compile(
    r"khi co yeu cau|theo yeu cau|theo chi dao|khi duoc yeu cau|theo ke hoach cua|dot xuat"
)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_timing(text: str, *, default_year: int | None = None) -> Timing:
    """Classifies the words of a time limit; `default_year` completes "Quý II" without a year."""
    words = " ".join(text.split()).strip().rstrip(".;")
    folded = fold(words)
    for pattern in (_DATE, _DATE_WORDS):
        match = pattern.search(folded)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return Timing("date", words, date(year, month, day))
            except ValueError:
                return Timing("date", words, None)
    match = _MONTH.search(folded)
    if match and 1 <= int(match.group(1)) <= 12:
        return Timing("month", words, _last_day(int(match.group(2)), int(match.group(1))))
    match = _QUARTER.search(folded)
    if match:
        quarter = ROMAN.get(match.group(1)) or int(match.group(1))
        quarter_year = int(match.group(2)) if match.group(2) else default_year
        due = _last_day(quarter_year, quarter * 3) if quarter_year else None
        return Timing("quarter", words, due)
    match = _YEAR.search(folded)
    if match:
        return Timing("year", words, date(int(match.group(1)), 12, 31))
    if _CONTINUOUS.search(folded):
        period = "quarter"
        if "hang nam" in folded:
            period = "year"
        elif "hang thang" in folded:
            period = "month"
        return Timing("continuous", words, None, period)
    if _ON_REQUEST.search(folded):
        return Timing("on_request", words, None)
    return Timing("unspecified", words, None)

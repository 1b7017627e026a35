"""Reading a task's time limit as plans write it ("Quý II năm 2026", "Thường xuyên", …).

A quarter, month or year is due on its last day; continuous work ("thường xuyên", "hằng năm")
has no single due date and becomes a periodic check-in; "theo chỉ đạo", "khi có yêu cầu" wait
for an instruction, and so does "báo cáo ngay" (report at once, when something happens).
A range ("2026 - 2027", "từ quý III/2026 đến quý III/2030") is due at its end; a start with no
end that goes on ("từ tháng 5/2026, thường xuyên") is continuous, and so is a date that comes
back every year or month ("định kỳ hằng năm, trước ngày 10/12").
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
_CONTINUOUS = re.compile(
    r"thuong xuyen|hang nam|hang quy|hang thang|dinh ky|lien tuc|cac nam tiep theo|"
    r"nhung nam tiep theo|hang tuan"
)
_ON_REQUEST = re.compile(
    r"khi co yeu cau|theo yeu cau|theo chi dao|khi duoc yeu cau|theo ke hoach cua|dot xuat"
)
# "ngay" without its accent is "at once"; "ngày" (a day) keeps its accent in the NFC text
_AT_ONCE = re.compile(r"(?<!\w)ngay(?!\w)")
_YEAR_RANGE = re.compile(r"(?<![\d/.-])(\d{4})\s*[-–—]\s*(\d{4})(?![\d/])")
_RANGE_END = re.compile(r"(?:^|\s)(?:den|toi)\s+(?=(?:het\s+)?(?:ngay|thang|quy|nam|\d))")
_STARTS_ONLY = re.compile(r"^(?:bat dau\s+)?tu\s+(?:ngay|thang|quy|nam|\d)")
_DAY_MONTH = re.compile(r"(?:truoc|den|cham nhat)\s+(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_timing(text: str, *, default_year: int | None = None) -> Timing:
    """Classifies the words of a time limit; `default_year` completes "Quý II" without a year."""
    words = " ".join(text.split()).strip().rstrip(".;")
    folded = fold(words)
    if _STARTS_ONLY.search(folded) and _CONTINUOUS.search(folded):
        return _continuous(words, folded)
    end = _RANGE_END.search(folded)
    if end:
        closing = _fixed(words, folded[end.end() :], default_year)
        if closing is not None and closing.due is not None:
            return Timing(closing.kind, words, closing.due)
    fixed = _fixed(words, folded, default_year)
    if fixed is not None:
        return fixed
    if _CONTINUOUS.search(folded):
        return _continuous(words, folded)
    match = _DAY_MONTH.search(folded)
    if match and default_year:
        try:
            return Timing("date", words, date(default_year, int(match[2]), int(match[1])))
        except ValueError:
            return Timing("date", words, None)
    if _ON_REQUEST.search(folded) or _AT_ONCE.search(words.lower()):
        return Timing("on_request", words, None)
    return Timing("unspecified", words, None)


def _continuous(words: str, folded: str) -> Timing:
    period = "quarter"
    if "hang nam" in folded or "cac nam" in folded or "nhung nam" in folded:
        period = "year"
    elif "hang thang" in folded or "hang tuan" in folded:
        period = "month"
    return Timing("continuous", words, None, period)


def _fixed(words: str, folded: str, default_year: int | None) -> Timing | None:
    """A time limit with a fixed end (a date, month, quarter, year or range of years)."""
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
    match = _YEAR_RANGE.search(folded)
    if match and int(match.group(1)) <= int(match.group(2)):
        return Timing("year", words, date(int(match.group(2)), 12, 31))
    if _CONTINUOUS.search(folded):
        return None  # "hằng năm 2026" is still yearly work, not the year 2026
    match = _YEAR.search(folded)
    if match:
        return Timing("year", words, date(int(match.group(1)), 12, 31))
    return None

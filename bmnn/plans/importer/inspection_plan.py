"""Reading an inspection plan (kế hoạch kiểm tra): the team, the units inspected and the dates.

An inspection plan is a plan in form (header, "KẾ HOẠCH" and a title, numbered parts) but not in
substance: it assigns no tasks to agencies. Its title names an inspection as its subject
("Kiểm tra công tác bảo vệ bí mật nhà nước năm 2026", "Tự kiểm tra …"); one part names the team
("THÀNH PHẦN ĐOÀN KIỂM TRA": "Trưởng đoàn: Đ/c Thượng tá Nguyễn Văn A – Phó Trưởng phòng …",
"- Đồng chí B, Chuyên viên Sở Nội vụ - Thành viên"); another the units inspected with their
dates, most often as a table (STT | Đơn vị được kiểm tra | Thời gian | Ghi chú), sometimes as a
list ("- Ngày 14/4/2026: Sở Tư pháp"). The implementation part usually sets the date by which
the inspected units send their own (self-inspection) report.

A document is taken for an inspection plan by that shape: its title's subject is an inspection
and it names a team or a schedule, or it names both a team and a schedule whatever its title.
A plan with tasks about inspections ("II. NỘI DUNG KIỂM TRA" → "1. Kiểm tra … Cơ quan chủ trì:
…") has neither and stays a plan.

Framework-free like the rest of the importer: the agencies resolve through the plan importer's
`Resolver`; people are matched to the directory by the caller. Whatever is uncertain becomes a
`Flag` for the reviewer (codes in `FLAG_CODES`), never a silent guess.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from bmnn.core.text import fold, fold_aligned, nfc
from bmnn.plans.importer import header as header_reader
from bmnn.plans.importer import layout
from bmnn.plans.importer.agencies import Resolver, looks_like_agency
from bmnn.plans.importer.model import Flag, ParsedHeader, Party, number_given
from bmnn.plans.importer.parser import Para, paragraphs
from bmnn.plans.importer.table import Table, column_role

Block = str | Table
logger = logging.getLogger(__name__)

# What each flag means (the review page words them for people):
FLAG_CODES = {
    "number_missing": "the document number is blank or unreadable",
    "date_missing": "the date of issue is blank or unreadable",
    "no_year": "no year in the title, the date or the schedule",
    "no_leader": "no team leader named",
    "member_unread": "a line of the team section names someone whose name could not be read",
    "no_schedule": "no unit to inspect was found",
    "unit_unresolved": "a unit that is no agency of the directory",
    "unit_is_group": "a unit that names a group of agencies, not one",
    "no_date": "a unit without a date",
    "date_imprecise": "a unit's date is a week, month or quarter, not days",
    "date_order": "a unit's dates end before they start",
    "period_missing": "the period under review is not stated",
    "report_due_relative": "the inspected units' report is due relative to the visit",
}

_KE_HOACH = re.compile(r"^ke hoach\b(?!\s+so\b)")
# The subject of the title: an inspection, possibly after "về việc" or "tổ chức"
_SUBJECT = re.compile(
    r"^(?:ve viec\s+|to chuc\s+|tien hanh\s+|trien khai\s+)?(?P<self>tu\s+)?"
    r"(?:kiem tra|thanh tra)(?![a-z])"
)
_BODY_START = re.compile(r"^(can cu|thuc hien|xet|de |nham |thi hanh|theo |trien khai)")

# Part headings, by what they hold (checked in this order)
_SECTION_WORDS = [
    (
        "team",
        r"thanh phan (?:doan|to|luc luong)|doan (?:tu )?kiem tra|doan thanh tra|thanh lap (?:doan|to)|to (?:tu )?kiem tra",
    ),
    ("schedule", r"doi tuong|thoi gian|lich kiem tra|lich lam viec|dia diem"),
    ("content", r"noi dung"),
    ("purposes", r"muc dich|yeu cau"),
    ("organisation", r"to chuc thuc hien|trach nhiem|phan cong"),
    ("method", r"phuong phap|hinh thuc|cach thuc"),
]
_SUBHEADING = re.compile(
    r"^(?:noi dung(?: (?:tu )?kiem tra)?|thanh phan doan|(?:doan|to) (?:tu )?kiem tra|thanh phan|doi tuong(?: kiem tra)?|"
    r"thoi gian(?:,? dia diem)?(?: kiem tra)?|lich kiem tra|dia diem|phuong phap|hinh thuc|"
    r"to chuc thuc hien)\b"
)

# --- the team --------------------------------------------------------------------------------

# A team is a "Đoàn" (Trưởng đoàn, Phó Trưởng đoàn) or, for a smaller or a self-inspection, a
# "Tổ" (Tổ trưởng, Tổ phó)
_ROLE_WORDS = [
    ("deputy", r"pho truong doan|to pho"),
    ("leader", r"truong doan|to truong"),
    ("secretary", r"thu ky(?: doan)?"),
    ("member", r"(?:cac )?thanh vien(?: doan)?|uy vien"),
]
_ROLE_ALTERNATIVES = "|".join(f"(?P<{role}>{words})" for role, words in _ROLE_WORDS)
_LEADING_ROLE = re.compile(rf"^(?:{_ROLE_ALTERNATIVES})(?:\s+(?:doan|kiem tra))*\s*(?::|-|–|—)\s*")
_TRAILING_ROLE = re.compile(
    rf"(?:\s*[-–—(,:]\s*|\s+lam\s+|\s+la\s+)(?:{_ROLE_ALTERNATIVES})(?:\s+kiem tra)?\s*\)?\s*$"
)
_PROSE_ROLE = re.compile(
    r"(?:dong chi|d/c|d\.c)\s+(?P<who>[^;]{3,160}?)\s+(?:lam|la)\s+(?P<role>pho truong doan|truong doan|to truong|to pho)"
)
_HONORIFIC = re.compile(r"^(?:dong chi|d\s*/\s*c|d\.\s*c|ong|ba)(?:\s*:\s*|\s+)")
# A position, not a body, though it starts like one ("Thanh tra viên", "Ủy viên")
_POSITION = re.compile(r"(?<![a-z])vien(?![a-z])|^(?:can bo|ky su|nhan vien)(?![a-z])")
_RANK = re.compile(r"^(?:dai|thuong|trung|thieu)\s+(?:tuong|ta|uy)(?![a-z])")
_NAME_END = re.compile(r"\s+[-–—]\s+|\s*[,(:;]\s*|\s+[-–—](?=\S)")
# First words of a position or a body, never of a name ("Phó …", "Sở …"); family names that fold
# to a common word (Trương, Vũ, Đoàn, Chu, Tô) are not among them
_NOT_NAME_WORDS = {
    "pho",
    "giam",
    "chanh",
    "chuyen",
    "so",
    "ban",
    "phong",
    "uy",
    "ubnd",
    "cuc",
    "lanh",
    "cac",
    "dai",
    "thuong",
    "thieu",
    "dong",
    "ong",
}


@dataclass
class TeamMember:
    """Someone the plan puts on the inspection team."""

    role: str  # leader | deputy | member | secretary
    name: str
    rank: str = ""  # "Thượng tá", "Đại úy" …
    title: str = ""  # position as written: "Phó Trưởng phòng An ninh chính trị nội bộ"
    unit: str = ""  # the body the person works in, as the directory names it when it does
    text: str = ""  # the plan's whole line


# --- the schedule ----------------------------------------------------------------------------


@dataclass
class ScheduleRow:
    """One unit to inspect and when."""

    ref: str
    unit: str  # the plan's words
    agency_id: int | None = None
    agency_name: str = ""  # the directory's name when the words resolve to one agency
    unit_kind: str = ""  # agency | group | pattern | plural | "" (Party.kind)
    date_from: date | None = None
    date_to: date | None = None
    when: str = ""  # the time as written
    note: str = ""
    flags: list[Flag] = field(default_factory=list)


@dataclass
class When:
    """A time as a schedule writes it: days (precise) or a week, month or quarter."""

    start: date | None
    end: date | None
    precise: bool
    valid: bool = True


@dataclass
class InspectionPlan:
    header: ParsedHeader
    kind: str = "inspection"  # inspection | self
    year: int | None = None
    areas: list[str] = field(default_factory=list)
    team: list[TeamMember] = field(default_factory=list)
    schedule: list[ScheduleRow] = field(default_factory=list)
    period_from: date | None = None
    period_to: date | None = None
    period_until_visit: bool = False  # "đến thời điểm kiểm tra"
    period_text: str = ""
    window_from: date | None = None  # a time for the whole inspection ("Thời gian: tháng 7/2026")
    window_to: date | None = None
    report_due: date | None = None
    report_due_text: str = ""
    flags: list[Flag] = field(default_factory=list)

    @property
    def number(self) -> str | None:
        return self.header.number if number_given(self.header.number) else None

    @property
    def leader(self) -> TeamMember | None:
        return next((m for m in self.team if m.role == "leader"), None)

    @property
    def on_site(self) -> tuple[date | None, date | None]:
        """The first and last day of the schedule, or the plan's overall time without one."""
        starts = [r.date_from for r in self.schedule if r.date_from]
        ends = [r.date_to or r.date_from for r in self.schedule if r.date_from]
        if starts:
            return min(starts), max(d for d in ends if d)
        return self.window_from, self.window_to

    def as_json(self) -> dict[str, Any]:
        def day(value: date | None) -> str | None:
            return value.isoformat() if value else None

        header = asdict(self.header)
        header["date"] = day(self.header.date)
        header["number"] = self.number
        on_site_from, on_site_to = self.on_site
        return {
            "kind": self.kind,
            "plan": header,
            "year": self.year,
            "areas": self.areas,
            "period": {
                "from": day(self.period_from),
                "to": day(self.period_to),
                "until_visit": self.period_until_visit,
                "text": self.period_text,
            },
            "on_site": {"from": day(on_site_from), "to": day(on_site_to)},
            "team": [asdict(member) for member in self.team],
            "schedule": [
                {
                    "ref": r.ref,
                    "unit": r.unit,
                    "agency": r.agency_name or None,
                    "agency_id": r.agency_id,
                    "from": day(r.date_from),
                    "to": day(r.date_to),
                    "when": r.when,
                    "note": r.note,
                    "flags": [asdict(f) for f in r.flags],
                }
                for r in self.schedule
            ],
            "report_due": {"date": day(self.report_due), "text": self.report_due_text},
            "flags": [asdict(f) for f in self.flags],
            "tasks": [],  # the plan importer's shape: an inspection plan assigns no tasks
        }


# --- dates -----------------------------------------------------------------------------------

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# "14-15/7/2026", "14 và 15/7", "14, 15/7/2026": days that share their month
_DAY_RUN = re.compile(
    r"(?<![\d/])(\d{1,2})(?:\s*(?:-|–|,|va|den)\s*(?:ngay\s*)?(\d{1,2}))+\s*/\s*(\d{1,2})"
    r"(?:\s*/\s*(\d{4}))?(?![\d/])"
)
_DAY = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])")
_DAY_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_WEEK = re.compile(
    r"tuan\s+(?:thu\s+)?(\d)\s+(?:cua\s+)?thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?"
)
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_QUARTER = re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if not (year and month and day):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_tokens(folded: str) -> list[tuple[int, int, int | None, int | None]]:
    """(position, day, month, year) of each day written in `folded`, in the order written; a
    run of days shares its month ("14-15/7")."""
    found: list[tuple[int, int, int | None, int | None]] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for match in _ISO.finditer(folded):
        found.append((match.start(), int(match[3]), int(match[2]), int(match[1])))
        taken.append(match.span())
    for match in _DAY_WORDS.finditer(folded):
        if free(match.span()):
            year = int(match[3]) if match[3] else None
            found.append((match.start(), int(match[1]), int(match[2]), year))
            taken.append(match.span())
    for match in _DAY_RUN.finditer(folded):
        if not free(match.span()):
            continue
        run = re.findall(r"\d{1,2}", folded[match.start() : match.start(3)])
        month, year = int(match[3]), int(match[4]) if match[4] else None
        for offset, day in enumerate(run):
            found.append((match.start() + offset, int(day), month, year))
        taken.append(match.span())
    for match in _DAY.finditer(folded):
        if free(match.span()):
            year = int(match[3]) if match[3] else None
            found.append((match.start(), int(match[1]), int(match[2]), year))
            taken.append(match.span())
    return sorted(found)


def read_when(text: str, default_year: int | None = None) -> When | None:
    """The days a schedule cell or sentence gives: "14/4/2026", "21/4/2026 - 22/4/2026",
    "Từ ngày 06/7 đến ngày 07/7/2026", "14-15/7/2026", "Sáng 21/7/2026"; or a week, month or
    quarter ("Tuần 4 tháng 7/2026", "Tháng 7/2026", "Quý III/2026") as an imprecise span.
    A day written without its year takes the year of the next day that has one, else
    `default_year`. None when the text gives no time at all."""
    folded = fold(text)
    tokens = _day_tokens(folded)
    if tokens:
        days: list[date | None] = []
        later_year = default_year
        for _position, day, month, year in reversed(tokens):
            later_year = year or later_year
            days.insert(0, _safe_date(year or later_year, month, day))
        known = [d for d in days if d is not None]
        if not known:
            return When(None, None, precise=True, valid=False)
        return When(known[0], known[-1], precise=True, valid=len(known) == len(days))
    week_match = _WEEK.search(folded)
    if week_match:
        week, month = int(week_match[1]), int(week_match[2])
        week_year = int(week_match[3]) if week_match[3] else default_year
        first = _safe_date(week_year, month, 1)
        if first is None or not 1 <= week <= 5:
            return When(None, None, precise=False, valid=False)
        last_day = calendar.monthrange(first.year, month)[1]
        start = first + timedelta(days=7 * (week - 1))
        end = first.replace(day=min(7 * week, last_day))
        return When(start, end, precise=False, valid=start.month == month)
    match = _MONTH.search(folded)
    if match and 1 <= int(match[1]) <= 12:
        year, month = int(match[2]), int(match[1])
        return When(
            date(year, month, 1),
            date(year, month, calendar.monthrange(year, month)[1]),
            precise=False,
        )
    match = _QUARTER.search(folded)
    if match:
        quarter = _ROMAN.get(match[1]) or int(match[1])
        year = int(match[2])
        end_month = quarter * 3
        return When(
            date(year, end_month - 2, 1),
            date(year, end_month, calendar.monthrange(year, end_month)[1]),
            precise=False,
        )
    return None


# --- recognising the document ----------------------------------------------------------------


def _title_at(lines: Sequence[str]) -> tuple[int, str] | None:
    """Where "KẾ HOẠCH" stands in capitals, and the title that follows it."""
    for index, line in enumerate(lines):
        text = line.strip().strip("*_ ")
        folded = fold(text)
        if not _KE_HOACH.match(folded) or not header_reader.is_upper_heading(text[:8]):
            continue
        rest = text[len("KẾ HOẠCH") :].strip(" :.-–")
        title: list[str] = [rest] if rest else []
        for following in lines[index + 1 : index + 6]:
            candidate = following.strip().strip("*_ ")
            if not candidate:
                if title:
                    break
                continue
            folded_candidate = fold(candidate)
            if title and (
                _BODY_START.match(folded_candidate)
                or len(candidate) > 200
                or candidate.endswith(":")
                or re.match(r"^[IVX]+\s*[.)]\s", candidate)
            ):
                break
            if candidate.startswith("(") or set(candidate) <= set("-_–—=. "):
                break
            title.append(candidate)
        return index, " ".join(" ".join(title).split())
    return None


def _subject(title: str) -> str:
    """ "inspection", "self" or "" for what the title's subject is."""
    match = _SUBJECT.match(fold(title))
    if not match:
        return ""
    return "self" if match.group("self") else "inspection"


@dataclass
class _Signals:
    title_index: int | None
    title: str
    subject: str


def _signals(blocks: Sequence[Block]) -> _Signals:
    lines = [b if isinstance(b, str) else "" for b in blocks]
    found = _title_at(lines)
    if found is None:
        return _Signals(None, "", "")
    index, title = found
    return _Signals(index, title, _subject(title))


def is_inspection_plan(blocks: Sequence[Block], resolver: Resolver | None = None) -> bool:
    """Whether these blocks are an inspection plan (see the module's docstring)."""
    plan = _read(blocks, resolver or Resolver([]), wrapped=False, strict=True)
    return plan is not None


def sniff_bytes(data: bytes) -> bool:
    """Is an uploaded file an inspection plan? The same decision as the full reading (so the
    plan import and the inspection review never disagree), at little cost for other plans: a
    PDF's layout analysis runs only when its plain text layer has an inspection's title or a
    team's roles. Any file that cannot be read is no inspection plan here: the plan import
    then says what is wrong with it."""
    from bmnn.plans.importer.extract import MAX_PDF_PAGES, ImportFailed, extract, sniff

    try:
        if sniff(data) == "pdf" and not _may_be_inspection_plan(
            _pdf_text_lines(data, MAX_PDF_PAGES)
        ):
            return False
        extracted = extract(data)
    except ImportFailed:
        return False
    except Exception:  # a file no reader follows: the plan import reports what is wrong
        logger.warning("inspection plan: quick look failed", exc_info=True)
        return False
    return _read(extracted.blocks, Resolver([]), wrapped=extracted.wrapped, strict=True) is not None


_TEAM_WORDS = re.compile(
    r"(?<![a-z])(?:truong doan|to truong|doan (?:tu )?kiem tra|to (?:tu )?kiem tra)(?![a-z])"
)


def _may_be_inspection_plan(lines: list[Block]) -> bool:
    """An inspection's title, or a team named, somewhere in plain lines."""
    texts = [line for line in lines if isinstance(line, str)]
    found = _title_at(texts)
    if found is not None and _subject(found[1]):
        return True
    return any(_TEAM_WORDS.search(fold(line)) for line in texts)


def _pdf_text_lines(data: bytes, max_pages: int) -> list[Block]:
    import pypdfium2 as pdfium

    from bmnn.plans.importer.extract import MAX_FILE_BYTES

    if len(data) > MAX_FILE_BYTES:
        return []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:  # damaged or encrypted: the plan import says so
        return []
    try:
        if len(pdf) > max_pages:
            return []
        lines: list[Block] = []
        for index in range(len(pdf)):
            text = pdf[index].get_textpage().get_text_range()
            lines.extend(nfc(line) for line in text.replace("\r\n", "\n").split("\n"))
        return lines
    finally:
        pdf.close()


def read_inspection_plan(
    blocks: Sequence[Block], resolver: Resolver, *, wrapped: bool = False
) -> InspectionPlan | None:
    """The inspection plan these blocks hold, or None when they are not one."""
    return _read(blocks, resolver, wrapped=wrapped, strict=False)


def read_bytes(data: bytes, resolver: Resolver) -> InspectionPlan | None:
    """Extracts an uploaded file (raising the importer's `ImportFailed`) and reads it."""
    from bmnn.plans.importer.extract import extract

    extracted = extract(data)
    return read_inspection_plan(extracted.blocks, resolver, wrapped=extracted.wrapped)


# --- reading ---------------------------------------------------------------------------------


def _read(
    raw_blocks: Sequence[Block], resolver: Resolver, *, wrapped: bool, strict: bool
) -> InspectionPlan | None:
    blocks = layout.drop_page_furniture([nfc(b) if isinstance(b, str) else b for b in raw_blocks])
    blocks = _rebuild_schedules(blocks)
    signals = _signals(blocks)
    if signals.title_index is not None:
        header_blocks, body_blocks = (
            blocks[: signals.title_index],
            blocks[signals.title_index + 1 :],
        )
    else:  # no "KẾ HOẠCH": the header is what comes before the first part
        first = next(
            (
                i
                for i, b in enumerate(blocks)
                if isinstance(b, str) and re.match(r"^\s*[IVX]+\s*[.)]\s", b)
            ),
            0,
        )
        header_blocks, body_blocks = blocks[:first], blocks[first:]
    header = _header(header_blocks, body_blocks, signals.title)
    places = [header.place, *header_reader.PROVINCE_RE.findall(_text(header_blocks))]
    resolver = resolver.with_places([p.strip() for p in places if p and p.strip()])
    wrapped = wrapped or layout.looks_wrapped(blocks)
    paras = paragraphs(_body_until_trailer(body_blocks), wrapped=wrapped)
    sections = _sections(paras)
    year = _year(signals.title, header)
    plan = InspectionPlan(header=header, kind=signals.subject or "inspection", year=year)
    plan.team, unread = _team(sections, blocks, resolver)
    plan.schedule = _schedule(sections, blocks, resolver, year)
    has_team = any(m.name for m in plan.team)
    has_schedule = bool(plan.schedule)
    inspection = (signals.subject and (has_team or has_schedule)) or (has_team and has_schedule)
    if not inspection:
        return None
    if strict:
        return plan
    if plan.year is None:
        plan.year = next((r.date_from.year for r in plan.schedule if r.date_from), None)
    plan.areas = _areas(sections.get("content", []))
    _period_and_window(plan, paras)
    _report_due(plan, paras)
    plan.flags.extend(Flag("member_unread", "team", words) for words in unread)
    _plan_flags(plan)
    return plan


def _text(blocks: Iterable[Block]) -> str:
    return " ".join(b for b in blocks if isinstance(b, str))


def _header(header_blocks: list[Block], body: list[Block], title: str) -> ParsedHeader:
    header = ParsedHeader(title=title)
    found = header_reader.header_lines(header_blocks)
    header_reader.read_number(header, [*found.whole, *found.lines])
    header_reader.read_place_date(header, found)
    names = header_reader.issuer_lines(found)
    if names:
        written = header_reader.find_written(_text(body), [names[-1], " ".join(names)])
        header.issuer = header_reader.issuer_from_lines(names, written)
    return header


def _year(title: str, header: ParsedHeader) -> int | None:
    years = re.findall(r"(?:nam|/)\s*(20\d\d)(?!\d)", fold(title))
    if years:
        return int(years[-1])
    return header.date.year if header.date else None


def _body_until_trailer(blocks: list[Block]) -> list[Block]:
    """The body's lines and tables up to "Nơi nhận" (the recipients and the signature)."""
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, str) and fold(block).strip(" *_").startswith("noi nhan"):
            break
        kept.append(block)
    return kept


def _sections_of(text: str) -> list[str]:
    """What a part heading announces: "NỘI DUNG, THỜI GIAN KIỂM TRA" is content and schedule."""
    folded = fold(text)
    return [
        kind
        for kind, words in _SECTION_WORDS
        if re.search(rf"(?<![a-z])(?:{words})(?![a-z])", folded)
    ]


def _is_heading(para: Para) -> bool:
    if para.kind == "roman":
        return True
    text = para.text.strip()
    if not text:
        return False
    if (
        para.kind in {"num", "text"}
        and len(text.split()) <= 14
        and header_reader.is_upper_heading(text)
    ):
        return True
    # "1. Nội dung", "2. Thành phần Đoàn kiểm tra:", "3. Thời gian kiểm tra: …"; not an item
    # that starts with the same words ("1. Nội dung bảo vệ bí mật nhà nước trong …")
    folded = fold(text)
    label = len(text.split()) <= 5 or ":" in text[:45]
    return para.kind in {"num", "subnum", "letter"} and label and bool(_SUBHEADING.match(folded))


def _sections(paras: list[Para]) -> dict[str, list[Para]]:
    """The body's paragraphs by the kinds of part they stand in ("team", "schedule", …); a
    heading's own paragraph opens its part (it may carry text after a colon)."""
    sections: dict[str, list[Para]] = {}
    current = ["intro"]
    for para in paras:
        if para.kind != "table" and _is_heading(para):
            kinds = _sections_of(para.text.split(":", 1)[0])
            if kinds or para.kind == "roman":
                current = kinds or ["other"]
        for kind in current:
            sections.setdefault(kind, []).append(para)
    return sections


# --- team ------------------------------------------------------------------------------------


def _role_of(match: re.Match[str]) -> str:
    return next(role for role, _words in _ROLE_WORDS if match.group(role))


def _looks_like_name(words: str) -> bool:
    parts = words.split()
    if not 2 <= len(parts) <= 6 or any(ch.isdigit() for ch in words):
        return False
    if not all(p[:1].isupper() for p in parts):
        return False
    if fold(parts[0]) in _NOT_NAME_WORDS or looks_like_agency(words):
        return False
    return all(p.isalpha() for p in parts)


def _unit_in(title: str, resolver: Resolver) -> tuple[str, str]:
    """The body named in a position ("Đội trưởng, Phòng An ninh chính trị nội bộ, Công an
    tỉnh"): (the body, the position without it when the body stood apart after a comma)."""
    parts = [p.strip() for p in title.split(",") if p.strip()]
    for index in range(len(parts) - 1, -1, -1):
        for party in resolver.resolve(parts[index]):
            if party.agency_id is not None:
                rest = (
                    parts[:index] + parts[index + 1 :] if _is_only(parts[index], party) else parts
                )
                return party.name, ", ".join(rest)
    for index in range(len(parts) - 1, -1, -1):
        if looks_like_agency(parts[index]) == "pattern" and not _POSITION.search(
            fold(parts[index])
        ):
            return parts[index], ", ".join(parts[:index] + parts[index + 1 :])
    return "", title


def _is_only(words: str, party: Party) -> bool:
    return fold(words) == fold(party.words)


@dataclass
class _Line:
    """What one line of the team part gave: a member, the role it sets for the lines after it,
    and whether it named someone (an honorific, a rank) whose name could not be read."""

    member: TeamMember | None
    role: str | None
    unread: bool = False


def _member(text: str, role: str | None, resolver: Resolver) -> _Line:
    line = " ".join(text.split()).strip(" ;.")
    folded = fold_aligned(line)
    leading = _LEADING_ROLE.match(folded)
    if leading:
        role = _role_of(leading)
        line, folded = line[leading.end() :].strip(), folded[leading.end() :].strip()
        if not line:
            return _Line(None, role)
    trailing = _TRAILING_ROLE.search(folded)
    own_role = role
    if trailing:
        own_role = _role_of(trailing)
        line, folded = line[: trailing.start()].strip(" ,"), folded[: trailing.start()].strip(" ,")
    honorific = _HONORIFIC.match(folded)
    if honorific:
        line, folded = line[honorific.end() :], folded[honorific.end() :]
    rank = ""
    rank_match = _RANK.match(folded)
    if rank_match:
        rank = line[: rank_match.end()]
        line, folded = line[rank_match.end() :].strip(), folded[rank_match.end() :].strip()
    end = _NAME_END.search(line)
    name = line[: end.start()] if end else line
    rest = line[end.end() :] if end else ""
    if name.isupper():
        name = name.title()
    if not _looks_like_name(name):
        return _Line(None, role, unread=bool(honorific or rank_match))
    unit, position = _unit_in(rest.strip(" ,.-–—()"), resolver)
    member = TeamMember(
        own_role or "member",
        name.strip(),
        rank.strip(),
        position.strip(),
        unit,
        " ".join(text.split()),
    )
    return _Line(member, role)


def _team(
    sections: dict[str, list[Para]], blocks: Sequence[Block], resolver: Resolver
) -> tuple[list[TeamMember], list[str]]:
    """The team members, and the lines that named someone unreadable."""
    members: list[TeamMember] = []
    unread: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            members.extend(_team_table(block, resolver))
    paras = sections.get("team", [])
    if not paras:  # no team part: lines that give someone a role on the team
        paras = [
            p
            for p in sections.get("intro", []) + sections.get("organisation", [])
            if re.search(r"(?<![a-z])(?:(?:pho )?truong doan|to truong)(?![a-z])", fold(p.text))
        ]
    role: str | None = None
    for para in paras:
        if para.kind == "table":
            continue
        text = para.text
        if _is_heading(para) and ":" not in text:
            continue
        prose = list(_PROSE_ROLE.finditer(fold_aligned(text)))
        if prose:
            for match in prose:
                who = text[match.start("who") : match.end("who")]
                found = _member(who, "deputy" if "pho" in match["role"] else "leader", resolver)
                if found.member:
                    members.append(found.member)
            continue
        pieces = [text]
        if len(re.findall(r"(?:^|;)\s*(?:dong chi|d/c|ong|ba)\s", fold(text))) > 1:
            pieces = text.split(";")
        elif ":" in text and _LEADING_ROLE.match(fold_aligned(text)) and ";" in text:
            label, _, rest = text.partition(":")
            pieces = [f"{label}:", *rest.split(";")]
        for piece in pieces:
            found = _member(piece, role, resolver)
            role = found.role
            if found.member:
                members.append(found.member)
            elif found.unread:
                unread.append(" ".join(piece.split())[:200])
    return _unique_members(members), unread


def _unique_members(members: list[TeamMember]) -> list[TeamMember]:
    unique: list[TeamMember] = []
    seen: set[str] = set()
    for member in members:
        key = fold(member.name)
        if key not in seen:
            seen.add(key)
            unique.append(member)
    return unique


def _team_columns(row: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        folded = fold(cell)
        if re.search(r"ho (?:va )?ten|ho ten", folded):
            columns.setdefault("name", index)
        elif re.search(r"trong doan|nhiem vu|vi tri|chuc danh trong", folded):
            columns.setdefault("role", index)
        elif re.search(r"chuc vu|chuc danh|cap bac", folded):
            columns.setdefault("title", index)
        elif re.search(r"don vi|co quan|noi cong tac", folded):
            columns.setdefault("unit", index)
    return columns


def _heading_row(
    table: Table,
    columns_of: Callable[[list[str]], dict[str, int]],
    enough: Callable[[dict[str, int]], bool],
) -> tuple[int, dict[str, int]] | None:
    """The row among the first three that names the table's columns, and its columns."""
    for index, row in enumerate(table.rows[:3]):
        columns = columns_of(row)
        if enough(columns):
            return index, columns
    return None


def _team_table(table: Table, resolver: Resolver) -> list[TeamMember]:
    """A team given as a table: Họ và tên | Chức vụ, đơn vị | Nhiệm vụ trong Đoàn."""
    found = _heading_row(
        table, _team_columns, lambda c: "name" in c and bool({"title", "unit", "role"} & set(c))
    )
    if found is None:
        return []
    start, columns = found
    members: list[TeamMember] = []
    role: str | None = None
    for row in table.rows[start + 1 :]:

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        role_text = fold(cell("role"))
        for found_role, words in _ROLE_WORDS:
            if re.search(rf"(?<![a-z]){words}(?![a-z])", role_text):
                role = found_role
                break
        member = _member(cell("name"), role or "member", resolver).member
        if member is None:
            continue
        position = ", ".join(p for p in (cell("title"), cell("unit")) if p)
        unit, title = _unit_in(position, resolver)
        member.title, member.unit = title or member.title, unit or member.unit
        member.text = " | ".join(c for c in row if c.strip())
        members.append(member)
    return members


# --- schedule --------------------------------------------------------------------------------

_ROW_NUMBER = re.compile(r"^\d{1,3}\.?$")
_GRIDLESS_END = re.compile(r"^(noi nhan|phu luc\b|kt\.|tm\.|q\. |tl\.|tuq\.)")


def _schedule_role(label: str) -> str:
    folded = fold(label).strip(" .:*")
    if folded in {"tt", "stt", "so tt", "so thu tu"}:
        return "ref"
    role = column_role(label)
    if role in {"notes", "timing"}:
        return role
    if role in {"lead", "coordinating", "output"}:
        return "task"  # a task table: who leads, who helps, what comes out
    if role == "content":
        return "content"
    if re.search(
        r"(?<![a-z])(don vi|co quan|dia phuong|doi tuong|dia diem|noi kiem tra|ten)(?![a-z])",
        folded,
    ):
        return "unit"
    if re.search(r"(?<![a-z])(ngay|lich)(?![a-z])", folded):
        return "timing"
    return ""


def _schedule_columns(row: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        role = _schedule_role(cell)
        if role == "task":
            return None
        if role:
            columns.setdefault(role, index)
    return columns if {"unit", "timing"} <= set(columns) else None


def _rebuild_schedules(blocks: list[Block]) -> list[Block]:
    """A schedule table whose grid a text layer lost arrives one cell per line: the headings
    (STT, Đơn vị được kiểm tra, Thời gian, Ghi chú), then each row from its number. Rebuilt
    as a `Table`: in a row, the unit comes first, then the line that reads as a time, then
    the note."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        rebuilt = _gridless_schedule(blocks, index)
        if rebuilt is None:
            out.append(blocks[index])
            index += 1
            continue
        table, index = rebuilt
        out.append(table)
    return out


def _gridless_schedule(blocks: list[Block], at: int) -> tuple[Table, int] | None:
    first = blocks[at]
    if not isinstance(first, str) or _schedule_role(first) != "ref":
        return None
    headings: list[str] = []
    cursor = at
    while cursor < len(blocks) and len(headings) < 8:
        line = blocks[cursor]
        if not isinstance(line, str) or not line.strip() or len(line.strip()) > 40:
            break
        text = line.strip()
        if _ROW_NUMBER.match(text):
            break
        if _schedule_role(text) or not headings:
            headings.append(text)
        else:
            headings[-1] = f"{headings[-1]} {text}"  # a heading wrapped in its cell
        cursor += 1
    columns = _schedule_columns(headings)
    if columns is None:
        return None
    rows: list[list[str]] = []
    current: list[str] | None = None
    while cursor < len(blocks):
        line = blocks[cursor]
        if not isinstance(line, str):
            break
        text = line.strip()
        if not text:
            cursor += 1
            continue
        folded = fold(text)
        if _GRIDLESS_END.match(folded) or len(text) > 110 or re.match(r"^[IVX]+\s*[.)]\s", text):
            break
        if _ROW_NUMBER.match(text):
            current = [text.rstrip(".")]
            rows.append(current)
        elif current is None:
            break
        else:
            current.append(text)
        cursor += 1
    if not rows:
        return None
    width = len(headings)
    table_rows = [headings]
    for row in rows:
        table_rows.append(_split_gridless_row(row, columns, width))
    return Table(table_rows), cursor


def _split_gridless_row(row: list[str], columns: dict[str, int], width: int) -> list[str]:
    ref, lines = row[0], row[1:]
    cells = [""] * width
    cells[columns.get("ref", 0)] = ref
    time_at = next((i for i, line in enumerate(lines) if i and read_when(line) is not None), None)
    if time_at is None:
        unit_lines, time_lines, note_lines = lines[:1], [], lines[1:]
    else:
        unit_lines, rest = lines[:time_at], lines[time_at:]
        time_lines = [rest[0]]
        for line in rest[1:]:  # "Từ ngày 06/7" / "đến ngày 07/7/2026"
            if re.match(r"^(den|toi|-|–)", fold(line)) or (
                read_when(line) is not None and not line[:1].isupper()
            ):
                time_lines.append(line)
            else:
                break
        note_lines = rest[len(time_lines) :]
    cells[columns["unit"]] = " ".join(unit_lines)
    cells[columns["timing"]] = " ".join(time_lines)
    if "notes" in columns:
        cells[columns["notes"]] = " ".join(note_lines)
    return cells


def _schedule(
    sections: dict[str, list[Para]], blocks: Sequence[Block], resolver: Resolver, year: int | None
) -> list[ScheduleRow]:
    rows: list[ScheduleRow] = []
    for block in blocks:
        if isinstance(block, Table):
            rows.extend(_schedule_table(block, resolver, year))
    if rows:
        return rows
    for para in sections.get("schedule", []):
        if para.kind == "table":
            continue
        text = para.text
        if _is_heading(para):  # "1. Đối tượng kiểm tra: Sở Tư pháp; Sở Y tế." names units too
            if ":" not in text:
                continue
            text = text.split(":", 1)[1]
        for piece in text.split(";") if read_when(text, year) is None else [text]:
            rows.extend(_schedule_line(piece, para.mark, resolver, year, len(rows) + 1))
    return _dated_first(rows)


def _dated_first(rows: list[ScheduleRow]) -> list[ScheduleRow]:
    """A unit listed among the objects and again with its day in the schedule: the day's row."""
    dated = {r.agency_id for r in rows if r.agency_id and r.date_from}
    kept: list[ScheduleRow] = []
    seen: set[int] = set()
    for row in rows:
        if row.agency_id and (
            row.agency_id in seen or (row.agency_id in dated and not row.date_from)
        ):
            continue
        if row.agency_id:
            seen.add(row.agency_id)
        kept.append(row)
    return kept


def _schedule_table(table: Table, resolver: Resolver, year: int | None) -> list[ScheduleRow]:
    found = _heading_row(table, lambda row: _schedule_columns(row) or {}, bool)
    if found is None:
        return []
    start, columns = found
    rows: list[ScheduleRow] = []
    for number, cells in enumerate(table.rows[start + 1 :], start=1):

        def cell(key: str, cells: list[str] = cells) -> str:
            index = columns.get(key)
            return (
                " ".join(cells[index].split()) if index is not None and index < len(cells) else ""
            )

        unit, when_text = cell("unit"), cell("timing")
        if not unit or (_schedule_role(unit) == "unit" and not when_text):
            continue  # an empty row, or the headings repeated after a page break
        if not when_text and header_reader.is_upper_heading(unit) and not cell("ref").isdigit():
            continue  # a group row: "I | CÁC SỞ, NGÀNH | |"
        ref = cell("ref") or str(number)
        rows.extend(_rows_for(ref, unit, when_text, cell("notes"), resolver, year))
    return rows


def _schedule_line(
    line: str, mark: str, resolver: Resolver, year: int | None, number: int
) -> list[ScheduleRow]:
    """ "- Ngày 14/4/2026: Sở Tư pháp", "1. Sở Y tế: từ 16/4 đến 17/4/2026", "- Sở Tài chính",
    "- Ngày 16/4/2026: làm việc với Sở Y tế"."""
    text = line.strip().rstrip(";.")
    folded = fold(text)
    if folded.startswith(("thoi ky", "thoi gian", "pham vi", "doan kiem tra")):
        return []
    when = read_when(text, year)
    unit = text
    when_text = ""
    if when is not None:
        spans = [
            m.span()
            for p in (_DAY_RUN, _DAY, _DAY_WORDS, _WEEK, _MONTH, _QUARTER, _ISO)
            for m in p.finditer(fold_aligned(text))
        ]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        lead = re.search(
            r"(?:(?:tu|vao|trong|sang|chieu)\s+)?(?:ngay\s+)?$", fold_aligned(text[:start])
        )
        if lead:
            start = lead.start()
        when_text = text[start:end].strip()
        unit = (text[:start] + " " + text[end:]).strip()
        unit = unit.strip(" :;,.-–")
    visit = re.match(
        r"(?:thoi gian|ngay|(?:tu )?kiem tra|lam viec)?\s*(?:tai|voi)?\s*[:\-–]?\s*",
        fold_aligned(unit),
    )
    unit = unit[visit.end() :] if visit else unit
    note = " ".join(re.findall(r"\(([^)]*)\)", unit))
    unit = " ".join(re.sub(r"\([^)]*\)", " ", unit).split()).strip(" :;,.-–")
    parties = resolver.resolve(unit)
    # a line of the schedule part names nothing but units (and their time)
    if not parties or not all(p.recognised for p in parties) or len(unit.split()) > 25:
        return []
    return _rows_for(mark or str(number), unit, when_text, note, resolver, year)


def _rows_for(
    ref: str, unit: str, when_text: str, note: str, resolver: Resolver, year: int | None
) -> list[ScheduleRow]:
    """One row per agency named in a unit cell, with the cell's time and its flags."""
    when = read_when(when_text, year) if when_text else None
    base = ScheduleRow(ref=ref, unit=unit, when=when_text, note=note)
    if when is not None:
        base.date_from, base.date_to = when.start, when.end
        if not when.valid:
            base.flags.append(Flag("no_date", "date", when_text))
        elif not when.precise:
            base.flags.append(Flag("date_imprecise", "date", when_text))
        if when.start and when.end and when.end < when.start:
            base.flags.append(Flag("date_order", "date", when_text))
    else:
        base.flags.append(Flag("no_date", "date", when_text))
    words = re.sub(r"\([^)]*\)", " ", unit)  # "(Văn phòng Sở)" says where, not who
    parties = [p for p in resolver.resolve(words) if p.recognised or p.words.strip()]
    agencies = [p for p in parties if p.agency_id is not None]
    if not agencies:
        row = _copy_row(base)
        group = next((p for p in parties if p.group_code), None)
        row.unit_kind = group.kind if group else (parties[0].kind if parties else "")
        if group is not None:
            row.flags.append(Flag("unit_is_group", "unit", unit))
        else:
            row.flags.append(Flag("unit_unresolved", "unit", unit))
        return [row]
    rows = []
    for party in agencies:
        row = _copy_row(base)
        row.agency_id, row.agency_name, row.unit_kind = party.agency_id, party.name, party.kind
        if len(agencies) > 1:
            row.unit = party.words
        rows.append(row)
    for party in parties:
        if party.agency_id is None and party.kind == "pattern":
            row = _copy_row(base)
            row.unit, row.unit_kind = party.words, party.kind
            row.flags.append(Flag("unit_unresolved", "unit", party.words))
            rows.append(row)
    return rows


def _copy_row(row: ScheduleRow) -> ScheduleRow:
    return ScheduleRow(
        row.ref,
        row.unit,
        row.agency_id,
        row.agency_name,
        row.unit_kind,
        row.date_from,
        row.date_to,
        row.when,
        row.note,
        list(row.flags),
    )


# --- areas, period, deadline -----------------------------------------------------------------


def _areas(paras: list[Para]) -> list[str]:
    """The content part's items ("1. Việc ban hành quy chế …"), sub-items joined to theirs."""
    body = [p for p in paras if p.kind != "table" and not _is_heading(p)]
    body = [p for p in body if not fold(p.text).startswith(("thoi ky", "thoi gian"))]
    marked = [p for p in body if p.kind in {"num", "subnum", "letter", "dash", "plus"}]
    if not marked:
        return [" ".join(p.text.split()) for p in body if p.text.strip()]
    top = marked[0].kind
    areas: list[str] = []
    for para in body:
        text = " ".join(para.text.split())
        if para.kind == top or not areas:
            areas.append(text)
        else:
            areas[-1] = f"{areas[-1].rstrip('.;:')}; {text}"
    return [a[:1000] for a in areas if a]


_PERIOD = re.compile(r"(?<![a-z])(thoi ky|ky kiem tra|pham vi thoi gian)(?![a-z])")
_WINDOW = re.compile(
    r"^(?:\d+\s*[.)]\s*)?thoi gian(?:,? dia diem)?(?: tien hanh)?(?: kiem tra)?\s*:"
)
_UNTIL_VISIT = re.compile(
    r"den (?:thoi diem|ngay|khi) (?:doan )?(?:tien hanh )?kiem tra|den nay|den thoi diem"
)


def _period_and_window(plan: InspectionPlan, paras: list[Para]) -> None:
    for para in paras:
        if para.kind == "table":
            continue
        folded = fold_aligned(para.text)
        period = _PERIOD.search(folded)
        if period and not plan.period_text:
            text = nfc(para.text)[period.start() :]
            when = read_when(text, plan.year) or _years(text)
            plan.period_text = " ".join(text.split())[:300]
            if when is not None:
                plan.period_from = when.start
                plan.period_to = when.end if when.end != when.start else None
            if _UNTIL_VISIT.search(folded[period.start() :]):
                plan.period_until_visit, plan.period_to = True, None
            continue
        window = _WINDOW.search(folded)
        if window and plan.window_from is None:
            when = read_when(nfc(para.text)[window.end() :], plan.year)
            if when is not None:
                plan.window_from, plan.window_to = when.start, when.end


def _years(text: str) -> When | None:
    """A period written in years: "năm 2025", "năm 2025 và 6 tháng đầu năm 2026"."""
    folded = fold(text)
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", folded)]
    if not years:
        return None
    last = max(years)
    months = re.search(rf"(\d{{1,2}}) thang dau nam {last}", folded)  # "9 tháng đầu năm 2026"
    if months and 1 <= int(months[1]) <= 12:
        month = int(months[1])
        end = date(last, month, calendar.monthrange(last, month)[1])
    else:
        end = date(last, 12, 31)
    return When(date(min(years), 1, 1), end, precise=False)


_DUE = re.compile(
    r"(?:truoc|cham nhat(?: la)?|han cuoi)\s+(?:\d{1,2}\s*(?:gio|h)\s*(?:\d{2})?\s*,?\s*)?(?:ngay\s+)?(?P<d>\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    r"|\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?)"
)
_RELATIVE_DUE = re.compile(
    r"(?:truoc|cham nhat)\s+(?:(?:\d+|mot|hai|ba|nam|bay|muoi)\s+\(?\d*\)?\s*ngay(?: lam viec)?|khi doan)"
)


def _report_due(plan: InspectionPlan, paras: list[Para]) -> None:
    """When the inspected units send their own report: the deadline in a paragraph that has
    them ("đơn vị được kiểm tra", "tự kiểm tra") send a report ("báo cáo")."""
    for para in paras:
        if para.kind == "table":
            continue
        text = nfc(para.text)
        folded = fold_aligned(text)
        if "bao cao" not in folded or not re.search(r"duoc kiem tra|tu kiem tra", folded):
            continue
        after = folded.find("bao cao")
        match = _DUE.search(folded, after)
        if match:
            when = read_when(text[match.start("d") : match.end("d")], plan.year)
            plan.report_due_text = " ".join(text[match.start() : match.end()].split())
            plan.report_due = when.start if when is not None and when.valid else None
            return
        relative = _RELATIVE_DUE.search(folded, after)
        if relative:
            plan.report_due_text = " ".join(text[relative.start() :].split())[:200]
            plan.flags.append(Flag("report_due_relative", "report_due", plan.report_due_text))
            return


def _plan_flags(plan: InspectionPlan) -> None:
    flags: list[Flag] = []
    if plan.number is None:
        flags.append(Flag("number_missing", "number", plan.header.number))
    if plan.header.date is None:
        flags.append(Flag("date_missing", "date", plan.header.date_text))
    if plan.year is None:
        flags.append(Flag("no_year", "year"))
    if plan.leader is None:
        flags.append(Flag("no_leader", "team"))
    if not plan.schedule:
        flags.append(Flag("no_schedule", "schedule"))
    if plan.period_from is None:
        flags.append(Flag("period_missing", "period", plan.period_text))
    plan.flags = flags + plan.flags

"""Inspection plans (kế hoạch kiểm tra) imported into the inspections module.

Two plans of the fictional province Bắc Lâm: the provincial police's annual inspection plan as
plain text with a pipe schedule table (samples/kh-kiem-tra-cat-2026.txt), and the steering
committee's plan for the second half of the year (the demo file in bmnn/plans/demo/), written
with a header table and rendered to a DOCX with real Word tables and to a PDF with drawn
tables. The reader is checked on both (header, team, schedule, flags), then the review page and
the service that creates the inspection, and who may do it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.inspections import plan_import, services
from bmnn.inspections.models import Inspection
from bmnn.org.models import AgencyType, Role
from bmnn.plans.importer import Resolver
from bmnn.plans.importer.extract import extract
from bmnn.plans.importer.inspection_plan import (
    InspectionPlan,
    is_inspection_plan,
    read_bytes,
    read_when,
    sniff_bytes,
)
from bmnn.plans.importing import FAILURES
from bmnn.plans.models import Plan
from bmnn.plans.tests.builders import demo_resolver, layout_docx, layout_pdf, layout_text

SAMPLES = Path(__file__).resolve().parent / "samples"
POLICE_PLAN = SAMPLES / "kh-kiem-tra-cat-2026.txt"
DEMO = Path(__file__).resolve().parents[2] / "plans" / "demo"
COMMITTEE_PLAN = DEMO / "ke-hoach-kiem-tra-bmnn-cuoi-nam-2026.txt"
SELF_PLAN = SAMPLES / "kh-tu-kiem-tra-stp-2026.txt"  # Sở Tư pháp inspects its own divisions
PLAN_SAMPLES = Path(__file__).resolve().parents[2] / "plans" / "tests" / "samples"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    """The demo province's directory, without a database."""
    return demo_resolver()


def _read(data: bytes, resolver: Resolver) -> InspectionPlan:
    plan = read_bytes(data, resolver)
    assert plan is not None
    return plan


@pytest.fixture(scope="module")
def police_plan(resolver: Resolver) -> InspectionPlan:
    return _read(POLICE_PLAN.read_bytes(), resolver)


def _codes(flags) -> list[str]:
    return [flag.code for flag in flags]


# --- the reader on the police's plan (text, pipe table) ---------------------------------------


def test_the_police_plan_is_an_inspection_plan_and_its_header_is_read(police_plan) -> None:
    header = police_plan.header
    assert police_plan.kind == "inspection"
    assert police_plan.number is None  # "Số: …/KH-CAT-PA03": blank, reported missing
    assert "number_missing" in _codes(police_plan.flags)
    assert (header.place, header.date) == ("Bắc Lâm", date(2026, 3, 20))
    assert header.issuer == "Công an tỉnh Bắc Lâm"
    assert header.title == "Kiểm tra công tác bảo vệ bí mật nhà nước năm 2026"
    assert police_plan.year == 2026


def test_the_team_is_read_with_roles_ranks_positions_and_units(police_plan) -> None:
    team = [(m.role, m.rank, m.name, m.title, m.unit) for m in police_plan.team]
    assert team == [
        (
            "leader",
            "Thượng tá",
            "Phạm Quốc Bảo",
            "Phó Trưởng phòng An ninh chính trị nội bộ",
            "Công an tỉnh Bắc Lâm",
        ),
        ("deputy", "", "Trần Thị Mai", "Phó Chánh Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
        (
            "member",
            "Thiếu tá",
            "Lê Văn Nam",
            "Đội trưởng, Phòng An ninh chính trị nội bộ",
            "Công an tỉnh Bắc Lâm",
        ),
        (
            "member",
            "Đại úy",
            "Hoàng Thu Trang",
            "Cán bộ Phòng An ninh chính trị nội bộ",
            "Công an tỉnh Bắc Lâm",
        ),
        ("member", "", "Vũ Minh Đức", "Chuyên viên Sở Nội vụ", "Sở Nội vụ"),
    ]
    assert police_plan.leader is not None and police_plan.leader.name == "Phạm Quốc Bảo"


def test_the_schedule_gives_each_unit_its_directory_agency_days_and_flags(police_plan) -> None:
    rows = [
        (r.ref, r.agency_name, r.date_from, r.date_to, _codes(r.flags))
        for r in police_plan.schedule
    ]
    assert rows == [
        ("1", "Sở Tư pháp", date(2026, 4, 14), date(2026, 4, 14), []),
        ("2", "Sở Y tế", date(2026, 4, 16), date(2026, 4, 16), []),
        ("3", "Sở Tài chính", date(2026, 4, 21), date(2026, 4, 22), []),
        ("4", "UBND phường Đông Thành", date(2026, 4, 23), date(2026, 4, 23), []),
        (
            "5",
            "",
            date(2026, 4, 28),
            date(2026, 4, 28),
            ["unit_unresolved"],
        ),  # not in the directory
        ("6", "UBND xã Tân Phú", None, None, ["no_date"]),
    ]
    assert police_plan.schedule[4].unit == "Trung tâm Lưu trữ lịch sử tỉnh"
    assert police_plan.schedule[4].note == "Đơn vị thuộc Sở Nội vụ"
    assert police_plan.on_site == (date(2026, 4, 14), date(2026, 4, 28))


def test_areas_period_and_the_units_report_deadline_are_read(police_plan) -> None:
    assert len(police_plan.areas) == 4
    assert police_plan.areas[2].startswith("Việc quản lý, sử dụng máy tính")
    assert police_plan.period_from == date(2025, 1, 1)
    assert police_plan.period_until_visit and police_plan.period_to is None
    # the units' own report (10/4), not the team's summary to the director (15/5)
    assert police_plan.report_due == date(2026, 4, 10)
    assert police_plan.report_due_text == "trước ngày 10/4/2026"


# --- the committee's plan: text, DOCX and PDF --------------------------------------------------


@pytest.fixture(scope="module")
def committee_forms() -> dict[str, bytes]:
    source = COMMITTEE_PLAN.read_text(encoding="utf-8")
    return {
        "text": layout_text(source).encode("utf-8"),
        "docx": layout_docx(source),
        "pdf": layout_pdf(source),
    }


def test_the_committee_plan_reads_the_same_from_text_docx_and_pdf(
    committee_forms, resolver
) -> None:
    read = {kind: _read(data, resolver).as_json() for kind, data in committee_forms.items()}
    assert extract(committee_forms["docx"]).kind == "docx"
    assert extract(committee_forms["pdf"]).kind == "pdf"
    assert read["docx"] == read["text"]
    assert read["pdf"] == read["text"]


def test_the_committee_plan_gives_its_team_schedule_and_deadline(committee_forms, resolver) -> None:
    plan = _read(committee_forms["pdf"], resolver)
    assert (plan.number, plan.header.date) == ("07/KH-BCĐ", date(2026, 6, 2))
    assert [(m.role, m.name) for m in plan.team] == [
        ("leader", "Nguyễn Văn Hưng"),
        ("deputy", "Lê Thị Thu Hằng"),
        ("member", "Phạm Quốc Bảo"),
        ("member", "Nguyễn Thị Lan"),
        ("secretary", "Đặng Văn Khánh"),
    ]
    assert plan.team[0].rank == "Đại tá" and plan.team[4].unit == "Thanh tra tỉnh"
    schedule = {r.agency_name: (r.date_from, r.date_to, _codes(r.flags)) for r in plan.schedule}
    assert len(schedule) == 6 and all(r.agency_id for r in plan.schedule)
    assert schedule["Sở Khoa học và Công nghệ"] == (date(2026, 7, 6), date(2026, 7, 7), [])
    assert schedule["Báo và Phát thanh, Truyền hình Bắc Lâm"][:2] == (
        date(2026, 7, 14),
        date(2026, 7, 15),
    )
    assert schedule["UBND xã Hòa An"][:2] == (date(2026, 7, 21), date(2026, 7, 21))
    # "Tuần 4 tháng 7/2026": the week is taken and flagged
    assert schedule["Kho bạc Nhà nước khu vực XV"] == (
        date(2026, 7, 22),
        date(2026, 7, 28),
        ["date_imprecise"],
    )
    assert (plan.period_from, plan.period_to) == (date(2025, 7, 1), date(2026, 6, 30))
    assert plan.report_due == date(2026, 6, 30)
    assert plan.on_site == (date(2026, 7, 6), date(2026, 7, 28))
    assert plan.flags == []


def test_a_self_inspection_plan_with_a_team_table_and_an_appendix_schedule(resolver) -> None:
    """Sở Tư pháp's own plan: the title on one line in capitals, a "Tổ kiểm tra" as a table
    (Tổ trưởng, Tổ phó), the schedule in an appendix after the signature with the time first,
    the period in years, a deadline with its hour; the same from text, DOCX and PDF."""
    source = SELF_PLAN.read_text(encoding="utf-8")
    forms = {
        "text": layout_text(source).encode("utf-8"),
        "docx": layout_docx(source),
        "pdf": layout_pdf(source),
    }
    read = {kind: _read(data, resolver) for kind, data in forms.items()}
    assert read["docx"].as_json() == read["text"].as_json() == read["pdf"].as_json()
    assert all(sniff_bytes(data) for data in forms.values())
    plan = read["pdf"]
    assert plan.kind == "self" and plan.number == "215/KH-STP"
    assert [(m.role, m.name, m.title) for m in plan.team] == [
        ("leader", "Trần Văn Định", "Giám đốc Sở"),
        ("deputy", "Nguyễn Thị Hoa", "Văn thư, cán bộ bảo mật"),
        ("member", "Vũ Đức Hiếu", "Chuyên viên Phòng Văn bản"),
    ]
    assert [(r.unit, r.date_from) for r in plan.schedule] == [
        ("Văn phòng Sở", date(2026, 10, 12)),
        ("Phòng Văn bản và Quản lý xử lý vi phạm hành chính", date(2026, 10, 12)),
        ("Trung tâm Trợ giúp pháp lý nhà nước", date(2026, 10, 13)),
        ("Phòng Công chứng số 1", date(2026, 10, 14)),
    ]
    assert all(
        _codes(r.flags) == ["unit_unresolved"] for r in plan.schedule
    )  # divisions, not agencies
    assert (plan.period_from, plan.period_to) == (date(2025, 1, 1), date(2026, 9, 30))
    assert plan.report_due == date(2026, 10, 5)
    assert len(plan.areas) == 3 and plan.areas[0].startswith("Việc soạn thảo, in, sao, chụp")


# --- other shapes ------------------------------------------------------------------------------


def _police_text() -> str:
    return POLICE_PLAN.read_text(encoding="utf-8")


def test_a_schedule_whose_grid_was_lost_is_rebuilt_from_one_cell_per_line(
    police_plan, resolver
) -> None:
    lines: list[str] = []
    for line in _police_text().splitlines():
        if not line.startswith("|"):
            lines.append(line)
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        lines.extend(cell for cell in cells if cell and set(cell) != {"-"})
    plan = _read("\n".join(lines).encode(), resolver)
    expected = [(r.ref, r.unit, r.date_from, r.date_to, r.note) for r in police_plan.schedule]
    assert [(r.ref, r.unit, r.date_from, r.date_to, r.note) for r in plan.schedule] == expected


def test_a_schedule_written_as_a_list_is_read(resolver) -> None:
    listed = re.sub(
        r"\| STT.*?\n\n",
        "- Ngày 14/4/2026: Sở Tư pháp;\n- Từ ngày 21/4 đến ngày 22/4/2026: Sở Tài chính;\n"
        "- Sở Nội vụ (thời gian thông báo sau).\n\n",
        _police_text(),
        flags=re.S,
    )
    plan = _read(listed.encode(), resolver)
    rows = [(r.agency_name, r.date_from, r.date_to, r.note, _codes(r.flags)) for r in plan.schedule]
    assert rows == [
        ("Sở Tư pháp", date(2026, 4, 14), date(2026, 4, 14), "", []),
        ("Sở Tài chính", date(2026, 4, 21), date(2026, 4, 22), "", []),
        ("Sở Nội vụ", None, None, "thời gian thông báo sau", ["no_date"]),
    ]


INSPECTORATE_PLAN = """UBND TỈNH BẮC LÂM
THANH TRA TỈNH
Số: 31/KH-TTr
Bắc Lâm, ngày 02 tháng 4 năm 2026
KẾ HOẠCH
Kiểm tra việc chấp hành pháp luật về bảo vệ bí mật nhà nước
I. MỤC ĐÍCH
Phát hiện, chấn chỉnh sai phạm.
II. ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA
1. Đối tượng kiểm tra: Sở Tư pháp; Sở Y tế; UBND xã Tân Phú.
2. Thời gian kiểm tra: từ ngày 14/4/2026 đến ngày 28/4/2026.
III. LỊCH KIỂM TRA
- Ngày 14/4/2026: kiểm tra tại Sở Tư pháp;
- Ngày 16/4/2026: làm việc với Sở Y tế.
IV. THÀNH PHẦN ĐOÀN KIỂM TRA
- Trưởng đoàn: Đồng chí NGUYỄN VĂN HƯNG, Phó Chánh Thanh tra tỉnh;
- Đ/c: Trần Thị Mai - Thanh tra viên chính - Phó Trưởng đoàn;
- Ông Lê Văn Nam, Thanh tra viên, Thành viên;
- Bà Đỗ Thị Hạnh (Chuyên viên Văn phòng UBND tỉnh) - Thư ký.
V. TỔ CHỨC THỰC HIỆN
Các cơ quan được kiểm tra chuẩn bị báo cáo tự kiểm tra, gửi Đoàn kiểm tra chậm nhất 03 ngày làm việc
trước ngày Đoàn đến làm việc.
"""


def test_objects_listed_then_dated_and_a_team_in_many_hands(resolver) -> None:
    """The inspectorate's short plan: the units listed, then some of them with a day; a team
    written with "Đồng chí", "Đ/c:", "Ông", "Bà", names in capitals; a deadline relative to the
    visit."""
    plan = _read(INSPECTORATE_PLAN.encode(), resolver)
    assert [(m.role, m.name, m.title, m.unit) for m in plan.team] == [
        ("leader", "Nguyễn Văn Hưng", "Phó Chánh Thanh tra tỉnh", "Thanh tra tỉnh"),
        ("deputy", "Trần Thị Mai", "Thanh tra viên chính", ""),  # a position, not a body
        ("member", "Lê Văn Nam", "Thanh tra viên", ""),
        ("secretary", "Đỗ Thị Hạnh", "Chuyên viên Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
    ]
    rows = {r.agency_name: (r.date_from, _codes(r.flags)) for r in plan.schedule}
    assert rows == {
        "Sở Tư pháp": (date(2026, 4, 14), []),
        "Sở Y tế": (date(2026, 4, 16), []),
        "UBND xã Tân Phú": (None, ["no_date"]),
    }
    assert (plan.window_from, plan.window_to) == (date(2026, 4, 14), date(2026, 4, 28))
    assert plan.report_due is None
    assert "report_due_relative" in _codes(plan.flags) and "period_missing" in _codes(plan.flags)


def test_a_cell_with_two_agencies_gives_a_row_for_each_and_a_group_is_flagged(resolver) -> None:
    text = _police_text().replace("| 2 | Sở Y tế |", "| 2 | Sở Y tế và Sở Nội vụ |")
    text = text.replace("| 4 | UBND phường Đông Thành |", "| 4 | UBND các xã, phường |")
    plan = _read(text.encode(), resolver)
    second = [r for r in plan.schedule if r.ref == "2"]
    assert [(r.agency_name, r.date_from) for r in second] == [
        ("Sở Y tế", date(2026, 4, 16)),
        ("Sở Nội vụ", date(2026, 4, 16)),
    ]
    fourth = next(r for r in plan.schedule if r.ref == "4")
    assert fourth.agency_id is None and _codes(fourth.flags) == ["unit_is_group"]


def test_a_team_in_a_table_and_a_leader_named_in_a_sentence(resolver) -> None:
    table_team = _police_text().split("III. THÀNH PHẦN ĐOÀN KIỂM TRA")[0] + (
        "III. THÀNH PHẦN ĐOÀN KIỂM TRA\n"
        "| TT | Họ và tên | Chức vụ, đơn vị | Nhiệm vụ trong Đoàn |\n"
        "| 1 | Thượng tá PHẠM QUỐC BẢO | Phó Trưởng phòng An ninh chính trị nội bộ, Công an tỉnh | Trưởng đoàn |\n"
        "| 2 | Lê Văn Nam | Đội trưởng, Công an tỉnh | Thành viên |\n\n"
        "IV. ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA\n"
        + _police_text().split("IV. ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA\n")[1]
    )
    plan = _read(table_team.encode(), resolver)
    assert [(m.role, m.rank, m.name, m.unit) for m in plan.team] == [
        ("leader", "Thượng tá", "Phạm Quốc Bảo", "Công an tỉnh Bắc Lâm"),
        ("member", "", "Lê Văn Nam", "Công an tỉnh Bắc Lâm"),
    ]
    prose = _police_text().replace(
        "1. Trưởng đoàn: Đ/c Thượng tá Phạm Quốc Bảo – Phó Trưởng phòng An ninh chính trị nội bộ, Công an tỉnh.",
        "Đoàn kiểm tra do đồng chí Thượng tá Phạm Quốc Bảo, Phó Trưởng phòng An ninh chính trị nội bộ làm "
        "Trưởng đoàn.",
    )
    plan = _read(prose.encode(), resolver)
    assert plan.leader is not None and (plan.leader.rank, plan.leader.name) == (
        "Thượng tá",
        "Phạm Quốc Bảo",
    )


def test_an_unreadable_team_line_and_a_missing_leader_are_flagged(resolver) -> None:
    text = _police_text().replace(
        "1. Trưởng đoàn: Đ/c Thượng tá Phạm Quốc Bảo – Phó Trưởng phòng An ninh chính trị nội bộ, Công an tỉnh.",
        "1. Đ/c lãnh đạo Phòng An ninh chính trị nội bộ.",
    )
    plan = _read(text.encode(), resolver)
    assert "no_leader" in _codes(plan.flags)
    assert any(f.code == "member_unread" and "lãnh đạo Phòng" in f.words for f in plan.flags)


def test_a_self_inspection_plan_is_read_as_one_and_any_title_with_team_and_schedule_counts(
    resolver,
) -> None:
    own = _police_text().replace(
        "Kiểm tra công tác bảo vệ bí mật nhà nước năm 2026",
        "Tự kiểm tra công tác bảo vệ bí mật nhà nước năm 2026",
    )
    assert _read(own.encode(), resolver).kind == "self"
    other_title = _police_text().replace(
        "Kiểm tra công tác bảo vệ bí mật nhà nước năm 2026",
        "Công tác bảo vệ bí mật nhà nước quý II năm 2026",
    )
    assert _read(other_title.encode(), resolver).kind == "inspection"
    # the title alone is not enough: without the team and the schedule it is a plan
    bare = (
        other_title.split("III. THÀNH PHẦN ĐOÀN KIỂM TRA")[0]
        + "V. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện.\n"
    )
    assert read_bytes(bare.encode(), resolver) is None


def test_plans_that_are_not_inspection_plans_are_not_taken_for_one(resolver) -> None:
    """Every plan of the importer's own tests and the demo plans, one of them titled 'Kiểm tra …'
    with inspection tasks, stays a plan."""
    paths = [
        *sorted(PLAN_SAMPLES.glob("**/*.txt")),
        DEMO / "ke-hoach-bac-lam-2026.txt",
        DEMO / "du-thao-kiem-tra-2027.txt",
    ]
    assert len(paths) >= 10
    for path in paths:
        data = path.read_bytes()
        assert not sniff_bytes(data), path.name
        assert read_bytes(data, resolver) is None, path.name
    for path in sorted((PLAN_SAMPLES / "layouts").glob("*.txt")):
        pdf = layout_pdf(path.read_text(encoding="utf-8"))
        assert not sniff_bytes(pdf), path.name
        assert not is_inspection_plan(extract(pdf).blocks), path.name


def test_the_quick_look_finds_the_inspection_plans_in_every_form(committee_forms) -> None:
    assert sniff_bytes(POLICE_PLAN.read_bytes())
    assert all(sniff_bytes(data) for data in committee_forms.values())
    assert not sniff_bytes(b"%PDF-1.4 damaged")
    assert not sniff_bytes(b"PK\x03\x04 not a zip")
    assert not sniff_bytes(b"")


@pytest.mark.parametrize(
    ("text", "start", "end", "precise"),
    [
        ("14/4/2026", date(2026, 4, 14), date(2026, 4, 14), True),
        ("21/4/2026 - 22/4/2026", date(2026, 4, 21), date(2026, 4, 22), True),
        ("Từ ngày 06/7 đến ngày 07/7/2026", date(2026, 7, 6), date(2026, 7, 7), True),
        ("14-15/7/2026", date(2026, 7, 14), date(2026, 7, 15), True),
        ("ngày 15 và 16/4/2026", date(2026, 4, 15), date(2026, 4, 16), True),
        ("Chiều ngày 21 tháng 7 năm 2026", date(2026, 7, 21), date(2026, 7, 21), True),
        ("2026-04-15", date(2026, 4, 15), date(2026, 4, 15), True),
        ("15/4", date(2026, 4, 15), date(2026, 4, 15), True),  # the plan's year
        ("Tuần 4 tháng 7/2026", date(2026, 7, 22), date(2026, 7, 28), False),
        ("Tháng 9/2026", date(2026, 9, 1), date(2026, 9, 30), False),
        ("Quý III/2026", date(2026, 7, 1), date(2026, 9, 30), False),
    ],
)
def test_the_ways_schedules_write_days(text, start, end, precise) -> None:
    when = read_when(text, default_year=2026)
    assert when is not None
    assert (when.start, when.end, when.precise, when.valid) == (start, end, precise, True)


def test_no_day_and_an_impossible_day_are_told_apart() -> None:
    assert read_when("Thời gian cụ thể thông báo sau") is None
    impossible = read_when("31/2/2026")
    assert impossible is not None and not impossible.valid


# --- the review page and the confirmation ----------------------------------------------------


@pytest.fixture
def directory(make_agency, make_person):
    """The police plan's directory: its units (but not the archive centre) and the police team."""
    agencies = {
        name: make_agency(name, type=kind)
        for name, kind in [
            ("Công an tỉnh Bắc Lâm", AgencyType.PROVINCIAL_POLICE),
            ("Văn phòng UBND tỉnh", AgencyType.PEOPLES_COMMITTEE_OFFICE),
            ("Sở Nội vụ", AgencyType.DEPARTMENT),
            ("Sở Tư pháp", AgencyType.DEPARTMENT),
            ("Sở Y tế", AgencyType.DEPARTMENT),
            ("Sở Tài chính", AgencyType.DEPARTMENT),
            ("UBND phường Đông Thành", AgencyType.COMMUNE),
            ("UBND xã Tân Phú", AgencyType.COMMUNE),
        ]
    }
    police = agencies["Công an tỉnh Bắc Lâm"]
    return {
        "agencies": agencies,
        "supervisor": make_person(police, Role.SUPERVISOR, "Lê Thị Thu Hằng"),
        "leader": make_person(
            police, Role.INSPECTOR, "Phạm Quốc Bảo", position="Phó Trưởng phòng PA03"
        ),
        "nam": make_person(police, Role.STAFF, "Lê Văn Nam"),
        "trang": make_person(police, Role.STAFF, "Hoàng Thu Trang"),
        "head": make_person(agencies["Sở Tư pháp"], Role.HEAD, "Trần Văn Định"),
        "staff": make_person(agencies["Sở Tư pháp"], Role.STAFF, "Vũ Đức Hiếu"),
    }


def _reviewed(plan: InspectionPlan) -> tuple[dict, list[dict]]:
    """The review forms' cleaned data as a reviewer leaves them: the archive centre is an
    office of Sở Nội vụ, and Tân Phú's day is now known."""
    people = plan_import.team_candidates(plan)
    team = plan_import.match_team(plan, people)
    agencies = plan_import.agencies_by_name()
    data = plan_import.initial(plan, team, agencies)
    data["leader"] = next(p for p in people if p.pk == data["leader"])
    data["team"] = [p for p in people if p.pk in data["team"]]
    rows = plan_import.schedule_initial(plan, agencies)
    by_name = {a.name: a for a in agencies.values()}
    rows[4]["agency"] = "Sở Nội vụ"
    rows[5]["scheduled_from"] = rows[5]["scheduled_to"] = date(2026, 4, 24)
    for row in rows:
        row["agency"] = by_name[row["agency"]]
    return data, rows


def test_confirming_the_review_creates_the_inspection_with_its_targets_and_days(directory) -> None:
    plan = plan_import.read_upload(POLICE_PLAN.read_bytes())
    data, rows = _reviewed(plan)
    assert Inspection.objects.count() == 0  # reading and reviewing saved nothing
    made = plan_import.confirm(
        actor=directory["supervisor"], data=data, rows=rows, source="kh-kiem-tra.txt"
    )
    made.refresh_from_db()
    assert (made.kind, made.title, made.year) == (
        "inspection",
        "Kiểm tra công tác bảo vệ bí mật nhà nước năm 2026",
        2026,
    )
    assert made.decision == ""  # the plan's number was blank
    assert (
        made.scope.startswith("1. Việc ban hành quy chế")
        and "\n4. Công tác tuyên truyền" in made.scope
    )
    assert (made.on_site_from, made.on_site_to) == (date(2026, 4, 14), date(2026, 4, 28))
    assert (made.period_from, made.period_to) == (date(2025, 1, 1), date(2026, 4, 14))
    assert made.self_report_due == date(2026, 4, 10)
    assert made.leader == directory["leader"]
    assert set(made.team.all()) == {
        directory["nam"],
        directory["trang"],
    }  # Mai and Đức have no account
    days = {
        t.agency.name: (t.scheduled_from, t.scheduled_to)
        for t in made.targets.select_related("agency")
    }
    assert days == {
        "Sở Tư pháp": (date(2026, 4, 14), date(2026, 4, 14)),
        "Sở Y tế": (date(2026, 4, 16), date(2026, 4, 16)),
        "Sở Tài chính": (date(2026, 4, 21), date(2026, 4, 22)),
        "UBND phường Đông Thành": (date(2026, 4, 23), date(2026, 4, 23)),
        "Sở Nội vụ": (date(2026, 4, 28), date(2026, 4, 28)),
        "UBND xã Tân Phú": (date(2026, 4, 24), date(2026, 4, 24)),
    }
    assert made.items.exists()  # the default checklist
    event = AuditEvent.objects.get(action="inspection.create", object_id=str(made.pk))
    assert event.actor_id == directory["supervisor"].pk
    assert event.changes["source"] == "kh-kiem-tra.txt"
    assert event.changes["self_report_due"] == "2026-04-10"


def test_the_service_refuses_an_inspection_planned_by_an_agency_head(directory) -> None:
    plan = plan_import.read_upload(POLICE_PLAN.read_bytes())
    data, rows = _reviewed(plan)
    with pytest.raises(NotAllowed):
        plan_import.confirm(actor=directory["head"], data=data, rows=rows, source="kh.txt")
    assert Inspection.objects.count() == 0


def test_a_schedule_for_an_agency_not_inspected_or_ending_before_it_starts_is_refused(
    directory,
) -> None:
    justice, health = directory["agencies"]["Sở Tư pháp"], directory["agencies"]["Sở Y tế"]
    values = {
        "kind": "inspection",
        "title": "Kiểm tra",
        "year": 2026,
        "period_from": date(2025, 1, 1),
        "period_to": date(2026, 4, 1),
        "on_site_from": date(2026, 4, 14),
        "on_site_to": date(2026, 4, 16),
        "agencies": [justice],
        "leader": directory["leader"],
    }
    with pytest.raises(ValidationError):
        services.create_inspection(
            actor=directory["supervisor"], **values, schedule={health.pk: (date(2026, 4, 16), None)}
        )
    with pytest.raises(ValidationError):
        services.create_inspection(
            actor=directory["supervisor"],
            **values,
            schedule={justice.pk: (date(2026, 4, 16), date(2026, 4, 14))},
        )
    assert Inspection.objects.count() == 0


def _post_data(response, changes: dict[str, str] | None = None) -> dict[str, object]:
    """The review page's forms as the browser would send them, with a reviewer's changes."""
    form, formset = response.context["form"], response.context["formset"]

    def text(value: object) -> str:
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return "" if value is None else str(value)

    data: dict[str, object] = {"token": response.context["token"]}
    for name, value in form.initial.items():
        data[name] = [str(v) for v in value] if name == "team" else text(value)
    management = formset.management_form
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        data[f"row-{name}"] = text(management[name].value())
    for index, row in enumerate(formset.initial):
        for key in ("ref", "unit", "note", "when", "agency", "scheduled_from", "scheduled_to"):
            data[f"row-{index}-{key}"] = text(row[key])
        data[f"row-{index}-include"] = "on"
    data.update(changes or {})
    return data


def test_the_plan_import_hands_an_inspection_plan_to_its_review_and_confirmation_creates_it(
    directory, client_for
) -> None:
    client = client_for(directory["supervisor"])
    upload = SimpleUploadedFile("kh-kiem-tra-2026.txt", POLICE_PLAN.read_bytes())
    response = client.post(reverse("plans:plan_import"), {"file": upload})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("inspections:plan_import") + "?token=")
    review = client.get(response["Location"])
    assert review.status_code == 200
    page = review.content.decode()
    assert 'data-testid="inspection-plan-review"' in page
    # every flag is on the page: the blank number, the unit outside the directory, the row without a date
    assert str(plan_import.FLAG_MESSAGES["number_missing"]) in page
    assert "Trung tâm Lưu trữ lịch sử tỉnh" in re.search(
        r'data-testid="flags-5".*?</ul>', page, re.S
    ).group(0)
    assert re.search(r'data-testid="flags-6"', page)
    assert Inspection.objects.count() == 0 and Plan.objects.count() == 0
    refused = client.post(reverse("inspections:plan_import"), _post_data(review))
    assert refused.status_code == 400  # the archive centre has no agency yet
    assert Inspection.objects.count() == 0
    done = client.post(
        reverse("inspections:plan_import"),
        _post_data(review, {"row-4-agency": "Sở Nội vụ", "row-5-scheduled_from": "24/04/2026"}),
    )
    made = Inspection.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "inspections:detail", args=[made.pk]
    )
    assert made.targets.count() == 6 and made.leader == directory["leader"]
    assert made.targets.get(agency__name="UBND xã Tân Phú").scheduled_to == date(2026, 4, 24)
    detail = client.get(done["Location"]).content.decode()
    assert "14/04/2026" in detail and "24/04/2026" in detail


def test_a_unit_left_out_is_not_inspected(directory, client_for) -> None:
    client = client_for(directory["supervisor"])
    response = client.post(
        reverse("inspections:plan_import"),
        {"file": SimpleUploadedFile("kh.txt", POLICE_PLAN.read_bytes())},
    )
    review = client.get(response["Location"])
    data = _post_data(review)
    del data["row-4-include"]  # the archive centre is left out
    client.post(reverse("inspections:plan_import"), data)
    made = Inspection.objects.get()
    assert made.targets.count() == 5
    assert not made.targets.filter(agency__name="Sở Nội vụ").exists()


def test_people_who_do_not_plan_inspections_cannot_import_one(directory, client_for) -> None:
    staff = client_for(directory["staff"])
    assert staff.get(reverse("inspections:plan_import")).status_code == 403
    upload = SimpleUploadedFile("kh.txt", POLICE_PLAN.read_bytes())
    assert staff.post(reverse("inspections:plan_import"), {"file": upload}).status_code == 403
    # the head of Sở Tư pháp may import a self-inspection, not the province's inspection
    head = client_for(directory["head"])
    response = head.post(
        reverse("inspections:plan_import"),
        {"file": SimpleUploadedFile("kh.txt", POLICE_PLAN.read_bytes())},
    )
    review = head.get(response["Location"])
    assert review.status_code == 200
    refused = head.post(
        reverse("inspections:plan_import"), _post_data(review, {"row-4-agency": "Sở Nội vụ"})
    )
    assert refused.status_code == 403
    assert Inspection.objects.count() == 0


def test_a_damaged_file_or_a_plain_plan_gets_a_clear_message(directory, client_for) -> None:
    client = client_for(directory["supervisor"])
    damaged = client.post(
        reverse("inspections:plan_import"),
        {"file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4\n% damaged")},
    )
    page = client.get(damaged["Location"])
    assert page.status_code == 400
    assert str(FAILURES["malformed"]) in page.content.decode()
    plain = client.post(
        reverse("inspections:plan_import"),
        {"file": SimpleUploadedFile("kh.txt", (DEMO / "ke-hoach-bac-lam-2026.txt").read_bytes())},
    )
    page = client.get(plain["Location"])
    assert page.status_code == 400
    assert str(plan_import.NOT_AN_INSPECTION_PLAN) in page.content.decode()
    # the plan import still previews a plan, and still refuses a damaged file itself
    preview = client.post(
        reverse("plans:plan_import"),
        {"file": SimpleUploadedFile("kh.txt", (DEMO / "ke-hoach-bac-lam-2026.txt").read_bytes())},
    )
    assert preview.status_code == 200 and "plans/import_preview.html" in [
        t.name for t in preview.templates
    ]
    refused = client.post(
        reverse("plans:plan_import"), {"file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4\n% damaged")}
    )
    assert refused.status_code == 200 and str(FAILURES["malformed"]) in refused.content.decode()
    assert Inspection.objects.count() == 0


def test_an_agency_head_imports_the_self_inspection_of_its_agency(directory, client_for) -> None:
    """The divisions of a self-inspection are no agencies: the issuing agency is suggested for
    each, and the rows make one target from the first day to the last."""
    head = client_for(directory["head"])
    data = layout_docx(SELF_PLAN.read_text(encoding="utf-8"))
    response = head.post(
        reverse("inspections:plan_import"), {"file": SimpleUploadedFile("kh-tkt.docx", data)}
    )
    review = head.get(response["Location"])
    assert review.status_code == 200
    assert [row["agency"] for row in review.context["formset"].initial] == ["Sở Tư pháp"] * 4
    done = head.post(reverse("inspections:plan_import"), _post_data(review))
    assert done.status_code == 302
    made = Inspection.objects.get()
    assert (made.kind, made.leader, made.decision) == ("self", directory["head"], "215/KH-STP")
    assert set(made.team.all()) == {
        directory["staff"]
    }  # Vũ Đức Hiếu; Nguyễn Thị Hoa has no account
    target = made.targets.get()
    assert (target.agency.name, target.scheduled_from, target.scheduled_to) == (
        "Sở Tư pháp",
        date(2026, 10, 12),
        date(2026, 10, 14),
    )
    assert made.self_report_due == date(2026, 10, 5)


def test_an_expired_or_forged_token_sends_back_to_the_upload(directory, client_for) -> None:
    client = client_for(directory["supervisor"])
    page = client.get(reverse("inspections:plan_import") + "?token=forged")
    assert page.status_code == 400
    assert 'data-testid="import-error"' in page.content.decode()

"""Acceptance: the two real plans in ../shared/seeds import as written (issue 3).

That folder sits beside the repository here and in CI only: in a bare clone every test here is
skipped and says so (`conftest.seed_path`)."""

from __future__ import annotations

from datetime import date

import pytest

from bmnn.plans.importer import parse_bytes
from bmnn.plans.tests.conftest import seed

pytestmark = pytest.mark.beside_shared

POLICE = "Công an tỉnh Bắc Lâm"
DEPARTMENTS = "Các sở, ban, ngành"
COMMUNES = "UBND các xã, phường"


def _by_ref(parsed):
    return {task.ref: task for task in parsed.tasks}


def test_seed_004_gives_exactly_its_six_tasks(resolver) -> None:
    tasks = _by_ref(parse_bytes(seed("004"), resolver))
    assert list(tasks) == ["II.1.a", "II.1.b", "II.2", "II.3", "II.4", "II.5"]


def test_seed_004_leads_and_coordinators_are_as_written(resolver) -> None:
    tasks = _by_ref(parse_bytes(seed("004"), resolver))
    names = {
        ref: ([p.name for p in t.lead], [p.name for p in t.coordinating])
        for ref, t in tasks.items()
    }
    assert names["II.1.a"] == ([POLICE], [DEPARTMENTS, COMMUNES])
    assert names["II.1.b"] == (
        ["Sở Văn hóa, Thể thao và Du lịch"],
        [
            POLICE,
            "Sở Tư pháp",
            "Sở Khoa học và Công nghệ",
            "Báo và Phát thanh, Truyền hình Bắc Lâm",
            COMMUNES,
        ],
    )
    assert names["II.2"] == ([POLICE], [DEPARTMENTS, COMMUNES])
    assert names["II.3"] == ([POLICE], [DEPARTMENTS, COMMUNES])
    assert names["II.4"] == ([DEPARTMENTS, COMMUNES], [POLICE])
    assert names["II.5"] == ([POLICE], [DEPARTMENTS, COMMUNES])
    assert all(t.source == "labelled" for t in tasks.values())


def test_seed_004_timings_are_as_written(resolver) -> None:
    tasks = _by_ref(parse_bytes(seed("004"), resolver))
    kinds = {ref: t.timing.kind for ref, t in tasks.items()}
    assert kinds == {
        "II.1.a": "continuous",
        "II.1.b": "continuous",
        "II.2": "on_request",
        "II.3": "continuous",
        "II.4": "continuous",
        "II.5": "quarter",
    }
    assert tasks["II.5"].timing.due == date(2026, 6, 30)  # end of Q2 2026
    assert tasks["II.5"].timing.text == "Quý II năm 2026"
    assert tasks["II.1.a"].timing.period == "quarter"  # continuous work is checked in quarterly


def test_seed_004_header_is_read_with_its_blank_number_and_date_flagged(resolver) -> None:
    header = parse_bytes(seed("004"), resolver).plan
    assert header.number == "/KH-UBND"  # not yet numbered when the draft was written
    assert "number" in header.uncertain
    assert header.place == "Thái Nguyên"
    assert header.date is None and "date" in header.uncertain  # "ngày   tháng 4 năm 2026"
    assert header.date_text.endswith("tháng 4 năm 2026")
    assert (
        header.title
        == "Triển khai thi hành Luật Bảo vệ bí mật nhà nước trên địa bàn tỉnh Thái Nguyên"
    )
    assert header.issuer == "UBND tỉnh Thái Nguyên"
    assert (
        header.legal_basis[0] == "Quyết định số 452/QĐ-TTg ngày 17/3/2026 của Thủ tướng Chính phủ"
    )
    assert header.signer == "Vương Quốc Tuấn"
    assert "Thường trực Tỉnh ủy" in header.recipients
    assert "4 rõ" in header.purposes


def test_seed_000_gives_nine_tasks_of_part_two(resolver) -> None:
    tasks = parse_bytes(seed("000"), resolver).tasks
    part_two = [t for t in tasks if t.ref.startswith("II.")]
    assert [t.ref for t in part_two] == [f"II.{n}" for n in range(1, 10)]
    assert part_two[0].content.startswith("Thường xuyên phổ biến, quán triệt")
    assert part_two[8].content.startswith("Chú trọng sơ kết, tổng kết")
    # part II names no lead: every task is flagged for the supervisor
    assert all(not t.lead and "lead" in t.uncertain for t in part_two)


def test_seed_000_part_three_duties_become_tasks_led_by_their_agency(resolver) -> None:
    tasks = {t.ref: t for t in parse_bytes(seed("000"), resolver).tasks if t.ref.startswith("III.")}
    police = [t for ref, t in tasks.items() if ref.startswith("III.1.")]
    assert len(police) == 6
    assert all([p.name for p in t.lead] == [POLICE] for t in police)
    assert all(t.source == "duty_section" for t in tasks.values())
    assert police[-1].content.startswith("Hàng năm, lập dự toán kinh phí")
    assert police[-1].timing.kind == "continuous" and police[-1].timing.period == "year"
    departments = [t for ref, t in tasks.items() if ref.startswith("III.2.")]
    assert len(departments) == 4
    assert departments[0].lead[0].name == DEPARTMENTS
    # a duty that names its own lead keeps it
    assert [p.name for p in departments[3].lead] == ["Sở Tài chính"]
    assert (
        departments[2].lead[0].words == "Sở Thông tin và Truyền thông"
    )  # merged in 2025: unresolved
    assert not departments[2].lead[0].resolved
    party_bodies = tasks["III.3"]
    assert "Văn phòng Tỉnh ủy" in [p.name for p in party_bodies.lead]
    assert party_bodies.content.startswith("Trong phạm vi quản lý")


def test_seed_000_header_gives_title_legal_basis_issuer_and_signer(resolver) -> None:
    header = parse_bytes(seed("000"), resolver).plan
    assert header.title == "Nâng cao hiệu quả công tác bảo vệ bí mật nhà nước"
    assert header.legal_basis == ["Văn bản số 286/VPCP-NC ngày 01/02/2023 của Văn phòng Chính phủ"]
    assert header.issuer.startswith("UBND tỉnh")
    assert header.signer == "Tống Quang Thìn"

"""Demo reporting: an incident being followed up (a Mật document photographed and sent over a
chat app); this year's annual report with agencies at every step (accepted, awaiting review,
returned, awaiting the head's signature, not started) and the province's report built from it;
Sở Tư pháp's report waits for its head's signature after he returned it once to the officer, and
its officer has a quick ad-hoc request to draft; an ad-hoc request to the communes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from bmnn.org.models import Agency, AgencyGroup, Person, Role
from bmnn.reports import province, services
from bmnn.reports.models import Incident, ReportingPeriod


def load_demo_incidents() -> int:
    if Incident.objects.exists():
        return 0
    health = Agency.objects.get(code="demo-syt")
    officer = Person.objects.get(memberships__agency=health, memberships__role="security_officer")
    supervisor = Person.objects.get(username="giamsat")
    incident = services.report_incident(
        actor=officer,
        agency=health,
        level="mat",
        channel="email_chat",
        found_at=timezone.now() - timedelta(days=2),
        what="Ảnh chụp trang 1 Báo cáo số 156/BC-STP (độ Mật) được gửi vào nhóm Zalo của phòng",
        scope="Nhóm Zalo 23 thành viên, gồm 02 người ngoài cơ quan",
        measures="Đã yêu cầu thu hồi, xóa ảnh; báo cáo Giám đốc Sở và Công an tỉnh",
    )
    services.add_step(
        actor=supervisor,
        incident=incident,
        text="Phòng An ninh chính trị nội bộ đã làm việc với cán bộ liên quan",
    )
    return 1


SITUATION = (
    "Thủ trưởng cơ quan quán triệt, chỉ đạo thực hiện nghiêm Luật Bảo vệ bí mật nhà nước và quy chế "
    "của cơ quan; phân công cán bộ làm công tác bảo vệ bí mật nhà nước bằng văn bản. Việc soạn thảo, "
    "sao, chụp, lưu giữ tài liệu mật thực hiện trên máy tính không kết nối mạng, đăng ký đầy đủ vào sổ."
)
SHORTCOMINGS = (
    "Một số cán bộ còn chủ quan, chưa nắm vững quy định về sao, chụp; tủ, két sắt lưu giữ tài liệu mật "
    "chưa đủ. Nguyên nhân: kinh phí hạn chế, cán bộ kiêm nhiệm thay đổi."
)
LESSONS = "Người đứng đầu trực tiếp chỉ đạo; tự kiểm tra định kỳ giúp phát hiện sớm thiếu sót."
SEND_BACK = "Bổ sung bài học về kiểm tra việc sao, chụp tài liệu mật tại các phòng."
LESSONS_ADDED = "Kiểm tra định kỳ sổ quản lý sao, chụp tài liệu mật tại từng phòng chuyên môn."
PROPOSALS = (
    "Đề nghị Công an tỉnh tiếp tục mở lớp tập huấn nghiệp vụ cho cán bộ làm công tác bảo mật."
)


def _pair(agency: Agency) -> tuple[Person, Person] | None:
    people = {
        m.role: m.person
        for m in agency.memberships.filter(
            is_active=True, role__in=[Role.HEAD, Role.SECURITY_OFFICER]
        ).select_related("person")
    }
    if Role.HEAD in people and Role.SECURITY_OFFICER in people:
        return people[Role.SECURITY_OFFICER], people[Role.HEAD]
    return None


def _activity(officer: Person, agency: Agency, index: int, today: date) -> None:
    """A year's worth of small records for an agency, so its report's figures come from data:
    a training session and a few secret documents received from the province."""
    from bmnn.inspections.services import record_training
    from bmnn.registry.services import register_incoming

    held = today - timedelta(days=20 + 9 * index)
    record_training(
        actor=officer,
        agency=agency,
        kind="training" if index % 2 else "dissemination",
        title="Phổ biến Luật Bảo vệ bí mật nhà nước năm 2025 và Nghị định 63/2026/NĐ-CP",
        held_on=held,
        participants={"lãnh đạo": 2 + index % 3, "cán bộ, công chức": 15 + 4 * (index % 5)},
    )
    for n in range(1 + index % 3):
        day = today - timedelta(days=5 + 13 * n + index)
        register_incoming(
            actor=officer,
            agency=agency,
            level="toi_mat" if (index + n) % 4 == 0 else "mat",
            issuer_name="Ủy ban nhân dân tỉnh",
            number=f"{30 + index * 3 + n}/KH-UBND",
            doc_date=day,
            doc_type="Kế hoạch",
            received_on=day,
            summary="Kế hoạch bảo đảm an ninh, trật tự",
        )


def _write(
    officer: Person,
    head: Person,
    period: ReportingPeriod,
    agency: Agency,
    stop: str,
    corrections: dict[str, tuple[Any, str]] | None = None,
) -> None:
    """Takes one agency's report through the workflow up to `stop`."""
    supervisor = Person.objects.get(username="giamsat")
    draft = services.start_submission(actor=officer, period=period, agency=agency)
    answers = ["Đã rà soát; không có máy tính soạn thảo tài liệu mật từng kết nối Internet."] * len(
        draft.answers
    )
    draft = services.save_submission(
        actor=officer,
        submission=draft,
        revision=draft.revision,
        situation=SITUATION,
        shortcomings=SHORTCOMINGS,
        lessons=LESSONS,
        proposals=PROPOSALS,
        answers=answers,
        corrections=corrections,
    )
    if stop == "draft":
        return
    draft = services.submit(actor=officer, submission=draft)
    if stop == "submitted":
        return
    if stop == "back_and_resubmitted":
        # the head returned it once with the reason; the officer corrected it and submitted it
        # again: it waits for the head's signature, the return in its history
        back = services.send_back(actor=head, submission=draft, comment=SEND_BACK)
        back = services.save_submission(
            actor=officer,
            submission=back,
            revision=back.revision,
            lessons=LESSONS + " " + LESSONS_ADDED,
        )
        services.submit(actor=officer, submission=back)
        return
    signed = services.sign(actor=head, submission=draft)
    if stop == "accepted":
        services.review(actor=supervisor, submission=signed, accept=True)
    elif stop == "returned":
        services.review(
            actor=supervisor,
            submission=signed,
            accept=False,
            comment="Bổ sung số liệu tập huấn tại các phòng chuyên môn và kết quả tự kiểm tra.",
        )


def _ad_hoc(
    supervisor: Person, year: int, today: date, title: str, days: int, question: str, **targets: Any
) -> ReportingPeriod:
    """An ad-hoc request from the start of the year to today, due in `days`, with one question,
    to the `agencies` or `groups` named in `targets`."""
    return services.create_period(
        actor=supervisor,
        kind="ad_hoc",
        year=year,
        title=title,
        window_start=date(year, 1, 1),
        window_end=today,
        due_on=today + timedelta(days=days),
        questions=[question],
        **targets,
    )


def _quick_request(
    supervisor: Person, year: int, today: date, justice: Agency, officer: Person
) -> None:
    """An ad-hoc request to two departments due in a week; Sở Tư pháp's officer has started
    the draft (figures filled, the narrative still to write)."""
    health = Agency.objects.filter(code="demo-syt").first()
    request = _ad_hoc(
        supervisor,
        year,
        today,
        "Báo cáo nhanh việc sao, chụp tài liệu mật",
        7,
        "Việc sao, chụp tài liệu mật có được thủ trưởng cho phép bằng văn bản và ghi sổ đầy đủ không?",
        agencies=[a for a in (justice, health) if a is not None],
    )
    services.start_submission(actor=officer, period=request, agency=justice)


def load_demo_reporting() -> int:
    """This year's annual period (the window that holds today) and an ad-hoc request."""
    if ReportingPeriod.objects.exists():
        return 0
    today = timezone.localdate()
    year = today.year + 1 if today > date(today.year, 12, 14) else today.year
    supervisor = Person.objects.get(username="giamsat")
    period = services.create_period(actor=supervisor, kind="annual", year=year)
    agencies = list(services.expected_agencies(period).order_by("code"))
    plan = ["accepted"] * 14 + ["signed"] * 3 + ["returned", "submitted"]
    first = {"demo-syt": 0, "demo-stc": 1}  # agencies with inspections and incidents in the demo
    agencies.sort(key=lambda a: first.get(a.code, 2))
    steps = 0
    for agency, stop in zip([a for a in agencies if a.code != "demo-stp"], plan, strict=False):
        pair = _pair(agency)
        if pair is None:
            continue
        _activity(pair[0], agency, steps, today)
        corrections = (
            {"trainings": ("2", "01 buổi lồng ghép tại hội nghị cán bộ chưa nhập vào hệ thống")}
            if stop == "returned"
            else {}
        )
        _write(*pair, period, agency, stop, corrections)
        steps += 1
    justice = Agency.objects.get(code="demo-stp")
    pair = _pair(justice)
    if pair is not None:
        _write(*pair, period, justice, "back_and_resubmitted")
        _quick_request(supervisor, year, today, justice, pair[0])
    province.build(actor=supervisor, period=period)
    communes = AgencyGroup.objects.filter(code="ubnd-xa-phuong").first()
    if communes is not None:
        request = _ad_hoc(
            supervisor,
            year,
            today,
            "Rà soát máy tính dùng soạn thảo tài liệu mật cấp xã",
            10,
            "Số máy tính dùng soạn thảo, lưu giữ tài liệu mật; có máy nào từng kết nối Internet không?",
            groups=[communes],
        )
        for agency in list(services.expected_agencies(request).order_by("code"))[:3]:
            pair = _pair(agency)
            if pair is not None:
                _write(*pair, request, agency, "signed")
    return steps

"""Demo registers for tỉnh Bắc Lâm: a catalogue, and at Sở Tư pháp documents received, issued,
copied and provided, each through the services, so the books have real lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from bmnn.org.models import Agency, Person, Role
from bmnn.registry import services
from bmnn.registry.models import (
    Catalogue,
    CatalogueItem,
    Copy,
    CopyForm,
    CopyRequest,
    Meeting,
    SecretItem,
)

CATALOGUE = "Quyết định số 1295/QĐ-TTg (mô phỏng, dùng cho dữ liệu mẫu)"
REMOVAL = "Quyết định số 2012/QĐ-TTg (mô phỏng): bỏ mục 2.3 khỏi danh mục"
INCOMING = [
    # (issuer, number, date, type, summary, level, receiving unit or person); the first line,
    # received before 01/3/2026, prints in the Circular 24/2020 layout, the others in Decree 63's
    (
        "Bộ Tư pháp",
        "38/BTP-VP",
        date(2026, 2, 9),
        "Công văn",
        "Tổng kết công tác bảo vệ bí mật nhà nước năm 2025",
        "mat",
        "Văn phòng Sở — Nguyễn Thị Hoa",
    ),
    (
        "Bộ Tư pháp",
        "215/BTP-VP",
        date(2026, 3, 12),
        "Công văn",
        "Hướng dẫn lập hồ sơ bí mật thi hành án",
        "mat",
        "Phòng Bổ trợ tư pháp — Vũ Đức Hiếu",
    ),
    (
        "Công an tỉnh Bắc Lâm",
        "88/KH-CAT-ANCTNB",
        date(2026, 9, 9),
        "Kế hoạch",
        "Bảo đảm an toàn máy tính soạn thảo văn bản mật",
        "toi_mat",
        "Văn phòng Sở — Nguyễn Thị Hoa",
    ),
    (
        "Văn phòng Tỉnh ủy",
        "12-TB/VPTU",
        date(2026, 10, 2),
        "Thông báo",
        "Ý kiến chỉ đạo của Thường trực Tỉnh ủy",
        "tuyet_mat",
        "Giám đốc Sở — Trần Văn Định",
    ),
    (
        "UBND tỉnh Bắc Lâm",
        "301/UBND-NC",
        date(2026, 11, 3),
        "Công văn",
        "Rà soát danh mục bí mật nhà nước",
        "mat",
        "Phòng Văn bản — Vũ Đức Hiếu",
    ),
]


def load_demo_registry() -> int:
    added = 0 if Catalogue.objects.filter(decision=CATALOGUE).exists() else _load_registers()
    return (
        added
        + _load_meeting_and_trip()
        + _load_recall()
        + _load_catalogue_changes()
        + _load_level_change_notice()
        + _load_copy_requests()
    )


@dataclass
class _Cast:
    """Who acts in the demo registers: Sở Tư pháp's head, security officer and staff member,
    and Sở Y tế's security officer, which receives copies."""

    justice: Agency
    health: Agency
    head: Person
    officer: Person
    staff: Person
    health_officer: Person


def _cast() -> _Cast:
    health = Agency.objects.get(code="demo-syt")
    return _Cast(
        justice=Agency.objects.get(code="demo-stp"),
        health=health,
        head=Person.objects.get(username="thutruong"),
        officer=Person.objects.get(username="baomat"),
        staff=Person.objects.get(username="canbo"),
        health_officer=Person.objects.get(
            memberships__agency=health, memberships__role=Role.SECURITY_OFFICER
        ),
    )


def _issue(
    cast: _Cast,
    *,
    number: str,
    doc_date: date,
    proposer: Person | None = None,
    day: date | None = None,
    recall_by: date | None = None,
    **proposal: Any,
) -> SecretItem:
    """An item of Sở Tư pháp proposed (by its staff member unless `proposer` is named),
    classified by the head under `number` and entered in the outgoing register on `day`, by
    default the day it is dated."""
    proposed = services.propose_item(actor=proposer or cast.staff, agency=cast.justice, **proposal)
    item = services.classify_item(actor=cast.head, item=proposed, number=number, doc_date=doc_date)
    services.register_outgoing(
        actor=cast.officer, item=item, day=day or doc_date, recall_by=recall_by
    )
    return item


def _provide(cast: _Cast, copy: Copy, purpose: str) -> None:
    """A copy provided to Sở Y tế: approved by the head, handed over and received."""
    transfer = services.approve_provision(
        actor=cast.head, copy=copy, to_agency=cast.health, purpose=purpose
    )
    services.hand_over(actor=cast.officer, transfer=transfer)
    services.receive_transfer(actor=cast.health_officer, transfer=transfer)


def _load_registers() -> int:
    cast = _cast()
    justice, health, head, officer = cast.justice, cast.health, cast.head, cast.officer
    catalogue = Catalogue.objects.create(
        sector="Tư pháp", decision=CATALOGUE, issued_on=date(2020, 7, 1)
    )
    mat = CatalogueItem.objects.create(
        catalogue=catalogue,
        code="2.1",
        level="mat",
        text="Hồ sơ, tài liệu về thi hành án hình sự chưa công bố",
    )
    CatalogueItem.objects.create(
        catalogue=catalogue,
        code="1.4",
        level="toi_mat",
        text="Phương án bảo vệ trụ sở, kho lưu trữ hồ sơ mật",
    )
    added = 0
    for issuer, number, day, doc_type, summary, level, receiver in INCOMING:
        services.register_incoming(
            actor=officer,
            agency=justice,
            level=level,
            issuer_name=issuer,
            number=number,
            doc_date=day,
            doc_type=doc_type,
            summary=summary,
            received_on=day,
            receiver=receiver,
        )
        added += 1
    item = _issue(
        cast,
        number="156/BC-STP",
        doc_date=date(2026, 11, 10),
        level="mat",
        catalogue_item=mat,
        doc_type="Báo cáo",
        summary="Kết quả rà soát hồ sơ thi hành án năm 2026",
        recipients="Bộ Tư pháp; Công an tỉnh; Lưu: VT",
        copies_planned=3,
        copy_allowed=True,
    )
    # the copy register: two true copies (one spoiled sheet destroyed), then an extract
    copies = services.authorise_copies(
        actor=head, item=item, count=2, form=CopyForm.TRUE_COPY, purpose="Gửi Sở Y tế phối hợp"
    )
    services.record_copies(
        actor=officer, authorisation=copies, count=2, spoiled=1, recipients="Sở Y tế; Lưu"
    )
    extract = services.authorise_copies(
        actor=head,
        item=item,
        count=1,
        form=CopyForm.EXTRACT,
        purpose="Trích phần số liệu gửi Công an tỉnh",
    )
    services.record_copies(actor=officer, authorisation=extract, count=1, recipients="Công an tỉnh")
    services.attach_file(
        actor=officer,
        item=item,
        name="156-BC-STP.txt",
        data="Báo cáo kết quả rà soát hồ sơ thi hành án năm 2026 (dữ liệu mẫu)".encode(),
    )
    _provide(cast, item.copies.get(kind="copy", number=1), "Phối hợp rà soát hồ sơ")
    services.propose_item(
        actor=cast.staff,
        agency=justice,
        level="mat",
        catalogue_item=mat,
        doc_type="Tờ trình",
        summary="Đề nghị tiêu hủy tài liệu hết giá trị",
        copies_planned=1,
    )
    return added + 3 + SecretItem.objects.filter(agency=health).count()


def _load_meeting_and_trip() -> int:
    """A two-day Tối mật meeting with consent given, and a request to take a Mật document
    abroad that the head endorsed and the Chairman of the People's Committee has to decide."""
    if Meeting.objects.filter(item__agency__code="demo-stp").exists():
        return 0
    cast = _cast()
    justice, head, officer = cast.justice, cast.head, cast.officer
    toi_mat = CatalogueItem.objects.get(catalogue__decision=CATALOGUE, code="1.4")
    meeting_item = services.propose_item(
        actor=officer,
        agency=justice,
        level="toi_mat",
        kind="meeting",
        catalogue_item=toi_mat,
        doc_type="Hội nghị",
        summary="Hội nghị triển khai phương án bảo vệ kho lưu trữ hồ sơ mật",
    )
    services.classify_item(actor=head, item=meeting_item, number="", doc_date=date(2026, 11, 20))
    meeting = services.plan_meeting(
        actor=officer,
        item=meeting_item,
        starts_on=date(2026, 12, 3),
        ends_on=date(2026, 12, 4),
        venue="Phòng họp tầng 3, trụ sở Sở Tư pháp",
        at_headquarters=True,
        protection_plan="Phòng họp kín, micro có dây; không mang điện thoại vào phòng; phát và thu hồi "
        "tài liệu theo danh sách; niêm phong phòng họp cuối mỗi ngày",
        participants="Trần Văn Định — Giám đốc Sở\nNguyễn Thị Hoa — cán bộ bảo mật\n"
        "Trưởng các phòng chuyên môn (05 người)\nĐại diện Phòng An ninh chính trị nội bộ, Công an tỉnh",
    )
    services.consent_to_meeting(actor=head, meeting=meeting, approve=True)
    document = SecretItem.objects.get(agency=justice, number="215/BTP-VP")
    trip = services.request_carry_out(
        actor=cast.staff,
        copy=document.copies.get(number=1),
        purpose="Trao đổi kinh nghiệm thi hành án",
        place="Viêng Chăn, Lào — đoàn công tác của tỉnh",
        until=date(2026, 12, 20),
        protection="Cặp tài liệu có khóa, cán bộ mang theo suốt hành trình",
        abroad=True,
        delegation_leader="Phó Chủ tịch UBND tỉnh, trưởng đoàn",
    )
    services.decide_carry_out(actor=head, request=trip, approve=True)
    return 2


def _load_catalogue_changes() -> int:
    """A catalogue entry removed by a (simulated) Prime Minister's decision: the plan classified
    under it is declassified at Sở Tư pháp and at Sở Y tế, which holds a copy (L18 Art. 22.2.c,
    22.3); and a report partly declassified by the head after a declassification council
    (Art. 22.4, 22.6)."""
    if CatalogueItem.objects.filter(catalogue__decision=CATALOGUE, code="2.3").exists():
        return 0
    cast = _cast()
    supervisor = Person.objects.get(username="giamsat")
    catalogue = Catalogue.objects.get(decision=CATALOGUE)
    entry = services.add_catalogue_entry(
        actor=supervisor,
        catalogue=catalogue,
        code="2.3",
        level="mat",
        text="Kế hoạch kiểm tra thi hành án đối với các vụ việc chưa công bố",
    )
    plan = _issue(
        cast,
        number="170/KH-STP",
        doc_date=date(2026, 11, 12),
        level="mat",
        catalogue_item=entry,
        doc_type="Kế hoạch",
        summary="Kiểm tra thi hành án năm 2026 tại các xã",
        recipients="Sở Y tế; Lưu: VT",
        copies_planned=2,
    )
    _provide(cast, plan.copies.get(number=2), "Phối hợp kiểm tra")
    services.remove_catalogue_entry(
        actor=supervisor, entry=entry, effective_on=date(2026, 12, 1), decision=REMOVAL
    )
    mat = CatalogueItem.objects.get(catalogue=catalogue, code="2.1")
    report = _issue(
        cast,
        number="12/BC-STP",
        doc_date=date(2026, 3, 20),
        level="mat",
        catalogue_item=mat,
        doc_type="Báo cáo",
        summary="Tổng kết công tác thi hành án năm 2025",
    )
    services.declassify(
        actor=cast.head,
        item=report,
        decided_on=date(2026, 11, 25),
        decision="Quyết định số 45/QĐ-STP",
        council=[
            "Trần Văn Định — Giám đốc Sở, Chủ tịch Hội đồng",
            "Nguyễn Thị Hoa — cán bộ bảo mật, Văn phòng Sở",
            "Đại diện Phòng An ninh chính trị nội bộ, Công an tỉnh",
        ],
        minutes="Hội đồng họp ngày 20/11/2026: phần kết quả chung và số liệu tổng hợp đã công bố tại "
        "hội nghị tổng kết, không còn gây nguy hại; đề nghị giải mật hai phần này, giữ độ Mật phần còn lại",
        partial=True,
        parts="Phần I (kết quả chung) và Phụ lục 2 (số liệu tổng hợp toàn tỉnh)",
    )
    return 3


def _load_recall() -> int:
    """Recalls ("Tài liệu thu hồi", ND26 Art. 4.4), dated from the day the demo is loaded:
    156/BC-STP recalled from its recipients — Sở Y tế has returned its copy, Bộ Tư pháp and
    Công an tỉnh have until the date — and a plan sent with the mark whose returns are overdue."""
    cast = _cast()
    if SecretItem.objects.filter(agency=cast.justice, recalls__isnull=False).exists():
        return 0
    justice, health, head, officer = cast.justice, cast.health, cast.head, cast.officer
    today = timezone.localdate()
    report = SecretItem.objects.get(agency=justice, number="156/BC-STP")
    recall = services.decide_recall(
        actor=head,
        item=report,
        return_by=today + timedelta(days=14),
        reason="Số liệu phải chỉnh lý; thay bằng báo cáo bổ sung",
    )
    services.record_recall_return(
        actor=officer,
        line=recall.returns.get(to_agency=health),
        note="Đủ 01 bản, còn nguyên niêm phong",
    )
    mat = CatalogueItem.objects.get(catalogue__decision=CATALOGUE, code="2.1")
    sent_on = today - timedelta(days=40)
    plan = _issue(
        cast,
        number="160/KH-STP",
        doc_date=sent_on,
        recall_by=today - timedelta(days=10),
        level="mat",
        catalogue_item=mat,
        doc_type="Kế hoạch",
        summary="Kiểm tra chéo hồ sơ thi hành án (dự thảo lấy ý kiến)",
        recipients="UBND tỉnh Bắc Lâm; Lưu: VT",
        copies_planned=2,
    )
    _provide(cast, plan.copies.get(number=2), "Lấy ý kiến, trả lại sau khi góp ý")
    return 2


def _load_level_change_notice() -> int:
    """A Tối mật plan of Sở Tư pháp determined in 2016, extended by 20 years this week and held
    by Sở Y tế; today the head lowers it to Mật and keeps the extended end (LAW.md lifecycle 9).
    Sở Y tế's copy has taken the new level and end, and its re-marking notice is pending with
    its 15-day deadline (L18 Art. 21.5; L25 Art. 21)."""
    cast = _cast()
    if SecretItem.objects.filter(agency=cast.justice, number="42/KH-STP").exists():
        return 0
    head = cast.head
    today = timezone.localdate()
    entry = (
        CatalogueItem.objects.filter(
            catalogue__decision=CATALOGUE, level="toi_mat", removed_on__isnull=True
        )
        .order_by("code")
        .first()
    )
    if entry is None:
        return 0
    plan = _issue(
        cast,
        proposer=cast.officer,
        number="42/KH-STP",
        doc_date=date(2016, 3, 14),
        day=today - timedelta(days=3),
        level="toi_mat",
        catalogue_item=entry,
        doc_type="Kế hoạch",
        summary="Bảo vệ kho lưu trữ hồ sơ thi hành án",
        recipients="Sở Y tế; Lưu: VT",
        copies_planned=2,
    )
    services.extend_protection(
        actor=head,
        item=plan,
        new_end=date(2056, 3, 14),
        decided_on=today,
        decision="Quyết định số 611/QĐ-STP",
    )
    _provide(cast, plan.copies.get(number=2), "Phối hợp bảo vệ kho lưu trữ")
    services.change_level(
        actor=head,
        item=plan,
        new_level="mat",
        decided_on=today,
        decision="Quyết định số 612/QĐ-STP",
    )
    return 2


def _load_copy_requests() -> int:
    """Two requests to copy awaiting a decision: the staff member asks the head for photographs
    of the Mật report, and the head asks the Chairman of the provincial People's Committee for a
    copy of the Tuyệt mật notice, which a department head may not authorise (L18 Art. 11.1)."""
    justice = Agency.objects.get(code="demo-stp")
    if CopyRequest.objects.filter(item__agency=justice).exists():
        return 0
    report = SecretItem.objects.filter(agency=justice, number="156/BC-STP").first()
    notice = SecretItem.objects.filter(agency=justice, number="12-TB/VPTU").first()
    if report is None or notice is None:
        return 0
    services.request_copies(
        actor=Person.objects.get(username="canbo"),
        item=report,
        count=2,
        form=CopyForm.PHOTO,
        purpose="Chụp phần số liệu gửi Đoàn kiểm tra của tỉnh",
    )
    services.request_copies(
        actor=Person.objects.get(username="thutruong"),
        item=notice,
        count=1,
        purpose="Sao 01 bản gửi Phó Giám đốc phụ trách để triển khai",
    )
    return 2

"""Demo inspections, training and legal library for tỉnh Bắc Lâm (through the services)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from bmnn.inspections import services
from bmnn.inspections.models import Inspection, LegalDocument
from bmnn.org.models import Agency, Person

# A text of the library: its kind, number, title, issuer, issue date, first and last day in force.
LIBRARY_FIELDS = (
    "kind",
    "number",
    "title",
    "issuer",
    "issued_on",
    "effective_from",
    "effective_to",
)
LIBRARY = [
    (
        "law",
        "29/2018/QH14",
        "Luật Bảo vệ bí mật nhà nước",
        "Quốc hội",
        date(2018, 11, 15),
        date(2020, 7, 1),
        date(2026, 2, 28),
    ),
    (
        "law",
        "117/2025/QH15",
        "Luật Bảo vệ bí mật nhà nước (sửa đổi)",
        "Quốc hội",
        date(2025, 12, 10),
        date(2026, 3, 1),
        None,
    ),
    (
        "decree",
        "26/2020/NĐ-CP",
        "Nghị định quy định chi tiết một số điều của Luật Bảo vệ bí mật nhà nước",
        "Chính phủ",
        date(2020, 2, 28),
        date(2020, 7, 1),
        date(2026, 2, 28),
    ),
    (
        "decree",
        "63/2026/NĐ-CP",
        "Nghị định quy định chi tiết và hướng dẫn thi hành Luật Bảo vệ bí mật nhà nước",
        "Chính phủ",
        date(2026, 2, 28),
        date(2026, 3, 1),
        None,
    ),
    (
        "circular",
        "24/2020/TT-BCA",
        "Thông tư ban hành biểu mẫu sử dụng trong công tác bảo vệ bí mật nhà nước",
        "Bộ Công an",
        date(2020, 3, 10),
        date(2020, 7, 1),
        None,
    ),
    (
        "directive",
        "32/CT-TTg",
        "Chỉ thị về tăng cường công tác bảo vệ bí mật nhà nước",
        "Thủ tướng Chính phủ",
        date(2025, 10, 21),
        date(2025, 10, 21),
        None,
    ),
    (
        "plan",
        "452/QĐ-TTg",
        "Kế hoạch triển khai thi hành Luật Bảo vệ bí mật nhà nước",
        "Thủ tướng Chính phủ",
        date(2026, 3, 17),
        date(2026, 3, 17),
        None,
    ),
    (
        "catalogue",
        "1295/QĐ-TTg",
        "Danh mục bí mật nhà nước lĩnh vực tư pháp (mô phỏng)",
        "Thủ tướng Chính phủ",
        date(2020, 7, 1),
        date(2020, 7, 1),
        None,
    ),
]


def load_demo_inspections() -> int:
    if Inspection.objects.filter(
        title__startswith="Kiểm tra công tác bảo vệ BMNN năm 2026"
    ).exists():
        return 0
    supervisor = Person.objects.get(username="giamsat")
    inspector = Person.objects.get(username="thanhtra")
    officer = Person.objects.get(username="baomat")
    codes = ["demo-stp", "demo-syt", "demo-stc"]
    agencies = list(Agency.objects.filter(code__in=codes).order_by("code"))
    today = timezone.localdate()
    inspection = services.create_inspection(
        actor=supervisor,
        kind="inspection",
        title="Kiểm tra công tác bảo vệ BMNN năm 2026 tại 03 sở",
        year=2026,
        decision="Quyết định số 45/QĐ-CAT",
        scope="Việc thực hiện Luật số 117/2025/QH15 và kế hoạch của UBND tỉnh",
        period_from=date(2025, 1, 1),
        period_to=date(2026, 10, 31),
        on_site_from=today - timedelta(days=6),
        on_site_to=today + timedelta(days=4),
        agencies=agencies,
        leader=inspector,
    )
    justice = inspection.targets.get(agency__code="demo-stp")
    for code, result, evidence in [
        (
            "registers.books",
            "not_compliant",
            "Sổ đăng ký đến năm 2026 thiếu chữ ký nhận từ số 14 đến 20",
        ),
        ("classification.marking", "compliant", "Dấu độ mật đúng mẫu, mực đỏ"),
        (
            "computers.offline",
            "not_compliant",
            "Máy tính xách tay STP-LT-03 dùng soạn thảo dự thảo báo cáo độ Mật đang kết nối Internet qua Wi-Fi của cơ quan",
        ),
        (
            "computers.media",
            "compliant",
            "USB-MAT-01 có trong sổ đăng ký; USB lạ trên máy STP-MT-01 đã được thu hồi",
        ),
        (
            "ai.no_secrets",
            "compliant",
            "Có văn bản quán triệt không đưa tài liệu mật vào công cụ AI; kiểm tra ngẫu nhiên lịch sử trình duyệt 05 máy tính, không phát hiện vi phạm",
        ),
        (
            "budget.estimate",
            "compliant",
            "Dự toán năm 2026 của Sở có mục chi mua két sắt, máy hủy tài liệu và tập huấn bảo vệ bí mật nhà nước",
        ),
        (
            "meetings.protection",
            "not_applicable",
            "Không tổ chức hội nghị có nội dung bí mật trong kỳ",
        ),
    ]:
        services.answer(
            actor=inspector,
            target=justice,
            item=inspection.items.get(code=code),
            result=result,
            evidence=evidence,
        )
    finding = services.record_finding(
        actor=inspector,
        target=justice,
        item=inspection.items.get(code="registers.books"),
        severity="medium",
        description="Sổ đăng ký bí mật nhà nước đến thiếu chữ ký nhận của người nhận tài liệu",
        rule="ND26 Art. 4",
        deadline=today + timedelta(days=20),
        responsible=officer,
    )
    services.post_remediation(
        actor=officer, finding=finding, text="Đã bổ sung chữ ký nhận cho các số 14–20"
    )
    services.record_finding(
        actor=inspector,
        target=justice,
        item=inspection.items.get(code="computers.offline"),
        severity="high",
        description="Máy tính xách tay STP-LT-03 đang kết nối Internet được dùng soạn thảo tài liệu độ Mật",
        rule="L25 Art. 5.2",
        deadline=today + timedelta(days=7),
        responsible=officer,
    )
    services.record_training(
        actor=officer,
        agency=justice.agency,
        kind="training",
        title="Tập huấn Luật Bảo vệ bí mật nhà nước số 117/2025/QH15",
        held_on=today - timedelta(days=40),
        audience="Lãnh đạo, cán bộ bảo mật, văn thư",
        participants={"lãnh đạo": 3, "cán bộ, công chức": 24},
        attendees=list(Person.objects.filter(username__in=["thutruong", "baomat", "canbo"])),
    )
    for row in LIBRARY:
        text: dict[str, Any] = dict(zip(LIBRARY_FIELDS, row, strict=True))
        if not LegalDocument.objects.filter(number=text["number"]).exists():
            sector = "Tư pháp" if text["kind"] == "catalogue" else ""
            services.save_legal_document(actor=supervisor, sector=sector, **text)
    return 1

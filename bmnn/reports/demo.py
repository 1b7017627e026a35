"""A demo incident: a Mật document photographed and sent over a chat app, being followed up."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from bmnn.org.models import Agency, Person
from bmnn.reports import services
from bmnn.reports.models import Incident


def load_demo_incidents() -> int:
    if Incident.objects.exists():
        return 0
    health = Agency.objects.get(code="demo-syt")
    officer = Person.objects.get(memberships__agency=health, memberships__role="security_officer")
    supervisor = Person.objects.get(username="giamsat")
    incident = services.report_incident(
        actor=officer, agency=health, level="mat", channel="email_chat", found_at=timezone.now() - timedelta(days=2),
        what="Ảnh chụp trang 1 Báo cáo số 156/BC-STP (độ Mật) được gửi vào nhóm Zalo của phòng",
        scope="Nhóm Zalo 23 thành viên, gồm 02 người ngoài cơ quan",
        measures="Đã yêu cầu thu hồi, xóa ảnh; báo cáo Giám đốc Sở và Công an tỉnh",
    )  # fmt: skip
    services.add_step(
        actor=supervisor,
        incident=incident,
        text="Phòng An ninh chính trị nội bộ đã làm việc với cán bộ liên quan",
    )
    return 1

"""Incident reports: filed at once by the agency, every supervisor told; follow-up and closure;
opened by a loss recorded in the registry and, in one click, from a leak-scanner finding."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import AgencyType, Role
from bmnn.reports import services
from bmnn.reports.models import Incident
from bmnn.reports.tests import builders
from bmnn.scanner.tests.builders import stored_finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(province):
    return province(
        "health supervisor",
        inspector=("police", Role.INSPECTOR, "Hồ Văn Tra"),
        staff="staff",
        head="head",
        officer="officer",
        health_staff=("health", Role.STAFF, "Phạm Quỳnh Anh"),
        clearance={
            "supervisor": "tuyet_mat",
            "inspector": "toi_mat",
            "staff": "mat",
            "head": "tuyet_mat",
            "officer": "toi_mat",
        },
        types={"police": AgencyType.DEPARTMENT},
    )


def test_an_agency_reports_and_every_supervisor_is_told(people, client_for) -> None:
    client = client_for(people["staff"])
    response = client.post(
        "/reports/incidents/new/",
        {
            "agency": people["justice"].pk,
            "what": "Mất 01 bản sao Kế hoạch số 12/KH-STP",
            "level": "mat",
            "found_at": (timezone.localtime() - timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
            "channel": "lost_document",
            "measures": "Đã báo cáo lãnh đạo, rà soát nơi lưu giữ",
        },
    )
    assert response.status_code == 302, response.content.decode()[-500:]
    incident = Incident.objects.get()
    assert incident.reported_by == people["staff"] and incident.status == "open"
    assert Notification.objects.filter(
        recipient=people["supervisor"], key=f"incident-{incident.pk}"
    ).exists()
    assert Notification.objects.filter(recipient=people["head"]).exists()
    assert (
        client_for(people["health_staff"]).get(f"/reports/incidents/{incident.pk}/").status_code
        == 404
    )
    with pytest.raises(NotAllowed):
        builders.incident(people["health_staff"], people["justice"])
    with pytest.raises(ValidationError):
        builders.incident(
            people["staff"], people["justice"], found_at=timezone.now() + timedelta(days=1)
        )


def test_follow_up_and_closure_by_a_supervisor(people) -> None:
    incident = builders.incident(
        people["officer"], people["justice"], what="Tài liệu bị chụp ảnh", channel="email_chat"
    )
    services.add_step(actor=people["officer"], incident=incident, text="Đã xác minh người chụp")
    with pytest.raises(NotAllowed):
        services.add_step(actor=people["officer"], incident=incident, text="Kết thúc", close=True)
    services.add_step(
        actor=people["supervisor"], incident=incident, text="Đã xử lý kỷ luật; kết thúc", close=True
    )
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.steps.count() == 2
    with pytest.raises(ValidationError):
        services.add_step(actor=people["officer"], incident=incident, text="thêm")
    assert set(
        AuditEvent.objects.filter(action__startswith="incident.").values_list("action", flat=True)
    ) == {"incident.report", "incident.step", "incident.close"}


def test_a_loss_recorded_in_the_registry_opens_an_incident(people) -> None:
    from bmnn.registry import services as registry

    entry = registry.register_incoming(
        actor=people["officer"],
        agency=people["justice"],
        level="mat",
        issuer_name="Bộ Tư pháp",
        number="5/BTP",
        doc_date=date(2026, 4, 1),
    )
    registry.report_lost(
        actor=people["officer"], copy=entry.item.copies.get(), what="Thất lạc khi chuyển phòng"
    )
    incident = Incident.objects.get()
    assert (
        incident.source == "registry"
        and incident.level == "mat"
        and incident.channel == "lost_document"
    )
    assert "5/BTP" in incident.what


def test_a_scanner_finding_opens_an_incident_in_one_click(people, client_for) -> None:

    finding = stored_finding("https://baclam.example/van-ban/1.pdf", "ab" * 32, "toi_mat", 0.95)
    response = client_for(people["supervisor"]).post(
        f"/scanner/findings/{finding.pk}/",
        {
            "action": "incident",
            "agency": people["justice"].pk,
            "incident-agency": people["justice"].pk,
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/incidents/{incident.pk}/"
    assert (
        incident.source == "scanner"
        and incident.channel == "web_portal"
        and incident.level == "toi_mat"
    )
    assert incident.source_ref == finding.url


def test_incidents_are_reported_read_and_closed_through_the_api(people, client_for) -> None:
    staff = client_for(people["staff"])
    made = staff.post(
        "/api/incidents/",
        {
            "agency": people["justice"].pk,
            "what": "Mất USB chứa tài liệu Mật",
            "level": "mat",
            "found_at": timezone.now().isoformat(),
            "channel": "stolen_device",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    incident_id = made.json()["id"]
    assert (
        client_for(people["health_staff"]).get(f"/api/incidents/{incident_id}/").status_code == 404
    )
    assert (
        staff.post(
            "/api/incidents/",
            {
                "agency": people["health"].pk,
                "what": "x",
                "found_at": timezone.now().isoformat(),
                "channel": "other",
            },
            content_type="application/json",
        ).status_code
        == 403
    )
    closed = client_for(people["supervisor"]).post(
        f"/api/incidents/{incident_id}/steps/",
        {"text": "Đã xử lý", "close": True},
        content_type="application/json",
    )
    assert (
        closed.status_code == 200
        and closed.json()["status"] == "closed"
        and len(closed.json()["steps"]) == 1
    )


def test_every_supervisor_is_e_mailed_through_the_lan_mail_server(
    people, make_person, settings, django_capture_on_commit_callbacks
) -> None:
    from tests.smtp import smtp_server

    people["supervisor"].email = "giamsat@congan.baclam.gov.vn"
    people["supervisor"].save()
    second = make_person(
        people["supervisor"].memberships.get().agency, Role.SUPERVISOR, "Hoàng Văn Trực"
    )
    second.email = "truc@congan.baclam.gov.vn"
    second.save()
    with smtp_server() as (port, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.BMNN_SEND_EMAIL = "127.0.0.1", port, True
        settings.BMNN_BASE_URL = "http://bmnn.congan.local"
        with django_capture_on_commit_callbacks(execute=True):
            incident = builders.incident(
                people["staff"],
                people["justice"],
                level="mat",
                what="Mất 01 bản sao Kế hoạch số 12/KH-STP",
                channel="lost_document",
            )
        received = mailbox.wait_for(1, timeout=5)
    assert len(received) == 1
    assert set(received[0].recipients) == {
        "giamsat@congan.baclam.gov.vn",
        "truc@congan.baclam.gov.vn",
    }
    assert "Sở Tư pháp" in str(received[0].message["Subject"])
    assert (
        f"http://bmnn.congan.local/reports/incidents/{incident.pk}/"
        in received[0].message.get_content()
    )
    in_app = Notification.objects.filter(key=f"incident-{incident.pk}").values_list(
        "recipient_id", flat=True
    )
    assert {people["supervisor"].pk, second.pk} <= set(in_app)


def test_the_badge_poll_shows_the_newest_unread_notification(people, client_for) -> None:
    poll = client_for(people["supervisor"]).get("/notifications/poll/")
    assert poll.json() == {"unread": 0, "latest": None}
    incident = builders.incident(
        people["staff"], people["justice"], what="Mất USB", channel="stolen_device"
    )
    poll = client_for(people["supervisor"]).get("/notifications/poll/").json()
    assert poll["unread"] == 1 and poll["latest"]["url"] == f"/reports/incidents/{incident.pk}/"
    assert client_for(people["health_staff"]).get("/notifications/poll/").json()["unread"] == 0


def _tuyet_mat_incident(people) -> Incident:
    return builders.incident(
        people["head"],
        people["justice"],
        level="tuyet_mat",
        what="Lộ nội dung Đề án số 3/ĐA-TM về phòng thủ",
        channel="email_chat",
    )


def test_an_incident_is_read_only_within_the_readers_clearance(people, client_for) -> None:
    """Issue 13, finding 2: staff with Mật and an inspector with Tối mật clearance read a Tuyệt
    mật incident on its page, in the list and through the API (list and detail)."""
    incident = _tuyet_mat_incident(people)
    for reader in ("staff", "officer", "inspector"):
        client = client_for(people[reader])
        assert client.get(f"/reports/incidents/{incident.pk}/").status_code == 404, reader
        assert "Đề án số 3" not in client.get("/reports/incidents/").content.decode(), reader
        assert client.get(f"/api/incidents/{incident.pk}/").status_code == 404, reader
        assert client.get("/api/incidents/").json()["count"] == 0, reader
    for reader in ("head", "supervisor"):
        client = client_for(people[reader])
        assert "Đề án số 3" in client.get(f"/reports/incidents/{incident.pk}/").content.decode()
        assert client.get("/api/incidents/").json()["count"] == 1


def test_nobody_follows_up_an_incident_above_their_clearance(people) -> None:
    incident = _tuyet_mat_incident(people)
    with pytest.raises(NotAllowed):
        services.add_step(actor=people["officer"], incident=incident, text="Đã xác minh")
    services.add_step(actor=people["head"], incident=incident, text="Đã xác minh")


def test_a_reporter_without_the_clearance_is_sent_to_the_list_after_filing(
    people, client_for
) -> None:
    response = client_for(people["staff"]).post(
        "/reports/incidents/new/",
        {
            "agency": people["justice"].pk,
            "what": "Mất bản Tối mật",
            "level": "toi_mat",
            "found_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "channel": "lost_document",
        },
    )
    assert response.status_code == 302 and response.url == "/reports/incidents/"
    assert Incident.objects.filter(level="toi_mat").count() == 1

"""The plan pages: import with a preview, issue, report progress, and who may see what."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.org.models import Person
from bmnn.plans.models import Assignment, Evidence, Plan, PlanStatus
from bmnn.plans.tests.conftest import seed
from bmnn.testing import login

pytestmark = pytest.mark.django_db


def _client(client, username):
    return login(client, Person.objects.get(username=username))


def _preview(client, data: bytes, name: str = "ke-hoach.txt"):
    return client.post(reverse("plans:plan_import"), {"file": SimpleUploadedFile(name, data)})


def _formset_post(html: str) -> dict[str, str]:
    """The preview form as the browser would submit it, unchanged."""
    fields: dict[str, str] = {}
    for match in re.finditer(r"<input[^>]*>", html):
        tag = match.group(0)
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="checkbox"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = value.group(1) if value else ""
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[match.group(1)] = match.group(2).strip()
    for match in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', match.group(2))
        fields[match.group(1)] = chosen.group(1) if chosen else ""
    import html as html_lib

    return {k: html_lib.unescape(v) for k, v in fields.items()}


def test_import_preview_saves_nothing_until_the_reviewer_saves(demo_plans, client) -> None:
    client = _client(client, "giamsat")
    before = Plan.objects.count()
    response = _preview(client, seed("004"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "II.1.a" in page and "Quý II năm 2026" in page
    assert 'data-testid="flag-number"' in page  # "Số: /KH-UBND" has no number yet
    assert Plan.objects.count() == before
    saved = client.post(reverse("plans:plan_import"), _formset_post(page))
    assert saved.status_code == 302
    plan = Plan.objects.latest("pk")
    assert plan.status == PlanStatus.DRAFT
    assert list(plan.tasks.values_list("ref", flat=True)) == [
        "II.1.a",
        "II.1.b",
        "II.2",
        "II.3",
        "II.4",
        "II.5",
    ]
    assert plan.source_name == "ke-hoach.txt" and plan.source_file


def test_a_malformed_upload_gets_a_clear_message_and_nothing_is_saved(demo_plans, client) -> None:
    client = _client(client, "giamsat")
    before = Plan.objects.count()
    response = _preview(client, b"PK\x03\x04broken", "ke-hoach.docx")
    assert response.status_code == 200
    assert "Tệp bị hỏng" in response.content.decode()
    assert Plan.objects.count() == before


def test_agency_staff_cannot_import(demo_plans, client) -> None:
    client = _client(client, "baomat")
    assert client.get(reverse("plans:plan_import")).status_code == 403


def test_draft_plans_are_invisible_to_agencies(demo_plans, client) -> None:
    draft = Plan.objects.get(status=PlanStatus.DRAFT)
    client = _client(client, "baomat")
    assert client.get(reverse("plans:plan_detail", args=[draft.pk])).status_code == 404
    listed = client.get(reverse("plans:plan_list")).content.decode()
    assert Plan.objects.get(status=PlanStatus.ISSUED).title in listed
    assert draft.title not in listed


def test_an_officer_reports_progress_with_evidence_through_the_page(demo_plans, client) -> None:
    client = _client(client, "baomat")
    assignment = Assignment.objects.get(task__ref="II.1.b", agency__code="demo-stp")
    response = client.post(
        reverse("plans:assignment", args=[assignment.pk]),
        {
            "status": "done",
            "note": "Đã phát hành chương trình.",
            "evidence": [SimpleUploadedFile("ct.txt", "Chương trình".encode())],
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "done" and assignment.review == "pending"
    evidence = Evidence.objects.get(update__assignment=assignment, original_name="ct.txt")
    download = client.get(reverse("plans:evidence", args=[evidence.pk]))
    assert b"".join(download.streaming_content).decode() == "Chương trình"


def test_another_agency_can_neither_see_nor_report_on_the_assignment(demo_plans, client) -> None:
    assignment = Assignment.objects.get(task__ref="II.1.b", agency__code="demo-stp")
    evidence = Evidence.objects.filter(update__assignment__agency__code="demo-stp").first()
    health_officer = Person.objects.get(username="demo.syt.officer")
    other = login(client, health_officer)
    assert other.get(reverse("plans:assignment", args=[assignment.pk])).status_code == 404
    response = other.post(
        reverse("plans:assignment", args=[assignment.pk]), {"status": "done", "note": "x"}
    )
    assert response.status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == "in_progress"
    assert other.get(reverse("plans:evidence", args=[evidence.pk])).status_code == 404
    # its own assignment on the same plan stays reachable
    own = Assignment.objects.get(task__ref="II.2.a", agency=health_officer.memberships.get().agency)
    assert other.get(reverse("plans:assignment", args=[own.pk])).status_code == 200


def test_the_lead_sees_its_coordinators_inputs(demo_plans, client) -> None:
    lead = Assignment.objects.get(task__ref="II.1.b", agency__code="demo-stp")
    page = (
        _client(client, "baomat").get(reverse("plans:assignment", args=[lead.pk])).content.decode()
    )
    assert "Công an tỉnh Bắc Lâm" in page  # the coordinating agency of II.1.b


def test_the_matrix_shows_every_assigned_agency_and_its_status(demo_plans, client) -> None:
    client = _client(client, "giamsat")
    plan = Plan.objects.get(status=PlanStatus.ISSUED)
    page = client.get(reverse("plans:matrix"), {"plan": plan.pk}).content.decode()
    assert "Sở Tư pháp" in page and "UBND xã Tân Phú" in page
    assert re.search(r'data-testid="count-blocked">1<', page)
    only_done = client.get(
        reverse("plans:matrix"), {"plan": plan.pk, "status": "done"}
    ).content.decode()
    assert "Sở Nội vụ" in only_done  # its II.2.a is done
    assert "UBND xã Tân Phú" not in only_done
    assert _client(client, "baomat").get(reverse("plans:matrix")).status_code == 200


def test_the_plan_exports_as_xlsx_and_a_docx_progress_report(demo_plans, client) -> None:
    import io

    import docx
    from openpyxl import load_workbook

    plan = Plan.objects.get(status=PlanStatus.ISSUED)
    supervisor = _client(client, "giamsat")
    xlsx = supervisor.get(reverse("plans:plan_xlsx", args=[plan.pk]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("Mục", "Nhiệm vụ", "Cơ quan")
    assert any(r[2] == "Sở Công Thương" and r[4] == "Vướng mắc" for r in rows)
    report = supervisor.get(reverse("plans:plan_docx", args=[plan.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(
        c.text for t in docx.Document(io.BytesIO(report.content)).tables for c in t._cells
    )
    assert "BÁO CÁO" in text and "Chờ hướng dẫn của Bộ Công Thương" in text


def test_an_agency_exports_only_its_own_rows(demo_plans, client) -> None:
    import io

    from openpyxl import load_workbook

    plan = Plan.objects.get(status=PlanStatus.ISSUED)
    officer = _client(client, "baomat")
    rows = list(
        load_workbook(io.BytesIO(officer.get(reverse("plans:plan_xlsx", args=[plan.pk])).content))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    # its own rows, and the police's on the tasks where the two work together
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        ("II.1.a", "Sở Tư pháp", "Phối hợp"),
        ("II.1.b", "Công an tỉnh Bắc Lâm", "Phối hợp"),
        ("II.1.b", "Sở Tư pháp", "Chủ trì"),
        ("II.2.a", "Sở Tư pháp", "Chủ trì"),
        ("II.2.b", "Sở Tư pháp", "Chủ trì"),
        ("II.3", "Công an tỉnh Bắc Lâm", "Phối hợp"),
        ("II.3", "Sở Tư pháp", "Chủ trì"),
    ]
    assert Assignment.objects.filter(task__plan=plan, agency__name="Sở Công Thương").exists()
    assert officer.get(reverse("plans:plan_docx", args=[plan.pk])).status_code == 403


def test_a_task_refused_by_the_service_is_marked_on_its_own_card(demo_plans, client) -> None:
    """create_plan refuses a task whose kind of deadline needs a date it does not have: the
    message sits under that task's due date (even with an earlier task removed), what was
    typed stays, and no plan is saved."""
    client = _client(client, "giamsat")
    before = Plan.objects.count()
    fields = _formset_post(_preview(client, seed("004")).content.decode())
    fields["task-0-DELETE"] = "on"  # the first task is removed: the second is the first saved
    fields["task-1-timing_kind"] = "date"
    fields["task-1-due_date"] = fields["task-1-timing_text"] = ""
    fields["title"] = "Kế hoạch bảo vệ bí mật nhà nước năm 2026 (đã sửa)"
    response = client.post(reverse("plans:plan_import"), fields)
    page = response.content.decode()
    assert response.status_code == 400
    shown = re.search(r'id="id_task-1-due_date_error">([^<]*)<', page)
    assert shown is not None, "the refusal is not under the task's due date"
    assert shown[1].endswith("loại thời hạn này cần có hạn hoàn thành.")
    due = re.search(r'<input[^>]*id="id_task-1-due_date"[^>]*>', page)
    assert (
        due is not None
        and 'aria-describedby="id_task-1-due_date-help id_task-1-due_date_error"' in due[0]
    )
    assert 'id="id_task-0-due_date_error"' not in page
    assert "Chưa lưu gì: hãy sửa các chỗ được đánh dấu bên dưới." in page
    assert 'value="Kế hoạch bảo vệ bí mật nhà nước năm 2026 (đã sửa)"' in page
    assert Plan.objects.count() == before

"""The plans API: same queries and services as the pages, same refusals."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.org.models import Person
from bmnn.plans.models import Assignment, Plan, PlanStatus
from bmnn.testing import login

pytestmark = pytest.mark.django_db


def _as(client, username):
    return login(client, Person.objects.get(username=username))


def test_plan_detail_lists_tasks_with_their_issues(demo_plans, client) -> None:
    plan = Plan.objects.get(status=PlanStatus.DRAFT)
    body = _as(client, "giamsat").get(f"/api/plans/{plan.pk}/").json()
    refs = {t["ref"]: t for t in body["tasks"]}
    assert "no_lead" in refs["II.3"]["issues"]  # the draft's school-computers task names no lead


def test_an_agency_lists_only_its_plans_and_assignments(demo_plans, client) -> None:
    api = _as(client, "baomat")
    plans = api.get("/api/plans/").json()["results"]
    assert Plan.objects.filter(status=PlanStatus.DRAFT).exists()  # there is a draft to hide
    assert [(p["title"], p["status"]) for p in plans] == [
        ("Thực hiện công tác bảo vệ bí mật nhà nước năm 2026 trên địa bàn tỉnh Bắc Lâm", "issued")
    ]
    rows = api.get("/api/assignments/").json()["results"]
    # its own work, and the police's where the department coordinates; not the other agencies'
    assert Assignment.objects.exclude(agency__code__in=["demo-stp", "demo-cat"]).exists()
    assert sorted((r["agency_name"], r["task_ref"]) for r in rows) == [
        ("Công an tỉnh Bắc Lâm", "II.1.b"),
        ("Công an tỉnh Bắc Lâm", "II.3"),
        ("Sở Tư pháp", "II.1.a"),
        ("Sở Tư pháp", "II.1.b"),
        ("Sở Tư pháp", "II.2.a"),
        ("Sở Tư pháp", "II.2.b"),
        ("Sở Tư pháp", "II.3"),
    ]


def test_an_officer_posts_progress_with_evidence_and_another_agency_cannot(
    demo_plans, client
) -> None:
    assignment = Assignment.objects.get(task__ref="II.1.b", agency__code="demo-stp")
    api = _as(client, "baomat")
    response = api.post(
        f"/api/assignments/{assignment.pk}/updates/",
        {"status": "done", "note": "Xong", "evidence": [SimpleUploadedFile("a.txt", b"bien ban")]},
    )
    assert response.status_code == 201, response.content
    assert response.json()["evidence"][0]["original_name"] == "a.txt"
    other = login(client, Person.objects.get(username="demo.syt.officer"))
    refused = other.post(
        f"/api/assignments/{assignment.pk}/updates/", {"status": "blocked", "note": "x"}
    )
    assert refused.status_code == 404


def test_only_the_supervisor_reviews(demo_plans, client) -> None:
    assignment = Assignment.objects.get(task__ref="II.2.a", agency__code="demo-stp")
    url = f"/api/assignments/{assignment.pk}/review/"
    refused = _as(client, "baomat").post(url, {"accept": True}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    accepted = _as(client, "giamsat").post(url, {"accept": True}, content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["review"] == "accepted"

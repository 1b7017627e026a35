"""The head returns a report to the officer through the API as on the page: the same service,
the same refusals, the reason kept in the report's history, and the action in the schema."""

from __future__ import annotations

import pytest

from bmnn.core.models import AuditEvent
from bmnn.org.models import AgencyType, Role
from bmnn.reports import services
from bmnn.reports.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    people = {
        "supervisor": make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát"),
        "head": make_person(justice, Role.HEAD, "Trần Văn Định"),
        "officer": make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
        "health_head": make_person(health, Role.HEAD, "Bùi Văn Thắng"),
    }
    period = services.create_period(actor=people["supervisor"], kind="annual", year=2026)
    draft = services.start_submission(actor=people["officer"], period=period, agency=justice)
    draft = services.save_submission(
        actor=people["officer"], submission=draft, revision=draft.revision, situation="Kết quả"
    )
    return services.submit(actor=people["officer"], submission=draft), people


def _url(submission: Submission) -> str:
    return f"/api/report-submissions/{submission.pk}/send-back/"


def test_the_head_returns_the_report_to_the_officer_through_the_api(submitted, client_for) -> None:
    submission, people = submitted
    answer = client_for(people["head"]).post(
        _url(submission), {"comment": "Bổ sung số liệu thiết bị"}, content_type="application/json"
    )

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["state"] == "draft"
    assert body["events"][-1]["action"] == "return"
    assert body["events"][-1]["comment"] == "Bổ sung số liệu thiết bị"
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.DRAFT
    assert AuditEvent.objects.filter(
        actor=people["head"], action="report.return", object_id=str(submission.pk)
    ).exists()


def test_the_api_send_back_needs_a_reason(submitted, client_for) -> None:
    submission, people = submitted
    answer = client_for(people["head"]).post(
        _url(submission), {"comment": "  "}, content_type="application/json"
    )

    assert answer.status_code == 400
    assert "comment" in answer.json()["errors"]
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.SUBMITTED


@pytest.mark.parametrize("who", ["officer", "supervisor"])
def test_only_the_agencys_head_returns_its_report_through_the_api(
    submitted, client_for, who
) -> None:
    submission, people = submitted
    answer = client_for(people[who]).post(
        _url(submission), {"comment": "Bổ sung"}, content_type="application/json"
    )

    assert answer.status_code == 403
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.SUBMITTED


def test_another_agencys_head_does_not_find_the_report(submitted, client_for) -> None:
    submission, people = submitted
    answer = client_for(people["health_head"]).post(
        _url(submission), {"comment": "Bổ sung"}, content_type="application/json"
    )

    assert answer.status_code == 404
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.SUBMITTED


def test_the_schema_documents_the_send_back_action_and_its_input(submitted, client_for) -> None:
    _submission, people = submitted
    schema = client_for(people["head"]).get("/api/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"]["/api/report-submissions/{id}/send-back/"]["post"]
    reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert reference == "#/components/schemas/SubmissionSendBackInput"
    assert schema["components"]["schemas"]["SubmissionSendBackInput"]["required"] == ["comment"]

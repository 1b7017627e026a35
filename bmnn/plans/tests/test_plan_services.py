"""Plans through their life: create, check "4 rõ", issue (groups expand), report, accept."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import AgencyGroup, AgencyType, Role
from bmnn.plans import queries, rules, services
from bmnn.plans.models import Assignment, Evidence, PlanStatus, Review, Status, Task
from bmnn.plans.services import PartyDraft, TaskDraft

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice = make_agency("Sở Tư pháp")
    health = make_agency("Sở Y tế")
    commune = make_agency("UBND xã Tân Phú", type=AgencyType.COMMUNE)
    group = AgencyGroup.objects.create(
        name="Các sở, ban, ngành", code="so-ban-nganh", agency_types=[AgencyType.DEPARTMENT]
    )
    return {
        "police": police,
        "justice": justice,
        "health": health,
        "commune": commune,
        "group": group,
        "supervisor": make_person(police, Role.SUPERVISOR),
        "justice_head": make_person(justice, Role.HEAD),
        "justice_officer": make_person(justice, Role.SECURITY_OFFICER),
        "health_officer": make_person(health, Role.SECURITY_OFFICER),
    }


def _plan(p, *tasks: TaskDraft):
    return services.create_plan(
        actor=p["supervisor"],
        header={"title": "Kế hoạch thử", "number": "1/KH-UBND"},
        tasks=list(tasks),
    )


def _task(
    ref="II.1", leads=(), coordinating=(), kind="quarter", due=date(2026, 6, 30)
) -> TaskDraft:
    return TaskDraft(
        ref=ref,
        content="Tổ chức tập huấn",
        leads=list(leads),
        coordinating=list(coordinating),
        timing_kind=kind,
        due_date=due,
    )


def test_only_the_supervisor_creates_plans(province) -> None:
    with pytest.raises(NotAllowed):
        services.create_plan(actor=province["justice_head"], header={"title": "X"}, tasks=[])


def test_a_single_agency_lead_makes_its_head_the_responsible_person(province) -> None:
    plan = _plan(province, _task(leads=[PartyDraft("Sở Tư pháp", province["justice"].pk)]))
    task = queries.tasks_of(plan)[0]
    assert task.responsible == province["justice_head"]
    assert task.issues == []  # 4 rõ: person, task, responsibility, deadline


def test_four_clear_flags_a_group_lead_and_an_on_request_deadline(province) -> None:
    plan = _plan(
        province,
        _task(
            leads=[PartyDraft("Các sở, ban, ngành", group_code="so-ban-nganh")],
            kind="on_request",
            due=None,
        ),
    )
    issues = queries.tasks_of(plan)[0].issues
    assert {"group_lead", "no_person", "vague_deadline"} <= set(issues)


def test_a_deadline_kind_without_a_date_is_refused(province) -> None:
    with pytest.raises(ValidationError):
        _plan(province, _task(leads=[PartyDraft("Sở Tư pháp", province["justice"].pk)], due=None))


def test_a_refused_plan_names_the_task_and_the_field_that_is_wrong(province) -> None:
    """The review page puts each refusal next to its field: a task's by its place in the list
    and its name, the header's by its name."""
    lead = [PartyDraft("Sở Tư pháp", province["justice"].pk)]
    with pytest.raises(ValidationError) as undated:
        _plan(province, _task(ref="II.1", leads=lead), _task(ref="II.2", leads=lead, due=None))
    assert undated.value.message_dict == {
        "tasks.1.due_date": ["Nhiệm vụ II.2: loại thời hạn này cần có hạn hoàn thành."]
    }
    empty = TaskDraft(ref="III.4", content="  ", timing_kind="continuous")
    with pytest.raises(ValidationError) as blank:
        _plan(province, empty)
    assert set(blank.value.message_dict) == {"tasks.0.content"}
    with pytest.raises(ValidationError) as untitled:
        services.create_plan(actor=province["supervisor"], header={"title": " "}, tasks=[])
    assert set(untitled.value.message_dict) == {"title"}
    assert not Task.objects.exists()


def test_issuing_expands_a_group_into_one_assignment_per_member(province) -> None:
    plan = _plan(
        province,
        _task(
            leads=[PartyDraft("Các sở, ban, ngành", group_code="so-ban-nganh")],
            coordinating=[
                PartyDraft("Công an tỉnh", province["police"].pk),
                PartyDraft("Sở Y tế", province["health"].pk),
            ],
        ),
    )
    services.issue_plan(actor=province["supervisor"], plan=plan)
    rows = {(a.agency.name, a.role) for a in Assignment.objects.select_related("agency")}
    # Sở Y tế is a department, so it leads (the lead role wins over coordinating)
    assert rows == {("Sở Tư pháp", "lead"), ("Sở Y tế", "lead"), ("Công an tỉnh", "coordinating")}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    officer = province["justice_officer"]
    assert Notification.objects.filter(recipient=officer, key=f"plan-issued:{plan.pk}").exists()


def test_a_task_without_a_directory_lead_blocks_issuing(province) -> None:
    plan = _plan(province, _task(ref="II.7", leads=[PartyDraft("Sở Thông tin và Truyền thông")]))
    with pytest.raises(ValidationError, match=r"II\.7"):
        services.issue_plan(actor=province["supervisor"], plan=plan)
    assert not Assignment.objects.exists()


@pytest.fixture
def issued(province):
    plan = _plan(province, _task(leads=[PartyDraft("Sở Tư pháp", province["justice"].pk)]))
    services.issue_plan(actor=province["supervisor"], plan=plan)
    return Assignment.objects.get(agency=province["justice"])


def test_the_assigned_agency_reports_progress_with_evidence(province, issued) -> None:
    update = services.post_progress(
        actor=province["justice_officer"],
        assignment=issued,
        status=Status.DONE,
        note="Đã tổ chức tập huấn.",
        files=[
            ("bien-ban.pdf", b"%PDF-1.4 bien ban"),
            ("ghi-chu.txt", "Danh sách đại biểu".encode()),
        ],
    )
    issued.refresh_from_db()
    assert (issued.status, issued.review) == (Status.DONE, Review.PENDING)
    evidence = Evidence.objects.filter(update=update).order_by("pk")
    assert [e.original_name for e in evidence] == ["bien-ban.pdf", "ghi-chu.txt"]
    assert evidence[0].content_type == "application/pdf"
    assert "bien-ban" not in evidence[0].file.name  # stored under a random name
    assert AuditEvent.objects.filter(
        action="task.progress", agency_id=province["justice"].pk
    ).exists()
    assert Notification.objects.filter(recipient=province["supervisor"]).exists()


def test_another_agency_cannot_report_on_this_assignment(province, issued) -> None:
    with pytest.raises(NotAllowed):
        services.post_progress(
            actor=province["health_officer"], assignment=issued, status=Status.DONE, note=""
        )


def test_an_executable_disguised_as_evidence_is_refused_and_nothing_is_saved(
    province, issued
) -> None:
    with pytest.raises(ValidationError):
        services.post_progress(
            actor=province["justice_officer"],
            assignment=issued,
            status=Status.IN_PROGRESS,
            note="",
            files=[("bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200))],
        )
    issued.refresh_from_db()
    assert issued.status == Status.NOT_STARTED
    assert not Evidence.objects.exists()


def test_blocked_needs_a_reason(province, issued) -> None:
    with pytest.raises(ValidationError):
        services.post_progress(
            actor=province["justice_officer"], assignment=issued, status=Status.BLOCKED, note=" "
        )


def test_supervisor_returns_a_done_with_a_reason_then_accepts(province, issued) -> None:
    officer, supervisor = province["justice_officer"], province["supervisor"]
    services.post_progress(actor=officer, assignment=issued, status=Status.DONE, note="Xong")
    with pytest.raises(ValidationError):
        services.review_progress(actor=supervisor, assignment=issued, accept=False, note="")
    services.review_progress(
        actor=supervisor, assignment=issued, accept=False, note="Thiếu biên bản"
    )
    issued.refresh_from_db()
    assert (issued.status, issued.review) == (Status.IN_PROGRESS, Review.RETURNED)
    services.post_progress(
        actor=officer, assignment=issued, status=Status.DONE, note="Bổ sung biên bản"
    )
    services.review_progress(actor=supervisor, assignment=issued, accept=True)
    issued.refresh_from_db()
    assert issued.review == Review.ACCEPTED
    with pytest.raises(NotAllowed):
        services.review_progress(actor=officer, assignment=issued, accept=True)


def test_continuous_work_is_reported_per_period_of_the_day_in_hanoi(province, time_machine) -> None:
    # 18:30 UTC on 31 December is already 1 January 2027 in Hanoi: the report is the new year's
    time_machine.move_to(datetime(2026, 12, 31, 18, 30, tzinfo=UTC), tick=False)
    plan = _plan(
        province,
        _task(
            leads=[PartyDraft("Sở Tư pháp", province["justice"].pk)], kind="continuous", due=None
        ),
    )
    services.issue_plan(actor=province["supervisor"], plan=plan)
    assignment = Assignment.objects.get()
    update = services.post_progress(
        actor=province["justice_officer"],
        assignment=assignment,
        status="in_progress",
        note="Quý này",
    )
    assert timezone.localdate() == date(2027, 1, 1)
    assert update.period == rules.period_of(timezone.localdate(), "quarter") == "2027-Q1"


def test_the_supervisor_closes_an_issued_plan_and_the_event_says_so(province) -> None:
    from bmnn.plans.models import Plan

    plan = _plan(province, _task(leads=[PartyDraft("Sở Tư pháp", province["justice"].pk)]))
    with pytest.raises(ValidationError):  # a draft is not in force: nothing to close
        services.close_plan(actor=province["supervisor"], plan=plan)
    services.issue_plan(actor=province["supervisor"], plan=plan)
    with pytest.raises(NotAllowed):
        services.close_plan(actor=province["justice_head"], plan=plan)
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED
    assert not AuditEvent.objects.filter(action="plan.close").exists()
    services.close_plan(actor=province["supervisor"], plan=plan)
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED
    [event] = AuditEvent.objects.filter(action="plan.close")
    assert (event.actor_id, event.object_id) == (province["supervisor"].pk, str(plan.pk))


def test_the_supervisor_edits_a_draft_task_and_its_parties_but_not_once_issued(province) -> None:
    plan = _plan(province, _task(leads=[PartyDraft("Sở Tư pháp", province["justice"].pk)]))
    task = plan.tasks.get()
    edited = _task(
        ref="II.2", leads=[PartyDraft("Sở Y tế", province["health"].pk)], due=date(2026, 9, 30)
    )
    with pytest.raises(NotAllowed):
        services.update_task(
            actor=province["justice_head"], task=task, draft=edited, responsible=None
        )
    services.update_task(actor=province["supervisor"], task=task, draft=edited, responsible=None)
    task.refresh_from_db()
    assert (task.ref, task.due_date) == ("II.2", date(2026, 9, 30))
    assert [(p.agency_id, p.role) for p in task.parties.all()] == [(province["health"].pk, "lead")]
    [event] = AuditEvent.objects.filter(action="task.update")
    assert event.actor_id == province["supervisor"].pk
    assert event.changes["due"] == ["2026-06-30", "2026-09-30"]
    services.issue_plan(actor=province["supervisor"], plan=plan)
    with pytest.raises(ValidationError):
        services.update_task(
            actor=province["supervisor"], task=task, draft=_task(ref="II.3"), responsible=None
        )
    assert Task.objects.get(pk=task.pk).ref == "II.2"

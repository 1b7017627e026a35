"""Issue 19, plans: a form refused comes back with what was typed and the message next to its
field; the matrix tells two plans' "II.3" apart and its legend has a colour for every state of
a cell; agencies sort the Vietnamese way; the regulation deadline is one date everywhere."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.urls import reverse

from bmnn.inspections.rules import REGULATION_DEADLINE
from bmnn.org.models import Agency, AgencyType, Person
from bmnn.plans import queries
from bmnn.plans.demo import ISSUED
from bmnn.plans.models import Assignment, Plan, ProgressUpdate, Task
from bmnn.testing import login
from bmnn.web.tests.pages import error_after

pytestmark = pytest.mark.django_db


def _client(client, username):
    return login(client, Person.objects.get(username=username))


def test_the_demo_plan_and_the_readiness_page_give_one_regulation_deadline(demo_plans) -> None:
    """The province plan's task "issue or amend the agency's regulation" is due the day the
    inspections' readiness page counts agencies late from (inspections.rules.REGULATION_DEADLINE,
    seed plan 004 II.5: Q2 2026). Before, the demo plan said Q4 (31/12/2026)."""
    plan = Plan.objects.get(source_name=ISSUED)
    regulation = [t for t in plan.tasks.all() if "Quy chế bảo vệ bí mật nhà nước" in t.content]
    assert len(regulation) == 1
    assert regulation[0].due_date == REGULATION_DEADLINE


def _edit_draft_task(client, fields: dict[str, str]) -> tuple[Task, str]:
    """The draft plan's first task and the page the supervisor gets back for a new content
    ("Nội dung đã sửa") with `fields`."""
    plan = Plan.objects.exclude(source_name=ISSUED).get()
    task = plan.tasks.order_by("order")[0]
    response = _client(client, "giamsat").post(
        reverse("plans:task_edit", args=[task.pk]),
        {"ref": task.ref, "content": "Nội dung đã sửa", **fields},
    )
    return task, response.content.decode()


def test_a_task_with_an_impossible_due_date_keeps_what_was_typed(demo_plans, client) -> None:
    task, page = _edit_draft_task(
        client, {"timing_kind": "date", "due_date": "31/02/2026", "leads": "Sở Tư pháp"}
    )
    assert error_after(page, "id_due_date") == (
        "Nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
    )
    assert "Nội dung đã sửa</textarea>" in page and 'value="31/02/2026"' in page
    task.refresh_from_db()
    assert task.content != "Nội dung đã sửa"


def test_a_deadline_kind_without_a_date_is_refused_under_the_due_date(demo_plans, client) -> None:
    task, page = _edit_draft_task(client, {"timing_kind": "month", "due_date": ""})
    assert error_after(page, "id_due_date") == (
        f"Nhiệm vụ {task.ref}: loại thời hạn này cần có hạn hoàn thành."
    )
    assert 'class="alert alert-danger"' not in page  # by the field, not above the form
    assert "Nội dung đã sửa</textarea>" in page
    task.refresh_from_db()
    assert task.content != "Nội dung đã sửa"


def _justice_assignment(ref: str) -> Assignment:
    return Assignment.objects.get(
        task__plan__source_name=ISSUED, task__ref=ref, agency__code="demo-stp"
    )


def _refused_note(client, username: str, url: str, data: dict[str, str], message: str) -> str:
    """The page a 400 answers to `username`'s post, with `message` under the note field."""
    response = _client(client, username).post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert error_after(page, "id_note") == message
    return page


def test_returning_work_says_what_is_missing_or_nothing_changes(demo_plans, client) -> None:
    assignment = _justice_assignment("II.2.a")
    assert assignment.review == "pending"
    _refused_note(
        client,
        "giamsat",
        reverse("plans:assignment_review", args=[assignment.pk]),
        {"decision": "return", "note": ""},
        "Nêu rõ còn thiếu gì trước khi trả lại.",
    )
    assignment.refresh_from_db()
    assert assignment.review == "pending"


def test_progress_blocked_without_a_reason_keeps_the_status_chosen(demo_plans, client) -> None:
    assignment = _justice_assignment("II.1.b")
    before = ProgressUpdate.objects.count()
    page = _refused_note(
        client,
        "baomat",
        reverse("plans:assignment", args=[assignment.pk]),
        {"status": "blocked", "note": ""},
        "Hãy nêu vướng mắc.",
    )
    assert re.search(r'<option value="blocked" selected>', page)
    assert ProgressUpdate.objects.count() == before


def _plan(number: str, agency: Agency) -> Plan:
    """An issued plan with one task "II.3" assigned to `agency`."""
    plan = Plan.objects.create(number=number, title=f"Kế hoạch {number}", status="issued")
    task = Task.objects.create(plan=plan, ref="II.3", content=f"Kiểm kê máy tính ({number})")
    Assignment.objects.create(task=task, agency=agency, role="lead")
    return plan


def test_the_matrix_names_each_plan_over_its_tasks_and_sorts_agencies_the_vietnamese_way(
    demo_plans, client
) -> None:
    names = ["Ủy ban Mặt trận thử", "Đài Phát thanh thử", "Sở Xây dựng thử", "Ban Dân tộc thử"]
    agencies = [
        Agency.objects.create(name=n, code=f"t-{i}", type=AgencyType.DEPARTMENT)
        for i, n in enumerate(names)
    ]
    first = _plan("11/KH-UBND", agencies[0])
    _plan("22/KH-CAT", agencies[1])
    for agency in agencies[2:]:
        Assignment.objects.create(task=first.tasks.get(), agency=agency, role="lead")
    page = _client(client, "giamsat").get(reverse("plans:matrix")).content.decode()
    headers = re.findall(r'data-testid="plan-columns">([^<]*)<', page)
    assert "11/KH-UBND" in headers and "22/KH-CAT" in headers
    titles = re.findall(r'<th scope="col" class="text-nowrap" title="([^"]*)">II\.3<', page)
    assert any(t.startswith("11/KH-UBND · II.3") for t in titles)
    assert any(t.startswith("22/KH-CAT · II.3") for t in titles)
    rows = [r for r in re.findall(r'<th class="fw-normal[^"]*">([^<]*)</th>', page) if "thử" in r]
    assert rows == [
        "Ban Dân tộc thử",
        "Đài Phát thanh thử",
        "Sở Xây dựng thử",
        "Ủy ban Mặt trận thử",
    ]


def test_the_legend_gives_accepted_work_its_own_colour_and_the_counts_add_up(
    demo_plans, client
) -> None:
    plan = Plan.objects.get(source_name=ISSUED)
    page = _client(client, "giamsat").get(reverse("plans:matrix"), {"plan": plan.pk})
    page = page.content.decode()
    found = re.search(r'data-testid="legend".*?</ul>', page, re.S)
    assert found
    legend = found[0]
    assert "bmnn-done bmnn-accepted" in legend and "Đã hoàn thành · Đã công nhận" in legend
    shown = {k: int(n) for k, n in re.findall(r'data-testid="count-(\w+)">(\d+)<', legend)}
    cells = Counter(
        "accepted" if a.status == "done" and a.review == "accepted" else a.status
        for a in Assignment.objects.filter(task__plan=plan)
    )
    assert shown == {k: cells.get(k, 0) for k in shown}
    assert shown["accepted"] == 2 and sum(shown.values()) == sum(cells.values())


def test_the_plan_label_is_its_number_or_the_start_of_its_title() -> None:
    assert queries.plan_label(Plan(number=" 58/KH-UBND ", title="Kế hoạch")) == "58/KH-UBND"
    long = Plan(number="", title="Kế hoạch thực hiện công tác bảo vệ bí mật nhà nước năm 2026")
    assert queries.plan_label(long) == "Kế hoạch thực hiện công tác …"


def test_what_waits_for_the_supervisor_and_an_agencys_officer(demo_plans) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    supervisor = {
        w.key: w.count for w in queries.work_waiting(Person.objects.get(username="giamsat"))
    }
    assert supervisor["to_accept"] == Assignment.objects.filter(review="pending").count() == 1
    officer = {w.key: w.count for w in queries.work_waiting(Person.objects.get(username="baomat"))}
    late = (
        Assignment.objects.filter(
            agency__code="demo-stp", task__plan__status="issued", task__due_date__lt=today
        )
        .exclude(status="done")
        .exclude(task__timing_kind="continuous")
    )
    assert late.filter(task__content__contains="Quy chế").exists()  # the regulation, since 30/06
    assert officer.get("overdue", 0) == late.count()
    assert "to_accept" not in officer

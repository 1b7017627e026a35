"""Each role's home lists what waits for that person, with one definition per figure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bmnn.core import audit
from bmnn.org.models import Agency, AgencyType, Membership, Role
from bmnn.web import homes

pytestmark = pytest.mark.django_db


def _period(supervisor, **extra):
    from bmnn.reports.models import ReportingPeriod

    today = timezone.localdate()
    fields = {
        "kind": "annual",
        "year": today.year,
        "title": "Báo cáo năm thử",
        "window_start": date(today.year, 1, 1),
        "window_end": today,
        "due_on": today + timedelta(days=10),
        "status": "open",
        "created_by": supervisor,
    }
    return ReportingPeriod.objects.create(**(fields | extra))


def _record_a_change(actor) -> None:
    with transaction.atomic():
        audit.record(actor=actor, action="test.change", changes={})


def _texts(page) -> str:
    return page.content.decode()


def test_the_head_sees_the_report_waiting_for_his_signature(
    make_agency, make_person, client_for
) -> None:
    from bmnn.reports.models import Submission

    agency = make_agency("Sở Tư pháp")
    head = make_person(agency, Role.HEAD, clearance="tuyet_mat")
    supervisor = make_person(make_agency(type=AgencyType.PROVINCIAL_POLICE), Role.SUPERVISOR)
    period = _period(supervisor)
    Submission.objects.create(period=period, agency=agency, state="submitted")

    page = _texts(client_for(head).get(reverse("web:dashboard")))
    section = page[page.index('data-testid="to-sign"') :]
    section = section[: section.index("</section>")]
    assert "Báo cáo năm thử" in section
    assert reverse("reports:submission", args=[period.pk, agency.pk]) in section
    # the agency's own report says what it waits for, never "being drafted"
    assert "Chờ thủ trưởng ký" in page
    assert "đang được dự thảo" not in page


def test_the_officer_sees_drafts_tasks_and_no_head_sections(
    make_agency, make_person, client_for
) -> None:
    from bmnn.reports.models import Submission

    agency = make_agency()
    officer = make_person(agency, Role.SECURITY_OFFICER, clearance="toi_mat")
    supervisor = make_person(make_agency(type=AgencyType.PROVINCIAL_POLICE), Role.SUPERVISOR)
    Submission.objects.create(period=_period(supervisor), agency=agency, state="returned")
    home = homes.build(officer)
    keys = [s.key for s in home.sections]
    assert "to-write" in keys and "tasks" in keys and "notices" in keys
    assert "to-sign" not in keys and "levels" not in keys and "to-review" not in keys
    to_write = next(s for s in home.sections if s.key == "to-write")
    assert to_write.count == 1 and str(to_write.lines[0].detail) == str(
        Submission.State.RETURNED.label
    )
    assert home.figures == []  # an agency officer sees no province figures


def test_the_supervisor_sees_reports_to_review_and_agencies_late(
    make_agency, make_person, client_for
) -> None:
    from bmnn.reports.models import Submission

    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, clearance="tuyet_mat")
    signed, late = make_agency("Sở Y tế"), make_agency("Đài Phát thanh")
    period = _period(supervisor, due_on=timezone.localdate() - timedelta(days=1))
    Submission.objects.create(
        period=period, agency=signed, state="signed", first_sent_at=timezone.now()
    )
    home = homes.build(supervisor)
    sections = {s.key: s for s in home.sections}
    assert sections["to-review"].count == 1
    assert [line.text for line in sections["late-reports"].lines] == [late.name]
    assert sections["late-reports"].count == 1  # the police aggregates and is not asked
    figures = {f.key: f for f in home.figures}
    assert (figures["reports-sent"].value, figures["reports-sent"].total) == (1, 2)


def test_the_chairman_sees_the_province_a_department_head_does_not(
    make_agency, make_person
) -> None:
    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    chairman = make_person(committee, Role.HEAD, clearance="tuyet_mat")
    head = make_person(make_agency(), Role.HEAD, clearance="tuyet_mat")
    assert {f.key for f in homes.build(chairman).figures} >= {"agencies", "without-officer"}
    assert homes.build(head).figures == []


def test_the_inspector_sees_findings_to_verify(make_agency, make_person) -> None:
    from bmnn.inspections.models import Finding, Target
    from bmnn.inspections.tests.builders import inspection_of_one_day

    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    inspector = make_person(police, Role.INSPECTOR, clearance="toi_mat")
    other = make_person(police, Role.INSPECTOR, clearance="toi_mat")
    today = timezone.localdate()
    inspection = inspection_of_one_day(
        today, inspector, title="Kiểm tra thử", checklist_version="1", status="in_progress"
    )
    target = Target.objects.create(inspection=inspection, agency=make_agency())
    Finding.objects.create(
        target=target,
        description="Sổ thiếu chữ ký",
        rule="x",
        deadline=today,
        status="remediated",
        created_by=inspector,
    )
    mine = {s.key: s for s in homes.build(inspector).sections}
    assert mine["to-verify"].count == 1
    assert mine["inspections"].count == 1
    theirs = {s.key: s for s in homes.build(other).sections}
    assert theirs["to-verify"].count == 0  # not on that inspection


def test_staffing_figures_have_one_definition_and_add_up(make_agency, make_person) -> None:
    """An agency whose security officer is recorded is never counted "without an officer",
    whether or not a designation decision is on record (the demo's Sở Tư pháp was both)."""
    from bmnn.inspections.models import StaffDesignation

    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR)
    with_officer = make_agency("Sở Tư pháp")
    make_person(with_officer, Role.SECURITY_OFFICER)
    decided = make_agency("Sở Y tế")
    StaffDesignation.objects.create(
        agency=decided,
        person=make_person(decided, Role.STAFF),
        mode="part_time",
        decision="12/QĐ",
        decided_on=timezone.localdate() - timedelta(days=5),
        created_by=supervisor,
    )
    nobody = make_agency("Sở Xây dựng")
    posts = homes.staffing(Agency.objects.filter(is_active=True))
    assert posts["agencies"] == 4
    # police (its supervisor is no officer) and Sở Xây dựng have nobody
    assert posts["without_officer"] == 2
    assert posts["officer_without_decision"] == 1  # Sở Tư pháp
    assert posts["with_decision"] == 1  # Sở Y tế
    parts = posts["without_officer"] + posts["officer_without_decision"] + posts["with_decision"]
    assert parts == posts["agencies"]
    missing = homes.missing_posts(Agency.objects.filter(is_active=True))
    without_officer = [a.name for a in missing if not a.has_officer]
    assert sorted(without_officer) == sorted([police.name, nobody.name])
    assert with_officer.name not in without_officer


def test_figures_follow_every_recorded_change(make_agency, make_person, client_for) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR)
    _record_a_change(supervisor)
    first = {f.key: f.value for f in homes.build(supervisor).figures}
    make_agency("Sở mới")  # not recorded: the figures computed for this state are kept
    _record_a_change(supervisor)  # recorded: computed again
    supervisor = type(supervisor).objects.get(pk=supervisor.pk)
    again = {f.key: f.value for f in homes.build(supervisor).figures}
    assert again["agencies"] == first["agencies"] + 1


def _grow(count: int, start: int) -> None:
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Sở Mẫu {n}", code=f"home-{n}", type=AgencyType.DEPARTMENT)
        for n in range(start, start + count)
    )
    from bmnn.org.models import Person

    people = Person.objects.bulk_create(
        Person(username=f"home{n}-{k}", full_name=f"Người {n}")
        for n in range(start, start + count)
        for k in range(2)
    )
    Membership.objects.bulk_create(
        Membership(person=people[2 * i + j], agency=agency, role=role)
        for i, agency in enumerate(agencies)
        for j, role in enumerate((Role.HEAD, Role.SECURITY_OFFICER))
    )


def test_every_home_costs_the_same_number_of_queries_as_the_province_grows(
    make_agency, make_person, client_for
) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    agency = make_agency("Sở Tư pháp")
    clients = {
        role: client_for(make_person(where, role, clearance="toi_mat"))
        for where, role in [
            (police, Role.SUPERVISOR),
            (police, Role.ADMINISTRATOR),
            (police, Role.INSPECTOR),
            (agency, Role.HEAD),
            (agency, Role.SECURITY_OFFICER),
            (agency, Role.STAFF),
            (committee, Role.HEAD),
        ]
    }

    def count(client) -> int:
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    _grow(5, 0)
    small = {(role, n): count(c) for n, (role, c) in enumerate(clients.items())}
    _grow(60, 100)
    large = {(role, n): count(c) for n, (role, c) in enumerate(clients.items())}
    assert large == small


def test_a_person_sees_only_their_own_agencies_items_in_search(
    make_agency, make_person, client_for
) -> None:
    from bmnn.registry.models import SecretItem

    mine, other = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    officer = make_person(mine, Role.SECURITY_OFFICER, clearance="toi_mat")
    for agency, number in ((mine, "15/STP-MAT"), (other, "16/SYT-MAT")):
        SecretItem.objects.create(
            agency=agency,
            origin="created",
            level="mat",
            status="classified",
            number=number,
            summary="Kế hoạch bảo vệ",
            search_text=f"{number.lower()} ke hoach bao ve",
        )
    page = _texts(client_for(officer).get(reverse("web:search") + "?q=ke+hoach"))
    assert "15/STP-MAT" in page
    assert "16/SYT-MAT" not in page
    assert "Mật" in page  # the level's label, never its code


def test_search_finds_plans_tasks_and_reports_without_accents(
    make_agency, make_person, client_for
) -> None:
    from bmnn.plans.models import Assignment, Plan, Task

    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR)
    agency = make_agency("Sở Tư pháp")
    staff = make_person(agency, Role.STAFF)
    issued = Plan.objects.create(title="Kế hoạch tuyên truyền", status="issued")
    draft = Plan.objects.create(title="Kế hoạch tuyên truyền dự thảo", status="draft")
    task = Task.objects.create(plan=issued, ref="II.1", content="Tổ chức hội nghị tập huấn")
    Task.objects.create(plan=draft, ref="II.2", content="Tổ chức hội nghị khác")
    assignment = Assignment.objects.create(task=task, agency=agency, role="lead")
    _period(supervisor, title="Báo cáo tổng kết năm")

    page = _texts(client_for(staff).get(reverse("web:search") + "?q=hoi+nghi"))
    assert reverse("plans:assignment", args=[assignment.pk]) in page
    assert "Tổ chức hội nghị khác" not in page  # a draft plan is not the agency's to see
    page = _texts(client_for(staff).get(reverse("web:search") + "?q=tuyen+truyen"))
    assert "Kế hoạch tuyên truyền" in page and "dự thảo" not in page
    page = _texts(client_for(supervisor).get(reverse("web:search") + "?q=tong+ket"))
    assert "Báo cáo tổng kết năm" in page


def test_a_fuller_section_costs_no_more_queries(make_agency, make_person, client_for) -> None:
    """Lines read only what they show: more rows in a section is no query more (no field left
    to be fetched row by row)."""
    from bmnn.plans.models import Assignment, Plan, Task
    from bmnn.reports.models import Submission

    agency = make_agency("Sở Tư pháp")
    head = make_person(agency, Role.HEAD, clearance="tuyet_mat")
    make_person(agency, Role.SECURITY_OFFICER)
    supervisor = make_person(make_agency(type=AgencyType.PROVINCIAL_POLICE), Role.SUPERVISOR)
    client = client_for(head)
    plan = Plan.objects.create(title="Kế hoạch", status="issued")

    def add(n: int) -> None:
        start = date(timezone.localdate().year, 1, n)
        period = _period(supervisor, title=f"Báo cáo {n}", window_start=start)
        Submission.objects.create(period=period, agency=agency, state="submitted")
        task = Task.objects.create(plan=plan, ref=f"I.{n}", content=f"Việc {n}")
        Assignment.objects.create(task=task, agency=agency, role="lead")

    def count() -> int:
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        return len(queries)

    add(1)
    one = count()
    for n in range(2, 6):
        add(n)
    assert count() == one
    section = homes.reports_to_sign(head)
    assert section.count == 5 and len(section.lines) == 5

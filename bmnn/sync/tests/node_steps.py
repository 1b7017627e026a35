"""What the people of one node do, step by step, for the three-node test: run as
`python -m bmnn.sync.tests.node_steps STEP [JSON]` with the node's environment (its own
database, data directory and signing key); prints one JSON line with what the step saw.

Each step goes through the services and queries the pages use, as the person named would.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import Any

PROVINCE_POLICE = "cong-an-tinh"
HEALTH, JUSTICE = "so-y-te", "so-tu-phap"
EVIDENCE = "Biên bản tập huấn công tác bảo vệ bí mật nhà nước, 40 người dự.\n".encode()


def _person(
    agency_code: str, role: str, username: str, full_name: str, clearance: str = "toi_mat"
) -> Any:
    from bmnn.org.models import Agency, Membership, Person

    person = Person.objects.filter(username=username).first()
    if person is None:
        person = Person(username=username, full_name=full_name, clearance=clearance)
        person.set_password("Mat-khau-Thu-2026")
        person.save()
        Membership.objects.create(
            person=person, agency=Agency.objects.get(code=agency_code), role=role
        )
    return person


def setup_province(_: Any) -> dict[str, Any]:
    from bmnn.inspections.models import LegalDocument
    from bmnn.org.models import Agency, AgencyType, Role
    from bmnn.registry.models import Catalogue, CatalogueItem

    police = Agency.objects.create(
        name="Công an tỉnh Bắc Lâm", code=PROVINCE_POLICE, type=AgencyType.PROVINCIAL_POLICE
    )
    Agency.objects.create(name="Sở Y tế", code=HEALTH, type=AgencyType.DEPARTMENT)
    Agency.objects.create(name="Sở Tư pháp", code=JUSTICE, type=AgencyType.DEPARTMENT)
    _person(police.code, Role.SUPERVISOR, "giam-sat", "Hoàng Minh Giám")
    catalogue = Catalogue.objects.create(
        sector="Y tế", decision="Quyết định số 1/QĐ-TTg (mẫu thử)", issued_on=date(2020, 1, 1)
    )
    CatalogueItem.objects.create(catalogue=catalogue, code="1", text="Hồ sơ dịch bệnh", level="mat")
    CatalogueItem.objects.create(
        catalogue=catalogue, code="2", text="Phương án phòng chống", level="toi_mat"
    )
    LegalDocument.objects.create(
        kind="law",
        number="29/2018/QH14",
        title="Luật Bảo vệ bí mật nhà nước",
        issuer="Quốc hội",
        issued_on=date(2018, 11, 15),
        effective_from=date(2020, 7, 1),
    )
    return {"agencies": Agency.objects.count()}


def issue_plan(_: Any) -> dict[str, Any]:
    from bmnn.org.models import Agency, Person
    from bmnn.plans.services import PartyDraft, create_plan, issue_plan
    from bmnn.plans.tests.builders import task
    from bmnn.reports.services import create_period

    supervisor = Person.objects.get(username="giam-sat")
    health, justice = Agency.objects.get(code=HEALTH), Agency.objects.get(code=JUSTICE)
    tasks = [
        task(
            "1",
            "Tổ chức tập huấn công tác bảo vệ bí mật nhà nước",
            ("Sở Y tế", health.pk),
            date(2026, 12, 20),
            coordinating=[PartyDraft("Sở Tư pháp", agency_id=justice.pk)],
        ),
        task("2", "Rà soát danh mục bí mật nhà nước của ngành", ("Sở Tư pháp", justice.pk)),
    ]
    plan = create_plan(
        actor=supervisor,
        header={"title": "Kế hoạch bảo vệ bí mật nhà nước năm 2026", "number": "12/KH-UBND"},
        tasks=tasks,
    )
    issue_plan(actor=supervisor, plan=plan)
    period = create_period(actor=supervisor, kind="annual", year=2026)
    return {"plan": plan.pk, "period": period.pk}


def agency_people(args: dict[str, Any]) -> dict[str, Any]:
    """The agency node's administrator enters its head and security officer once the directory
    has arrived (the catalogues it classifies under came in the same bundle)."""
    from bmnn.org.models import Role

    code = os.environ["BMNN_NODE_AGENCY"]
    _person(code, Role.HEAD, "thu-truong", "Trần Văn Định", clearance="tuyet_mat")
    _person(code, Role.SECURITY_OFFICER, "bao-mat", "Nguyễn Thị Hoa")
    return {"ok": True}


def classify(args: dict[str, Any]) -> dict[str, Any]:
    """The officer proposes and the head approves secret items: the registers the report counts."""
    from bmnn.org.models import Agency, Person
    from bmnn.registry.models import CatalogueItem
    from bmnn.registry.services import classify_item, propose_item

    agency = Agency.objects.get(code=os.environ["BMNN_NODE_AGENCY"])
    officer, head = (
        Person.objects.get(username="bao-mat"),
        Person.objects.get(username="thu-truong"),
    )
    made = []
    for n, level in enumerate(args["levels"], start=1):
        entry = CatalogueItem.objects.get(level=level)
        item = propose_item(
            actor=officer,
            agency=agency,
            level=level,
            catalogue_item=entry,
            doc_type="Báo cáo",
            summary=args.get("summary", ""),
        )
        classify_item(
            actor=head,
            item=item,
            number=f"{n}{args.get('marker', '')}/BC-SYT",
            doc_date=date.today(),
        )
        made.append(item.pk)
    return {"items": made}


def my_tasks(_: Any) -> dict[str, Any]:
    from bmnn.core import policy
    from bmnn.org.models import Person
    from bmnn.plans.models import Assignment

    officer = Person.objects.get(username="bao-mat")
    rows = policy.restrict_assignments(officer, Assignment.objects.select_related("task__plan"))
    return {
        "tasks": sorted(
            [a.task.ref, a.role, a.status, a.review, a.review_note, a.task.plan.title] for a in rows
        )
    }


def post_progress(args: dict[str, Any]) -> dict[str, Any]:
    from bmnn.core import policy
    from bmnn.org.models import Person
    from bmnn.plans.models import Assignment
    from bmnn.plans.services import post_progress

    officer = Person.objects.get(username="bao-mat")
    assignment = policy.restrict_assignments(officer, Assignment.objects.all()).get(
        task__ref=args["ref"]
    )
    update = post_progress(
        actor=officer,
        assignment=assignment,
        status=args["status"],
        note=args["note"],
        files=[("bien-ban.txt", EVIDENCE)] if args.get("evidence") else [],
    )
    return {"update": update.pk}


def sign_report(args: dict[str, Any]) -> dict[str, Any]:
    from bmnn.core import policy
    from bmnn.org.models import Agency, Person
    from bmnn.reports.models import ReportingPeriod, Submission
    from bmnn.reports.services import (
        refill_figures,
        save_submission,
        sign,
        start_submission,
        submit,
    )

    agency = Agency.objects.get(code=os.environ["BMNN_NODE_AGENCY"])
    officer, head = (
        Person.objects.get(username="bao-mat"),
        Person.objects.get(username="thu-truong"),
    )
    period = policy.restrict_periods(officer, ReportingPeriod.objects.all()).get(kind="annual")
    submission = Submission.objects.filter(period=period, agency=agency).first()
    if submission is None:
        submission = start_submission(actor=officer, period=period, agency=agency)
    else:
        submission = refill_figures(actor=officer, submission=submission)
    submission = save_submission(
        actor=officer,
        submission=submission,
        revision=submission.revision,
        situation=args["situation"],
    )
    submission = submit(actor=officer, submission=submission)
    submission = sign(actor=head, submission=submission)
    return {
        "state": submission.state,
        "figures": {k: v["value"] for k, v in submission.figures.items()},
    }


def report_state(_: Any) -> dict[str, Any]:
    from bmnn.reports.models import Submission

    rows = Submission.objects.select_related("agency", "period").prefetch_related("events")
    return {
        s.agency.code: {
            "state": s.state,
            "situation": s.situation,
            "events": [[e.action, e.comment] for e in s.events.all()],
            "figures": {k: v["value"] for k, v in s.figures.items()},
        }
        for s in rows
    }


def matrix(_: Any) -> dict[str, Any]:
    """The province's view of the plan: each agency's status per task, and the evidence."""
    from bmnn.plans.models import Assignment, Evidence

    rows = Assignment.objects.select_related("task", "agency").order_by("task__ref", "agency__code")
    evidence = Evidence.objects.select_related("update__assignment__agency")
    return {
        "statuses": [[a.task.ref, a.agency.code, a.status, a.review] for a in rows],
        "evidence": [
            [e.update.assignment.agency.code, e.original_name, e.file.read().decode()]
            for e in evidence
        ],
    }


def review_report(args: dict[str, Any]) -> dict[str, Any]:
    from bmnn.org.models import Agency, Person
    from bmnn.reports.models import Submission
    from bmnn.reports.services import review

    supervisor = Person.objects.get(username="giam-sat")
    submission = Submission.objects.get(agency=Agency.objects.get(code=args["agency"]))
    made = review(
        actor=supervisor,
        submission=submission,
        accept=args["accept"],
        comment=args.get("comment", ""),
    )
    return {"state": made.state}


def province_report(_: Any) -> dict[str, Any]:
    from bmnn.org.models import Person
    from bmnn.reports import province
    from bmnn.reports.models import ReportingPeriod

    supervisor = Person.objects.get(username="giam-sat")
    report = province.build(actor=supervisor, period=ReportingPeriod.objects.get(kind="annual"))
    return {"totals": report.data["totals"]}


def library(_: Any) -> dict[str, Any]:
    from bmnn.inspections.models import LegalDocument
    from bmnn.registry.models import CatalogueItem

    return {
        "entries": sorted(
            [e.code, e.level, e.catalogue.decision]
            for e in CatalogueItem.objects.select_related("catalogue")
        ),
        "documents": sorted(LegalDocument.objects.values_list("number", flat=True)),
    }


def register_counts(_: Any) -> dict[str, Any]:
    from bmnn.org.models import Agency
    from bmnn.registry.models import SecretItem

    agency = Agency.objects.get(code=os.environ["BMNN_NODE_AGENCY"])
    items = SecretItem.objects.filter(agency=agency, status="classified")
    return {level: items.filter(level=level).count() for level in ("mat", "toi_mat", "tuyet_mat")}


def review_task(args: dict[str, Any]) -> dict[str, Any]:
    from bmnn.org.models import Person
    from bmnn.plans.models import Assignment
    from bmnn.plans.services import review_progress

    supervisor = Person.objects.get(username="giam-sat")
    assignment = Assignment.objects.get(task__ref=args["ref"], agency__code=args["agency"])
    made = review_progress(
        actor=supervisor, assignment=assignment, accept=args["accept"], note=args.get("note", "")
    )
    return {"review": made.review}


def report_incident(args: dict[str, Any]) -> dict[str, Any]:
    from datetime import timedelta

    from django.utils import timezone

    from bmnn.org.models import Agency, Person
    from bmnn.reports.services import report_incident

    officer = Person.objects.get(username="bao-mat")
    made = report_incident(
        actor=officer,
        agency=Agency.objects.get(code=os.environ["BMNN_NODE_AGENCY"]),
        what=args["what"],
        channel="lost_document",
        level=args.get("level", "mat"),
        found_at=timezone.now() - timedelta(hours=3),
    )
    return {"incident": made.pk}


def incidents(_: Any) -> dict[str, Any]:
    from bmnn.reports.models import Incident

    rows = Incident.objects.select_related("agency").prefetch_related("steps").order_by("pk")
    return {
        "incidents": [
            [i.agency.code, i.what, i.level, i.status, [s.text for s in i.steps.all()]]
            for i in rows
        ]
    }


def close_incident(args: dict[str, Any]) -> dict[str, Any]:
    from bmnn.org.models import Person
    from bmnn.reports.models import Incident
    from bmnn.reports.services import add_step

    supervisor = Person.objects.get(username="giam-sat")
    incident = Incident.objects.get(what=args["what"])
    add_step(actor=supervisor, incident=incident, text=args["text"], close=True)
    return {"closed": True}


STEPS = {
    f.__name__: f
    for f in (
        library,
        report_incident,
        incidents,
        close_incident,
        setup_province,
        issue_plan,
        agency_people,
        classify,
        my_tasks,
        post_progress,
        sign_report,
        report_state,
        matrix,
        review_report,
        province_report,
        register_counts,
        review_task,
    )
}


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    django.setup()
    step = STEPS[sys.argv[1]]
    args = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps(step(args), ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()

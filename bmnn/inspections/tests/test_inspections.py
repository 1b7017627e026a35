"""Inspections: the checklist, answers, findings, remediation, verification, conclusion;
self-inspection; training coverage from attendance; the legal library."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.inspections import checklist, queries, services
from bmnn.inspections.models import Answer, Finding, Inspection, LegalDocument
from bmnn.inspections.tests.builders import (
    budget_decision,
    new_finding,
    new_inspection,
    self_inspection,
)
from bmnn.org.models import AgencyType, Membership, Role

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def people(province):
    cast = province(
        "finance supervisor inspector",
        justice_officer="officer",
        justice_head="head",
        health_officer="health_officer",
        types={"police": AgencyType.DEPARTMENT},
    )
    return cast | {"agencies": [cast["justice"], cast["health"], cast["finance"]]}


def _inspection(people, **changes):
    values = {
        "on_site_from": TODAY,
        "on_site_to": TODAY + timedelta(days=5),
        "leader": people["inspector"],
        "decision": "Quyết định số 45/QĐ-CAT",
    }
    return new_inspection(people["supervisor"], people["agencies"], **(values | changes))


def _submitted_budget(people, *lines: tuple[str, int], **more):
    """The supervisor's estimate for 2027 of `lines` (what, how much), submitted."""
    return services.save_budget(
        actor=people["supervisor"], year=2027, status="submitted", lines=list(lines), **more
    )


def _legal_text(actor, *values, **more):
    """`services.save_legal_document` with its kind, number, title, issuer, issue date and
    first day in force, in that order."""
    names = ("kind", "number", "title", "issuer", "issued_on", "effective_from")
    return services.save_legal_document(
        actor=actor, **dict(zip(names, values, strict=True)), **more
    )


# Law 117/2025/QH15 as the library tests save it
LAW_117 = (
    "law",
    "117/2025/QH15",
    "Luật Bảo vệ bí mật nhà nước",
    "Quốc hội",
    date(2025, 6, 26),
    date(2026, 3, 1),
)


def _decree_63(actor, title: str):
    """Decree 63/2026/NĐ-CP saved under `title`."""
    return _legal_text(
        actor, "decree", "63/2026/NĐ-CP", title, "Chính phủ", date(2026, 2, 27), date(2026, 3, 1)
    )


def test_the_checklist_command_prints_every_item_with_its_rule() -> None:
    out = io.StringIO()
    call_command("inspection_checklist", format="json", stdout=out)
    data = json.loads(out.getvalue())
    codes = [area["code"] for area in data["areas"]]
    for required in (
        "classification",
        "registers",
        "copying",
        "storage",
        "transport",
        "carrying_out",
        "provision",
        "meetings",
        "declassification",
        "destruction",
        "computers",
        "regulation",
        "staff",
        "training",
        "reporting",
    ):
        assert required in codes
    items = [item for area in data["areas"] for item in area["items"]]
    import re

    for item in items:
        assert set(item) == {"code", "text", "source"} and item["text"]
        assert re.search(r"Art\. \d|Appendix|Form \d", item["source"]), (
            item
        )  # each cites the rule it checks
    assert len({item["code"] for item in items}) == len(items)


def test_an_inspection_runs_its_whole_cycle_with_its_refusals(people) -> None:
    inspection = _inspection(people)
    assert inspection.items.count() == sum(len(area.items) for area in checklist.AREAS)
    assert Notification.objects.filter(recipient=people["justice_officer"]).exists()
    target = inspection.targets.get(agency=people["agencies"][0])
    item = inspection.items.get(code="registers.books")
    with pytest.raises(NotAllowed):
        services.answer(
            actor=people["justice_officer"], target=target, item=item, result="compliant"
        )
    with pytest.raises(ValidationError):
        services.answer(
            actor=people["inspector"], target=target, item=item, result="not_compliant"
        )  # no evidence
    services.answer(
        actor=people["inspector"],
        target=target,
        item=item,
        result="not_compliant",
        evidence="Sổ đăng ký đến năm 2026 thiếu chữ ký nhận từ số 14 đến 20",
    )
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.IN_PROGRESS
    finding = new_finding(
        people["inspector"],
        target,
        "Sổ đăng ký đến thiếu chữ ký nhận",
        "ND26 Art. 4",
        TODAY + timedelta(days=30),
        item=item,
        severity="medium",
        responsible=people["justice_officer"],
    )
    with pytest.raises(NotAllowed):
        services.post_remediation(actor=people["health_officer"], finding=finding, text="x")
    services.post_remediation(
        actor=people["justice_officer"], finding=finding, text="Đã bổ sung chữ ký nhận"
    )
    with pytest.raises(ValidationError):
        services.verify(
            actor=people["inspector"], finding=finding, accept=False
        )  # a refusal says why
    services.verify(
        actor=people["inspector"], finding=finding, accept=False, comment="Còn thiếu số 19"
    )
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN
    services.post_remediation(
        actor=people["justice_officer"], finding=finding, text="Đã bổ sung số 19"
    )
    services.verify(actor=people["inspector"], finding=finding, accept=True)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.VERIFIED and finding.verified_by == people["inspector"]
    services.conclude(actor=people["inspector"], inspection=inspection)
    with pytest.raises(ValidationError):
        services.answer(actor=people["inspector"], target=target, item=item, result="compliant")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "inspection.create",
        "inspection.answer",
        "inspection.finding",
        "inspection.remediation",
        "inspection.verify",
        "inspection.conclude",
    } <= actions


def test_the_conclusion_document_reads_back(people) -> None:
    import docx

    from bmnn.inspections.documents import conclusion_docx

    inspection = _inspection(people)
    target = inspection.targets.get(agency=people["agencies"][1])
    item = inspection.items.get(code="computers.offline")
    services.answer(
        actor=people["inspector"],
        target=target,
        item=item,
        result="not_compliant",
        evidence="Máy soạn thảo văn bản mật có kết nối Internet",
    )
    new_finding(
        people["inspector"],
        target,
        "Máy tính soạn thảo tài liệu mật kết nối Internet",
        "L18 Art. 5",
        TODAY + timedelta(days=7),
        item=item,
        severity="high",
    )
    document = docx.Document(io.BytesIO(conclusion_docx(inspection, people["inspector"])))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "KẾT LUẬN KIỂM TRA" in text and "Sở Y tế" in text
    assert (
        "Máy tính soạn thảo tài liệu mật kết nối Internet" in cells
        and "Điều 5 Luật Bảo vệ bí mật nhà nước năm 2018" in cells
    )
    assert "Nghiêm trọng" in cells and (TODAY + timedelta(days=7)).strftime("%d/%m/%Y") in cells


def test_an_inspected_agency_s_conclusion_holds_only_its_own_part(people, client_for) -> None:
    """Issue 13, finding 3: any member of any target agency downloaded a conclusion with every
    target's findings, while the page and the API hid them."""
    import docx

    inspection = _inspection(people)
    health = inspection.targets.get(agency=people["agencies"][1])
    new_finding(
        people["inspector"],
        health,
        "Sổ đăng ký văn bản mật ghi thiếu",
        "L18 Art. 10",
        TODAY + timedelta(days=7),
        severity="high",
    )

    def read(person) -> str:
        response = client_for(person).get(f"/inspections/{inspection.pk}/conclusion.docx")
        assert response.status_code == 200
        document = docx.Document(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    justice_copy = read(people["justice_officer"])
    assert "Sổ đăng ký văn bản mật ghi thiếu" not in justice_copy
    assert "Sở Y tế" not in justice_copy and "Sở Tài chính" not in justice_copy
    assert "Sở Tư pháp" in justice_copy
    assert "Sổ đăng ký văn bản mật ghi thiếu" in read(people["health_officer"])
    full = read(people["inspector"])
    assert all(a.name in full for a in people["agencies"])


def test_a_self_inspection_is_the_agency_s_own(people) -> None:
    justice = people["agencies"][0]
    today = dict.fromkeys(("period_to", "on_site_from", "on_site_to"), TODAY)
    with pytest.raises(NotAllowed):
        new_inspection(
            people["justice_officer"],
            [justice, people["agencies"][1]],
            kind="self",
            title="Tự kiểm tra",
            period_from=date(2026, 1, 1),
            **today,
        )
    own = self_inspection(people["justice_officer"], justice, title="Tự kiểm tra 2026", **today)
    target = own.targets.get()
    services.answer(
        actor=people["justice_head"], target=target, item=own.items.all()[0], result="compliant"
    )
    assert queries.inspection(people["supervisor"], own.pk) is not None  # visible to supervisors
    assert queries.inspection(people["health_officer"], own.pk) is None
    with pytest.raises(NotAllowed):  # an agency officer does not plan inspections of others
        new_inspection(
            people["justice_officer"],
            [justice],
            title="x",
            period_from=TODAY,
            **today,
            leader=people["inspector"],
        )


def test_overdue_findings_are_listed_from_the_day_after_the_deadline(people) -> None:
    inspection = _inspection(people)
    target = inspection.targets.get(agency=people["agencies"][0])
    finding = new_finding(people["inspector"], target, "Chưa có quy chế", "L18 Art. 24.3.c", TODAY)
    assert list(queries.overdue_findings(people["supervisor"], today=TODAY)) == []
    assert list(
        queries.overdue_findings(people["supervisor"], today=TODAY + timedelta(days=1))
    ) == [finding]
    assert (
        list(queries.overdue_findings(people["health_officer"], today=TODAY + timedelta(days=1)))
        == []
    )


def test_training_coverage_counts_attendance_in_the_window(people, make_person) -> None:
    justice = people["agencies"][0]
    staff = [
        people["justice_officer"],
        people["justice_head"],
        make_person(justice, Role.STAFF, "Vũ Đức Hiếu"),
        make_person(justice, Role.STAFF, "Lê Văn Tám"),
    ]
    services.record_training(
        actor=people["justice_officer"],
        agency=justice,
        kind="training",
        title="Tập huấn Luật Bảo vệ BMNN 2025",
        held_on=TODAY - timedelta(days=10),
        participants={"lãnh đạo": 1, "cán bộ": 1},
        attendees=staff[:2],
    )
    from bmnn.inspections.rules import add_months

    services.record_training(
        actor=people["justice_officer"],
        agency=justice,
        kind="dissemination",
        title="Phổ biến Nghị định 63",
        held_on=add_months(TODAY, -12),
        attendees=staff[2:3],
    )
    coverage = queries.training_coverage([justice], today=TODAY)
    assert coverage[justice.pk] == 0.5  # the session exactly a year ago is outside the window
    with pytest.raises(ValidationError):
        services.record_training(
            actor=people["justice_officer"],
            agency=justice,
            kind="training",
            title="x",
            held_on=TODAY + timedelta(days=1),
        )


def test_the_library_finds_titles_typed_without_diacritics(people) -> None:
    """Issue 6: "bao ve bi mat nha nuoc" finds a title written with diacritics."""
    law = _legal_text(people["supervisor"], *LAW_117)
    _decree_63(people["supervisor"], "Nghị định quy định chi tiết một số điều của Luật")
    assert list(queries.library("bao ve bi mat nha nuoc")) == [law]
    assert list(queries.library("BẢO VỆ BÍ MẬT")) == [law]
    assert (
        queries.library("nghi dinh").count() == 1
        and queries.library("", kind="decree").count() == 1
    )
    with pytest.raises(NotAllowed):
        _legal_text(people["justice_officer"], "law", "x", "x", "x", TODAY, TODAY)
    assert LegalDocument.objects.count() == 2 and Answer.objects.count() == 0


def test_regulations_staff_and_budget(people, client_for) -> None:
    justice = people["agencies"][0]
    with pytest.raises(ValidationError):
        services.set_regulation(
            actor=people["justice_officer"], agency=justice, status="issued"
        )  # no number/date
    services.set_regulation(
        actor=people["justice_officer"],
        agency=justice,
        status="issued",
        document_number="Quyết định số 12/QĐ-STP",
        issued_on=date(2026, 5, 20),
    )

    def designate(actor: str, person: str, decision: str = "QĐ 3") -> None:
        """A part-time designation at the justice department, decided on 1 March 2026."""
        services.designate_staff(
            actor=people[actor],
            agency=justice,
            person=people[person],
            mode="part_time",
            decision=decision,
            decided_on=date(2026, 3, 1),
        )

    with pytest.raises(NotAllowed):
        designate("justice_officer", "justice_officer")  # the head decides
    with pytest.raises(ValidationError):
        designate("justice_head", "health_officer")
    designate("justice_head", "justice_officer", "Quyết định số 3/QĐ-STP")
    rows = {
        r["agency"].pk: r
        for r in queries.agency_readiness(people["agencies"], today=date(2026, 7, 1))
    }
    assert not rows[justice.pk]["regulation_late"] and rows[justice.pk]["staff"]
    health = people["agencies"][1]
    assert rows[health.pk]["regulation_late"] and not rows[health.pk]["staff"]
    with pytest.raises(NotAllowed):
        services.save_budget(
            actor=people["justice_head"], year=2027, lines=[("Két sắt", 30_000_000)]
        )
    estimate = _submitted_budget(
        people,
        ("Mua két sắt, máy hủy tài liệu", 120_000_000),
        ("Tập huấn", 45_000_000),
        appraised_by="Sở Tài chính",
    )
    assert [line.requested for line in estimate.lines.all()] == [120_000_000, 45_000_000]
    page = client_for(people["supervisor"]).get("/inspections/agencies/").content.decode()
    assert "Quyết định số 12/QĐ-STP" in page


def test_the_api_gives_the_same_data_and_refusals(people, client_for) -> None:
    inspection = _inspection(people)
    target = inspection.targets.get(agency=people["agencies"][0])
    finding = new_finding(
        people["inspector"], target, "Thiếu sổ sao chụp", "ND26 Art. 3", TODAY + timedelta(days=3)
    )
    officer = client_for(people["justice_officer"])
    assert [i["id"] for i in officer.get("/api/inspections/").json()["results"]] == [inspection.pk]
    assert (
        len(officer.get(f"/api/inspections/{inspection.pk}/checklist/").json())
        == inspection.items.count()
    )
    health_officer = client_for(people["health_officer"])
    assert health_officer.get(f"/api/inspection-findings/{finding.pk}/").status_code == 404
    made = officer.post(
        f"/api/inspection-findings/{finding.pk}/remediate/",
        {"text": "Đã lập sổ"},
        content_type="application/json",
    )
    assert made.status_code == 200 and made.json()["status"] == "remediated"
    assert (
        officer.post(
            f"/api/inspection-findings/{finding.pk}/verify/",
            {"accept": True},
            content_type="application/json",
        ).status_code
        == 403
    )
    verified = client_for(people["inspector"]).post(
        f"/api/inspection-findings/{finding.pk}/verify/",
        {"accept": True},
        content_type="application/json",
    )
    assert verified.json()["status"] == "verified"
    _legal_text(people["supervisor"], *LAW_117)
    assert officer.get("/api/library/", {"q": "bao ve bi mat"}).json()["count"] == 1
    readiness = {r["agency"]: r for r in officer.get("/api/trainings/readiness/").json()}
    assert set(readiness) == {people["agencies"][0].pk}


def test_checklist_items_and_findings_link_to_the_texts_they_cite(people, client_for) -> None:
    law = _legal_text(
        people["supervisor"],
        "decree",
        "26/2020/NĐ-CP",
        "Nghị định quy định chi tiết Luật Bảo vệ bí mật nhà nước",
        "Chính phủ",
        date(2020, 2, 28),
        date(2020, 7, 1),
    )
    assert queries.cited_documents(["L18 Art. 11; ND26 Art. 3"]) == {
        "L18 Art. 11; ND26 Art. 3": [law]
    }
    inspection = _inspection(people)
    target = inspection.targets.get(agency=people["agencies"][0])
    finding = new_finding(people["inspector"], target, "Thiếu sổ chuyển giao", "ND26 Art. 4", TODAY)
    client = client_for(people["inspector"])
    page = client.get(f"/inspections/{inspection.pk}/agencies/{target.pk}/").content.decode()
    assert "?q=26/2020/N%C4%90-CP" in page
    assert (
        "26/2020/NĐ-CP Nghị định"
        in client.get(f"/inspections/findings/{finding.pk}/").content.decode()
    )


def test_an_officer_records_a_training_session_on_the_page(people, client_for) -> None:
    import re

    justice = people["agencies"][0]
    client = client_for(people["justice_officer"])
    page = client.get("/inspections/training/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "<" not in title.group(1)  # the page title is words, not the form
    assert page.count('data-testid="training-form"') == 1
    response = client.post(
        "/inspections/training/",
        {
            "agency": justice.pk,
            "kind": "training",
            "title": "Tập huấn Nghị định 63",
            "held_on": "02/11/2026",
            "leaders": "1",
            "staff": "12",
            # the form lists memberships (a person may serve several agencies), so it takes
            # their ids, not the people's
            "attendees": [
                Membership.objects.get(person=people[key], agency=justice).pk
                for key in ("justice_officer", "justice_head")
            ],
        },
    )
    assert response.status_code == 302
    session = justice.training_sessions.get()
    assert session.participant_total == 13 and session.attendance.count() == 2
    assert (
        client.post(
            "/inspections/training/",
            {
                "agency": people["agencies"][1].pk,
                "kind": "training",
                "title": "x",
                "held_on": "01/11/2026",
            },
        ).status_code
        == 403
    )


def test_regulation_file_and_budget_decision_through_the_pages(people, client_for) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.corpus.scanner_corpus import _lines_docx

    justice = people["agencies"][0]
    officer = client_for(people["justice_officer"])
    p = f"r{justice.pk}-"
    officer.post(
        "/inspections/agencies/",
        {
            "agency": justice.pk,
            p + "status": "issued",
            p + "document_number": "QĐ 12/QĐ-STP",
            p + "issued_on": "20/05/2026",
            p + "review_due": "20/05/2027",
            p + "file": SimpleUploadedFile("quy-che.docx", _lines_docx(["QUY CHẾ"])),
        },
    )
    regulation = justice.regulation
    assert regulation.status == "issued" and regulation.review_due == date(2027, 5, 20)
    download = officer.get(f"/inspections/agencies/{justice.pk}/regulation/")
    assert (
        download.status_code == 200 and b"".join(download)
        if download.streaming
        else download.content
    )
    health_officer = client_for(people["health_officer"])
    assert health_officer.get(f"/inspections/agencies/{justice.pk}/regulation/").status_code == 404
    refused = officer.post(
        "/inspections/agencies/",
        {
            "agency": justice.pk,
            p + "status": "issued",
            p + "document_number": "x",
            p + "issued_on": "20/05/2026",
            p + "file": SimpleUploadedFile("a.exe", b"MZ.."),
        },
    )
    assert refused.status_code == 400
    regulation.refresh_from_db()
    assert regulation.document_number == "QĐ 12/QĐ-STP"  # the bad upload changed nothing
    estimate = _submitted_budget(people, ("Két sắt", 60_000_000), ("Tập huấn", 40_000_000))
    supervisor = client_for(people["supervisor"])
    first, second = estimate.lines.all()
    amounts = {first.pk: "50.000.000", second.pk: "40000000"}
    supervisor.post(*budget_decision(estimate, "QĐ 88/QĐ-STC", "10/12/2026", amounts))
    estimate.refresh_from_db()
    assert estimate.status == "decided" and [line.allocated for line in estimate.lines.all()] == [
        50_000_000,
        40_000_000,
    ]


def test_regulations_designations_and_budget_through_the_api(people, client_for) -> None:
    justice, health = people["agencies"][0], people["agencies"][1]
    officer = client_for(people["justice_officer"])
    made = officer.post(
        "/api/regulations/",
        {"agency": justice.pk, "status": "drafting"},
        content_type="application/json",
    )
    assert made.status_code == 200 and made.json()["status"] == "drafting"
    assert (
        officer.post(
            "/api/regulations/",
            {"agency": health.pk, "status": "drafting"},
            content_type="application/json",
        ).status_code
        == 404
    )
    head = client_for(people["justice_head"])
    designated = head.post(
        "/api/designations/",
        {
            "agency": justice.pk,
            "person": people["justice_officer"].pk,
            "mode": "part_time",
            "decision": "QĐ 3/QĐ-STP",
            "decided_on": "2026-03-01",
        },
        content_type="application/json",
    )
    assert designated.status_code == 201
    assert [d["person"] for d in officer.get("/api/designations/").json()["results"]] == [
        people["justice_officer"].pk
    ]
    assert officer.get("/api/budgets/").status_code == 403
    services.save_budget(actor=people["supervisor"], year=2027, lines=[("Két sắt", 60_000_000)])
    assert (
        client_for(people["supervisor"])
        .get("/api/budgets/")
        .json()["results"][0]["lines"][0]["requested"]
        == 60_000_000
    )


def test_a_plan_task_links_to_the_texts_it_names(people) -> None:
    law = _legal_text(people["supervisor"], *LAW_117)
    _legal_text(
        people["supervisor"],
        "law",
        "29/2018/QH14",
        "Luật Bảo vệ bí mật nhà nước",
        "Quốc hội",
        date(2018, 11, 15),
        date(2020, 7, 1),
        effective_to=date(2026, 2, 28),
    )
    decree = _decree_63(people["supervisor"], "Nghị định hướng dẫn")
    assert queries.documents_mentioned("Quán triệt Nghị định số 63/2026/NĐ-CP của Chính phủ") == [
        decree
    ]
    assert queries.documents_mentioned("Phổ biến Luật Bảo vệ bí mật nhà nước đến cán bộ") == [
        law
    ]  # the one in force
    assert queries.documents_mentioned("Kiểm tra máy tính") == []


HUGE = "9" * 30


def test_huge_numbers_typed_into_the_forms_are_refused_with_a_message(people, client_for) -> None:
    """Issue 13, finding 12: form numbers too large for the database are refused, not a 500."""
    from bmnn.inspections.models import BudgetEstimate, TrainingSession

    justice = people["agencies"][0]
    officer = client_for(people["justice_officer"])
    response = officer.post(
        "/inspections/training/",
        {
            "agency": justice.pk,
            "kind": "training",
            "title": "Tập huấn",
            "held_on": "02/11/2026",
            "leaders": HUGE,
            "staff": "3",
        },
    )
    assert response.status_code == 400 and not TrainingSession.objects.exists()
    assert "Số người tham dự quá lớn" in response.content.decode()
    supervisor = client_for(people["supervisor"])
    for year, amount, message in (
        (HUGE, "1000", "2000"),
        ("2027", HUGE, "15 chữ số"),
        ("-5", "1000", "2000"),
    ):
        response = supervisor.post(
            "/inspections/budget/",
            {"year": year, "lines": f"Tập huấn | {amount}", "status": "draft"},
        )
        assert response.status_code == 400 and message in response.content.decode(), (year, amount)
    assert not BudgetEstimate.objects.exists()
    estimate = _submitted_budget(people, ("Tập huấn", 1000))
    line = estimate.lines.get()
    response = supervisor.post(
        *budget_decision(estimate, "QĐ 1/QĐ-STC", "01/12/2026", {line.pk: HUGE})
    )
    assert response.status_code == 400 and "15 chữ số" in response.content.decode()
    assert estimate.lines.get().allocated is None


def test_the_api_names_only_the_inspected_agencies_the_reader_may_see(people, client_for) -> None:
    """Found by the attack review: the API listed every target of a joint inspection to each
    inspected agency, while the page and the conclusion showed only the reader's own."""
    inspection = _inspection(people)
    justice, health, finance = people["agencies"]
    officer = client_for(people["justice_officer"])
    assert officer.get(f"/api/inspections/{inspection.pk}/").json()["agencies"] == [justice.pk]
    assert officer.get("/api/inspections/").json()["results"][0]["agencies"] == [justice.pk]
    everyone = client_for(people["inspector"]).get(f"/api/inspections/{inspection.pk}/").json()
    assert sorted(everyone["agencies"]) == sorted(a.pk for a in (justice, health, finance))


def test_a_team_member_from_an_agency_reads_every_target_of_their_inspection(
    people, make_person, client_for
) -> None:
    """A team may include an officer of another agency (seconded): they read every target's
    findings of the inspection they are on, as the leader does."""
    justice, health, _finance = people["agencies"]
    seconded = make_person(justice, Role.STAFF, "Cán Bộ Biệt Phái")
    inspection = _inspection(people, team=[seconded])
    target = inspection.targets.get(agency=health)
    finding = new_finding(
        people["inspector"],
        target,
        "Thiếu sổ theo dõi",
        "ND26 Art. 4",
        TODAY + timedelta(days=7),
        severity="low",
    )
    client = client_for(seconded)
    assert client.get(f"/api/inspection-findings/{finding.pk}/").status_code == 200
    assert "Thiếu sổ theo dõi" in client.get(f"/inspections/{inspection.pk}/").content.decode()


# --- The read path of each page (bench/mutate_policy.py: dropping a page's restrict fails here) --


def test_an_inspected_agency_s_pages_name_and_open_only_its_own_target(people, client_for) -> None:
    """A joint inspection's page lists the reader's own agency among those inspected, and the
    checklist of another agency's target is not found (policy.restrict_targets)."""
    inspection = _inspection(people)
    justice, health, _finance = people["agencies"]
    own, other = (inspection.targets.get(agency=a) for a in (justice, health))
    officer = client_for(people["justice_officer"])
    page = officer.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Sở Tư pháp" in page
    assert "Sở Y tế" not in page and "Sở Tài chính" not in page
    assert officer.get(f"/inspections/{inspection.pk}/agencies/{own.pk}/").status_code == 200
    assert officer.get(f"/inspections/{inspection.pk}/agencies/{other.pk}/").status_code == 404
    inspector = client_for(people["inspector"])
    full = inspector.get(f"/inspections/{inspection.pk}/").content.decode()
    assert all(a.name in full for a in people["agencies"])
    assert inspector.get(f"/inspections/{inspection.pk}/agencies/{other.pk}/").status_code == 200


def test_training_and_readiness_pages_show_only_the_reader_s_agencies(people, client_for) -> None:
    """The training coverage, its sessions and the readiness table list the reader's own agency;
    another agency can be neither read nor chosen (policy.restrict_agencies and
    restrict_agency_records)."""
    from bmnn.inspections.models import Regulation

    justice, health, _finance = people["agencies"]
    for agency, officer in ((justice, "justice_officer"), (health, "health_officer")):
        services.record_training(
            actor=people[officer],
            agency=agency,
            kind="training",
            title=f"Tập huấn tại {agency.name}",
            held_on=TODAY - timedelta(days=3),
        )
    officer = client_for(people["justice_officer"])
    for url in ("/inspections/training/", "/inspections/agencies/"):
        page = officer.get(url).content.decode()
        assert "Sở Tư pháp" in page, url
        assert "Sở Y tế" not in page and "Sở Tài chính" not in page, url
    refused = officer.post("/inspections/agencies/", {"agency": health.pk, "status": "drafting"})
    assert refused.status_code == 404 and not Regulation.objects.filter(agency=health).exists()
    supervisor = client_for(people["supervisor"])
    for url in ("/inspections/training/", "/inspections/agencies/"):
        page = supervisor.get(url).content.decode()
        assert all(a.name in page for a in people["agencies"]), url
    assert "Tập huấn tại Sở Y tế" in supervisor.get("/inspections/training/").content.decode()


def test_the_budget_estimate_is_read_and_decided_by_supervisors_only(people, client_for) -> None:
    """Others find no estimate on the budget page and none to decide (policy.restrict_budgets);
    saving one is still refused."""
    from bmnn.inspections.models import BudgetEstimate

    estimate = _submitted_budget(people, ("Mua két sắt chống cháy", 60_000_000))
    head = client_for(people["justice_head"])
    page = head.get("/inspections/budget/")
    assert page.status_code == 200 and "Mua két sắt chống cháy" not in page.content.decode()
    assert 'data-testid="budget-form"' not in page.content.decode()  # no form it may not send
    allocated = {estimate.lines.get().pk: "60000000"}
    decided = head.post(*budget_decision(estimate, "QĐ 88/QĐ-STC", "10/12/2026", allocated))
    assert decided.status_code == 404
    saved = head.post(
        "/inspections/budget/", {"year": "2028", "lines": "Tập huấn | 1000", "status": "draft"}
    )
    assert saved.status_code == 403
    estimate.refresh_from_db()
    assert estimate.status == "submitted" and BudgetEstimate.objects.count() == 1
    supervisor_page = client_for(people["supervisor"]).get("/inspections/budget/").content.decode()
    assert "Mua két sắt chống cháy" in supervisor_page
    assert 'data-testid="budget-form"' in supervisor_page

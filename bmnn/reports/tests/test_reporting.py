"""Periods and ad-hoc requests, the submission workflow (draft → submitted → signed → returned →
resubmitted → signed → accepted), corrections with reasons, reminders, the province report and
its DOCX/XLSX, and report bundles between installations."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from bmnn.core import bundles
from bmnn.core.keys import trust_key
from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import AgencyGroup, AgencyType, Role
from bmnn.reports import aggregate, calendar, province, services
from bmnn.reports.models import ImportedReport, Incident, ReportingPeriod, Submission
from bmnn.reports.reminders import occasion, send_reminders
from bmnn.reports.tests.builders import ad_hoc_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(province):
    return province(
        "police health commune supervisor head officer staff",
        "health_officer health_head commune_officer",
    )


def _annual(people, year=2026):
    return services.create_period(actor=people["supervisor"], kind="annual", year=year)


def test_the_annual_period_follows_the_statutory_calendar(people) -> None:
    period = _annual(people)
    assert (period.window_start, period.window_end) == (date(2025, 12, 15), date(2026, 12, 14))
    assert period.statutory_due_on == date(2026, 12, 20) and period.due_on == date(2026, 12, 15)
    assert "26/2020" in period.basis
    expected = set(services.expected_agencies(period).values_list("name", flat=True))
    assert expected == {"Sở Tư pháp", "Sở Y tế", "UBND xã Tân Lập"}  # the police aggregates
    with pytest.raises(ValidationError):
        _annual(people)  # once per window
    half = services.create_period(actor=people["supervisor"], kind="semiannual", year=2026, part=2)
    assert (half.window_start, half.window_end) == (date(2026, 7, 1), date(2026, 12, 31))
    assert calendar.defaults("quarterly", 2026, 1).window_end == date(2026, 3, 31)
    with pytest.raises(NotAllowed):
        services.create_period(actor=people["head"], kind="annual", year=2027)
    assert Notification.objects.filter(
        recipient=people["commune_officer"], key=f"report-period-{period.pk}"
    ).exists()


def test_an_ad_hoc_request_goes_to_the_chosen_agencies_and_groups(people) -> None:
    group = AgencyGroup.objects.create(
        name="UBND cấp xã", code="xa", agency_types=[AgencyType.COMMUNE]
    )
    with pytest.raises(ValidationError):
        ad_hoc_period(people["supervisor"], "Rà soát")
    request = ad_hoc_period(
        people["supervisor"],
        "Rà soát máy tính soạn thảo BMNN",
        agencies=[people["health"]],
        groups=[group],
        questions=["Số máy tính đã từng kết nối Internet?", " "],
    )
    assert set(services.expected_agencies(request).values_list("name", flat=True)) == {
        "Sở Y tế",
        "UBND xã Tân Lập",
    }
    assert request.questions == ["Số máy tính đã từng kết nối Internet?"]
    with pytest.raises(ValidationError):
        services.start_submission(actor=people["officer"], period=request, agency=people["justice"])
    draft = services.start_submission(
        actor=people["health_officer"], period=request, agency=people["health"]
    )
    assert draft.answers == [{"question": "Số máy tính đã từng kết nối Internet?", "answer": ""}]
    draft = services.save_submission(
        actor=people["health_officer"],
        submission=draft,
        revision=draft.revision,
        situation="Đã rà soát 14 máy tính",
    )
    with pytest.raises(ValidationError):  # the question is unanswered
        services.submit(actor=people["health_officer"], submission=draft)
    draft = services.save_submission(
        actor=people["health_officer"],
        submission=draft,
        revision=draft.revision,
        answers=["02 máy, đã thay ổ cứng"],
    )
    assert services.submit(actor=people["health_officer"], submission=draft).state == "submitted"


def test_draft_submit_sign_return_resubmit_accept(people) -> None:
    period = _annual(people)
    officer, head, supervisor = people["officer"], people["head"], people["supervisor"]
    with pytest.raises(NotAllowed):
        services.start_submission(actor=people["staff"], period=period, agency=people["justice"])
    Incident.objects.create(
        agency=people["justice"],
        what="x",
        found_at=timezone.now(),
        channel="other",
        reported_by=officer,
    )
    draft = services.start_submission(actor=officer, period=period, agency=people["justice"])
    assert draft.figures["incidents"] == {"auto": 1, "value": 1, "reason": ""}
    with pytest.raises(ValidationError):  # nothing written yet
        services.submit(actor=officer, submission=draft)
    with pytest.raises(ValidationError) as missing_reason:
        services.save_submission(
            actor=officer,
            submission=draft,
            revision=draft.revision,
            corrections={"trainings": ("3", "")},
        )
    assert "trainings" in missing_reason.value.message_dict
    draft = services.save_submission(
        actor=officer,
        submission=draft,
        revision=draft.revision,
        situation="Thực hiện nghiêm quy chế",
        proposals="Bổ sung kinh phí mua tủ sắt",
        corrections={"trainings": ("3", "02 buổi do Đảng ủy tổ chức")},
    )
    assert draft.figures["trainings"] == {
        "auto": 0,
        "value": 3,
        "reason": "02 buổi do Đảng ủy tổ chức",
    }
    with pytest.raises(ValidationError):  # a stale form does not overwrite a newer save
        services.save_submission(
            actor=officer, submission=draft, revision=draft.revision - 1, situation="cũ"
        )
    draft = services.submit(actor=officer, submission=draft)
    assert Notification.objects.filter(
        recipient=head, key__startswith=f"report-sign-{draft.pk}"
    ).exists()
    with pytest.raises(ValidationError):  # the officer can no longer edit; the head can
        services.save_submission(
            actor=officer, submission=draft, revision=draft.revision, lessons="x"
        )
    with pytest.raises(NotAllowed):
        services.sign(actor=officer, submission=draft)
    signed = services.sign(actor=head, submission=draft)
    assert (
        signed.state == "signed" and signed.signed_by == head and signed.first_sent_at is not None
    )
    assert Notification.objects.filter(
        recipient=supervisor, key__startswith=f"report-signed-{draft.pk}"
    ).exists()
    with pytest.raises(ValidationError):  # a return says what to change
        services.review(actor=supervisor, submission=signed, accept=False)
    with pytest.raises(NotAllowed):
        services.review(actor=head, submission=signed, accept=True)
    returned = services.review(
        actor=supervisor, submission=signed, accept=False, comment="Bổ sung số liệu tập huấn cấp xã"
    )
    assert returned.state == "returned"
    first_sent = returned.first_sent_at
    returned = services.save_submission(
        actor=officer,
        submission=returned,
        revision=returned.revision,
        situation="Thực hiện nghiêm quy chế; đã tập huấn 03 xã",
    )
    resubmitted = services.submit(actor=officer, submission=returned)
    signed = services.sign(actor=head, submission=resubmitted)
    accepted = services.review(actor=supervisor, submission=signed, accept=True)
    assert (
        accepted.state == "accepted" and accepted.first_sent_at == first_sent
    )  # lateness counts from the first send
    actions = accepted.events.values_list("action", flat=True)
    assert list(actions) == ["draft", "submit", "sign", "return", "submit", "sign", "accept"]
    assert AuditEvent.objects.filter(action="report.return", object_id=str(accepted.pk)).exists()
    with pytest.raises(ValidationError):
        services.save_submission(
            actor=head, submission=accepted, revision=accepted.revision, situation="x"
        )


def test_the_pages_follow_the_same_workflow(people, client_for) -> None:
    period = _annual(people)
    url = f"/reports/periods/{period.pk}/agencies/{people['justice'].pk}/"
    officer = client_for(people["officer"])
    assert officer.post(url, {"action": "start"}).status_code == 302
    submission = Submission.objects.get()
    page = officer.get(url).content.decode()
    assert 'name="fig-incidents"' in page and "Sổ đăng ký đến" in page
    response = officer.post(
        url,
        {
            "action": "submit",
            "revision": submission.revision,
            "situation": "Kết quả tốt",
            "fig-devices": "abc",
        },
        follow=True,
    )
    assert Submission.objects.get().state == "draft" and "số nguyên" in response.content.decode()
    officer.post(
        url, {"action": "submit", "revision": submission.revision, "situation": "Kết quả tốt"}
    )
    assert Submission.objects.get().state == "submitted"
    assert client_for(people["health_officer"]).get(url).status_code == 404
    client_for(people["head"]).post(url, {"action": "sign"})
    assert Submission.objects.get().state == "signed"
    listing = (
        client_for(people["supervisor"])
        .get(f"/reports/periods/{period.pk}/?state=missing")
        .content.decode()
    )
    assert "Sở Y tế" in listing and "Sở Tư pháp" not in listing
    client_for(people["supervisor"]).post(url, {"action": "accept"})
    assert Submission.objects.get().state == "accepted"


def test_reminders_come_before_the_deadline_and_while_late(people) -> None:
    period = _annual(people)
    assert [
        occasion(period.due_on, period.due_on - timedelta(days=d)) for d in (8, 7, 2, 1, 0)
    ] == [None, "d-7", None, "d-1", "d-0"]
    assert occasion(period.due_on, period.due_on + timedelta(days=1)) == "late-1"
    assert occasion(period.due_on, period.due_on + timedelta(days=8)) == "late-8"
    draft = services.start_submission(
        actor=people["officer"], period=period, agency=people["justice"]
    )
    draft = services.save_submission(
        actor=people["officer"], submission=draft, revision=0, situation="x"
    )
    services.sign(actor=people["head"], submission=draft)  # Sở Tư pháp has sent it
    week_before = period.due_on - timedelta(days=7)
    result = send_reminders(week_before)
    told = set(
        Notification.objects.filter(key__startswith=f"report-remind-{period.pk}-").values_list(
            "recipient__username", flat=True
        )
    )
    assert (
        result["periods"] == 1
        and people["health_officer"].username in told
        and people["commune_officer"].username in told
    )
    assert people["officer"].username not in told
    assert send_reminders(week_before)["notified"] == 0  # once per occasion


def _accept(people, period, agency, officer, head, **corrections):
    draft = services.start_submission(actor=officer, period=period, agency=agency)
    draft = services.save_submission(
        actor=officer,
        submission=draft,
        revision=draft.revision,
        situation=f"Báo cáo của {agency.name}",
        proposals="Đề nghị tập huấn",
        corrections={k: (v, "Số liệu bổ sung") for k, v in corrections.items()},
    )
    signed = services.sign(actor=head, submission=draft)
    return services.review(actor=people["supervisor"], submission=signed, accept=True)


def test_the_province_report_adds_up_accepted_reports_and_lists_the_missing(
    people, tmp_path
) -> None:
    period = _annual(people)
    _accept(
        people, period, people["justice"], people["officer"], people["head"], trainings=4, devices=3
    )
    _accept(
        people,
        period,
        people["health"],
        people["health_officer"],
        people["health_head"],
        trainings=2,
    )
    report = province.build(actor=people["supervisor"], period=period)
    assert report.data["totals"]["trainings"] == 6 and report.data["totals"]["devices"] == 3
    assert report.data["accepted"] == 2 and report.data["missing"] == ["UBND xã Tân Lập"]
    assert "2/3" in report.situation and "Sở Y tế: Đề nghị tập huấn" in report.proposals
    with pytest.raises(ValidationError):
        province.update(
            actor=people["supervisor"], report=report, revision=report.revision - 1, lessons="x"
        )
    report = province.update(
        actor=people["supervisor"],
        report=report,
        revision=report.revision,
        lessons="Phát huy vai trò người đứng đầu",
        number="45/BC-CAT",
    )
    report = province.build(
        actor=people["supervisor"], period=period
    )  # building again keeps the edits
    assert report.lessons == "Phát huy vai trò người đứng đầu"

    import docx
    import openpyxl

    document = docx.Document(io.BytesIO(province.docx(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert (
        "Số: 45/BC-CAT" in "\n".join(cells)
        and "BÁO CÁO" in text
        and "Phát huy vai trò người đứng đầu" in text
    )
    annex = next(t for t in document.tables if t.rows[0].cells[1].text == "Cơ quan, đơn vị")
    justice_row = next(r for r in annex.rows if r.cells[1].text == "Sở Tư pháp")
    assert (
        justice_row.cells[8].text == "4" and justice_row.cells[14].text == "3"
    )  # trainings, computers
    assert document.inline_shapes  # the chart
    workbook = openpyxl.load_workbook(io.BytesIO(province.xlsx(report)))
    assert [row[0].value for row in workbook["Chưa báo cáo"].iter_rows(min_row=2)] == [
        "UBND xã Tân Lập"
    ]

    out = tmp_path / "bc.docx"
    call_command("report_province", period="2026", out=str(out), xlsx=str(tmp_path / "bc.xlsx"))
    assert docx.Document(str(out)).paragraphs and (tmp_path / "bc.xlsx").stat().st_size > 0


@pytest.fixture
def signing(signing, settings):
    """Signed as the province's police (conftest's `signing`, under another name)."""
    settings.BMNN_INSTALLATION_NAME = "Công an tỉnh Bắc Lâm"
    return signing


def test_a_bundle_imports_once_and_altered_or_foreign_ones_are_refused(
    people, signing, settings
) -> None:
    period = _annual(people)
    _accept(people, period, people["justice"], people["officer"], people["head"], trainings=4)
    data = province.bundle(province.build(actor=people["supervisor"], period=period))
    with pytest.raises(ValidationError, match=r"không tin cậy|does not trust"):
        province.import_bundle(actor=None, data=data)  # the key is not trusted yet
    trust_key(
        actor=None,
        name="Công an tỉnh Bắc Lâm",
        kind="report",
        public_key=bundles.public_key_text(signing),
    )
    for position in (len(data) // 2, len(data) - 30):
        altered = bytearray(data)
        altered[position] ^= 0x01
        with pytest.raises(ValidationError):
            province.import_bundle(actor=None, data=bytes(altered))
    assert not ImportedReport.objects.exists()
    imported, changed = province.import_bundle(actor=None, data=data)
    assert changed and imported.issuer == "Công an tỉnh Bắc Lâm"
    assert province.import_bundle(actor=None, data=data) == (imported, False)
    assert ImportedReport.objects.count() == 1
    # a foreign key signing the same content is refused
    foreign_private, _public = bundles.generate_key()
    foreign = bundles.write(
        "report", {"payload.json": b"{}"}, private_pem=foreign_private, issuer="Tỉnh khác"
    )
    with pytest.raises(ValidationError):
        province.import_bundle(actor=None, data=foreign)
    with pytest.raises(NotAllowed):
        province.import_bundle(actor=people["head"], data=data)
    # the imported province is aggregated as one row of the same period
    collected = aggregate.collect(period)
    assert [(row.name, row.kind, row.values["trainings"]) for row in collected.rows] == [
        ("Sở Tư pháp", "agency", 4),
        ("Công an tỉnh Bắc Lâm", "imported", 4),
    ]


def test_aggregate_sums_every_row() -> None:
    rows = [
        aggregate.Row(f"Cơ quan {n}", "agency", {"trainings": n, "created.mat": 1})
        for n in range(1, 101)
    ]
    result = aggregate.aggregate(rows)
    assert result["totals"]["trainings"] == 5050 and result["totals"]["created.mat"] == 100
    assert len(result["rows"]) == 100 and result["rows"][0]["name"] == "Cơ quan 1"


def test_periods_are_listed_for_the_agencies_asked(people, client_for) -> None:
    period = _annual(people)
    assert (
        "Báo cáo công tác bảo vệ bí mật nhà nước năm 2026"
        in client_for(people["officer"]).get("/reports/").content.decode()
    )
    assert client_for(people["officer"]).get(f"/reports/periods/{period.pk}/").status_code == 302
    assert (
        client_for(people["officer"]).get(f"/reports/periods/{period.pk}/province/").status_code
        == 404
    )
    assert ReportingPeriod.objects.count() == 1


def test_the_api_runs_the_whole_workflow_with_the_same_refusals(people, client_for) -> None:
    supervisor, officer, head = (client_for(people[k]) for k in ("supervisor", "officer", "head"))
    made = supervisor.post(
        "/api/report-periods/", {"kind": "annual", "year": 2026}, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    period = made.json()["id"]
    assert (
        officer.post(
            "/api/report-periods/",
            {"kind": "annual", "year": 2027},
            content_type="application/json",
        ).status_code
        == 403
    )
    request = supervisor.post(
        "/api/report-requests/",
        {
            "kind": "annual",
            "year": 2026,
            "title": "Rà soát USB",
            "window_start": "2026-01-01",
            "window_end": "2026-11-30",
            "due_on": "2026-12-05",
            "agencies": [people["health"].pk],
            "questions": ["Số USB đã đăng ký?"],
        },
        content_type="application/json",
    )
    assert request.status_code == 201 and request.json()["kind"] == "ad_hoc"
    assert [
        p["id"] for p in officer.get("/api/report-requests/").json()["results"]
    ] == []  # asked of Sở Y tế only
    assert [p["id"] for p in officer.get("/api/report-periods/").json()["results"]] == [period]

    other = officer.post(f"/api/report-periods/{period}/start/{people['health'].pk}/")
    assert other.status_code == 404  # another agency: as if it did not exist, not a 403 hint
    started = officer.post(f"/api/report-periods/{period}/start/{people['justice'].pk}/")
    assert started.status_code == 201, started.content
    submission = started.json()
    assert {f["key"]: f["source"] for f in submission["figures"]}["incidents"].startswith(
        "Báo cáo vụ việc"
    )
    url = f"/api/report-submissions/{submission['id']}/"
    refused = officer.patch(
        url, {"revision": 0, "figures": {"devices": {"value": 4}}}, content_type="application/json"
    )
    assert refused.status_code == 400 and "devices" in refused.json()["errors"]
    saved = officer.patch(
        url,
        {
            "revision": 0,
            "situation": "Kết quả",
            "figures": {"devices": {"value": 4, "reason": "02 máy mới"}},
        },
        content_type="application/json",
    )
    assert saved.status_code == 200 and saved.json()["revision"] == 1
    assert (
        officer.patch(
            url, {"revision": 0, "lessons": "cũ"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert officer.post(f"{url}submit/").json()["state"] == "submitted"
    assert officer.post(f"{url}sign/").status_code == 403
    assert head.post(f"{url}sign/").json()["state"] == "signed"
    assert supervisor.post(f"{url}return/", {}, content_type="application/json").status_code == 400
    assert (
        supervisor.post(
            f"{url}return/", {"comment": "Bổ sung"}, content_type="application/json"
        ).json()["state"]
        == "returned"
    )
    assert officer.post(f"{url}submit/").json()["state"] == "submitted"
    head.post(f"{url}sign/")
    assert (
        supervisor.post(f"{url}accept/", {}, content_type="application/json").json()["state"]
        == "accepted"
    )
    assert client_for(people["health_officer"]).get(url).status_code == 404

    built = supervisor.post(f"/api/province-reports/{period}/build/")
    assert built.status_code == 200 and built.json()["data"]["totals"]["devices"] == 4
    edited = supervisor.patch(
        f"/api/province-reports/{period}/",
        {"revision": built.json()["revision"], "number": "12/BC-CAT"},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["number"] == "12/BC-CAT"
    document = supervisor.get(f"/api/province-reports/{period}/file/docx/")
    assert document.status_code == 200 and document.content[:2] == b"PK"
    # The province's report is the supervisors' alone: not found, not even listed.
    assert officer.get(f"/api/province-reports/{period}/").status_code == 404
    assert officer.get(f"/api/province-reports/{period}/file/docx/").status_code == 404
    assert officer.get("/api/province-reports/").json()["results"] == []
    assert (
        officer.patch(
            f"/api/province-reports/{period}/", {"revision": 1}, content_type="application/json"
        ).status_code
        == 404
    )


def test_the_period_page_costs_the_same_queries_for_more_agencies(
    people, client_for, make_agency
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = _annual(people)
    client = client_for(people["supervisor"])

    def count() -> int:
        client.get(f"/reports/periods/{period.pk}/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/reports/periods/{period.pk}/").status_code == 200
        return len(queries)

    before = count()
    for n in range(40):
        agency = make_agency(f"UBND xã số {n}", type=AgencyType.COMMUNE)
        Submission.objects.create(
            period=period, agency=agency, state="signed" if n % 2 else "draft"
        )
    assert count() == before


def test_bad_input_on_the_pages_gets_a_message_not_an_error(people, client_for, signing) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    period = _annual(people)
    supervisor = client_for(people["supervisor"])
    page = supervisor.post(
        "/reports/imports/",
        {"bundle": SimpleUploadedFile("x.bmnn", b"PK\x03\x04 not a bundle")},
        follow=True,
    ).content.decode()
    assert "không phải gói dữ liệu" in page.lower() or "bị hỏng" in page
    assert not ImportedReport.objects.exists()
    url = f"/reports/periods/{period.pk}/agencies/{people['justice'].pk}/"
    officer = client_for(people["officer"])
    assert officer.post(url, {"action": "nonsense"}, follow=True).status_code == 200
    officer.post(url, {"action": "start"})
    answer = officer.post(url, {"action": "save", "revision": "x"}, follow=True)
    assert answer.status_code == 200 and "tải lại trang" in answer.content.decode()
    assert (
        supervisor.post(
            f"/reports/periods/{period.pk}/", {"due_on": "31/02/2026"}, follow=True
        ).status_code
        == 200
    )
    assert ReportingPeriod.objects.get().due_on == period.due_on
    province_page = supervisor.post(
        f"/reports/periods/{period.pk}/province/", {"situation": "x"}, follow=True
    )
    assert (
        province_page.status_code == 200
        and "Hãy tổng hợp báo cáo trước" in province_page.content.decode()
    )
    supervisor.post(f"/reports/periods/{period.pk}/province/", {"action": "build"})
    stale = supervisor.post(
        f"/reports/periods/{period.pk}/province/",
        {
            "revision": "0",
            "number": "1/BC",
            "issuer": "CA",
            "signer_title": "GIÁM ĐỐC",
            "day": "01/12/2026",
            "summary": "x",
            "recipients": "Bộ Công an",
            "issuer_parent": "UBND",
            "place": "Bắc Lâm",
        },
        follow=True,
    )
    assert stale.status_code == 200 and "Người khác đã lưu" in stale.content.decode()


def test_staff_saving_the_agencys_report_is_told_it_may_not(people, client_for) -> None:
    """Found by the attack review: a staff member's save answered "Saved." though nothing was."""
    period = _annual(people)
    submission = services.start_submission(
        actor=people["officer"], period=period, agency=people["justice"]
    )
    response = client_for(people["staff"]).post(
        f"/reports/periods/{period.pk}/agencies/{people['justice'].pk}/",
        {"action": "save", "situation": "pwned", "revision": submission.revision},
        follow=True,
    )
    page = response.content.decode()
    assert "Đã lưu" not in page and "pwned" not in page
    submission.refresh_from_db()
    assert submission.situation != "pwned"


def test_the_dashboard_offers_a_period_only_to_those_who_may_open_it(
    people, make_person, client_for
) -> None:
    """Found by the attack review: the inspector's dashboard linked the year's period, whose page
    answered 404 (the provincial police aggregates rather than reports). Every link on the home
    page now opens, and the officer who writes the report finds the period there."""
    period = _annual(people)
    inspector = make_person(people["police"], Role.INSPECTOR, "Hồ Văn Tra")
    client = client_for(inspector)
    assert client.get(f"/reports/periods/{period.pk}/").status_code == 404
    home = client.get("/").content.decode()
    links = set(re.findall(r'href="(/[^"#?]*)', home)) - {"/accounts/logout/"}
    assert f"/reports/periods/{period.pk}/" not in links
    assert links, "the inspector's home links to nothing"
    dead = {link for link in links if client.get(link).status_code >= 400}
    assert not dead
    officer_home = client_for(people["officer"]).get("/").content.decode()
    assert period.title in officer_home


def test_the_report_pages_show_each_reader_only_what_the_policy_lets_through(
    people, client_for, make_person
) -> None:
    """The period list, the province's report and the imported reports read through the
    policy alone: an agency's officer sees its own agency and the periods put to it, never
    another agency's request, the province's report or a lower installation's report."""
    _annual(people)
    request = ad_hoc_period(
        people["supervisor"], "Rà soát riêng Sở Y tế", agencies=[people["health"]]
    )
    officer = client_for(people["officer"])
    listing = officer.get("/reports/").content.decode()
    assert "Sở Tư pháp" in listing and "Sở Y tế" not in listing
    assert "Rà soát riêng Sở Y tế" not in listing
    assert (
        "Rà soát riêng Sở Y tế"
        in client_for(people["health_officer"]).get("/reports/").content.decode()
    )

    period = ReportingPeriod.objects.get(kind="annual")
    province.build(actor=people["supervisor"], period=period)
    assert officer.get(f"/reports/periods/{period.pk}/province/").status_code == 404
    assert (
        client_for(people["supervisor"]).get(f"/reports/periods/{period.pk}/province/").status_code
        == 200
    )
    admin = client_for(make_person(people["police"], Role.ADMINISTRATOR, "Đỗ Minh Khoa"))
    detail = admin.get(f"/reports/periods/{period.pk}/").content.decode()
    assert 'data-testid="province-link"' not in detail  # province-wide, but not the report's reader

    ImportedReport.objects.create(
        period_kind="annual",
        window_start=period.window_start,
        window_end=period.window_end,
        issuer="Công an tỉnh Nam Lâm",
        key_id="abcd",
        bundle_sha256="0" * 64,
        signed_at="2026-12-10T08:00:00+07:00",
        payload={},
    )
    imports = officer.get("/reports/imports/").content.decode()
    assert "Nam Lâm" not in imports and 'data-testid="import-form"' not in imports
    assert "Nam Lâm" in client_for(people["supervisor"]).get("/reports/imports/").content.decode()
    assert officer.post("/reports/imports/", {}).status_code == 403
    assert request.pk  # the request exists: the officer's list left it out


def test_an_ad_hoc_request_to_an_empty_group_is_put_to_nobody(people) -> None:
    """An ad-hoc request reaches only the agencies asked: one sent to a group with no member
    yet is not everyone's (a statutory period without targets is)."""
    from bmnn.core import policy

    empty = AgencyGroup.objects.create(
        name="Doanh nghiệp nhà nước", code="dnnn", agency_types=[AgencyType.ENTERPRISE]
    )
    request = ad_hoc_period(people["supervisor"], "Rà soát doanh nghiệp", groups=[empty])
    annual = _annual(people)
    seen = set(policy.restrict_periods(people["officer"], ReportingPeriod.objects.all()))
    assert annual in seen and request not in seen

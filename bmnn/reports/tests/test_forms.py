"""Issue 19 on the reporting and incident pages: a mistake in a form comes back on the same page
with everything typed and the message next to its field, nothing saved; the head returns a
report to the officer; the agency's report as DOCX and to print; one definition of "sent";
the province's per-agency table headed in words; confirmations on irreversible steps."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import AgencyType, Role
from bmnn.reports import province, queries, services
from bmnn.reports.models import Incident, IncidentStep, ReportingPeriod, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(province):
    return province(
        "police supervisor head officer staff health_head health_officer",
        clearance={"supervisor": "mat"},
    )


@pytest.fixture
def period(people):
    return services.create_period(actor=people["supervisor"], kind="annual", year=2026)


def _url(period, agency) -> str:
    return f"/reports/periods/{period.pk}/agencies/{agency.pk}/"


def _refused_page(response, *typed: str) -> str:
    """The page of a refused form: answered 200 (the form again), with each of `typed` kept."""
    page = response.content.decode()
    assert response.status_code == 200
    for text in typed:
        assert text in page, text
    return page


def _usb_lost(people, what: str) -> Incident:
    """The staff member's report of a USB stick of the justice department lost an hour ago."""
    return services.report_incident(
        actor=people["staff"],
        agency=people["justice"],
        what=what,
        channel="lost_document",
        found_at=timezone.now() - timedelta(hours=1),
    )


def _error(page: str, field_id: str) -> str:
    """The message shown next to a field: the element with the id Django's aria-describedby
    names, or (web/_form_fields.html) the first message after the field in its block."""
    found = re.search(rf'id="{re.escape(field_id)}_error">([^<]*)<', page)
    if found:
        return found.group(1)
    after = re.search(rf'id="{re.escape(field_id)}"(.*?)(?:<div class="mb-3">|</form>)', page, re.S)
    message = (
        re.search(r'class="invalid-feedback[^"]*"[^>]*>([^<]*)<', after.group(1)) if after else None
    )
    return message.group(1) if message else ""


def _value(page: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', page)
    return found.group(1) if found else ""


def _started(people, period) -> Submission:
    return services.start_submission(
        actor=people["officer"], period=period, agency=people["justice"]
    )


def test_letters_and_negative_figures_come_back_with_everything_typed(
    people, period, client_for
) -> None:
    draft = _started(people, period)
    before = (draft.revision, dict(draft.figures))
    response = client_for(people["officer"]).post(
        _url(period, people["justice"]),
        {
            "action": "save",
            "revision": draft.revision,
            "situation": "Sở đã quán triệt quy chế",
            "lessons": "Kiểm tra định kỳ",
            "fig-devices": "ba",
            "why-devices": "02 máy chưa nhập",
            "fig-trainings": "-2",
            "fig-created.mat": "99999999",
        },
    )
    assert response.status_code == 200  # the same page, not a redirect that forgets
    page = response.content.decode()
    assert "Sở đã quán triệt quy chế" in page and "Kiểm tra định kỳ" in page
    assert _value(page, "fig-devices") == "ba" and _value(page, "fig-trainings") == "-2"
    assert _value(page, "why-devices") == "02 máy chưa nhập"
    assert _error(page, "id_fig-devices") == "Nhập một số nguyên, ví dụ 3."
    assert _error(page, "id_fig-trainings") == "Số liệu không được là số âm."
    assert _error(page, "id_fig-created.mat").startswith("Số liệu quá lớn")
    assert "Chưa lưu gì" in page
    draft.refresh_from_db()
    assert (draft.revision, draft.figures) == before and draft.situation == ""


def test_a_corrected_figure_needs_its_reason_next_to_it(people, period, client_for) -> None:
    draft = _started(people, period)
    page = (
        client_for(people["officer"])
        .post(
            _url(period, people["justice"]),
            {"action": "save", "revision": draft.revision, "fig-devices": "4"},
        )
        .content.decode()
    )
    assert _error(page, "id_why-devices") == "Khác với số liệu trong BMNN (0): hãy nêu lý do."
    assert _value(page, "fig-devices") == "4"
    draft.refresh_from_db()
    assert draft.value("devices") == 0


def test_figures_that_contradict_each_other_are_refused_on_the_page_and_by_the_service(
    people, period, client_for
) -> None:
    draft = _started(people, period)
    page = (
        client_for(people["officer"])
        .post(
            _url(period, people["justice"]),
            {
                "action": "save",
                "revision": draft.revision,
                "fig-training_participants": "30",
                "why-training_participants": "Sổ điểm danh",
                "fig-regulation_issued": "3",
                "why-regulation_issued": "x",
            },
        )
        .content.decode()
    )
    assert "không có buổi tập huấn nào" in _error(page, "id_fig-training_participants")
    assert _error(page, "id_fig-regulation_issued") == "Nhập 1 nếu đã ban hành quy chế, 0 nếu chưa."
    with pytest.raises(ValidationError) as refused:  # the API goes through the service
        services.save_submission(
            actor=people["officer"],
            submission=draft,
            revision=draft.revision,
            corrections={"independent_lans": ("1", "Mạng LAN phòng cơ yếu")},
        )
    assert "independent_lans" in refused.value.error_dict
    draft.refresh_from_db()
    assert draft.value("training_participants") == 0 and draft.value("independent_lans") == 0


def test_submitting_without_the_situation_keeps_the_text_and_says_where(
    people, period, client_for
) -> None:
    draft = _started(people, period)
    response = client_for(people["officer"]).post(
        _url(period, people["justice"]),
        {"action": "submit", "revision": draft.revision, "proposals": "Đề nghị tập huấn"},
    )
    page = _refused_page(response, "Đề nghị tập huấn")
    assert _error(page, "id_situation") == "Hãy viết phần tình hình và kết quả trước khi trình."
    assert "Đã lưu thay đổi nhưng báo cáo chưa được gửi" in page
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.proposals == "Đề nghị tập huấn"  # saved, not sent
    # the page carries the new revision: saving again is not refused as someone else's save
    assert _value(page, "revision") == str(draft.revision)


def test_refilling_the_figures_keeps_what_was_typed(people, period, client_for) -> None:
    draft = _started(people, period)
    officer = client_for(people["officer"])
    response = officer.post(
        _url(period, people["justice"]),
        {"action": "refill", "revision": draft.revision, "situation": "Đang viết dở"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.situation == "Đang viết dở"  # saved before filling again
    bad = officer.post(
        _url(period, people["justice"]),
        {"action": "refill", "revision": draft.revision, "situation": "Thêm", "fig-devices": "x"},
    )
    assert bad.status_code == 200 and "Thêm" in bad.content.decode()


def test_the_head_returns_a_report_to_the_officer_with_the_reason(
    people, period, client_for
) -> None:
    draft = _started(people, period)
    draft = services.save_submission(
        actor=people["officer"], submission=draft, revision=draft.revision, situation="Kết quả"
    )
    services.submit(actor=people["officer"], submission=draft)
    assert list(queries.awaiting_signature(people["head"])) == [draft]
    assert not queries.awaiting_signature(people["officer"]).exists()
    assert not queries.awaiting_signature(people["health_head"]).exists()
    head = client_for(people["head"])
    url = _url(period, people["justice"])
    page = head.get(url).content.decode()
    assert 'data-testid="send-back"' in page
    assert 'data-testid="send-back"' not in client_for(people["officer"]).get(url).content.decode()

    empty = head.post(url, {"action": "send_back", "back-comment": "  "})
    assert empty.status_code == 200
    assert (
        _error(empty.content.decode(), "id_back-comment")
        == "Hãy ghi rõ cán bộ cần sửa nội dung gì."
    )
    assert Submission.objects.get().state == "submitted"

    with pytest.raises(NotAllowed):
        services.send_back(actor=people["officer"], submission=draft, comment="Tự trả lại")
    head.post(url, {"action": "send_back", "back-comment": "Bổ sung số liệu tập huấn"})
    returned = Submission.objects.get()
    assert returned.state == "draft" and returned.first_sent_at is None
    event = returned.events.last()
    assert (event.action, event.comment, event.actor) == (
        "return",
        "Bổ sung số liệu tập huấn",
        people["head"],
    )
    assert AuditEvent.objects.filter(action="report.return", object_id=str(returned.pk)).exists()
    assert Notification.objects.filter(recipient=people["officer"], url=url).exists()
    officer_page = client_for(people["officer"]).get(url).content.decode()
    assert (
        'data-testid="return-comment"' in officer_page
        and "Bổ sung số liệu tập huấn" in officer_page
    )
    assert list(queries.to_write(people["officer"])) == [returned]
    with pytest.raises(ValidationError):  # only a report awaiting the signature goes back
        services.send_back(actor=people["head"], submission=returned, comment="Lần nữa")
    services.submit(actor=people["officer"], submission=returned)
    assert Submission.objects.get().state == "submitted"


def test_the_homes_queries_list_what_waits(people, period, client_for) -> None:
    draft = _started(people, period)
    draft = services.save_submission(
        actor=people["officer"], submission=draft, revision=draft.revision, situation="Kết quả"
    )
    signed = services.sign(actor=people["head"], submission=draft)
    assert list(queries.to_review(people["supervisor"])) == [signed]
    assert not queries.to_review(people["head"]).exists()
    assert not queries.to_write(people["officer"]).exists()
    incident = _usb_lost(people, "Mất 01 USB")
    assert list(queries.open_incidents(people["officer"])) == [incident]
    assert not queries.open_incidents(people["health_officer"]).exists()


def test_the_homes_queries_cost_the_same_for_more_agencies(
    people, period, make_agency, make_person
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost() -> list[int]:
        counts = []
        for run in (
            lambda: list(queries.awaiting_signature(people["head"])),
            lambda: list(queries.to_review(people["supervisor"])),
            lambda: list(queries.to_write(people["officer"])),
            lambda: list(queries.open_incidents(people["supervisor"])),
            lambda: queries.not_sent(period).count(),
        ):
            with CaptureQueriesContext(connection) as seen:
                run()
            counts.append(len(seen))
        return counts

    cost()  # each person's scope is read once, then kept on the person
    before = cost()
    assert before == [1, 1, 1, 1, 2]  # not_sent asks first whether the period names agencies
    for n in range(30):
        agency = make_agency(f"UBND xã Thử {n}", type=AgencyType.COMMUNE)
        officer = make_person(agency, Role.SECURITY_OFFICER)
        submission = services.start_submission(actor=officer, period=period, agency=agency)
        Submission.objects.filter(pk=submission.pk).update(state="signed" if n % 2 else "submitted")
    assert cost() == before
    assert queries.not_sent(period).count() == 32  # none sent: Sở Tư pháp, Sở Y tế and 30 more


def test_the_agencys_report_as_docx_and_to_print(people, period, client_for) -> None:
    import docx

    draft = _started(people, period)
    draft = services.save_submission(
        actor=people["officer"],
        submission=draft,
        revision=draft.revision,
        situation="Sở đã quán triệt quy chế.\nĐã phân công cán bộ bảo mật.",
        proposals="Đề nghị tập huấn",
        corrections={"devices": ("2", "02 máy chưa nhập danh mục")},
    )
    officer = client_for(people["officer"])
    url = _url(period, people["justice"])
    printable = officer.get(url + "print/").content.decode()
    assert "DỰ THẢO" in printable and "Đã phân công cán bộ bảo mật." in printable
    assert "02 máy chưa nhập danh mục" in printable and "SỞ TƯ PHÁP" in printable
    assert 'data-testid="print"' in officer.get(url).content.decode()
    services.sign(actor=people["head"], submission=draft)
    download = officer.get(url + "docx/")
    assert download["Content-Disposition"].endswith('.docx"')
    document = docx.Document(io.BytesIO(download.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "BÁO CÁO" in text and "Đã phân công cán bộ bảo mật." in text and "DỰ THẢO" not in text
    assert any("Trần Văn Định" in cell for cell in cells)  # the signer, once signed
    assert "02 máy chưa nhập danh mục" in cells
    assert client_for(people["health_officer"]).get(url + "docx/").status_code == 404
    assert officer.get(url + "pdf/").status_code == 404
    assert "DỰ THẢO" not in officer.get(url + "print/").content.decode()


def test_one_definition_of_sent_on_every_page(people, period, client_for) -> None:
    """A report the province returned and the agency is correcting again (a draft once more)
    was sent: the period list, the period page and the province's report all say so."""
    draft = _started(people, period)
    draft = services.save_submission(
        actor=people["officer"], submission=draft, revision=draft.revision, situation="Kết quả"
    )
    signed = services.sign(actor=people["head"], submission=draft)
    returned = services.review(
        actor=people["supervisor"], submission=signed, accept=False, comment="Bổ sung"
    )
    services.submit(actor=people["officer"], submission=returned)  # back to the head
    supervisor = client_for(people["supervisor"])
    listing = supervisor.get("/reports/").context["rows"][0]["period"]
    assert listing.sent == 1
    detail = supervisor.get(f"/reports/periods/{period.pk}/").context["counts"]
    assert detail["missing"] == 1  # Sở Y tế only
    report = province.build(actor=people["supervisor"], period=period)
    assert report.data["missing"] == ["Sở Y tế"]
    assert [w["name"] for w in report.data["waiting"]] == ["Sở Tư pháp"]
    page = supervisor.get(f"/reports/periods/{period.pk}/province/").content.decode()
    assert "Sở Tư pháp (cơ quan đang sửa lại)" in page


def test_the_province_table_is_headed_in_words_and_its_forms_keep_input(
    people, period, client_for
) -> None:
    province.build(actor=people["supervisor"], period=period)
    supervisor = client_for(people["supervisor"])
    url = f"/reports/periods/{period.pk}/province/"
    page = supervisor.get(url).content.decode()
    assert 'title="created.mat"' not in page and ">1</span>" not in page
    head = re.search(r'data-testid="agency-rows">(.*?)</thead>', page, re.S).group(1)
    assert "Nhận từ nơi khác" in head and "Tuyệt mật" in head and 'colspan="3"' in head
    other = re.search(r'data-testid="agency-other">(.*?)</thead>', page, re.S).group(1)
    assert "Buổi tập huấn, tuyên truyền" in other
    assert "data-confirm" in re.search(r'<form[^>]*data-testid="build-form"[^>]*>', page).group(0)
    assert 'style="' not in page  # no inline style (the CSP refuses them)

    report = period.province_report
    response = supervisor.post(
        url,
        {
            "revision": report.revision,
            "issuer_parent": "UBND TỈNH",
            "issuer": "CÔNG AN TỈNH",
            "number": "12/BC-CAT",
            "place": "Bắc Lâm",
            "day": "31/02/2026",
            "summary": "Tóm tắt",
            "recipients": "Bộ Công an",
            "signer_title": "GIÁM ĐỐC",
            "situation": "Đoạn đã viết lại",
        },
    )
    page = _refused_page(response, "Đoạn đã viết lại")
    assert (
        _error(page, "id_day")
        == "Nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
    )
    report.refresh_from_db()
    assert report.number != "12/BC-CAT"


def test_the_period_forms_refuse_bad_dates_and_numbers_next_to_the_field(
    people, period, client_for
) -> None:
    supervisor = client_for(people["supervisor"])
    page = supervisor.get("/reports/periods/new/").content.decode()
    assert "Mở kỳ báo cáo" in page and "Chưa xử lý" not in page
    assert re.search(r'<form method="post"[^>]*data-confirm="Mở kỳ báo cáo này\?', page)
    response = supervisor.post(
        "/reports/periods/new/?kind=ad_hoc",
        {
            "kind": "ad_hoc",
            "year": "hai nghìn",
            "title": "Rà soát máy tính",
            "window_start": "31/02/2026",
            "window_end": "01/03/2026",
            "due_on": "",
            "questions": "Có máy nào kết nối Internet?",
        },
    )
    page = _refused_page(response)
    assert _error(page, "id_year") == "Nhập năm bằng chữ số, ví dụ 2026."
    assert _error(page, "id_window_start").startswith("Nhập một ngày có thật")
    assert _error(page, "id_due_on") == "Yêu cầu báo cáo đột xuất cần có ngày này."
    assert _error(page, "id_agencies") == "Hãy chọn cơ quan hoặc nhóm cơ quan phải báo cáo."
    assert "Rà soát máy tính" in page and "Có máy nào kết nối Internet?" in page
    backwards = supervisor.post(
        "/reports/periods/new/",
        {
            "kind": "semiannual",
            "year": "2027",
            "part": "1",
            "window_start": "01/06/2027",
            "window_end": "01/01/2027",
        },
    ).content.decode()
    assert _error(backwards, "id_window_end") == "Ngày kết thúc kỳ số liệu trước ngày bắt đầu."
    assert ReportingPeriod.objects.count() == 1

    url = f"/reports/periods/{period.pk}/"
    change = supervisor.post(url, {"due_on": "31/02/2026", "status": "closed"})
    assert change.status_code == 200
    assert _error(change.content.decode(), "id_due_on").startswith("Nhập một ngày có thật")
    assert _value(change.content.decode(), "due_on") == "31/02/2026"
    period.refresh_from_db()
    assert period.status == "open"
    early = supervisor.post(url, {"due_on": "01/01/2020", "status": "open"}).content.decode()
    assert _error(early, "id_due_on") == "Hạn báo cáo trước ngày bắt đầu kỳ số liệu."
    assert supervisor.post(url, {"due_on": "10/12/2026", "status": "open"}).status_code == 302
    period.refresh_from_db()
    assert period.due_on == date(2026, 12, 10)
    assert client_for(people["officer"]).post(url, {"due_on": "10/12/2026"}).status_code in (
        302,
        403,
    )


def test_the_incident_forms_keep_input_and_preselect_the_only_agency(people, client_for) -> None:
    staff = client_for(people["staff"])
    blank = staff.get("/reports/incidents/new/")
    assert 'data-confirm="Báo cáo vụ lộ, mất này?' in blank.content.decode()
    form = blank.context["form"]
    assert form["agency"].value() == people["justice"].pk  # the person's only agency
    assert (
        client_for(people["supervisor"])
        .get("/reports/incidents/new/")
        .context["form"]["agency"]
        .value()
        is None
    )  # a supervisor reports for any agency: no guess
    response = staff.post(
        "/reports/incidents/new/",
        {
            "agency": people["justice"].pk,
            "what": "",
            "found_at": "31/02/2026 10:00",
            "channel": "",
            "scope": "Nhóm Zalo 23 người",
        },
    )
    page = _refused_page(response, "Nhóm Zalo 23 người")
    assert _error(page, "id_what") == "Ghi rõ nội dung bị lộ, mất."
    assert _error(page, "id_found_at").startswith("Nhập ngày giờ có thật")
    assert _error(page, "id_channel") == "Chọn hình thức lộ, mất bí mật nhà nước."
    future = (timezone.localtime() + timedelta(days=2)).strftime("%d/%m/%Y %H:%M")
    later = staff.post(
        "/reports/incidents/new/",
        {
            "agency": people["justice"].pk,
            "what": "Mất USB",
            "found_at": future,
            "channel": "lost_document",
        },
    ).content.decode()
    assert _error(later, "id_found_at") == "Thời điểm phát hiện ở tương lai."
    assert not Incident.objects.exists()

    incident = _usb_lost(people, "Mất USB")
    supervisor = client_for(people["supervisor"])
    page = supervisor.get(f"/reports/incidents/{incident.pk}/").content.decode()
    assert re.search(r'<button[^>]*name="close"[^>]*data-confirm=', page)
    empty = supervisor.post(f"/reports/incidents/{incident.pk}/", {"text": " ", "close": "1"})
    assert _error(empty.content.decode(), "id_text") == "Hãy ghi việc đã làm để xử lý."
    assert not IncidentStep.objects.exists()
    supervisor.post(f"/reports/incidents/{incident.pk}/", {"text": "Đã thu hồi", "close": "1"})
    incident.refresh_from_db()
    assert incident.status == "closed"


def test_irreversible_steps_ask_first(people, period, client_for) -> None:
    draft = _started(people, period)
    url = _url(period, people["justice"])
    officer_page = client_for(people["officer"]).get(url).content.decode()
    assert re.search(r'<button[^>]*value="submit"[^>]*data-confirm="Trình', officer_page)
    head_page = client_for(people["head"]).get(url).content.decode()
    assert re.search(r'<button[^>]*value="sign"[^>]*data-confirm="Ký và gửi', head_page)
    services.save_submission(
        actor=people["officer"], submission=draft, revision=draft.revision, situation="Kết quả"
    )
    services.sign(actor=people["head"], submission=Submission.objects.get())
    review = client_for(people["supervisor"]).get(url).content.decode()
    assert re.search(r'<button[^>]*value="accept"[^>]*data-confirm="Tiếp nhận', review)
    answer = client_for(people["supervisor"]).post(url, {"action": "return", "comment": ""})
    assert (
        _error(answer.content.decode(), "id_comment")
        == "Hãy nêu nội dung cơ quan cần bổ sung, chỉnh sửa."
    )
    assert Submission.objects.get().state == "signed"

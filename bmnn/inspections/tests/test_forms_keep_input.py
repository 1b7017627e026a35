"""Issue 19, inspections: every form comes back with what was typed and each message in
Vietnamese next to its field, nothing saved; amounts written the Vietnamese way; the checklist
saved in one form; rules cited the Vietnamese way with no internal codes on the page; the team
leader chosen among those who may lead, grouped by agency."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.inspections import checklist, citations, services
from bmnn.inspections.forms import parse_amount
from bmnn.inspections.models import (
    Answer,
    BudgetEstimate,
    Finding,
    Inspection,
    Regulation,
    TrainingSession,
)
from bmnn.inspections.tests.builders import budget_decision, new_finding, new_inspection
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def people(province):
    return province(
        "health supervisor",
        inspector=("police", Role.INSPECTOR, "Phạm Quốc Bảo", {"position": "Cán bộ kiểm tra"}),
        police_staff=("police", Role.STAFF, "Đỗ Văn Cảnh"),
        officer="officer",
        head="head",
        health_staff=("health", Role.STAFF, "Bùi Thị Lan"),
    )


def _inspection(people):
    return new_inspection(
        people["supervisor"],
        [people["justice"]],
        title="Kiểm tra năm 2026",
        on_site_from=TODAY,
        on_site_to=TODAY + timedelta(days=3),
        leader=people["inspector"],
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _refused(client, url: str, data: dict, model) -> str:
    """Posts `data` to `url`: refused (400) with nothing of `model` saved; the page's text."""
    response = client.post(url, data)
    assert response.status_code == 400 and not model.objects.exists()
    return _text(response)


def _error_after(page: str, field_id: str) -> str:
    """The first message shown after the field's input."""
    start = page.index(f'id="{field_id}"')
    found = re.search(r'class="invalid-feedback[^"]*"[^>]*>([^<]+)<', page[start:])
    return found.group(1).strip() if found else ""


def test_amounts_are_read_as_people_write_them() -> None:
    assert parse_amount("1.250.000") == 1_250_000
    assert parse_amount("1 250 000 đ") == 1_250_000
    assert parse_amount("1250000") == 1_250_000
    assert parse_amount("25.000.000 VND") == 25_000_000
    for bad in ("abc", "1.25", "12,5", "1.2500.000", "ba triệu"):
        with pytest.raises(ValidationError) as refused:
            parse_amount(bad)
        assert refused.value.code == "invalid", bad
    with pytest.raises(ValidationError) as negative:
        parse_amount("-1.000")
    assert negative.value.code == "min_value"
    with pytest.raises(ValidationError) as huge:
        parse_amount("9" * 16)
    assert huge.value.code == "max_value"


def test_the_checklist_cites_the_law_the_vietnamese_way_and_shows_no_codes(
    people, client_for
) -> None:
    inspection = _inspection(people)
    target = inspection.targets.get()
    page = _text(
        client_for(people["inspector"]).get(f"/inspections/{inspection.pk}/agencies/{target.pk}/")
    )
    assert "khoản 1 Điều 5 Luật Bảo vệ bí mật nhà nước năm 2025" in page
    assert "khoản 1 Điều 10 Luật Bảo vệ bí mật nhà nước năm 2018 (văn bản cũ)" in page
    visible = re.sub(r"<[^>]+>", " ", page)
    for code in (
        "L18 Art",
        "L25 Art",
        "ND26",
        "(old text",
        "classification.catalogue",
        "registers.books",
    ):
        assert code not in visible, code


def test_every_default_citation_reads_in_vietnamese_without_english() -> None:
    english = re.compile(
        r"\b(Art|Form|Forms|old text|item|appendices|provincial|plan under|not read)\b"
    )
    for area in checklist.AREAS:
        for item in area.items:
            words = citations.readable(item.source, "vi")
            assert not english.search(words), (item.code, words)
            assert not re.search(r"\b(L18|L25|ND26|ND63|TT24|TT110|QD452|CT32|VPCP286)\b", words), (
                words
            )
    assert citations.readable("ND26 Art. 4", "vi") == "Điều 4 Nghị định số 26/2020/NĐ-CP"
    assert citations.readable("L25 Art. 22.1.a", "vi") == (
        "điểm a khoản 1 Điều 22 Luật Bảo vệ bí mật nhà nước năm 2025"
    )
    assert citations.readable("L18 Art. 10.1", "en") == "Law 29/2018/QH14 Art. 10.1"
    typed = "Điều 4 Nghị định số 26/2020/NĐ-CP"
    assert citations.readable(typed, "vi") == typed  # written in full: kept as written


def test_the_whole_checklist_is_saved_in_one_form_and_kept_on_error(people, client_for) -> None:
    inspection = _inspection(people)
    target = inspection.targets.get()
    items = list(inspection.items.all())
    client = client_for(people["inspector"])
    url = f"/inspections/{inspection.pk}/agencies/{target.pk}/"
    data = {"action": "answers"}
    for item in items:
        data[f"c-result-{item.pk}"] = "compliant"
        data[f"c-evidence-{item.pk}"] = f"Đã xem hồ sơ {item.pk}"
    bad = items[3]
    data[f"c-result-{bad.pk}"] = "not_compliant"
    data[f"c-evidence-{bad.pk}"] = ""
    page = _refused(client, url, data, Answer)
    assert _error_after(page, f"id_c-evidence-{bad.pk}") == "Ghi rõ nội dung chưa đạt đã thấy."
    assert f"Đã xem hồ sơ {items[0].pk}" in page  # what was typed stays
    data[f"c-evidence-{bad.pk}"] = "Thiếu sổ chuyển giao"
    saved = client.post(url, data)
    assert saved.status_code == 302
    assert Answer.objects.filter(target=target).count() == len(items)
    assert Answer.objects.get(item=bad).result == "not_compliant"
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.IN_PROGRESS
    # sending the same answers again changes nothing and records nothing more
    from bmnn.core.models import AuditEvent

    before = AuditEvent.objects.filter(action="inspection.answer").count()
    assert client.post(url, data).status_code == 302
    assert AuditEvent.objects.filter(action="inspection.answer").count() == before


def test_a_finding_with_errors_keeps_the_description_and_says_why_by_the_field(
    people, client_for
) -> None:
    inspection = _inspection(people)
    target = inspection.targets.get()
    item = inspection.items.get(code="registers.books")
    client = client_for(people["inspector"])
    url = f"/inspections/{inspection.pk}/agencies/{target.pk}/"
    sent = {
        "action": "finding",
        "f-item": item.pk,
        "f-severity": "medium",
        "f-description": "Sổ đăng ký đến thiếu chữ ký nhận",
        "f-rule": "",
        "f-deadline": "31/02/2026",
    }
    page = _refused(client, url, sent, Finding)
    assert "Sổ đăng ký đến thiếu chữ ký nhận" in page
    assert _error_after(page, "id_f-deadline") == (
        "Nhập một ngày có thật theo dạng ngày/tháng/năm (ví dụ 05/03/2026)."
    )
    assert "deadline" not in re.sub(r"<[^>]+>", " ", page)
    empty = {"action": "finding", "f-severity": "medium", "f-description": "", "f-deadline": ""}
    page = _refused(client, url, empty, Finding)
    assert _error_after(page, "id_f-description") == "Trường này là bắt buộc."
    assert (
        _error_after(page, "id_f-rule") == "Ghi quy định bị vi phạm, hoặc chọn nội dung kiểm tra."
    )
    deadline = TODAY + timedelta(days=10)
    sent["f-deadline"] = deadline.strftime("%d/%m/%Y")
    assert client.post(url, sent).status_code == 302
    finding = Finding.objects.get()
    assert finding.rule == item.source and finding.deadline == deadline  # the item's rule
    page = _text(client.get(f"/inspections/findings/{finding.pk}/"))
    assert "Nghị định số 26/2020/NĐ-CP" in page and "ND26 Art" not in page


def test_verifying_asks_first_and_a_refusal_needs_its_reason_by_the_field(
    people, client_for
) -> None:
    inspection = _inspection(people)
    target = inspection.targets.get()
    deadline = TODAY + timedelta(days=5)
    finding = new_finding(people["inspector"], target, "Thiếu sổ", "ND26 Art. 4", deadline)
    services.post_remediation(actor=people["officer"], finding=finding, text="Đã lập sổ")
    client = client_for(people["inspector"])
    url = f"/inspections/findings/{finding.pk}/"
    page = _text(client.get(url))
    assert re.search(r'data-testid="verify-form"[^>]*data-confirm="[^"]+"', page)
    refused = client.post(url, {"action": "verify", "decision": "reject", "comment": ""})
    assert refused.status_code == 400
    assert _error_after(_text(refused), "id_comment") == "Ghi rõ vì sao việc khắc phục chưa đạt."
    finding.refresh_from_db()
    assert finding.status == Finding.Status.REMEDIATED
    detail = _text(client.get(f"/inspections/{inspection.pk}/"))
    assert re.search(r'action="/inspections/\d+/conclude/" data-confirm="[^"]+"', detail)


def test_the_new_inspection_form_keeps_input_and_groups_leaders_by_agency(
    people, client_for
) -> None:
    client = client_for(people["supervisor"])
    page = _text(client.get("/inspections/new/"))
    leader = page[
        page.index('id="id_leader"') : page.index("</select>", page.index('id="id_leader"'))
    ]
    assert '<optgroup label="Công an tỉnh">' in leader
    assert "Phạm Quốc Bảo — Cán bộ kiểm tra" in leader
    assert "Đỗ Văn Cảnh" not in leader and "Bùi Thị Lan" not in leader  # cannot lead
    assert "Nguyễn Thị Hoa" not in leader  # another agency's officer leads only its own check
    sent = {
        "kind": "inspection",
        "title": "Kiểm tra đột xuất",
        "year": "hai nghìn",
        "period_from": "01/01/2026",
        "period_to": "31/12/2025",
        "on_site_from": "31/02/2026",
        "on_site_to": "05/03/2026",
        "leader": people["inspector"].pk,
        "agencies": [people["justice"].pk],
    }
    page = _refused(client, "/inspections/new/", sent, Inspection)
    assert _error_after(page, "id_year") == "Nhập năm, ví dụ 2026."
    assert _error_after(page, "id_period_to") == "Có ngày kết thúc trước ngày bắt đầu."
    assert _error_after(page, "id_on_site_from").startswith("Nhập một ngày có thật")
    assert 'value="Kiểm tra đột xuất"' in page and 'value="31/02/2026"' in page
    no_leader = dict(
        sent, year="2026", period_to="31/12/2026", on_site_from="02/03/2026", leader=""
    )
    refused = client.post("/inspections/new/", no_leader)
    assert _error_after(_text(refused), "id_leader") == "Chọn trưởng đoàn."
    made = client.post("/inspections/new/", dict(no_leader, leader=people["inspector"].pk))
    assert made.status_code == 302 and Inspection.objects.get().leader == people["inspector"]


def test_training_keeps_input_and_flags_letters_and_bad_dates(people, client_for) -> None:
    client = client_for(people["officer"])
    sent = {
        "agency": people["justice"].pk,
        "kind": "training",
        "title": "Tập huấn Nghị định 63",
        "held_on": "31/02/2026",
        "leaders": "ba",
        "staff": "-4",
    }
    page = _refused(client, "/inspections/training/", sent, TrainingSession)
    assert _error_after(page, "id_leaders") == "Nhập một số nguyên, ví dụ 3."
    assert _error_after(page, "id_staff") == "Số người không được là số âm."
    assert _error_after(page, "id_held_on").startswith("Nhập một ngày có thật")
    assert 'value="Tập huấn Nghị định 63"' in page and 'value="ba"' in page
    done = client.post(
        "/inspections/training/", dict(sent, held_on="02/03/2026", leaders="2", staff="10")
    )
    assert done.status_code == 302 and TrainingSession.objects.get().participant_total == 12


def test_the_regulation_form_says_what_an_issued_regulation_needs(people, client_for) -> None:
    client = client_for(people["officer"])
    p = f"r{people['justice'].pk}-"
    sent = {
        "agency": people["justice"].pk,
        p + "status": "issued",
        p + "document_number": "",
        p + "issued_on": "20/05/2026",
        p + "review_due": "01/01/2026",
    }
    page = _refused(client, "/inspections/agencies/", sent, Regulation)
    assert (
        _error_after(page, f"id_{p}document_number")
        == "Quy chế đã ban hành phải có số văn bản ban hành."
    )
    assert _error_after(page, f"id_{p}review_due") == "Có ngày kết thúc trước ngày bắt đầu."
    assert 'value="20/05/2026"' in page
    # the officer does not designate: only the head sees that form
    assert 'data-testid="designation-form"' not in page
    assert 'data-testid="designation-form"' in _text(
        client_for(people["head"]).get("/inspections/agencies/")
    )


def test_the_budget_accepts_dotted_amounts_and_flags_letters_and_negatives(
    people, client_for
) -> None:
    client = client_for(people["supervisor"])
    lines = "Mua két sắt | 25.000.000\nTập huấn | hai triệu\nMáy hủy | -3.000.000"
    sent = {"year": "2027", "lines": lines, "status": "draft", "appraised_by": "Sở Tài chính"}
    page = _refused(client, "/inspections/budget/", sent, BudgetEstimate)
    assert "Dòng 2: Ghi số tiền bằng chữ số, tính theo đồng, ví dụ 1.250.000." in page
    assert "Dòng 3: Số tiền không được là số âm." in page
    assert "Tập huấn | hai triệu" in page  # the lines as typed
    done = client.post(
        "/inspections/budget/",
        {
            "year": "2027",
            "status": "submitted",
            "appraised_by": "Sở Tài chính",
            "lines": "Mua két sắt | 25.000.000\nTập huấn | 1.250.000",
        },
    )
    assert done.status_code == 302
    estimate = BudgetEstimate.objects.get()
    assert [line.requested for line in estimate.lines.all()] == [25_000_000, 1_250_000]
    b = f"b{estimate.pk}-"
    first, second = estimate.lines.all()
    page = _text(client.get("/inspections/budget/"))
    assert re.search(r'data-testid="budget-decision-2027"[^>]*data-confirm="[^"]+"', page)
    amounts = {first.pk: "hai mươi", second.pk: "1.000.000"}
    refused = client.post(*budget_decision(estimate, "QĐ 88/QĐ-STC", "31/02/2026", amounts))
    page = _text(refused)
    assert refused.status_code == 400
    assert _error_after(page, f"id_{b}allocated-{first.pk}").startswith("Ghi số tiền bằng chữ số")
    assert _error_after(page, f"id_{b}decided_on").startswith("Nhập một ngày có thật")
    assert 'value="hai mươi"' in page and 'value="QĐ 88/QĐ-STC"' in page
    estimate.refresh_from_db()
    assert estimate.status == "submitted"

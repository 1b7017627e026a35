"""Issue 19, registers: a form refused — by the form or by the service — comes back on the same
page with what was typed, the message in Vietnamese next to its field, and nothing saved; the
provision form chooses no agency for the head; the irreversible actions ask first; the article
of a refusal is cited the Vietnamese way."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bmnn.registry import services
from bmnn.registry.citation import in_words, words
from bmnn.registry.models import (
    CarryOut,
    Catalogue,
    CopyAuthorisation,
    CopyRequest,
    Meeting,
    Recall,
    Transfer,
)
from bmnn.registry.tests.builders import LETTER, classified, copies_made, proposed, received
from bmnn.web.tests.pages import error_after

pytestmark = pytest.mark.django_db

BAD_DAY = "31/02/2026"
DAY_MESSAGE = "Nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
NUMBER_MESSAGE = "Nhập một số nguyên, ví dụ 3."


@pytest.fixture
def item(reg):
    return classified(reg, copy_allowed=True, **LETTER)


def _post(client, item, action: str, data: dict) -> str:
    response = client.post(reverse("registry:item_action", args=[item.pk, action]), data)
    assert response.status_code == 400, response.status_code
    return response.content.decode()


def _form(page: str, testid: str) -> str:
    """The form with this test id, as HTML."""
    found = re.search(rf'data-testid="{testid}".*?</form>', page, re.S)
    assert found, testid
    return found[0]


def _value(page: str, field_id: str) -> str:
    tag = re.search(rf'<(?:input|textarea)[^>]*id="{re.escape(field_id)}"[^>]*>', page)
    assert tag, field_id
    if tag[0].startswith("<textarea"):
        return page[tag.end() : page.index("</textarea>", tag.end())].strip()
    value = re.search(r'value="([^"]*)"', tag[0])
    return value[1] if value else ""


def test_a_carry_out_request_with_an_impossible_date_keeps_what_was_typed(
    reg, item, client_for
) -> None:
    copy = item.copies.first() or copies_made(reg, item)[0]
    staff = client_for(reg["staff"])
    typed = {
        "copy": copy.pk,
        "purpose": "Họp thẩm định hồ sơ",
        "place": "Trụ sở UBND tỉnh",
        "until": BAD_DAY,
        "protection": "Cặp có khóa",
    }
    page = _post(staff, item, "carry_out_request", typed)
    assert error_after(page, "id_carry_until") == DAY_MESSAGE
    assert _value(page, "id_carry_purpose") == "Họp thẩm định hồ sơ"
    assert _value(page, "id_carry_until") == BAD_DAY
    assert re.search(
        r"<details[^>]*open><summary[^>]*>[^<]*</summary>\s*<form[^>]*carry_out_request", page
    )
    assert not CarryOut.objects.exists()
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    typed |= {"purpose": "Họp", "place": "UBND tỉnh", "until": yesterday}
    page = _post(staff, item, "carry_out_request", typed)
    assert "trước hôm nay" in error_after(page, "id_carry_until")
    assert not CarryOut.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ba", NUMBER_MESSAGE),
        ("-2", "Nhập một số từ 1 đến 100."),
        ("99999999999999999999", "Nhập một số từ 1 đến 100."),
        ("", "Trường này là bắt buộc."),
    ],
)
def test_a_count_of_copies_must_be_a_sensible_whole_number(
    reg, item, client_for, typed, message
) -> None:
    page = _post(
        client_for(reg["head"]),
        item,
        "authorise_copies",
        {"count": typed, "form": "sao_y", "purpose": "Gửi Sở Y tế"},
    )
    assert error_after(page, "id_authorise_count") == message
    assert _value(page, "id_authorise_count") == typed
    assert _value(page, "id_authorise_purpose") == "Gửi Sở Y tế"
    assert not CopyAuthorisation.objects.exists()


def test_a_meeting_that_ends_before_it_starts_is_refused_on_its_last_day(reg, client_for) -> None:
    meeting = proposed(reg, by="officer", kind="meeting", doc_type="Hội nghị")
    page = _post(
        client_for(reg["officer"]),
        meeting,
        "meeting_plan",
        {
            "starts_on": "10/12/2026",
            "ends_on": "09/12/2026",
            "venue": "Phòng họp số 1",
            "at_headquarters": "on",
            "wired_microphones": "on",
            "protection_plan": "Phòng kín",
            "participants": "Trần Văn Định\nNguyễn Thị Hoa",
        },
    )
    assert error_after(page, "id_meeting_ends_on") == "Ngày kết thúc ở trước ngày bắt đầu."
    assert _value(page, "id_meeting_venue") == "Phòng họp số 1"
    assert _value(page, "id_meeting_participants") == "Trần Văn Định\nNguyễn Thị Hoa"
    assert not Meeting.objects.exists()


def test_a_refusal_by_the_service_stays_in_its_form_with_what_was_chosen(
    reg, item, client_for
) -> None:
    """The form is valid; the service refuses (the copy is already being provided): the
    message, its article in words, sits in that copy's form, and the agency and purpose typed
    stay."""
    copy = copies_made(reg, item)[0]
    services.approve_provision(
        actor=reg["head"], copy=copy, to_agency=reg["health"], purpose="Phối hợp"
    )
    page = _post(
        client_for(reg["head"]),
        item,
        "provide",
        {"copy": copy.pk, "to_agency": reg["press"].pk, "purpose": "Đăng tin"},
    )
    form = _form(page, "provide-copy-1")
    assert "Điều 15 Luật Bảo vệ bí mật nhà nước năm 2018" in form and "L18" not in form
    assert re.search(rf'<option value="{reg["press"].pk}" selected>', form)
    assert 'value="Đăng tin"' in form
    assert Transfer.objects.count() == 1


def test_the_provision_form_chooses_no_agency_and_says_so_when_none_is_chosen(
    reg, item, client_for
) -> None:
    copy = copies_made(reg, item)[0]
    head = client_for(reg["head"])
    page = head.get(reverse("registry:item", args=[item.pk])).content.decode()
    form = _form(page, "provide-copy-1")
    assert " selected" not in form
    first = re.search(r"<option[^>]*>([^<]*)</option>", form)
    assert first and first[1] == "— chọn cơ quan nhận —"
    assert "data-confirm=" in form
    page = _post(head, item, "provide", {"copy": copy.pk, "to_agency": "", "purpose": "Phối hợp"})
    form = _form(page, "provide-copy-1")
    assert "Chọn cơ quan được cung cấp bản sao." in form and 'value="Phối hợp"' in form
    assert not Transfer.objects.exists()


def test_a_recall_date_in_the_past_and_an_impossible_return_date_are_refused(
    reg, item, client_for
) -> None:
    services.register_outgoing(actor=reg["officer"], item=item)
    head = client_for(reg["head"])
    page = _post(head, item, "recall", {"return_by": BAD_DAY, "reason": "Sửa đổi nội dung"})
    assert error_after(page, "id_recall_return_by") == DAY_MESSAGE
    assert _value(page, "id_recall_reason") == "Sửa đổi nội dung"
    assert not Recall.objects.exists()


def test_the_outgoing_register_refuses_an_impossible_recall_date(reg, item, client_for) -> None:
    page = _post(client_for(reg["officer"]), item, "register_outgoing", {"recall_by": BAD_DAY})
    assert error_after(page, "id_outgoing_recall_by") == DAY_MESSAGE
    assert not item.entries.exists()


def test_irreversible_actions_ask_first(reg, item, client_for) -> None:
    copy = copies_made(reg, item, 2)[0]
    services.approve_provision(
        actor=reg["head"], copy=copy, to_agency=reg["health"], purpose="Phối hợp"
    )
    head = client_for(reg["head"]).get(reverse("registry:item", args=[item.pk])).content.decode()
    officer = client_for(reg["officer"]).get(reverse("registry:item", args=[item.pk]))
    for page, testid in [(head, "declassify"), (head, "destroy"), (head, "provide-copy-2")]:
        form = re.search(rf'<form[^>]*data-testid="{testid}"[^>]*>', page)
        assert form and "data-confirm=" in form[0], testid
    hand_over = re.search(r'<form[^>]*action="[^"]*/hand_over/"[^>]*>', officer.content.decode())
    assert hand_over and "data-confirm=" in hand_over[0]


def test_copies_destroyed_from_the_page_with_their_minutes(reg, item, client_for) -> None:
    """L25: no council for Mật; the minutes are required, nothing is destroyed without them."""
    copy = copies_made(reg, item)[0]
    head = client_for(reg["head"])
    page = _post(head, item, "destroy", {"copies": [copy.pk], "minutes": ""})
    assert "Trường này là bắt buộc." in error_after(page, "id_destroy_minutes")
    copy.refresh_from_db()
    assert copy.status == "in_store"
    response = head.post(
        reverse("registry:item_action", args=[item.pk, "destroy"]),
        {"copies": [copy.pk], "minutes": "Nghiền nát bằng máy hủy tài liệu"},
    )
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.status == "destroyed"


def test_the_register_filter_shows_a_wrong_date_next_to_it(reg, item, client_for) -> None:
    page = (
        client_for(reg["officer"])
        .get(reverse("registry:item_list"), {"since": BAD_DAY, "q": "12/CV"})
        .content.decode()
    )
    assert error_after(page, "id_since") == DAY_MESSAGE and 'value="12/CV"' in page
    page = (
        client_for(reg["officer"])
        .get(reverse("registry:item_list"), {"since": "10/05/2026", "until": "01/05/2026"})
        .content.decode()
    )
    assert error_after(page, "id_until") == "Ngày kết thúc ở trước ngày bắt đầu."


def test_a_catalogue_cannot_be_in_force_before_it_is_issued(make_person, client_for) -> None:
    supervisor = _supervisor(make_person)
    response = client_for(supervisor).post(
        reverse("registry:catalogue_new"),
        {
            "sector": "Y tế",
            "decision": "QĐ 9/QĐ-TTg",
            "issued_on": "10/03/2026",
            "valid_from": "01/03/2026",
        },
    )
    page = response.content.decode()
    assert (
        error_after(page, "id_valid_from") == "Danh mục không thể có hiệu lực trước ngày ban hành."
    )
    assert _value(page, "id_decision") == "QĐ 9/QĐ-TTg"
    assert not Catalogue.objects.filter(decision="QĐ 9/QĐ-TTg").exists()


def _supervisor(make_person):
    from bmnn.org.models import Agency, AgencyType, Role

    police = Agency.objects.create(
        name="Công an tỉnh", code="cat", type=AgencyType.PROVINCIAL_POLICE
    )
    return make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát", clearance="tuyet_mat")


# --- articles in words ----------------------------------------------------------------------


def test_articles_are_cited_the_vietnamese_way() -> None:
    with translation.override("vi"):
        assert words("L18 Art. 17.1.a, 15.1") == (
            "điểm a khoản 1 Điều 17, khoản 1 Điều 15 Luật Bảo vệ bí mật nhà nước năm 2018"
        )
        assert words("ND26 Art. 4.1.c") == "điểm c khoản 1 Điều 4 Nghị định số 26/2020/NĐ-CP"
        assert words("L25 Art. 11") == "Điều 11 Luật Bảo vệ bí mật nhà nước năm 2025"
        assert words("L18 Art. 17.1; ND26 Art. 6") == (
            "khoản 1 Điều 17 Luật Bảo vệ bí mật nhà nước năm 2018; Điều 6 Nghị định số"
            " 26/2020/NĐ-CP"
        )
        assert in_words("Chỉ sao tài liệu đang là BMNN (L18 Art. 11)") == (
            "Chỉ sao tài liệu đang là BMNN (Điều 11 Luật Bảo vệ bí mật nhà nước năm 2018)"
        )
        assert in_words("Không có mã (Decree 63/2026)") == "Không có mã (Decree 63/2026)"
    with translation.override("en"):
        assert words("L25 Art. 5.1") == (
            "clause 1, Article 5 of the Law on the Protection of State Secrets of 2025"
        )


def test_a_refusal_on_the_page_cites_its_article_in_words(reg, item, client_for) -> None:
    """A copy request for an item its classifier did not allow to copy is refused by ND26 Art.
    2.1: the page says "khoản 1 Điều 2 Nghị định số 26/2020/NĐ-CP", never "ND26"."""
    item.copy_allowed = False
    item.save(update_fields=["copy_allowed"])
    page = _post(
        client_for(reg["staff"]),
        item,
        "copy_request",
        {"count": 2, "form": "sao_y", "purpose": "Gửi Sở Y tế phối hợp"},
    )
    assert "khoản 1 Điều 2 Nghị định số 26/2020/NĐ-CP" in page and "ND26" not in page
    assert _value(page, "id_ask_purpose") == "Gửi Sở Y tế phối hợp"
    assert not CopyRequest.objects.exists()


def test_the_statistics_period_refuses_an_end_before_its_start(reg, client_for) -> None:
    response = client_for(reg["officer"]).get(
        reverse("registry:statistics"), {"since": "01/06/2026", "until": "01/01/2026"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert error_after(page, "id_until") == "Ngày kết thúc ở trước ngày bắt đầu."
    assert 'value="01/06/2026"' in page


def test_a_late_re_marking_without_its_reason_keeps_the_page_and_says_why(reg, client_for) -> None:
    from bmnn.registry.models import HolderNotice

    entry = received(reg, number="7/BTP")
    late = timezone.localdate() - timedelta(days=20)
    notice = HolderNotice.objects.create(
        item=entry.item,
        kind=HolderNotice.Kind.EXTENSION,
        issuer_name="Bộ Tư pháp",
        decided_on=late,
        received_on=late,
        remark_by=late + timedelta(days=15),
    )
    officer = client_for(reg["officer"])
    url = reverse("registry:record_remarking", args=[entry.item.pk, notice.pk])
    response = officer.post(url, {"note": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "15" in error_after(page, f"id_remark{notice.pk}_note")
    notice.refresh_from_db()
    assert notice.remarked_on is None
    assert officer.post(url, {"note": "Cán bộ nghỉ phép"}).status_code == 302
    notice.refresh_from_db()
    assert notice.remarked_on and notice.remark_note == "Cán bộ nghỉ phép"

"""Copying asked for, decided and recorded (L18 Art. 11; ND26 Art. 3.1): someone of the agency
asks — how many copies, in which form, why —, the authority of the level decides — an
authorisation, or a refusal with its reason —, and the security officer records the copies made
under that authorisation. A level beyond the agency head's authority goes to the Chairman of the
provincial People's Committee (Art. 11.1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import AgencyType, Role
from bmnn.registry import queries, rules, services
from bmnn.registry.models import CopyAuthorisation, CopyRequest
from bmnn.registry.tests.builders import classified, proposed

pytestmark = pytest.mark.django_db


def _classified(reg, level: str = "mat", catalogue: str = "cat_mat"):
    """An item the staff member drafted (so that they may read it) or, above their clearance,
    the security officer did."""
    if level == "tuyet_mat":
        reg["officer"].clearance = "tuyet_mat"
        reg["officer"].save(update_fields=["clearance"])
    return classified(
        reg,
        level,
        entry=catalogue,
        number=f"{level}/BC-STP",
        doc_date=date(2026, 11, 2),
        doc_type="Báo cáo",
        summary="Kết quả rà soát",
        copy_allowed=True,
    )


@pytest.fixture
def chairman(make_agency, make_person):
    committee = make_agency("UBND tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    return make_person(committee, Role.HEAD, "Hoàng Minh Tuấn", clearance="tuyet_mat")


def test_the_staff_asks_the_head_decides_and_the_officer_records(reg, client_for) -> None:
    item = _classified(reg)
    staff, head, officer = (client_for(reg[k]) for k in ("staff", "head", "officer"))
    url = reverse("registry:item_action", args=[item.pk, "copy_request"])
    response = staff.post(url, {"count": "2", "form": "sao_y", "purpose": "Gửi Sở Y tế phối hợp"})
    assert response.status_code == 302
    request = CopyRequest.objects.get()
    assert (request.requested_by, request.count, request.state) == (reg["staff"], 2, "requested")
    assert Notification.objects.filter(recipient=reg["head"], key=f"copy-request:{request.pk}")
    assert AuditEvent.objects.filter(action="secret.request_copies").exists()

    # the head refuses without a reason: refused, nothing decided
    decide = reverse("registry:item_action", args=[item.pk, "copy_decide"])
    page = head.post(decide, {"request": request.pk, "decision": "refuse", "reason": ""})
    assert page.status_code == 400 and "Nêu lý do từ chối." in page.content.decode()
    request.refresh_from_db()
    assert request.state == "requested"
    # the officer may not decide
    assert officer.post(decide, {"request": request.pk, "decision": "approve"}).status_code == 403
    request.refresh_from_db()
    assert request.state == "requested"

    head.post(decide, {"request": request.pk, "decision": "approve", "reason": ""})
    request.refresh_from_db()
    grant = request.authorisation
    assert request.state == "approved" and grant is not None
    assert (grant.count, grant.form, grant.authorised_by) == (2, "sao_y", reg["head"])
    assert grant.purpose == "Gửi Sở Y tế phối hợp"
    assert Notification.objects.filter(recipient=reg["staff"], key__startswith="copy-request-")

    page = officer.get(reverse("registry:item", args=[item.pk])).content.decode()
    assert f'name="authorisation" value="{grant.pk}"' in page and "Gửi Sở Y tế phối hợp" in page
    officer.post(
        reverse("registry:item_action", args=[item.pk, "record_copies"]),
        {"authorisation": grant.pk, "count": "2", "spoiled": "0", "recipients": "Sở Y tế"},
    )
    assert sorted(item.copies.filter(kind="copy").values_list("number", flat=True)) == [1, 2]
    with pytest.raises(ValidationError):  # decided once
        services.decide_copy_request(actor=reg["head"], request=request, approve=False, reason="x")


def test_a_refusal_keeps_its_reason_for_the_requester(reg, client_for) -> None:
    item = _classified(reg)
    request = services.request_copies(actor=reg["staff"], item=item, count=1, purpose="Lưu hồ sơ")
    with pytest.raises(ValidationError):
        services.decide_copy_request(actor=reg["head"], request=request, approve=False)
    services.decide_copy_request(
        actor=reg["head"], request=request, approve=False, reason="Đã có bản lưu tại văn thư"
    )
    request.refresh_from_db()
    assert request.state == "refused" and not CopyAuthorisation.objects.exists()
    page = client_for(reg["staff"]).get(reverse("registry:item", args=[item.pk])).content.decode()
    assert "Đã có bản lưu tại văn thư" in page and "Không duyệt" in page
    assert AuditEvent.objects.filter(action="secret.refuse_copies").exists()


def test_a_request_needs_a_reason_a_sensible_count_and_an_item_allowed_to_copy(reg) -> None:
    item = _classified(reg)
    with pytest.raises(ValidationError):
        services.request_copies(actor=reg["staff"], item=item, count=1, purpose="  ")
    with pytest.raises(ValidationError):
        services.request_copies(actor=reg["staff"], item=item, count=0, purpose="Lưu")
    with pytest.raises(ValidationError):
        services.request_copies(actor=reg["staff"], item=item, count=101, purpose="Lưu")
    with pytest.raises(NotAllowed):  # not of the agency
        services.request_copies(actor=reg["health_officer"], item=item, count=1, purpose="Lưu")
    item.copy_allowed = False
    item.save(update_fields=["copy_allowed"])
    with pytest.raises(ValidationError, match=r"ND26 Art\. 2\.1"):
        services.request_copies(actor=reg["staff"], item=item, count=1, purpose="Lưu")
    assert not CopyRequest.objects.exists()


def test_beyond_the_heads_authority_the_chairman_decides(reg, chairman, client_for) -> None:
    """A department's head authorises Tối mật and Mật, not Tuyệt mật (L18 Art. 11.2); the
    Chairman of the provincial People's Committee authorises every level (Art. 11.1)."""
    day = date(2026, 12, 1)
    assert rules.copy_decider("department", "tuyet_mat", on=day) == rules.PROVINCE
    assert rules.copy_decider("department", "toi_mat", on=day) == rules.HEAD
    assert rules.copy_decider("peoples_committee", "tuyet_mat", on=day) == rules.HEAD
    item = _classified(reg, "tuyet_mat", "cat_tuyet_mat")
    request = services.request_copies(
        actor=reg["officer"], item=item, count=1, form="trich_sao", purpose="Trích gửi Tỉnh ủy"
    )
    assert Notification.objects.filter(recipient=chairman).exists()
    assert not Notification.objects.filter(recipient=reg["head"], key__startswith="copy-request")
    assert list(queries.copy_requests_to_decide(reg["head"])) == []
    with pytest.raises(NotAllowed):
        services.decide_copy_request(actor=reg["head"], request=request, approve=True)
    assert list(queries.copy_requests_to_decide(chairman)) == [request]
    page = client_for(chairman).get(reverse("registry:approvals")).content.decode()
    assert "tuyet_mat/BC-STP" in page and "Trích gửi Tỉnh ủy" in page
    assert "Kết quả rà soát" not in page  # never the summary
    client_for(chairman).post(
        reverse("registry:approval_decide", args=["copy", request.pk]),
        {"decision": "approve", "reason": ""},
    )
    request.refresh_from_db()
    assert request.authorisation is not None and request.state == "approved"
    assert request.authorisation.authorised_by == chairman


def test_the_approvals_page_keeps_a_refusal_without_reason(reg, chairman, client_for) -> None:
    item = _classified(reg, "tuyet_mat", "cat_tuyet_mat")
    request = services.request_copies(actor=reg["head"], item=item, count=3, purpose="Họp")
    response = client_for(chairman).post(
        reverse("registry:approval_decide", args=["copy", request.pk]),
        {"decision": "refuse", "reason": ""},
    )
    assert response.status_code == 400
    assert "Nêu lý do từ chối." in response.content.decode()
    request.refresh_from_db()
    assert request.state == "requested"


def test_what_waits_for_the_head_and_the_officer(reg, chairman) -> None:
    item = _classified(reg)
    services.request_copies(actor=reg["staff"], item=item, count=1, purpose="Lưu")
    grant = services.authorise_copies(actor=reg["head"], item=item, count=2)
    proposed(reg, doc_type="Tờ trình")
    head = {w.key: w.count for w in queries.work_waiting(reg["head"])}
    assert head["copy_requests"] == 1 and head["proposals"] == 1
    officer = {w.key: w.count for w in queries.work_waiting(reg["officer"])}
    assert officer["copies_to_record"] == 1 and "copy_requests" not in officer
    staff = {w.key: w.count for w in queries.work_waiting(reg["staff"])}
    assert staff == {"my_proposals": 1}
    services.record_copies(actor=reg["officer"], authorisation=grant, count=2)
    officer = {w.key: w.count for w in queries.work_waiting(reg["officer"])}
    assert "copies_to_record" not in officer
    assert {w.key for w in queries.work_waiting(chairman)} == set()

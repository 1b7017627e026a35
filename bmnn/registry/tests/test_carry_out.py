"""Carrying a copy out of its storage place: request, approval, return (L18 Art. 14; ND26 Art. 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.services import NotAllowed
from bmnn.registry import services
from bmnn.registry.models import CarryOut, CopyStatus
from bmnn.registry.tests.builders import received

pytestmark = pytest.mark.django_db


@pytest.fixture
def copy(reg):
    return received(reg, number="7/BTP").item.copies.get()


def _request(reg, copy, by="staff", **changes):
    fields = {
        "purpose": "Họp thẩm định",
        "place": "Trụ sở UBND tỉnh, phòng họp số 2",
        "until": date.today() + timedelta(days=1),
        "protection": "Cặp khóa, đi cùng cán bộ bảo mật",
    }
    return services.request_carry_out(actor=reg[by], copy=copy, **(fields | changes))


def test_the_request_needs_purpose_place_time_and_protection(reg, copy) -> None:
    """ND26 Art. 5.2."""
    with pytest.raises(ValidationError):
        _request(reg, copy, protection=" ")


def test_approved_copy_goes_out_and_comes_back_with_a_report(reg, copy) -> None:
    """L18 Art. 14.1; ND26 Art. 5.1."""
    request = _request(reg, copy)
    with pytest.raises(NotAllowed):
        services.decide_carry_out(actor=reg["officer"], request=request, approve=True)
    services.decide_carry_out(actor=reg["head"], request=request, approve=True)
    copy.refresh_from_db()
    assert copy.status == CopyStatus.CHECKED_OUT and copy.holder == reg["staff"]
    with pytest.raises(ValidationError, match=r"L18 Art\. 14"):
        _request(reg, copy)  # it is already out
    with pytest.raises(ValidationError):
        services.return_carried_out(actor=reg["officer"], request=request, report=" ")
    services.return_carried_out(
        actor=reg["officer"], request=request, report="Đã sử dụng tại cuộc họp, không sao chụp"
    )
    copy.refresh_from_db()
    assert copy.status == CopyStatus.IN_STORE
    assert CarryOut.objects.get().state == "returned"


def test_a_refused_request_leaves_the_copy_in_store(reg, copy) -> None:
    request = _request(reg, copy)
    services.decide_carry_out(actor=reg["head"], request=request, approve=False)
    copy.refresh_from_db()
    assert copy.status == CopyStatus.IN_STORE
    with pytest.raises(ValidationError, match=r"ND26 Art\. 5"):
        services.decide_carry_out(actor=reg["head"], request=request, approve=True)


def test_nobody_below_the_level_carries_it_out(reg, copy) -> None:
    request = {"purpose": "x", "place": "y", "until": date.today(), "protection": "z"}
    with pytest.raises(NotAllowed):
        _request(reg, copy, by="staff_uncleared", **request)


def test_carrying_out_through_the_item_page(reg, copy, client_for) -> None:
    from django.urls import reverse

    url = reverse("registry:item_action", args=[copy.item.pk, "carry_out_request"])
    assert (
        client_for(reg["staff"]).post(url, {"copy": copy.pk}).status_code == 404
    )  # no need to know yet
    services.grant_need_to_know(
        actor=reg["head"], item=copy.item, person=reg["staff"], reason="Họp thẩm định"
    )
    client_for(reg["staff"]).post(
        url,
        {
            "copy": copy.pk,
            "purpose": "Họp",
            "place": "UBND tỉnh",
            "until": (date.today() + timedelta(days=2)).strftime("%d/%m/%Y"),
            "protection": "Cặp khóa",
        },
    )
    request = CarryOut.objects.get()
    decide = reverse("registry:item_action", args=[copy.item.pk, "carry_out_decide"])
    client_for(reg["head"]).post(decide, {"request": request.pk, "decision": "approve"})
    copy.refresh_from_db()
    assert copy.status == CopyStatus.CHECKED_OUT
    back = reverse("registry:item_action", args=[copy.item.pk, "carry_out_return"])
    client_for(reg["officer"]).post(back, {"request": request.pk, "report": "Đã dùng tại cuộc họp"})
    copy.refresh_from_db()
    assert copy.status == CopyStatus.IN_STORE


def test_going_abroad_needs_the_head_then_an_article_14_2_authority(
    reg, copy, make_agency, make_person
) -> None:
    """L18 Art. 14.2: the head endorses, the Chairman of the People's Committee approves; a
    department head cannot approve on their own, and the delegation leader is named."""
    from bmnn.core.models import Notification
    from bmnn.org.models import AgencyType, Role

    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    chairman = make_person(committee, Role.HEAD, "Hoàng Văn Chủ", clearance="tuyet_mat")
    with pytest.raises(ValidationError) as missing:
        _request(reg, copy, abroad=True)
    assert set(missing.value.message_dict) == {"delegation_leader"}
    request = _request(
        reg,
        copy,
        abroad=True,
        place="Viên, Áo — hội nghị quốc tế",
        delegation_leader="Phó Chủ tịch UBND tỉnh",
    )
    with pytest.raises(NotAllowed):
        services.decide_carry_out(actor=chairman, request=request, approve=True)  # not endorsed yet
    services.decide_carry_out(actor=reg["head"], request=request, approve=True)
    request.refresh_from_db()
    copy.refresh_from_db()
    assert request.state == "endorsed" and copy.status == CopyStatus.IN_STORE
    assert Notification.objects.filter(recipient=chairman).exists()
    with pytest.raises(ValidationError, match=r"L18 Art\. 14\.2"):
        services.decide_carry_out(actor=reg["head"], request=request, approve=True)
    services.decide_carry_out(actor=chairman, request=request, approve=True)
    copy.refresh_from_db()
    assert copy.status == CopyStatus.CHECKED_OUT
    assert CarryOut.objects.get().decided_by == chairman


def test_the_head_may_refuse_going_abroad_outright(reg, copy) -> None:
    request = _request(reg, copy, abroad=True, delegation_leader="Giám đốc Sở")
    services.decide_carry_out(actor=reg["head"], request=request, approve=False)
    request.refresh_from_db()
    assert request.state == "refused"


def test_the_approvals_page_shows_and_decides_only_what_the_actor_decides(
    reg, copy, make_agency, make_person, client_for
) -> None:
    from django.urls import reverse

    from bmnn.org.models import AgencyType, Role

    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    chairman = make_person(committee, Role.HEAD, "Hoàng Văn Chủ", clearance="tuyet_mat")
    copy.item.summary = "Phương án đàm phán"
    copy.item.save(update_fields=["summary"])
    request = _request(reg, copy, abroad=True, place="Singapore", delegation_leader="Phó Chủ tịch")
    decide = reverse("registry:approval_decide", args=["carry-out", request.pk])
    assert (
        client_for(chairman).post(decide, {"decision": "approve"}).status_code == 404
    )  # not endorsed
    page = client_for(reg["head"]).get(reverse("registry:approvals")).content.decode()
    assert "Singapore" in page and "Phương án đàm phán" not in page
    client_for(reg["head"]).post(decide, {"decision": "approve"})
    assert client_for(reg["health_head"]).post(decide, {"decision": "approve"}).status_code == 404
    assert "Singapore" in client_for(chairman).get(reverse("registry:approvals")).content.decode()
    client_for(chairman).post(decide, {"decision": "approve"})
    request.refresh_from_db()
    assert request.state == "approved" and request.decided_by == chairman


def test_an_authority_below_the_documents_level_is_not_shown_what_it_cannot_decide(
    reg, copy, make_agency, make_person, client_for
) -> None:
    """Found by the attack review: a Vice-Chairman without clearance saw an endorsed request to
    take a Mật document abroad (place, purpose, requester) on the approvals page and in the API,
    though the decision service refused them."""
    from django.urls import reverse

    from bmnn.org.models import AgencyType, Role

    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    vice = make_person(committee, Role.HEAD, "Phạm Phó Chủ", clearance="none")
    chairman = make_person(committee, Role.HEAD, "Hoàng Văn Chủ", clearance="tuyet_mat")
    request = _request(
        reg, copy, abroad=True, place="Viêng Chăn, Lào", delegation_leader="Phó Chủ tịch"
    )
    services.decide_carry_out(actor=reg["head"], request=request, approve=True)
    for person, shown in ((vice, False), (chairman, True)):
        client = client_for(person)
        assert ("Viêng Chăn" in client.get(reverse("registry:approvals")).content.decode()) is shown
        assert (len(client.get("/api/carry-outs/").json()) == 1) is shown

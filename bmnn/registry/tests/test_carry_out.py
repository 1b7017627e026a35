"""Carrying a copy out of its storage place: request, approval, return (L18 Art. 14; ND26 Art. 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.services import NotAllowed
from bmnn.registry import services
from bmnn.registry.models import CarryOut, CopyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def copy(reg):
    entry = services.register_incoming(actor=reg["officer"], agency=reg["justice"], level="mat",
                                       issuer_name="Bộ Tư pháp", number="7/BTP", doc_date=date(2026, 4, 1))  # fmt: skip
    return entry.item.copies.get()


def _request(reg, copy, **changes):
    fields = {"purpose": "Họp thẩm định", "place": "Trụ sở UBND tỉnh, phòng họp số 2",
              "until": date.today() + timedelta(days=1), "protection": "Cặp khóa, đi cùng cán bộ bảo mật"}  # fmt: skip
    return services.request_carry_out(actor=reg["staff"], copy=copy, **(fields | changes))


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
    with pytest.raises(NotAllowed):
        services.request_carry_out(actor=reg["staff_uncleared"], copy=copy, purpose="x", place="y",
                                   until=date.today(), protection="z")  # fmt: skip


def test_carrying_out_through_the_item_page(reg, copy, client_for) -> None:
    from django.urls import reverse

    url = reverse("registry:item_action", args=[copy.item.pk, "carry_out_request"])
    assert (
        client_for(reg["staff"]).post(url, {"copy": copy.pk}).status_code == 404
    )  # no need to know yet
    services.grant_need_to_know(
        actor=reg["head"], item=copy.item, person=reg["staff"], reason="Họp thẩm định"
    )
    client_for(reg["staff"]).post(url, {"copy": copy.pk, "purpose": "Họp", "place": "UBND tỉnh",
                                        "until": (date.today() + timedelta(days=2)).strftime("%d/%m/%Y"),
                                        "protection": "Cặp khóa"})  # fmt: skip
    request = CarryOut.objects.get()
    decide = reverse("registry:item_action", args=[copy.item.pk, "carry_out_decide"])
    client_for(reg["head"]).post(decide, {"request": request.pk, "decision": "approve"})
    copy.refresh_from_db()
    assert copy.status == CopyStatus.CHECKED_OUT
    back = reverse("registry:item_action", args=[copy.item.pk, "carry_out_return"])
    client_for(reg["officer"]).post(back, {"request": request.pk, "report": "Đã dùng tại cuộc họp"})
    copy.refresh_from_db()
    assert copy.status == CopyStatus.IN_STORE

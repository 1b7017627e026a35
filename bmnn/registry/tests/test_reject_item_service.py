"""`reject_item`: the head of the agency turns down a proposed level (ND26 Art. 2). The item is
marked rejected and one audit event keeps the reason; anyone else, and any item that is not a
proposal, is refused with nothing changed and nothing logged."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.registry import services
from bmnn.registry.models import ItemStatus, SecretItem
from bmnn.registry.tests.builders import LETTER, proposed

pytestmark = pytest.mark.django_db


def _proposed(reg) -> SecretItem:
    return proposed(reg, **LETTER)


def _rejections(item: SecretItem) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action="secret.reject", object_type="registry.secretitem", object_id=str(item.pk)
        )
    )


def test_the_head_rejects_a_proposal_and_the_reason_is_logged(reg) -> None:
    item = _proposed(reg)
    returned = services.reject_item(
        actor=reg["head"], item=item, reason="Không thuộc danh mục bí mật nhà nước"
    )
    assert returned.status == ItemStatus.REJECTED
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    # a rejection neither numbers nor approves the item: nothing of a classification is set
    assert item.number == "" and item.approved_by is None and item.protected_until is None
    [event] = _rejections(item)
    assert event.actor_id == reg["head"].pk
    assert event.agency_id == reg["justice"].pk
    assert event.changes == {"reason": "Không thuộc danh mục bí mật nhà nước"}


@pytest.mark.parametrize("who", ["officer", "staff", "health_head"])
def test_only_the_head_of_the_items_agency_rejects(reg, who) -> None:
    """The agency's officer and staff propose but do not decide; another agency's head has no
    say over it."""
    item = _proposed(reg)
    with pytest.raises(NotAllowed):
        services.reject_item(actor=reg[who], item=item, reason="Không cần thiết")
    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED
    assert _rejections(item) == []


def test_a_classified_item_cannot_be_rejected(reg) -> None:
    item = services.classify_item(
        actor=reg["head"], item=_proposed(reg), number="12/CV-STP", doc_date=date(2026, 4, 2)
    )
    with pytest.raises(ValidationError, match=r"ND26 Art\. 2"):
        services.reject_item(actor=reg["head"], item=item, reason="Đổi ý")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED and item.number == "12/CV-STP"
    assert _rejections(item) == []


def test_a_rejection_is_decided_once(reg) -> None:
    item = _proposed(reg)
    services.reject_item(actor=reg["head"], item=item, reason="Lần thứ nhất")
    with pytest.raises(ValidationError, match=r"ND26 Art\. 2"):
        services.reject_item(actor=reg["head"], item=item, reason="Lần thứ hai")
    assert [e.changes["reason"] for e in _rejections(item)] == ["Lần thứ nhất"]


def test_the_service_reads_the_item_afresh_not_the_callers_copy(reg) -> None:
    """A caller holding a stale copy that still says "proposed" does not get a classified item
    rejected: the service locks and reads the row itself."""
    stale = _proposed(reg)
    services.classify_item(
        actor=reg["head"], item=stale, number="13/CV-STP", doc_date=date(2026, 4, 2)
    )
    assert stale.status == ItemStatus.PROPOSED  # the caller's copy is out of date
    with pytest.raises(ValidationError, match=r"ND26 Art\. 2"):
        services.reject_item(actor=reg["head"], item=stale, reason="Muộn")
    assert SecretItem.objects.get(pk=stale.pk).status == ItemStatus.CLASSIFIED
    assert _rejections(stale) == []

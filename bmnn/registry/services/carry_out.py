"""Carrying a secret out of its storage place, at home or abroad (L18 Art. 14; ND26 Art. 5)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.notify import notify
from bmnn.core.services import locked, require, service
from bmnn.org.models import Agency, Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.registry import rules
from bmnn.registry.models import (
    CarryOut,
    Copy,
    CopyStatus,
    ItemStatus,
)
from bmnn.registry.services.common import (
    _audit,
    _law,
    _notify_item,
    _require_clearance,
)


@service
def request_carry_out(
    *,
    actor: Person,
    copy: Copy,
    purpose: str,
    place: str,
    until: date,
    protection: str,
    abroad: bool = False,
    delegation_leader: str = "",
) -> CarryOut:
    """A written request with purpose, place and time of the work and the protection measures
    (ND26 Art. 5.2); going abroad also names the delegation leader, who is informed (L18
    Art. 14.2)."""
    copy = Copy.objects.select_related("item").get(pk=copy.pk)
    require(
        policy.can_propose_item(actor, copy.item.agency_id),
        _("Only members of the agency ask to carry it out."),
    )
    _require_clearance(actor, copy.item.level)
    _law(
        copy.status == CopyStatus.IN_STORE and copy.item.status == ItemStatus.CLASSIFIED,
        _("Only a classified copy in store can be carried out"),
        "L18 Art. 14",
    )
    required = {"purpose": purpose, "place": place, "protection": protection}
    if abroad:
        required["delegation_leader"] = delegation_leader
    missing = [name for name, value in required.items() if not value.strip()]
    if missing:
        article = _("Required by L18 Art. 14.2.") if missing == ["delegation_leader"] else None
        raise ValidationError(
            {name: article or _("Required by ND26 Art. 5.2.") for name in missing}
        )
    if until < timezone.localdate():
        raise ValidationError({"until": _("The return date is in the past.")})
    request = CarryOut.objects.create(
        copy=copy,
        requested_by=actor,
        purpose=purpose.strip(),
        place=place.strip(),
        until=until,
        protection=protection.strip(),
        abroad=abroad,
        delegation_leader=delegation_leader.strip() if abroad else "",
    )
    _audit(
        actor,
        "secret.carry_out_request",
        copy.item,
        {"copy": copy.number, "place": place, "until": until, "abroad": abroad},
    )
    _notify_item(
        people_in_roles((Role.HEAD,), {copy.item.agency_id}),
        copy.item.pk,
        _("A request to carry a secret out awaits your decision"),
        f"carry-out-{request.pk}-request",
    )
    return request


@service
def decide_carry_out(*, actor: Person, request: CarryOut, approve: bool) -> CarryOut:
    """At home the head of the managing agency approves or refuses (L18 Art. 14.1; ND26
    Art. 5.1). Abroad the head endorses or refuses first, then an Art. 14.2 authority decides."""
    request = locked(CarryOut.objects).select_related("copy__item__agency").get(pk=request.pk)
    item = request.copy.item
    _law(
        request.state in (CarryOut.State.REQUESTED, CarryOut.State.ENDORSED),
        _("This request was already decided"),
        "ND26 Art. 5",
    )
    if request.state == CarryOut.State.REQUESTED:
        require(
            policy.is_head_of(actor, item.agency_id),
            _("Only the head of the agency decides on carrying out."),
        )
    else:
        _law(
            any(
                rules.may_approve_carry_out(kind, abroad=True, own_agency=False)
                for kind in policy.headed_agency_types(actor)
            ),
            _(
                "Taking a secret abroad is approved by a minister or a provincial leader named in the law"
            ),
            "L18 Art. 14.2",
        )
        _require_clearance(actor, item.level)
    if request.abroad and request.state == CarryOut.State.REQUESTED and approve:
        return _endorse_abroad(actor, request)
    request.state = CarryOut.State.APPROVED if approve else CarryOut.State.REFUSED
    request.decided_by = actor
    request.save(update_fields=["state", "decided_by"])
    if approve:
        request.copy.status = CopyStatus.CHECKED_OUT
        request.copy.holder = request.requested_by
        request.copy.save(update_fields=["status", "holder"])
    _audit(
        actor,
        "secret.carry_out_" + ("approve" if approve else "refuse"),
        item,
        {"copy": request.copy.number, "abroad": request.abroad},
    )
    _notify_item(
        [request.requested_by],
        item.pk,
        _("Carrying out approved") if approve else _("Carrying out refused"),
        f"carry-out-{request.pk}-decided",
    )
    return request


def _endorse_abroad(actor: Person, request: CarryOut) -> CarryOut:
    item = request.copy.item
    request.state, request.endorsed_by = CarryOut.State.ENDORSED, actor
    request.save(update_fields=["state", "endorsed_by"])
    _audit(actor, "secret.carry_out_endorse", item, {"copy": request.copy.number})
    authorities = Agency.objects.filter(is_active=True, type__in=rules.CARRY_ABROAD_AUTHORITY)
    notify(
        people_in_roles((Role.HEAD,), set(authorities.values_list("pk", flat=True))),
        title=_("A request to take a secret abroad awaits your approval"),
        url=reverse("registry:approvals"),
        key=f"carry-out-{request.pk}-endorsed",
    )
    return request


@service
def return_carried_out(*, actor: Person, request: CarryOut, report: str) -> CarryOut:
    """Back in store, with a report on its use (ND26 Art. 5.1)."""
    request = locked(CarryOut.objects).select_related("copy__item").get(pk=request.pk)
    item = request.copy.item
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("The security officer takes the copy back."),
    )
    _law(request.state == CarryOut.State.APPROVED, _("This copy is not out"), "ND26 Art. 5")
    if not report.strip():
        raise ValidationError({"report": _("Report how the copy was used (ND26 Art. 5.1).")})
    request.state, request.returned_on = CarryOut.State.RETURNED, timezone.localdate()
    request.save(update_fields=["state", "returned_on"])
    request.copy.status = CopyStatus.IN_STORE
    request.copy.save(update_fields=["status"])
    _audit(actor, "secret.carry_out_return", item, {"copy": request.copy.number, "report": report})
    return request

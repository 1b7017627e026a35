"""Copies and provision: copy authorisations and the copy register, provision to another agency, handover and receipt (L18 Art. 11, 15; ND26 Art. 3, 4)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.levels import LEVEL_NAME, TUYET_MAT
from bmnn.core.notify import notify
from bmnn.core.services import locked, require, service
from bmnn.org.models import Agency, Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.registry import rules
from bmnn.registry.models import (
    COPY_KIND_OF_FORM,
    Book,
    Copy,
    CopyAuthorisation,
    CopyForm,
    CopyRequest,
    CopyStatus,
    ItemStatus,
    Origin,
    RegisterEntry,
    SecretItem,
    Transfer,
)
from bmnn.registry.services.common import (
    _audit,
    _enter,
    _enter_outgoing,
    _law,
    _notify_item,
    _require_clearance,
)
from bmnn.registry.services.recall import recall_handed_over, recall_received
from bmnn.registry.services.registers import _file_incoming

# How each form of copy is written in the copy register (ND26 Art. 3.1; the 2026 decree adds
# paper to electronic, SOURCES.md §5.3 Form 12). Register text is Vietnamese whatever the
# language of the person printing it.
COPY_FORM_TEXT = {
    CopyForm.TRUE_COPY: "Sao y bản chính",
    CopyForm.REISSUE: "Sao lục",
    CopyForm.EXTRACT: "Trích sao",
    CopyForm.PHOTO: "Chụp",
    CopyForm.TO_ELECTRONIC: "Sao từ giấy sang điện tử",
}


# At most this many copies are authorised or asked for at once (the forms' limit too).
MAX_COPIES = 100


def _may_copy(item: SecretItem) -> None:
    """What the law asks of the item itself before any copy is authorised."""
    _law(item.status == ItemStatus.CLASSIFIED, _("Only a classified item is copied"), "L18 Art. 11")
    _law(
        item.origin == Origin.RECEIVED or item.copy_allowed,
        _("The classifier did not allow copying"),
        "ND26 Art. 2.1",
    )


def _copy_terms(count: int, form: str) -> None:
    if count < 1:
        raise ValidationError({"count": _("At least one copy.")})
    if count > MAX_COPIES:
        raise ValidationError({"count": _("At most %(n)s copies at once.") % {"n": MAX_COPIES}})
    if form not in CopyForm.values:
        raise ValidationError({"form": _("Choose how the copies are made.")})


def _grant(
    actor: Person, item: SecretItem, count: int, form: str, purpose: str
) -> CopyAuthorisation:
    grant = CopyAuthorisation.objects.create(
        item=item,
        count=count,
        form=form,
        kind=COPY_KIND_OF_FORM[CopyForm(form)],
        authorised_by=actor,
        authorised_on=timezone.localdate(),
        purpose=purpose.strip(),
    )
    _audit(
        actor,
        "secret.authorise_copies",
        item,
        {"count": count, "form": form, "authorisation": grant.pk},
    )
    return grant


@service
def authorise_copies(
    *,
    actor: Person,
    item: SecretItem,
    count: int,
    form: str = CopyForm.TRUE_COPY,
    purpose: str = "",
) -> CopyAuthorisation:
    """The competent head authorises a number of copies in one form — true copy, re-issued
    copy, extract, photograph, or paper to electronic (L25 Art. 11; L18 Art. 11; ND26 Art.
    3.1) — on their own initiative; a request from someone of the agency goes through
    `request_copies` and `decide_copy_request`. The copies made under it are recorded against
    it (`record_copies`)."""
    item = SecretItem.objects.select_related("agency").get(pk=item.pk)
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the agency authorises copies."),
    )
    _require_clearance(actor, item.level)
    today = timezone.localdate()  # an authorisation given now: today's regime judges it
    _law(
        rules.may_authorise_copy(item.agency.type, item.level, on=today),
        _("The head of this agency may not authorise copies at this level"),
        rules.cite(rules.COPY, today),
    )
    _may_copy(item)
    _copy_terms(count, form)
    return _grant(actor, item, count, form, purpose)


def copy_deciders(item: SecretItem) -> list[Person]:
    """Whom a request to copy this item goes to today: the head of its agency when the head's
    copy authority covers the level, otherwise the province's authority (L18 Art. 11.1,
    `rules.copy_decider`)."""
    today = timezone.localdate()
    decider = rules.copy_decider(item.agency.type, item.level, on=today)
    if decider == rules.HEAD:
        return list(people_in_roles((Role.HEAD,), {item.agency_id}))
    if decider == rules.PROVINCE:
        province = set(
            Agency.objects.filter(
                type__in=rules.PROVINCE_COPY_AUTHORITY, is_active=True
            ).values_list("pk", flat=True)
        )
        return list(people_in_roles((Role.HEAD,), province))
    return []


def may_decide_copy_request(actor: Person, item: SecretItem, *, on: date) -> bool:
    """The decider of a request to copy `item` on `on`: the head of its agency within their copy
    authority, or for a level beyond it the head of a province authority (L18 Art. 11.1); within
    the decider's clearance in both cases (L18 Art. 26)."""
    if not rules.may_access(actor.clearance, item.level):
        return False
    decider = rules.copy_decider(item.agency.type, item.level, on=on)
    if decider == rules.HEAD:
        return policy.is_head_of(actor, item.agency_id)
    if decider == rules.PROVINCE:
        return bool(policy.headed_agency_types(actor) & rules.PROVINCE_COPY_AUTHORITY)
    return False


@service
def request_copies(
    *, actor: Person, item: SecretItem, count: int, form: str = CopyForm.TRUE_COPY, purpose: str
) -> CopyRequest:
    """Someone of the item's agency asks in writing to copy it: how many copies, in which form
    and why. The request goes to the competent authority of the level (`copy_deciders`),
    who authorises or refuses it with a reason (`decide_copy_request`); the security officer
    then records the copies made (`record_copies`). L18 Art. 11; ND26 Art. 3.1."""
    item = locked(SecretItem.objects).select_related("agency").get(pk=item.pk)
    require(
        policy.can_propose_item(actor, item.agency_id),
        _("Only people of the agency that keeps it ask to copy it."),
    )
    _require_clearance(actor, item.level)
    _may_copy(item)
    _copy_terms(count, form)
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say why the copies are needed.")})
    today = timezone.localdate()
    _law(
        rules.copy_decider(item.agency.type, item.level, on=today) is not None,
        _("Nobody in the province may authorise copies at this level"),
        rules.cite(rules.COPY, today),
    )
    request = CopyRequest.objects.create(
        item=item, requested_by=actor, count=count, form=form, purpose=purpose.strip()
    )
    head_decides = rules.copy_decider(item.agency.type, item.level, on=today) == rules.HEAD
    url = (
        reverse("registry:item", args=[item.pk]) if head_decides else reverse("registry:approvals")
    )
    notify(
        copy_deciders(item),
        title=_("Request to copy %(number)s: %(count)s copies")
        % {"number": item.number or item.pk, "count": count},
        url=url,
        key=f"copy-request:{request.pk}",
    )
    _audit(
        actor,
        "secret.request_copies",
        item,
        {"count": count, "form": form, "reason": request.purpose},
    )
    return request


@service
def decide_copy_request(
    *, actor: Person, request: CopyRequest, approve: bool, reason: str = ""
) -> CopyRequest:
    """The competent authority decides a request to copy: an authorisation for the copies asked
    (the security officer records them against it), or a refusal with its reason, which the
    requester reads. A request is decided once."""
    request = locked(CopyRequest.objects).select_related("requested_by").get(pk=request.pk)
    item = locked(SecretItem.objects).select_related("agency").get(pk=request.item_id)
    today = timezone.localdate()  # decided now: today's regime judges it
    require(
        may_decide_copy_request(actor, item, on=today),
        _("Only the authority that may allow copying at this level decides."),
    )
    _law(
        request.state == CopyRequest.State.REQUESTED,
        _("This request was already decided"),
        rules.cite(rules.COPY, today),
    )
    if approve:
        _may_copy(item)
        _copy_terms(request.count, request.form)
        grant = _grant(actor, item, request.count, request.form, request.purpose)
        request.state, request.authorisation = CopyRequest.State.APPROVED, grant
        title = _("Copies of %(number)s authorised: %(count)s") % {
            "number": item.number or item.pk,
            "count": request.count,
        }
        told = [request.requested_by, *people_in_roles((Role.SECURITY_OFFICER,), {item.agency_id})]
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the refusal.")})
        request.state, request.refusal_reason = CopyRequest.State.REFUSED, reason.strip()
        _audit(
            actor,
            "secret.refuse_copies",
            item,
            {
                "count": request.count,
                "form": request.form,
                "reason": request.refusal_reason,
            },
        )
        title = _("Request to copy %(number)s refused") % {"number": item.number or item.pk}
        told = [request.requested_by]
    request.decided_by, request.decided_on = actor, today
    request.save(
        update_fields=["state", "authorisation", "refusal_reason", "decided_by", "decided_on"]
    )
    _notify_item(told, item.pk, title, f"copy-request-decided:{request.pk}")
    return request


@service
def record_copies(
    *,
    actor: Person,
    authorisation: CopyAuthorisation,
    count: int,
    spoiled: int = 0,
    holder: Person | None = None,
    recipients: str = "",
) -> list[Copy]:
    """Copies made under one named authorisation: never more than it has left (L18 Art. 11),
    of the kind its form makes, linked to it, numbered on from the last copy of that kind, and
    entered in the copy register with the decision's form, the number and copy numbers made,
    the spoiled or excess copies destroyed and who authorised it (ND26 Art. 3; TT24 Form 12;
    LAW.md "Stamps and forms"). Spoiled copies destroyed on the spot are no copies: they take
    no number and do not use up the authorisation, but the line and the authorisation count
    them. Copies carry the original's level."""
    item_id = CopyAuthorisation.objects.values_list("item_id", flat=True).get(pk=authorisation.pk)
    item = locked(SecretItem.objects).select_related("agency").get(pk=item_id)
    grant = (
        locked(CopyAuthorisation.objects).select_related("authorised_by").get(pk=authorisation.pk)
    )
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("Only the agency's security officer records copies."),
    )
    _law(item.status == ItemStatus.CLASSIFIED, _("Only a classified item is copied"), "L18 Art. 11")
    if count < 1:
        raise ValidationError({"count": _("At least one copy.")})
    if spoiled < 0:
        raise ValidationError({"spoiled": _("The number of spoiled copies cannot be negative.")})
    left = grant.count - grant.used
    _law(
        count <= left,
        _("More copies than this authorisation allows (%(left)s left)") % {"left": left},
        "L18 Art. 11",
    )
    kind = COPY_KIND_OF_FORM[CopyForm(grant.form)]
    day = timezone.localdate()
    start = (item.copies.filter(kind=kind).aggregate(m=Max("number"))["m"] or 0) + 1
    made = [
        Copy.objects.create(
            item=item,
            number=n,
            kind=kind,
            holder=holder or actor,
            location=item.agency.name,
            made_on=day,
            authorisation=grant,
        )
        for n in range(start, start + count)
    ]
    grant.used += count
    grant.spoiled += spoiled
    grant.save(update_fields=["used", "spoiled"])
    authoriser = grant.authorised_by
    who = ", ".join(p for p in (authoriser.full_name, authoriser.position) if p)
    _enter(
        actor,
        item.agency,
        Book.COPIES,
        item,
        day,
        {
            "date": day.strftime("%d/%m/%Y"),
            "original": f"{item.doc_type} {item.number} {item.doc_date.strftime('%d/%m/%Y') if item.doc_date else ''} {item.issuer_name or item.agency.name}".strip(),
            "summary": item.summary if rules.summary_allowed(item.level, day) else "",
            "level": LEVEL_NAME[item.level],
            "form": COPY_FORM_TEXT[CopyForm(grant.form)],
            "copies": f"{count} ({', '.join(str(c.number) for c in made)})",
            "authorised_by": f"{who} (cho phép ngày {grant.authorised_on:%d/%m/%Y})",
            "performed_by": actor.full_name,
            "recipients": recipients,
            "spoiled": spoiled,
            "note": grant.purpose,
        },
    )
    _audit(
        actor,
        "secret.copy",
        item,
        {
            "numbers": [c.number for c in made],
            "kind": kind,
            "form": grant.form,
            "authorisation": grant.pk,
            "spoiled": spoiled,
        },
    )
    return made


@service
def approve_provision(*, actor: Person, copy: Copy, to_agency: Agency, purpose: str) -> Transfer:
    """The level's authority decides to provide a copy to another agency (L18 Art. 15.1); the
    security officer then hands it over."""
    copy = locked(Copy.objects).select_related("item__agency").get(pk=copy.pk)
    item = copy.item
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the agency decides provision."),
    )
    today = timezone.localdate()  # a provision decided now: today's regime judges it
    _law(
        rules.may_authorise_provision(item.agency.type, item.level, on=today),
        _("The head of this agency may not provide items of this level"),
        rules.cite(rules.PROVISION, today),
    )
    _law(
        item.status == ItemStatus.CLASSIFIED and copy.status == CopyStatus.IN_STORE,
        _("Only a classified copy in store can be provided"),
        "L18 Art. 15",
    )
    _law(
        not copy.transfers.filter(state__in=[Transfer.State.DECIDED, Transfer.State.SENT]).exists(),
        _("This copy is already being provided"),
        "L18 Art. 15",
    )
    if to_agency.pk == item.agency_id:
        raise ValidationError({"to_agency": _("Choose another agency.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("State the purpose of the provision (L18 Art. 15.4).")})
    transfer = Transfer.objects.create(
        copy=copy,
        from_agency=item.agency,
        to_agency=to_agency,
        purpose=purpose.strip(),
        approved_by=actor,
    )
    _audit(actor, "secret.approve_provision", item, {"copy": copy.number, "to": to_agency.name})
    return transfer


@service
def hand_over(*, actor: Person, transfer: Transfer) -> Transfer:
    """The security officer hands the copy over: a line in the outgoing register first — every
    sending goes through it, passing on a received item included (L18 Art. 13; ND26 Art.
    4.1.a; Decree 63/2026; LAW.md lifecycle 3) — then a line in the handover book for the
    receiver to sign (ND26 Art. 4.1.c)."""
    transfer = (
        locked(Transfer.objects)
        .select_related("copy__item__agency", "to_agency")
        .get(pk=transfer.pk)
    )
    copy, item = transfer.copy, transfer.copy.item
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("Only the agency's security officer hands over."),
    )
    _law(
        transfer.state == Transfer.State.DECIDED,
        _("This provision was already handed over"),
        "ND26 Art. 4.1.c",
    )
    copy.status = CopyStatus.SENT
    copy.save(update_fields=["status"])
    transfer.state = Transfer.State.SENT
    transfer.save(update_fields=["state"])
    day = timezone.localdate()
    note = _("Provided (%(kind)s %(number)s): %(purpose)s") % {
        "kind": copy.get_kind_display(),
        "number": copy.number,
        "purpose": transfer.purpose,
    }
    outgoing = _enter_outgoing(
        actor,
        item,
        day,
        recipients=transfer.to_agency.name,
        keeping_unit=item.agency.name,
        copies=1,
        note=note,
    )
    _enter(
        actor,
        item.agency,
        Book.HANDOVER,
        item,
        day,
        {
            "date": day.strftime("%d/%m/%Y"),
            "number": item.number,
            "level": f"{LEVEL_NAME[item.level]} ({rules.envelope_mark(item.level)})",
            "envelopes": 2 if item.level == TUYET_MAT else 1,
            "copies": f"{copy.get_kind_display()} {copy.number}",
            "receiver": transfer.to_agency.name,
            "signature": "",
            "note": transfer.purpose,
        },
    )
    officers = people_in_roles((Role.SECURITY_OFFICER,), {transfer.to_agency_id})
    notify(
        officers,
        title=_("A secret document is being provided to your agency: %(number)s")
        % {"number": item.number},
        url=reverse("registry:transfers"),
        key=f"transfer:{transfer.pk}",
    )
    recall_handed_over(transfer)
    _audit(
        actor,
        "secret.hand_over",
        item,
        {"copy": copy.number, "to": transfer.to_agency.name, "outgoing_seq": outgoing.seq},
    )
    return transfer


@service
def receive_transfer(*, actor: Person, transfer: Transfer) -> SecretItem:
    """The receiving agency signs for the copy and registers it incoming (ND26 Art. 4.2–4.3)."""
    transfer = (
        locked(Transfer.objects).select_related("copy__item", "from_agency").get(pk=transfer.pk)
    )
    require(
        policy.can_keep_registers(actor, transfer.to_agency_id),
        _("Only the receiving agency's security officer signs for it."),
    )
    _law(
        transfer.state == Transfer.State.SENT,
        _("This copy has not been handed over, or was already received"),
        "ND26 Art. 4.3",
    )
    source = transfer.copy.item
    entry = _register_incoming_inner(actor, transfer, source)
    transfer.state, transfer.received_item = Transfer.State.RECEIVED, entry.item
    transfer.save(update_fields=["state", "received_item"])
    recall_received(transfer, entry.item)
    handover = (
        RegisterEntry.objects.filter(
            kind=Book.HANDOVER, item=source, columns__receiver=transfer.to_agency.name
        )
        .order_by("-pk")
        .first()
    )
    if handover is not None:
        handover.columns["signature"] = (
            f"{actor.full_name} {timezone.localdate().strftime('%d/%m/%Y')}"
        )
        handover.save(update_fields=["columns"])
    audit.record(
        actor=actor,
        action="secret.receive",
        obj=entry.item,
        agency=transfer.to_agency,
        changes={"from": transfer.from_agency.name},
    )
    return entry.item


def _register_incoming_inner(
    actor: Person, transfer: Transfer, source: SecretItem
) -> RegisterEntry:
    """The receiving agency's copy of a provided item, inside receive_transfer's transaction."""
    received_on = timezone.localdate()
    agency = transfer.to_agency
    item = SecretItem(
        agency=agency,
        origin=Origin.RECEIVED,
        level=source.level,
        status=ItemStatus.CLASSIFIED,
        number=source.number,
        doc_date=source.doc_date,
        doc_type=source.doc_type,
        issuer_name=source.issuer_name or transfer.from_agency.name,
        summary=source.summary if rules.summary_allowed(source.level, received_on) else "",
        determined_on=source.determined_on,
        protected_until=source.protected_until,
        copies_planned=1,
        source_item=source,
    )
    note = _("Provided by %(agency)s") % {"agency": transfer.from_agency.name}
    copy_numbers = [(transfer.copy.number, transfer.copy.kind)]
    # nobody inside the receiving agency is named at receipt: the agency itself keeps it
    return _file_incoming(
        actor, agency, item, copy_numbers, received_on, note, receiver=agency.name
    )

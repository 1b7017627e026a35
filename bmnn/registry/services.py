"""The lifecycle of a secret item as services: each checks who may act and what the rules
allow (bmnn.registry.rules), writes, and appends its audit event in one transaction.

A refusal by the law raises `RuleViolation`-backed `ValidationError`s that name the article;
a refusal by role or clearance raises `NotAllowed`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, crypto, policy
from bmnn.core.notify import notify
from bmnn.core.services import NotAllowed, require, service
from bmnn.core.storage import random_name, sha256_of
from bmnn.core.text import fold
from bmnn.core.uploads import check_upload
from bmnn.org.models import Agency, Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.registry import rules, stamp
from bmnn.registry.models import (
    Book,
    CarryOut,
    CatalogueItem,
    Copy,
    CopyAuthorisation,
    CopyKind,
    CopyStatus,
    Extension,
    ItemFile,
    ItemStatus,
    Kind,
    Meeting,
    NeedToKnow,
    Origin,
    RegisterBook,
    RegisterEntry,
    SecretItem,
    Transfer,
)

LEVEL_LABEL = rules.LEVEL_LABEL


def _refuse(violation: rules.RuleViolation) -> ValidationError:
    return ValidationError(f"{violation} ({violation.article})", code="rule")


def _law(allowed: bool, message: str, article: str) -> None:
    if not allowed:
        raise ValidationError(f"{message} ({article})", code="rule")


def _searchable(item: SecretItem) -> None:
    visible_summary = item.summary if item.level != "tuyet_mat" else ""
    item.search_text = fold(f"{item.number} {item.doc_type} {visible_summary} {item.issuer_name}")[
        :600
    ]


def _summary_for_books(item: SecretItem, day: date) -> str:
    """Type and summary for a register column; Tuyệt mật shows the type only (Decree 63/2026)."""
    if rules.summary_allowed(item.level, day):
        return " ".join(p for p in (item.doc_type, item.summary) if p)
    return item.doc_type


def _book(agency: Agency, kind: str, year: int) -> RegisterBook:
    """The open volume of a book for the year (a new volume once the last is closed)."""
    latest = (
        RegisterBook.objects.select_for_update()
        .filter(agency=agency, kind=kind, year=year)
        .order_by("-volume")
        .first()
    )
    if latest is not None and latest.closed_at is None:
        return latest
    volume = latest.volume + 1 if latest else 1
    return RegisterBook.objects.create(agency=agency, kind=kind, year=year, volume=volume)


def _enter(actor: Person, agency: Agency, kind: str, item: SecretItem, day: date,
           columns: dict[str, Any]) -> RegisterEntry:  # fmt: skip
    """Appends a line; the sequence runs through the year across volumes (never reused)."""
    book = _book(agency, kind, day.year)
    last = RegisterEntry.objects.filter(agency=agency, kind=kind, year=day.year).aggregate(
        last=Max("seq")
    )["last"]
    seq = (last or 0) + 1
    entry = RegisterEntry.objects.create(
        book=book, agency=agency, kind=kind, year=day.year, seq=seq, item=item,
        entered_on=day, columns={"seq": seq, **columns}, created_by=actor,
    )  # fmt: skip
    book.last_seq = seq
    book.save(update_fields=["last_seq"])
    return entry


def _holders(item: SecretItem) -> list[Person]:
    """Everyone to tell of a change: holders of copies, the agency's head and officers, and the
    officers of agencies that received it."""
    agency_ids = {item.agency_id} | set(
        Transfer.objects.filter(copy__item=item).values_list("to_agency_id", flat=True)
    )
    people = set(people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), agency_ids))
    people |= {c.holder for c in item.copies.select_related("holder") if c.holder}
    return list(people)


def _notify_holders(item: SecretItem, title: str, key: str) -> None:
    notify(_holders(item), title=title, url=reverse("registry:item", args=[item.pk]), key=key)


# --- classification -----------------------------------------------------------------------


@service
def propose_item(
    *,
    actor: Person,
    agency: Agency,
    level: str,
    catalogue_item: CatalogueItem | None,
    kind: str = "document",
    doc_type: str = "",
    summary: str = "",
    recipients: str = "",
    copies_planned: int = 1,
    copy_allowed: bool = False,
    period_years: int | None = None,
) -> SecretItem:
    """The drafter proposes a level with the catalogue item that justifies it (ND26 Art. 2.1)."""
    require(
        policy.can_propose_item(actor, agency.pk), _("Only members of the agency propose a level.")
    )
    _law(catalogue_item is not None and catalogue_item.is_active,
         _("A secret may only be classified against a catalogue item in force"), "L25 Art. 5.1")  # fmt: skip
    assert catalogue_item is not None  # nosec B101 # narrows the type; _law above refused None
    _law(rules.RANK[level] <= rules.RANK[catalogue_item.level],
         _("The level may not exceed the catalogue item's level"), "L18 Art. 10.1")  # fmt: skip
    if level not in rules.LEVELS:
        raise ValidationError({"level": _("Unknown level.")})
    if copies_planned < 1:
        raise ValidationError({"copies_planned": _("At least one copy.")})
    item = SecretItem(
        agency=agency, origin=Origin.CREATED, kind=kind, level=level, status=ItemStatus.PROPOSED,
        doc_type=doc_type, summary=summary if rules.summary_allowed(level, timezone.localdate()) else "",
        catalogue_item=catalogue_item, author=actor, recipients=recipients,
        copies_planned=copies_planned, copy_allowed=copy_allowed, period_years=period_years,
    )  # fmt: skip
    _searchable(item)
    item.save()
    audit.record(actor=actor, action="secret.propose", obj=item, agency=agency,
                 changes={"level": level, "catalogue": str(catalogue_item.pk)})  # fmt: skip
    return item


@service
def classify_item(
    *, actor: Person, item: SecretItem, number: str, doc_date: date, signer: str = ""
) -> SecretItem:
    """The head approves the proposed level; the protection period starts that day
    (L18 Art. 10.2, 19.1); nobody classifies above their own clearance."""
    item = SecretItem.objects.select_for_update().get(pk=item.pk)
    require(
        policy.is_head_of(actor, item.agency_id), _("Only the head of the agency approves a level.")
    )
    require(rules.may_classify(actor.clearance, item.level),
            _("You may not classify above your own clearance."))  # fmt: skip
    _law(
        item.status == ItemStatus.PROPOSED, _("Only a proposed item can be approved"), "ND26 Art. 2"
    )
    item.status, item.number, item.doc_date = ItemStatus.CLASSIFIED, number.strip(), doc_date
    item.determined_on, item.approved_by, item.signer = doc_date, actor, signer or actor.full_name
    try:
        item.protected_until = rules.protection_end(
            item.level, doc_date, kind=item.kind, period_years=item.period_years
        )
    except rules.RuleViolation as violation:
        raise _refuse(violation) from violation
    _searchable(item)
    item.save()
    audit.record(actor=actor, action="secret.classify", obj=item, agency=item.agency,
                 changes={"level": item.level, "protected_until": item.protected_until})  # fmt: skip
    return item


@service
def reject_item(*, actor: Person, item: SecretItem, reason: str) -> SecretItem:
    item = SecretItem.objects.select_for_update().get(pk=item.pk)
    require(policy.is_head_of(actor, item.agency_id), _("Only the head of the agency decides."))
    _law(
        item.status == ItemStatus.PROPOSED, _("Only a proposed item can be rejected"), "ND26 Art. 2"
    )
    item.status = ItemStatus.REJECTED
    item.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="secret.reject",
        obj=item,
        agency=item.agency,
        changes={"reason": reason},
    )
    return item


# --- registers ------------------------------------------------------------------------------


@service
def register_outgoing(*, actor: Person, item: SecretItem, day: date | None = None,
                      keeping_unit: str = "", note: str = "") -> RegisterEntry:  # fmt: skip
    """Registered in the outgoing book before it leaves; copies numbered 1…n ("Bản số")
    (L18 Art. 13; ND26 Art. 4.1.a; Decree 63/2026 Appendix III columns)."""
    item = SecretItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("Only the agency's security officer keeps its registers."),
    )
    _law(item.status == ItemStatus.CLASSIFIED and item.origin == Origin.CREATED,
         _("Only an item classified here goes in the outgoing register"), "ND26 Art. 4.1.a")  # fmt: skip
    _law(not item.entries.filter(kind=Book.OUTGOING).exists(),
         _("This item is already in the outgoing register"), "ND26 Art. 4.1.a")  # fmt: skip
    day = day or timezone.localdate()
    Copy.objects.bulk_create(
        Copy(item=item, number=n, kind=CopyKind.ORIGINAL, location=item.agency.name)
        for n in range(1, item.copies_planned + 1)
    )
    entry = _enter(actor, item.agency, Book.OUTGOING, item, day, {
        "number": item.number,
        "date": item.doc_date.strftime("%d/%m/%Y") if item.doc_date else "",
        "type_summary": _summary_for_books(item, day),
        "level": LEVEL_LABEL[item.level],
        "signer": item.signer,
        "recipients": item.recipients,
        "keeping_unit": keeping_unit or item.agency.name,
        "copies": item.copies_planned,
        "note": note,
    })  # fmt: skip
    audit.record(actor=actor, action="secret.register_outgoing", obj=item, agency=item.agency,
                 changes={"seq": entry.seq, "copies": item.copies_planned})  # fmt: skip
    return entry


@service
def register_incoming(
    *,
    actor: Person,
    agency: Agency,
    level: str,
    issuer_name: str,
    number: str,
    doc_date: date,
    doc_type: str = "",
    summary: str = "",
    received_on: date | None = None,
    copies: int = 1,
    note: str = "",
    source_item: SecretItem | None = None,
) -> RegisterEntry:
    """Registered in the incoming book on receipt (ND26 Art. 4.2; Decree 63/2026 Appendix III
    columns); the period runs from the sender's determination, taken as the document date."""
    require(
        policy.can_keep_registers(actor, agency.pk),
        _("Only the agency's security officer keeps its registers."),
    )
    if level not in rules.LEVELS:
        raise ValidationError({"level": _("Unknown level.")})
    received_on = received_on or timezone.localdate()
    item = SecretItem(
        agency=agency, origin=Origin.RECEIVED, level=level, status=ItemStatus.CLASSIFIED,
        number=number.strip(), doc_date=doc_date, doc_type=doc_type, issuer_name=issuer_name,
        summary=summary if rules.summary_allowed(level, received_on) else "",
        determined_on=doc_date, protected_until=rules.protection_end(level, doc_date),
        copies_planned=copies, source_item=source_item,
    )  # fmt: skip
    copy_numbers = [(n, str(CopyKind.ORIGINAL)) for n in range(1, copies + 1)]
    entry = _file_incoming(actor, agency, item, copy_numbers, received_on, note)
    audit.record(actor=actor, action="secret.register_incoming", obj=item, agency=agency,
                 changes={"seq": entry.seq, "level": level})  # fmt: skip
    return entry


# --- copies, provision, carrying out ------------------------------------------------------------


@service
def authorise_copies(*, actor: Person, item: SecretItem, count: int, purpose: str = "",
                     kind: str = CopyKind.COPY) -> CopyAuthorisation:  # fmt: skip
    """The competent head authorises copying or photographing (L25 Art. 11; L18 Art. 11)."""
    item = SecretItem.objects.select_related("agency").get(pk=item.pk)
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the agency authorises copies."),
    )
    require(
        rules.may_access(actor.clearance, item.level),
        _("Your clearance is below the item's level."),
    )
    _law(rules.may_authorise_copy(item.agency.type, item.level),
         _("The head of this agency may not authorise copies at this level"), "L25 Art. 11")  # fmt: skip
    _law(item.status == ItemStatus.CLASSIFIED, _("Only a classified item is copied"), "L18 Art. 11")
    _law(item.origin == Origin.RECEIVED or item.copy_allowed,
         _("The classifier did not allow copying"), "ND26 Art. 2.1")  # fmt: skip
    if count < 1:
        raise ValidationError({"count": _("At least one copy.")})
    grant = CopyAuthorisation.objects.create(
        item=item, count=count, kind=kind, authorised_by=actor,
        authorised_on=timezone.localdate(), purpose=purpose,
    )  # fmt: skip
    audit.record(actor=actor, action="secret.authorise_copies", obj=item, agency=item.agency,
                 changes={"count": count, "kind": kind})  # fmt: skip
    return grant


@service
def record_copies(*, actor: Person, item: SecretItem, count: int, holder: Person | None = None,
                  recipients: str = "") -> list[Copy]:  # fmt: skip
    """Copies made under an authorisation, numbered on from the last, entered in the copy
    register (ND26 Art. 3; TT24 Form 12). Copies carry the original's level."""
    item = SecretItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("Only the agency's security officer records copies."),
    )
    grants = list(CopyAuthorisation.objects.select_for_update().filter(item=item).order_by("pk"))
    available = sum(g.count - g.used for g in grants)
    _law(available >= count, _("More copies than the head authorised"), "L18 Art. 11")
    start = (item.copies.filter(kind=CopyKind.COPY).aggregate(m=Max("number"))["m"] or 0) + 1
    made = [
        Copy.objects.create(
            item=item,
            number=n,
            kind=CopyKind.COPY,
            holder=holder or actor,
            location=item.agency.name,
            made_on=timezone.localdate(),
        )
        for n in range(start, start + count)
    ]
    remaining = count
    for grant in grants:
        take = min(grant.count - grant.used, remaining)
        if take:
            grant.used += take
            grant.save(update_fields=["used"])
            remaining -= take
    authoriser = grants[-1].authorised_by if grants else None
    day = timezone.localdate()
    _enter(actor, item.agency, Book.COPIES, item, day, {
        "date": day.strftime("%d/%m/%Y"),
        "original": f"{item.doc_type} {item.number} {item.doc_date.strftime('%d/%m/%Y') if item.doc_date else ''} {item.issuer_name or item.agency.name}".strip(),
        "summary": item.summary if rules.summary_allowed(item.level, day) else "",
        "level": LEVEL_LABEL[item.level],
        "form": str(CopyKind.COPY.label),
        "copies": f"{count} ({', '.join(str(c.number) for c in made)})",
        "authorised_by": authoriser.full_name if authoriser else "",
        "performed_by": actor.full_name,
        "recipients": recipients,
        "spoiled": 0,
        "note": "",
    })  # fmt: skip
    audit.record(actor=actor, action="secret.copy", obj=item, agency=item.agency,
                 changes={"numbers": [c.number for c in made]})  # fmt: skip
    return made


@service
def approve_provision(*, actor: Person, copy: Copy, to_agency: Agency, purpose: str) -> Transfer:
    """The level's authority decides to provide a copy to another agency (L18 Art. 15.1); the
    security officer then hands it over."""
    copy = Copy.objects.select_for_update().select_related("item__agency").get(pk=copy.pk)
    item = copy.item
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the agency decides provision."),
    )
    _law(rules.may_authorise_provision(item.agency.type, item.level),
         _("The head of this agency may not provide items of this level"), "L18 Art. 15.1")  # fmt: skip
    _law(item.status == ItemStatus.CLASSIFIED and copy.status == CopyStatus.IN_STORE,
         _("Only a classified copy in store can be provided"), "L18 Art. 15")  # fmt: skip
    _law(not copy.transfers.filter(state__in=[Transfer.State.DECIDED, Transfer.State.SENT]).exists(),
         _("This copy is already being provided"), "L18 Art. 15")  # fmt: skip
    if to_agency.pk == item.agency_id:
        raise ValidationError({"to_agency": _("Choose another agency.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("State the purpose of the provision (L18 Art. 15.4).")})
    transfer = Transfer.objects.create(copy=copy, from_agency=item.agency, to_agency=to_agency,
                                       purpose=purpose.strip(), approved_by=actor)  # fmt: skip
    audit.record(actor=actor, action="secret.approve_provision", obj=item, agency=item.agency,
                 changes={"copy": copy.number, "to": to_agency.name})  # fmt: skip
    return transfer


@service
def hand_over(*, actor: Person, transfer: Transfer) -> Transfer:
    """The security officer hands the copy over: a line in the handover book, for the
    receiver to sign (ND26 Art. 4.1.c)."""
    transfer = (
        Transfer.objects.select_for_update()
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
    _enter(actor, item.agency, Book.HANDOVER, item, day, {
        "date": day.strftime("%d/%m/%Y"),
        "number": item.number,
        "level": f"{LEVEL_LABEL[item.level]} ({rules.envelope_mark(item.level)})",
        "envelopes": 2 if item.level == "tuyet_mat" else 1,
        "copies": f"{copy.get_kind_display()} {copy.number}",
        "receiver": transfer.to_agency.name,
        "signature": "",
        "note": transfer.purpose,
    })  # fmt: skip
    officers = people_in_roles((Role.SECURITY_OFFICER,), {transfer.to_agency_id})
    notify(officers, title=_("A secret document is being provided to your agency: %(number)s") % {"number": item.number},
           url=reverse("registry:transfers"), key=f"transfer:{transfer.pk}")  # fmt: skip
    audit.record(actor=actor, action="secret.hand_over", obj=item, agency=item.agency,
                 changes={"copy": copy.number, "to": transfer.to_agency.name})  # fmt: skip
    return transfer


@service
def receive_transfer(*, actor: Person, transfer: Transfer) -> SecretItem:
    """The receiving agency signs for the copy and registers it incoming (ND26 Art. 4.2–4.3)."""
    transfer = (
        Transfer.objects.select_for_update()
        .select_related("copy__item", "from_agency")
        .get(pk=transfer.pk)
    )
    require(policy.can_keep_registers(actor, transfer.to_agency_id),
            _("Only the receiving agency's security officer signs for it."))  # fmt: skip
    _law(
        transfer.state == Transfer.State.SENT,
        _("This copy has not been handed over, or was already received"),
        "ND26 Art. 4.3",
    )
    source = transfer.copy.item
    entry = _register_incoming_inner(actor, transfer, source)
    transfer.state, transfer.received_item = Transfer.State.RECEIVED, entry.item
    transfer.save(update_fields=["state", "received_item"])
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
    audit.record(actor=actor, action="secret.receive", obj=entry.item, agency=transfer.to_agency,
                 changes={"from": transfer.from_agency.name})  # fmt: skip
    return entry.item


def _register_incoming_inner(
    actor: Person, transfer: Transfer, source: SecretItem
) -> RegisterEntry:
    """The receiving agency's copy of a provided item, inside receive_transfer's transaction."""
    received_on = timezone.localdate()
    agency = transfer.to_agency
    item = SecretItem(
        agency=agency, origin=Origin.RECEIVED, level=source.level, status=ItemStatus.CLASSIFIED,
        number=source.number, doc_date=source.doc_date, doc_type=source.doc_type,
        issuer_name=source.issuer_name or transfer.from_agency.name,
        summary=source.summary if rules.summary_allowed(source.level, received_on) else "",
        determined_on=source.determined_on, protected_until=source.protected_until,
        copies_planned=1, source_item=source,
    )  # fmt: skip
    note = _("Provided by %(agency)s") % {"agency": transfer.from_agency.name}
    copy_numbers = [(transfer.copy.number, transfer.copy.kind)]
    return _file_incoming(actor, agency, item, copy_numbers, received_on, note)


def _file_incoming(actor: Person, agency: Agency, item: SecretItem, copy_numbers: list[tuple[int, str]],
                   received_on: date, note: str) -> RegisterEntry:  # fmt: skip
    """Saves a received item with its copies and writes its incoming line (Decree 63/2026
    Appendix III columns); the incoming number is the line's sequence number."""
    _searchable(item)
    item.save()
    Copy.objects.bulk_create(
        Copy(item=item, number=number, kind=kind, holder=actor, location=agency.name)
        for number, kind in copy_numbers
    )
    entry = _enter(actor, agency, Book.INCOMING, item, received_on, {
        "received_on": received_on.strftime("%d/%m/%Y"),
        "incoming_no": None,
        "issuer": item.issuer_name,
        "number": item.number,
        "date": item.doc_date.strftime("%d/%m/%Y") if item.doc_date else "",
        "type_summary": _summary_for_books(item, received_on),
        "level": LEVEL_LABEL[item.level],
        "receiver": actor.full_name,
        "note": note,
    })  # fmt: skip
    entry.columns["incoming_no"] = entry.seq
    entry.save(update_fields=["columns"])
    return entry


# --- period, level, declassification, destruction, loss ----------------------------------------


def _classifier_head(actor: Person, item: SecretItem) -> None:
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the classifying agency decides."),
    )
    _law(
        item.origin == Origin.CREATED,
        _("Only the agency that classified the item decides this"),
        "L18 Art. 20–22",
    )
    _law(item.status == ItemStatus.CLASSIFIED, _("The item is no longer classified"), "L18 Art. 22")


@service
def extend_protection(*, actor: Person, item: SecretItem, new_end: date, decided_on: date,
                      decision: str = "") -> SecretItem:  # fmt: skip
    """L18 Art. 20: decided by the classifying head at least 60 days before the end; each
    extension at most the base period; holders told within 15 days."""
    item = SecretItem.objects.select_for_update().get(pk=item.pk)
    _classifier_head(actor, item)
    assert item.protected_until is not None  # nosec B101 # narrows the type; only items with a date reach here
    try:
        rules.check_extension(
            item.level, item.protected_until, rules.Extension(new_end, decided_on)
        )
    except rules.RuleViolation as violation:
        raise _refuse(violation) from violation
    before = item.protected_until
    Extension.objects.create(
        item=item, new_end=new_end, decided_on=decided_on, decision=decision, decided_by=actor
    )
    item.protected_until = new_end
    item.save(update_fields=["protected_until"])
    _notify_holders(item, _("Protection of %(number)s extended to %(end)s") % {"number": item.number, "end": new_end.strftime("%d/%m/%Y")},
                    key=f"extend:{item.pk}:{new_end.isoformat()}")  # fmt: skip
    audit.record(actor=actor, action="secret.extend", obj=item, agency=item.agency,
                 changes={"protected_until": [before, new_end], "decision": decision})  # fmt: skip
    return item


@service
def change_level(*, actor: Person, item: SecretItem, new_level: str, decided_on: date,
                 decision: str = "") -> SecretItem:  # fmt: skip
    """L18/L25 Art. 21: by whoever may determine the level; holders re-mark within 15 days.
    The period keeps its start and takes the new level's length (open question Q7)."""
    item = SecretItem.objects.select_for_update().get(pk=item.pk)
    _classifier_head(actor, item)
    if new_level not in rules.LEVELS or new_level == item.level:
        raise ValidationError({"new_level": _("Choose a different level.")})
    require(
        rules.may_classify(actor.clearance, new_level),
        _("You may not classify above your own clearance."),
    )
    cap = item.catalogue_item.level if item.catalogue_item_id else None  # type: ignore[union-attr]
    _law(cap is None or rules.RANK[new_level] <= rules.RANK[cap],
         _("The new level may not exceed the catalogue item's level"), "L18 Art. 21")  # fmt: skip
    before = item.level
    item.level = new_level
    if item.determined_on:
        item.protected_until = rules.protection_end(new_level, item.determined_on, kind=item.kind,
                                                    period_years=item.period_years)  # fmt: skip
    if not rules.summary_allowed(new_level, decided_on):
        item.summary = ""
    _searchable(item)
    item.save()
    _notify_holders(
        item,
        _("Level of %(number)s changed") % {"number": item.number},
        key=f"level:{item.pk}:{decided_on.isoformat()}:{new_level}",
    )
    audit.record(actor=actor, action="secret.change_level", obj=item, agency=item.agency,
                 changes={"level": [before, new_level], "decision": decision})  # fmt: skip
    return item


@service
def declassify(*, actor: Person | None, item: SecretItem, decided_on: date, decision: str = "",
               reason: str = "decision") -> SecretItem:  # fmt: skip
    """L18 Art. 22: by decision of the classifying head (holders told within 15 days), or
    automatically when the period ends (`actor=None`, reason "expired")."""
    item = SecretItem.objects.select_for_update().get(pk=item.pk)
    if actor is not None:
        _classifier_head(actor, item)
    else:
        _law(
            rules.is_expired(item.protected_until, decided_on),
            _("The period has not ended"),
            "L18 Art. 22.2.a",
        )
    item.status, item.declassified_at = ItemStatus.DECLASSIFIED, decided_on
    item.save(update_fields=["status", "declassified_at"])
    for received in SecretItem.objects.filter(source_item=item, status=ItemStatus.CLASSIFIED):
        received.status, received.declassified_at = ItemStatus.DECLASSIFIED, decided_on
        received.save(update_fields=["status", "declassified_at"])
    _notify_holders(
        item, _("%(number)s is declassified") % {"number": item.number}, key=f"declassify:{item.pk}"
    )
    audit.record(actor=actor, action="secret.declassify", obj=item, agency=item.agency,
                 changes={"reason": reason, "decision": decision})  # fmt: skip
    return item


@service
def record_declassification_notice(*, actor: Person, item: SecretItem, notice: str,
                                   decided_on: date) -> SecretItem:  # fmt: skip
    """A holder records the classifier's declassification notice and stamps its copies
    "GIẢI MẬT" (L18 Art. 22.3, 22.6; TT24 Form 05)."""
    item = SecretItem.objects.select_for_update().get(pk=item.pk)
    require(policy.is_head_of(actor, item.agency_id), _("Only the head of the agency records it."))
    _law(
        item.origin == Origin.RECEIVED,
        _("The classifying agency declassifies by decision"),
        "L18 Art. 22.4",
    )
    _law(item.status == ItemStatus.CLASSIFIED, _("The item is no longer classified"), "L18 Art. 22")
    if not notice.strip():
        raise ValidationError({"notice": _("Give the number of the declassification notice.")})
    item.status, item.declassified_at = ItemStatus.DECLASSIFIED, decided_on
    item.save(update_fields=["status", "declassified_at"])
    audit.record(actor=actor, action="secret.declassification_noted", obj=item, agency=item.agency,
                 changes={"notice": notice, "decided_on": decided_on})  # fmt: skip
    return item


def declassify_expired(today: date | None = None) -> int:
    """Automatic declassification of every item whose period has ended (L18 Art. 22.2.a)."""
    today = today or timezone.localdate()
    expired = list(
        SecretItem.objects.filter(
            status=ItemStatus.CLASSIFIED, origin=Origin.CREATED, protected_until__lt=today
        ).values_list("pk", flat=True)
    )
    for pk in expired:
        declassify(actor=None, item=SecretItem(pk=pk), decided_on=today, reason="expired")
    return len(expired)


@service
def destroy(*, actor: Person, item: SecretItem, copies: list[Copy], council: list[str],
            minutes: str) -> SecretItem:  # fmt: skip
    """L18 Art. 23: decided by a Tuyệt mật or Tối mật authority; a council is mandatory for
    Tuyệt mật (L25); the minutes say what was destroyed and how."""
    item = SecretItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the agency decides destruction."),
    )
    _law(rules.may_decide_destruction(item.agency.type, item.level),
         _("The head of this agency may not decide destruction at this level"), "L18 Art. 23.3.a")  # fmt: skip
    _law(not rules.destruction_needs_council(item.level) or len([c for c in council if c.strip()]) >= 2,
         _("Tuyệt mật is destroyed by a council"), "L25 Art. 23")  # fmt: skip
    if not minutes.strip():
        raise ValidationError({"minutes": _("Record in the minutes what was destroyed and how.")})
    ids = {c.pk for c in copies}
    targets = list(
        item.copies.filter(pk__in=ids).exclude(status__in=[CopyStatus.DESTROYED, CopyStatus.SENT])
    )
    if not targets:
        raise ValidationError(_("Choose the copies held here to destroy."))
    today = timezone.localdate()
    for copy in targets:
        copy.status, copy.destroyed_on = CopyStatus.DESTROYED, today
        copy.save(update_fields=["status", "destroyed_on"])
    if not item.copies.exclude(status__in=[CopyStatus.DESTROYED, CopyStatus.SENT]).exists():
        item.status = ItemStatus.DESTROYED
        item.save(update_fields=["status"])
    audit.record(actor=actor, action="secret.destroy", obj=item, agency=item.agency,
                 changes={"copies": [c.number for c in targets], "council": council, "minutes": minutes})  # fmt: skip
    return item


@service
def report_lost(*, actor: Person, copy: Copy, what: str) -> Copy:
    """A lost or leaked copy is reported at once to the head and to the provincial police
    (L18 Art. 25.3, 26.2.c; ND26 Art. 8.1.b): it opens an incident report, which tells the head
    and every province supervisor."""
    copy = Copy.objects.select_for_update().select_related("item__agency").get(pk=copy.pk)
    item = copy.item
    require(
        policy.can_propose_item(actor, item.agency_id),
        _("Only members of the agency report its losses."),
    )
    if not what.strip():
        raise ValidationError({"what": _("Say what happened.")})
    copy.status = CopyStatus.LOST
    copy.save(update_fields=["status"])
    audit.record(actor=actor, action="secret.lost", obj=item, agency=item.agency,
                 changes={"copy": copy.number, "what": what})  # fmt: skip
    from bmnn.reports.models import Incident
    from bmnn.reports.services import open_incident

    open_incident(actor=actor, agency=item.agency, what=f"{item.number} ({copy.get_kind_display()} {copy.number}): {what.strip()}",
                  channel=Incident.Channel.LOST_DOCUMENT, found_at=timezone.now(), level=item.level,
                  source=Incident.Source.REGISTRY, source_ref=f"registry:{item.pk}:{copy.pk}")  # fmt: skip
    return copy


@service
def close_volume(*, actor: Person, book: RegisterBook) -> RegisterBook:
    """Closes (locks) a volume: no more lines; the next line opens a new volume and continues the
    year's numbering (numbers are never reused)."""
    book = RegisterBook.objects.select_for_update().get(pk=book.pk)
    require(
        policy.can_keep_registers(actor, book.agency_id),
        _("Only the agency's security officer closes its books."),
    )
    if book.closed_at is not None:
        raise ValidationError(_("This volume is already closed."))
    book.closed_at = timezone.now()
    book.save(update_fields=["closed_at"])
    audit.record(actor=actor, action="register.close_volume", obj=book, agency=book.agency,
                 changes={"last_seq": book.last_seq})  # fmt: skip
    return book


@service
def grant_need_to_know(
    *, actor: Person, item: SecretItem, person: Person, reason: str = ""
) -> NeedToKnow:
    require(
        policy.is_head_of(actor, item.agency_id), _("Only the head of the agency grants access.")
    )
    _law(rules.may_access(person.clearance, item.level),
         _("The person's clearance is below the item's level"), "L18 Art. 26")  # fmt: skip
    grant, _created = NeedToKnow.objects.get_or_create(
        item=item, person=person,
        defaults={"granted_by": actor, "granted_on": timezone.localdate(), "reason": reason},
    )  # fmt: skip
    audit.record(
        actor=actor,
        action="secret.grant",
        obj=item,
        agency=item.agency,
        changes={"person": person.username},
    )
    return grant


@service
def record_read(*, actor: Person, item: SecretItem) -> None:
    """Every read of a registry record is audited (DESIGN.md, security model)."""
    audit.record(actor=actor, action="secret.read", obj=item, agency=item.agency)


@service
def record_list_read(*, actor: Person, items: list[SecretItem], where: str) -> None:
    """A list, search or API page that shows items reads them: one event names which."""
    audit.record(
        actor=actor, action="secret.list", changes={"where": where, "items": [i.pk for i in items]}
    )


@service
def record_book_read(*, actor: Person, book: RegisterBook, lines: int, fmt: str = "page") -> None:
    """Reading or exporting a book reads its lines: one audit event says which and how many."""
    audit.record(actor=actor, action="register.read" if fmt == "page" else "register.export",
                 obj=book, agency=book.agency, changes={"format": fmt, "lines": lines})  # fmt: skip


# --- carrying out ------------------------------------------------------------------------------


@service
def request_carry_out(*, actor: Person, copy: Copy, purpose: str, place: str, until: date,
                      protection: str, abroad: bool = False,
                      delegation_leader: str = "") -> CarryOut:  # fmt: skip
    """A written request with purpose, place and time of the work and the protection measures
    (ND26 Art. 5.2); going abroad also names the delegation leader, who is informed (L18
    Art. 14.2)."""
    copy = Copy.objects.select_related("item").get(pk=copy.pk)
    require(
        policy.can_propose_item(actor, copy.item.agency_id),
        _("Only members of the agency ask to carry it out."),
    )
    require(
        rules.may_access(actor.clearance, copy.item.level),
        _("Your clearance is below the item's level."),
    )
    _law(copy.status == CopyStatus.IN_STORE and copy.item.status == ItemStatus.CLASSIFIED,
         _("Only a classified copy in store can be carried out"), "L18 Art. 14")  # fmt: skip
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
    request = CarryOut.objects.create(copy=copy, requested_by=actor, purpose=purpose.strip(), place=place.strip(),
                                      until=until, protection=protection.strip(), abroad=abroad,
                                      delegation_leader=delegation_leader.strip() if abroad else "")  # fmt: skip
    audit.record(actor=actor, action="secret.carry_out_request", obj=copy.item, agency=copy.item.agency,
                 changes={"copy": copy.number, "place": place, "until": until, "abroad": abroad})  # fmt: skip
    notify(people_in_roles((Role.HEAD,), {copy.item.agency_id}),
           title=_("A request to carry a secret out awaits your decision"),
           url=reverse("registry:item", args=[copy.item.pk]), key=f"carry-out-{request.pk}-request")  # fmt: skip
    return request


@service
def decide_carry_out(*, actor: Person, request: CarryOut, approve: bool) -> CarryOut:
    """At home the head of the managing agency approves or refuses (L18 Art. 14.1; ND26
    Art. 5.1). Abroad the head endorses or refuses first, then an Art. 14.2 authority decides."""
    request = (
        CarryOut.objects.select_for_update().select_related("copy__item__agency").get(pk=request.pk)
    )
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
            any(rules.may_approve_carry_out(kind, abroad=True, own_agency=False)
                for kind in policy.headed_agency_types(actor)),
            _("Taking a secret abroad is approved by a minister or a provincial leader named in the law"),
            "L18 Art. 14.2",
        )  # fmt: skip
        require(rules.may_access(actor.clearance, item.level),
                _("Your clearance is below the item's level."))  # fmt: skip
    if request.abroad and request.state == CarryOut.State.REQUESTED and approve:
        return _endorse_abroad(actor, request)
    request.state = CarryOut.State.APPROVED if approve else CarryOut.State.REFUSED
    request.decided_by = actor
    request.save(update_fields=["state", "decided_by"])
    if approve:
        request.copy.status = CopyStatus.CHECKED_OUT
        request.copy.holder = request.requested_by
        request.copy.save(update_fields=["status", "holder"])
    audit.record(actor=actor, action="secret.carry_out_" + ("approve" if approve else "refuse"), obj=item,
                 agency=item.agency, changes={"copy": request.copy.number, "abroad": request.abroad})  # fmt: skip
    notify([request.requested_by],
           title=_("Carrying out approved") if approve else _("Carrying out refused"),
           url=reverse("registry:item", args=[item.pk]), key=f"carry-out-{request.pk}-decided")  # fmt: skip
    return request


def _endorse_abroad(actor: Person, request: CarryOut) -> CarryOut:
    item = request.copy.item
    request.state, request.endorsed_by = CarryOut.State.ENDORSED, actor
    request.save(update_fields=["state", "endorsed_by"])
    audit.record(actor=actor, action="secret.carry_out_endorse", obj=item, agency=item.agency,
                 changes={"copy": request.copy.number})  # fmt: skip
    authorities = Agency.objects.filter(is_active=True, type__in=rules.CARRY_ABROAD_AUTHORITY)
    notify(people_in_roles((Role.HEAD,), set(authorities.values_list("pk", flat=True))),
           title=_("A request to take a secret abroad awaits your approval"),
           url=reverse("registry:approvals"), key=f"carry-out-{request.pk}-endorsed")  # fmt: skip
    return request


@service
def return_carried_out(*, actor: Person, request: CarryOut, report: str) -> CarryOut:
    """Back in store, with a report on its use (ND26 Art. 5.1)."""
    request = CarryOut.objects.select_for_update().select_related("copy__item").get(pk=request.pk)
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
    audit.record(actor=actor, action="secret.carry_out_return", obj=item, agency=item.agency,
                 changes={"copy": request.copy.number, "report": report})  # fmt: skip
    return request


# --- meetings with secret content ---------------------------------------------------------------

MEETING_FIELDS = ("starts_on", "ends_on", "venue", "at_headquarters", "venue_check", "wired_microphones",
                  "recording_devices", "devices_allowed_by_chair", "video_conference", "protected_link",
                  "foreign_element", "participants_screened", "protection_plan", "participants")  # fmt: skip


def _meeting_plan(meeting: Meeting) -> rules.MeetingPlan:
    return rules.MeetingPlan(
        level=meeting.item.level, days=meeting.days, at_headquarters=meeting.at_headquarters,
        venue_checked_by_police=bool(meeting.venue_check.strip()),
        wired_microphones=meeting.wired_microphones, recording_devices=meeting.recording_devices,
        devices_allowed_by_chair=meeting.devices_allowed_by_chair,
        video_conference=meeting.video_conference, protected_link=meeting.protected_link,
        protection_plan=meeting.protection_plan, foreign_element=meeting.foreign_element,
        participants_screened=meeting.participants_screened,
    )  # fmt: skip


@service
def plan_meeting(*, actor: Person, item: SecretItem, **arrangements: Any) -> Meeting:
    """The organiser declares the venue, devices, protection plan and participants of a meeting
    with secret content (L18 Art. 17; ND26 Art. 6). Anything the rules forbid is refused at
    once with its article, so the head consents to a plan that may go ahead."""
    item = SecretItem.objects.select_for_update().get(pk=item.pk)
    require(policy.can_propose_item(actor, item.agency_id),
            _("Only members of the organising agency plan its meetings."))  # fmt: skip
    _law(item.kind == Kind.MEETING and item.status in (ItemStatus.PROPOSED, ItemStatus.CLASSIFIED),
         _("Only a meeting proposed or classified as secret is planned here"), "L18 Art. 17")  # fmt: skip
    unknown = set(arrangements) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    meeting = Meeting.objects.filter(item=item).first() or Meeting(item=item, organiser=actor)
    _law(meeting.state in (Meeting.State.PLANNED, Meeting.State.REFUSED),
         _("The consent is given; the plan can no longer change"), "L18 Art. 17.1")  # fmt: skip
    for name, value in arrangements.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    missing = [name for name in ("starts_on", "ends_on", "venue") if not getattr(meeting, name)]
    if missing:
        raise ValidationError({name: _("This field is required.") for name in missing})
    if not meeting.participant_list:
        raise ValidationError({"participants": _("List who attends (L18 Art. 17.1).")})
    if meeting.ends_on < meeting.starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first.")})
    for violation in rules.meeting_violations(_meeting_plan(meeting)):
        raise _refuse(violation)
    meeting.state, meeting.organiser = Meeting.State.PLANNED, actor
    meeting.save()
    audit.record(actor=actor, action="secret.meeting_plan", obj=item, agency=item.agency,
                 changes={"starts_on": meeting.starts_on, "ends_on": meeting.ends_on,
                          "venue": meeting.venue, "participants": len(meeting.participant_list)})  # fmt: skip
    return meeting


@service
def consent_to_meeting(*, actor: Person, meeting: Meeting, approve: bool,
                       consent_document: str = "") -> Meeting:  # fmt: skip
    """Consent of the provision authority of the level (L18 Art. 17.1.a); with foreign
    participants, the Art. 16 authority's written consent (Art. 17.2)."""
    meeting = Meeting.objects.select_for_update().select_related("item__agency").get(pk=meeting.pk)
    item = meeting.item
    types = {item.agency.type} if policy.is_head_of(actor, item.agency_id) else set()
    if meeting.foreign_element:
        types = policy.headed_agency_types(actor)
    require(
        bool(types),
        _(
            "Only the head of the organising agency, or for foreign participants a provincial leader, consents."
        ),
    )
    _law(any(rules.may_consent_to_meeting(kind, item.level, foreign_element=meeting.foreign_element) for kind in types),
         _("Your office may not consent to a meeting at this level"),
         "L18 Art. 17.2, 16" if meeting.foreign_element else "L18 Art. 17.1.a, 15.1")  # fmt: skip
    require(
        rules.may_access(actor.clearance, item.level),
        _("Your clearance is below the item's level."),
    )
    _law(
        meeting.state == Meeting.State.PLANNED,
        _("This meeting was already decided"),
        "L18 Art. 17.1",
    )
    _law(item.status == ItemStatus.CLASSIFIED,
         _("Approve the meeting's level before consenting to it"), "L18 Art. 10.2")  # fmt: skip
    if approve and meeting.foreign_element and not consent_document.strip():
        raise ValidationError(
            {
                "consent_document": _(
                    "Consent for foreign participants is given in writing (L18 Art. 17.2)."
                )
            }
        )
    for violation in rules.meeting_violations(_meeting_plan(meeting)):
        raise _refuse(violation)
    meeting.state = Meeting.State.APPROVED if approve else Meeting.State.REFUSED
    meeting.consent_by, meeting.consent_document = actor, consent_document.strip()
    meeting.save(update_fields=["state", "consent_by", "consent_document"])
    audit.record(actor=actor, action="secret.meeting_" + ("consent" if approve else "refuse"), obj=item,
                 agency=item.agency, changes={"document": meeting.consent_document})  # fmt: skip
    notify([meeting.organiser], title=_("Meeting consent given") if approve else _("Meeting consent refused"),
           url=reverse("registry:item", args=[item.pk]), key=f"meeting-{meeting.pk}-decided")  # fmt: skip
    return meeting


@service
def close_meeting(*, actor: Person, meeting: Meeting, documents_collected: bool,
                  room_sealed_daily: bool = False, note: str = "") -> Meeting:  # fmt: skip
    """After the meeting the officer records that the documents were collected and, for a
    meeting of two days or more, that the room was sealed each day (ND26 Art. 6). Documents
    not collected are a possible loss: the head is told at once."""
    meeting = Meeting.objects.select_for_update().select_related("item__agency").get(pk=meeting.pk)
    item = meeting.item
    require(policy.can_keep_registers(actor, item.agency_id),
            _("The agency's security officer closes the meeting record."))  # fmt: skip
    _law(
        meeting.state == Meeting.State.APPROVED,
        _("Only a meeting with consent is closed"),
        "L18 Art. 17.1",
    )
    if meeting.ends_on > timezone.localdate():
        raise ValidationError({"ends_on": _("The meeting has not ended yet.")})
    _law(room_sealed_daily or not rules.meeting_needs_daily_seal(meeting.days),
         _("For a meeting of two days or more the room is sealed after each day"), "ND26 Art. 6")  # fmt: skip
    if not documents_collected and not note.strip():
        raise ValidationError({"note": _("Say which documents were not collected and why.")})
    meeting.state, meeting.closed_by, meeting.closing_note = Meeting.State.HELD, actor, note.strip()
    meeting.documents_collected, meeting.room_sealed_daily = documents_collected, room_sealed_daily
    meeting.save(
        update_fields=[
            "state",
            "closed_by",
            "closing_note",
            "documents_collected",
            "room_sealed_daily",
        ]
    )
    audit.record(actor=actor, action="secret.meeting_close", obj=item, agency=item.agency,
                 changes={"documents_collected": documents_collected, "sealed": room_sealed_daily})  # fmt: skip
    if not documents_collected:
        notify(people_in_roles((Role.HEAD,), {item.agency_id}),
               title=_("Documents of a secret meeting were not all collected"),
               url=reverse("registry:item", args=[item.pk]), key=f"meeting-{meeting.pk}-missing")  # fmt: skip
    return meeting


# --- electronic files ----------------------------------------------------------------------------

FILE_KINDS = {"pdf", "docx", "xlsx", "png", "jpeg", "text"}


@service
def attach_file(*, actor: Person, item: SecretItem, name: str, data: bytes) -> ItemFile:
    """Stores the item's electronic file encrypted at rest, under a random name."""
    item = SecretItem.objects.get(pk=item.pk)
    require(policy.can_keep_registers(actor, item.agency_id) or item.author_id == actor.pk,
            _("Only the drafter or the security officer attaches the file."))  # fmt: skip
    require(
        rules.may_access(actor.clearance, item.level),
        _("Your clearance is below the item's level."),
    )
    content_type = check_upload(name, data, FILE_KINDS)
    stored = ItemFile(item=item, original_name=name[:255], content_type=content_type, size=len(data),
                      sha256=sha256_of(data), uploaded_by=actor)  # fmt: skip
    stored.blob.save(
        random_name("secret-files", "x.bin"), ContentFile(crypto.encrypt(data)), save=False
    )
    stored.save()
    audit.record(actor=actor, action="secret.attach_file", obj=item, agency=item.agency,
                 changes={"file": name, "sha256": stored.sha256})  # fmt: skip
    return stored


@service
def open_file(*, actor: Person, stored: ItemFile, stamped: bool = False) -> bytes:
    """Decrypts a file for a reader who may see the item; each download is audited. A PDF can
    be served with the level stamp in the prescribed place (TT24 Forms 02 and 19)."""
    require(policy.can_read_item(actor, stored.item), _("You may not read this item."))
    with stored.blob.open("rb") as handle:
        data = crypto.decrypt(handle.read())
    if sha256_of(data) != stored.sha256:
        raise ValidationError(_("The stored file does not match its fingerprint."))
    if stamped:
        if stored.content_type != "application/pdf":
            raise ValidationError(_("Only a PDF file can be stamped."))
        if stored.item.status != ItemStatus.CLASSIFIED:
            raise ValidationError(_("Only a classified item carries a level stamp."))
        try:
            data = stamp.stamp_pdf(data, stored.item.level)
        except stamp.StampError as exc:
            raise ValidationError(
                _("The PDF cannot be stamped: %(reason)s.") % {"reason": exc}
            ) from exc
    audit.record(actor=actor, action="secret.download", obj=stored.item, agency=stored.item.agency,
                 changes={"file": stored.original_name, "stamped": stamped})  # fmt: skip
    return data


def rotate_file_keys() -> int:
    """Re-encrypts every stored file under the newest key; returns how many."""
    count = 0
    for stored in ItemFile.objects.all().iterator():
        with stored.blob.open("rb") as handle:
            token = handle.read()
        fresh = crypto.reencrypt(token)
        path = Path(stored.blob.path)
        partial = path.with_suffix(".rotating")
        partial.write_bytes(fresh)
        os.replace(partial, path)  # atomic: the file is always readable with some key
        count += 1
    return count


__all__ = ["NotAllowed"]

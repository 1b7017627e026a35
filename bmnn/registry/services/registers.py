"""The outgoing and incoming registers and their volumes (L18 Art. 13; ND26 Art. 4; Decree 63/2026 Appendix III)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, levels, policy
from bmnn.core.levels import LEVEL_NAME
from bmnn.core.services import locked, require, service
from bmnn.org.models import Agency, Person
from bmnn.registry import rules
from bmnn.registry.models import (
    Book,
    Copy,
    CopyKind,
    ItemStatus,
    Origin,
    RegisterBook,
    RegisterEntry,
    SecretItem,
)
from bmnn.registry.services.common import (
    _audit,
    _enter,
    _enter_outgoing,
    _law,
    _searchable,
    _summary_for_books,
)
from bmnn.registry.services.recall import recall_at_issue


@service
def register_outgoing(
    *,
    actor: Person,
    item: SecretItem,
    day: date | None = None,
    keeping_unit: str = "",
    note: str = "",
    recall_by: date | None = None,
) -> RegisterEntry:
    """Registered in the outgoing book before it leaves; copies numbered 1…n ("Bản số")
    (L18 Art. 13; ND26 Art. 4.1.a; Decree 63/2026 Appendix III columns). With `recall_by`, the
    document goes out with the "Tài liệu thu hồi" mark and that return date (ND26 Art. 4.4)."""
    item = locked(SecretItem.objects).select_related("agency").get(pk=item.pk)
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("Only the agency's security officer keeps its registers."),
    )
    _law(
        item.status == ItemStatus.CLASSIFIED and item.origin == Origin.CREATED,
        _("Only an item classified here goes in the outgoing register"),
        "ND26 Art. 4.1.a",
    )
    _law(
        not item.entries.filter(kind=Book.OUTGOING).exists(),
        _("This item is already in the outgoing register"),
        "ND26 Art. 4.1.a",
    )
    day = day or timezone.localdate()
    Copy.objects.bulk_create(
        Copy(item=item, number=n, kind=CopyKind.ORIGINAL, location=item.agency.name)
        for n in range(1, item.copies_planned + 1)
    )
    entry = _enter_outgoing(
        actor,
        item,
        day,
        recipients=item.recipients,
        keeping_unit=keeping_unit or item.agency.name,
        copies=item.copies_planned,
        note=note,
    )
    _audit(
        actor, "secret.register_outgoing", item, {"seq": entry.seq, "copies": item.copies_planned}
    )
    if recall_by is not None:
        recall_at_issue(actor=actor, item=item, day=day, return_by=recall_by)
        entry.refresh_from_db()
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
    receiver: str = "",
) -> RegisterEntry:
    """Registered in the incoming book on receipt (ND26 Art. 4.2; Decree 63/2026 Appendix III
    columns); the period runs from the sender's determination, taken as the document date.
    `receiver` is the unit or person inside the agency the item is passed to, who signs for it
    in the "Đơn vị và ký nhận" column; left blank, the agency itself keeps it."""
    require(
        policy.can_keep_registers(actor, agency.pk),
        _("Only the agency's security officer keeps its registers."),
    )
    if level not in levels.LEVELS:
        raise ValidationError({"level": _("Unknown level.")})
    received_on = received_on or timezone.localdate()
    item = SecretItem(
        agency=agency,
        origin=Origin.RECEIVED,
        level=level,
        status=ItemStatus.CLASSIFIED,
        number=number.strip(),
        doc_date=doc_date,
        doc_type=doc_type,
        issuer_name=issuer_name,
        summary=summary if rules.summary_allowed(level, received_on) else "",
        determined_on=doc_date,
        protected_until=rules.protection_end(level, doc_date),
        copies_planned=copies,
        source_item=source_item,
    )
    copy_numbers = [(n, str(CopyKind.ORIGINAL)) for n in range(1, copies + 1)]
    entry = _file_incoming(
        actor,
        agency,
        item,
        copy_numbers,
        received_on,
        note,
        receiver=receiver.strip() or agency.name,
    )
    audit.record(
        actor=actor,
        action="secret.register_incoming",
        obj=item,
        agency=agency,
        changes={"seq": entry.seq, "level": level, "receiver": entry.columns["receiver"]},
    )
    return entry


@service
def close_volume(*, actor: Person, book: RegisterBook) -> RegisterBook:
    """Closes (locks) a volume: no more lines; the next line opens a new volume and continues the
    year's numbering (numbers are never reused)."""
    book = locked(RegisterBook.objects).get(pk=book.pk)
    require(
        policy.can_keep_registers(actor, book.agency_id),
        _("Only the agency's security officer closes its books."),
    )
    if book.closed_at is not None:
        raise ValidationError(_("This volume is already closed."))
    book.closed_at = timezone.now()
    book.save(update_fields=["closed_at"])
    _audit(actor, "register.close_volume", book, {"last_seq": book.last_seq})
    return book


def _file_incoming(
    actor: Person,
    agency: Agency,
    item: SecretItem,
    copy_numbers: list[tuple[int, str]],
    received_on: date,
    note: str,
    *,
    receiver: str,
) -> RegisterEntry:
    """Saves a received item with its copies and writes its incoming line (Decree 63/2026
    Appendix III columns); the incoming number is the line's sequence number, and the
    receiving unit or person is the one the item is passed to inside the agency (not the clerk
    who writes the line)."""
    item.held_since = received_on
    _searchable(item)
    item.save()
    Copy.objects.bulk_create(
        Copy(item=item, number=number, kind=kind, holder=actor, location=agency.name)
        for number, kind in copy_numbers
    )
    entry = _enter(
        actor,
        agency,
        Book.INCOMING,
        item,
        received_on,
        {
            "received_on": received_on.strftime("%d/%m/%Y"),
            "incoming_no": None,
            "issuer": item.issuer_name,
            "number": item.number,
            "date": item.doc_date.strftime("%d/%m/%Y") if item.doc_date else "",
            "type_summary": _summary_for_books(item, received_on),
            "level": LEVEL_NAME[item.level],
            "receiver": receiver,
            "note": note,
        },
    )
    entry.columns["incoming_no"] = entry.seq
    entry.save(update_fields=["columns"])
    return entry

"""Helpers shared by the registry services: rule refusals, the audit event, search text,
register lines and holder notices."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from bmnn.core import audit
from bmnn.core.levels import LEVEL_NAME, TUYET_MAT
from bmnn.core.notify import notify
from bmnn.core.services import locked, require
from bmnn.core.text import fold
from bmnn.org.models import Agency, Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.registry import rules
from bmnn.registry.models import (
    Book,
    RegisterBook,
    RegisterEntry,
    SecretItem,
    Transfer,
)


def _refuse(violation: rules.RuleViolation) -> ValidationError:
    return ValidationError(f"{violation} ({violation.article})", code="rule")


def _law(allowed: bool, message: str, article: str) -> None:
    if not allowed:
        raise ValidationError(f"{message} ({article})", code="rule")


def _require_clearance(actor: Person, level: str) -> None:
    """Refuses an actor whose clearance is below the item's `level` (NotAllowed)."""
    require(
        rules.may_access(actor.clearance, level), _("Your clearance is below the item's level.")
    )


def _audit(
    actor: Person | None, action: str, obj: Any, changes: dict[str, Any] | None = None
) -> None:
    """The service's audit event on `obj` (an item, copy, entry, book...), for `obj`'s agency."""
    audit.record(actor=actor, action=action, obj=obj, agency=obj.agency, changes=changes)


def _searchable(item: SecretItem) -> None:
    visible_summary = item.summary if item.level != TUYET_MAT else ""
    item.search_text = fold(f"{item.number} {item.doc_type} {visible_summary} {item.issuer_name}")[
        :600
    ]


def _summary_for_books(item: SecretItem, day: date) -> str:
    """Type and summary for a register column; Tuyệt mật shows the type only (Decree 63/2026)."""
    if rules.summary_allowed(item.level, day):
        return " ".join(p for p in (item.doc_type, item.summary) if p)
    return item.doc_type


def _enter_outgoing(
    actor: Person,
    item: SecretItem,
    day: date,
    *,
    recipients: str,
    keeping_unit: str,
    copies: int,
    note: str,
) -> RegisterEntry:
    """An outgoing-register line in the item's agency (Decree 63/2026 Appendix III, as encoded),
    for the first issue of an item and for every later sending of it."""
    columns = {
        "number": item.number,
        "date": item.doc_date.strftime("%d/%m/%Y") if item.doc_date else "",
        "type_summary": _summary_for_books(item, day),
        "level": LEVEL_NAME[item.level],
        "signer": item.signer,
        "recipients": recipients,
        "keeping_unit": keeping_unit,
        "copies": copies,
        "note": note,
    }
    return _enter(actor, item.agency, Book.OUTGOING, item, day, columns)


def _book(agency: Agency, kind: str, year: int) -> RegisterBook:
    """The open volume of a book for the year (a new volume once the last is closed)."""
    latest = (
        locked(RegisterBook.objects)
        .filter(agency=agency, kind=kind, year=year)
        .order_by("-volume")
        .first()
    )
    if latest is not None and latest.closed_at is None:
        return latest
    volume = latest.volume + 1 if latest else 1
    return RegisterBook.objects.create(agency=agency, kind=kind, year=year, volume=volume)


def _enter(
    actor: Person, agency: Agency, kind: str, item: SecretItem, day: date, columns: dict[str, Any]
) -> RegisterEntry:
    """Appends a line; the sequence runs through the year across volumes (never reused)."""
    book = _book(agency, kind, day.year)
    last = RegisterEntry.objects.filter(agency=agency, kind=kind, year=day.year).aggregate(
        last=Max("seq")
    )["last"]
    seq = (last or 0) + 1
    entry = RegisterEntry.objects.create(
        book=book,
        agency=agency,
        kind=kind,
        year=day.year,
        seq=seq,
        item=item,
        entered_on=day,
        columns={"seq": seq, **columns},
        created_by=actor,
    )
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


def _notify_item(people: Iterable[Person], item_id: int, title: str, key: str) -> int:
    """Tells `people` (those not yet told under `key`), with a link to the item's page."""
    return notify(people, title=title, url=reverse("registry:item", args=[item_id]), key=key)


def _notify_holders(item: SecretItem, title: str, key: str) -> None:
    _notify_item(_holders(item), item.pk, title, key)

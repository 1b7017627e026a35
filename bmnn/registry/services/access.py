"""Access: need-to-know grants and the audit of every read (L18 Art. 26; DESIGN.md security model)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.services import require, service
from bmnn.org.models import Person
from bmnn.registry import rules
from bmnn.registry.models import (
    NeedToKnow,
    RegisterBook,
    SecretItem,
)
from bmnn.registry.services.common import (
    _audit,
    _law,
)


@service
def grant_need_to_know(
    *, actor: Person, item: SecretItem, person: Person, reason: str = ""
) -> NeedToKnow:
    require(
        policy.is_head_of(actor, item.agency_id), _("Only the head of the agency grants access.")
    )
    _law(
        rules.may_access(person.clearance, item.level),
        _("The person's clearance is below the item's level"),
        "L18 Art. 26",
    )
    grant, _created = NeedToKnow.objects.get_or_create(
        item=item,
        person=person,
        defaults={"granted_by": actor, "granted_on": timezone.localdate(), "reason": reason},
    )
    _audit(actor, "secret.grant", item, {"person": person.username})
    return grant


@service
def record_read(*, actor: Person, item: SecretItem) -> None:
    """Every read of a registry record is audited (DESIGN.md, security model)."""
    _audit(actor, "secret.read", item)


@service
def record_list_read(*, actor: Person, items: list[SecretItem], where: str) -> None:
    """A list, search or API page that shows items reads them: one event names which."""
    audit.record(
        actor=actor, action="secret.list", changes={"where": where, "items": [i.pk for i in items]}
    )


@service
def record_book_read(*, actor: Person, book: RegisterBook, lines: int, fmt: str = "page") -> None:
    """Reading or exporting a book reads its lines: one audit event says which and how many."""
    _audit(
        actor,
        "register.read" if fmt == "page" else "register.export",
        book,
        {"format": fmt, "lines": lines},
    )

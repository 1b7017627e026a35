"""Classification: the drafter proposes a level against a catalogue item, the head approves or rejects it (L18 Art. 10; ND26 Art. 2)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, levels, policy
from bmnn.core.services import locked, require, service
from bmnn.org.models import Agency, Person
from bmnn.registry import rules
from bmnn.registry.models import (
    CatalogueItem,
    ItemStatus,
    Origin,
    SecretItem,
)
from bmnn.registry.services.catalogue import entry_in_force
from bmnn.registry.services.common import (
    _audit,
    _law,
    _refuse,
    _searchable,
)


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
    if catalogue_item is not None:  # read again: the caller's copy may predate a change
        catalogue_item = CatalogueItem.objects.select_related("catalogue").get(pk=catalogue_item.pk)
    _law(
        catalogue_item is not None and entry_in_force(catalogue_item, timezone.localdate()),
        _("A secret may only be classified against a catalogue item in force"),
        "L25 Art. 5.1",
    )
    assert catalogue_item is not None  # nosec B101 # narrows the type; _law above refused None
    _law(
        levels.RANK[level] <= levels.RANK[catalogue_item.level],
        _("The level may not exceed the catalogue item's level"),
        "L18 Art. 10.1",
    )
    if level not in levels.LEVELS:
        raise ValidationError({"level": _("Unknown level.")})
    if copies_planned < 1:
        raise ValidationError({"copies_planned": _("At least one copy.")})
    item = SecretItem(
        agency=agency,
        origin=Origin.CREATED,
        kind=kind,
        level=level,
        status=ItemStatus.PROPOSED,
        doc_type=doc_type,
        summary=summary if rules.summary_allowed(level, timezone.localdate()) else "",
        catalogue_item=catalogue_item,
        author=actor,
        recipients=recipients,
        copies_planned=copies_planned,
        copy_allowed=copy_allowed,
        period_years=period_years,
    )
    _searchable(item)
    item.save()
    audit.record(
        actor=actor,
        action="secret.propose",
        obj=item,
        agency=agency,
        changes={"level": level, "catalogue": str(catalogue_item.pk)},
    )
    return item


@service
def classify_item(
    *, actor: Person, item: SecretItem, number: str, doc_date: date, signer: str = ""
) -> SecretItem:
    """The head approves the proposed level; the protection period starts that day
    (L18 Art. 10.2, 19.1); nobody classifies above their own clearance."""
    item = locked(SecretItem.objects).get(pk=item.pk)
    require(
        policy.is_head_of(actor, item.agency_id), _("Only the head of the agency approves a level.")
    )
    require(
        rules.may_classify(actor.clearance, item.level),
        _("You may not classify above your own clearance."),
    )
    _law(
        item.status == ItemStatus.PROPOSED, _("Only a proposed item can be approved"), "ND26 Art. 2"
    )
    entry = item.catalogue_item
    if entry is not None:  # an item proposed here always has one; the entry may have changed since
        _law(
            entry_in_force(entry, timezone.localdate()),
            _("The catalogue item is no longer in force: nothing may be classified under it"),
            "L25 Art. 5.1",
        )
        _law(
            not rules.above_catalogue(item.level, entry.level),
            _("The level may not exceed the catalogue item's level"),
            "L18 Art. 10.1",
        )
    item.status, item.number, item.doc_date = ItemStatus.CLASSIFIED, number.strip(), doc_date
    item.determined_on, item.approved_by, item.signer = doc_date, actor, signer or actor.full_name
    item.held_since = doc_date
    try:
        item.protected_until = rules.protection_end(
            item.level, doc_date, kind=item.kind, period_years=item.period_years
        )
    except rules.RuleViolation as violation:
        raise _refuse(violation) from violation
    _searchable(item)
    item.save()
    _audit(
        actor,
        "secret.classify",
        item,
        {"level": item.level, "protected_until": item.protected_until},
    )
    return item


@service
def reject_item(*, actor: Person, item: SecretItem, reason: str) -> SecretItem:
    item = locked(SecretItem.objects).get(pk=item.pk)
    require(policy.is_head_of(actor, item.agency_id), _("Only the head of the agency decides."))
    _law(
        item.status == ItemStatus.PROPOSED, _("Only a proposed item can be rejected"), "ND26 Art. 2"
    )
    item.status = ItemStatus.REJECTED
    item.save(update_fields=["status"])
    _audit(actor, "secret.reject", item, {"reason": reason})
    return item

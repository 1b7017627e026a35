"""Protection: extension, level change, declassification, destruction and loss (L18/L25 Art. 19–23)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import levels, policy
from bmnn.core.services import locked, require, service
from bmnn.org.models import Person
from bmnn.registry import rules
from bmnn.registry.models import (
    Copy,
    CopyStatus,
    Extension,
    HolderNotice,
    ItemStatus,
    LevelChange,
    Origin,
    SecretItem,
)
from bmnn.registry.services.common import (
    _audit,
    _law,
    _notify_holders,
    _refuse,
    _searchable,
)
from bmnn.registry.services.notices import send_notices


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


def _decision(decided_on: date, decision: str) -> str:
    """The number of the decision is required and its date is checked against the day it is
    recorded (`rules.check_decision_date`); returns the cleaned number."""
    if not decision.strip():
        raise ValidationError({"decision": _("Give the number of the decision.")})
    try:
        rules.check_decision_date(
            decided_on, timezone.localdate(), grace_days=settings.BMNN_DECISION_BACKDATE_DAYS
        )
    except rules.RuleViolation as violation:
        raise _refuse(violation) from violation
    return decision.strip()


@service
def extend_protection(
    *, actor: Person, item: SecretItem, new_end: date, decided_on: date, decision: str = ""
) -> SecretItem:
    """L18 Art. 20 (kept by L25): decided by the classifying head at the latest 60 days before
    the end, by a numbered decision dated no later than the day it is recorded and at most
    `BMNN_DECISION_BACKDATE_DAYS` before it; each extension at most the base period; every
    holder's copy takes the new end at once and its holder re-marks within 15 days."""
    item = locked(SecretItem.objects).get(pk=item.pk)
    _classifier_head(actor, item)
    _law(
        item.protected_until is not None,
        _("A place is protected until it is released; it has no end to extend"),
        "L18 Art. 19.3",
    )
    assert item.protected_until is not None  # nosec B101 # narrows the type; checked just above
    decision = _decision(decided_on, decision)
    try:
        rules.check_extension(
            item.level, item.protected_until, rules.Extension(new_end, decided_on)
        )
    except rules.RuleViolation as violation:
        raise _refuse(violation) from violation
    before = item.protected_until
    Extension.objects.create(
        item=item,
        new_end=new_end,
        decided_on=decided_on,
        decision=decision,
        decided_by=actor,
        recorded_on=timezone.localdate(),
    )
    item.protected_until = new_end
    item.save(update_fields=["protected_until"])
    _notify_holders(
        item,
        _("Protection of %(number)s extended to %(end)s")
        % {"number": item.number, "end": new_end.strftime("%d/%m/%Y")},
        key=f"extend:{item.pk}:{new_end.isoformat()}",
    )
    send_notices(
        item, HolderNotice.Kind.EXTENSION, decided_on=decided_on, decision=decision, new_end=new_end
    )
    _audit(
        actor, "secret.extend", item, {"protected_until": [before, new_end], "decision": decision}
    )
    return item


def level_change_preview(
    item: SecretItem, new_level: str, decided_on: date, new_end: date | None = None
) -> date | None:
    """The end of protection a level change would leave, for the decider to see before
    confirming (LAW.md lifecycle 9). Raises ValidationError naming the rule when the stated end
    is outside the law."""
    if new_level not in levels.LEVELS or new_level == item.level:
        raise ValidationError({"new_level": _("Choose a different level.")})
    try:
        return rules.level_change_end(
            item.level, new_level, item.protected_until, item.determined_on, decided_on, new_end
        )
    except rules.RuleViolation as violation:
        raise _refuse(violation) from violation


@service
def change_level(
    *,
    actor: Person,
    item: SecretItem,
    new_level: str,
    decided_on: date,
    decision: str = "",
    new_end: date | None = None,
) -> SecretItem:
    """L18 Art. 21; L25 Art. 21.1–21.5: raised or lowered by whoever may determine the level, by
    a numbered decision; holders re-mark within 15 days of the change. The period never silently
    shortens and the change never declassifies (LAW.md lifecycle 9, `rules.level_change_end`):
    the resulting end — kept, or the one the decider states within the law — is recorded with
    the change and reaches every holder's copy with the new level at once."""
    item = locked(SecretItem.objects).get(pk=item.pk)
    _classifier_head(actor, item)
    if new_level not in levels.LEVELS or new_level == item.level:
        raise ValidationError({"new_level": _("Choose a different level.")})
    require(
        rules.may_classify(actor.clearance, new_level),
        _("You may not classify above your own clearance."),
    )
    cap = item.catalogue_item.level if item.catalogue_item_id else None  # type: ignore[union-attr]
    _law(
        cap is None or levels.RANK[new_level] <= levels.RANK[cap],
        _("The new level may not exceed the catalogue item's level"),
        "L18 Art. 21",
    )
    decision = _decision(decided_on, decision)
    end = level_change_preview(item, new_level, decided_on, new_end)
    before, previous_end = item.level, item.protected_until
    LevelChange.objects.create(
        item=item,
        from_level=before,
        to_level=new_level,
        previous_end=previous_end,
        new_end=end,
        decided_on=decided_on,
        decision=decision,
        decided_by=actor,
        recorded_on=timezone.localdate(),
    )
    item.level, item.protected_until = new_level, end
    if not rules.summary_allowed(new_level, decided_on):
        item.summary = ""
    _searchable(item)
    item.save()
    _notify_holders(
        item,
        _("Level of %(number)s changed") % {"number": item.number},
        key=f"level:{item.pk}:{decided_on.isoformat()}:{new_level}",
    )
    send_notices(
        item,
        HolderNotice.Kind.LEVEL,
        decided_on=decided_on,
        decision=decision,
        new_level=new_level,
        new_end=end,
    )
    _audit(
        actor,
        "secret.change_level",
        item,
        {
            "level": [before, new_level],
            "protected_until": [previous_end, end],
            "decision": decision,
        },
    )
    return item


@service
def destroy(
    *, actor: Person, item: SecretItem, copies: list[Copy], council: list[str], minutes: str
) -> SecretItem:
    """L18 Art. 23.3.a: decided by a head with Tuyệt mật or Tối mật copy authority, at any
    level; a council's proposal is needed for every level under L18 (Art. 23.4) and for Tuyệt
    mật under L25; the minutes say what was destroyed and how. Judged by today's regime."""
    item = locked(SecretItem.objects).select_related("agency").get(pk=item.pk)
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the agency decides destruction."),
    )
    today = timezone.localdate()  # the destruction is decided and done today: today's regime
    _law(
        rules.may_decide_destruction(item.agency.type, item.level, on=today),
        _("The head of this agency may not decide destruction"),
        rules.cite(rules.DESTRUCTION, today),
    )
    _law(
        not rules.destruction_needs_council(item.level, on=today)
        or len([c for c in council if c.strip()]) >= 2,
        _(
            "A destruction at this level is decided on the proposal of a council of at least two members"
        ),
        rules.cite(rules.COUNCIL, today),
    )
    if not minutes.strip():
        raise ValidationError({"minutes": _("Record in the minutes what was destroyed and how.")})
    ids = {c.pk for c in copies}
    targets = list(
        item.copies.filter(pk__in=ids).exclude(status__in=[CopyStatus.DESTROYED, CopyStatus.SENT])
    )
    if not targets:
        raise ValidationError(_("Choose the copies held here to destroy."))
    for copy in targets:
        copy.status, copy.destroyed_on = CopyStatus.DESTROYED, today
        copy.save(update_fields=["status", "destroyed_on"])
    if not item.copies.exclude(status__in=[CopyStatus.DESTROYED, CopyStatus.SENT]).exists():
        item.status, item.destroyed_on = ItemStatus.DESTROYED, today
        item.save(update_fields=["status", "destroyed_on"])
    _audit(
        actor,
        "secret.destroy",
        item,
        {"copies": [c.number for c in targets], "council": council, "minutes": minutes},
    )
    return item


@service
def report_lost(*, actor: Person, copy: Copy, what: str) -> Copy:
    """A lost or leaked copy is reported at once to the head and to the provincial police
    (L18 Art. 25.3, 26.2.c; ND26 Art. 8.1.b): it opens an incident report, which tells the head
    and every province supervisor."""
    copy = locked(Copy.objects).select_related("item__agency").get(pk=copy.pk)
    item = copy.item
    require(
        policy.can_propose_item(actor, item.agency_id),
        _("Only members of the agency report its losses."),
    )
    if not what.strip():
        raise ValidationError({"what": _("Say what happened.")})
    copy.status = CopyStatus.LOST
    copy.save(update_fields=["status"])
    _audit(actor, "secret.lost", item, {"copy": copy.number, "what": what})
    from bmnn.reports.models import Incident
    from bmnn.reports.services import open_incident

    open_incident(
        actor=actor,
        agency=item.agency,
        what=f"{item.number} ({copy.get_kind_display()} {copy.number}): {what.strip()}",
        channel=Incident.Channel.LOST_DOCUMENT,
        found_at=timezone.now(),
        level=item.level,
        source=Incident.Source.REGISTRY,
        source_ref=f"registry:{item.pk}:{copy.pk}",
    )
    return copy

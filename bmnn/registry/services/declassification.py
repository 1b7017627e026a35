"""Declassification (L18 Art. 22; L25 Art. 22.1.a): automatic when the period ends — for every
holder's copy, received ones included — or when the information leaves its catalogue; by a
decision of the classifying agency otherwise, after a declassification council, in whole or in
part (Art. 22.4). Each way writes a `Declassification` record and reaches the holders' copies at
once (`notices.send_notices`); a partial decision leaves the item classified and tells the
holders which parts are free."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.services import locked, require, service
from bmnn.org.models import Person
from bmnn.registry import rules
from bmnn.registry.models import Declassification, HolderNotice, ItemStatus, Origin, SecretItem
from bmnn.registry.services.common import _audit, _law, _notify_holders, _require_clearance
from bmnn.registry.services.notices import send_notices
from bmnn.registry.services.protection import _classifier_head


def end_secret(
    item: SecretItem,
    reason: str,
    *,
    decided_on: date,
    actor: Person | None = None,
    decision: str = "",
    council: str = "",
    council_minutes: str = "",
) -> Declassification:
    """Ends the secret of `item` (locked by the caller): status and date, the record of why, and
    the notice to every holder's copy — at once when it left the catalogue (Art. 22.3), within
    15 days of a decision (Art. 22.6; BMNN sends it at once)."""
    item.status, item.declassified_at = ItemStatus.DECLASSIFIED, decided_on
    item.save(update_fields=["status", "declassified_at"])
    record = Declassification.objects.create(
        item=item,
        reason=reason,
        decided_on=decided_on,
        decision=decision[:128],
        council=council,
        council_minutes=council_minutes,
        decided_by=actor,
    )
    if reason != Declassification.Reason.EXPIRED:
        kind = (
            HolderNotice.Kind.OUT_OF_CATALOGUE
            if reason == Declassification.Reason.OUT_OF_CATALOGUE
            else HolderNotice.Kind.DECLASSIFIED
        )
        send_notices(item, kind, decided_on=decided_on, decision=decision)
    return record


def _check_decision(
    item: SecretItem,
    *,
    decided_on: date,
    decision: str,
    council: list[str],
    minutes: str,
    partial: bool,
    parts: str,
) -> None:
    """What a declassification by decision needs on record (L18 Art. 22.4, 22.6 [V]): the
    head's numbered decision, dated neither in the future nor before the level was determined;
    the council that reviewed it, chaired by a leader of the classifying body, with at least one
    member from a related body; its minutes; and, for a partial decision, exactly which content
    it frees. A list of parts without "partial" is refused rather than read as the whole item."""
    if not decision.strip():
        raise ValidationError({"decision": _("Give the number of the declassification decision.")})
    _law(
        decided_on <= timezone.localdate(),
        _("A declassification decision cannot be dated in the future"),
        "L18 Art. 22.4",
    )
    _law(
        item.determined_on is None or decided_on >= item.determined_on,
        _("A declassification cannot be dated before the level was determined"),
        "L18 Art. 22",
    )
    _law(
        rules.council_complete(council),
        _(
            "A declassification council reviews it first: its chair, a leader of the classifying agency, and at least one member from a related body"
        ),
        "L18 Art. 22.4",
    )
    _law(bool(minutes.strip()), _("Record the council's minutes"), "L18 Art. 22.4")
    if partial and not parts.strip():
        raise ValidationError(
            {"parts": _("Say exactly which content is declassified (L18 Art. 22.4, 22.6).")}
        )
    if parts.strip() and not partial:
        raise ValidationError(
            {
                "parts": _(
                    "Parts are listed: mark the declassification as partial, or clear the parts to declassify the whole item."
                )
            }
        )


@service
def declassify(
    *,
    actor: Person | None,
    item: SecretItem,
    decided_on: date,
    decision: str = "",
    council: Sequence[str] | str = (),
    minutes: str = "",
    partial: bool = False,
    parts: str = "",
    reason: str = "decision",
) -> SecretItem:
    """L18 Art. 22: by decision of the classifying head after a declassification council
    (Art. 22.4: the decision, the council with its chair and members, one a line, and its
    minutes), in whole or in part; holders are told within 15 days (Art. 22.6; BMNN reaches
    their copies at once). A partial decision keeps the item classified and records the parts it
    frees. With `actor=None` (reason "expired") the period has ended: automatic, Art. 22.2.a."""
    item = locked(SecretItem.objects).get(pk=item.pk)
    if actor is None:
        _law(
            rules.is_expired(item.protected_until, decided_on),
            _("The period has not ended"),
            "L18 Art. 22.2.a",
        )
        end_secret(item, Declassification.Reason.EXPIRED, decided_on=decided_on)
        _notify_holders(
            item,
            _("%(number)s is declassified") % {"number": item.number},
            key=f"declassify:{item.pk}",
        )
        _audit(None, "secret.declassify", item, {"reason": "expired", "decided_on": decided_on})
        return item
    _classifier_head(actor, item)
    _require_clearance(actor, item.level)
    members = [
        line.strip()
        for line in (council.splitlines() if isinstance(council, str) else council)
        if line.strip()
    ]
    _check_decision(
        item,
        decided_on=decided_on,
        decision=decision,
        council=members,
        minutes=minutes,
        partial=partial,
        parts=parts,
    )
    decision, minutes, parts = decision.strip(), minutes.strip(), parts.strip()
    changes = {
        "reason": reason,
        "decision": decision,
        "decided_on": decided_on,
        "council": "; ".join(members),
        "minutes": minutes,
    }
    if partial:
        record = Declassification.objects.create(
            item=item,
            reason=Declassification.Reason.DECISION,
            partial=True,
            parts=parts,
            decided_on=decided_on,
            decision=decision[:128],
            council="\n".join(members),
            council_minutes=minutes,
            decided_by=actor,
        )
        send_notices(
            item, HolderNotice.Kind.PARTIAL, decided_on=decided_on, decision=decision, parts=parts
        )
        _notify_holders(
            item,
            _("%(number)s is partly declassified") % {"number": item.number},
            key=f"declassify-partial:{record.pk}",
        )
        _audit(actor, "secret.declassify_partial", item, {**changes, "parts": parts})
        return item
    end_secret(
        item,
        Declassification.Reason.DECISION,
        decided_on=decided_on,
        actor=actor,
        decision=decision,
        council="\n".join(members),
        council_minutes=minutes,
    )
    _notify_holders(
        item, _("%(number)s is declassified") % {"number": item.number}, key=f"declassify:{item.pk}"
    )
    _audit(actor, "secret.declassify", item, changes)
    return item


@service
def record_declassification_notice(
    *, actor: Person, item: SecretItem, notice: str, decided_on: date
) -> SecretItem:
    """A holder records the classifier's declassification notice and stamps its copies
    "GIẢI MẬT" (L18 Art. 22.3, 22.6; TT24 Form 05)."""
    item = locked(SecretItem.objects).get(pk=item.pk)
    require(policy.is_head_of(actor, item.agency_id), _("Only the head of the agency records it."))
    _law(
        item.origin == Origin.RECEIVED,
        _("The classifying agency declassifies by decision"),
        "L18 Art. 22.4",
    )
    _law(item.status == ItemStatus.CLASSIFIED, _("The item is no longer classified"), "L18 Art. 22")
    if not notice.strip():
        raise ValidationError({"notice": _("Give the number of the declassification notice.")})
    end_secret(
        item,
        Declassification.Reason.NOTICE,
        decided_on=decided_on,
        actor=actor,
        decision=notice.strip(),
    )
    _audit(
        actor, "secret.declassification_noted", item, {"notice": notice, "decided_on": decided_on}
    )
    return item


def declassify_expired(today: date | None = None) -> int:
    """Automatic declassification of every item whose period has ended (L18 Art. 22.2.a, 22.3;
    L25 Art. 22.1.a), received copies included: a holder's copy carries the sender's end date
    and lapses with it (LAW.md lifecycle 10). The item stops being secret the day after its last
    protected day, whenever the daily run notices."""
    today = today or timezone.localdate()
    expired = list(
        SecretItem.objects.filter(
            status=ItemStatus.CLASSIFIED, protected_until__lt=today
        ).values_list("pk", "protected_until")
    )
    for pk, end in expired:
        assert end is not None  # nosec B101 # narrows the type; the filter compares the date
        declassify(
            actor=None, item=SecretItem(pk=pk), decided_on=end + timedelta(days=1), reason="expired"
        )
    return len(expired)

"""Holders' notices: what the classifying agency decides about an item reaches every copy it
sent, and each holder re-marks its copies within 15 days.

L18 Art. 20.4 (extension), 21.5 and L25 Art. 21 (level change), 22.3 and 22.6
(declassification; at once when the item leaves the catalogue): the classifier tells the
holders in writing and they mark their copies. BMNN applies the decision to every holder's
copy inside the installation at once — its level, its end date, its status — so a received copy
never keeps a stale level or outlives the original; the holder's duty left is to re-mark the
paper and record it, which is tracked against `remark_by` with reminders (`remarking_reminders`)
and shown to inspectors. A holder that passed the item on passes the notice on too: the chain of
`source_item` is followed to its end.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.levels import LEVEL_NAME
from bmnn.core.services import locked, require, service
from bmnn.org.models import Person, Role
from bmnn.org.queries import people_by_agency, people_in_roles
from bmnn.registry import rules
from bmnn.registry.models import HolderNotice, ItemStatus, SecretItem
from bmnn.registry.services.common import (
    _audit,
    _law,
    _notify_item,
    _require_clearance,
    _searchable,
)

Kind = HolderNotice.Kind
# The notices that end the secret for the holder's copy.
ENDING = frozenset({Kind.DECLASSIFIED, Kind.OUT_OF_CATALOGUE})


def _holder_copies(item: SecretItem) -> list[SecretItem]:
    """Every received copy of `item` in this installation, and the copies those holders passed
    on, however far (cycles are impossible: a copy is received after its source exists)."""
    found: list[SecretItem] = []
    frontier = [item.pk]
    seen = {item.pk}
    while frontier:
        step = list(
            SecretItem.objects.filter(source_item_id__in=frontier)
            .exclude(status=ItemStatus.DESTROYED)
            .select_related("agency")
        )
        step = [copy for copy in step if copy.pk not in seen]
        seen.update(copy.pk for copy in step)
        found.extend(step)
        frontier = [copy.pk for copy in step]
    return found


def _title(notice: HolderNotice, holder: SecretItem) -> str:
    names = {
        Kind.EXTENSION: _("extended to %(end)s"),
        Kind.LEVEL: _("level changed to %(level)s, protected until %(end)s"),
        Kind.DECLASSIFIED: _("declassified"),
        Kind.PARTIAL: _("partly declassified"),
        Kind.OUT_OF_CATALOGUE: _("declassified: removed from the secret catalogue"),
        Kind.RECALL: _("recalled: return by %(return_by)s"),
    }
    what = names[Kind(notice.kind)] % {
        "end": notice.new_end.strftime("%d/%m/%Y") if notice.new_end else "",
        "level": LEVEL_NAME.get(notice.new_level, ""),
        "return_by": notice.return_by.strftime("%d/%m/%Y") if notice.return_by else "",
    }
    return _("Notice from %(issuer)s: %(number)s %(what)s; re-mark your copies by %(due)s") % {
        "issuer": notice.issuer_name,
        "number": holder.number,
        "what": what,
        "due": notice.remark_by.strftime("%d/%m/%Y"),
    }


def apply_notice(
    holder: SecretItem,
    kind: str,
    *,
    issuer_name: str,
    decided_on: date,
    decision: str = "",
    new_level: str = "",
    new_end: date | None = None,
    parts: str = "",
    return_by: date | None = None,
    source_item: SecretItem | None = None,
    bundle: str = "",
    today: date | None = None,
) -> HolderNotice:
    """Applies one notice to one holder's copy, records it and tells the holder's head and
    security officers. Called inside the classifier's transaction (or the bundle import's)."""
    today = today or timezone.localdate()
    holder = locked(SecretItem.objects).get(pk=holder.pk)
    changed: list[str] = []
    if kind == Kind.LEVEL and new_level and new_level != holder.level:
        holder.level = new_level
        if not rules.summary_allowed(new_level, decided_on):
            holder.summary = ""
        _searchable(holder)
        changed += ["level", "summary", "search_text"]
    if kind in (Kind.EXTENSION, Kind.LEVEL) and new_end is not None:
        holder.protected_until = new_end
        changed.append("protected_until")
    if kind in ENDING and holder.status == ItemStatus.CLASSIFIED:
        holder.status, holder.declassified_at = ItemStatus.DECLASSIFIED, decided_on
        changed += ["status", "declassified_at"]
    if changed:
        holder.save(update_fields=sorted(set(changed)))
    notice = HolderNotice.objects.create(
        item=holder,
        source_item=source_item,
        kind=kind,
        issuer_name=issuer_name[:255],
        decided_on=decided_on,
        decision=decision[:128],
        new_level=new_level,
        new_end=new_end,
        parts=parts,
        return_by=return_by,
        received_on=today,
        remark_by=rules.holder_notice_due(today),
        bundle=bundle[:128],
    )
    _notify_item(
        people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), {holder.agency_id}),
        holder.pk,
        _title(notice, holder),
        f"notice:{notice.pk}",
    )
    _audit(
        None,
        "secret.notice_received",
        holder,
        {
            "kind": kind,
            "from": issuer_name,
            "decision": decision,
            "fields": sorted(set(changed)),
            "bundle": bundle,
        },
    )
    return notice


class NoticeContent(TypedDict, total=False):
    """What a decision tells the holders, beyond its kind and day (see `apply_notice`)."""

    decision: str
    new_level: str
    new_end: date | None
    parts: str
    return_by: date | None


def send_notices(
    item: SecretItem, kind: str, *, decided_on: date, **content: Unpack[NoticeContent]
) -> list[HolderNotice]:
    """The classifier's decision on `item` reaches every holder's copy in the installation at
    once (LAW.md lifecycle 8–10). Returns the notices written, one per holder's copy."""
    return [
        apply_notice(
            holder,
            kind,
            issuer_name=item.issuer_name or item.agency.name,
            decided_on=decided_on,
            source_item=item,
            **content,
        )
        for holder in _holder_copies(item)
    ]


@service
def record_remarking(*, actor: Person, notice: HolderNotice, note: str = "") -> HolderNotice:
    """The holder's security officer records that its copies were re-marked as the notice asks
    (L18 Art. 20.4, 21.5, 22.6: within 15 days). A late re-marking is recorded as late."""
    notice = locked(HolderNotice.objects).select_related("item").get(pk=notice.pk)
    require(
        policy.can_keep_registers(actor, notice.item.agency_id),
        _("Only the holding agency's security officer records the re-marking."),
    )
    _require_clearance(actor, notice.item.level)
    _law(notice.remarked_on is None, _("This notice was already acted on"), "L18 Art. 21.5")
    today = timezone.localdate()
    if today > notice.remark_by and not note.strip():
        raise ValidationError(
            {"note": _("The 15-day deadline has passed: say why the re-marking is late.")}
        )
    notice.remarked_on, notice.remarked_by, notice.remark_note = today, actor, note.strip()[:255]
    notice.save(update_fields=["remarked_on", "remarked_by", "remark_note"])
    _audit(
        actor,
        "secret.remarked",
        notice.item,
        {"kind": notice.kind, "late": today > notice.remark_by},
    )
    return notice


REMINDER_DAYS = (7, 2, 0)


def remarking_reminders(today: date | None = None) -> int:
    """Daily: holders whose re-marking is due within a week, in two days, today or overdue are
    reminded (once per step; the key makes reruns harmless). Returns how many were told."""
    today = today or timezone.localdate()
    pending = list(
        HolderNotice.objects.filter(
            remarked_on__isnull=True, remark_by__lte=today + timedelta(days=max(REMINDER_DAYS))
        ).select_related("item")
    )
    people = people_by_agency({n.item.agency_id for n in pending})
    told = 0
    for notice in pending:
        left = (notice.remark_by - today).days
        step = "overdue" if left < 0 else str(min(d for d in REMINDER_DAYS if left <= d))
        if left < 0:
            title = _("Re-marking of %(number)s is overdue since %(due)s") % {
                "number": notice.item.number,
                "due": notice.remark_by.strftime("%d/%m/%Y"),
            }
        else:
            title = _("Re-mark the copies of %(number)s by %(due)s") % {
                "number": notice.item.number,
                "due": notice.remark_by.strftime("%d/%m/%Y"),
            }
        told += bool(
            _notify_item(
                people[notice.item.agency_id], notice.item_id, title, f"remark:{notice.pk}:{step}"
            )
        )
    return told

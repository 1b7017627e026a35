"""Reads of the registry, restricted by clearance and need-to-know (bmnn.core.policy)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from bmnn.core import policy
from bmnn.core.text import fold
from bmnn.registry.models import (
    CarryOut,
    Copy,
    ItemStatus,
    Meeting,
    RegisterBook,
    RegisterEntry,
    SecretItem,
    Transfer,
)


def items(
    actor: Any,
    *,
    search: str = "",
    level: str = "",
    status: str = "",
    since: date | None = None,
    until: date | None = None,
    holder: str = "",
) -> QuerySet[SecretItem]:
    rows = policy.restrict_items(actor, SecretItem.objects.all())
    if holder:
        held = Copy.objects.filter(holder__search_text__contains=fold(holder)).values("item_id")
        rows = rows.filter(pk__in=held)
    if search:
        rows = rows.filter(search_text__contains=fold(search))
    if level:
        rows = rows.filter(level=level)
    if status:
        rows = rows.filter(status=status)
    if since:
        rows = rows.filter(doc_date__gte=since)
    if until:
        rows = rows.filter(doc_date__lte=until)
    return rows.select_related("agency").order_by("-created_at", "-pk")


def item(actor: Any, pk: int) -> SecretItem | None:
    return items(actor).filter(pk=pk).first()


def expiring(actor: Any, *, within_days: int, today: date | None = None) -> QuerySet[SecretItem]:
    """Items the actor may read whose protection ends within the window (90/30/7 days)."""
    today = today or timezone.localdate()
    return items(actor, status=ItemStatus.CLASSIFIED).filter(
        protected_until__gte=today, protected_until__lte=today + timedelta(days=within_days)
    )


def books(actor: Any) -> QuerySet[RegisterBook]:
    """The volumes of the agencies whose registers the actor keeps."""
    return policy.restrict_books(actor, RegisterBook.objects.all()).select_related("agency")


def book_entries(actor: Any, book: RegisterBook) -> list[RegisterEntry]:
    """Lines of a volume, in order; lines of items above the actor's clearance are withheld."""
    rows = policy.restrict_entries(actor, book.entries.all())
    return list(rows.select_related("item").order_by("seq"))


def pending_transfers(actor: Any) -> QuerySet[Transfer]:
    return (
        policy.restrict_incoming_transfers(actor, Transfer.objects.all())
        .filter(state=Transfer.State.SENT)
        .select_related("copy__item", "from_agency", "to_agency")
    )


def transfers_to_hand_over(actor: Any, item: SecretItem) -> QuerySet[Transfer]:
    return Transfer.objects.filter(copy__item=item, state=Transfer.State.DECIDED).select_related(
        "copy", "to_agency"
    )


def overview(actor: Any) -> list[dict[str, Any]]:
    """Counts by agency, level and status for supervisors: numbers only, no summaries."""
    if not policy.can_view_register_overview(actor):
        return []
    rows = (
        SecretItem.objects.values("agency__name", "level", "status")
        .annotate(total=Count("pk"))
        .order_by("agency__name", "level", "status")
    )
    return [dict(row) for row in rows]


def approvals(actor: Any) -> dict[str, Any]:
    """Carrying-out requests and meetings awaiting the actor's decision, with what a decider
    needs (number, level, agency, requester) and never the summary."""
    carry_outs = policy.carry_outs_to_decide(
        actor, CarryOut.objects.select_related("copy__item__agency", "requested_by", "endorsed_by")
    ).order_by("created_at", "pk")
    meetings = policy.meetings_to_decide(
        actor, Meeting.objects.select_related("item__agency", "organiser")
    ).order_by("starts_on", "pk")
    return {"carry_outs": list(carry_outs[:200]), "meetings": list(meetings[:200])}

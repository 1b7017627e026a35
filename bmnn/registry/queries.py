"""Reads of the registry, restricted by clearance and need-to-know (bmnn.core.policy)."""

from __future__ import annotations

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.html import format_html_join

from bmnn.core import levels, policy
from bmnn.core.sorting import vietnamese_sorted
from bmnn.core.text import fold, search_key
from bmnn.org.models import AgencyType, Level, Role
from bmnn.registry import rules
from bmnn.registry.models import (
    CarryOut,
    Catalogue,
    CatalogueItem,
    Copy,
    CopyRequest,
    HolderNotice,
    ItemStatus,
    Meeting,
    Recall,
    RecallReturn,
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
        phrase = fold(search)
        key = search_key(phrase)
        rows = rows.filter(search_text__contains=key)
        if key != phrase:  # the index finds the key, the rows found are checked for the phrase
            rows = rows.filter(GreaterThan(StrIndex("search_text", Value(phrase)), 0))
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


@dataclass
class PivotRow:
    """One agency's line of the province's register pivot: items under protection by level,
    their total, and proposals awaiting the head's approval."""

    agency: str
    by_level: list[int]
    total: int
    proposed: int


@dataclass
class Pivot:
    """Agencies × levels, with row and column totals (counts only, never summaries)."""

    levels: list[tuple[str, str]]
    rows: list[PivotRow] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    total: int = 0
    proposed: int = 0

    def rows_html(self) -> str:
        """The body's rows, rendered here: 3,000 agencies in template loops cost seconds (as
        the plans matrix found); names are escaped by `format_html_join`."""
        return format_html_join(
            "",
            '<tr><th scope="row" class="fw-normal">{}</th><td class="text-end">{}</td>'
            '<td class="text-end">{}</td><td class="text-end">{}</td>'
            '<td class="text-end fw-semibold">{}</td><td class="text-end">{}</td></tr>',
            ((r.agency, *r.by_level, r.total, r.proposed) for r in self.rows),
        )


def overview(actor: Any) -> Pivot | None:
    """For supervisors: the items each agency keeps under protection (status Classified), by
    level, with row and column totals, and the proposals waiting for a head's approval; agencies
    in Vietnamese order. One grouped query whatever the number of agencies."""
    if not policy.can_view_register_overview(actor):
        return None
    levels = [(value, str(label)) for value, label in Level.choices]
    counts: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    proposed: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        SecretItem.objects.filter(status__in=[ItemStatus.CLASSIFIED, ItemStatus.PROPOSED])
        .values_list("agency_id", "agency__name", "level", "status")
        .annotate(total=Count("pk"))
        .order_by()
    )
    for agency_id, name, level, status, total in rows:
        if status == ItemStatus.PROPOSED:
            proposed[(agency_id, name)] += total
        else:
            counts[(agency_id, name)][level] += total
    pivot = Pivot(levels=levels, totals=[0] * len(levels))
    for agency in vietnamese_sorted(set(counts) | set(proposed), key=lambda key: key[1]):
        by_level = [counts[agency][value] for value, _label in levels]
        pivot.rows.append(PivotRow(agency[1], by_level, sum(by_level), proposed[agency]))
        pivot.totals = [a + b for a, b in zip(pivot.totals, by_level, strict=True)]
    pivot.total = sum(pivot.totals)
    pivot.proposed = sum(proposed.values())
    return pivot


def copy_requests_to_decide(actor: Any, today: date | None = None) -> QuerySet[CopyRequest]:
    """Requests to copy awaiting this actor's decision: those of the agencies they head whose
    level their copy authority covers, and — for the head of a province authority (L18 Art.
    11.1) — those no agency head may authorise at their level; always within the actor's
    clearance. The decision service checks the same rule (`may_decide_copy_request`)."""
    today = today or timezone.localdate()
    actor_scope = policy.scope(actor)
    headed = [a for a, roles in actor_scope.roles_by_agency.items() if Role.HEAD in roles]
    rows = CopyRequest.objects.filter(
        state=CopyRequest.State.REQUESTED, item__level__in=policy.readable_levels(actor)
    )
    if not headed:
        return rows.none()
    pairs = [(kind, level) for kind in AgencyType.values for level in levels.LEVELS]
    own = [p for p in pairs if rules.copy_decider(*p, on=today) == rules.HEAD]
    condition = Q(item__agency_id__in=headed) & _any_pair(own)
    if policy.headed_agency_types(actor) & rules.PROVINCE_COPY_AUTHORITY:
        province = [p for p in pairs if rules.copy_decider(*p, on=today) == rules.PROVINCE]
        condition |= _any_pair(province)
    return (
        rows.filter(condition)
        .select_related("item__agency", "requested_by")
        .order_by("requested_at", "pk")
    )


def _any_pair(pairs: list[tuple[str, str]]) -> Q:
    """Items of an agency type and level among `pairs` (never true for no pair)."""
    by_level: dict[str, list[str]] = defaultdict(list)
    for kind, level in pairs:
        by_level[level].append(kind)
    if not by_level:
        return Q(pk__in=[])
    return reduce(
        operator.or_,
        (Q(item__level=level, item__agency__type__in=kinds) for level, kinds in by_level.items()),
    )


def approvals(actor: Any) -> dict[str, Any]:
    """Requests to copy and to carry out and meetings awaiting the actor's decision, with what a
    decider needs (number, level, agency, requester) and never the summary."""
    carry_outs = policy.carry_outs_to_decide(
        actor, CarryOut.objects.select_related("copy__item__agency", "requested_by", "endorsed_by")
    ).order_by("created_at", "pk")
    meetings = policy.meetings_to_decide(
        actor, Meeting.objects.select_related("item__agency", "organiser")
    ).order_by("starts_on", "pk")
    return {
        "carry_outs": list(carry_outs[:200]),
        "meetings": list(meetings[:200]),
        "copy_requests": list(copy_requests_to_decide(actor)[:200]),
    }


# --- secret catalogues ---------------------------------------------------------------------------
# Catalogues are the Prime Minister's published decisions, the same for the whole province: every
# signed-in person reads them (a drafter picks an entry to propose a level). The items classified
# under an entry are read through `items`, so each person sees only their own.


def catalogues() -> QuerySet[Catalogue]:
    return (
        Catalogue.objects.select_related("replaces")
        .annotate(entry_count=Count("items"))
        .order_by("sector", "-issued_on", "-pk")
    )


def catalogues_to_replace() -> QuerySet[Catalogue]:
    """The catalogues no later version replaces yet."""
    return Catalogue.objects.filter(replaced_by__isnull=True).order_by("sector", "-issued_on")


def in_force(day: date, prefix: str = "") -> Q:
    """`rules.in_catalogue` as a filter on catalogue entries (or on rows reaching one through
    `prefix`, e.g. "catalogue_item__")."""
    return Q(**{f"{prefix}is_active": True}) & (
        (
            Q(**{f"{prefix}catalogue__valid_from__isnull": True})
            | Q(**{f"{prefix}catalogue__valid_from__lte": day})
        )
        & (
            Q(**{f"{prefix}catalogue__valid_to__isnull": True})
            | Q(**{f"{prefix}catalogue__valid_to__gte": day})
        )
        & (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}))
        & (Q(**{f"{prefix}removed_on__isnull": True}) | Q(**{f"{prefix}removed_on__gt": day}))
    )


def catalogue_entries_in_force(day: date | None = None) -> QuerySet[CatalogueItem]:
    """The entries information may be classified under on `day` (L25 Art. 5.1)."""
    day = day or timezone.localdate()
    return CatalogueItem.objects.filter(in_force(day)).select_related("catalogue")


def _above_entry_level() -> Q:
    """Items whose level is above their catalogue entry's (rules.above_catalogue)."""
    conditions = [
        Q(level=level, catalogue_item__level__in=lower)
        for level in levels.LEVELS
        if (lower := [other for other in levels.LEVELS if rules.above_catalogue(level, other)])
    ]
    return reduce(operator.or_, conditions)


def items_above_catalogue(actor: Any) -> QuerySet[SecretItem]:
    """Items to review after a catalogue change: classified items the actor may read whose
    level is now above their catalogue entry's (L18 Art. 10.1, 21.2), for their classifier to
    lower or declassify; each leaves the list once it is at or below the entry's level."""
    return (
        items(actor, status=ItemStatus.CLASSIFIED)
        .filter(_above_entry_level())
        .select_related("catalogue_item__catalogue")
    )


def catalogue_entry_items(actor: Any, entry: CatalogueItem) -> QuerySet[SecretItem]:
    """The items classified under `entry` that the actor may read."""
    return items(actor).filter(catalogue_item=entry)


def catalogue_entry_counts(actor: Any, entry: CatalogueItem) -> list[dict[str, Any]]:
    """For the people who record catalogue changes: how many items each agency has under the
    entry, by status — numbers only, as the register overview gives supervisors."""
    if not (policy.can_manage_catalogues(actor) or policy.can_view_register_overview(actor)):
        return []
    rows = (
        SecretItem.objects.filter(catalogue_item=entry)
        .values("agency__name", "status")
        .annotate(total=Count("pk"))
        .order_by("status")
    )
    found = [{**row, "status_label": ItemStatus(row["status"]).label} for row in rows]
    return vietnamese_sorted(found, key=lambda row: row["agency__name"])


def item_above_catalogue(item: SecretItem) -> bool:
    """Whether a classified item is above its catalogue entry's level now (to review)."""
    entry = item.catalogue_item
    return (
        item.status == ItemStatus.CLASSIFIED
        and entry is not None
        and rules.above_catalogue(item.level, entry.level)
    )


def declassification_history(item: SecretItem) -> dict[str, Any]:
    """How the item stopped being secret, in whole or in part (L18 Art. 22): its own records —
    reason, full or partial with the parts, decision, council — and, for a holder's copy, the
    classifier's notices that parts were declassified."""
    return {
        "declassifications": list(item.declassifications.select_related("decided_by")),
        "partial_notices": list(item.notices.filter(kind=HolderNotice.Kind.PARTIAL)),
    }


# --- recall ("Tài liệu thu hồi", ND26 Art. 4.4) -------------------------------------------------


def _return_state(line: RecallReturn, today: date) -> str:
    if line.returned_on is not None:
        return "returned"
    return "overdue" if line.recall.return_by < today else "pending"


def item_recalls(actor: Any, item: SecretItem, today: date | None = None) -> list[Recall]:
    """The recalls of an item the actor may read, newest first, each with its return lines
    (`lines`, each with `state`: returned, pending or overdue) and its count still out."""
    today = today or timezone.localdate()
    rows = policy.restrict_item_children(actor, Recall.objects.filter(item=item))
    found = list(rows.select_related("decided_by").order_by("-decided_on", "-pk"))
    lines = RecallReturn.objects.filter(recall__in=found).select_related("checked_by", "to_agency")
    by_recall: dict[int, list[RecallReturn]] = {r.pk: [] for r in found}
    for line in lines.order_by("pk"):
        by_recall[line.recall_id].append(line)
    for recall in found:
        recall.lines = by_recall[recall.pk]
        for line in recall.lines:
            line.recall = recall
            line.state = _return_state(line, today)
        recall.outstanding = sum(1 for x in recall.lines if x.returned_on is None)
    return found


def recall_line(actor: Any, item: SecretItem, pk: int) -> RecallReturn | None:
    """One return line of the item's recalls, if the actor may read the item."""
    rows = RecallReturn.objects.filter(recall__item=item, pk=pk).select_related("recall")
    return policy.restrict_item_children(actor, rows, "recall__item").first()


def recalls_owed(actor: Any, item: SecretItem, today: date | None = None) -> list[RecallReturn]:
    """On a holder's copy: the returns its sender asks for, with their `state`."""
    today = today or timezone.localdate()
    rows = policy.restrict_item_children(
        actor, RecallReturn.objects.filter(received_item=item), "received_item"
    )
    found = list(rows.select_related("recall__item__agency").order_by("-recall__decided_on", "-pk"))
    for line in found:
        line.state = _return_state(line, today)
    return found


def open_recalls(actor: Any) -> QuerySet[Recall]:
    """Open recalls of items the actor may read, the earliest return date first, with how many
    recipients have still to return them."""
    rows = policy.restrict_item_children(actor, Recall.objects.filter(closed_on__isnull=True))
    return (
        rows.select_related("item__agency")
        .annotate(outstanding=Count("returns", filter=Q(returns__returned_on__isnull=True)))
        .order_by("return_by", "pk")
    )


def returns_owed(actor: Any) -> QuerySet[RecallReturn]:
    """Returns still owed by the holders' copies the actor may read (their sender recalled them)."""
    rows = policy.restrict_item_children(
        actor, RecallReturn.objects.filter(returned_on__isnull=True), "received_item"
    )
    return rows.select_related("recall__item__agency", "received_item").order_by(
        "recall__return_by", "pk"
    )


def recalls_overdue(agency_ids: set[int], today: date) -> list[RecallReturn]:
    """For the inspection checklist (ND26 Art. 4.4; TT07 Art. 6.5): returns not back by the date
    written on the document, where one of these agencies recalled the item (and must chase it)
    or owes the return (its copy in the installation, or its name on the recipient line). Tell
    the two apart by `recall.item.agency_id`. Not restricted by an actor: the inspection that
    calls it decides who sees it, and shows the item's number and level, never its summary."""
    owes = Q(to_agency_id__in=agency_ids) | Q(received_item__agency_id__in=agency_ids)
    return list(
        RecallReturn.objects.filter(
            Q(recall__item__agency_id__in=agency_ids) | owes,
            returned_on__isnull=True,
            recall__closed_on__isnull=True,
            recall__return_by__lt=today,
        )
        .select_related("recall__item__agency", "to_agency", "received_item")
        .order_by("recall__return_by", "pk")
    )


def remarking_overdue(agency_ids: set[int], today: date) -> list[HolderNotice]:
    """For the inspection checklist (L18 Art. 20.4, 21.5, 22.6; L25 Art. 21.5): notices to these
    agencies' copies not yet acted on although their 15-day re-marking date has passed (late from
    the day after it, as `record_remarking` counts it). Not restricted by an actor, like
    `recalls_overdue`: the inspection decides who sees it."""
    return list(
        HolderNotice.objects.filter(
            item__agency_id__in=agency_ids, remarked_on__isnull=True, remark_by__lt=today
        )
        .select_related("item__agency")
        .order_by("remark_by", "pk")
    )


# --- what waits for a person (the homes) ---------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """One kind of registry work waiting for a person: what, how many, where to do it."""

    key: str
    label: str
    count: int
    url: str


def work_waiting(actor: Any, today: date | None = None) -> list[Waiting]:
    """The registry's work waiting for this person, for their home, the kinds with nothing
    waiting left out. For a head (and a province authority): requests to copy, to carry out and
    meetings to decide, and proposed levels to approve; for a security officer: copies
    authorised and not yet made, provisions to hand over, documents to sign for, protection
    ending within 90 days; for anyone: their own proposals still awaiting the head. At most a
    dozen counting queries, whatever the size of the registers."""
    from django.db.models import F
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from bmnn.registry.models import CopyAuthorisation

    today = today or timezone.localdate()
    actor_scope = policy.scope(actor)
    if not actor_scope.authenticated:
        return []
    headed = [a for a, roles in actor_scope.roles_by_agency.items() if Role.HEAD in roles]
    kept = policy.managed_agencies(actor_scope)
    levels = policy.readable_levels(actor)
    approvals_url = reverse("registry:approvals")
    list_url = reverse("registry:item_list")
    found: list[Waiting] = []

    def add(key: str, label: str, rows: QuerySet[Any], url: str) -> None:
        found.append(Waiting(key, label, rows.count(), url))

    if headed:
        add(
            "copy_requests",
            _("Requests to copy to decide"),
            copy_requests_to_decide(actor, today),
            approvals_url,
        )
        add(
            "carry_outs",
            _("Requests to carry a secret out to decide"),
            policy.carry_outs_to_decide(actor, CarryOut.objects.all()),
            approvals_url,
        )
        add(
            "meetings",
            _("Meetings with secret content to consent to"),
            policy.meetings_to_decide(actor, Meeting.objects.all()),
            approvals_url,
        )
        proposed = SecretItem.objects.filter(
            status=ItemStatus.PROPOSED, agency_id__in=headed, level__in=levels
        )
        add("proposals", _("Proposed levels to approve"), proposed, list_url + "?status=proposed")
    if kept:
        to_make = CopyAuthorisation.objects.filter(
            item__agency_id__in=kept,
            used__lt=F("count"),
            item__status=ItemStatus.CLASSIFIED,
            item__level__in=levels,
        )
        add("copies_to_record", _("Authorised copies to make and record"), to_make, list_url)
        to_hand = Transfer.objects.filter(
            from_agency_id__in=kept, state=Transfer.State.DECIDED, copy__item__level__in=levels
        )
        add("to_hand_over", _("Copies to hand over to another agency"), to_hand, list_url)
        add(
            "to_receive",
            _("Documents provided to your agency to sign for"),
            pending_transfers(actor),
            reverse("registry:transfers"),
        )
        add(
            "expiring",
            _("Protection ending within 90 days"),
            expiring(actor, within_days=90, today=today),
            reverse("registry:expiring"),
        )
    mine = SecretItem.objects.filter(author=actor, status=ItemStatus.PROPOSED)
    add(
        "my_proposals",
        _("Your proposals awaiting the head's approval"),
        mine,
        list_url + "?status=proposed",
    )
    return [w for w in found if w.count]

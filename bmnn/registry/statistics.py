"""Statistics of state secrets for a period (TT24 Form 18; L18 Art. 12.1 asks for containers
received and issued in time order and by level; TT104/TT07 Art. 5 yearly).

The official column order of Form 18 was not retrieved (SOURCES.md §5.3): the rows below carry
the content the law requires plus what the annual report needs, by level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from bmnn.registry.models import (
    Book,
    Copy,
    CopyKind,
    ItemStatus,
    LevelChange,
    Origin,
    RegisterEntry,
    SecretItem,
)
from bmnn.registry.rules import LEVELS

ROWS = [
    ("received", "Tài liệu, vật chứa BMNN đến"),
    ("issued", "Tài liệu, vật chứa BMNN đi"),
    ("copies", "Bản sao, chụp đã thực hiện"),
    ("provided", "Lượt cung cấp, chuyển giao"),
    ("declassified", "Đã giải mật"),
    ("destroyed", "Đã tiêu hủy"),
    ("held", "Đang quản lý cuối kỳ"),
]


@dataclass
class Statistics:
    since: date
    until: date
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # row -> level -> n

    def table(self) -> list[list[Any]]:
        """[label, Tuyệt mật, Tối mật, Mật, total] per row."""
        out = []
        for key, label in ROWS:
            values = [self.counts.get(key, {}).get(level, 0) for level in LEVELS]
            out.append([label, *values, sum(values)])
        return out


def counts(
    agency_ids: Iterable[int], since: date, until: date
) -> dict[int, dict[str, dict[str, int]]]:
    """Register movements in [since, until] by agency, row and level, in a fixed number of
    queries whatever the number of agencies (the annual report fills every agency's figures
    from here). Rows: created (level approved here), received, issued, provided (register
    lines), copies (copies and photographs made), declassified (items), destroyed (copies).
    Each movement counts under the level the item had on the day it happened (`level_on`), so
    a later level change does not move a past period's figures."""
    ids = list(agency_ids)
    out: dict[int, dict[str, dict[str, int]]] = {pk: defaultdict(dict) for pk in ids}

    def put(row: str, rows: Any, agency: str) -> None:
        for values in rows.values(agency, "level_then").annotate(n=Count("pk")):
            if values[agency] in out:
                out[values[agency]][row][values["level_then"]] = values["n"]

    window = (since, until)
    entries = RegisterEntry.objects.filter(agency_id__in=ids, entered_on__range=window).annotate(
        level_then=level_on(OuterRef("entered_on"), "item")
    )
    for row, kind in (
        ("received", Book.INCOMING),
        ("issued", Book.OUTGOING),
        ("provided", Book.HANDOVER),
    ):
        put(row, entries.filter(kind=kind), "agency_id")
    items = SecretItem.objects.filter(agency_id__in=ids)
    created = items.filter(
        origin=Origin.CREATED,
        determined_on__range=window,
        status__in=[ItemStatus.CLASSIFIED, ItemStatus.DECLASSIFIED, ItemStatus.DESTROYED],
    )
    put("created", created.annotate(level_then=level_on(OuterRef("determined_on"))), "agency_id")
    declassified = items.filter(declassified_at__range=window)
    put(
        "declassified",
        declassified.annotate(level_then=level_on(OuterRef("declassified_at"))),
        "agency_id",
    )
    copies = Copy.objects.filter(item__agency_id__in=ids)
    made = copies.filter(made_on__range=window).exclude(kind=CopyKind.ORIGINAL)
    put(
        "copies", made.annotate(level_then=level_on(OuterRef("made_on"), "item")), "item__agency_id"
    )
    destroyed = copies.filter(destroyed_on__range=window)
    put(
        "destroyed",
        destroyed.annotate(level_then=level_on(OuterRef("destroyed_on"), "item")),
        "item__agency_id",
    )
    return out


def level_on(day: Any, item: str = "") -> Any:
    """The level an item had on a day, as a database expression: the `from_level` of the first
    level change decided after that day, or the item's present level when none was (L18/L25
    Art. 21 changes are recorded as `LevelChange` rows). `item` names the foreign key from the
    queried model to the item ("" for items themselves); `day` is a date or an `OuterRef` to a
    date of the queried row."""
    later = LevelChange.objects.filter(
        item_id=OuterRef(f"{item}_id" if item else "pk"), decided_on__gt=day
    ).order_by("decided_on", "pk")
    return Coalesce(
        Subquery(later.values("from_level")[:1]), F(f"{item}__level" if item else "level")
    )


def held_on(agency_ids: Iterable[int], day: date) -> dict[int, dict[str, int]]:
    """Items each agency held at the end of `day`, by the level they had that day: in its hands
    since (`held_since`) on or before the day, and neither declassified nor destroyed on or
    before it. Later events — a declassification, a destruction, a level change, a new item —
    leave a past day's figure as it was (LAW.md Reporting; L18 Art. 12.1)."""
    ids = list(agency_ids)
    rows = (
        SecretItem.objects.filter(agency_id__in=ids, held_since__lte=day)
        .exclude(status__in=[ItemStatus.PROPOSED, ItemStatus.REJECTED])
        .exclude(declassified_at__lte=day)
        .exclude(destroyed_on__lte=day)
        .annotate(level_then=level_on(day))
        .values("agency_id", "level_then")
        .annotate(n=Count("pk"))
    )
    out: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for row in rows:
        out[row["agency_id"]][row["level_then"]] = row["n"]
    return out


def statistics(agency_id: int, since: date, until: date) -> Statistics:
    """Counts for one agency's registers in [since, until], by level, in a fixed number of
    queries; "held at the end of the period" is as of `until` (`held_on`), so a past period's
    report stays what it was."""
    result = Statistics(since, until)
    result.counts.update(counts([agency_id], since, until)[agency_id])
    result.counts["held"] = held_on([agency_id], until)[agency_id]
    return result

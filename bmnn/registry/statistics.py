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

from django.db.models import Count

from bmnn.registry.models import Book, Copy, CopyKind, ItemStatus, Origin, RegisterEntry, SecretItem
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
    lines), copies (copies and photographs made), declassified (items), destroyed (copies)."""
    ids = list(agency_ids)
    out: dict[int, dict[str, dict[str, int]]] = {pk: defaultdict(dict) for pk in ids}

    def put(row: str, rows: Any, agency: str, level: str) -> None:
        for values in rows:
            if values[agency] in out:
                out[values[agency]][row][values[level]] = values["n"]

    window = (since, until)
    entries = RegisterEntry.objects.filter(agency_id__in=ids, entered_on__range=window)
    for row, kind in (
        ("received", Book.INCOMING),
        ("issued", Book.OUTGOING),
        ("provided", Book.HANDOVER),
    ):
        put(row, entries.filter(kind=kind).values("agency_id", "item__level").annotate(n=Count("pk")),
            "agency_id", "item__level")  # fmt: skip
    items = SecretItem.objects.filter(agency_id__in=ids)
    created = items.filter(origin=Origin.CREATED, determined_on__range=window,
                           status__in=[ItemStatus.CLASSIFIED, ItemStatus.DECLASSIFIED, ItemStatus.DESTROYED])  # fmt: skip
    put(
        "created",
        created.values("agency_id", "level").annotate(n=Count("pk")),
        "agency_id",
        "level",
    )
    declassified = items.filter(declassified_at__range=window)
    put(
        "declassified",
        declassified.values("agency_id", "level").annotate(n=Count("pk")),
        "agency_id",
        "level",
    )
    copies = Copy.objects.filter(item__agency_id__in=ids)
    made = copies.filter(made_on__range=window).exclude(kind=CopyKind.ORIGINAL)
    put("copies", made.values("item__agency_id", "item__level").annotate(n=Count("pk")),
        "item__agency_id", "item__level")  # fmt: skip
    destroyed = copies.filter(destroyed_on__range=window)
    put("destroyed", destroyed.values("item__agency_id", "item__level").annotate(n=Count("pk")),
        "item__agency_id", "item__level")  # fmt: skip
    return out


def statistics(agency_id: int, since: date, until: date) -> Statistics:
    """Counts for one agency's registers in [since, until], by level, in a fixed number of queries."""
    result = Statistics(since, until)
    result.counts.update(counts([agency_id], since, until)[agency_id])
    result.counts["held"] = {
        row["level"]: row["n"]
        for row in SecretItem.objects.filter(
            agency_id=agency_id, status="classified", created_at__date__lte=until
        )
        .values("level")
        .annotate(n=Count("pk"))
    }
    return result

"""Statistics of state secrets for a period (TT24 Form 18; L18 Art. 12.1 asks for containers
received and issued in time order and by level; TT104/TT07 Art. 5 yearly).

The official column order of Form 18 was not retrieved (SOURCES.md §5.3): the rows below carry
the content the law requires plus what the annual report needs, by level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, Q

from bmnn.core.models import AuditEvent
from bmnn.registry.models import Book, CopyKind, RegisterEntry, SecretItem
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


def _by_level(rows: Any) -> dict[str, int]:
    return {row["level"]: row["n"] for row in rows}


def statistics(agency_id: int, since: date, until: date) -> Statistics:
    """Counts for one agency's registers in [since, until], by level, in a fixed number of queries."""
    result = Statistics(since, until)
    entries = RegisterEntry.objects.filter(
        agency_id=agency_id, entered_on__gte=since, entered_on__lte=until
    )
    for key, kind in (
        ("received", Book.INCOMING),
        ("issued", Book.OUTGOING),
        ("provided", Book.HANDOVER),
    ):
        result.counts[key] = _by_level(
            entries.filter(kind=kind).values(level=F("item__level")).annotate(n=Count("pk"))
        )
    items = SecretItem.objects.filter(agency_id=agency_id)
    result.counts["copies"] = _by_level(
        items.filter(copies__kind=CopyKind.COPY, entries__kind=Book.COPIES,
                     entries__entered_on__gte=since, entries__entered_on__lte=until)
        .values("level").annotate(n=Count("copies", distinct=True))
    )  # fmt: skip
    result.counts["declassified"] = _by_level(
        items.filter(declassified_at__gte=since, declassified_at__lte=until)
        .values("level")
        .annotate(n=Count("pk"))
    )
    destroyed_ids = AuditEvent.objects.filter(
        action="secret.destroy", agency_id=agency_id, at__date__gte=since, at__date__lte=until
    ).values_list("object_id", flat=True)
    result.counts["destroyed"] = _by_level(
        items.filter(pk__in=[int(i) for i in destroyed_ids]).values("level").annotate(n=Count("pk"))
    )
    result.counts["held"] = _by_level(
        items.filter(Q(status="classified"), Q(created_at__date__lte=until))
        .values("level")
        .annotate(n=Count("pk"))
    )
    return result

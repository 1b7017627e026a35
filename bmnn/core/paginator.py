"""A paginator for very long lists: it counts at most a few thousand rows.

A register of a million lines makes COUNT(*) the slowest part of a page. Nobody pages past
the first hundreds of pages, so the count stops at a cap and the page says "more than N".
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        return len(rows.order_by()[: self.cap + 1].values_list("pk", flat=True))

    @property
    def capped(self) -> bool:
        return self.count > self.cap

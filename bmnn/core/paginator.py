"""A paginator for very long lists: it counts at most a few thousand rows.

A register of a million lines makes COUNT(*) the slowest part of a page. Nobody pages past
the first hundreds of pages, so the count stops at a cap and the page says "more than N".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.paginator import Page, Paginator
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


class CappedIdPaginator(CappedPaginator):
    """Counts and pages from one query: the ids of the first `cap + 1` rows in the list's order.

    CappedPaginator runs the list's conditions twice, once to count and once for the page. Where
    the conditions are the expensive part (a trigram search over a million register lines reads
    thousands of index pages each time) that doubles the page's time. Here the ordered ids are
    read once; the page's rows are then fetched by id through `fetch`, which should apply the
    access rule again but not the search (so the database looks the rows up by primary key).
    """

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        fetch: Callable[[list[Any]], Iterable[Any]],
        orphans: int = 0,
    ) -> None:
        super().__init__(object_list, per_page, orphans=orphans)
        self.fetch = fetch

    @cached_property
    def ids(self) -> list[Any]:
        rows: Any = self.object_list
        return list(rows.values_list("pk", flat=True)[: self.cap + 1])

    @cached_property
    def count(self) -> int:
        return len(self.ids)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        wanted = self.ids[bottom:top]
        found = {row.pk: row for row in self.fetch(wanted)} if wanted else {}
        # In the list's order; a row that became unreadable between the two reads drops out.
        return Page([found[pk] for pk in wanted if pk in found], number, self)

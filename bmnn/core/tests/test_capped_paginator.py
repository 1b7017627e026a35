"""CappedIdPaginator: one read of the list's ordered ids gives the count (capped) and the pages;
each page's rows are then fetched by id through a function that may refuse some of them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bmnn.core.paginator import CappedIdPaginator
from bmnn.org.models import Agency, AgencyType

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies() -> list[Agency]:
    """Seven agencies; the list is ordered by code descending, the reverse of creation."""
    Agency.objects.bulk_create(
        Agency(name=f"Sở Trang {n}", code=f"page-{n}", type=AgencyType.DEPARTMENT) for n in range(7)
    )
    return list(Agency.objects.filter(code__startswith="page-").order_by("-code"))


def _rows():
    return Agency.objects.filter(code__startswith="page-").order_by("-code")


def _by_id(ids):
    return Agency.objects.filter(pk__in=ids)  # unordered: the paginator keeps the list's order


def test_pages_follow_the_lists_order_and_the_last_page_holds_the_rest(agencies) -> None:
    paginator = CappedIdPaginator(_rows(), 3, fetch=_by_id)
    assert paginator.count == 7 and paginator.num_pages == 3
    assert list(paginator.page(1)) == agencies[:3]
    assert list(paginator.page(2)) == agencies[3:6]
    assert list(paginator.page(3)) == agencies[6:]


def test_the_count_stops_one_past_the_cap(agencies) -> None:
    paginator = CappedIdPaginator(_rows(), 2, fetch=_by_id)
    paginator.cap = 4
    assert paginator.count == 5 and paginator.capped
    paginator = CappedIdPaginator(_rows(), 2, fetch=_by_id)
    paginator.cap = 7
    assert paginator.count == 7 and not paginator.capped


def test_a_page_costs_one_query_for_the_ids_and_one_for_its_rows(agencies) -> None:
    with CaptureQueriesContext(connection) as queries:
        page = CappedIdPaginator(_rows(), 3, fetch=_by_id).get_page(2)
        assert len(page.object_list) == 3
    assert len(queries) == 2
    assert "LIMIT 10001" in queries[0]["sql"] and "ORDER BY" in queries[0]["sql"]


def test_an_empty_list_fetches_nothing(agencies) -> None:
    fetched = []
    empty = Agency.objects.filter(code="none").order_by("-code")
    page = CappedIdPaginator(empty, 3, fetch=fetched.append).get_page(1)
    assert list(page) == [] and fetched == [] and page.paginator.count == 0


def test_a_row_the_fetch_refuses_is_left_out_of_the_page(agencies) -> None:
    """The fetch re-applies the access rule: a row that is no longer readable when the page is
    read is not shown, even though its id was listed."""
    refused = agencies[1]
    page = CappedIdPaginator(
        _rows(), 3, fetch=lambda ids: Agency.objects.filter(pk__in=ids).exclude(pk=refused.pk)
    ).get_page(1)
    assert list(page) == [agencies[0], agencies[2]]

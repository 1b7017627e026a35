"""`services.locked` (PostgreSQL): a service's lock never blocks another service's foreign-key
check — the deadlock the load-and-fault bench found when locks covered joined rows FOR UPDATE."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections, transaction

from bmnn.core.services import locked
from bmnn.org.models import Agency, Membership, Person, Role

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks exist on PostgreSQL only (SQLite has none)"
)


def _insert_elsewhere(agency: Agency, person: Person) -> str:
    """Another connection adds a row naming `agency` and commits (its foreign-key check runs at
    COMMIT); 'committed', or the error when a lock made it wait longer than 2 s."""
    outcome: list[str] = []

    def run() -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                Membership.objects.create(person=person, agency=agency, role=Role.STAFF)
            outcome.append("committed")
        except Exception as exc:
            outcome.append(type(exc).__name__)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return outcome[0] if outcome else "hung"


def _while_locked(take: Callable[[], Any], make_agency: Any, make_person: Any) -> str:
    agency = make_agency("Sở khóa hàng")
    holder = make_person(agency=agency)
    other = make_person()
    held = Membership.objects.get(person=holder, agency=agency)
    with transaction.atomic():
        take_lock = take(held)
        assert take_lock is not None
        return _insert_elsewhere(agency, other)


def test_locking_a_row_does_not_lock_the_rows_it_joins(
    transactional_db: None, make_agency: Any, make_person: Any
) -> None:
    def take(held: Membership) -> Membership:
        return locked(Membership.objects.select_related("agency")).get(pk=held.pk)

    assert _while_locked(take, make_agency, make_person) == "committed"


def test_locking_a_row_lets_foreign_key_checks_on_it_through(
    transactional_db: None, make_agency: Any, make_person: Any
) -> None:
    def take(held: Membership) -> Agency:
        return locked(Agency.objects).get(pk=held.agency_id)

    assert _while_locked(take, make_agency, make_person) == "committed"


def test_a_plain_lock_of_the_joined_row_would_block_it(
    transactional_db: None, make_agency: Any, make_person: Any
) -> None:
    """What `locked` prevents: the check above can fail."""

    def take(held: Membership) -> Membership:
        return Membership.objects.select_for_update().select_related("agency").get(pk=held.pk)

    assert _while_locked(take, make_agency, make_person) != "committed"

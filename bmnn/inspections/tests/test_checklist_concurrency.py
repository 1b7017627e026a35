"""`edit_checklist` (PostgreSQL): two members of the team adding an item at the same time. The
service locks the inspection, so the second waits for the first to commit and numbers its item
after it; without the lock both counted the same items, picked the same code, and the second
save broke the unique (inspection, code) constraint — an error 500."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections, transaction

from bmnn.core.services import joining_units
from bmnn.inspections import checklist, services
from bmnn.inspections.models import Inspection
from bmnn.inspections.tests.builders import new_inspection
from bmnn.org.models import AgencyType, Role

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks exist on PostgreSQL only (SQLite has none)"
)

DEFAULT_ITEMS = sum(len(area.items) for area in checklist.AREAS)


def _inspection(make_agency: Any, make_person: Any) -> tuple[Inspection, Any, Any]:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice = make_agency("Sở Tư pháp")
    leader = make_person(police, Role.INSPECTOR, "Phạm Quốc Bảo")
    member = make_person(police, Role.INSPECTOR, "Hoàng Minh Tâm")
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    inspection = new_inspection(supervisor, [justice], leader=leader, team=[member])
    return inspection, leader, member


def _someone_waits_on_a_lock(within: float = 10.0) -> bool:
    """True once another connection to the test database waits on a lock (row or index)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def test_two_members_adding_an_item_at_once_get_the_next_codes_in_turn(
    transactional_db: None, make_agency: Any, make_person: Any
) -> None:
    inspection, leader, member = _inspection(make_agency, make_person)
    added, release = threading.Event(), threading.Event()
    outcome: dict[str, str] = {}

    def first() -> None:
        """The leader's edit, held before its commit (a request still in flight)."""
        try:
            with transaction.atomic(), joining_units():
                services.edit_checklist(
                    actor=leader,
                    inspection=inspection,
                    add=("", "Sổ đăng ký có đánh số trang?", ""),
                )
                added.set()
                release.wait(timeout=30)
            outcome["first"] = "saved"
        except Exception as exc:
            outcome["first"] = repr(exc)
        finally:
            added.set()
            connections.close_all()

    def second() -> None:
        try:
            services.edit_checklist(
                actor=member, inspection=inspection, add=("", "Tủ đựng tài liệu có khóa?", "")
            )
            outcome["second"] = "saved"
        except Exception as exc:
            outcome["second"] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert added.wait(timeout=30)
    threads[1].start()
    try:
        # the member's edit is held up by the leader's open transaction (on the inspection's
        # row with the lock; on the duplicate code's index entry without it)
        waited = _someone_waits_on_a_lock()
    finally:
        release.set()
        for thread in threads:
            thread.join(timeout=30)
    assert waited, outcome
    assert outcome == {"first": "saved", "second": "saved"}, outcome
    extra = dict(
        inspection.items.filter(area_code="extra").values_list("text", "code").order_by("position")
    )
    assert extra == {
        "Sổ đăng ký có đánh số trang?": f"extra.{DEFAULT_ITEMS + 1}",
        "Tủ đựng tài liệu có khóa?": f"extra.{DEFAULT_ITEMS + 2}",
    }

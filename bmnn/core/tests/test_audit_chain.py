"""The audit chain: every service appends a linked event; tampering is detected."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from bmnn.core import audit
from bmnn.core.models import AuditEvent
from bmnn.org import services
from bmnn.org.models import AgencyType


def _make_events(count: int = 3) -> list[AuditEvent]:
    for n in range(count):
        services.create_agency(
            actor=None, name=f"Sở Kiểm chứng {n}", code=f"verify-{n}", type=AgencyType.DEPARTMENT
        )
    return list(AuditEvent.objects.order_by("seq"))


@pytest.mark.django_db
def test_each_service_call_appends_an_event_linked_to_the_previous_one() -> None:
    events = _make_events(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == audit.GENESIS
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert events[0].action == "agency.create"
    assert events[0].changes["name"] == [None, "Sở Kiểm chứng 0"]


@pytest.mark.django_db
def test_verify_accepts_an_untouched_chain() -> None:
    _make_events(3)
    result = audit.verify_chain()
    assert result.ok
    assert result.checked == 3


@pytest.mark.django_db(transaction=True)
def test_verify_names_the_event_altered_with_raw_sql(intruder) -> None:
    events = _make_events(4)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET object_repr = %s WHERE seq = %s", ["Sở Giả mạo", 2]
        )
    result = audit.verify_chain()
    assert not result.ok
    assert result.broken is not None
    assert result.broken.seq == 2
    assert result.broken.event_id == events[1].pk
    assert "hash" in result.broken.reason


@pytest.mark.django_db(transaction=True)
def test_verify_detects_a_removed_event(intruder) -> None:
    _make_events(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 2")
    result = audit.verify_chain()
    assert result.broken is not None
    assert result.broken.seq == 2
    assert "missing" in result.broken.reason


@pytest.mark.django_db(transaction=True)
def test_audit_verify_command_exits_1_and_names_the_broken_event(intruder, capsys) -> None:
    _make_events(3)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET actor_name = 'intruder' WHERE seq = 3")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify")
    assert exit_info.value.code == 1
    assert "#3" in capsys.readouterr().err


@pytest.mark.django_db
def test_audit_verify_command_exits_0_on_an_intact_chain(capsys) -> None:
    _make_events(2)
    call_command("audit_verify")
    assert "intact: 2 events" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_update_a_stored_event() -> None:
    _make_events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="forged")
    assert AuditEvent.objects.get(seq=1).action == "agency.create"


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused() -> None:
    with pytest.raises(audit.AuditError):
        audit.record(actor=None, action="nothing")


@pytest.mark.django_db
def test_a_failed_service_leaves_neither_change_nor_event() -> None:
    _make_events(1)
    with pytest.raises(Exception):  # noqa: B017 - the duplicate code fails validation
        services.create_agency(
            actor=None, name="Trùng mã", code="verify-0", type=AgencyType.DEPARTMENT
        )
    assert AuditEvent.objects.count() == 1

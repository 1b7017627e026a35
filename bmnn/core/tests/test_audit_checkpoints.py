"""Signed checkpoints anchor the audit chain outside the database: an intruder who edits the
database freely (drops the triggers, rewrites rows, recomputes every hash) is still found."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from bmnn.core import audit, audit_checkpoints, bundles, schedule
from bmnn.core.models import AuditChainHead, AuditEvent
from bmnn.org import services
from bmnn.org.models import AgencyType, Role
from bmnn.reports import province
from bmnn.reports import services as report_services


def _make_events(count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        services.create_agency(
            actor=None, name=f"Sở Neo {n}", code=f"anchor-{n}", type=AgencyType.DEPARTMENT
        )


def _sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _recompute_from(first_seq: int) -> None:
    """What a careful intruder does after an edit: recomputes every hash from `first_seq` on and
    points the head at the new last event, so the chain is consistent again."""
    events = list(AuditEvent.objects.order_by("seq"))
    previous = audit.GENESIS
    for event in events:
        if event.seq >= first_seq:
            event.prev_hash = previous
            event.hash = audit._digest_of(event)
            _sql(
                "UPDATE core_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
                [event.prev_hash, event.hash, event.pk],
            )
        previous = event.hash
    _sql(
        "UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1",
        [events[-1].seq, events[-1].hash],
    )


def _detected() -> bool:
    """What `bmnn audit verify --checkpoints` decides, with this installation's own key."""
    own = audit_checkpoints.own_public_key()
    result, findings = audit_checkpoints.verify_against(
        audit_checkpoints.read(audit_checkpoints.directory()), {bundles.key_id(own): own}
    )
    return bool(findings) or not result.ok


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_delete_a_stored_event() -> None:
    _make_events(3)
    for seq in (3, 2, 1):
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(seq=seq).delete()
    assert AuditEvent.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_edited_event_with_recomputed_hashes_is_found(signing, intruder) -> None:
    _make_events(4)
    _checkpoint()
    _make_events(2, start=4)
    _sql("UPDATE core_auditevent SET object_repr = %s WHERE seq = 3", ["Sở Giả mạo"])
    _recompute_from(3)
    assert audit.verify_chain().ok  # the chain alone is fooled
    assert _detected()


@pytest.mark.django_db(transaction=True)
def test_a_deleted_middle_event_with_the_chain_renumbered_is_found(signing, intruder) -> None:
    _make_events(5)
    _checkpoint()
    _sql("DELETE FROM core_auditevent WHERE seq = 2")
    for seq in (3, 4, 5):
        _sql("UPDATE core_auditevent SET seq = %s WHERE seq = %s", [seq - 1, seq])
    _recompute_from(2)
    assert audit.verify_chain().ok
    assert _detected()


@pytest.mark.django_db(transaction=True)
def test_a_truncated_tail_with_the_head_rewritten_is_found(signing, intruder) -> None:
    _make_events(5)
    _checkpoint()
    _sql("DELETE FROM core_auditevent WHERE seq >= 4")
    kept = AuditEvent.objects.get(seq=3)
    _sql(
        "UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1",
        [kept.seq, kept.hash],
    )
    assert audit.verify_chain().ok
    assert _detected()


@pytest.mark.django_db(transaction=True)
def test_a_wholly_recomputed_chain_is_found(signing, intruder) -> None:
    _make_events(3)
    _checkpoint()
    _sql("UPDATE core_auditevent SET actor_name = 'someone-else' WHERE seq = 1")
    _recompute_from(1)
    assert audit.verify_chain().ok
    assert _detected()


def _checkpoint() -> audit_checkpoints.Checkpoint:
    return audit_checkpoints.write_checkpoint()


@pytest.mark.django_db
def test_a_checkpoint_is_a_signed_json_line_naming_the_chain_head(signing) -> None:
    _make_events(3)
    checkpoint = _checkpoint()
    head = AuditEvent.objects.get(seq=3)
    [line] = (audit_checkpoints.latest_file() or Path("missing")).read_text().splitlines()
    data = json.loads(line)
    assert (data["seq"], data["hash"]) == (3, head.hash)
    assert data["installation"] == "Sở Tư pháp tỉnh Bắc Lâm"
    assert data["key_id"] == bundles.key_id(signing) and data["at"] == checkpoint.at
    assert audit_checkpoints.signature_valid(checkpoint, {checkpoint.key_id: signing})
    _make_events(1, start=3)
    assert _checkpoint().seq == 4
    assert len(audit_checkpoints.read(audit_checkpoints.directory())) == 2


@pytest.mark.django_db
def test_an_altered_or_foreign_checkpoint_line_is_reported(signing) -> None:
    _make_events(2)
    _checkpoint()
    path = audit_checkpoints.latest_file()
    assert path is not None
    data = json.loads(path.read_text())
    data["seq"] = 1  # moved back to hide a later edit
    foreign_private, _public = bundles.generate_key()
    foreign = audit_checkpoints.sign(
        seq=2, hash="f" * 64, at=timezone.now(), installation="X", private_pem=foreign_private
    )
    path.write_text(json.dumps(data) + "\n" + foreign.line() + "\nnot json\n")
    result, findings = audit_checkpoints.verify_against(
        audit_checkpoints.read(audit_checkpoints.directory()), {bundles.key_id(signing): signing}
    )
    assert result.ok
    assert [f.message.split(":")[0] for f in findings] == [
        "signature does not match",
        f"signed by an unknown key {foreign.key_id}",
        "not a readable checkpoint line",
    ]


@pytest.mark.django_db(transaction=True)
def test_no_checkpoint_is_signed_over_a_rewritten_chain(signing, intruder) -> None:
    _make_events(3)
    _checkpoint()
    _sql("UPDATE core_auditevent SET object_repr = 'Sở Giả mạo' WHERE seq = 2")
    _recompute_from(2)
    with pytest.raises(audit_checkpoints.CheckpointError, match="#3 no longer matches"):
        _checkpoint()
    assert len(audit_checkpoints.read(audit_checkpoints.directory())) == 1


@pytest.mark.django_db(transaction=True)
def test_no_checkpoint_is_signed_over_an_event_altered_since_the_last_one(
    signing, intruder
) -> None:
    _make_events(3)
    _checkpoint()
    _make_events(1, start=3)
    _sql("UPDATE core_auditevent SET object_repr = 'Sở Giả mạo' WHERE seq = 4")
    with pytest.raises(audit_checkpoints.CheckpointError, match="broken at event #4"):
        _checkpoint()
    assert len(audit_checkpoints.read(audit_checkpoints.directory())) == 1


@pytest.mark.django_db(transaction=True)
def test_verify_command_checks_the_chain_against_a_directory_of_checkpoints(
    signing, intruder, capsys, tmp_path
) -> None:
    _make_events(4)
    _checkpoint()
    where = str(audit_checkpoints.directory())
    call_command("audit_verify", checkpoints=where)
    assert "all 1 checkpoints match" in capsys.readouterr().out
    _sql("DELETE FROM core_auditevent WHERE seq >= 3")
    kept = AuditEvent.objects.get(seq=2)
    _sql("UPDATE core_auditchainhead SET last_seq = 2, last_hash = %s WHERE id = 1", [kept.hash])
    call_command("audit_verify")  # the chain alone looks intact
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify", checkpoints=where)
    assert exit_info.value.code == 1
    assert "the chain ends at #2 but checkpoint" in capsys.readouterr().err
    # an auditor elsewhere, with the public key only
    settings_key = audit_checkpoints.own_public_key()
    with pytest.raises(SystemExit):
        call_command(
            "audit_verify", checkpoints=where, public_key=[bundles.public_key_text(settings_key)]
        )


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_log_and_the_triggers_stay() -> None:
    _make_events(2)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    _make_events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_the_chain_head_only_moves_forward_to_a_stored_event() -> None:
    _make_events(3)
    second = AuditEvent.objects.get(seq=2)
    for change in (
        {"last_seq": 2, "last_hash": second.hash},
        {"last_seq": 3, "last_hash": "0" * 64},
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditChainHead.objects.filter(pk=1).update(**change)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditChainHead.objects.all().delete()
    assert AuditChainHead.objects.get(pk=1).last_seq == 3


@pytest.mark.django_db
def test_the_daily_job_is_scheduled_late_and_writes_a_checkpoint(signing) -> None:
    _make_events(2)
    job = next(job for job in schedule.SCHEDULE if job.name == "audit-checkpoint")
    assert job.task == "bmnn.core.tasks.audit_checkpoint"
    late = timezone.make_aware(datetime.combine(date(2026, 12, 3), job.at)) + timedelta(minutes=1)
    assert "audit-checkpoint" in schedule.enqueue_due(late)
    [checkpoint] = audit_checkpoints.read(audit_checkpoints.directory())
    assert isinstance(checkpoint, audit_checkpoints.Checkpoint) and checkpoint.seq == 2


@pytest.mark.django_db
def test_a_report_bundle_sent_upward_carries_the_latest_checkpoint_file(
    signing, make_agency, make_person
) -> None:
    supervisor = make_person(make_agency(type=AgencyType.PROVINCIAL_POLICE), Role.SUPERVISOR)
    period = report_services.create_period(actor=supervisor, kind="annual", year=2026)
    _checkpoint()
    report = province.build(actor=supervisor, period=period)
    _checkpoint()
    path = audit_checkpoints.latest_file()
    assert path is not None
    opened = bundles.read(
        province.bundle(report),
        trusted={bundles.key_id(signing): signing},
        kind=province.BUNDLE_KIND,
    )
    carried = opened.files[f"audit-checkpoints/{path.name}"]
    assert carried == path.read_bytes() and len(carried.splitlines()) == 2

"""The `bmnn` commands that run the system: worker, setup, and the audit fields they record."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from bmnn.core.models import AuditEvent
from bmnn.org.models import Agency, AgencyType, Person, Role

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # the worker checks its connection's autocommit
def test_worker_drains_the_queue_and_exits_in_batch_mode(settings, tmp_path) -> None:
    from django_tasks_db.models import DBTaskResult

    from bmnn.core import audit_checkpoints, bundles
    from bmnn.core.tasks import audit_checkpoint
    from bmnn.org import services

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    private, _public = bundles.generate_key()
    (tmp_path / "key.pem").write_bytes(private)
    settings.BMNN_SIGNING_KEY_FILE = str(tmp_path / "key.pem")
    for n in range(2):
        services.create_agency(
            actor=None, name=f"Sở Hàng đợi {n}", code=f"queue-{n}", type=AgencyType.DEPARTMENT
        )
    head = AuditEvent.objects.order_by("-seq").first()
    assert head is not None
    for _ in range(3):
        audit_checkpoint.enqueue()
    assert DBTaskResult.objects.ready().count() == 3
    # batch mode returns once the queue is empty (a worker that kept waiting would hang here)
    call_command("worker", batch=True, no_schedule=True)
    assert not DBTaskResult.objects.ready().exists()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"] * 3
    written = audit_checkpoints.read(audit_checkpoints.directory())
    assert [(c.seq, c.hash) for c in written if not isinstance(c, str)] == [
        (head.seq, head.hash)
    ] * 3


def test_setup_loads_the_demo_only_into_an_empty_database(make_agency) -> None:
    make_agency("Sở Tư pháp thật", code="real-stp")
    call_command("setup")
    assert not Agency.objects.filter(code__startswith="demo-").exists()


def test_passwords_are_hashed_with_argon2(make_person) -> None:
    person = make_person()
    assert Person.objects.get(pk=person.pk).password.startswith("argon2")


def test_a_change_through_a_page_records_actor_agency_and_client_address(
    make_agency, make_person, client_for
) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR)
    client = client_for(supervisor)
    response = client.post(
        reverse("org:agency_edit", args=[police.pk]),
        {
            "name": "Công an tỉnh",
            "short_name": "CAT",
            "code": police.code,
            "type": police.type,
            "parent": "",
            "address": "Số 1 đường Trần Hưng Đạo",
            "phone": "",
            "is_active": "on",
        },
        REMOTE_ADDR="10.20.30.40",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="agency.update")
    assert event.actor_id == supervisor.pk
    assert event.agency_id == police.pk
    assert event.client_address == "10.20.30.40"
    assert event.changes == {
        "address": ["", "Số 1 đường Trần Hưng Đạo"],
        "short_name": ["", "CAT"],
    }


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_scheduled_reminder_job_from_the_database_queue(settings) -> None:
    from datetime import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from bmnn.core import schedule

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    started = schedule.enqueue_due(timezone.make_aware(datetime(2026, 6, 23, 8, 0)))
    jobs = "plan-reminders registry-expiry registry-recalls portal-scans report-reminders backup"
    assert started == jobs.split()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"READY"}
    call_command("worker", batch=True, no_schedule=True)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_command_on_a_database_not_set_up_says_what_to_run(tmp_path) -> None:
    """`bmnn plan import FILE` in a fresh clone before `./dev run`: one line, no traceback."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("KẾ HOẠCH\nBảo vệ bí mật nhà nước năm 2026\n", encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BMNN_", "DATABASE_URL", "DJANGO_"))
    }
    env["BMNN_VAR_DIR"] = str(tmp_path / "var")
    done = subprocess.run(
        [sys.executable, "-m", "bmnn.cli", "plan", "import", str(plan)],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "bmnn setup" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1

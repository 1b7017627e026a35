"""Uploaded documents other than the secret files are encrypted at rest too (security review,
issue 13): plan sources, progress evidence and regulation files. On disk no byte of the content
shows; the download, after the usual permission check, returns what was uploaded; key rotation
and the data migration for files written before cover them."""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from bmnn.core import crypto
from bmnn.inspections import services as inspections
from bmnn.org.models import AgencyType, Role
from bmnn.plans import services as plans
from bmnn.plans.models import Assignment, Evidence, Status

pytestmark = pytest.mark.django_db

MARKER = b"BMNN-PLAINTEXT-MARKER-7f3a"
PDF = b"%PDF-1.4\n" + MARKER + b"\n%%EOF\n"


@pytest.fixture(autouse=True)
def keys(monkeypatch):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("BMNN_FILE_KEYS", key)
    crypto.reset_keys()
    yield key
    crypto.reset_keys()


@pytest.fixture
def province(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice = make_agency("Sở Tư pháp")
    return {
        "justice": justice,
        "supervisor": make_person(police, Role.SUPERVISOR),
        "justice_head": make_person(justice, Role.HEAD),
        "justice_officer": make_person(justice, Role.SECURITY_OFFICER),
    }


def _on_disk(field) -> bytes:
    return Path(field.path).read_bytes()


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _plan_with_source(p):
    return plans.create_plan(
        actor=p["supervisor"],
        header={"title": "Kế hoạch thử", "number": "1/KH-UBND"},
        tasks=[
            plans.TaskDraft(
                ref="II.1",
                content="Tổ chức tập huấn",
                leads=[plans.PartyDraft("Sở Tư pháp", p["justice"].pk)],
                timing_kind="quarter",
                due_date=date(2026, 6, 30),
            )
        ],
        source_name="ke-hoach.pdf",
        source_data=PDF,
    )


def _evidence(p) -> Evidence:
    plan = _plan_with_source(p)
    plans.issue_plan(actor=p["supervisor"], plan=plan)
    update = plans.post_progress(
        actor=p["justice_officer"],
        assignment=Assignment.objects.get(agency=p["justice"]),
        status=Status.DONE,
        note="Đã tập huấn.",
        files=[("bien-ban.pdf", PDF)],
    )
    return Evidence.objects.get(update=update)


def test_a_plan_source_is_encrypted_on_disk_and_downloads_as_uploaded(province, client_for):
    plan = _plan_with_source(province)
    assert MARKER not in _on_disk(plan.source_file)
    response = client_for(province["supervisor"]).get(reverse("plans:plan_source", args=[plan.pk]))
    assert response.status_code == 200 and _body(response) == PDF
    assert int(response["Content-Length"]) == len(PDF)


def test_progress_evidence_is_encrypted_on_disk_and_downloads_as_uploaded(province, client_for):
    evidence = _evidence(province)
    assert MARKER not in _on_disk(evidence.file)
    response = client_for(province["supervisor"]).get(reverse("plans:evidence", args=[evidence.pk]))
    assert response.status_code == 200 and _body(response) == PDF


def test_a_regulation_file_is_encrypted_on_disk_and_downloads_as_uploaded(province, client_for):
    justice = province["justice"]
    regulation = inspections.set_regulation(
        actor=province["justice_officer"],
        agency=justice,
        status="issued",
        document_number="QĐ 12/QĐ-STP",
        issued_on=date(2026, 5, 20),
        file=("quy-che.pdf", PDF),
    )
    assert MARKER not in _on_disk(regulation.file)
    response = client_for(province["justice_officer"]).get(
        reverse("inspections:regulation_file", args=[justice.pk])
    )
    assert response.status_code == 200 and _body(response) == PDF


def test_rotation_re_encrypts_uploaded_files_so_the_old_key_can_go(
    province, client_for, keys, monkeypatch
) -> None:
    evidence = _evidence(province)
    plan = evidence.update.assignment.task.plan
    before = _on_disk(evidence.file), _on_disk(plan.source_file)
    new = Fernet.generate_key().decode()
    monkeypatch.setenv("BMNN_FILE_KEYS", f"{new},{keys}")
    crypto.reset_keys()
    call_command("registry_rotate_keys")
    monkeypatch.setenv("BMNN_FILE_KEYS", new)  # the old key is gone
    crypto.reset_keys()
    assert (_on_disk(evidence.file), _on_disk(plan.source_file)) != before
    client = client_for(province["supervisor"])
    assert _body(client.get(reverse("plans:evidence", args=[evidence.pk]))) == PDF
    assert _body(client.get(reverse("plans:plan_source", args=[plan.pk]))) == PDF


def test_the_data_migration_encrypts_files_written_before_and_can_be_reversed(province):
    evidence = _evidence(province)
    path = Path(evidence.file.path)
    path.write_bytes(PDF)  # as a file stored before this change
    migration = importlib.import_module("bmnn.plans.migrations.0002_encrypt_uploaded_files")
    step = next(op for op in migration.Migration.operations if hasattr(op, "code"))
    encrypt, decrypt = step.code, step.reverse_code
    encrypt(apps, None)
    assert MARKER not in path.read_bytes()
    once = path.read_bytes()
    encrypt(apps, None)  # running again leaves encrypted files alone
    assert path.read_bytes() == once
    assert Evidence.objects.get(pk=evidence.pk).file.open("rb").read() == PDF
    decrypt(apps, None)
    assert path.read_bytes() == PDF

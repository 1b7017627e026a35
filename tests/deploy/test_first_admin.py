"""deploy/first_admin.py: the first administrator of a production installation, made once."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from bmnn.core.models import AuditEvent
from bmnn.org.models import Agency, AgencyType, Membership, Person, Role

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "first_admin.py"


@pytest.fixture
def login_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "first-admin.txt"
    monkeypatch.setenv("BMNN_FIRST_ADMIN_FILE", str(path))
    return path


@pytest.mark.django_db
def test_an_empty_installation_gets_the_police_agency_and_an_administrator(
    login_file: Path,
) -> None:
    runpy.run_path(str(SCRIPT))
    police = Agency.objects.get(type=AgencyType.PROVINCIAL_POLICE)
    admin = Person.objects.get(username="quantri")
    assert Membership.objects.filter(person=admin, agency=police, role=Role.ADMINISTRATOR).exists()
    password = re.search(r"password  (\S+)", login_file.read_text()).group(1)
    assert admin.check_password(password)
    assert login_file.stat().st_mode & 0o777 == 0o600
    # made through the services: audited like any other change
    assert AuditEvent.objects.filter(action="person.create").count() == 1
    assert AuditEvent.objects.filter(action="agency.create").count() == 1


@pytest.mark.django_db
def test_a_second_run_changes_nothing(login_file: Path) -> None:
    runpy.run_path(str(SCRIPT))
    first = login_file.read_text()
    events = AuditEvent.objects.count()
    runpy.run_path(str(SCRIPT))
    assert Person.objects.filter(username="quantri").count() == 1
    assert login_file.read_text() == first
    assert AuditEvent.objects.count() == events

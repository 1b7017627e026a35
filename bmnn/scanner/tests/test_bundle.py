"""Findings travel from the scanner host to the internal system in a signed bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from bmnn.core.models import AuditEvent
from bmnn.scanner.models import Finding, Portal
from bmnn.scanner.tests.builders import stored_finding

pytestmark = pytest.mark.django_db


def _keys(tmp_path: Path, name: str) -> tuple[Path, str]:
    from io import StringIO

    out = StringIO()
    key = tmp_path / f"{name}.pem"
    call_command("keys_generate", out=str(key), stdout=out)
    public = next(
        line.split()[-1] for line in out.getvalue().splitlines() if line.startswith("public key")
    )
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    return key, public


def test_export_sign_import_and_refuse_tampering(tmp_path, settings) -> None:
    key, public = _keys(tmp_path, "scanner")
    settings.BMNN_SIGNING_KEY_FILE = str(key)
    settings.BMNN_INSTALLATION_NAME = "Máy quét Công an tỉnh Bắc Lâm"
    now = timezone.now()
    portal = Portal.objects.create(
        name="Cổng TTĐT tỉnh", start_urls="https://a.example/", allowed_hosts="a.example"
    )
    Finding.objects.create(
        portal=portal,
        url="https://a.example/1.pdf",
        content_hash="a" * 64,
        level="mat",
        score=0.95,
        evidence=[{"rule": "level_stamp", "text": "MẬT"}],
        first_seen=now,
        last_seen=now,
    )
    bundle = tmp_path / "findings.bmnn"
    call_command("scanner_export", out=str(bundle))
    # the internal system: a different database in real life — here the findings are cleared
    Finding.objects.all().delete()
    Portal.objects.all().delete()
    with pytest.raises(CommandError, match="does not trust"), translation.override("en"):
        call_command("scanner_import", str(bundle))
    call_command("keys_trust", name="Máy quét", kind="scanner-findings", key=public)
    call_command("scanner_import", str(bundle))
    imported = Finding.objects.get()
    assert (
        imported.source == "import"
        and imported.level == "mat"
        and imported.portal.name == "Cổng TTĐT tỉnh"
    )
    assert AuditEvent.objects.filter(action="scanner.import").count() == 1
    call_command("scanner_import", str(bundle))  # the same bundle again changes nothing
    assert Finding.objects.count() == 1
    data = bytearray(bundle.read_bytes())
    data[data.find(b"a.example") + 2] ^= 1  # flip a bit in the stored payload
    bundle.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"altered|damaged"), translation.override("en"):
        call_command("scanner_import", str(bundle))
    assert Finding.objects.count() == 1


def test_a_supervisor_imports_through_the_page_and_a_foreign_bundle_is_refused(
    tmp_path, settings, make_agency, make_person, client_for
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from bmnn.core import bundles
    from bmnn.org.models import Role
    from bmnn.scanner import bundle as scanner_bundle

    key, public = _keys(tmp_path, "host")
    settings.BMNN_SIGNING_KEY_FILE = str(key)
    stored_finding("https://b.example/2.pdf", "b" * 64, "toi_mat", 0.9)
    data = scanner_bundle.export()
    Finding.objects.all().delete()
    supervisor = make_person(make_agency("Công an tỉnh"), Role.SUPERVISOR, "Lê Thị Giám Sát")
    client = client_for(supervisor)
    page = client.post(
        reverse("scanner:import"), {"bundle": SimpleUploadedFile("f.bmnn", data)}, follow=True
    )
    # key not trusted yet: the refusal is next to the file field
    assert not Finding.objects.exists() and "invalid-feedback" in page.content.decode()
    call_command("keys_trust", name="Máy quét", kind="scanner-findings", key=public)
    client.post(reverse("scanner:import"), {"bundle": SimpleUploadedFile("f.bmnn", data)})
    assert Finding.objects.get().level == "toi_mat"
    foreign_pem, _ = bundles.generate_key()
    foreign = bundles.write(
        "scanner-findings",
        {"payload.json": b'{"findings": []}'},
        private_pem=foreign_pem,
        issuer="?",
    )
    page = client.post(
        reverse("scanner:import"), {"bundle": SimpleUploadedFile("x.bmnn", foreign)}, follow=True
    )
    assert "invalid-feedback" in page.content.decode()

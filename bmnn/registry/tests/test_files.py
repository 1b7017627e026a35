"""Electronic files are encrypted at rest, served only to readers, audited, and re-keyable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.urls import reverse

from bmnn.core import crypto
from bmnn.core.models import AuditEvent
from bmnn.registry import services
from bmnn.registry.tests.builders import received

pytestmark = pytest.mark.django_db
CONTENT = "Phương án bảo vệ kho lưu trữ — nội dung mật".encode()


@pytest.fixture(autouse=True)
def keys(monkeypatch):
    old = Fernet.generate_key().decode()
    monkeypatch.setenv("BMNN_FILE_KEYS", old)
    crypto.reset_keys()
    yield old
    crypto.reset_keys()


@pytest.fixture
def stored(reg):
    entry = received(reg, number="8/BTP")
    return services.attach_file(
        actor=reg["officer"], item=entry.item, name="phuong-an.txt", data=CONTENT
    )


def test_the_file_on_disk_is_not_readable(stored) -> None:
    raw = Path(stored.blob.path).read_bytes()
    assert CONTENT not in raw and b"phuong" not in raw
    assert "phuong-an" not in stored.blob.name


def test_a_reader_downloads_it_and_the_download_is_audited(reg, stored, client_for) -> None:
    response = client_for(reg["head"]).get(reverse("registry:file", args=[stored.pk]))
    assert response.content == CONTENT
    assert AuditEvent.objects.filter(action="secret.download", actor_id=reg["head"].pk).exists()


def test_nobody_else_gets_it(reg, stored, client_for) -> None:
    for who in ("staff", "health_officer"):
        assert (
            client_for(reg[who]).get(reverse("registry:file", args=[stored.pk])).status_code == 404
        )


def test_rotation_re_encrypts_under_the_new_key_so_the_old_can_go(
    reg, stored, keys, monkeypatch
) -> None:
    new = Fernet.generate_key().decode()
    monkeypatch.setenv("BMNN_FILE_KEYS", f"{new},{keys}")
    crypto.reset_keys()
    call_command("registry_rotate_keys")
    monkeypatch.setenv("BMNN_FILE_KEYS", new)
    crypto.reset_keys()
    assert services.open_file(actor=reg["head"], stored=stored) == CONTENT


def test_a_hostile_upload_is_refused(reg) -> None:
    from django.core.exceptions import ValidationError

    entry = received(reg, issuer_name="X", number="9/X")
    with pytest.raises(ValidationError):
        services.attach_file(
            actor=reg["officer"], item=entry.item, name="a.pdf", data=b"MZ\x90\x00" + bytes(100)
        )
    assert not entry.item.files.exists()


def test_a_pdf_downloads_with_its_level_stamp_and_the_download_is_audited(reg, client_for) -> None:
    """TT24 Forms 02 and 19: the level stamp under the number line; the stored file unchanged."""
    import pypdfium2 as pdfium

    from bmnn.registry.tests.test_stamp import _document

    entry = received(
        reg, "toi_mat", issuer_name="UBND tỉnh", number="12/KH-UBND", doc_date=date(2026, 4, 2)
    )
    original = _document()
    pdf = services.attach_file(
        actor=reg["officer"], item=entry.item, name="12-KH.pdf", data=original
    )
    url = reverse("registry:file", args=[pdf.pk])
    response = client_for(reg["officer"]).get(url + "?stamp=1")
    assert response.status_code == 200
    stamped = b"".join(response) if response.streaming else response.content
    text = pdfium.PdfDocument(stamped)[0].get_textpage().get_text_range()
    assert "TỐI MẬT" in text
    assert AuditEvent.objects.filter(action="secret.download").last().changes["stamped"] is True
    assert (
        client_for(reg["officer"]).get(url).content == original
    )  # the plain download is the original


def test_only_a_pdf_is_stamped(stored, reg, client_for) -> None:
    response = client_for(reg["officer"]).get(
        reverse("registry:file", args=[stored.pk]) + "?stamp=1"
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="secret.download").exists()

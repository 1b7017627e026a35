"""The installation's signing key: named in production, made on first use on the embedded
single machine, so that the demo's audit checkpoints and bundles are signed from the first run."""

from __future__ import annotations

import io
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from bmnn.core import keys

pytestmark = pytest.mark.django_db


def test_the_embedded_machine_makes_its_own_key_once_readable_by_the_owner_only(
    settings, tmp_path
) -> None:
    settings.BMNN_SIGNING_KEY_FILE = ""
    settings.VAR_DIR = tmp_path
    first = keys.signing_key()
    path = tmp_path / "signing_key.pem"
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.signing_key() == first and b"PRIVATE KEY" in first


def test_production_without_a_named_key_is_refused_with_one_line(settings, tmp_path) -> None:
    settings.BMNN_SIGNING_KEY_FILE = ""
    settings.BMNN_ENV = "production"
    settings.VAR_DIR = tmp_path
    with pytest.raises(ImproperlyConfigured):
        keys.signing_key()
    assert not (tmp_path / "signing_key.pem").exists()
    with pytest.raises(CommandError, match="BMNN_SIGNING_KEY_FILE is not set"):
        call_command("audit_checkpoint")


def test_setup_signs_the_demo_chain_and_verify_accepts_it(settings, tmp_path) -> None:
    settings.BMNN_SIGNING_KEY_FILE = ""
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("setup", stdout=out)
    assert "audit checkpoint: event #" in out.getvalue()
    verified = io.StringIO()
    call_command(
        "audit_verify", checkpoints=str(settings.DATA_DIR / "audit-checkpoints"), stdout=verified
    )
    assert "checkpoints match the chain" in verified.getvalue()

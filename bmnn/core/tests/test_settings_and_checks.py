"""Configuration: typed environment readers and the production start-up refusal."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks

from bmnn.config.env import ConfigError, env_bool, env_int, env_str


def test_env_bool_rejects_a_misspelled_value(monkeypatch) -> None:
    monkeypatch.setenv("BMNN_DEBUG", "ture")
    with pytest.raises(ConfigError, match="BMNN_DEBUG"):
        env_bool("BMNN_DEBUG")


def test_env_int_names_the_variable(monkeypatch) -> None:
    monkeypatch.setenv("BMNN_PORT", "tám nghìn")
    with pytest.raises(ConfigError, match="BMNN_PORT"):
        env_int("BMNN_PORT", 8000)


def test_secrets_can_come_from_a_file(monkeypatch, tmp_path) -> None:
    secret = tmp_path / "key"
    secret.write_text("bi-mat\n", encoding="utf-8")
    monkeypatch.setenv("BMNN_SECRET_KEY_FILE", str(secret))
    assert env_str("BMNN_SECRET_KEY") == "bi-mat"


def test_production_refuses_debug_generated_key_and_sqlite(settings) -> None:
    settings.BMNN_ENV = "production"
    settings.DEBUG = True
    settings.SESSION_COOKIE_SECURE = False
    ids = {message.id for message in run_checks()}
    assert {"bmnn.E001", "bmnn.E002", "bmnn.E004"} <= ids
    on_sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    assert ("bmnn.E003" in ids) == on_sqlite  # production needs PostgreSQL


def test_embedded_profile_passes_the_checks(settings) -> None:
    settings.BMNN_ENV = "embedded"
    assert [m for m in run_checks() if m.id and m.id.startswith("bmnn.")] == []


def test_production_warns_when_mail_links_would_be_relative(settings) -> None:
    settings.BMNN_ENV, settings.BMNN_SEND_EMAIL, settings.BMNN_BASE_URL = "production", True, ""
    assert "bmnn.W001" in {message.id for message in run_checks()}
    settings.BMNN_BASE_URL = "http://bmnn.congan.local"
    assert "bmnn.W001" not in {message.id for message in run_checks()}

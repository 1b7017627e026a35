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


# --- security review, issue 13, finding 10 ---------------------------------------------------


def test_env_choice_refuses_an_unknown_value_and_names_the_choices(monkeypatch) -> None:
    from bmnn.config.env import env_choice

    monkeypatch.setenv("BMNN_ENV", "prodution")
    with pytest.raises(ConfigError, match=r"BMNN_ENV='prodution'.*embedded.*production"):
        env_choice("BMNN_ENV", ("embedded", "production"), "embedded")
    monkeypatch.setenv("BMNN_ENV", "production")
    assert env_choice("BMNN_ENV", ("embedded", "production"), "embedded") == "production"


def test_settings_refuse_to_load_with_a_misspelled_environment(tmp_path) -> None:
    """A mistyped BMNN_ENV used to skip every production check silently."""
    import os
    import subprocess  # nosec B404 # runs this interpreter on a fixed argument list
    import sys

    env = {
        **os.environ,
        "BMNN_ENV": "prodution",
        "BMNN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "bmnn.config.settings",
    }
    done = subprocess.run(  # nosec B603 # fixed argument list, no shell
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "BMNN_ENV='prodution'" in done.stderr
    assert "production" in done.stderr.splitlines()[-1]


def _production(settings) -> None:
    settings.BMNN_ENV = "production"
    settings.DEBUG = False
    settings.SESSION_COOKIE_SECURE = True
    settings.SECRET_KEY_GENERATED = False
    settings.SECRET_KEY = "k3Y-" + "x7Qz9" * 12
    settings.ALLOWED_HOSTS = ["bmnn.congan.local"]
    settings.SECURE_HSTS_SECONDS = 31_536_000


def _bmnn_ids() -> set[str]:
    return {m.id for m in run_checks() if m.id and m.id.startswith("bmnn.")}


def test_production_refuses_a_short_secret_key(settings) -> None:
    _production(settings)
    assert "bmnn.E006" not in _bmnn_ids()
    settings.SECRET_KEY = "short-key-123"
    assert "bmnn.E006" in _bmnn_ids()
    settings.SECRET_KEY = "a" * 60  # long but with too few different characters
    assert "bmnn.E006" in _bmnn_ids()


def test_production_refuses_any_host(settings) -> None:
    _production(settings)
    assert "bmnn.E007" not in _bmnn_ids()
    settings.ALLOWED_HOSTS = ["bmnn.congan.local", "*"]
    assert "bmnn.E007" in _bmnn_ids()


def test_production_refuses_no_hsts(settings) -> None:
    _production(settings)
    assert "bmnn.E008" not in _bmnn_ids()
    settings.SECURE_HSTS_SECONDS = 0
    assert "bmnn.E008" in _bmnn_ids()


def test_production_defaults_to_hsts_for_a_year(monkeypatch, tmp_path) -> None:
    import os
    import subprocess  # nosec B404 # runs this interpreter on a fixed argument list
    import sys

    env = {
        **os.environ,
        "BMNN_ENV": "production",
        "BMNN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "bmnn.config.settings",
    }
    env.pop("BMNN_HSTS_SECONDS", None)
    done = subprocess.run(  # nosec B603 # fixed argument list, no shell
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.SECURE_HSTS_SECONDS)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.strip() == "31536000", done.stderr

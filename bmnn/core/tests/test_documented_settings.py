"""Every BMNN_* variable in the README's configuration table does what the table says.

Each variable is given a value other than its default in a fresh process, and what the
installation then reads (a Django setting, a deadline, a key, a passphrase) is compared with
the value given; a variable the table documents but nothing reads fails here. So does a
variable the code reads that the table does not document, and a misspelled value, which
`bmnn` refuses in one line naming the variable.
"""

from __future__ import annotations

import json
import os
import re
import subprocess  # nosec B404 # runs this interpreter on a fixed argument list
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

PROJECT = Path(settings.BASE_DIR).parent
FILE_KEY = Fernet.generate_key().decode()
PASSPHRASE = "Một câu mật khẩu dài cho bản sao lưu"

# variable -> (value given, what the process reads, as a Python expression, and what it must be)
GIVEN: dict[str, tuple[str, str, Any]] = {
    "BMNN_DATA_DIR": ("{tmp}/data", "str(settings.DATA_DIR)", "{tmp}/data"),
    "BMNN_VAR_DIR": ("{tmp}/var", "str(settings.VAR_DIR)", "{tmp}/var"),
    "BMNN_ENV": ("production", "settings.BMNN_ENV", "production"),
    "BMNN_SECRET_KEY": ("k3Y-x7Qz9-given", "settings.SECRET_KEY", "k3Y-x7Qz9-given"),
    "BMNN_ALLOWED_HOSTS": (
        "bmnn.congan.local, 10.0.0.5",
        "settings.ALLOWED_HOSTS",
        ["bmnn.congan.local", "10.0.0.5"],
    ),
    "BMNN_CSRF_TRUSTED_ORIGINS": (
        "https://bmnn.congan.local",
        "settings.CSRF_TRUSTED_ORIGINS",
        ["https://bmnn.congan.local"],
    ),
    "BMNN_DEBUG": ("1", "settings.DEBUG", True),
    "BMNN_SESSION_IDLE_MINUTES": ("45", "settings.SESSION_COOKIE_AGE", 45 * 60),
    "BMNN_LOGIN_FAILURE_LIMIT": ("7", "settings.AXES_FAILURE_LIMIT", 7),
    "BMNN_LOGIN_LOCKOUT_MINUTES": ("20", "settings.AXES_COOLOFF_TIME.total_seconds()", 1200),
    "BMNN_PROXY_COUNT": ("1", "settings.AXES_IPWARE_PROXY_COUNT", 1),
    "BMNN_PASSWORD_MIN_LENGTH": ("14", "min_length()", 14),
    "BMNN_PROFILE": ("scanner", "settings.BMNN_PROFILE", "scanner"),
    "BMNN_SIGNING_KEY_FILE": (
        "{tmp}/signing.pem",
        "settings.BMNN_SIGNING_KEY_FILE",
        "{tmp}/signing.pem",
    ),
    "BMNN_INSTALLATION_NAME": ("BMNN Lạng Sơn", "settings.BMNN_INSTALLATION_NAME", "BMNN Lạng Sơn"),
    # off although production turns it on by default
    "BMNN_SECURE_COOKIES": (
        "0",
        "[settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]",
        [False, False],
    ),
    "BMNN_PROVINCE_NAME": ("Lạng Sơn", "settings.BMNN_PROVINCE_NAME", "Lạng Sơn"),
    "BMNN_REMINDER_DAYS": ("10,3", "settings.BMNN_REMINDER_DAYS", [10, 3]),
    # 20/12 by Decree 26/2020 Art. 8, nine days earlier for the agencies
    "BMNN_REPORT_LEAD_DAYS": ("9", "annual_due()", "2026-12-11"),
    "BMNN_SEND_EMAIL": ("yes", "settings.BMNN_SEND_EMAIL", True),
    "BMNN_BASE_URL": (
        "http://bmnn.congan.local/",
        "settings.BMNN_BASE_URL",
        "http://bmnn.congan.local",
    ),
    "BMNN_EMAIL_BACKEND": (
        "django.core.mail.backends.smtp.EmailBackend",
        "settings.EMAIL_BACKEND",
        "django.core.mail.backends.smtp.EmailBackend",
    ),
    "BMNN_EMAIL_HOST": ("mail.congan.local", "settings.EMAIL_HOST", "mail.congan.local"),
    "BMNN_EMAIL_PORT": ("587", "settings.EMAIL_PORT", 587),
    "BMNN_EMAIL_FROM": ("bmnn@congan.local", "settings.DEFAULT_FROM_EMAIL", "bmnn@congan.local"),
    "BMNN_API_TOKEN_DAYS": ("30", "settings.BMNN_API_TOKEN_DAYS", 30),
    "BMNN_DECISION_BACKDATE_DAYS": ("7", "settings.BMNN_DECISION_BACKDATE_DAYS", 7),
    "BMNN_SCAN_CONCURRENT_PER_USER": ("3", "settings.BMNN_SCAN_CONCURRENT_PER_USER", 3),
    "BMNN_SCAN_SECONDS": ("90", "settings.BMNN_SCAN_SECONDS", 90),
    "BMNN_SCAN_EXPANDED_MB": ("128", "settings.BMNN_SCAN_EXPANDED_MB", 128),
    "BMNN_BEHIND_TLS_PROXY": (
        "on",
        "list(settings.SECURE_PROXY_SSL_HEADER or [])",
        ["HTTP_X_FORWARDED_PROTO", "https"],
    ),
    "BMNN_NODE": ("agency", "settings.BMNN_NODE", "agency"),
    "BMNN_NODE_AGENCY": ("so-tu-phap", "settings.BMNN_NODE_AGENCY", "so-tu-phap"),
    "BMNN_HOLDS_SECRETS": ("false", "settings.BMNN_HOLDS_SECRETS", False),
    # a token made with the given key opens, so it is the key files are encrypted with
    "BMNN_FILE_KEYS": (FILE_KEY, "opens_with_the_given_key()", "ok"),
    # text although production writes JSON by default
    "BMNN_LOG_FORMAT": ("text", "settings.LOGGING['handlers']['console']['formatter']", "text"),
    "BMNN_LOG_LEVEL": ("INFO", "settings.LOGGING['root']['level']", "INFO"),
    "BMNN_SSL_REDIRECT": ("0", "settings.SECURE_SSL_REDIRECT", False),
    "BMNN_HSTS_SUBDOMAINS": ("0", "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS", False),
    "BMNN_HSTS_SECONDS": ("600", "settings.SECURE_HSTS_SECONDS", 600),
    "BMNN_BACKUP_DIR": ("{tmp}/backups", "settings.BMNN_BACKUP_DIR", "{tmp}/backups"),
    "BMNN_BACKUP_KEEP": ("3", "settings.BMNN_BACKUP_KEEP", 3),
    "BMNN_BACKUP_PASSPHRASE": (PASSPHRASE, "backup_passphrase()", PASSPHRASE),
}
# secrets may come from a file instead (BMNN_X_FILE wins over BMNN_X)
FROM_FILE = {
    "BMNN_SECRET_KEY": "settings.SECRET_KEY",
    "BMNN_FILE_KEYS": "opens_with_the_given_key()",
    "BMNN_BACKUP_PASSPHRASE": "backup_passphrase()",
}
# read by the code but for tests only, so not in the README
INTERNAL = {"BMNN_TASKS_BACKEND"}

CHILD = """
import json, os, sys
import django
django.setup()
from django.conf import settings
from cryptography.fernet import Fernet

def min_length():
    from django.contrib.auth.password_validation import MinimumLengthValidator
    from django.contrib.auth.password_validation import get_default_password_validators
    found = get_default_password_validators()
    return next(v.min_length for v in found if isinstance(v, MinimumLengthValidator))

def annual_due():
    from bmnn.reports import calendar
    return calendar.defaults("annual", 2026).due_on.isoformat()

def opens_with_the_given_key():
    from bmnn.core import crypto
    try:
        return crypto.decrypt(Fernet(sys.argv[1].encode()).encrypt(b"ok")).decode()
    except crypto.InvalidToken:
        return "refused"

def backup_passphrase():
    from bmnn.core.backup.archive import BackupError, passphrase_from_environment
    try:
        return passphrase_from_environment()
    except BackupError:
        return None

print(json.dumps({name: eval(expression) for name, expression in json.loads(sys.argv[2]).items()}))
"""


def _environment(tmp_path: Path, given: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BMNN_")}
    return {
        **env,
        "BMNN_VAR_DIR": str(tmp_path / "var"),
        **given,
        "DJANGO_SETTINGS_MODULE": "bmnn.config.settings",
    }


def _read(tmp_path: Path, given: dict[str, str], expressions: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(  # nosec B603 # fixed argument list, no shell
        [sys.executable, "-c", CHILD, FILE_KEY, json.dumps(expressions)],
        env=_environment(tmp_path, given),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _filled(value: Any, tmp_path: Path) -> Any:
    return value.replace("{tmp}", str(tmp_path)) if isinstance(value, str) else value


def test_each_variable_changes_what_the_installation_reads(tmp_path: Path) -> None:
    given = {name: _filled(value, tmp_path) for name, (value, _read_, _want) in GIVEN.items()}
    read = _read(
        tmp_path, given, {name: expression for name, (_v, expression, _w) in GIVEN.items()}
    )
    wanted = {name: _filled(want, tmp_path) for name, (_v, _e, want) in GIVEN.items()}
    assert read == wanted
    # and none of them is what a production installation reads when only BMNN_ENV is set
    default = _read(
        tmp_path / "default",
        {"BMNN_ENV": "production"},
        {
            name: expression
            for name, (_v, expression, _w) in GIVEN.items()
            if name not in {"BMNN_VAR_DIR", "BMNN_ENV"}
        },
    )
    assert [name for name, value in default.items() if value == wanted[name]] == []


def test_secrets_are_read_from_the_files_their_file_variables_name(tmp_path: Path) -> None:
    secrets = {
        "BMNN_SECRET_KEY": "k3Y-from-a-file",
        "BMNN_FILE_KEYS": FILE_KEY,
        "BMNN_BACKUP_PASSPHRASE": PASSPHRASE,
    }
    given = {}
    for name, secret in secrets.items():
        path = tmp_path / name.lower()
        path.write_text(secret + "\n", encoding="utf-8")
        given[f"{name}_FILE"] = str(path)
    assert _read(tmp_path, given, FROM_FILE) == {**secrets, "BMNN_FILE_KEYS": "ok"}


def _documented() -> set[str]:
    """The variables in the first column of the README's configuration table."""
    rows = (PROJECT / "README.md").read_text(encoding="utf-8").splitlines()
    return {
        name
        for row in rows
        if row.startswith("| `BMNN_")
        for name in re.findall(r"`(BMNN_[A-Z_]+)`", row.split(" | ")[0])
    }


def test_the_readme_table_documents_exactly_the_variables_tested_here() -> None:
    tested = set(GIVEN) | {f"{name}_FILE" for name in FROM_FILE}
    assert _documented() == tested


def test_every_variable_the_code_reads_is_documented() -> None:
    reader = re.compile(r"""(?:env_[a-z]+|environ\.get|getenv)\(\s*["'](BMNN_[A-Z_]+)["']""")
    read = {
        name
        for path in (PROJECT / "bmnn").rglob("*.py")
        if "tests" not in path.parts
        for name in reader.findall(path.read_text(encoding="utf-8"))
    }
    assert "BMNN_PROFILE" in read and "BMNN_REPORT_LEAD_DAYS" in read
    assert read - INTERNAL <= _documented()


@pytest.mark.parametrize(
    ("variable", "value"),
    [("BMNN_PROFILE", "scaner"), ("BMNN_REPORT_LEAD_DAYS", "40"), ("BMNN_NODE", "tinh")],
)
def test_bmnn_refuses_a_wrong_value_in_one_line_naming_it(
    tmp_path: Path, variable: str, value: str
) -> None:
    done = subprocess.run(  # nosec B603 # fixed argument list, no shell
        [sys.executable, "-c", "from bmnn.cli import main; main()", "check"],
        env=_environment(tmp_path, {variable: value}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=PROJECT,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {variable}=") and done.stderr.count("\n") == 1

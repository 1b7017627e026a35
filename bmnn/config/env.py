"""Typed readers for the environment variables that configure BMNN (STYLE.md §18).

Every setting BMNN reads comes through one of these, so a misspelled or malformed value is
reported with the variable's name instead of silently falling back to a default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """A configuration value is malformed or unsafe; the message names the variable."""


def env_str(name: str, default: str = "") -> str:
    """Reads NAME, or the contents of the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE={file_name}: cannot read ({exc.strerror})") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r}: expected a whole number") from exc


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of a fixed set of words; anything else is refused, so that a typing mistake (e.g.
    BMNN_ENV=prodution) cannot quietly select the default and skip the checks that go with
    the intended value."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ConfigError(f"{name}={raw!r}: expected one of {', '.join(choices)}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(data_dir: Path) -> tuple[str, bool]:
    """Returns (key, generated_locally).

    BMNN_SECRET_KEY (or BMNN_SECRET_KEY_FILE) wins. Otherwise the embedded profile keeps a random
    key in the data directory, created on first use, so no key ever lives in the repository.
    """
    configured = env_str("BMNN_SECRET_KEY")
    if configured:
        return configured, False
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip(), True
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key, True

"""Startup checks: the production profile refuses unsafe settings and names them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.security, deploy=False)
def production_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.BMNN_ENV != "production":
        return []
    errors: list[CheckMessage] = []
    if settings.DEBUG:
        errors.append(Error("BMNN_DEBUG is on in production", id="bmnn.E001"))
    if settings.SECRET_KEY_GENERATED:
        errors.append(
            Error(
                "production needs BMNN_SECRET_KEY or BMNN_SECRET_KEY_FILE, not a generated key",
                id="bmnn.E002",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(Error("production needs DATABASE_URL pointing at PostgreSQL", id="bmnn.E003"))
    if not settings.SESSION_COOKIE_SECURE:
        errors.append(Error("BMNN_SECURE_COOKIES must be on in production", id="bmnn.E004"))
    from bmnn.core import crypto

    if crypto.keys_generated():
        errors.append(
            Error(
                "production needs BMNN_FILE_KEYS or BMNN_FILE_KEYS_FILE for secret files",
                id="bmnn.E005",
            )
        )
    if settings.BMNN_SEND_EMAIL and not settings.BMNN_BASE_URL:
        errors.append(
            Warning(
                "BMNN_SEND_EMAIL is on without BMNN_BASE_URL: e-mails carry relative links",
                id="bmnn.W001",
            )
        )
    return errors

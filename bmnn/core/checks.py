"""Startup checks: the production profile refuses unsafe settings and names them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

# Django's own deployment check asks for the same (security.W009)
MIN_SECRET_KEY_LENGTH = 50


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
    key = str(settings.SECRET_KEY)
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5 or key.startswith("django-insecure"):
        errors.append(
            Error(
                f"BMNN_SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random "
                "characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')",
                id="bmnn.E006",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error("BMNN_ALLOWED_HOSTS must name the server's host names, not '*'", id="bmnn.E007")
        )
    if settings.SECURE_HSTS_SECONDS <= 0:
        errors.append(
            Error(
                "production needs HSTS: leave BMNN_HSTS_SECONDS unset (one year) or give seconds",
                id="bmnn.E008",
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

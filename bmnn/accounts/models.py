"""API tokens: what a program presents instead of a password and a TOTP code.

Only a SHA-256 digest of each token is stored; the token itself is shown once, when it is
created. A token carries the fingerprint of its owner's password at creation (so any password
change, by whatever path, ends it), an expiry date, and whether the session that created it had
passed the second factor (so a token of a role that needs TOTP cannot come from a password
alone). `bmnn.accounts.tokens` holds the rules; this module only the rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """Mã truy cập API."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # the first characters of the random part, so a person can tell which token a program uses
    hint = models.CharField(max_length=8, editable=False)
    password_stamp = models.CharField(max_length=64, editable=False)
    second_factor = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "revoked_at", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

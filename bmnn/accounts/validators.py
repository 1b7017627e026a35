"""Password rules beyond Django's: a mix of character classes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Requires letters and at least one digit or symbol, and both cases of letters."""

    def validate(self, password: str, user: Any = None) -> None:
        has_lower = any(ch.islower() for ch in password)
        has_upper = any(ch.isupper() for ch in password)
        has_other = any(not ch.isalpha() for ch in password)
        if not (has_lower and has_upper and has_other):
            raise ValidationError(
                _(
                    "The password must contain upper-case and lower-case letters and at least "
                    "one digit or symbol."
                ),
                code="password_character_classes",
            )

    def get_help_text(self) -> str:
        return _("Use upper-case and lower-case letters and at least one digit or symbol.")

"""What every form of the site shares: the Bootstrap classes on its widgets.

The domain apps' forms mix this in so that a field renders with Bootstrap's look without each
template naming the class; it belongs here, with the base layout, not to any one domain app.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


class BootstrapMixin:
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)


def take_errors(
    form: forms.BaseForm,
    exc: ValidationError,
    aliases: Mapping[str, str] | None = None,
    default: str | None = None,
) -> None:
    """A service's refusal shown on the form: each message next to the field it names (through
    `aliases` where the service's name differs), the others at `default`, or above the form."""
    aliases = aliases or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(default, exc.messages)
        return
    for name, errors in exc.error_dict.items():
        target = aliases.get(name, name)
        found = [m for error in errors for m in error.messages]
        form.add_error(target if target in form.fields else default, found)

"""Form fields that say what to type: days as dd/mm/yyyy (31/02/2026 refused with a message),
whole numbers within a range (letters, negative numbers and absurd sizes refused with a
message), and a helper that puts a service's refusal next to the field it names, its article
cited in words.

Used by the registry's and the plans' forms; the reports' forms have the same messages
(bmnn.reports.forms), so the three could share one module in bmnn.core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from bmnn.registry.citation import in_words

Saved = TypeVar("Saved")

DAY_INVALID = _("Write a real date as dd/mm/yyyy, e.g. 05/03/2026.")
WHOLE_NUMBER = _("Enter a whole number, such as 3.")


def day_field(label: Any, *, required: bool = True, help_text: Any = None) -> forms.DateField:
    """A day typed dd/mm/yyyy; an impossible one (31/02/2026) is refused with a message that
    shows the format. The form page (web/_form_fields.html) adds the format hint under every
    date field, so `help_text` says only what else there is to know."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text or "",
        error_messages={"invalid": DAY_INVALID},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


def count_field(
    label: Any,
    *,
    low: int = 1,
    high: int = 100,
    required: bool = True,
    initial: int | None = None,
    help_text: Any = None,
) -> forms.IntegerField:
    """A whole number from `low` to `high`, each refusal saying what to type. A text input (with
    a numeric keyboard on phones): what was typed, letters included, comes back as typed."""
    outside = format_lazy(_("Write a number from {low} to {high}."), low=low, high=high)
    return forms.IntegerField(
        label=label,
        required=required,
        initial=initial,
        help_text=help_text,
        min_value=low,
        max_value=high,
        error_messages={"invalid": WHOLE_NUMBER, "min_value": outside, "max_value": outside},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def take_errors(
    form: forms.BaseForm, exc: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """A service's refusal shown on the form: each message next to the field it names (through
    `aliases` where the service's name differs), the others above the form."""
    aliases = aliases or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, [in_words(m) for m in exc.messages])
        return
    for name, errors in exc.error_dict.items():
        target = aliases.get(name, name)
        found = [in_words(m) for error in errors for m in error.messages]
        form.add_error(target if target in form.fields else None, found)


def save_form(form: forms.BaseForm, call: Callable[[dict[str, Any]], Saved]) -> Saved | None:
    """What the service (`call`) made of a bound, valid form's data; None when the form is not
    bound or not valid, or when the service refuses (its refusal then goes on the form)."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except ValidationError as exc:
        take_errors(form, exc)
        return None

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.org.models import Agency
from bmnn.scanner.services import MAX_DELAY
from bmnn.web.forms import BootstrapMixin

MAX_BUNDLE = 200 * 1024 * 1024
NUMBER_MESSAGES = {
    "invalid": _("Enter a number, in digits (e.g. 1,5)."),
    "min_value": _("At least %(limit_value)s."),
    "max_value": _("At most %(limit_value)s."),
}


class PortalForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    agency = forms.ModelChoiceField(
        label=_("Agency running it"),
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label="—",
    )
    start_urls = forms.CharField(
        label=_("Start addresses (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    allowed_hosts = forms.CharField(
        label=_("Hosts that may be crawled (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Empty: the hosts of the start addresses."),
    )
    max_depth = forms.IntegerField(label=_("Link depth"), min_value=0, max_value=10, initial=3)
    max_pages = forms.IntegerField(
        label=_("Page limit per run"), min_value=1, max_value=100_000, initial=500
    )
    delay = forms.FloatField(
        label=_("Seconds between requests"),
        min_value=0.05,
        max_value=MAX_DELAY,
        initial=1.0,
        localize=True,  # "1,5" as Vietnamese write it, or "1.5"
    )
    every_days = forms.IntegerField(
        label=_("Scan every (days)"), min_value=1, max_value=90, initial=1
    )
    enabled = forms.BooleanField(label=_("Scheduled"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("max_depth", "max_pages", "delay", "every_days"):
            field = self.fields[name]
            # typed as text, so that letters reach the server and come back with its message
            field.widget = forms.TextInput(
                attrs={
                    "class": "form-control",
                    "inputmode": "decimal" if name == "delay" else "numeric",
                }
            )
            field.localize = name == "delay"
            field.error_messages.update(NUMBER_MESSAGES)
            if name != "delay":
                field.error_messages["invalid"] = _("Enter a whole number, in digits.")


class CheckForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Document to publish"),
        error_messages={
            "required": _("Choose the file to check."),
            "empty": _("The file is empty."),
        },
    )


class DecideForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[("dismissed", _("Not a leak")), ("removed", _("Taken down"))],
    )
    note = forms.CharField(
        label=_("Note (the reason, when it is not a leak)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IncidentForm(BootstrapMixin, forms.Form):
    """Which agency's incident report a finding opens (the portal's agency chosen beforehand)."""

    agency = forms.ModelChoiceField(
        label=_("Agency whose portal published it"),
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        empty_label="—",
        error_messages={"required": _("Choose the agency.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="incident", **kwargs)


class BundleForm(BootstrapMixin, forms.Form):
    bundle = forms.FileField(
        label=_("Signed bundle"),
        error_messages={"required": _("Choose a bundle file (at most 200 MB).")},
    )

    def clean_bundle(self) -> Any:
        upload = self.cleaned_data["bundle"]
        if upload.size > MAX_BUNDLE:
            raise forms.ValidationError(_("Choose a bundle file (at most 200 MB)."))
        return upload

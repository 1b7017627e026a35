from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.org.forms import BootstrapMixin
from bmnn.org.models import Agency


class PortalForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    agency = forms.ModelChoiceField(label=_("Agency running it"), queryset=Agency.objects.filter(is_active=True),
                                    required=False)  # fmt: skip
    start_urls = forms.CharField(
        label=_("Start addresses (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    allowed_hosts = forms.CharField(
        label=_("Hosts that may be crawled (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Empty: the hosts of the start addresses."),
    )  # fmt: skip
    max_depth = forms.IntegerField(label=_("Link depth"), min_value=0, max_value=10, initial=3)
    max_pages = forms.IntegerField(
        label=_("Page limit per run"), min_value=1, max_value=100_000, initial=500
    )
    delay = forms.FloatField(label=_("Seconds between requests"), min_value=0.05, initial=1.0)
    every_days = forms.IntegerField(
        label=_("Scan every (days)"), min_value=1, max_value=90, initial=1
    )
    enabled = forms.BooleanField(label=_("Scheduled"), required=False, initial=True)


class CheckForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Document to publish"))


class DecideForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(
        choices=[("dismissed", _("Not a leak")), ("removed", _("Taken down"))]
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

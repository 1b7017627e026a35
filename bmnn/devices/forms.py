from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.devices.models import Device, IndependentLan, Medium
from bmnn.org.forms import BootstrapMixin
from bmnn.org.models import Level, Person


class DeviceForm(BootstrapMixin, forms.Form):
    asset_tag = forms.CharField(label=_("Asset tag"), max_length=64)
    kind = forms.ChoiceField(label=_("Kind"), choices=Device.Kind.choices)
    make_model = forms.CharField(label=_("Make and model"), max_length=255, required=False)
    serial = forms.CharField(label=_("Serial number"), max_length=128, required=False)
    os = forms.CharField(label=_("Operating system"), max_length=128, required=False)
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    custodian = forms.ModelChoiceField(
        label=_("Custodian"), queryset=Person.objects.none(), required=False
    )
    highest_level = forms.ChoiceField(
        label=_("Highest level handled"), choices=[("", "—"), *Level.choices], required=False
    )
    connected_to = forms.ChoiceField(
        label=_("Currently connected to"), choices=Device.Connection.choices,
        help_text=_("Composing or storing secrets on a device connected now to any network but an "
                    "independent LAN is prohibited (Law 117/2025/QH15, Art. 5.2)."),
    )  # fmt: skip
    lan = forms.ModelChoiceField(
        label=_("Independent LAN"), queryset=IndependentLan.objects.none(), required=False
    )
    ever_connected = forms.ChoiceField(
        label=_("Ever connected to the internet, a telecom network or another network"),
        choices=Device.EverConnected.choices,
        help_text=_("A device that has been connected is checked before it is used for secrets (the "
                    "province's plan under Decision 452/QĐ-TTg)."),
    )  # fmt: skip
    ever_connected_on = forms.DateField(
        label=_("Last known connection (dd/mm/yyyy)"), required=False
    )
    ever_connected_to = forms.CharField(
        label=_("Connected to what"), max_length=255, required=False
    )


class MediumForm(BootstrapMixin, forms.Form):
    label = forms.CharField(label=_("Label"), max_length=64)
    kind = forms.ChoiceField(label=_("Kind"), choices=Medium.Kind.choices)
    serial = forms.CharField(label=_("Serial number"), max_length=128)
    make_model = forms.CharField(label=_("Make and model"), max_length=255, required=False)
    registered_on = forms.DateField(label=_("Registered on"))


class LanForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    site = forms.CharField(label=_("Site"), max_length=255)
    measures = forms.CharField(
        label=_("Security measures"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

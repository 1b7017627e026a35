"""The inventory's forms. Each keeps what was typed when it comes back with errors; the services
check again what the forms check (the custodian is one of the agency's people, the dates)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bmnn.devices.models import Device, DeviceFinding, IndependentLan, Medium
from bmnn.devices.services import MAX_REPORT_BYTES
from bmnn.org.models import Agency, Level, Person
from bmnn.web.forms import BootstrapMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LEVEL_CHOICES = [("", "—"), *Level.choices]
PERSON_NOT_LISTED = _("Choose one of the agency's people listed.")


def person_choice(label: StrOrPromise) -> forms.ModelChoiceField:
    """One of the agency's people, or no one (the form sets the people of its agency)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=Person.objects.none(),
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": PERSON_NOT_LISTED},
    )


class DayField(forms.DateField):
    """A day typed as dd/mm/yyyy; 31/02/2026 and letters are refused with a message that says how
    to write it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%d/%m/%Y"])
        kwargs.setdefault(
            "error_messages", {"invalid": _("Enter a real date as dd/mm/yyyy (e.g. 05/03/2026).")}
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "dd/mm/yyyy")
        self.widget.attrs.setdefault("inputmode", "numeric")


def add_errors(form: forms.Form, exc: Any, default: str | None = None) -> None:
    """A service's refusal shown on the form: each message next to its field (a field the form
    lacks, or none: at `default`, else above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else default, errors)
    else:
        form.add_error(default, exc.messages)


def people_of(agencies: list[Agency]) -> QuerySet[Person]:
    """The active people of the agencies, by name, once each."""
    return (
        Person.objects.filter(
            memberships__agency__in=agencies, memberships__is_active=True, is_active=True
        )
        .distinct()
        .order_by("full_name")
    )


class _AgencyForm(BootstrapMixin, forms.Form):
    """A form for one of the agencies whose inventory the person keeps: the first is chosen
    beforehand; the person named (`person_field`) must be of the chosen agency."""

    person_field = ""
    form_prefix = ""
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, prefix=self.form_prefix, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in agencies]
        ).order_by("name")
        if agencies:
            self.fields["agency"].initial = agencies[0].pk
        self.fields[self.person_field].queryset = people_of(agencies)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        agency, person = self.cleaned_data.get("agency"), self.cleaned_data.get(self.person_field)
        if agency is not None and person is not None:
            member = person.memberships.filter(agency=agency, is_active=True).exists()
            if not member:
                self.add_error(
                    self.person_field,
                    _("Choose a person of %(agency)s.") % {"agency": agency.name},
                )
        return self.cleaned_data


class DeviceForm(BootstrapMixin, forms.Form):
    asset_tag = forms.CharField(label=_("Asset tag"), max_length=64)
    kind = forms.ChoiceField(label=_("Kind"), choices=Device.Kind.choices)
    make_model = forms.CharField(label=_("Make and model"), max_length=255, required=False)
    serial = forms.CharField(label=_("Serial number"), max_length=128, required=False)
    os = forms.CharField(label=_("Operating system"), max_length=128, required=False)
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    custodian = person_choice(_("Custodian"))
    highest_level = forms.ChoiceField(
        label=_("Highest level handled"), choices=LEVEL_CHOICES, required=False
    )
    connected_to = forms.ChoiceField(
        label=_("Currently connected to"),
        choices=Device.Connection.choices,
        help_text=_(
            "Composing or storing secrets on a device connected now to any network but an "
            "independent LAN is prohibited (Law 117/2025/QH15, Art. 5.2)."
        ),
    )
    lan = forms.ModelChoiceField(
        label=_("Independent LAN"),
        queryset=IndependentLan.objects.none(),
        required=False,
        empty_label="—",
    )
    ever_connected = forms.ChoiceField(
        label=_("Ever connected to the internet, a telecom network or another network"),
        choices=Device.EverConnected.choices,
        help_text=_(
            "A device that has been connected is checked before it is used for secrets (the "
            "province's plan under Decision 452/QĐ-TTg)."
        ),
    )
    ever_connected_on = DayField(label=_("Last known connection (dd/mm/yyyy)"), required=False)
    ever_connected_to = forms.CharField(
        label=_("Connected to what"), max_length=255, required=False
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["custodian"].queryset = people_of([agency])  # type: ignore[attr-defined]
        self.fields["lan"].queryset = IndependentLan.objects.filter(agency=agency)  # type: ignore[attr-defined]


class MediumForm(_AgencyForm):
    person_field = "custodian"
    form_prefix = "medium"
    label = forms.CharField(label=_("Label"), max_length=64)
    kind = forms.ChoiceField(label=_("Kind"), choices=Medium.Kind.choices)
    serial = forms.CharField(
        label=_("Serial number"),
        max_length=128,
        help_text=_("The one Windows and Linux report for the device."),
    )
    make_model = forms.CharField(label=_("Make and model"), max_length=255, required=False)
    custodian = person_choice(_("Custodian"))
    highest_level = forms.ChoiceField(
        label=_("Highest level"), choices=LEVEL_CHOICES, required=False
    )
    registered_on = DayField(label=_("Registered on (dd/mm/yyyy)"))


class LanForm(_AgencyForm):
    person_field = "administrator"
    form_prefix = "lan"
    name = forms.CharField(label=_("Name"), max_length=255)
    site = forms.CharField(label=_("Site"), max_length=255)
    administrator = person_choice(_("Administered by"))
    measures = forms.CharField(
        label=_("Security measures"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FindingDecisionForm(BootstrapMixin, forms.Form):
    """How the agency's officer answers an open finding of a host audit."""

    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (DeviceFinding.Status.RESOLVED.value, DeviceFinding.Status.RESOLVED.label),
            (DeviceFinding.Status.DISMISSED.value, DeviceFinding.Status.DISMISSED.label),
        ],
    )
    note = forms.CharField(
        label=_("How it was resolved or explained"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, finding: DeviceFinding, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"finding-{finding.pk}", **kwargs)


class ToInspectionForm(BootstrapMixin, forms.Form):
    """An inspector carries a finding into an inspection of the agency that is under way."""

    target = forms.ModelChoiceField(
        label=_("Inspection"), queryset=DeviceFinding.objects.none(), empty_label=None
    )
    deadline = DayField(label=_("Remediation deadline (dd/mm/yyyy)"))

    def __init__(self, *args: Any, finding: DeviceFinding, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"inspection-{finding.pk}", **kwargs)
        self.fields["target"].queryset = targets  # type: ignore[attr-defined]
        self.fields["target"].label_from_instance = lambda t: t.inspection.title  # type: ignore[attr-defined]


class HostReportForm(BootstrapMixin, forms.Form):
    report = forms.FileField(
        label=_("Host-audit report (the JSON file the agent wrote)"),
        error_messages={
            "required": _("Choose the report file."),
            "empty": _("The file is empty."),
        },
    )

    def clean_report(self) -> Any:
        upload = self.cleaned_data["report"]
        if upload.size > MAX_REPORT_BYTES:
            raise forms.ValidationError(_("The report is larger than 20 MB."))
        return upload

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.org.models import Agency, AgencyType, ClearanceLevel, Person, Role
from bmnn.web.forms import BootstrapMixin


class AgencyForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "code", "type", "parent", "address", "phone", "is_active"]


class AgencyContactForm(BootstrapMixin, forms.ModelForm):
    """What an agency's head may change on their own agency."""

    class Meta:
        model = Agency
        fields = ["name", "short_name", "address", "phone"]


class PersonForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "username", "email", "position", "phone"]


class NewPersonForm(PersonForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (r.value, r.label) for r in Role if r not in {Role.ADMINISTRATOR, Role.SUPERVISOR}
        ],
    )
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty for a person who does not log in."),
    )


class MembershipForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: object, agencies: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class ClearanceForm(BootstrapMixin, forms.Form):
    level = forms.ChoiceField(label=_("Clearance"), choices=ClearanceLevel.choices)
    granted_on = forms.DateField(
        label=_("Date of decision"),
        initial=date.today,
        error_messages={"invalid": _("Write a real date as dd/mm/yyyy, e.g. 05/03/2026.")},
    )
    decision = forms.CharField(label=_("Decision number"), max_length=128, required=False)


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *AgencyType.choices]
    )

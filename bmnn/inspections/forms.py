from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bmnn.inspections.models import Answer, Finding, Inspection, LegalDocument
from bmnn.org.forms import BootstrapMixin
from bmnn.org.models import Agency, Person


class InspectionForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Inspection.Kind.choices)
    title = forms.CharField(label=_("Inspection title"), max_length=255)
    year = forms.IntegerField(
        label=pgettext_lazy("inspection", "Year"), min_value=2000, max_value=2100
    )
    decision = forms.CharField(label=_("Decision number"), max_length=128, required=False)
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    period_from = forms.DateField(label=_("Period under review from"))
    period_to = forms.DateField(label=_("Period under review to"))
    on_site_from = forms.DateField(label=_("On site from"))
    on_site_to = forms.DateField(label=_("On site to"))
    leader = forms.ModelChoiceField(
        label=_("Team leader"), queryset=Person.objects.filter(is_active=True), required=False
    )
    team = forms.ModelMultipleChoiceField(
        label=_("Team"), queryset=Person.objects.filter(is_active=True), required=False
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies inspected"), queryset=Agency.objects.filter(is_active=True)
    )


class AnswerForm(BootstrapMixin, forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label=_("Result"), choices=Answer.Result.choices)
    evidence = forms.CharField(label=_("Evidence"), required=False)


class FindingForm(BootstrapMixin, forms.Form):
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Finding.Severity.choices, initial=Finding.Severity.MEDIUM
    )
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2})
    )
    rule = forms.CharField(label=_("Rule broken"), max_length=255)
    responsible = forms.ModelChoiceField(label=_("Responsible person"), queryset=Person.objects.filter(is_active=True),
                                         required=False)  # fmt: skip
    deadline = forms.DateField(label=_("Remediation deadline"))


class RemediationForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


class VerifyForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Verification"), choices=[("accept", _("Remedied")), ("reject", _("Not remedied"))]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LibrarySearchForm(forms.Form):
    q = forms.CharField(required=False)
    kind = forms.ChoiceField(
        required=False, choices=[("", _("All kinds")), *LegalDocument.Kind.choices]
    )

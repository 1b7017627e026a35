from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.sorting import person_key
from bmnn.org.models import Person
from bmnn.plans.models import Period, Status, TimingKind
from bmnn.registry.fields import day_field
from bmnn.web.forms import BootstrapMixin


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_("DOCX, PDF with a text layer, or plain text; at most 20 MB."),
        error_messages={"required": _("Choose the plan document.")},
    )


class PlanHeaderForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=64, required=False)
    issuer_name = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    place = forms.CharField(label=_("Place"), max_length=128, required=False)
    date = day_field(_("Date"), required=False)
    title = forms.CharField(label=_("Title"), max_length=500)
    legal_basis = forms.CharField(
        label=_("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer = forms.CharField(label=_("Signer"), max_length=150, required=False)
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    purposes = forms.CharField(widget=forms.HiddenInput, required=False)
    budget = forms.CharField(widget=forms.HiddenInput, required=False)


class TaskForm(BootstrapMixin, forms.Form):
    ref = forms.CharField(label=_("Reference"), max_length=32)
    section = forms.CharField(widget=forms.HiddenInput, required=False)
    content = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    leads = forms.CharField(
        label=_("Lead"), required=False, help_text=_("Agencies or groups, separated by ;")
    )
    coordinating = forms.CharField(label=_("Coordinating"), required=False)
    timing_kind = forms.ChoiceField(label=_("Timing"), choices=TimingKind.choices)
    timing_text = forms.CharField(label=_("Time limit as written"), max_length=500, required=False)
    due_date = day_field(_("Due date"), required=False)
    period = forms.ChoiceField(
        label=_("Check-in period"), choices=[("", "—"), *Period.choices], required=False
    )
    expected_output = forms.CharField(label=_("Expected output"), max_length=500, required=False)
    uncertain = forms.CharField(widget=forms.HiddenInput, required=False)
    DELETE = forms.BooleanField(label=_("Remove"), required=False)

    def flagged(self) -> set[str]:
        return set(filter(None, (self["uncertain"].value() or "").split(",")))


TaskFormSet = forms.formset_factory(TaskForm, extra=0, max_num=500, validate_max=True)


class TaskEditForm(TaskForm):
    responsible = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        field.queryset = people  # type: ignore[attr-defined]
        # by given name, the Vietnamese way, each with the position that tells namesakes apart
        chosen = sorted(people or [], key=lambda p: person_key(p.full_name))
        field.choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[
                (p.pk, f"{p.full_name} — {p.position}" if p.position else p.full_name)
                for p in chosen
            ],
        ]
        del self.fields["DELETE"]


class ProgressForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "—"), ("accept", _("Accept")), ("return", _("Return"))]
    )
    note = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=500,
        help_text=_("Required when the work is returned: say what is missing."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what is missing before returning the work."))
        return data

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bmnn.org.models import Agency, Level
from bmnn.registry.fields import count_field, day_field
from bmnn.registry.models import CatalogueItem, CopyForm, ItemStatus, Kind
from bmnn.registry.queries import catalogue_entries_in_force, catalogues_to_replace
from bmnn.web.forms import BootstrapMixin


def _not_before(form: forms.Form, field: str, start: date | None, message: object) -> None:
    """An end before its start is refused on the end field."""
    end = form.cleaned_data.get(field)
    if end is not None and start is not None and end < start:
        form.add_error(field, str(message))


class _DayOrderForm(forms.Form):
    """A form whose day `later` may not come before the day `earlier` (a field's name, or None
    for today): `day_order = (later, earlier, message)`, the message on the later field."""

    day_order: tuple[str, str | None, Any]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        later, earlier, message = self.day_order
        start = timezone.localdate() if earlier is None else data.get(earlier)
        _not_before(self, later, start, message)
        return data


class IncomingForm(BootstrapMixin, forms.Form):
    issuer_name = forms.CharField(label=_("Issuing agency"), max_length=255)
    number = forms.CharField(label=_("Number and symbol"), max_length=64)
    doc_date = day_field(_("Document date"))
    doc_type = forms.CharField(label=_("Type"), max_length=64, required=False)
    level = forms.ChoiceField(label=_("Classification level"), choices=[("", "—"), *Level.choices])
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Not recorded for Tuyệt mật (Decree 63/2026)."),
    )
    copies = count_field(_("Copies received"), initial=1)
    received_on = day_field(_("Received on"), required=False)
    receiver = forms.CharField(
        label=_("Receiving unit or person"),
        max_length=255,
        help_text=_(
            "The unit or person inside the agency the item is passed to, who signs for it in"
            " the incoming register."
        ),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        _not_before(
            self, "received_on", data.get("doc_date"), _("It cannot be received before its date.")
        )
        if data.get("received_on") and data["received_on"] > timezone.localdate():
            self.add_error("received_on", str(_("This day has not come yet.")))
        return data


class ProposeForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    doc_type = forms.CharField(label=_("Type"), max_length=64, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    catalogue_item = forms.ModelChoiceField(
        label=_("Catalogue item"), queryset=CatalogueItem.objects.none()
    )
    level = forms.ChoiceField(label=_("Proposed level"), choices=[("", "—"), *Level.choices])
    recipients = forms.CharField(label=_("Recipients"), required=False)
    copies_planned = count_field(_("Copies to issue"), high=500, initial=1)
    copy_allowed = forms.BooleanField(label=_("Copying allowed"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the entries in force today: not those not yet in force or removed (L25 Art. 5.1)
        self.fields["catalogue_item"].queryset = catalogue_entries_in_force()  # type: ignore[attr-defined]


class OutgoingForm(BootstrapMixin, _DayOrderForm):
    """Entering an item in the outgoing register, optionally as "Tài liệu thu hồi" with the date
    it must come back by (ND26 Art. 4.4)."""

    recall_by = day_field(
        _("Tài liệu thu hồi: return by (optional)"),
        required=False,
        help_text=_("Empty when the document is not recalled."),
    )

    day_order = ("recall_by", None, _("The return date has passed."))


class CarryReturnForm(BootstrapMixin, forms.Form):
    """The copy back in store, with how it was used (ND26 Art. 5.1)."""

    report = forms.CharField(
        label=_("How it was used"),
        max_length=500,
        error_messages={"required": _("Report how the copy was used.")},
    )


class AttachFileForm(BootstrapMixin, forms.Form):
    """The item's electronic file, stored encrypted."""

    file = forms.FileField(
        label=_("Electronic file"),
        error_messages={"required": _("Choose a file.")},
        widget=forms.FileInput(
            attrs={
                "class": "form-control form-control-sm w-auto flex-grow-1",
                "aria-label": _("Electronic file"),
            }
        ),
    )


class ClassifyForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=64)
    doc_date = day_field(_("Date signed"))
    signer = forms.CharField(label=_("Signer"), max_length=150, required=False)


class AuthoriseCopiesForm(BootstrapMixin, forms.Form):
    """The head's copy decision: how many, in which form (ND26 Art. 3.1; L18 Art. 11)."""

    count = count_field(_("Number of copies"))
    form = forms.ChoiceField(
        label=_("Form of copy"), choices=CopyForm.choices, initial=CopyForm.TRUE_COPY
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=255, required=False)


class CopyRequestForm(BootstrapMixin, forms.Form):
    """What someone of the agency asks the head to let them copy: how many, in which form, and
    why (L18 Art. 11; ND26 Art. 3.1)."""

    count = count_field(_("Number of copies"))
    form = forms.ChoiceField(
        label=_("Form of copy"), choices=CopyForm.choices, initial=CopyForm.TRUE_COPY
    )
    purpose = forms.CharField(
        label=_("Why the copies are needed"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the copies are needed.")},
    )


class CopyDecisionForm(BootstrapMixin, forms.Form):
    """The competent head's answer to a request to copy: a refusal gives its reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Authorise")), ("refuse", _("Refuse"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason for a refusal"),
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", str(_("Give the reason for the refusal.")))
        return data


class DestroyForm(BootstrapMixin, forms.Form):
    """Destruction of copies held here, on a decision recorded with its minutes (L18 Art. 23)."""

    copies = forms.TypedMultipleChoiceField(
        label=_("Copies to destroy"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the copies held here to destroy.")},
    )
    council = forms.CharField(
        label=_("Destruction council (one member a line, the chair first)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for the levels the law gives to a council."),
    )
    minutes = forms.CharField(
        label=_("Minutes: what was destroyed and how"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, copies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["copies"]
        field.choices = [(c.pk, f"{c.get_kind_display()} {c.number}") for c in copies or []]  # type: ignore[attr-defined]
        field.widget.attrs["class"] = "form-check-input"

    def council_members(self) -> list[str]:
        text = self.cleaned_data.get("council") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class RecordCopiesForm(BootstrapMixin, forms.Form):
    """Copies made under one authorisation (named by a hidden input next to the form)."""

    count = count_field(_("Number of copies made"))
    spoiled = count_field(_("Spoiled copies destroyed"), low=0, initial=0, required=False)
    recipients = forms.CharField(label=_("Recipients"), max_length=500, required=False)


class ProvideForm(BootstrapMixin, forms.Form):
    """The head's decision to provide a copy to another agency (L18 Art. 15.1). No agency is
    chosen beforehand: the head picks one."""

    copy = forms.IntegerField(widget=forms.HiddenInput)
    to_agency = forms.ModelChoiceField(
        label=_("To agency"),
        queryset=Agency.objects.filter(is_active=True),
        empty_label=_("— choose the agency —"),
        error_messages={"required": _("Choose the agency the copy is provided to.")},
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=255)


class RecallForm(BootstrapMixin, _DayOrderForm):
    """The head recalls what the agency sent: the date written on it and why (ND26 Art. 4.4)."""

    return_by = day_field(_("Return by"))
    reason = forms.CharField(label=_("Reason"), max_length=255)

    day_order = ("return_by", None, _("The return date has passed."))


class RecallReturnForm(BootstrapMixin, forms.Form):
    """One recipient's return, checked by the officer (TT07 Art. 6.5)."""

    line = forms.IntegerField(widget=forms.HiddenInput)
    returned_on = day_field(_("Returned on"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class DecisionForm(BootstrapMixin, forms.Form):
    decided_on = day_field(_("Decided on"))
    decision = forms.CharField(label=_("Decision number"), max_length=128, required=False)


class ExtendForm(_DayOrderForm, DecisionForm):
    new_end = day_field(_("New end of protection"))

    day_order = ("new_end", "decided_on", _("The new end is before the decision."))


class DeclassifyForm(BootstrapMixin, forms.Form):
    """Declassification by decision after a council, in whole or in part (L18 Art. 22.4, 22.6)."""

    decided_on = day_field(_("Decided on"))
    decision = forms.CharField(label=_("Decision number"), max_length=128)
    council = forms.CharField(
        label=_("Declassification council (one member a line, the chair first)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        help_text=_(
            "Chaired by a leader of the agency, with members from the related bodies"
            " (L18 Art. 22.4)."
        ),
    )
    minutes = forms.CharField(
        label=_("Council minutes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )
    partial = forms.BooleanField(
        label=_("Partial: only some content is declassified"), required=False
    )
    parts = forms.CharField(
        label=_("Content declassified (for a partial decision)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FilterForm(_DayOrderForm):
    """The register list's filters. A level or status that is not in its list (sent by hand in
    the address) is refused by its field; the other filters still apply."""

    q = forms.CharField(label=_("Search"), required=False)
    level = forms.ChoiceField(
        label=_("Classification level"),
        required=False,
        choices=[("", _("All levels")), *Level.choices],
        error_messages={"invalid_choice": _("Choose a classification level from the list.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ItemStatus.choices],
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    since = day_field(_("From"), required=False)
    until = day_field(_("To"), required=False)
    holder = forms.CharField(label=_("Holder"), required=False)

    day_order = ("until", "since", _("The end is before the start."))


class StatisticsForm(_DayOrderForm):
    """The period of the statistics (TT24 Form 18): from and to, dd/mm/yyyy."""

    since = day_field(_("From"), required=False)
    until = day_field(_("To"), required=False)

    day_order = ("until", "since", _("The end is before the start."))


class CarryOutForm(BootstrapMixin, forms.Form):
    """A written request to carry a copy in store out (ND26 Art. 5.2); `copies` are the copies
    that may be chosen."""

    copy = forms.TypedChoiceField(label=_("Copy"), coerce=int)
    purpose = forms.CharField(label=_("Purpose"), max_length=255)
    place = forms.CharField(label=_("Place and work"), max_length=255)
    until = day_field(_("To be returned by"))
    protection = forms.CharField(label=_("Protection measures"), max_length=255)
    abroad = forms.BooleanField(label=_("Abroad"), required=False)
    delegation_leader = forms.CharField(
        label=_("Delegation leader (for abroad)"), max_length=150, required=False
    )

    def __init__(self, *args: Any, copies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["copy"]
        field.choices = [(c.pk, f"{c.get_kind_display()} {c.number}") for c in copies or []]  # type: ignore[attr-defined]
        field.error_messages["required"] = field.error_messages["invalid_choice"] = _(
            "Choose the copy."
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        _not_before(self, "until", timezone.localdate(), _("The return date is before today."))
        if data.get("abroad") and not (data.get("delegation_leader") or "").strip():
            self.add_error(
                "delegation_leader", str(_("Name the delegation leader for a trip abroad."))
            )
        return data


class MeetingForm(BootstrapMixin, _DayOrderForm):
    """What the organiser declares about a meeting with secret content (ND26 Art. 6)."""

    starts_on = day_field(_("First day"))
    ends_on = day_field(_("Last day"))
    venue = forms.CharField(label=_("Venue"), max_length=255)
    at_headquarters = forms.BooleanField(
        label=_("Closed room at the agency's headquarters"), required=False, initial=True
    )
    venue_check = forms.CharField(
        label=_("Police security check of the venue"),
        max_length=255,
        required=False,
        help_text=_("Required for a venue outside the headquarters: who checked it and when."),
    )
    wired_microphones = forms.BooleanField(
        label=_("Wired microphones"), required=False, initial=True
    )
    recording_devices = forms.BooleanField(
        label=_("Devices that receive, transmit or record"), required=False
    )
    devices_allowed_by_chair = forms.BooleanField(
        label=_("Devices allowed by the chair (Mật only)"), required=False
    )
    video_conference = forms.BooleanField(label=_("Video conference"), required=False)
    protected_link = forms.BooleanField(
        label=_("Link protected under the cipher law"), required=False
    )
    foreign_element = forms.BooleanField(label=_("Foreign participants"), required=False)
    participants_screened = forms.BooleanField(
        label=_("Participants security-checked"), required=False
    )
    protection_plan = forms.CharField(
        label=_("Protection plan"), widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.CharField(
        label=_("Participants (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    day_order = ("ends_on", "starts_on", _("The last day is before the first day."))


class MeetingConsentForm(BootstrapMixin, forms.Form):
    """The head's or the Chairman's answer to a meeting plan; with foreign participants the
    consent is given in writing, and its number is written here (L18 Art. 17.2)."""

    consent_document = forms.CharField(
        label=_("Written consent no."), max_length=128, required=False
    )


class MeetingCloseForm(BootstrapMixin, forms.Form):
    documents_collected = forms.BooleanField(label=_("All documents collected"), required=False)
    room_sealed_daily = forms.BooleanField(
        label=_("Room sealed after each day (meetings of two days or more)"), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- secret catalogues ---------------------------------------------------------------------------


class CatalogueForm(BootstrapMixin, _DayOrderForm):
    sector = forms.CharField(label=_("Sector"), max_length=255)
    decision = forms.CharField(label=_("Prime Minister's decision (number)"), max_length=128)
    issued_on = day_field(_("Issued on"))
    valid_from = day_field(
        _("In force from"),
        required=False,
        help_text=_("Empty: from the day it is issued."),
    )
    replaces = forms.ModelChoiceField(
        label=_("Replaces the catalogue"),
        required=False,
        queryset=catalogues_to_replace(),
        help_text=_("Its entries are carried over; remove, change or add entries afterwards."),
    )

    day_order = ("valid_from", "issued_on", _("A catalogue is not in force before it is issued."))


class CatalogueEntryForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Entry number"), max_length=16)
    text = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *Level.choices])
    valid_from = day_field(
        _("In force from"),
        required=False,
        help_text=_("Empty: from the catalogue's start."),
    )


class EntryRemovalForm(BootstrapMixin, forms.Form):
    effective_on = day_field(_("No longer in the catalogue from"))
    decision = forms.CharField(label=_("Prime Minister's decision (number)"), max_length=128)


class EntryLevelForm(BootstrapMixin, forms.Form):
    new_level = forms.ChoiceField(label=_("New level"), choices=[("", "—"), *Level.choices])
    effective_on = day_field(_("In force from"))
    decision = forms.CharField(label=_("Prime Minister's decision (number)"), max_length=128)


class ChangeLevelForm(BootstrapMixin, forms.Form):
    new_level = forms.ChoiceField(label=_("New level"), choices=[("", "—"), *Level.choices])
    decided_on = day_field(_("Decided on"))
    decision = forms.CharField(label=_("Decision number"), max_length=128)
    new_end = day_field(
        _("Protected until"),
        required=False,
        help_text=_("Leave empty to keep the current end (a raise keeps the longer of the two)."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end, decided = data.get("new_end"), data.get("decided_on")
        if end and decided and end < decided:
            self.add_error("new_end", _("The end is before the decision."))
        return data


class RemarkForm(forms.Form):
    """The holder's security officer records the copies re-marked; late, with the reason."""

    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class NoticeExportForm(BootstrapMixin, forms.Form):
    agency = forms.TypedChoiceField(label=_("Agency"), coerce=int)
    since = day_field(
        _("Decisions from (empty: all)"),
        required=False,
        help_text=_("Empty: every decision."),
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]  # type: ignore[attr-defined]


MAX_BUNDLE = 50 * 1024 * 1024


class NoticeImportForm(NoticeExportForm):
    since = None  # type: ignore[assignment]
    bundle = forms.FileField(
        label=_("Bundle file"),
        error_messages={"required": _("Choose a bundle file (at most 50 MB).")},
    )

    def clean_bundle(self) -> Any:
        upload = self.cleaned_data["bundle"]
        if (upload.size or 0) > MAX_BUNDLE:
            raise ValidationError(_("Choose a bundle file (at most 50 MB)."))
        return upload

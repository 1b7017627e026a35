from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.org.forms import BootstrapMixin
from bmnn.org.models import Agency, Level
from bmnn.registry.models import CatalogueItem, CopyForm, ItemStatus, Kind
from bmnn.registry.queries import catalogue_entries_in_force, catalogues_to_replace


class IncomingForm(BootstrapMixin, forms.Form):
    issuer_name = forms.CharField(label=_("Issuing agency"), max_length=255)
    number = forms.CharField(label=_("Number and symbol"), max_length=64)
    doc_date = forms.DateField(label=_("Document date"))
    doc_type = forms.CharField(label=_("Type"), max_length=64, required=False)
    level = forms.ChoiceField(label=_("Classification level"), choices=Level.choices)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Not recorded for Tuyệt mật (Decree 63/2026)."),
    )  # fmt: skip
    copies = forms.IntegerField(label=_("Copies received"), min_value=1, max_value=100, initial=1)
    received_on = forms.DateField(label=_("Received on"), required=False)
    receiver = forms.CharField(
        label=_("Receiving unit or person"), max_length=255,
        help_text=_("The unit or person inside the agency the item is passed to, who signs for it in the incoming register."),
    )  # fmt: skip


class ProposeForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    doc_type = forms.CharField(label=_("Type"), max_length=64, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    catalogue_item = forms.ModelChoiceField(
        label=_("Catalogue item"), queryset=CatalogueItem.objects.none()
    )
    level = forms.ChoiceField(label=_("Proposed level"), choices=Level.choices)
    recipients = forms.CharField(label=_("Recipients"), required=False)
    copies_planned = forms.IntegerField(
        label=_("Copies to issue"), min_value=1, max_value=500, initial=1
    )
    copy_allowed = forms.BooleanField(label=_("Copying allowed"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the entries in force today: not those not yet in force or removed (L25 Art. 5.1)
        self.fields["catalogue_item"].queryset = catalogue_entries_in_force()  # type: ignore[attr-defined]


class ClassifyForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=64)
    doc_date = forms.DateField(label=_("Date signed"))
    signer = forms.CharField(label=_("Signer"), max_length=150, required=False)


class AuthoriseCopiesForm(BootstrapMixin, forms.Form):
    """The head's copy decision: how many, in which form (ND26 Art. 3.1; L18 Art. 11)."""

    count = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=100)
    form = forms.ChoiceField(
        label=_("Form of copy"), choices=CopyForm.choices, initial=CopyForm.TRUE_COPY
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=255, required=False)


class RecordCopiesForm(BootstrapMixin, forms.Form):
    """Copies made under one authorisation (named by a hidden input next to the form)."""

    count = forms.IntegerField(label=_("Number of copies made"), min_value=1, max_value=100)
    spoiled = forms.IntegerField(
        label=_("Spoiled copies destroyed"), min_value=0, max_value=100, initial=0, required=False
    )
    recipients = forms.CharField(label=_("Recipients"), max_length=500, required=False)


class ProvideForm(BootstrapMixin, forms.Form):
    copy = forms.IntegerField(widget=forms.HiddenInput)
    to_agency = forms.ModelChoiceField(
        label=_("To agency"), queryset=Agency.objects.filter(is_active=True)
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=255)


class RecallForm(BootstrapMixin, forms.Form):
    """The head recalls what the agency sent: the date written on it and why (ND26 Art. 4.4)."""

    return_by = forms.DateField(label=_("Return by"))
    reason = forms.CharField(label=_("Reason"), max_length=255)


class RecallReturnForm(BootstrapMixin, forms.Form):
    """One recipient's return, checked by the officer (TT07 Art. 6.5)."""

    line = forms.IntegerField(widget=forms.HiddenInput)
    returned_on = forms.DateField(label=_("Returned on"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class DecisionForm(BootstrapMixin, forms.Form):
    decided_on = forms.DateField(label=_("Decided on"))
    decision = forms.CharField(label=_("Decision number"), max_length=128, required=False)


class ExtendForm(DecisionForm):
    new_end = forms.DateField(label=_("New end of protection"))


class DeclassifyForm(BootstrapMixin, forms.Form):
    """Declassification by decision after a council, in whole or in part (L18 Art. 22.4, 22.6)."""

    decided_on = forms.DateField(label=_("Decided on"))
    decision = forms.CharField(label=_("Decision number"), max_length=128)
    council = forms.CharField(
        label=_("Declassification council (one member a line, the chair first)"),
        widget=forms.Textarea(attrs={"rows": 3}), max_length=3000,
        help_text=_("Chaired by a leader of the agency, with members from the related bodies (L18 Art. 22.4)."),
    )  # fmt: skip
    minutes = forms.CharField(
        label=_("Council minutes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )
    partial = forms.BooleanField(label=_("Partial: only some content is declassified"), required=False)  # fmt: skip
    parts = forms.CharField(
        label=_("Content declassified (for a partial decision)"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class FilterForm(forms.Form):
    q = forms.CharField(required=False)
    level = forms.ChoiceField(required=False, choices=[("", _("All levels")), *Level.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", _("All statuses")), *ItemStatus.choices]
    )
    since = forms.DateField(required=False)
    until = forms.DateField(required=False)
    holder = forms.CharField(required=False)


class CarryOutForm(BootstrapMixin, forms.Form):
    copy = forms.IntegerField(widget=forms.HiddenInput)
    purpose = forms.CharField(label=_("Purpose"), max_length=255)
    place = forms.CharField(label=_("Place and work"), max_length=255)
    until = forms.DateField(label=_("To be returned by"))
    protection = forms.CharField(label=_("Protection measures"), max_length=255)
    abroad = forms.BooleanField(label=_("Abroad"), required=False)
    delegation_leader = forms.CharField(
        label=_("Delegation leader (for abroad)"), max_length=150, required=False
    )


class MeetingForm(BootstrapMixin, forms.Form):
    """What the organiser declares about a meeting with secret content (ND26 Art. 6)."""

    starts_on = forms.DateField(label=_("First day"))
    ends_on = forms.DateField(label=_("Last day"))
    venue = forms.CharField(label=_("Venue"), max_length=255)
    at_headquarters = forms.BooleanField(
        label=_("Closed room at the agency's headquarters"), required=False, initial=True
    )
    venue_check = forms.CharField(
        label=_("Police security check of the venue"), max_length=255, required=False,
        help_text=_("Required for a venue outside the headquarters: who checked it and when."),
    )  # fmt: skip
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


class MeetingCloseForm(BootstrapMixin, forms.Form):
    documents_collected = forms.BooleanField(label=_("All documents collected"), required=False)
    room_sealed_daily = forms.BooleanField(
        label=_("Room sealed after each day (meetings of two days or more)"), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- secret catalogues ---------------------------------------------------------------------------


class CatalogueForm(BootstrapMixin, forms.Form):
    sector = forms.CharField(label=_("Sector"), max_length=255)
    decision = forms.CharField(label=_("Prime Minister's decision (number)"), max_length=128)
    issued_on = forms.DateField(label=_("Issued on"))
    valid_from = forms.DateField(
        label=_("In force from"), required=False, help_text=_("Empty: from the day it is issued.")
    )
    replaces = forms.ModelChoiceField(
        label=_("Replaces the catalogue"), required=False,
        queryset=catalogues_to_replace(),
        help_text=_("Its entries are carried over; remove, change or add entries afterwards."),
    )  # fmt: skip


class CatalogueEntryForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Entry number"), max_length=16)
    text = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    valid_from = forms.DateField(
        label=_("In force from"), required=False, help_text=_("Empty: from the catalogue's start.")
    )


class EntryRemovalForm(BootstrapMixin, forms.Form):
    effective_on = forms.DateField(label=_("No longer in the catalogue from"))
    decision = forms.CharField(label=_("Prime Minister's decision (number)"), max_length=128)


class EntryLevelForm(BootstrapMixin, forms.Form):
    new_level = forms.ChoiceField(label=_("New level"), choices=Level.choices)
    effective_on = forms.DateField(label=_("In force from"))
    decision = forms.CharField(label=_("Prime Minister's decision (number)"), max_length=128)

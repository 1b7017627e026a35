"""Secret items (documents, objects, places, meetings …), their copies, the registers and
need-to-know grants.

A `SecretItem` is one classified piece of information as an agency holds it: created there
(and registered outgoing) or received (registered incoming). Its `Copy` rows are the physical or
electronic containers, numbered, each with a holder. Every register line is a `RegisterEntry`
in a numbered `RegisterBook` volume; its columns are snapshot at entry time, so a book printed
years later shows what was written then.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.fields import agency_field, person_field
from bmnn.core.storage import private_storage
from bmnn.org.models import Level
from bmnn.registry import rules


class Catalogue(models.Model):
    """Danh mục bí mật nhà nước: a Prime Minister's decision listing a sector's secrets."""

    sector = models.CharField(_("sector"), max_length=255)
    decision = models.CharField(_("decision"), max_length=128)
    issued_on = models.DateField(_("issued on"))
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = _("secret catalogue")
        verbose_name_plural = _("secret catalogues")
        ordering = ["sector"]

    def __str__(self) -> str:
        return f"{self.decision} — {self.sector}"


class CatalogueItem(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(_("item"), max_length=16)
    text = models.TextField(_("content"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    is_active = models.BooleanField(_("in force"), default=True)
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["catalogue", "code"]

    def __str__(self) -> str:
        return f"{self.catalogue.decision}, {self.code}: {self.text[:80]}"


class CatalogueChange(models.Model):
    """One dated change of a catalogue entry: removed from the catalogue, or its level changed.
    Removal declassifies the items classified under it (L18 Art. 22.2.c; holders told at once);
    a lower level lists the items above it for their classifiers to decide."""

    class Change(models.TextChoices):
        REMOVED = "removed", _("Removed from the catalogue")
        LEVEL = "level", _("Level changed")

    entry = models.ForeignKey(CatalogueItem, on_delete=models.PROTECT, related_name="changes")
    change = models.CharField(_("change"), max_length=16, choices=Change.choices)
    effective_on = models.DateField(_("in force from"))
    decision = models.CharField(_("decision"), max_length=128)
    old_level = models.CharField(max_length=16, choices=Level.choices, blank=True)
    new_level = models.CharField(max_length=16, choices=Level.choices, blank=True)
    recorded_by = person_field()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.entry.code}: {self.get_change_display()} ({self.effective_on:%d/%m/%Y})"


class Kind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    ELECTRONIC = "electronic", _("Electronic document")
    OBJECT = "object", _("Object")
    PLACE = "place", _("Place")
    ACTIVITY = "activity", _("Activity")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other form")


class Origin(models.TextChoices):
    CREATED = "created", _("Created here")
    RECEIVED = "received", _("Received")


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    REJECTED = "rejected", _("Not classified")
    CLASSIFIED = "classified", _("Classified")
    DECLASSIFIED = "declassified", _("Declassified")
    DESTROYED = "destroyed", _("Destroyed")


class SecretItem(models.Model):
    agency = agency_field(related_name="secret_items")
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DOCUMENT)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices)
    number = models.CharField(_("number and symbol"), max_length=64, blank=True)
    doc_type = models.CharField(_("type"), max_length=64, blank=True)
    doc_date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    issuer_name = models.CharField(_("issuing agency"), max_length=255, blank=True)
    catalogue_item = models.ForeignKey(
        CatalogueItem,
        verbose_name=_("catalogue item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = person_field(_("drafted by"), optional=True)
    approved_by = person_field(_("approved by"), optional=True)
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    copies_planned = models.PositiveIntegerField(_("copies issued"), default=1)
    copy_allowed = models.BooleanField(_("copying allowed"), default=False)
    determined_on = models.DateField(_("level determined on"), null=True, blank=True)
    period_years = models.PositiveSmallIntegerField(
        _("shorter period (years)"), null=True, blank=True
    )
    protected_until = models.DateField(_("protected until"), null=True, blank=True, db_index=True)
    released_on = models.DateField(_("place released on"), null=True, blank=True)
    declassified_at = models.DateField(_("declassified on"), null=True, blank=True)
    held_since = models.DateField(_("held since"), null=True, blank=True)
    destroyed_on = models.DateField(_("destroyed on"), null=True, blank=True)
    source_item = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="received_as"
    )
    search_text = models.CharField(max_length=600, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("secret item")
        verbose_name_plural = _("secret items")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status", "level"]),
            models.Index(fields=["agency", "doc_date"]),
            # the register list: newest first within an agency
            models.Index(fields=["agency", "-created_at", "-id"], name="registry_item_newest"),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    @property
    def envelope_mark(self) -> str:
        """A, B or C on the envelope it travels in (the registry's rule)."""
        return rules.envelope_mark(self.level)


class CopyKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("True copy")
    EXTRACT = "extract", _("Extract")
    PHOTO = "photo", _("Photograph")


class CopyForm(models.TextChoices):
    """How a copy is made (ND26 Art. 3; the 2026 decree adds paper to paper and paper to
    electronic, SOURCES.md §5.3 Form 12)."""

    TRUE_COPY = "sao_y", _("True copy (sao y)")
    REISSUE = "sao_luc", _("Re-issued copy (sao lục)")
    EXTRACT = "trich_sao", _("Extract (trích sao)")
    PHOTO = "chup", _("Photograph (chụp)")
    TO_ELECTRONIC = "dien_tu", _("Paper to electronic")


COPY_KIND_OF_FORM = {
    CopyForm.TRUE_COPY: CopyKind.COPY,
    CopyForm.REISSUE: CopyKind.COPY,
    CopyForm.EXTRACT: CopyKind.EXTRACT,
    CopyForm.PHOTO: CopyKind.PHOTO,
    CopyForm.TO_ELECTRONIC: CopyKind.COPY,
}


class CopyStatus(models.TextChoices):
    IN_STORE = "in_store", _("In store")
    CHECKED_OUT = "checked_out", _("Carried out")
    SENT = "sent", _("Provided to another agency")
    DESTROYED = "destroyed", _("Destroyed")
    LOST = "lost", _("Lost or leaked")


class Copy(models.Model):
    item = models.ForeignKey(SecretItem, on_delete=models.CASCADE, related_name="copies")
    number = models.PositiveIntegerField(_("copy number"))
    kind = models.CharField(_("kind"), max_length=16, choices=CopyKind.choices)
    holder = person_field(_("holder"), optional=True, related_name="held_copies")
    location = models.CharField(_("location"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CopyStatus.choices, default=CopyStatus.IN_STORE
    )
    made_on = models.DateField(_("made on"), null=True, blank=True)
    destroyed_on = models.DateField(_("destroyed on"), null=True, blank=True)
    authorisation = models.ForeignKey(
        "CopyAuthorisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies_made",
    )

    class Meta:
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        ordering = ["item", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "kind", "number"], name="registry_copy_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.get_kind_display()} {self.number}"


class Book(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing register")
    INCOMING = "incoming", _("Incoming register")
    COPIES = "copies", _("Copy and photograph register")
    HANDOVER = "handover", _("Handover book")


class RegisterBook(models.Model):
    """One volume of one book of one agency for one year; closed volumes take no entries."""

    agency = agency_field(related_name="register_books")
    kind = models.CharField(_("book"), max_length=16, choices=Book.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    volume = models.PositiveSmallIntegerField(_("volume"), default=1)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    last_seq = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("register volume")
        verbose_name_plural = _("register volumes")
        ordering = ["agency", "kind", "-year", "-volume"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "volume"], name="registry_book_volume_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} — {self.volume}"


class RegisterEntry(models.Model):
    """A line in a book. `seq` runs through the year across volumes and is never reused."""

    book = models.ForeignKey(RegisterBook, on_delete=models.PROTECT, related_name="entries")
    agency = agency_field()
    kind = models.CharField(max_length=16, choices=Book.choices)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField(_("sequence number"))
    item = models.ForeignKey(SecretItem, on_delete=models.PROTECT, related_name="entries")
    entered_on = models.DateField(_("date"))
    columns = models.JSONField(default=dict)
    created_by = person_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["agency", "kind", "year", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "seq"], name="registry_seq_once"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "kind", "year", "seq"], name="registry_entry_list")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}/{self.seq}"


class CopyAuthorisation(models.Model):
    """The head's permission to copy or photograph an item (L18 Art. 11)."""

    item = models.ForeignKey(
        SecretItem, on_delete=models.CASCADE, related_name="copy_authorisations"
    )
    count = models.PositiveIntegerField(_("copies allowed"))
    used = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=CopyKind.choices, default=CopyKind.COPY)
    form = models.CharField(
        _("form"), max_length=16, choices=CopyForm.choices, default=CopyForm.TRUE_COPY
    )
    spoiled = models.PositiveIntegerField(_("spoiled copies destroyed"), default=0)
    authorised_by = person_field()
    authorised_on = models.DateField()
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)

    def __str__(self) -> str:
        return f"{self.item}: {self.used}/{self.count}"


class CopyRequest(models.Model):
    """A written request to copy or photograph an item: who asks, how many copies, in which
    form and why; the competent head's decision — an authorisation, or a refusal with its
    reason — and the copies then made under that authorisation (L18 Art. 11; ND26 Art. 3.1)."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Awaiting the decision")
        APPROVED = "approved", _("Authorised")
        REFUSED = "refused", _("Refused")

    item = models.ForeignKey(
        SecretItem,
        verbose_name=_("secret item"),
        on_delete=models.CASCADE,
        related_name="copy_requests",
    )
    requested_by = person_field(_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    count = models.PositiveIntegerField(_("number of copies"))
    form = models.CharField(
        _("form of copy"), max_length=16, choices=CopyForm.choices, default=CopyForm.TRUE_COPY
    )
    purpose = models.CharField(_("why the copies are needed"), max_length=255)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REQUESTED
    )
    decided_by = person_field(_("decided by"), optional=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for the refusal"), max_length=255, blank=True)
    authorisation = models.OneToOneField(
        CopyAuthorisation,
        verbose_name=_("authorisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="request",
    )

    class Meta:
        verbose_name = _("request to copy")
        verbose_name_plural = _("requests to copy")
        ordering = ["requested_at", "pk"]
        indexes = [models.Index(fields=["state", "item"], name="registry_copyreq_state")]

    def __str__(self) -> str:
        return f"{self.item}: {self.count} ({self.get_state_display()})"


class Transfer(models.Model):
    """Providing a copy to another agency (L18 Art. 15): request, approval, handover, receipt."""

    class State(models.TextChoices):
        DECIDED = "decided", _("Decided, to hand over")
        SENT = "sent", _("Handed over, awaiting receipt")
        RECEIVED = "received", _("Received")

    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="transfers")
    from_agency = agency_field()
    to_agency = agency_field(related_name="incoming_transfers")
    purpose = models.CharField(_("purpose"), max_length=255)
    approved_by = person_field()
    state = models.CharField(max_length=16, choices=State.choices, default=State.DECIDED)
    received_item = models.ForeignKey(
        SecretItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.copy} → {self.to_agency}"


class Extension(models.Model):
    item = models.ForeignKey(SecretItem, on_delete=models.CASCADE, related_name="extensions")
    new_end = models.DateField(_("new end"))
    decided_on = models.DateField(_("decided on"))
    decision = models.CharField(_("decision"), max_length=128, blank=True)
    decided_by = person_field()
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.item} → {self.new_end}"


class LevelChange(models.Model):
    """A decided change of level (L18/L25 Art. 21), with the end of the period before and after
    it: the decider states the resulting end, which never silently shortens (LAW.md lifecycle 9)."""

    item = models.ForeignKey(SecretItem, on_delete=models.CASCADE, related_name="level_changes")
    from_level = models.CharField(max_length=16, choices=Level.choices)
    to_level = models.CharField(max_length=16, choices=Level.choices)
    previous_end = models.DateField(null=True, blank=True)
    new_end = models.DateField(_("protected until"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"))
    decision = models.CharField(_("decision"), max_length=128, blank=True)
    decided_by = person_field(optional=True)
    recorded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.from_level} → {self.to_level}"


class Declassification(models.Model):
    """How an item stopped being secret, in whole or in part (L18 Art. 22): at the end of its
    period, when it left the catalogue, or by a decision after a declassification council
    (Art. 22.4), which a partial decision also needs and which states the parts it frees."""

    class Reason(models.TextChoices):
        EXPIRED = "expired", _("Protection period ended")
        OUT_OF_CATALOGUE = "catalogue", _("No longer in a secret catalogue")
        DECISION = "decision", _("Decision of the classifying agency")
        NOTICE = "notice", _("Notice from the classifying agency")

    item = models.ForeignKey(SecretItem, on_delete=models.CASCADE, related_name="declassifications")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    partial = models.BooleanField(_("partial"), default=False)
    parts = models.TextField(_("parts declassified"), blank=True)
    decided_on = models.DateField(_("decided on"))
    decision = models.CharField(_("decision"), max_length=128, blank=True)
    council = models.TextField(_("council members (one per line)"), blank=True)
    council_minutes = models.TextField(_("council minutes"), blank=True)
    decided_by = person_field(optional=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_reason_display()}"


class HolderNotice(models.Model):
    """What the classifying agency tells the holders of an item it sent (L18 Art. 20.4, 21.5,
    22.3, 22.6): an extension, a level change, a declassification (in whole or part), a recall
    or removal from the catalogue. One notice per holder's copy (a received item); the holder
    re-marks its copies within 15 days and records it."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("Extension of the protection period")
        LEVEL = "level", _("Change of level")
        DECLASSIFIED = "declassified", _("Declassification")
        PARTIAL = "partial", _("Partial declassification")
        OUT_OF_CATALOGUE = "catalogue", _("Removed from the secret catalogue")
        RECALL = "recall", _("Recall")

    item = models.ForeignKey(SecretItem, on_delete=models.CASCADE, related_name="notices")
    source_item = models.ForeignKey(
        SecretItem, null=True, blank=True, on_delete=models.PROTECT, related_name="notices_sent"
    )
    kind = models.CharField(_("notice"), max_length=16, choices=Kind.choices)
    issuer_name = models.CharField(_("from"), max_length=255)
    decided_on = models.DateField(_("decided on"))
    decision = models.CharField(_("decision"), max_length=128, blank=True)
    new_level = models.CharField(max_length=16, choices=Level.choices, blank=True)
    new_end = models.DateField(null=True, blank=True)
    parts = models.TextField(blank=True)
    return_by = models.DateField(null=True, blank=True)
    received_on = models.DateField(_("received on"))
    remark_by = models.DateField(_("re-mark by"))
    remarked_on = models.DateField(_("re-marked on"), null=True, blank=True)
    remarked_by = person_field(optional=True)
    remark_note = models.CharField(_("note"), max_length=255, blank=True)
    bundle = models.CharField(_("arrived in bundle"), max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["remarked_on", "remark_by"], name="registry_notice_due")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"


class Recall(models.Model):
    """A document sent with the "TÀI LIỆU THU HỒI" mark: every recipient returns it by the
    date written on it (ND26 Art. 4.4; unlawful recall is prohibited, L25 Art. 5.4). One
    return line per recipient."""

    item = models.ForeignKey(SecretItem, on_delete=models.PROTECT, related_name="recalls")
    return_by = models.DateField(_("return by"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    decided_by = person_field()
    decided_on = models.DateField(_("decided on"))
    closed_on = models.DateField(_("all returned on"), null=True, blank=True)

    class Meta:
        ordering = ["return_by", "pk"]

    def __str__(self) -> str:
        return f"{self.item} ← {self.return_by:%d/%m/%Y}"


class RecallReturn(models.Model):
    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="returns")
    recipient = models.CharField(_("recipient"), max_length=255)
    to_agency = agency_field(optional=True)
    received_item = models.ForeignKey(
        SecretItem, null=True, blank=True, on_delete=models.PROTECT, related_name="recall_returns"
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    checked_by = person_field(optional=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["recall", "pk"]

    def __str__(self) -> str:
        return f"{self.recall}: {self.recipient}"


class NeedToKnow(models.Model):
    """An explicit grant to read an item, beyond the holders, the approver and the agency's
    head and security officers."""

    item = models.ForeignKey(SecretItem, on_delete=models.CASCADE, related_name="grants")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = person_field()
    granted_on = models.DateField()
    reason = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="registry_need_to_know_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.item}"


class CarryOut(models.Model):
    """Carrying a copy out of its storage place (L18 Art. 14; ND26 Art. 5): a written request,
    the head's approval, and the return."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ENDORSED = "endorsed", _("Endorsed by the head, awaiting approval to go abroad")
        APPROVED = "approved", _("Approved, out")
        REFUSED = "refused", _("Refused")
        RETURNED = "returned", _("Returned")

    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="carry_outs")
    requested_by = person_field()
    purpose = models.CharField(_("purpose"), max_length=255)
    place = models.CharField(_("place and work"), max_length=255)
    until = models.DateField(_("to be returned by"))
    protection = models.CharField(_("protection measures"), max_length=255)
    abroad = models.BooleanField(_("abroad"), default=False)
    delegation_leader = models.CharField(
        _("delegation leader (informed)"), max_length=150, blank=True
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.REQUESTED)
    endorsed_by = person_field(optional=True)
    decided_by = person_field(optional=True)
    returned_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.copy} → {self.place}"


class Meeting(models.Model):
    """A meeting with secret content (L18 Art. 17–18; ND26 Art. 6). The meeting is a secret item
    of kind "meeting" (its level, catalogue item and period); this records how it is protected:
    the venue, devices, protection plan and participants the consent is given on, and what
    happened at the end (documents collected, room sealed)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned, awaiting consent")
        APPROVED = "approved", _("Consent given")
        REFUSED = "refused", _("Consent refused")
        HELD = "held", _("Held and closed")

    item = models.OneToOneField(SecretItem, on_delete=models.PROTECT, related_name="meeting")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=255)
    at_headquarters = models.BooleanField(
        _("closed room at the agency's headquarters"), default=True
    )
    venue_check = models.CharField(
        _("police security check of the venue"), max_length=255, blank=True
    )
    wired_microphones = models.BooleanField(_("wired microphones"), default=True)
    recording_devices = models.BooleanField(
        _("devices that receive, transmit or record"), default=False
    )
    devices_allowed_by_chair = models.BooleanField(_("devices allowed by the chair"), default=False)
    video_conference = models.BooleanField(_("video conference"), default=False)
    protected_link = models.BooleanField(_("link protected under the cipher law"), default=False)
    foreign_element = models.BooleanField(_("foreign participants"), default=False)
    participants_screened = models.BooleanField(_("participants security-checked"), default=False)
    protection_plan = models.TextField(_("protection plan"))
    participants = models.TextField(_("participants (one per line)"))
    state = models.CharField(max_length=16, choices=State.choices, default=State.PLANNED)
    organiser = person_field()
    consent_by = person_field(optional=True)
    consent_document = models.CharField(_("written consent"), max_length=128, blank=True)
    documents_collected = models.BooleanField(null=True, blank=True)
    room_sealed_daily = models.BooleanField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    closed_by = person_field(optional=True)

    def __str__(self) -> str:
        return f"{self.item} ({self.starts_on:%d/%m/%Y})"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class ItemFile(models.Model):
    """The electronic file of an item, stored encrypted under a random name."""

    item = models.ForeignKey(SecretItem, on_delete=models.CASCADE, related_name="files")
    blob = models.FileField(storage=private_storage)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = person_field()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name

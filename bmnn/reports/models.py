"""Incident reports of a leak or loss of state secrets (lộ, mất bí mật nhà nước), with their
follow-up steps and closure."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bmnn.core.fields import agency_field, person_field
from bmnn.org.models import Level


class Incident(models.Model):
    class Channel(models.TextChoices):
        LOST_DOCUMENT = "lost_document", _("Document or object lost")
        WEB_PORTAL = "web_portal", _("Posted on a web portal")
        EMAIL_CHAT = "email_chat", _("Sent over internet e-mail or a chat app")
        CONNECTED_COMPUTER = (
            "connected_computer",
            _("Composed or kept on an internet-connected computer"),
        )
        STOLEN_DEVICE = "stolen_device", _("Device stolen")
        MALWARE = "malware", _("Malware")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        AGENCY = "agency", _("Reported by the agency")
        REGISTRY = "registry", _("Loss recorded in the registry")
        SCANNER = "scanner", _("Found by the leak scanner")

    agency = agency_field(_("agency"), related_name="incidents")
    what = models.TextField(_("what was leaked or lost"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    found_at = models.DateTimeField(_("when it was found"))
    channel = models.CharField(_("how"), max_length=24, choices=Channel.choices)
    scope = models.TextField(_("scope"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.AGENCY
    )
    source_ref = models.CharField(_("source reference"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    reported_by = person_field(_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.what[:60]}"


class IncidentStep(models.Model):
    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="steps"
    )
    text = models.TextField(_("follow-up"))
    author = person_field(_("author"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    closes = models.BooleanField(_("closes the incident"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ReportingPeriod(models.Model):
    """What agencies report on, for which window, by when: the statutory annual report, the
    five-year review, periods the province adds, and ad-hoc requests to chosen agencies."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual report")
        FIVE_YEAR = "five_year", _("Five-year review")
        SEMIANNUAL = "semiannual", _("Six-monthly report")
        QUARTERLY = "quarterly", _("Quarterly report")
        AD_HOC = "ad_hoc", _("Ad-hoc request")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("reporting period", "Open")
        CLOSED = "closed", pgettext_lazy("reporting period", "Closed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    window_start = models.DateField(_("data from"))
    window_end = models.DateField(_("data to"))
    due_on = models.DateField(_("agencies report by"))
    statutory_due_on = models.DateField(_("province reports by"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=255, blank=True)
    questions = models.JSONField(_("questions"), default=list, blank=True)
    targets = models.ManyToManyField(
        "org.Agency", verbose_name=_("agencies asked"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        "org.AgencyGroup", verbose_name=_("groups asked"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_by = person_field(_("opened by"), optional=True)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-window_end", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "window_start", "window_end"],
                condition=~models.Q(kind="ad_hoc"),
                name="reports_period_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def key(self) -> str:
        """How installations name the same period to each other (bundles)."""
        return f"{self.kind}:{self.window_start.isoformat()}:{self.window_end.isoformat()}"


class Submission(models.Model):
    """One agency's report for one period: four narrative parts, answers to an ad-hoc request's
    questions, and the figures (each with its value filled from BMNN's records, the value
    reported, and the reason for any correction)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting the head's signature")
        SIGNED = "signed", _("Signed and sent")
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", pgettext_lazy("report", "Accepted")

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    agency = agency_field(_("agency"), related_name="report_submissions")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    situation = models.TextField(_("situation and results"), blank=True)
    shortcomings = models.TextField(_("shortcomings and their causes"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    figures = models.JSONField(_("figures"), default=dict)
    figures_filled_at = models.DateTimeField(_("figures filled at"), null=True, blank=True)
    drafted_by = person_field(_("drafted by"), optional=True)
    signed_by = person_field(_("signed by"), optional=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    first_sent_at = models.DateTimeField(_("first sent at"), null=True, blank=True)
    accepted_by = person_field(_("accepted by"), optional=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["period", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agency"], name="reports_submission_once")
        ]
        indexes = [models.Index(fields=["period", "state"])]

    def __str__(self) -> str:
        return f"{self.period} — {self.agency}"

    def value(self, key: str) -> int:
        return int((self.figures.get(key) or {}).get("value") or 0)


class SubmissionEvent(models.Model):
    """The submission's history: drafted, submitted, signed, returned (with the comment),
    accepted."""

    class Action(models.TextChoices):
        DRAFT = "draft", _("started the draft")
        SUBMIT = "submit", _("submitted it for signature")
        SIGN = "sign", _("signed and sent it")
        RETURN = "return", _("returned it")
        ACCEPT = "accept", _("accepted it")

    submission = models.ForeignKey(
        Submission, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = person_field(_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y}"


class ProvinceReport(models.Model):
    """The province's report for a period, built from the accepted submissions (and the reports
    of lower installations imported as bundles): header fields, narrative the supervisors edit,
    and the aggregated figures as built."""

    period = models.OneToOneField(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="province_report",
    )
    issuer_parent = models.CharField(_("parent body"), max_length=255)
    issuer = models.CharField(_("issuing body"), max_length=255)
    number = models.CharField(_("number and symbol"), max_length=64)
    place = models.CharField(_("place"), max_length=64)
    day = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=500)
    recipients = models.TextField(_("recipients"), help_text=_("One per line"))
    signer_title = models.CharField(_("signer's title"), max_length=255)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    situation = models.TextField(_("situation and results"), blank=True)
    shortcomings = models.TextField(_("shortcomings and their causes"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    data = models.JSONField(_("figures as built"), default=dict)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    built_by = person_field(_("built by"), optional=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)

    def __str__(self) -> str:
        return f"{self.number} — {self.period}"


class ImportedReport(models.Model):
    """A lower installation's report for a period (a province's, for the ministry), brought in as
    a signed bundle and aggregated like an agency's accepted submission."""

    period_kind = models.CharField(_("kind"), max_length=16)
    window_start = models.DateField(_("data from"))
    window_end = models.DateField(_("data to"))
    issuer = models.CharField(_("issued by"), max_length=255)
    key_id = models.CharField(_("signing key"), max_length=16)
    bundle_sha256 = models.CharField(_("bundle fingerprint"), max_length=64)
    signed_at = models.CharField(_("signed at"), max_length=40)
    payload = models.JSONField(_("content"), default=dict)
    imported_by = person_field(_("imported by"), optional=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["issuer"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "period_kind", "window_start", "window_end"],
                name="reports_imported_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} ({self.window_start:%d/%m/%Y}–{self.window_end:%d/%m/%Y})"

"""Inspections and self-inspections with their checklist, answers, findings and remediation;
training sessions and attendance; the legal library."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.fields import agency_field, person_field
from bmnn.core.storage import encrypted_storage


class Inspection(models.Model):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection")
        SELF = "self", _("Self-inspection")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        CONCLUDED = "concluded", _("Concluded")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INSPECTION)
    title = models.CharField(_("title"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    decision = models.CharField(_("decision number"), max_length=128, blank=True)
    scope = models.TextField(_("scope"), blank=True)
    period_from = models.DateField(_("period under review from"))
    period_to = models.DateField(_("period under review to"))
    on_site_from = models.DateField(_("on site from"))
    on_site_to = models.DateField(_("on site to"))
    leader = person_field(_("team leader"), related_name="led_inspections")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team"), related_name="inspections", blank=True
    )
    checklist_version = models.CharField(max_length=32)
    # the date an imported plan sets for the inspected agencies' own (self-inspection) reports
    self_report_due = models.DateField(_("own reports due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    created_by = person_field()
    created_at = models.DateTimeField(auto_now_add=True)
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-on_site_from", "-pk"]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """One inspected agency."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="targets")
    agency = agency_field(related_name="inspection_targets")
    # the days the plan's schedule gives this agency (lịch kiểm tra), when it gives them
    scheduled_from = models.DateField(_("scheduled from"), null=True, blank=True)
    scheduled_to = models.DateField(_("scheduled to"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "agency"], name="inspections_target_once")
        ]

    def __str__(self) -> str:
        return f"{self.inspection} — {self.agency}"


class ChecklistItem(models.Model):
    """The inspection's own copy of a checklist item: editable without touching the default."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    area_code = models.CharField(max_length=64)
    area_title = models.CharField(max_length=255)
    code = models.CharField(max_length=64)
    text = models.TextField()
    source = models.CharField(max_length=255, blank=True)
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "code"], name="inspections_item_once")
        ]

    def __str__(self) -> str:
        return self.code


class Answer(models.Model):
    class Result(models.TextChoices):
        COMPLIANT = "compliant", _("Compliant")
        NOT_COMPLIANT = "not_compliant", _("Not compliant")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="answers")
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    answered_by = person_field()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "item"], name="inspections_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.result}"


class Finding(models.Model):
    class Severity(models.TextChoices):
        LOW = "low", _("Minor")
        MEDIUM = "medium", _("Significant")
        HIGH = "high", _("Serious")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REMEDIATED = "remediated", _("Remediation reported")
        VERIFIED = "verified", _("Verified")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(
        ChecklistItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    severity = models.CharField(
        _("severity"), max_length=16, choices=Severity.choices, default=Severity.MEDIUM
    )
    description = models.TextField(_("what was found"))
    rule = models.CharField(_("rule broken"), max_length=255)
    responsible = person_field(_("responsible person"), optional=True)
    deadline = models.DateField(_("remediation deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_by = person_field()
    created_at = models.DateTimeField(auto_now_add=True)
    verified_by = person_field(optional=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.description[:80]


class Remediation(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="remediations")
    text = models.TextField(_("what was done"))
    posted_by = person_field()
    posted_at = models.DateTimeField(auto_now_add=True)
    accepted = models.BooleanField(null=True, blank=True)
    comment = models.TextField(_("inspector's comment"), blank=True)

    class Meta:
        ordering = ["posted_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class TrainingSession(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        DISSEMINATION = "dissemination", _("Dissemination of the law")
        CAMPAIGN = "campaign", _("Media campaign")
        EXAM = "exam", _("Exam")

    agency = agency_field(_("organiser"), related_name="training_sessions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    participants = models.JSONField(_("participants by category"), default=dict)
    materials = models.TextField(_("materials"), blank=True)
    created_by = person_field()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def participant_total(self) -> int:
        return sum(int(v) for v in self.participants.values())


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    person = person_field(optional=True, related_name="trainings")
    name = models.CharField(max_length=150)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="inspections_attendance_once",
                condition=models.Q(person__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LegalDocument(models.Model):
    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree")
        CIRCULAR = "circular", _("Circular")
        DIRECTIVE = "directive", _("Directive")
        PLAN = "plan", _("Plan")
        CATALOGUE = "catalogue", _("Catalogue of state secrets")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("number and symbol"), max_length=64)
    title = models.CharField(_("title"), max_length=500)
    issuer = models.CharField(_("issued by"), max_length=255)
    sector = models.CharField(_("sector"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-effective_from", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Regulation(models.Model):
    """An agency's own protection regulation (quy chế / nội quy bảo vệ bí mật nhà nước)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFTING = "drafting", _("Drafting")
        ISSUED = "issued", _("Issued")

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="regulation")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    document_number = models.CharField(_("issuing document"), max_length=128, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    review_due = models.DateField(_("review due"), null=True, blank=True)
    file = models.FileField(storage=encrypted_storage, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    updated_by = person_field()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.agency}: {self.get_status_display()}"


class StaffDesignation(models.Model):
    """Who does state-secret work in an agency, designated in writing (ND26 Art. 7)."""

    class Mode(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time")
        PART_TIME = "part_time", _("Part-time")

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="designations")
    person = person_field(related_name="designations")
    mode = models.CharField(_("kind"), max_length=16, choices=Mode.choices)
    decision = models.CharField(_("designating decision"), max_length=128)
    decided_on = models.DateField(_("decided on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_by = person_field()

    class Meta:
        ordering = ["agency", "-decided_on"]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_mode_display()})"


class BudgetEstimate(models.Model):
    """The police's annual estimate for state-secret protection work, its appraisal by the
    finance department and the amounts allocated (L18 Art. 6; TT110)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for appraisal")
        DECIDED = "decided", _("Decided")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    appraised_by = models.CharField(_("appraised by"), max_length=255, blank=True)
    decision = models.CharField(_("decision"), max_length=128, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = person_field()

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class BudgetLine(models.Model):
    estimate = models.ForeignKey(BudgetEstimate, on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("item"), max_length=255)
    requested = models.DecimalField(_("requested (VND)"), max_digits=15, decimal_places=0)
    allocated = models.DecimalField(
        _("allocated (VND)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.item

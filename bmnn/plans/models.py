"""Plans (kế hoạch) and their tasks under the "4 rõ" rule, with per-agency assignments.

A task names lead and coordinating agencies or groups (`TaskParty`). Issuing the plan expands
every party into one `Assignment` per agency, which that agency then reports progress on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.fields import agency_field, person_field
from bmnn.core.storage import encrypted_storage


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    CLOSED = "closed", _("Closed")


class TimingKind(models.TextChoices):
    DATE = "date", _("By a date")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    CONTINUOUS = "continuous", _("Continuous")
    ON_REQUEST = "on_request", _("On request")
    UNSPECIFIED = "unspecified", _("Unspecified")


class Period(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    YEAR = "year", _("Yearly")


class PartyRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATING = "coordinating", _("Coordinating")


class Plan(models.Model):
    number = models.CharField(_("number and symbol"), max_length=64, blank=True)
    issuer = agency_field(_("issuing agency"), optional=True)
    issuer_name = models.CharField(_("issued by"), max_length=255, blank=True)
    place = models.CharField(_("place"), max_length=128, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    purposes = models.TextField(_("purposes and requirements"), blank=True)
    budget = models.TextField(_("budget"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    source_file = models.FileField(_("source file"), storage=encrypted_storage, blank=True)
    source_name = models.CharField(_("source file name"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(default=0)
    ref = models.CharField(_("reference"), max_length=32)
    section = models.CharField(_("section"), max_length=500, blank=True)
    content = models.TextField(_("task"))
    timing_kind = models.CharField(
        _("timing"), max_length=16, choices=TimingKind.choices, default=TimingKind.UNSPECIFIED
    )
    timing_text = models.CharField(_("time limit as written"), max_length=500, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    period = models.CharField(
        _("check-in period"), max_length=16, choices=Period.choices, blank=True
    )
    expected_output = models.CharField(_("expected output"), max_length=500, blank=True)
    responsible = person_field(
        _("responsible person"), optional=True, related_name="responsible_tasks"
    )
    uncertain = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.ref} {self.content[:60]}"


class TaskParty(models.Model):
    """A lead or coordinating agency or group as the plan names it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    agency = agency_field(optional=True)
    group = models.ForeignKey(
        "org.AgencyGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    words = models.CharField(_("as written"), max_length=500)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.agency or self.group or self.words)

    @property
    def resolved(self) -> bool:
        return self.agency_id is not None or self.group_id is not None


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")


class Review(models.TextChoices):
    NONE = "", _("—")
    PENDING = "pending", _("Awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class Assignment(models.Model):
    """One agency's share of a task (a group lead expands into one of these per member)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    agency = agency_field(related_name="plan_assignments")
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    review = models.CharField(_("review"), max_length=16, choices=Review.choices, blank=True)
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["task", "agency"], name="plans_assignment_unique")
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.task.ref} — {self.agency}"


class ProgressUpdate(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="updates")
    author = person_field()
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    period = models.CharField(_("period"), max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.get_status_display()}"


class Evidence(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=encrypted_storage)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name

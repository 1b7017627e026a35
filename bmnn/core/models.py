"""The audit chain: an append-only, hash-chained log of every state change.

Each event stores the hash of the event before it, so changing, removing or reordering a stored
event breaks the chain at that point; `bmnn audit verify` walks it and names the first broken
event. Database triggers refuse UPDATE (and DELETE on PostgreSQL) of stored events, so only
someone who can alter the schema can tamper, and verification still catches them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.fields import agency_field, person_field


class AuditEvent(models.Model):
    """Sự kiện nhật ký: who did what to which object, when and from where."""

    seq = models.BigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor = person_field(_("actor"), optional=True, db_constraint=False)
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    agency = agency_field(_("agency"), optional=True, db_constraint=False)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    client_address = models.CharField(_("client address"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"


class AuditChainHead(models.Model):
    """One row that serialises appends: writers lock it, read the last hash, append, update it."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.last_seq}"


class Notification(models.Model):
    """Thông báo trong ứng dụng. `key` makes scheduled reminders idempotent per recipient."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(max_length=255, blank=True)
    key = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="core_notification_once")
        ]

    def __str__(self) -> str:
        return self.title


class ScheduleRun(models.Model):
    """One row per scheduled job per day: the first worker to insert it enqueues the job."""

    name = models.CharField(max_length=64)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="core_schedule_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.day}"


class TrustedKey(models.Model):
    """A public key whose signed bundles of one kind this installation accepts (a scanner
    host's findings, an agency's or a province's reports)."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("bundle kind"), max_length=64)
    key_id = models.CharField(max_length=16)
    public_key = models.CharField(max_length=64)
    added_by = person_field(optional=True)
    added_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key_id", "kind"], name="core_trusted_key_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind}, {self.key_id})"


class WorkerHeartbeat(models.Model):
    """A running `bmnn worker` says it is alive every few seconds (bmnn.core.worker); the long
    tasks of a worker whose heartbeat stopped are queued again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} {self.beat_at:%H:%M:%S}"

"""Portals to watch, crawl runs and their shared frontier, what each URL held last time, the
findings, and the pre-publication checks (verdicts only: the checked file is never kept)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.fields import agency_field, person_field


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class Portal(models.Model):
    name = models.CharField(_("name"), max_length=255)
    agency = agency_field(_("agency running it"), optional=True, related_name="portals")
    start_urls = models.TextField(_("start addresses (one per line)"))
    allowed_hosts = models.TextField(_("hosts that may be crawled (one per line)"))
    max_depth = models.PositiveSmallIntegerField(_("link depth"), default=3)
    max_pages = models.PositiveIntegerField(_("page limit per run"), default=500)
    delay = models.FloatField(_("seconds between requests"), default=1.0)
    every_days = models.PositiveSmallIntegerField(_("scan every (days)"), default=1)
    enabled = models.BooleanField(_("scheduled"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("portal")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def start_list(self) -> list[str]:
        return [line.strip() for line in self.start_urls.splitlines() if line.strip()]

    @property
    def host_set(self) -> frozenset[str]:
        return frozenset(
            line.strip().lower() for line in self.allowed_hosts.splitlines() if line.strip()
        )


class CrawlRun(models.Model):
    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="runs")
    state = models.CharField(max_length=16, choices=State.choices, default=State.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requested_by = person_field(optional=True)
    pages = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    new_findings = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.portal} {self.started_at:%d/%m/%Y %H:%M}"


class QueuedUrl(models.Model):
    """The frontier of one run: many workers claim rows, so the work is shared."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        CLAIMED = "claimed", _("Being fetched")
        DONE = "done", _("Fetched")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    run = models.ForeignKey(CrawlRun, on_delete=models.CASCADE, related_name="queue")
    url = models.TextField()
    key = models.CharField(max_length=64)
    depth = models.PositiveSmallIntegerField(default=0)
    referrer = models.TextField(blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "key"], name="scanner_queue_url_once")
        ]
        indexes = [models.Index(fields=["run", "state"])]

    def __str__(self) -> str:
        return self.url


class Resource(models.Model):
    """What a URL of a portal held when last fetched: unchanged content is not scanned again."""

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="resources")
    url = models.TextField()
    key = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64, blank=True)
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=16, blank=True)
    secret = models.BooleanField(default=False)
    level = models.CharField(max_length=16, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["portal", "key"], name="scanner_resource_once")
        ]

    def __str__(self) -> str:
        return self.url


class Finding(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Not a leak")
        REMOVED = "removed", _("Taken down")

    class Source(models.TextChoices):
        CRAWL = "crawl", _("Portal crawl")
        IMPORT = "import", _("Imported from the scanner host")

    portal = models.ForeignKey(
        Portal, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    url = models.TextField(_("address"))
    referrer = models.TextField(_("linked from"), blank=True)
    content_hash = models.CharField(max_length=64)
    level = models.CharField(_("level"), max_length=16, blank=True)
    score = models.FloatField(default=0)
    evidence = models.JSONField(default=list)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.CRAWL)
    note = models.TextField(blank=True)
    decided_by = person_field(optional=True)

    class Meta:
        verbose_name = _("finding")
        ordering = ["-first_seen", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["url", "content_hash"], name="scanner_finding_once"),
        ]

    def __str__(self) -> str:
        return self.url


class Check(models.Model):
    """A pre-publication check: who, what file (name, size, fingerprint) and the verdict."""

    requested_by = person_field()
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    secret = models.BooleanField()
    level = models.CharField(max_length=16, blank=True)
    score = models.FloatField()
    via = models.CharField(max_length=8)  # page | api
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"


class ScanLease(models.Model):
    """A pre-publication check in progress: one row per running check of a person, in one of
    BMNN_SCAN_CONCURRENT_PER_USER numbered slots. The unique (person, slot) pair makes taking a
    slot atomic across threads and processes; `expires_at` frees the slot of a process that
    died without giving it back (`bmnn.scanner.leases`)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField()
    token = models.CharField(max_length=32)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "slot"], name="scanner_one_check_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}#{self.slot} until {self.expires_at:%H:%M:%S}"

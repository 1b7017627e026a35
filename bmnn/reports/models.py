"""Incident reports of a leak or loss of state secrets (lộ, mất bí mật nhà nước), with their
follow-up steps and closure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="incidents"
    )
    what = models.TextField(_("what was leaked or lost"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    found_at = models.DateTimeField(_("when it was found"))
    channel = models.CharField(_("how"), max_length=24, choices=Channel.choices)
    scope = models.TextField(_("scope"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.AGENCY)
    source_ref = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.what[:60]}"


class IncidentStep(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(_("follow-up"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closes = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

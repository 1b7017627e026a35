"""The inventory of computers, removable media and independent LANs used for secrets, with
host-audit reports and the findings they raise."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.fields import agency_field, person_field
from bmnn.devices import rules
from bmnn.org.models import Level


class IndependentLan(models.Model):
    agency = agency_field(_("agency"), related_name="independent_lans")
    name = models.CharField(_("name"), max_length=255)
    site = models.CharField(_("site"), max_length=255)
    administrator = person_field(_("administered by"), optional=True)
    measures = models.TextField(_("security measures"), blank=True)

    class Meta:
        verbose_name = _("independent LAN")
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return self.name


# What each of rules.concerns means, as a person reads it next to the device.
CONCERN_LABELS = {
    "connected_in_use": _("Used for secrets while connected to an outside network: prohibited"),
    "connected": _("Connected to an outside network: not to be used for secrets"),
    "ever_connected": _("Has been connected: check it before use"),
    "history_unknown": _("Connection history not known: check it before use"),
}


# The law or plan behind each concern, cited the Vietnamese way (rules.Concern.article is the
# short English reference the API gives).
_L25_ART_5_2 = _("clause 2, Article 5 of the Law on the Protection of State Secrets 2025")
_PLAN_II_4 = _("section II.4 of the province's plan under Decision No. 452/QĐ-TTg")
CONCERN_ARTICLES = {
    "connected_in_use": _L25_ART_5_2,
    "connected": _L25_ART_5_2,
    "ever_connected": _(
        "section II.4 of the province's plan under Decision No. 452/QĐ-TTg; formerly clause 5, "
        "Article 5 of the Law on the Protection of State Secrets 2018"
    ),
    "history_unknown": _PLAN_II_4,
}


class Device(models.Model):
    class Kind(models.TextChoices):
        COMPUTER = "computer", _("Desktop computer")
        LAPTOP = "laptop", _("Laptop")
        PRINTER = "printer", _("Printer")
        COPIER = "copier", _("Copier or scanner")
        OTHER = "other", _("Other device")

    class Connection(models.TextChoices):
        """What the device is connected to now (đang kết nối): the fact the 2025 prohibition
        turns on (Law 117/2025/QH15, Art. 5.2)."""

        NONE = "none", _("Not connected to any network")
        LAN = "lan", _("An independent LAN")
        INTERNET = "internet", _("The internet")
        TELECOM = "telecom", _("A telecom network")
        OTHER = "other", _("Another computer network")

    class EverConnected(models.TextChoices):
        """Whether the device has ever been connected (đã từng kết nối) to the internet, a
        telecom network or a computer network other than an independent LAN: the history that
        provinces check before such a device is used for secrets (seed plan 004 II.4)."""

        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Not known")

    agency = agency_field(_("agency"), related_name="devices")
    asset_tag = models.CharField(_("asset tag"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    make_model = models.CharField(_("make and model"), max_length=255, blank=True)
    serial = models.CharField(_("serial number"), max_length=128, blank=True)
    os = models.CharField(_("operating system"), max_length=128, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    custodian = person_field(_("custodian"), optional=True, related_name="devices")
    highest_level = models.CharField(
        _("highest level handled"), max_length=16, choices=Level.choices, blank=True
    )
    connected_to = models.CharField(
        _("currently connected to"), max_length=16, choices=Connection.choices
    )
    ever_connected = models.CharField(
        _("ever connected to an outside network"),
        max_length=16,
        choices=EverConnected.choices,
        default=EverConnected.UNKNOWN,
    )
    ever_connected_on = models.DateField(_("last known connection"), null=True, blank=True)
    ever_connected_to = models.CharField(_("connected to what"), max_length=255, blank=True)
    lan = models.ForeignKey(
        IndependentLan,
        verbose_name=_("independent LAN"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="devices",
    )
    hostname = models.CharField(_("host name"), max_length=255, blank=True)
    machine_id = models.CharField(_("machine identifier"), max_length=128, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("device")
        ordering = ["agency", "asset_tag"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "asset_tag"], name="devices_asset_tag_once")
        ]

    def __str__(self) -> str:
        return f"{self.asset_tag} {self.make_model}".strip()

    @property
    def used_for_secrets(self) -> bool:
        """In use, with the highest level it handles recorded."""
        return self.active and bool(self.highest_level)

    @property
    def concerns(self) -> list[rules.Concern]:
        """What the two connection facts mean for this device (rules.concerns); none once retired."""
        if not self.active:
            return []
        return rules.concerns(
            self.connected_to, self.ever_connected, used_for_secrets=self.used_for_secrets
        )

    @property
    def concerns_shown(self) -> list[dict[str, str]]:
        """The concerns as a page shows them: what they mean and the law they rest on."""
        return [
            {
                "code": c.code,
                "kind": c.kind,
                "article": str(CONCERN_ARTICLES[c.code]),
                "label": str(CONCERN_LABELS[c.code]),
            }
            for c in self.concerns
        ]


class DeviceChange(models.Model):
    """The history of a device record (also in the audit chain)."""

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = person_field(_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    # {"created": true} for a new record; else {field: [old, new], ...} (a related row by its
    # id, a day as yyyy-mm-dd), with "host_report": id when a host audit made the change
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("device history entry")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.device} {self.changed_at:%d/%m/%Y}"


class Medium(models.Model):
    class Kind(models.TextChoices):
        USB = "usb", _("USB drive")
        DISK = "disk", _("External disk")
        CARD = "card", _("Memory card")
        OPTICAL = "optical", _("Optical disc")

    agency = agency_field(_("agency"), related_name="media")
    label = models.CharField(_("label"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    make_model = models.CharField(_("make and model"), max_length=255, blank=True)
    serial = models.CharField(_("serial number"), max_length=128)
    custodian = person_field(_("custodian"), optional=True)
    highest_level = models.CharField(
        _("highest level"), max_length=16, choices=Level.choices, blank=True
    )
    registered_on = models.DateField(_("registered on"))
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("storage medium")
        ordering = ["agency", "label"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "serial"], name="devices_medium_serial_once")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.serial})"


class HostReport(models.Model):
    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.CASCADE, related_name="reports"
    )
    uploaded_by = person_field(_("imported by"))
    uploaded_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    generated_at = models.DateTimeField(_("audited at"))
    sha256 = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    hostname = models.CharField(_("host name"), max_length=255, blank=True)
    machine = models.JSONField(_("machine"), default=dict)
    evidence = models.JSONField(_("evidence"), default=list)
    errors = models.JSONField(_("errors met"), default=list)

    class Meta:
        verbose_name = _("host audit")
        ordering = ["-generated_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.device} {self.generated_at:%d/%m/%Y}"


class DeviceFinding(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Explained")

    class Severity(models.TextChoices):
        """rules.Issue.severity"""

        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.CASCADE, related_name="findings"
    )
    report = models.ForeignKey(
        HostReport, verbose_name=_("host audit"), on_delete=models.CASCADE, related_name="findings"
    )
    code = models.CharField(_("kind of finding"), max_length=32)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    # The rules' own words (English, as the API has always given them); pages say it from
    # `code` and `counts` in the reader's language (labels.finding_text).
    summary = models.CharField(_("summary"), max_length=255)
    # The figures the finding states (rules.Issue.counts): how many traces, how many of them Wi-Fi.
    counts = models.JSONField(_("figures"), default=dict, blank=True)
    evidence = models.JSONField(_("evidence"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    note = models.TextField(_("how it was resolved or explained"), blank=True)
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("device finding")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.summary

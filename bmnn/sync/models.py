"""The channels between BMNN installations (nodes): the peers this node trusts, the bundles it
sent and received on each channel, and how a record sent by a peer maps to a local row.

A channel is one direction between two nodes (this node → a peer, or a peer → this node); its
bundles are numbered from 1 so that a gap, a replay or a reordering shows. Everything here lives
in the database, so a backup of the database carries the channel numbers and the trust with it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bmnn.core.fields import agency_field, person_field
from bmnn.core.storage import encrypted_storage


class NodeRole(models.TextChoices):
    PROVINCE = "province", _("Province node")
    AGENCY = "agency", _("Agency node")


class Peer(models.Model):
    """Another node whose bundles this node accepts and to which it sends: the province node
    for an agency node, and each agency node (and the province's other agencies' nodes) for the
    province. Trust is set up once, with the key's fingerprint checked by phone."""

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("kind of node"), max_length=16, choices=NodeRole.choices)
    agency = agency_field(_("agency"), optional=True)
    agency_code = models.CharField(_("agency code"), max_length=64, blank=True)
    key_id = models.CharField(max_length=16, unique=True)
    public_key = models.CharField(max_length=64)
    # X25519 key its bundles are sealed to (from its card); empty: sent signed, not sealed
    seal_key = models.CharField(max_length=64, blank=True)
    added_by = person_field(optional=True)
    added_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The highest number of ours the peer says it received: after this node is restored from an
    # older backup, its next bundle is numbered after it rather than reusing a number.
    acknowledged_seq = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("node")

    def __str__(self) -> str:
        return self.name


class Outbound(models.Model):
    """A bundle this node made for a peer (its outbox); `acknowledged_at` is set when a later
    bundle from the peer says it arrived."""

    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="outbound")
    seq = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = person_field(optional=True)
    contents = models.JSONField(default=dict)  # section → number of records
    marks = models.JSONField(default=dict)  # how far each incremental section went
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    file = models.FileField(storage=encrypted_storage)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-seq"]
        constraints = [models.UniqueConstraint(fields=["peer", "seq"], name="sync_outbound_once")]

    def __str__(self) -> str:
        return f"→ {self.peer} #{self.seq}"


class Inbound(models.Model):
    """A bundle a peer sent here (its inbox): imported, or held until the bundles before it
    arrive. Refused bundles are not kept here; their refusal is in the audit log."""

    class State(models.TextChoices):
        IMPORTED = "imported", pgettext_lazy("bundle", "Imported")
        HELD = "held", _("Held: an earlier bundle is missing")

    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="inbound")
    seq = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=State.choices)
    received_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    received_by = person_field(optional=True)
    created_at = models.CharField(max_length=40)  # when the sender made it (its own clock)
    contents = models.JSONField(default=dict)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    file = models.FileField(storage=encrypted_storage, blank=True)  # kept while held

    class Meta:
        ordering = ["-seq"]
        constraints = [models.UniqueConstraint(fields=["peer", "seq"], name="sync_inbound_once")]

    def __str__(self) -> str:
        return f"← {self.peer} #{self.seq}"


class Link(models.Model):
    """A record that came from a peer: the peer's id for it and the local row it became (or
    the local row that went to the peer, for the answers that come back)."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="links")
    model = models.CharField(max_length=64)
    remote_id = models.CharField(max_length=64)
    local_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["peer", "model", "remote_id"], name="sync_link_once")
        ]
        indexes = [models.Index(fields=["peer", "model", "local_id"])]

    def __str__(self) -> str:
        return f"{self.model} {self.remote_id} → {self.local_id}"

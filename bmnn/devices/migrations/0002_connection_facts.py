"""Two connection facts per device instead of one network status: what it is connected to now
(Law 117/2025/QH15, Art. 5.2) and whether it has ever been connected (seed plan 004 II.4).

The old status carries over: "standalone (never connected)" was a declaration of both facts
(not connected now, never connected); "on an independent LAN" says nothing of the past, so the
history is not known; "other" was a network other than an independent LAN, so the device is
connected to another network now and has been connected. A host audit that already found
traces of an outside network on a device (a finding not dismissed as explained) is evidence that
it has been connected: the fact says yes, with the latest date the traces carry. The data
migration writes no history row (no person made the change); the audit chain keeps the old
values of every earlier change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import migrations, models

OLD_TO_NEW = {"standalone": ("none", "no"), "lan": ("lan", "unknown"), "other": ("other", "yes")}
NEW_TO_OLD = {"none": "standalone", "lan": "lan"}
OUTSIDE_FINDINGS = ("network_on_standalone", "wifi_on_lan_device", "public_network")


def _day(value: Any) -> date | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def forwards(apps: Any, schema_editor: Any) -> None:
    Device = apps.get_model("devices", "Device")
    DeviceFinding = apps.get_model("devices", "DeviceFinding")
    for old, (now, ever) in OLD_TO_NEW.items():
        Device.objects.filter(connected_to=old).update(connected_to=now, ever_connected=ever)
    found = DeviceFinding.objects.filter(code__in=OUTSIDE_FINDINGS).exclude(status="dismissed")
    for finding in found.order_by("device_id", "pk"):
        device = Device.objects.get(pk=finding.device_id)
        days = [d for d in (_day(e.get("time")) for e in finding.evidence or [] if e.get("time")) if d]
        last = max(days) if days else None
        device.ever_connected = "yes"
        if last and (device.ever_connected_on is None or last > device.ever_connected_on):
            device.ever_connected_on = last
            device.ever_connected_to = finding.summary[:255]
        elif not device.ever_connected_to:
            device.ever_connected_to = finding.summary[:255]
        device.save(update_fields=["ever_connected", "ever_connected_on", "ever_connected_to"])


def backwards(apps: Any, schema_editor: Any) -> None:
    Device = apps.get_model("devices", "Device")
    for now, old in NEW_TO_OLD.items():
        Device.objects.filter(connected_to=now).update(connected_to=old)
    Device.objects.exclude(connected_to__in=list(NEW_TO_OLD.values())).update(connected_to="other")


class Migration(migrations.Migration):
    dependencies = [("devices", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="device", old_name="network_status", new_name="connected_to"),
        migrations.AlterField(
            model_name="device",
            name="connected_to",
            field=models.CharField(
                choices=[("none", "Not connected to any network"), ("lan", "An independent LAN"),
                         ("internet", "The internet"), ("telecom", "A telecom network"),
                         ("other", "Another computer network")],
                max_length=16, verbose_name="currently connected to",
            ),
        ),
        migrations.AddField(
            model_name="device",
            name="ever_connected",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")], default="unknown",
                max_length=16, verbose_name="ever connected to an outside network",
            ),
        ),
        migrations.AddField(
            model_name="device",
            name="ever_connected_on",
            field=models.DateField(blank=True, null=True, verbose_name="last known connection"),
        ),
        migrations.AddField(
            model_name="device",
            name="ever_connected_to",
            field=models.CharField(blank=True, max_length=255, verbose_name="connected to what"),
        ),
        migrations.RunPython(forwards, backwards),
    ]

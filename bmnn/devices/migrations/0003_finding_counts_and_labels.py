"""Device findings keep their figures (how many traces, how many of them Wi-Fi) so that pages
say them in the reader's language; the findings already stored get them from their summary,
which the rules wrote in one fixed English pattern per kind. Labels for the fields, the
severity's choices."""

import re
from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

NUMBER = re.compile(r"\d+")


def counts_from_summaries(apps: Any, schema_editor: Any) -> None:
    DeviceFinding = apps.get_model("devices", "DeviceFinding")
    for finding in DeviceFinding.objects.filter(counts={}).only("pk", "code", "summary"):
        numbers = [int(n) for n in NUMBER.findall(finding.summary)]
        if not numbers:
            continue
        counts = {"traces": numbers[0]}
        if finding.code == "network_on_standalone" and len(numbers) > 1:
            counts["wifi"] = numbers[1]
        DeviceFinding.objects.filter(pk=finding.pk).update(counts=counts)


class Migration(migrations.Migration):
    dependencies = [
        ("devices", "0002_connection_facts"),
        ("org", "0003_commune_titles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="device",
            options={"ordering": ["agency", "asset_tag"], "verbose_name": "device"},
        ),
        migrations.AlterModelOptions(
            name="devicechange",
            options={"ordering": ["-changed_at", "-pk"], "verbose_name": "device history entry"},
        ),
        migrations.AlterModelOptions(
            name="devicefinding",
            options={"ordering": ["-created_at", "-pk"], "verbose_name": "device finding"},
        ),
        migrations.AlterModelOptions(
            name="hostreport",
            options={"ordering": ["-generated_at", "-pk"], "verbose_name": "host audit"},
        ),
        migrations.AlterModelOptions(
            name="independentlan",
            options={"ordering": ["agency", "name"], "verbose_name": "independent LAN"},
        ),
        migrations.AlterModelOptions(
            name="medium",
            options={"ordering": ["agency", "label"], "verbose_name": "storage medium"},
        ),
        migrations.AddField(
            model_name="devicefinding",
            name="counts",
            field=models.JSONField(blank=True, default=dict, verbose_name="figures"),
        ),
        migrations.AlterField(
            model_name="device",
            name="active",
            field=models.BooleanField(default=True, verbose_name="in use"),
        ),
        migrations.AlterField(
            model_name="device",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="devices",
                to="org.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AlterField(
            model_name="devicechange",
            name="changed_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="changed at"),
        ),
        migrations.AlterField(
            model_name="devicechange",
            name="changed_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="changed by",
            ),
        ),
        migrations.AlterField(
            model_name="devicechange",
            name="changes",
            field=models.JSONField(default=dict, verbose_name="changes"),
        ),
        migrations.AlterField(
            model_name="devicechange",
            name="device",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="changes",
                to="devices.device",
                verbose_name="device",
            ),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="code",
            field=models.CharField(max_length=32, verbose_name="kind of finding"),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="found at"),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="device",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="devices.device",
                verbose_name="device",
            ),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="evidence",
            field=models.JSONField(default=list, verbose_name="evidence"),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="note",
            field=models.TextField(blank=True, verbose_name="how it was resolved or explained"),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="devices.hostreport",
                verbose_name="host audit",
            ),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="severity",
            field=models.CharField(
                choices=[("high", "High"), ("medium", "Medium")],
                max_length=8,
                verbose_name="severity",
            ),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="status",
            field=models.CharField(
                choices=[("open", "Open"), ("resolved", "Resolved"), ("dismissed", "Explained")],
                default="open",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="devicefinding",
            name="summary",
            field=models.CharField(max_length=255, verbose_name="summary"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="device",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="devices.device",
                verbose_name="device",
            ),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="errors",
            field=models.JSONField(default=list, verbose_name="errors met"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="evidence",
            field=models.JSONField(default=list, verbose_name="evidence"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="generated_at",
            field=models.DateTimeField(verbose_name="audited at"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="hostname",
            field=models.CharField(blank=True, max_length=255, verbose_name="host name"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="machine",
            field=models.JSONField(default=dict, verbose_name="machine"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="sha256",
            field=models.CharField(max_length=64, verbose_name="fingerprint (SHA-256)"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="uploaded_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="imported at"),
        ),
        migrations.AlterField(
            model_name="hostreport",
            name="uploaded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="imported by",
            ),
        ),
        migrations.AlterField(
            model_name="independentlan",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="independent_lans",
                to="org.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AlterField(
            model_name="medium",
            name="active",
            field=models.BooleanField(default=True, verbose_name="in use"),
        ),
        migrations.AlterField(
            model_name="medium",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="media",
                to="org.agency",
                verbose_name="agency",
            ),
        ),
        migrations.RunPython(counts_from_summaries, migrations.RunPython.noop),
    ]

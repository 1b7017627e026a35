"""Findings carried from the scanner host to the internal system as a signed bundle (DESIGN.md:
one way, by removable media or a data diode)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from bmnn.core import audit, bundles, keys, policy
from bmnn.core.services import require, service
from bmnn.scanner.models import Finding, Portal

KIND = "scanner-findings"
FIELDS = ("url", "referrer", "content_hash", "level", "score", "evidence", "status")


def export(since: datetime | None = None) -> bytes:
    """Every finding first seen since `since` (all when None), with its portal's name."""
    rows = Finding.objects.select_related("portal").order_by("first_seen", "pk")
    if since is not None:
        rows = rows.filter(first_seen__gte=since)
    payload = {
        "findings": [
            {
                **{name: getattr(f, name) for name in FIELDS},
                "portal": f.portal.name if f.portal else "",
                "first_seen": f.first_seen.isoformat(),
                "last_seen": f.last_seen.isoformat(),
            }
            for f in rows[:100_000]
        ],
    }
    import json

    data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
    return bundles.write(
        KIND,
        {"payload.json": data},
        private_pem=keys.signing_key(),
        issuer=settings.BMNN_INSTALLATION_NAME,
    )


def _finding_values(row: dict[str, Any]) -> dict[str, Any]:
    first, last = (
        parse_datetime(str(row.get("first_seen", ""))),
        parse_datetime(str(row.get("last_seen", ""))),
    )
    if not row.get("url") or not row.get("content_hash") or first is None or last is None:
        raise ValidationError(_("A finding in the bundle lacks its address, fingerprint or dates."))
    return {
        "referrer": str(row.get("referrer", ""))[:2000],
        "level": str(row.get("level", ""))[:16],
        "score": float(row.get("score", 0)),
        "evidence": list(row.get("evidence", []))[:20],
        "first_seen": first,
        "last_seen": last,
    }


@service
def import_findings(*, actor: Any, data: bytes) -> dict[str, int]:
    """Checks the bundle (signature by a trusted scanner key, fingerprints) and adds the findings
    it brings; a finding already known is only updated (last seen). All or nothing."""
    if actor is not None:
        require(policy.can_decide_findings(actor), _("Only province supervisors import findings."))
    bundle = keys.open_bundle(data, KIND, _("This bundle does not hold scanner findings."))
    try:
        rows = bundle.json()["findings"]
    except (KeyError, ValueError, TypeError) as exc:
        raise ValidationError(_("The bundle's content is damaged.")) from exc
    portals = {p.name: p for p in Portal.objects.all()}
    added = updated = 0
    for row in rows:
        values = _finding_values(row)
        name = str(row.get("portal", ""))[:255]
        if name and name not in portals:
            portals[name] = Portal.objects.create(
                name=name, start_urls="", allowed_hosts="", enabled=False
            )
        finding, created = Finding.objects.get_or_create(
            url=str(row["url"])[:4000],
            content_hash=str(row["content_hash"])[:64],
            defaults={**values, "portal": portals.get(name), "source": Finding.Source.IMPORT},
        )
        if created:
            added += 1
            audit.record(
                actor=actor,
                action="scanner.finding",
                obj=finding,
                changes={"url": finding.url, "level": finding.level, "source": "import"},
            )
        elif values["last_seen"] > finding.last_seen:
            Finding.objects.filter(pk=finding.pk).update(last_seen=values["last_seen"])
            updated += 1
    result = {"added": added, "updated": updated, "total": len(rows)}
    audit.record(
        actor=actor,
        action="scanner.import",
        obj=None,
        changes={
            **result,
            "issuer": bundle.issuer,
            "key_id": bundle.key_id,
            "created_at": bundle.created_at,
            "at": timezone.now().isoformat(),
        },
    )
    return result

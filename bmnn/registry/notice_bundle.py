"""Holders' notices between installations, as signed bundles on removable media.

Inside one installation a classifier's decision reaches every holder's copy at once
(`services.notices.send_notices`). A holder on another installation — an agency node on its
own offline PC or independent LAN — is reached by a bundle: the classifying agency exports the
decisions on the items it classified (extensions, level changes, declassifications in whole or
in part, recalls), the holder's security officer imports it, and each decision is applied to the
holder's received copy of the same item (same number, date and issuer) exactly as inside the
installation, with the same 15-day re-marking deadline (L18 Art. 20.4, 21.5, 22.3, 22.6; L25
Art. 21). A bundle is checked whole before anything is written (bmnn.core.bundles: signature
by a key trusted for this kind, fingerprints); a decision already applied is skipped, so the
same bundle can be imported twice.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, bundles, keys, levels, policy
from bmnn.core.services import require, service
from bmnn.core.text import fold
from bmnn.org.models import Agency, Person
from bmnn.registry.models import (
    Declassification,
    HolderNotice,
    ItemStatus,
    Origin,
    SecretItem,
)
from bmnn.registry.services.notices import apply_notice

KIND = "registry-notices"
Kind = HolderNotice.Kind
MAX_ITEMS = 10_000


def _decisions(item: SecretItem) -> list[dict[str, Any]]:
    """Every decision on `item` a holder must act on, oldest first."""
    found: list[dict[str, Any]] = [
        {
            "kind": Kind.EXTENSION,
            "decided_on": e.decided_on,
            "decision": e.decision,
            "new_end": e.new_end,
        }
        for e in item.extensions.all()
    ]
    found += [
        {
            "kind": Kind.LEVEL,
            "decided_on": c.decided_on,
            "decision": c.decision,
            "new_level": c.to_level,
            "new_end": c.new_end,
        }
        for c in item.level_changes.all()
    ]
    for d in item.declassifications.all():  # prefetched: filtered here, not by a query per item
        if d.reason == Declassification.Reason.EXPIRED:
            continue  # holders' copies lapse on their own: they carry the end date
        kind = (
            Kind.PARTIAL
            if d.partial
            else (
                Kind.OUT_OF_CATALOGUE
                if d.reason == Declassification.Reason.OUT_OF_CATALOGUE
                else Kind.DECLASSIFIED
            )
        )
        found.append(
            {"kind": kind, "decided_on": d.decided_on, "decision": d.decision, "parts": d.parts}
        )
    found += [
        {
            "kind": Kind.RECALL,
            "decided_on": r.decided_on,
            "decision": r.reason,
            "return_by": r.return_by,
        }
        for r in item.recalls.all()
    ]
    return sorted(found, key=lambda d: d["decided_on"])


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


@service
def export_notices(*, actor: Person, agency: Agency, since: date | None = None) -> bytes:
    """The decisions on the items `agency` classified (all, or those decided from `since`), as a
    bundle signed with this installation's key, for holders on other installations."""
    require(
        policy.can_keep_registers(actor, agency.pk) or policy.is_head_of(actor, agency.pk),
        _("Only the agency's head or security officer sends its notices."),
    )
    items = (
        SecretItem.objects.filter(agency=agency, origin=Origin.CREATED)
        .exclude(status__in=[ItemStatus.PROPOSED, ItemStatus.REJECTED])
        .prefetch_related("extensions", "level_changes", "declassifications", "recalls")
        .order_by("pk")
    )
    rows = []
    for item in items:
        decisions = [d for d in _decisions(item) if since is None or d["decided_on"] >= since]
        if decisions:
            rows.append(
                {
                    "number": item.number,
                    "doc_date": _text(item.doc_date),
                    "issuer": item.issuer_name or agency.name,
                    "notices": [{k: _text(v) for k, v in d.items()} for d in decisions],
                }
            )
    payload = {"agency": agency.name, "since": _text(since), "items": rows}
    data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
    audit.record(
        actor=actor,
        action="secret.notices_export",
        obj=agency,
        agency=agency,
        changes={"items": len(rows), "since": since},
    )
    return bundles.write(
        KIND,
        {"payload.json": data},
        private_pem=keys.signing_key(),
        issuer=settings.BMNN_INSTALLATION_NAME,
    )


def _day(value: Any, *, required: bool = True) -> date | None:
    if value in (None, "") and not required:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(
            _("A date in the bundle is not valid: %(value)s") % {"value": str(value)[:40]}
        ) from exc


def _notice(row: Any) -> dict[str, Any]:
    """One decision from the bundle, checked field by field."""
    if not isinstance(row, dict) or row.get("kind") not in Kind.values:
        raise ValidationError(_("The bundle holds a notice of an unknown kind."))
    level = str(row.get("new_level") or "")
    if level and level not in levels.LEVELS:
        raise ValidationError(_("The bundle holds an unknown level."))
    return {
        "kind": row["kind"],
        "decided_on": _day(row.get("decided_on")),
        "decision": str(row.get("decision") or "")[:128],
        "new_level": level,
        "new_end": _day(row.get("new_end"), required=False),
        "parts": str(row.get("parts") or "")[:4000],
        "return_by": _day(row.get("return_by"), required=False),
    }


def _parse(bundle: bundles.Bundle) -> list[dict[str, Any]]:
    try:
        items = bundle.json()["items"]
    except (KeyError, ValueError, TypeError) as exc:
        raise ValidationError(_("The bundle's content is damaged.")) from exc
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise ValidationError(_("The bundle's content is damaged."))
    parsed = []
    for row in items:
        if not isinstance(row, dict) or not str(row.get("number") or "").strip():
            raise ValidationError(_("An item in the bundle lacks its number."))
        notices = row.get("notices")
        if not isinstance(notices, list):
            raise ValidationError(_("The bundle's content is damaged."))
        parsed.append(
            {
                "number": str(row["number"]).strip()[:64],
                "doc_date": _day(row.get("doc_date"), required=False),
                "issuer": str(row.get("issuer") or "")[:255],
                "notices": [_notice(n) for n in notices],
            }
        )
    return parsed


@service
def import_notices(*, actor: Person, agency: Agency, data: bytes) -> dict[str, int]:
    """The holder's security officer imports a classifier's notices bundle: each decision is
    applied to the agency's received copy of the same item (number, date, issuing agency) that
    has not had it yet. Checked whole first; all or nothing."""
    require(
        policy.can_keep_registers(actor, agency.pk),
        _("Only the agency's security officer imports notices."),
    )
    bundle = keys.open_bundle(data, KIND, _("This bundle does not hold registry notices."))
    rows = _parse(bundle)
    reference = f"{bundle.issuer} {bundle.created_at}"[:128]
    applied = skipped = unmatched = 0
    today = timezone.localdate()
    for row in rows:
        holders = [
            copy
            for copy in SecretItem.objects.filter(
                agency=agency,
                origin=Origin.RECEIVED,
                number=row["number"],
                doc_date=row["doc_date"],
            )
            if fold(copy.issuer_name) == fold(row["issuer"])
        ]
        if not holders:
            unmatched += 1
            continue
        for holder in holders:
            for notice in row["notices"]:
                if holder.notices.filter(
                    kind=notice["kind"],
                    decided_on=notice["decided_on"],
                    decision=notice["decision"],
                ).exists():
                    skipped += 1
                    continue
                apply_notice(
                    holder, issuer_name=row["issuer"], bundle=reference, today=today, **notice
                )
                applied += 1
    result = {"applied": applied, "already": skipped, "unmatched": unmatched, "items": len(rows)}
    audit.record(
        actor=actor,
        action="secret.notices_import",
        obj=agency,
        agency=agency,
        changes={**result, "issuer": bundle.issuer, "key_id": bundle.key_id},
    )
    return result

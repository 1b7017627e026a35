"""Leak scanner services: portals, crawl runs, findings, pre-publication checks. Each checks
the policy and writes the audit chain (DESIGN.md); the crawl itself runs as background tasks
that share one frontier in the database (`bmnn.scanner.crawl`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.notify import notify
from bmnn.core.services import require, service
from bmnn.core.storage import sha256_of
from bmnn.org.models import Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.scanner.engine import Limits, Verdict, scan_bytes
from bmnn.scanner.engine.crawler import normalise
from bmnn.scanner.leases import scan_slot
from bmnn.scanner.models import Check, CrawlRun, Finding, Portal, QueuedUrl, url_key

PORTAL_FIELDS = ("name", "agency", "start_urls", "allowed_hosts", "max_depth", "max_pages", "delay", "every_days",
                 "enabled")  # fmt: skip


def _clean_portal(portal: Portal) -> None:
    errors: dict[str, str] = {}
    starts = portal.start_list
    if not starts or any(normalise(url) is None for url in starts):
        errors["start_urls"] = _("Give at least one http(s) address, one per line.")
    if not portal.host_set and "start_urls" not in errors:
        hosts = {(urlsplit(url).hostname or "").lower() for url in starts}
        portal.allowed_hosts = "\n".join(sorted(hosts - {""}))
    if not 0 <= portal.max_depth <= 10:
        errors["max_depth"] = _("Between 0 and 10.")
    if not 1 <= portal.max_pages <= 100_000:
        errors["max_pages"] = _("Between 1 and 100,000.")
    if portal.delay < 0.05:
        errors["delay"] = _("At least 0.05 seconds between requests.")
    if errors:
        raise ValidationError(errors)


@service
def save_portal(*, actor: Person, portal: Portal | None = None, **fields: Any) -> Portal:
    require(
        policy.can_manage_portals(actor), _("Only province supervisors manage the portals to scan.")
    )
    unknown = set(fields) - set(PORTAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown portal fields: {sorted(unknown)}")
    portal = Portal.objects.select_for_update().get(pk=portal.pk) if portal else Portal()
    for name, value in fields.items():
        setattr(portal, name, value.strip() if isinstance(value, str) else value)
    _clean_portal(portal)
    created = portal.pk is None
    portal.save()
    audit.record(actor=actor, action="scanner.portal_" + ("create" if created else "change"), obj=portal,
                 changes={k: str(v) for k, v in fields.items()})  # fmt: skip
    return portal


@service
def start_crawl(*, actor: Person | None, portal: Portal, workers: int = 2) -> CrawlRun:
    """Opens a run with the start addresses in its frontier and sets `workers` background tasks
    on it (0: the caller drives `bmnn.scanner.crawl.work` itself)."""
    if actor is not None:
        require(
            policy.can_manage_portals(actor), _("Only province supervisors start portal scans.")
        )
    portal = Portal.objects.select_for_update().get(pk=portal.pk)
    running = portal.runs.filter(state=CrawlRun.State.RUNNING).first()
    if running is not None:
        raise ValidationError(_("A scan of this portal is already running."))
    run = CrawlRun.objects.create(portal=portal, requested_by=actor)
    QueuedUrl.objects.bulk_create(
        [
            QueuedUrl(run=run, url=url, key=url_key(url), depth=0)
            for url in dict.fromkeys(portal.start_list)
        ],
        ignore_conflicts=True,
    )
    audit.record(actor=actor, action="scanner.crawl_start", obj=portal, changes={"run": run.pk})

    def launch() -> None:
        from bmnn.scanner.tasks import crawl_work

        for index in range(workers):
            crawl_work.enqueue(run.pk, f"worker-{index + 1}")

    if workers > 0:
        transaction.on_commit(launch)
    return run


def _record_verdicts(
    run: CrawlRun, url: str, referrer: str, content_hash: str, verdicts: list[Verdict]
) -> int:
    """Findings for every secret verdict (members as url!member); returns how many are new."""
    now = timezone.now()
    new = 0
    for verdict in verdicts:
        if not verdict.secret:
            continue
        address = url + verdict.path[len(url) :] if verdict.path.startswith(url) else url
        finding, created = Finding.objects.get_or_create(
            url=address, content_hash=content_hash,
            defaults={"portal": run.portal, "referrer": referrer, "level": verdict.level or "",
                      "score": verdict.score, "evidence": [e.as_dict() for e in verdict.evidence[:10]],
                      "first_seen": now, "last_seen": now},
        )  # fmt: skip
        if not created:
            Finding.objects.filter(pk=finding.pk).update(last_seen=now)
            continue
        new += 1
        audit.record(actor=None, action="scanner.finding", obj=finding,
                     changes={"url": address, "level": finding.level, "run": run.pk})  # fmt: skip
        notify(people_in_roles((Role.SUPERVISOR,)), title=_("Possible leak on %(portal)s: %(url)s") % {
            "portal": run.portal.name, "url": address[:120]}, url=reverse("scanner:finding", args=[finding.pk]),
            key=f"finding-{finding.pk}")  # fmt: skip
    return new


@service
def decide_finding(*, actor: Person, finding: Finding, status: str, note: str = "") -> Finding:
    """A supervisor closes a finding: not a leak (with the reason), or taken down."""
    require(policy.can_decide_findings(actor), _("Only province supervisors decide on findings."))
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if status not in (Finding.Status.DISMISSED, Finding.Status.REMOVED, Finding.Status.OPEN):
        raise ValidationError({"status": _("Unknown status.")})
    if status == Finding.Status.DISMISSED and not note.strip():
        raise ValidationError({"note": _("Say why this is not a leak.")})
    finding.status, finding.note, finding.decided_by = status, note.strip(), actor
    finding.save(update_fields=["status", "note", "decided_by"])
    audit.record(
        actor=actor, action="scanner.finding_" + status, obj=finding, changes={"note": note}
    )
    return finding


def scan_limits() -> Limits:
    """The engine's limits with the scan budget of the settings (one check, all nested files)."""
    return Limits(
        max_total_bytes=int(settings.BMNN_SCAN_EXPANDED_MB) * 2**20,
        max_seconds=float(settings.BMNN_SCAN_SECONDS),
    )


def check_document(*, actor: Person, name: str, data: bytes, via: str = "page") -> list[Verdict]:
    """The pre-publication check: the verdict for a file an editor is about to publish. Only
    the name, size, fingerprint and verdict are kept; the file is not stored.

    The scan runs outside any transaction, in one of the person's scan slots (`TooManyScans`
    when they are all taken), within one budget for the file and everything nested in it."""
    require(policy.can_check_documents(actor), _("Sign in to check a document."))
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    with scan_slot(actor):
        verdicts = scan_bytes(data, name[:255] or "upload", scan_limits())
    _record_check(actor=actor, name=name, data=data, via=via, top=verdicts[0])
    return verdicts


@service
def _record_check(*, actor: Person, name: str, data: bytes, via: str, top: Verdict) -> Check:
    check = Check.objects.create(requested_by=actor, name=name[:255], size=len(data), sha256=sha256_of(data),
                                 secret=top.secret, level=top.level or "", score=top.score, via=via)  # fmt: skip
    changes = {"name": name[:255], "sha256": check.sha256, "secret": top.secret, "level": top.level}
    if top.limit:  # not read in full: the record must not read as a clean verdict
        changes["limit"] = top.limit
    audit.record(actor=actor, action="scanner.check", obj=check, changes=changes)
    return check


@service
def open_incident_from_finding(*, actor: Person, finding: Finding, agency: Any) -> Any:
    """One click from a finding to an incident report of the agency whose portal published it."""
    from bmnn.reports.models import Incident
    from bmnn.reports.services import open_incident

    require(policy.can_decide_findings(actor), _("Only province supervisors decide on findings."))
    incident = open_incident(
        actor=actor, agency=agency, what=_("Document marked %(level)s published at %(url)s") % {
            "level": finding.level or "?", "url": finding.url}, channel=Incident.Channel.WEB_PORTAL,
        found_at=finding.first_seen, level=finding.level if finding.level in ("mat", "toi_mat", "tuyet_mat") else "",
        source=Incident.Source.SCANNER, source_ref=finding.url,
    )  # fmt: skip
    Finding.objects.filter(pk=finding.pk).update(
        note=(finding.note + "\n" if finding.note else "") + f"→ incident #{incident.pk}"
    )
    return incident

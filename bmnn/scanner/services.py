"""Leak scanner services: portals, crawl runs, findings, pre-publication checks. Each checks
the policy and writes the audit chain (DESIGN.md); the crawl itself runs as background tasks
that share one frontier in the database (`bmnn.scanner.crawl`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core import audit, policy
from bmnn.core.notify import notify
from bmnn.core.services import assign, locked, require, service
from bmnn.core.storage import sha256_of
from bmnn.org.models import Level, Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.scanner import rules
from bmnn.scanner.engine import Limits, Verdict, scan_bytes
from bmnn.scanner.engine.crawler import normalise
from bmnn.scanner.leases import scan_slot
from bmnn.scanner.models import Check, CrawlRun, Finding, Portal, QueuedUrl, url_key

PORTAL_FIELDS = (
    "name",
    "agency",
    "start_urls",
    "allowed_hosts",
    "max_depth",
    "max_pages",
    "delay",
    "every_days",
    "enabled",
)
MAX_DELAY = 60  # seconds between two requests to a host: more makes a scan last for days

# What each kind of evidence the engine reports (Evidence.rule) is, as a reader names it
# (TT24/2020 forms). A rule the engine adds later without a label here reads as "another
# marking" on the pages, and the test of the labels fails.
RULE_LABELS = {
    "level_stamp": gettext_lazy("Level stamp"),
    "declassified_stamp": gettext_lazy("Declassification stamp (GIẢI MẬT)"),
    "level_change_stamp": gettext_lazy("Level change stamp (ĐIỀU CHỈNH ĐỘ MẬT)"),
    "envelope_mark": gettext_lazy("Envelope mark A, B or C"),
    "recall_stamp": gettext_lazy("Recall stamp (TÀI LIỆU THU HỒI)"),
    "named_recipient_stamp": gettext_lazy(
        "Named-recipient stamp (CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ)"
    ),
    "copy_stamp": gettext_lazy("Copy stamp (BẢN SAO BÍ MẬT NHÀ NƯỚC)"),
    "copy_number_stamp": gettext_lazy("Copy number stamp (Bản số)"),
    "protection_period_stamp": gettext_lazy("Protection period stamp"),
    "level_field": gettext_lazy("Level field (Độ mật: …)"),
    "empty_level_field": gettext_lazy("Empty level field"),
}
APPROXIMATE = " (approximate)"  # the engine's suffix for a stamp read with a letter off
ZONE_LABELS = {
    "header": gettext_lazy("Document header"),
    "body": gettext_lazy("Body of the document"),
}


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
    elif portal.delay > MAX_DELAY:
        errors["delay"] = _("At most %(n)s seconds between requests.") % {"n": int(MAX_DELAY)}
    if not 1 <= portal.every_days <= 90:
        errors["every_days"] = _("Between 1 and 90 days.")
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
    portal = locked(Portal.objects).get(pk=portal.pk) if portal else Portal()
    assign(portal, fields)
    _clean_portal(portal)
    created = portal.pk is None
    portal.save()
    changes = {
        k: v if isinstance(v, bool | int | float) or v is None else str(v)
        for k, v in fields.items()
    }
    audit.record(
        actor=actor,
        action="scanner.portal_" + ("create" if created else "change"),
        obj=portal,
        changes=changes,
    )
    return portal


@service
def start_crawl(*, actor: Person | None, portal: Portal, workers: int = 2) -> CrawlRun:
    """Opens a run with the start addresses in its frontier and sets `workers` background tasks
    on it (0: the caller drives `bmnn.scanner.crawl.work` itself)."""
    if actor is not None:
        require(
            policy.can_manage_portals(actor), _("Only province supervisors start portal scans.")
        )
    portal = locked(Portal.objects).get(pk=portal.pk)
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
            url=address,
            content_hash=content_hash,
            defaults={
                "portal": run.portal,
                "referrer": referrer,
                "level": verdict.level or "",
                "score": verdict.score,
                "evidence": [e.as_dict() for e in verdict.evidence[:10]],
                "first_seen": now,
                "last_seen": now,
            },
        )
        if not created:
            Finding.objects.filter(pk=finding.pk).update(last_seen=now)
            continue
        new += 1
        audit.record(
            actor=None,
            action="scanner.finding",
            obj=finding,
            changes={"url": address, "level": finding.level, "run": run.pk},
        )
        notify(
            people_in_roles((Role.SUPERVISOR,)),
            title=_("Possible leak on %(portal)s: %(url)s")
            % {"portal": run.portal.name, "url": address[:120]},
            url=reverse("scanner:finding", args=[finding.pk]),
            key=f"finding-{finding.pk}",
        )
    return new


@service
def decide_finding(*, actor: Person, finding: Finding, status: str, note: str = "") -> Finding:
    """A supervisor closes a finding: not a leak (with the reason), or taken down."""
    require(policy.can_decide_findings(actor), _("Only province supervisors decide on findings."))
    finding = locked(Finding.objects).get(pk=finding.pk)
    if status not in rules.DECISIONS:
        raise ValidationError({"status": _("Unknown status.")})
    if rules.needs_reason(status) and not note.strip():
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
    check = Check.objects.create(
        requested_by=actor,
        name=name[:255],
        size=len(data),
        sha256=sha256_of(data),
        secret=top.secret,
        level=top.level or "",
        score=top.score,
        via=via,
    )
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
        actor=actor,
        agency=agency,
        what=_("Document marked %(level)s published at %(url)s")
        % {"level": level_label(finding.level), "url": finding.url},
        channel=Incident.Channel.WEB_PORTAL,
        found_at=finding.first_seen,
        level=rules.incident_level(finding.level),
        source=Incident.Source.SCANNER,
        source_ref=finding.url,
    )
    opened = _("Incident report no. %(number)s opened.") % {"number": incident.pk}
    Finding.objects.filter(pk=finding.pk).update(
        note=(finding.note + "\n" if finding.note else "") + opened
    )
    return incident


# --- reading the findings ----------------------------------------------------------------------


def rule_label(rule: str) -> str:
    base = rule.removesuffix(APPROXIMATE)
    label = str(RULE_LABELS.get(base, _("Another marking")))
    return _("%(rule)s, read approximately") % {"rule": label} if base != rule else label


def level_label(level: str | None) -> str:
    """A level code as its name ("mat" → "Mật"); "—" for none."""
    return str(Level(level).label) if level in Level.values else "—"


def evidence_shown(evidence: Iterable[Any]) -> list[dict[str, Any]]:
    """The evidence of a verdict or a finding (engine Evidence objects or their stored dicts) as
    a page shows it: the marking read, what kind of marking it is, the page, where on it."""
    rows = []
    for item in evidence:
        data = item if isinstance(item, dict) else item.as_dict()
        rule, zone = str(data.get("rule", "")), str(data.get("zone", ""))
        rows.append(
            {
                "text": data.get("text", ""),
                "rule": rule_label(rule),
                "page": data.get("page") or "—",
                "zone": str(ZONE_LABELS.get(zone, "—")),
                "score": data.get("score", 0),
            }
        )
    return rows


_FETCH_FAILURES = (
    (
        re.compile(r"robots\.txt disallows"),
        gettext_lazy("the site's robots.txt asks crawlers not to read it"),
    ),
    (re.compile(r"HTTP (?P<code>\d{3})"), gettext_lazy("the server answered with error %(code)s")),
    (
        re.compile(r"larger than (?P<bytes>\d+) bytes"),
        gettext_lazy("larger than %(mb)s MB: not read"),
    ),
    (re.compile(r"more than (?P<n>\d+) redirects"), gettext_lazy("sent on more than %(n)s times")),
    (re.compile(r"no answer within (?P<n>\d+) s"), gettext_lazy("no answer within %(n)s seconds")),
)


def fetch_failure(note: str) -> str:
    """Why an address could not be read in a scan (the crawler's note), in the reader's words."""
    for pattern, text in _FETCH_FAILURES:
        found = pattern.search(note)
        if found:
            values = found.groupdict()
            if "bytes" in values:
                values["mb"] = str(max(1, int(values["bytes"]) // 2**20))
            return str(text) % values
    return _("the connection failed")


# Why the engine could not read a file (ExtractError codes, Verdict.error "code: detail").
READ_ERRORS = {
    "empty": gettext_lazy("the file is empty"),
    "encoding": gettext_lazy("its character encoding is not known"),
    "encrypted": gettext_lazy("it is encrypted or protected by a password"),
    "malformed": gettext_lazy("it is damaged, or not the kind of file its name says"),
    "ocr_failed": gettext_lazy("its scanned pages could not be read"),
    "ocr_unavailable": gettext_lazy("text recognition for scanned pages is not installed"),
    "timeout": gettext_lazy("reading it took too long"),
    "too_large": gettext_lazy("it is too large"),
    "unsupported": gettext_lazy("this kind of file is not read by the scanner"),
    "limit": gettext_lazy("it holds more than the scanner reads for one file"),
}


def read_error(error: str | None) -> str:
    """Why a file was not read in full, in the reader's words ("" when it was)."""
    if not error:
        return ""
    code = error.split(":", 1)[0].split(";", 1)[0].strip()
    return str(READ_ERRORS.get(code, _("some of its parts could not be read")))

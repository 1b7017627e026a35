"""Reads for pages, the API and the dashboard."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from bmnn.core import policy
from bmnn.core.text import fold
from bmnn.inspections import rules
from bmnn.inspections.models import Attendance, Finding, Inspection, LegalDocument
from bmnn.org.models import Agency, Membership


def inspections(actor: Any) -> QuerySet[Inspection]:
    rows = policy.restrict_inspections(actor, Inspection.objects.select_related("leader"))
    return rows.annotate(target_count=Count("targets", distinct=True)).order_by(
        "-year", "-on_site_from", "-pk"
    )


def inspection(actor: Any, pk: int) -> Inspection | None:
    return inspections(actor).filter(pk=pk).first()


def findings(actor: Any) -> QuerySet[Finding]:
    """Findings the actor may see (policy.restrict_findings)."""
    return policy.restrict_findings(actor, Finding.objects.all())


def overdue_findings(actor: Any, today: date | None = None) -> QuerySet[Finding]:
    """Findings not verified whose deadline has passed (rules.is_overdue), visible to the actor."""
    today = today or timezone.localdate()
    return (
        findings(actor)
        .filter(deadline__lt=today)
        .exclude(status=Finding.Status.VERIFIED)
        .select_related("target__agency")
    )


def training_coverage(
    agencies: QuerySet[Agency] | list[Agency], today: date | None = None
) -> dict[int, float | None]:
    """Share of each agency's active members who attended a session in the last 12 months
    (None without members), counted by the database: one row per agency comes back."""
    start, end = rules.training_window(today or timezone.localdate())
    ids: Any = agencies.values("pk") if isinstance(agencies, QuerySet) else [a.pk for a in agencies]
    attended = Attendance.objects.filter(
        person__isnull=False, session__held_on__gte=start, session__held_on__lte=end
    ).values("person_id")
    counts = (
        Membership.objects.filter(agency_id__in=ids, is_active=True, person__is_active=True)
        .values("agency_id")
        .annotate(
            staff=Count("person", distinct=True),
            trained=Count("person", distinct=True, filter=Q(person__in=attended)),
        )
    )
    result: dict[int, float | None] = {}
    if not isinstance(agencies, QuerySet):
        result = dict.fromkeys(ids)
    for row in counts:
        result[row["agency_id"]] = row["trained"] / row["staff"] if row["staff"] else None
    return result


def library(search: str = "", kind: str = "") -> QuerySet[LegalDocument]:
    rows = LegalDocument.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    for word in fold(search).split()[:8]:
        rows = rows.filter(search_text__contains=word)
    return rows


def agency_readiness(agencies: list[Agency], today: date | None = None) -> list[dict[str, Any]]:
    """Per agency: regulation status (late after the plan's deadline), designated staff in
    force, and training coverage — the gaps the dashboard flags."""
    from bmnn.inspections.models import Regulation, StaffDesignation

    today = today or timezone.localdate()
    ids = [a.pk for a in agencies]
    regulations = {r.agency_id: r for r in Regulation.objects.filter(agency_id__in=ids)}
    periods: dict[int, list[tuple[date, date | None]]] = {pk: [] for pk in ids}
    for agency_id, start, end in StaffDesignation.objects.filter(agency_id__in=ids).values_list(
        "agency_id", "decided_on", "ended_on"
    ):
        periods[agency_id].append((start, end))
    coverage = training_coverage(agencies, today)
    rows = []
    for agency in agencies:
        regulation = regulations.get(agency.pk)
        status = regulation.status if regulation else "not_started"
        rows.append(
            {
                "agency": agency,
                "regulation": regulation,
                "regulation_status": status,
                "regulation_late": rules.regulation_late(status, today),
                "staff": rules.designated(periods[agency.pk], today),
                "coverage": coverage.get(agency.pk),
            }
        )
    return rows


# How the checklist, findings and rules cite the texts (shared/domain/SOURCES.md abbreviations).
CITATION_CODES = {
    "L18": "29/2018/QH14",
    "L25": "117/2025/QH15",
    "ND26": "26/2020/NĐ-CP",
    "ND63": "63/2026/NĐ-CP",
    "TT24": "24/2020/TT-BCA",
    "Form": "24/2020/TT-BCA",
    "TT110": "110/2013/TT-BTC",
    "QD452": "452/QĐ-TTg",
    "CT32": "32/CT-TTg",
}
_CITATION = re.compile(r"\b(L18|L25|ND26|ND63|TT24|TT110|QD452|CT32|Form)\b")


def cited_documents(sources: Iterable[str]) -> dict[str, list[LegalDocument]]:
    """For each citation text ("L18 Art. 11; ND26 Art. 3"), the library documents it names."""
    wanted = {
        source: [CITATION_CODES[code] for code in dict.fromkeys(_CITATION.findall(source))]
        for source in set(sources)
    }
    numbers = {number for found in wanted.values() for number in found}
    documents = {d.number: d for d in LegalDocument.objects.filter(number__in=numbers)}
    return {
        source: [documents[n] for n in dict.fromkeys(found) if n in documents]
        for source, found in wanted.items()
    }


def documents_mentioned(text: str, limit: int = 5) -> list[LegalDocument]:
    """Library texts a plan task names: by number ("Luật số 117/2025/QH15", "Nghị định
    63/2026/NĐ-CP") or by the law's own title ("Luật Bảo vệ bí mật nhà nước", newest in force)."""
    folded = fold(text)
    found: list[LegalDocument] = []
    documents = list(LegalDocument.objects.order_by("-effective_from")[:2000])
    for document in documents:
        if fold(document.number) in folded and document not in found:
            found.append(document)
    if not found:
        for document in documents:
            if (
                document.kind == LegalDocument.Kind.LAW
                and fold(document.title) in folded
                and document.effective_to is None
            ):
                found.append(document)
                break
    return found[:limit]

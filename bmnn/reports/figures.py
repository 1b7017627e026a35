"""The figures of a report, and how BMNN fills them from its own records for a data window.

Each figure has a stable key, a label, and a description of where its value comes from (shown
beside the value, so an agency can see why it reads 3 and correct it with a reason). The window
is inclusive at both ends (15/12 of the previous year to 14/12 of the report year for the annual
report). Counts come from grouped queries, so filling one agency or three thousand costs the same
dozen queries.

The figure set is the product's choice (SOURCES.md §6.3): the law fixes only the report's parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import LEVEL_NAME, LEVELS


@dataclass(frozen=True)
class Figure:
    key: str
    label: Promise
    group: Promise
    source: Promise
    level: str = ""


_GROUP_DOCS = _("Secret documents and objects")
_GROUP_WORK = _("Training, inspections, violations and incidents")
_GROUP_IT = _("Computers, networks and the regulation")

_BY_LEVEL = (
    (
        "created",
        _("Created (level approved)"),
        _("Secret register: items classified here, by the date the level was approved"),
    ),
    ("received", _("Received"), _("Incoming register: lines entered in the window")),
    ("copied", _("Copies and photographs made"), _("Copy register: copies made in the window")),
    ("provided", _("Provided to other agencies"), _("Handover book: lines entered in the window")),
    ("declassified", _("Declassified"), _("Secret register: declassification date in the window")),
    ("destroyed", _("Copies destroyed"), _("Secret register: copies destroyed in the window")),
)

FIGURES: tuple[Figure, ...] = (
    *(
        Figure(f"{name}.{level}", label, _GROUP_DOCS, source, level)
        for name, label, source in _BY_LEVEL
        for level in LEVELS
    ),
    Figure(
        "trainings",
        _("Training and awareness sessions"),
        _GROUP_WORK,
        _("Training: sessions held in the window"),
    ),
    Figure(
        "training_participants",
        _("Participants in those sessions"),
        _GROUP_WORK,
        _("Training: participants recorded for those sessions"),
    ),
    Figure(
        "self_inspections",
        _("Self-inspections"),
        _GROUP_WORK,
        _("Inspections: self-inspections started in the window"),
    ),
    Figure(
        "inspections_received",
        _("Inspections received"),
        _GROUP_WORK,
        _("Inspections: inspections of the agency started in the window"),
    ),
    Figure(
        "violations_found",
        _("Violations found"),
        _GROUP_WORK,
        _("Inspections: findings recorded in the window"),
    ),
    Figure(
        "violations_remedied",
        _("Violations remedied and verified"),
        _GROUP_WORK,
        _("Inspections: findings verified as remedied in the window"),
    ),
    Figure(
        "incidents", _("Leaks and losses"), _GROUP_WORK, _("Incident reports: found in the window")
    ),
    Figure(
        "devices",
        _("Computers and devices used for secrets"),
        _GROUP_IT,
        _("Devices: the active inventory when the figures were filled"),
    ),
    Figure(
        "independent_lans",
        _("Independent LANs"),
        _GROUP_IT,
        _("Devices: independent LANs when the figures were filled"),
    ),
    Figure(
        "regulation_issued",
        _("Protection regulation issued (1 = yes)"),
        _GROUP_IT,
        _("Regulations: issued on or before the end of the window"),
    ),
)
KEYS = tuple(f.key for f in FIGURES)
BY_KEY = {f.key: f for f in FIGURES}
TOTAL_KEYS = tuple(k for k in KEYS if k != "regulation_issued")
# registry.statistics rows → figure names
REGISTER_ROWS = {
    "created": "created",
    "received": "received",
    "copies": "copied",
    "provided": "provided",
    "declassified": "declassified",
    "destroyed": "destroyed",
}


def window_instants(start: date, end: date) -> tuple[datetime, datetime]:
    """The window as local-time instants: [start 00:00, day after end 00:00)."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, zone),
        datetime.combine(end + timedelta(days=1), time.min, zone),
    )


def _put(
    out: dict[int, dict[str, int]],
    rows: Iterable[Any],
    name: str,
    agency_field: str,
    level_field: str | None = None,
) -> None:
    for row in rows:
        key = f"{name}.{row[level_field]}" if level_field else name
        if key in BY_KEY:
            out[row[agency_field]][key] += row["n"]


def compute(agency_ids: Iterable[int], start: date, end: date) -> dict[int, dict[str, int]]:
    """Every figure for each agency over [start, end] (dates inclusive)."""
    from bmnn.devices.models import Device, IndependentLan
    from bmnn.inspections.models import Finding, Inspection, Regulation, Target, TrainingSession
    from bmnn.registry import statistics
    from bmnn.reports.models import Incident

    ids = list(agency_ids)
    counts: dict[int, dict[str, int]] = {
        pk: dict.fromkeys(KEYS, 0) for pk in ids
    }  # every query filters on ids
    window = (start, end)
    first, after = window_instants(start, end)

    registers = statistics.counts(ids, start, end)
    for agency_id, rows in registers.items():
        for row, by_level in rows.items():
            name = REGISTER_ROWS.get(row)
            for level, n in by_level.items():
                if name and f"{name}.{level}" in BY_KEY:
                    counts[agency_id][f"{name}.{level}"] += n

    sessions = TrainingSession.objects.filter(agency_id__in=ids, held_on__range=window)
    for agency_id, participants, attended in sessions.annotate(
        attended=Count("attendance")
    ).values_list("agency_id", "participants", "attended"):
        counts[agency_id]["trainings"] += 1
        declared = sum(int(v) for v in (participants or {}).values())
        counts[agency_id]["training_participants"] += declared or attended
    targets = Target.objects.filter(agency_id__in=ids, inspection__on_site_from__range=window)
    for agency_id, kind, n in targets.values_list("agency_id", "inspection__kind").annotate(
        n=Count("pk")
    ):
        counts[agency_id][
            "self_inspections" if kind == Inspection.Kind.SELF else "inspections_received"
        ] += n
    findings = Finding.objects.filter(target__agency_id__in=ids)
    _put(
        counts,
        findings.filter(created_at__gte=first, created_at__lt=after)
        .values("target__agency_id")
        .annotate(n=Count("pk")),
        "violations_found",
        "target__agency_id",
    )
    _put(
        counts,
        findings.filter(
            status=Finding.Status.VERIFIED, verified_at__gte=first, verified_at__lt=after
        )
        .values("target__agency_id")
        .annotate(n=Count("pk")),
        "violations_remedied",
        "target__agency_id",
    )
    incidents = Incident.objects.filter(agency_id__in=ids, found_at__gte=first, found_at__lt=after)
    _put(counts, incidents.values("agency_id").annotate(n=Count("pk")), "incidents", "agency_id")
    devices = Device.objects.filter(agency_id__in=ids, active=True)
    _put(counts, devices.values("agency_id").annotate(n=Count("pk")), "devices", "agency_id")
    lans = IndependentLan.objects.filter(agency_id__in=ids)
    _put(counts, lans.values("agency_id").annotate(n=Count("pk")), "independent_lans", "agency_id")
    issued = Regulation.objects.filter(
        agency_id__in=ids, status=Regulation.Status.ISSUED, issued_on__lte=end
    )
    for agency_id in issued.values_list("agency_id", flat=True):
        counts[agency_id]["regulation_issued"] = 1

    return counts


def filled(
    auto: dict[str, int], previous: dict[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """The stored form of a submission's figures: the value BMNN filled (`auto`), the value
    reported (`value`) and the reason for a correction. A corrected figure keeps its correction
    when the figures are filled again; its `auto` moves on so the difference stays visible."""
    previous = previous or {}
    result: dict[str, dict[str, Any]] = {}
    for key in KEYS:
        old = previous.get(key) or {}
        value = auto.get(key, 0)
        if old.get("reason"):
            result[key] = {
                "auto": value,
                "value": int(old.get("value", value)),
                "reason": old["reason"],
            }
        else:
            result[key] = {"auto": value, "value": value, "reason": ""}
    return result


def rows_for_display(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Figures in form order with label, group, source and whether the agency corrected it."""
    rows = []
    for figure in FIGURES:
        entry = figures.get(figure.key) or {}
        value = int(entry.get("value") or 0)
        auto = entry.get("auto")
        rows.append(
            {
                "key": figure.key,
                "label": figure.label,
                "group": figure.group,
                "source": figure.source,
                "level": LEVEL_NAME.get(figure.level, ""),
                "value": value,
                "auto": auto,
                "reason": entry.get("reason", ""),
                "corrected": auto is not None and int(auto) != value,
            }
        )
    return rows


# Figures that cannot both hold: (figure, the figure it needs, the message). Each message sits
# next to the first figure, which is the one to correct or to explain by entering the other.
_NEEDS = (
    (
        "training_participants",
        "trainings",
        _(
            "Participants are counted but no training session is: enter the sessions or correct "
            "this figure."
        ),
    ),
    (
        "independent_lans",
        "devices",
        _(
            "Independent LANs are counted but no computer or device used for secrets is: enter "
            "the devices or correct this figure."
        ),
    ),
)
FIGURE_MAX = 10_000_000


def contradictions(values: dict[str, int]) -> dict[str, Promise]:
    """The figures of one report that contradict another of its figures, with the reason: a
    count that needs another count above zero, and the regulation flag outside 0–1."""
    problems: dict[str, Promise] = {}
    for key, needed, message in _NEEDS:
        if values.get(key, 0) > 0 and values.get(needed, 0) == 0:
            problems[key] = message
    if values.get("regulation_issued", 0) not in (0, 1):
        problems["regulation_issued"] = _("Enter 1 if the regulation is issued, 0 if not.")
    return problems

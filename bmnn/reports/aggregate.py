"""The province's figures from the accepted submissions, and from lower installations' reports
imported as bundles, which count as one row each (a ministry aggregates provinces the same way a
province aggregates agencies).

`collect` reads the database in a fixed number of queries; `aggregate` is pure and does the
sums, so the benchmark can time each part.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from bmnn.reports.figures import KEYS, TOTAL_KEYS


@dataclass
class Row:
    name: str
    kind: str  # "agency" or "imported"
    values: dict[str, int]


@dataclass
class Collected:
    rows: list[Row] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    waiting: list[dict[str, str]] = field(default_factory=list)
    late: list[dict[str, str]] = field(default_factory=list)
    incidents: list[dict[str, str]] = field(default_factory=list)


def _values(figures: dict[str, Any]) -> dict[str, int]:
    values = {}
    for key in KEYS:
        entry = figures.get(key)
        if isinstance(entry, dict):
            entry = entry.get("value")
        try:
            values[key] = int(entry or 0)
        except (TypeError, ValueError):
            values[key] = 0
    return values


def collect(period: Any) -> Collected:
    """What the province report is built from: the accepted rows, who has not sent a report
    (`queries.sent`), who is late, whose report was sent but is not accepted yet, and the
    incidents found in the window."""
    from bmnn.reports import services
    from bmnn.reports.figures import window_instants
    from bmnn.reports.models import ImportedReport, Incident, Submission

    expected = services.expected_agencies(period).order_by("name")
    names = dict(expected.values_list("pk", "name"))
    result = Collected(expected=list(names.values()))
    seen = set()
    submissions = Submission.objects.filter(period=period).values_list(
        "agency_id", "agency__name", "state", "figures", "first_sent_at"
    )
    for agency_id, name, state, figures, first_sent in submissions:
        seen.add(agency_id)
        sent = timezone.localdate(first_sent) if first_sent else None
        if sent and sent > period.due_on:
            result.late.append({"name": name, "sent": sent.strftime("%d/%m/%Y")})
        if state == Submission.State.ACCEPTED:
            result.rows.append(Row(name, "agency", _values(figures)))
        elif first_sent:  # sent (queries.sent), being reviewed or corrected
            result.waiting.append({"name": name, "state": state})
        else:
            result.missing.append(name)
    result.missing += [name for pk, name in names.items() if pk not in seen]
    result.missing.sort()
    imported = ImportedReport.objects.filter(
        period_kind=period.kind, window_start=period.window_start, window_end=period.window_end
    )
    for report in imported:
        payload = report.payload.get("report", {})
        result.rows.append(Row(report.issuer, "imported", _values(payload.get("totals", {}))))
        for incident in payload.get("incidents", [])[:10_000]:
            if isinstance(incident, dict):
                result.incidents.append(
                    {
                        k: str(incident.get(k, ""))[:500]
                        for k in ("agency", "found", "how", "level", "status", "what")
                    }
                    | {"agency": f"{report.issuer}: {incident.get('agency', '')}"}
                )
    first, after = window_instants(period.window_start, period.window_end)
    local = Incident.objects.filter(found_at__gte=first, found_at__lt=after).select_related(
        "agency"
    )
    for incident in local.order_by("found_at", "pk"):
        result.incidents.append(
            {
                "agency": incident.agency.name,
                "found": timezone.localtime(incident.found_at).strftime("%d/%m/%Y"),
                "how": str(incident.get_channel_display()),
                "level": incident.get_level_display() if incident.level else "",
                "status": str(incident.get_status_display()),
                "what": incident.what[:500],
            }
        )
    return result


def aggregate(rows: Iterable[Row]) -> dict[str, Any]:
    """Totals over every row, and the per-row table in figure order."""
    totals = dict.fromkeys(KEYS, 0)
    table = []
    for row in rows:
        values = row.values
        for key in KEYS:
            totals[key] += values.get(key, 0)
        table.append(
            {"name": row.name, "kind": row.kind, "values": [values.get(k, 0) for k in KEYS]}
        )
    return {"totals": totals, "rows": table, "keys": list(KEYS), "sum_keys": list(TOTAL_KEYS)}


def build_data(period: Any, today: date | None = None) -> dict[str, Any]:
    """The JSON snapshot a province report keeps: aggregation plus the lists around it."""
    collected = collect(period)
    data = aggregate(collected.rows)
    data.update(
        {
            "built_on": (today or timezone.localdate()).isoformat(),
            "expected": len(collected.expected),
            "accepted": sum(1 for r in collected.rows if r.kind == "agency"),
            "imported": [r.name for r in collected.rows if r.kind == "imported"],
            "missing": collected.missing,
            "waiting": collected.waiting,
            "late": collected.late,
            "incidents": collected.incidents,
        }
    )
    return data

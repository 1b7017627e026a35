"""The review of an imported inspection plan (kế hoạch kiểm tra).

The plan importer hands an uploaded inspection plan here (bmnn.plans.importer.inspection_plan
reads it). What was read becomes the review forms: the inspection's fields, the team matched to
the directory's people by name, and one row per scheduled unit with the directory agency it
resolved to (or the closest name, for the reviewer to confirm). Nothing is written until the
reviewer confirms; then `services.create_inspection` creates the inspection, its targets and
their days in one audited transaction. The uploaded file waits meanwhile where the plan import
keeps its pending files (bmnn.plans.importing), under a signed token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core.text import fold
from bmnn.inspections import services
from bmnn.inspections.models import Inspection
from bmnn.org.models import Agency, AgencyType, Person, Role
from bmnn.plans.directory import directory_resolver
from bmnn.plans.importer.extract import ImportFailed
from bmnn.plans.importer.inspection_plan import InspectionPlan, TeamMember, read_bytes
from bmnn.plans.importing import FAILURES

NOT_AN_INSPECTION_PLAN = gettext_lazy(
    "This document is not an inspection plan: no team or schedule of inspected units was found. "
    "Import it as a plan instead."
)
# How the review page words the reader's flags (bmnn.plans.importer.inspection_plan.FLAG_CODES)
FLAG_MESSAGES: dict[str, Any] = {
    "number_missing": gettext_lazy(
        "The document number is blank: write it if the plan has been numbered."
    ),
    "date_missing": gettext_lazy("The date of issue is blank or unreadable."),
    "no_year": gettext_lazy("No year was found in the plan: check the year."),
    "no_leader": gettext_lazy("No team leader was found in the plan: choose one."),
    "member_unread": gettext_lazy("A name in the team could not be read: “%(words)s”."),
    "no_schedule": gettext_lazy(
        "No unit to inspect was found: the inspection needs at least one agency."
    ),
    "unit_unresolved": gettext_lazy(
        "“%(words)s” is not an agency of the directory: choose the agency or leave the unit out."
    ),
    "unit_is_group": gettext_lazy(
        "“%(words)s” names a group of agencies: choose one agency or leave the unit out."
    ),
    "no_date": gettext_lazy(
        "The plan gives no date for this unit: give its days if they are known."
    ),
    "date_imprecise": gettext_lazy(
        "“%(words)s” is not a day: the whole span was taken, check the days."
    ),
    "date_order": gettext_lazy("“%(words)s” ends before it starts."),
    "period_missing": gettext_lazy(
        "The plan does not state the period under review: it was set from 1 January of the year "
        "before; check it."
    ),
    "report_due_relative": gettext_lazy(
        "The inspected agencies' own reports are due “%(words)s”: give the date."
    ),
}
# Roles whose holders may sit on an inspection team wherever their agency is
TEAM_ROLES = (Role.INSPECTOR, Role.SUPERVISOR)
# A suggestion is offered only for a near-identical name (a typo the resolver's folding does not
# absorb: "Sở Tư phá"): rapidfuzz's plain ratio over folded names. Partial-match scorers (WRatio)
# pair any "… tỉnh" with any other "… tỉnh" and would suggest the wrong agency.
SUGGESTION_SCORE = 90


def read_upload(data: bytes) -> InspectionPlan:
    """The inspection plan in an uploaded file, or a ValidationError saying what is wrong."""
    try:
        plan = read_bytes(data, directory_resolver())
    except ImportFailed as exc:
        raise ValidationError(
            str(FAILURES.get(exc.code, FAILURES["malformed"])), code=exc.code
        ) from exc
    except RecursionError as exc:
        raise ValidationError(str(FAILURES["malformed"]), code="malformed") from exc
    if plan is None:
        raise ValidationError(str(NOT_AN_INSPECTION_PLAN), code="not_an_inspection_plan")
    return plan


def flag_message(code: str, words: str = "") -> str:
    message = FLAG_MESSAGES.get(code)
    if message is None:
        return f"{code}: {words}".strip(": ")
    return str(message) % {"words": words} if "%(words)s" in str(message) else str(message)


def plan_flags(plan: InspectionPlan) -> list[str]:
    """The plan-wide flags as sentences (the rows' own are shown on each row)."""
    return [flag_message(flag.code, flag.words) for flag in plan.flags]


# --- the team --------------------------------------------------------------------------------


def issuer_agency(plan: InspectionPlan) -> Agency | None:
    """The directory agency that issued the plan (its lowest body: "UBND tỉnh / Sở Tư pháp"
    is Sở Tư pháp), when the issuer's name resolves to one."""
    found = [p.agency_id for p in directory_resolver().resolve(plan.header.issuer) if p.agency_id]
    return Agency.objects.filter(pk=found[-1], is_active=True).first() if found else None


def team_candidates(plan: InspectionPlan) -> QuerySet[Person]:
    """Whom the team may be chosen from: the province police's people and the inspectors and
    supervisors of the directory, anyone whose name the plan's team gives exactly, and for a
    self-inspection the issuing agency's own people."""
    names = {fold(member.name) for member in plan.team}
    named = [
        pk
        for pk, full_name in Person.objects.filter(is_active=True).values_list("pk", "full_name")
        if fold(full_name) in names
    ]
    police = Q(memberships__agency__type=AgencyType.PROVINCIAL_POLICE, memberships__is_active=True)
    inspectors = Q(memberships__role__in=TEAM_ROLES, memberships__is_active=True)
    who = police | inspectors | Q(pk__in=named)
    own = issuer_agency(plan) if plan.kind == Inspection.Kind.SELF else None
    if own is not None:
        who |= Q(memberships__agency=own, memberships__is_active=True)
    return Person.objects.filter(is_active=True).filter(who).distinct().order_by("full_name")


@dataclass
class TeamRow:
    """A member as the plan names them and whom the directory has by that name."""

    member: TeamMember
    person: Person | None
    ambiguous: bool = False  # several people of the directory have this name


def match_team(plan: InspectionPlan, candidates: QuerySet[Person]) -> list[TeamRow]:
    by_name: dict[str, list[Person]] = {}
    for person in candidates:
        by_name.setdefault(fold(person.full_name), []).append(person)
    rows = []
    for member in plan.team:
        found = by_name.get(fold(member.name), [])
        rows.append(TeamRow(member, found[0] if len(found) == 1 else None, len(found) > 1))
    return rows


# --- the schedule ----------------------------------------------------------------------------


def agencies_by_name() -> dict[str, Agency]:
    """The directory's active agencies by their folded name (what the reviewer may choose)."""
    return {fold(a.name): a for a in Agency.objects.filter(is_active=True).order_by("name")}


def suggest(words: str, names: list[str]) -> str:
    """The directory name closest to some words no agency resolved, when it is close."""
    from rapidfuzz import fuzz, process

    if not words.strip() or not names:
        return ""
    folded = {name: fold(name) for name in names}
    best = process.extractOne(fold(words), folded, scorer=fuzz.ratio, score_cutoff=SUGGESTION_SCORE)
    return str(best[2]) if best else ""


# --- forms' first values -----------------------------------------------------------------------


def initial(
    plan: InspectionPlan, team: list[TeamRow], agencies: dict[str, Agency]
) -> dict[str, Any]:
    """The inspection form's first values from what was read."""
    on_site_from, on_site_to = plan.on_site
    period_from = plan.period_from or (date(plan.year - 1, 1, 1) if plan.year else None)
    period_to = plan.period_to or on_site_from
    leader = next((row.person for row in team if row.member.role == "leader" and row.person), None)
    members = [row.person.pk for row in team if row.person and row.person != leader]
    scope = "\n".join(f"{index}. {area}" for index, area in enumerate(plan.areas, 1))
    title = plan.header.title or _("Inspection of state-secret protection")
    return {
        "kind": plan.kind if plan.kind in Inspection.Kind.values else Inspection.Kind.INSPECTION,
        "title": title[:255],
        "year": plan.year,
        "decision": plan.number or "",
        "scope": scope,
        "period_from": period_from,
        "period_to": period_to,
        "on_site_from": on_site_from,
        "on_site_to": on_site_to,
        "self_report_due": plan.report_due,
        "leader": leader.pk if leader else None,
        "team": members,
    }


def schedule_initial(plan: InspectionPlan, agencies: dict[str, Agency]) -> list[dict[str, Any]]:
    """One row per scheduled unit, its agency given by the directory's name (resolved, or a
    suggestion for the reviewer to confirm), its flags for the page. A self-inspection's units
    are the issuing agency's own divisions: the agency itself is suggested for them (the rows
    then make one target, from its first day to its last)."""
    by_id = {a.pk: a for a in agencies.values()}
    names = [a.name for a in agencies.values()]
    own = issuer_agency(plan) if plan.kind == Inspection.Kind.SELF else None
    rows = []
    for row in plan.schedule:
        agency = by_id.get(row.agency_id) if row.agency_id else None
        suggestion = "" if agency else suggest(row.unit, names) or (own.name if own else "")
        rows.append(
            {
                "include": True,
                "ref": row.ref[:32],
                "unit": row.unit[:500],
                "note": row.note[:500],
                "when": row.when[:200],
                "agency": agency.name if agency else suggestion,
                "suggested": bool(suggestion),
                "scheduled_from": row.date_from,
                "scheduled_to": row.date_to,
                "flags": [flag_message(flag.code, flag.words) for flag in row.flags],
            }
        )
    return rows


# --- confirmation ----------------------------------------------------------------------------


def confirm(
    *, actor: Person, data: dict[str, Any], rows: list[dict[str, Any]], source: str
) -> Inspection:
    """Creates the inspection from the reviewed forms' cleaned data (the rows kept, each with
    its agency); the on-site days are the schedule's first and last, or the form's without a
    dated row."""
    kept = [row for row in rows if row.get("include")]
    if not kept:
        raise ValidationError(_("Keep at least one unit to inspect."))
    schedule: dict[int, tuple[date | None, date | None]] = {}
    for row in kept:
        start, end = row.get("scheduled_from"), row.get("scheduled_to")
        end = end or start
        pk = row["agency"].pk
        if pk in schedule:  # the same agency twice (two visits): one target, both days
            before = schedule[pk]
            starts = [d for d in (before[0], start) if d]
            ends = [d for d in (before[1], end) if d]
            schedule[pk] = (min(starts) if starts else None, max(ends) if ends else None)
        else:
            schedule[pk] = (start, end)
    starts = [s for s, _e in schedule.values() if s]
    ends = [e for _s, e in schedule.values() if e]
    on_site_from = min(starts) if starts else data.get("on_site_from")
    on_site_to = max(ends) if ends else data.get("on_site_to")
    if on_site_from is None or on_site_to is None:
        raise ValidationError(_("Give the on-site dates, or a date for at least one unit."))
    return services.create_inspection(
        actor=actor,
        kind=data["kind"],
        title=data["title"],
        year=data["year"],
        decision=data.get("decision", ""),
        scope=data.get("scope", ""),
        period_from=data["period_from"],
        period_to=data["period_to"],
        on_site_from=on_site_from,
        on_site_to=on_site_to,
        agencies=[row["agency"] for row in kept],
        leader=data.get("leader"),
        team=list(data.get("team") or []),
        schedule=schedule,
        self_report_due=data.get("self_report_due"),
        source=source,
    )

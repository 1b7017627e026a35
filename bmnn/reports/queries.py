"""What waits for each person in reporting, for the homes and the approvals page, and the one
definition of a report "sent to the province" every page counts with.

Each function reads through the policy and costs a fixed number of queries however many agencies
the province has (the homes stay fast at 3,000 agencies)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.core import policy
from bmnn.org.models import Agency, Role
from bmnn.reports.models import Incident, ReportingPeriod, Submission


def sent(prefix: str = "") -> Q:
    """A report sent to the province: signed by the head at least once (a report the province
    returned, or one being corrected again inside the agency, stays sent). Every "sent" and "not
    sent" figure (the period list, the period page, the province's report) uses this."""
    return Q(**{f"{prefix}first_sent_at__isnull": False})


def _headed(actor: Any) -> list[int]:
    return [
        agency_id
        for agency_id, roles in policy.scope(actor).roles_by_agency.items()
        if Role.HEAD in roles
    ]


def awaiting_signature(actor: Any) -> QuerySet[Submission]:
    """Reports the officer submitted that wait for this head's signature, oldest deadline
    first (empty for someone who heads no agency). One query."""
    return (
        Submission.objects.filter(state=Submission.State.SUBMITTED, agency_id__in=_headed(actor))
        .select_related("period", "agency")
        .order_by("period__due_on", "agency__name", "pk")
    )


def to_review(actor: Any) -> QuerySet[Submission]:
    """Signed reports waiting for a province supervisor to accept or return them, the longest
    waiting first (empty for anyone else). One query."""
    if not policy.can_manage_reporting(actor):
        return Submission.objects.none()
    return (
        Submission.objects.filter(state=Submission.State.SIGNED)
        .select_related("period", "agency")
        .order_by("signed_at", "pk")
    )


def to_write(actor: Any) -> QuerySet[Submission]:
    """Drafts and reports returned for changes (by the province or by the head) of the agencies
    whose report this person writes, in open periods, nearest deadline first. One query."""
    writers = policy.scope(actor)
    agencies = [a for a in writers.agency_ids if policy.can_draft_report(actor, a)]
    return (
        Submission.objects.filter(
            agency_id__in=agencies,
            state__in=[Submission.State.DRAFT, Submission.State.RETURNED],
            period__status=ReportingPeriod.Status.OPEN,
        )
        .select_related("period", "agency")
        .order_by("period__due_on", "agency__name", "pk")
    )


def open_incidents(actor: Any) -> QuerySet[Incident]:
    """Leaks and losses still being handled that this person may read, newest first. One
    query."""
    return policy.restrict_incidents(
        actor, Incident.objects.filter(status=Incident.Status.OPEN).select_related("agency")
    ).order_by("-found_at", "-pk")


def not_sent(period: ReportingPeriod) -> QuerySet[Agency]:
    """The agencies asked for `period` that have not sent their report (`sent`); past the
    period's deadline, they are late. Counting them costs two queries (whether the period
    names its agencies, then the count)."""
    from bmnn.reports.services import expected_agencies

    done = Submission.objects.filter(sent(), period=period).values("agency_id")
    return expected_agencies(period).exclude(pk__in=done)

"""Incident services: filing (any agency, at once; every province supervisor told in the app
and by e-mail), follow-up steps and closure — each authorised and audited."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.levels import TOI_MAT, TUYET_MAT
from bmnn.core.notify import notify
from bmnn.core.services import locked, require, service
from bmnn.org.models import Agency, AgencyGroup, AgencyType, Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.reports import calendar, figures, rules
from bmnn.reports.models import Incident, IncidentStep, ReportingPeriod, Submission, SubmissionEvent

OPEN_FORM_REFUSES = {TOI_MAT, TUYET_MAT}
# What a reporting period asks, and by when: what the API shows and the province sends down
PERIOD_FIELDS = (
    "kind",
    "year",
    "title",
    "window_start",
    "window_end",
    "due_on",
    "statutory_due_on",
    "basis",
    "questions",
)


def open_incident(
    *,
    actor: Person,
    agency: Agency,
    what: str,
    channel: str,
    found_at: datetime,
    level: str = "",
    scope: str = "",
    measures: str = "",
    source: str = Incident.Source.AGENCY,
    source_ref: str = "",
) -> Incident:
    """The body of `report_incident`, for services that open an incident inside their own
    transaction (a loss recorded in the registry, a scanner finding)."""
    require(policy.can_report_incident(actor, agency.pk), _("Report incidents of your own agency."))
    if channel not in Incident.Channel.values:
        raise ValidationError({"channel": _("Say how the secret was leaked or lost.")})
    if not what.strip():
        raise ValidationError({"what": _("Say what was leaked or lost.")})
    if rules.found_later_than(found_at, timezone.now()):
        raise ValidationError({"found_at": _("The time it was found is in the future.")})
    if not settings.BMNN_HOLDS_SECRETS and level in OPEN_FORM_REFUSES:
        # A node that holds no secrets (reached over a network) takes the fact of an incident,
        # not the details of a Tối mật or Tuyệt mật one.
        raise ValidationError(
            {
                "level": _(
                    "This node holds no secrets: report a Tối mật or Tuyệt mật leak or loss on the secret "
                    "channel (on paper, or by bundle from your agency's own node), not here."
                )
            }
        )
    incident = Incident.objects.create(
        agency=agency,
        what=what.strip(),
        level=level,
        found_at=found_at,
        channel=channel,
        scope=scope.strip(),
        measures=measures.strip(),
        source=source,
        source_ref=source_ref[:255],
        reported_by=actor,
    )
    audit.record(
        actor=actor,
        action="incident.report",
        obj=incident,
        agency=agency,
        changes={"channel": channel, "level": level, "source": source},
    )
    notify(
        [*people_in_roles((Role.SUPERVISOR,)), *people_in_roles((Role.HEAD,), {agency.pk})],
        title=_("Leak or loss reported by %(agency)s") % {"agency": agency.name},
        url=reverse("reports:incident", args=[incident.pk]),
        key=f"incident-{incident.pk}",
    )
    return incident


@service
def report_incident(**fields: Any) -> Incident:
    return open_incident(**fields)


@service
def add_step(*, actor: Person, incident: Incident, text: str, close: bool = False) -> IncidentStep:
    incident = locked(Incident.objects).get(pk=incident.pk)
    require(
        policy.can_follow_incident(actor, incident),
        _("Only the agency and the province supervisors follow this incident up."),
    )
    if incident.status == Incident.Status.CLOSED:
        raise ValidationError(_("The incident is closed."))
    if not text.strip():
        raise ValidationError({"text": _("Say what was done.")})
    if close:
        require(policy.can_close_incident(actor), _("A province supervisor closes an incident."))
    step = IncidentStep.objects.create(
        incident=incident, text=text.strip(), author=actor, closes=close
    )
    if close:
        incident.status, incident.closed_at = Incident.Status.CLOSED, timezone.now()
        incident.save(update_fields=["status", "closed_at"])
    audit.record(
        actor=actor,
        action="incident.close" if close else "incident.step",
        obj=incident,
        agency=incident.agency,
        changes={"text": text.strip()[:500]},
    )
    return step


# --- reporting periods and requests ---------------------------------------------------------


# The agency types a period that names no agencies does not ask (`rules.reports_by_default`).
NOT_ASKED_BY_DEFAULT = [t for t in AgencyType.values if not rules.reports_by_default(t)]


def expected_agencies(period: ReportingPeriod) -> QuerySet[Agency]:
    """Who must report: the agencies a request or a period names (groups were resolved into
    agencies when it was sent), else every active agency except the aggregator. The one rule;
    `periods_asking` reads it from the agencies' side."""
    if period.kind == ReportingPeriod.Kind.AD_HOC or period.targets.exists():
        return Agency.objects.filter(pk__in=period.targets.values("pk"), is_active=True)
    return Agency.objects.filter(is_active=True).exclude(type__in=NOT_ASKED_BY_DEFAULT)


def periods_asking(agencies: QuerySet[Agency]) -> QuerySet[ReportingPeriod]:
    """The periods and requests that ask one of `agencies` to report, by the rule of
    `expected_agencies`: those that name one of them and, unless they are all the aggregator,
    every period that names none (an ad-hoc request always names its agencies). Whether the
    agencies are active is the caller's choice: a closed agency's people still see what it was
    asked. One query to build (whether one of them reports by default)."""
    asked = Q(targets__in=agencies)
    if agencies.exclude(type__in=NOT_ASKED_BY_DEFAULT).exists():
        asked |= Q(targets__isnull=True) & ~Q(kind=ReportingPeriod.Kind.AD_HOC)
    return ReportingPeriod.objects.filter(pk__in=ReportingPeriod.objects.filter(asked).values("pk"))


def _check_dates(window_start: date, window_end: date, due_on: date) -> None:
    problems = rules.period_date_problems(window_start, window_end, due_on)
    if "window_end" in problems:
        raise ValidationError({"window_end": _("The data window ends before it starts.")})
    if "due_on" in problems:
        raise ValidationError({"due_on": _("The deadline is before the data window starts.")})


@service
def create_period(
    *,
    actor: Person,
    kind: str,
    year: int,
    title: str = "",
    window_start: date | None = None,
    window_end: date | None = None,
    due_on: date | None = None,
    statutory_due_on: date | None = None,
    basis: str = "",
    part: int = 1,
    questions: list[str] | None = None,
    agencies: list[Agency] | None = None,
    groups: list[AgencyGroup] | None = None,
) -> ReportingPeriod:
    """A supervisor opens a period (dates default from the statutory calendar) or sends an
    ad-hoc request to chosen agencies and groups; every agency asked is told."""
    require(
        policy.can_manage_reporting(actor), _("Only province supervisors open reporting periods.")
    )
    if kind not in ReportingPeriod.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of report.")})
    agencies, groups = list(agencies or []), list(groups or [])
    questions = [q.strip() for q in (questions or []) if q.strip()]
    if kind == ReportingPeriod.Kind.AD_HOC:
        if not agencies and not groups:
            raise ValidationError({"agencies": _("Choose the agencies or groups asked to report.")})
        if not (title.strip() and window_start and window_end and due_on):
            raise ValidationError(
                _("An ad-hoc request needs a title, a data window and a deadline.")
            )
        start, end, due = window_start, window_end, due_on
    else:
        try:
            base = calendar.defaults(kind, year, part)
        except ValueError as exc:
            raise ValidationError({"part": str(exc)}) from exc
        start, end, due = (
            window_start or base.window_start,
            window_end or base.window_end,
            due_on or base.due_on,
        )
        title, basis = title.strip() or base.title, basis or base.basis
        statutory_due_on = statutory_due_on or base.statutory_due_on
        if ReportingPeriod.objects.filter(kind=kind, window_start=start, window_end=end).exists():
            raise ValidationError(_("This period is already open."))
    _check_dates(start, end, due)
    period = ReportingPeriod.objects.create(
        kind=kind,
        year=year,
        title=title.strip()[:255],
        window_start=start,
        window_end=end,
        due_on=due,
        statutory_due_on=statutory_due_on,
        basis=basis[:255],
        questions=questions,
        created_by=actor,
    )
    members = {a.pk for a in agencies if a.is_active}
    for group in groups:
        members |= set(group.members().values_list("pk", flat=True))
    if members:
        period.targets.set(members)
    period.target_groups.set(groups)
    audit.record(
        actor=actor,
        action="report.period",
        obj=period,
        changes={"kind": kind, "window": [start, end], "due_on": due, "agencies": len(members)},
    )
    asked = set(expected_agencies(period).values_list("pk", flat=True))
    notify(
        people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), asked),
        title=_("Report requested: %(title)s, due %(due)s")
        % {"title": period.title, "due": due.strftime("%d/%m/%Y")},
        url=reverse("reports:period", args=[period.pk]),
        key=f"report-period-{period.pk}",
    )
    return period


@service
def change_period(
    *, actor: Person, period: ReportingPeriod, due_on: date | None = None, status: str | None = None
) -> ReportingPeriod:
    """A supervisor moves the agencies' deadline or closes (reopens) the period."""
    require(
        policy.can_manage_reporting(actor), _("Only province supervisors change reporting periods.")
    )
    period = locked(ReportingPeriod.objects).get(pk=period.pk)
    watched = audit.Watched(period, ("due_on", "status"))
    if due_on is not None and due_on != period.due_on:
        _check_dates(period.window_start, period.window_end, due_on)
        period.due_on = due_on
    if status is not None and status != period.status:
        if status not in ReportingPeriod.Status.values:
            raise ValidationError({"status": _("Unknown status.")})
        period.status = status
    if changes := watched.changes():
        period.save()
        audit.record(actor=actor, action="report.period_change", obj=period, changes=changes)
    return period


# --- submissions ----------------------------------------------------------------------------

EDITABLE = {Submission.State.DRAFT, Submission.State.RETURNED}
NARRATIVE = ("situation", "shortcomings", "lessons", "proposals")


def _event(submission: Submission, actor: Person, action: str, comment: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission, actor=actor, action=action, comment=comment
    )
    audit.record(
        actor=actor,
        action=f"report.{action}",
        obj=submission,
        agency=submission.agency,
        changes={
            "period": submission.period_id,
            "state": submission.state,
            "comment": comment[:500],
        },
    )


def _locked(submission: Submission) -> Submission:
    return locked(Submission.objects).select_related("period", "agency").get(pk=submission.pk)


def _writer_lock(actor: Person, submission: Submission) -> Submission:
    """The submission locked for a change by the agency's head or security officer."""
    submission = _locked(submission)
    require(
        policy.can_draft_report(actor, submission.agency_id),
        _("Only the agency's head and security officer write its report."),
    )
    return submission


def _fill(submission: Submission) -> None:
    period = submission.period
    auto = figures.compute([submission.agency_id], period.window_start, period.window_end)[
        submission.agency_id
    ]
    submission.figures = figures.filled(auto, submission.figures)
    submission.figures_filled_at = timezone.now()


@service
def start_submission(*, actor: Person, period: ReportingPeriod, agency: Agency) -> Submission:
    """The agency's draft for the period, with its figures filled from BMNN's records (the
    existing one when it was already started)."""
    require(
        policy.can_draft_report(actor, agency.pk),
        _("Only the agency's head and security officer write its report."),
    )
    if period.status != ReportingPeriod.Status.OPEN:
        raise ValidationError(_("This reporting period is closed."))
    if not expected_agencies(period).filter(pk=agency.pk).exists():
        raise ValidationError(_("This agency is not asked to report for this period."))
    existing = Submission.objects.filter(period=period, agency=agency).first()
    if existing is not None:
        return existing
    submission = Submission(
        period=period,
        agency=agency,
        drafted_by=actor,
        answers=[{"question": q, "answer": ""} for q in period.questions],
    )
    _fill(submission)
    try:
        with transaction.atomic():  # two people starting the same report at once: one draft
            submission.save()
    except IntegrityError:
        return Submission.objects.get(period=period, agency=agency)
    _event(submission, actor, "draft")
    return submission


def _corrections(submission: Submission, corrections: dict[str, tuple[Any, str]]) -> dict[str, Any]:
    changed = {}
    for key, (raw, reason) in corrections.items():
        if key not in figures.BY_KEY:
            raise ValidationError(_("Unknown figure %(key)s.") % {"key": key})
        entry = dict(submission.figures.get(key) or {"auto": None, "value": 0, "reason": ""})
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValidationError(
                {key: _("%(label)s: enter a whole number.") % {"label": figures.BY_KEY[key].label}}
            ) from None
        if value < 0 or value > 10_000_000:
            raise ValidationError(
                {
                    key: _("%(label)s: the number is out of range.")
                    % {"label": figures.BY_KEY[key].label}
                }
            )
        auto = entry.get("auto")
        reason = reason.strip()[:500]
        if auto is not None and value != int(auto) and not reason:
            raise ValidationError(
                {
                    key: _("%(label)s differs from BMNN's records (%(auto)s): give the reason.")
                    % {"label": figures.BY_KEY[key].label, "auto": auto}
                }
            )
        if auto is not None and value == int(auto):
            reason = ""
        if value != entry.get("value") or reason != entry.get("reason", ""):
            changed[key] = [entry.get("value"), value]
            submission.figures[key] = {"auto": auto, "value": value, "reason": reason}
    return changed


@service
def save_submission(
    *,
    actor: Person,
    submission: Submission,
    revision: int,
    answers: list[str] | None = None,
    corrections: dict[str, tuple[Any, str]] | None = None,
    **narrative: str | None,
) -> Submission:
    """Saves the narrative, the answers and any corrected figures (each with its reason). The
    officer edits a draft or a returned report; the head may also edit while it awaits the
    signature. Someone else's save since the form was opened is refused, not overwritten."""
    submission = _writer_lock(actor, submission)
    editable = EDITABLE | (
        {Submission.State.SUBMITTED} if policy.is_head_of(actor, submission.agency_id) else set()
    )
    if submission.state not in editable:
        raise ValidationError(
            _("The report is %(state)s and can no longer be changed.")
            % {"state": submission.get_state_display()}
        )
    if revision != submission.revision:
        raise ValidationError(
            _(
                "Someone else saved this report after you opened it; reload it and make your changes again."
            )
        )
    unknown = set(narrative) - set(NARRATIVE)
    if unknown:
        raise ValidationError(_("Unknown part %(part)s.") % {"part": ", ".join(sorted(unknown))})
    changes: dict[str, Any] = {}
    for name, text in narrative.items():
        if text is not None and text.strip() != getattr(submission, name):
            setattr(submission, name, text.strip()[:50_000])
            changes[name] = len(text.strip())
    if answers is not None:
        for entry, answer in zip(submission.answers, answers, strict=False):
            entry["answer"] = answer.strip()[:20_000]
        changes["answers"] = len(answers)
    changes.update(_corrections(submission, corrections or {}))
    _consistent(submission)
    submission.revision += 1
    submission.save()
    audit.record(
        actor=actor, action="report.save", obj=submission, agency=submission.agency, changes=changes
    )
    return submission


@service
def refill_figures(*, actor: Person, submission: Submission) -> Submission:
    """Fills the figures again from the records (corrections stay, with the new record value)."""
    submission = _writer_lock(actor, submission)
    if submission.state not in EDITABLE:
        raise ValidationError(
            _("The report is %(state)s and can no longer be changed.")
            % {"state": submission.get_state_display()}
        )
    _fill(submission)
    submission.revision += 1
    submission.save()
    audit.record(actor=actor, action="report.refill", obj=submission, agency=submission.agency)
    return submission


def _consistent(submission: Submission) -> None:
    """Refuses figures that contradict one another (`figures.contradictions`), each message on
    its figure."""
    values = {key: submission.value(key) for key in figures.KEYS}
    problems = figures.contradictions(values)
    if problems:
        raise ValidationError(
            {key: f"{figures.BY_KEY[key].label}: {message}" for key, message in problems.items()}
        )


def _complete(submission: Submission) -> None:
    _consistent(submission)
    if not submission.situation.strip():
        raise ValidationError(
            {"situation": _("Write the situation and results before submitting.")}
        )
    if any(not entry.get("answer", "").strip() for entry in submission.answers):
        raise ValidationError(_("Answer every question of the request before submitting."))


@service
def submit(*, actor: Person, submission: Submission) -> Submission:
    """The officer hands the draft to the head for signature."""
    submission = _writer_lock(actor, submission)
    if submission.state not in EDITABLE:
        raise ValidationError(_("Only a draft or a returned report can be submitted."))
    _complete(submission)
    submission.state = Submission.State.SUBMITTED
    submission.revision += 1
    submission.save()
    _event(submission, actor, "submit")
    notify(
        people_in_roles((Role.HEAD,), {submission.agency_id}),
        title=_("Report to sign: %(title)s") % {"title": submission.period.title},
        url=_submission_url(submission),
        key=f"report-sign-{submission.pk}-{submission.revision}",
    )
    return submission


@service
def send_back(*, actor: Person, submission: Submission, comment: str) -> Submission:
    """The head returns a report awaiting the signature to the officer, with the reason: it
    becomes a draft again (it never left the agency), the officer is told, and the return is
    in its history and the audit log."""
    submission = _locked(submission)
    require(
        policy.is_head_of(actor, submission.agency_id),
        _("Only the head of the agency returns its report to the officer."),
    )
    if submission.state != Submission.State.SUBMITTED:
        raise ValidationError(_("Only a report awaiting your signature can be returned."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the officer must change.")})
    submission.state = Submission.State.DRAFT
    submission.revision += 1
    submission.save()
    _event(submission, actor, SubmissionEvent.Action.RETURN, comment.strip())
    writers: list[Person | None] = list(
        people_in_roles((Role.SECURITY_OFFICER,), {submission.agency_id})
    )
    if submission.drafted_by_id and submission.drafted_by_id != actor.pk:
        writers.append(submission.drafted_by)
    notify(
        writers,
        title=_("Report returned by the head: %(title)s") % {"title": submission.period.title},
        url=_submission_url(submission),
        key=f"report-back-{submission.pk}-{submission.revision}",
    )
    return submission


def _submission_url(submission: Submission) -> str:
    return reverse("reports:submission", args=[submission.period_id, submission.agency_id])


@service
def sign(*, actor: Person, submission: Submission) -> Submission:
    """The head signs what the officer drafted (or their own draft) and it goes to the
    province; every supervisor is told."""
    submission = _locked(submission)
    require(
        policy.is_head_of(actor, submission.agency_id),
        _("Only the head of the agency signs its report."),
    )
    if submission.state not in EDITABLE | {Submission.State.SUBMITTED}:
        raise ValidationError(_("This report was already signed."))
    _complete(submission)
    seal(submission, actor, timezone.now())
    _event(submission, actor, "sign")
    tell_of_signature(submission, key=f"report-signed-{submission.pk}-{submission.revision}")
    return submission


def seal(submission: Submission, by: Person, at: datetime) -> None:
    """A report as the head's signature leaves it: signed by `by` at `at` (the first time it
    was sent, unless it was sent before), a new revision. The caller has locked it and checked
    who signs (`sign` here, the province when a signed report comes up)."""
    submission.state, submission.signed_by, submission.signed_at = (
        Submission.State.SIGNED,
        by,
        at,
    )
    submission.first_sent_at = submission.first_sent_at or at
    submission.revision += 1
    submission.save()


def tell_of_signature(submission: Submission, key: str) -> None:
    """Every supervisor is told a signed report came in."""
    notify(
        people_in_roles((Role.SUPERVISOR,)),
        title=_("Report received from %(agency)s: %(title)s")
        % {"agency": submission.agency.name, "title": submission.period.title},
        url=_submission_url(submission),
        key=key,
    )


@service
def review(*, actor: Person, submission: Submission, accept: bool, comment: str = "") -> Submission:
    """A supervisor accepts a signed report, or returns it with comments to the agency."""
    submission = _locked(submission)
    require(
        policy.can_manage_reporting(actor), _("Only province supervisors accept or return reports.")
    )
    if submission.state != Submission.State.SIGNED:
        raise ValidationError(
            _("Only a signed report awaiting review can be accepted or returned.")
        )
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("Say what the agency must change.")})
    settle(submission, actor, accept)
    _event(submission, actor, "accept" if accept else "return", comment.strip())
    tell_of_decision(submission, accept, key=f"report-review-{submission.pk}-{submission.revision}")
    return submission


def settle(submission: Submission, by: Person, accept: bool) -> None:
    """A signed report as the province's decision leaves it: accepted by `by` now, or
    returned; a new revision either way. The caller has locked it and checked who decides
    (`review` here, the agency node when the decision comes down)."""
    if accept:
        submission.state, submission.accepted_by, submission.accepted_at = (
            Submission.State.ACCEPTED,
            by,
            timezone.now(),
        )
    else:
        submission.state = Submission.State.RETURNED
    submission.revision += 1
    submission.save()


def tell_of_decision(submission: Submission, accept: bool, key: str) -> None:
    """The agency's head and security officers are told the province accepted or returned
    its report."""
    title = (
        _("Report accepted: %(title)s") if accept else _("Report returned for changes: %(title)s")
    ) % {"title": submission.period.title}
    notify(
        people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), {submission.agency_id}),
        title=title,
        url=_submission_url(submission),
        key=key,
    )

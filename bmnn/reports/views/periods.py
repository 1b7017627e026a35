"""Reporting pages: periods and ad-hoc requests, an agency's report (draft, submit, sign,
return, accept), the province's report (build, edit, DOCX/XLSX, bundle) and imported reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core import policy
from bmnn.core.levels import LEVELS
from bmnn.core.services import actor_of
from bmnn.org.models import Agency, Level
from bmnn.reports import export, figures, province, queries, services
from bmnn.reports.forms import (
    PeriodChangeForm,
    PeriodForm,
    ProvinceForm,
    ReviewForm,
    SendBackForm,
    SubmissionForm,
)
from bmnn.reports.models import ImportedReport, ProvinceReport, ReportingPeriod, Submission
from bmnn.sync.forms import ReceiveForm
from bmnn.web.forms import take_errors

# how a report sent to the province but not accepted stands, on the province report's page
WAITING = {
    Submission.State.SIGNED: gettext_lazy("awaiting review"),
    Submission.State.RETURNED: gettext_lazy("returned for changes"),
}
BEING_CORRECTED = gettext_lazy("being corrected by the agency")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _fail(request: HttpRequest, exc: Exception) -> None:
    messages.error(
        request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    )


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    scope = policy.scope(request.user)
    periods = ReportingPeriod.objects.annotate(
        sent=Count("submissions", filter=queries.sent("submissions__")),
        accepted=Count("submissions", filter=Q(submissions__state="accepted")),
    ).prefetch_related("targets")
    rows = []
    if scope.province_wide:
        rows = [{"period": p, "mine": []} for p in periods[:200]]
    else:
        # The policy decides which agencies and periods show; an agency's submissions are
        # reached through those agencies.
        agencies = list(
            policy.restrict_agencies(request.user, Agency.objects.filter(is_active=True)).order_by(
                "name"
            )
        )
        # which periods ask each of them (the reporting rule): two queries per agency of the actor
        asking = {
            a.pk: set(
                services.periods_asking(Agency.objects.filter(pk=a.pk)).values_list("pk", flat=True)
            )
            for a in agencies
        }
        own = {
            (s.period_id, s.agency_id): s
            for s in Submission.objects.filter(agency__in=[a.pk for a in agencies])
        }
        visible = policy.restrict_periods(request.user, ReportingPeriod.objects.all()).values("pk")
        for period in periods.filter(pk__in=visible)[:200]:
            asked = [a for a in agencies if period.pk in asking[a.pk]]
            rows.append(
                {"period": period, "mine": [(a, own.get((period.pk, a.pk))) for a in asked]}
            )
    return render(
        request,
        "reports/period_list.html",
        {
            "rows": rows[:200],
            "today": timezone.localdate(),
            "province_wide": scope.province_wide,
            "can_manage": policy.can_manage_reporting(request.user),
            "can_import": policy.can_import_reports(request.user),
        },
    )


@login_required
def period_new(request: HttpRequest) -> HttpResponse:
    _require(policy.can_manage_reporting(request.user))
    kind = request.GET.get("kind", "annual")
    form = PeriodForm(
        request.POST or None, initial={"kind": kind, "year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["questions"] = data["questions"].splitlines()
        data["agencies"], data["groups"] = list(data["agencies"]), list(data["groups"])
        try:
            period = services.create_period(actor=actor_of(request), **data)
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(request, _("Period opened; the agencies asked have been told."))
            return redirect("reports:period", pk=period.pk)
    return render(request, "reports/period_form.html", {"form": form, "ad_hoc": kind == "ad_hoc"})


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=pk)
    expected = policy.restrict_agencies(request.user, services.expected_agencies(period))
    expected = expected.order_by("name")
    if not policy.is_province_wide(request.user):
        mine = list(expected)
        if not mine:
            raise Http404
        if len(mine) == 1:
            return redirect("reports:submission", pk=period.pk, agency=mine[0].pk)
    can_manage = policy.can_manage_reporting(request.user)
    change = PeriodChangeForm(request.POST or None, period=period) if can_manage else None
    if request.method == "POST":
        _require(change is not None)
        if change is not None and change.is_valid():
            try:
                services.change_period(
                    actor=actor_of(request), period=period, **change.cleaned_data
                )
            except ValidationError as exc:
                take_errors(change, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("reports:period", pk=pk)
    submissions = {s.agency_id: s for s in Submission.objects.filter(period=period)}
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    for agency in expected:
        submission = submissions.get(agency.pk)
        # sent: queries.sent, the one definition every page counts with
        sent = (
            timezone.localdate(submission.first_sent_at)
            if submission and submission.first_sent_at
            else None
        )
        late = (sent is not None and sent > period.due_on) or (
            sent is None and today > period.due_on
        )
        rows.append({"agency": agency, "submission": submission, "sent": sent, "late": late})

    def in_state(row: dict[str, Any], state: str) -> bool:
        return bool(row["submission"]) and row["submission"].state == state

    counts = {
        "expected": len(rows),
        "missing": sum(1 for r in rows if r["sent"] is None),
        "late": sum(1 for r in rows if r["late"]),
        "signed": sum(1 for r in rows if in_state(r, Submission.State.SIGNED)),
        "accepted": sum(1 for r in rows if in_state(r, Submission.State.ACCEPTED)),
    }
    state = request.GET.get("state", "")
    if state == "missing":
        rows = [r for r in rows if r["sent"] is None]
    elif state == "late":
        rows = [r for r in rows if r["late"]]
    elif state:
        rows = [r for r in rows if in_state(r, state)]
    reports = ProvinceReport.objects.filter(period=period)
    return render(
        request,
        "reports/period_detail.html",
        {
            "period": period,
            "rows": rows,
            "counts": counts,
            "state": state,
            "today": today,
            "change": change,
            "can_manage": can_manage,
            "report": policy.restrict_province_reports(request.user, reports).first(),
        },
    )


def _editable(user: Any, agency: Agency, submission: Submission | None) -> bool:
    """Whether this person may change the report now: its writers while it is a draft or
    returned, and the head while it awaits the signature."""
    if submission is None or not policy.can_draft_report(user, agency.pk):
        return False
    return submission.state in services.EDITABLE or (
        submission.state == Submission.State.SUBMITTED and policy.is_head_of(user, agency.pk)
    )


def _submission_context(
    request: HttpRequest,
    period: ReportingPeriod,
    agency: Agency,
    *,
    form: SubmissionForm | None = None,
    review: ReviewForm | None = None,
    back: SendBackForm | None = None,
    revision: Any = None,
    saved: bool = False,
) -> dict[str, Any]:
    submission = Submission.objects.filter(period=period, agency=agency).first()
    user = request.user
    can_draft, is_head = (
        policy.can_draft_report(user, agency.pk),
        policy.is_head_of(user, agency.pk),
    )
    state = submission.state if submission else None
    editable = _editable(user, agency, submission)
    events = list(submission.events.select_related("actor")) if submission else []
    last = events[-1] if events else None
    if submission is not None and form is None:
        form = SubmissionForm(submission=submission)
    return {
        "period": period,
        "agency": agency,
        "submission": submission,
        "form": form,
        "saved": saved,
        "revision": submission.revision if revision is None and submission else revision,
        "figure_rows": form.figure_rows() if form else [],
        "events": events,
        # the reason of the last return, shown until the report is sent again
        "returned": last
        if last and last.action == "return" and state in services.EDITABLE
        else None,
        "can_start": can_draft and submission is None and period.status == "open",
        "editable": editable,
        "can_submit": editable and state in services.EDITABLE and not is_head,
        "can_sign": is_head and state in (*services.EDITABLE, Submission.State.SUBMITTED),
        "can_send_back": is_head and state == Submission.State.SUBMITTED,
        "can_review": policy.can_manage_reporting(user) and state == Submission.State.SIGNED,
        "review": review or ReviewForm(),
        "back": back or SendBackForm(),
    }


def _agency_of(request: HttpRequest, period: ReportingPeriod, agency: int) -> Agency:
    found = policy.restrict_agencies(request.user, Agency.objects.filter(pk=agency)).first()
    if found is None or not services.expected_agencies(period).filter(pk=agency).exists():
        raise Http404
    return found


@login_required
def submission(request: HttpRequest, pk: int, agency: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=pk)
    found = _agency_of(request, period, agency)
    if request.method == "POST":
        return _submission_action(request, period, found)
    return render(request, "reports/submission.html", _submission_context(request, period, found))


DONE = {
    "save": gettext_lazy("Saved."),
    "submit": gettext_lazy("Sent to the head for signature."),
    "sign": gettext_lazy("Signed and sent to the province."),
    "refill": gettext_lazy("Figures filled again from the records."),
    "accept": gettext_lazy("Accepted."),
    "return": gettext_lazy("Returned to the agency."),
    "send_back": gettext_lazy("Returned to the officer."),
}


def _submission_action(
    request: HttpRequest, period: ReportingPeriod, agency: Agency
) -> HttpResponse:
    """Runs one action on the report. A mistake in what was typed answers with the same page,
    everything typed kept and each message next to its field; a refusal that is not about a
    field (not allowed, already signed) is a message above the page."""
    actor, action = actor_of(request), request.POST.get("action", "")
    current = Submission.objects.filter(period=period, agency=agency).first()

    def again(**forms_: Any) -> HttpResponse:
        context = _submission_context(request, period, agency, **forms_)
        return render(request, "reports/submission.html", context)

    try:
        if action == "start":
            services.start_submission(actor=actor, period=period, agency=agency)
        elif current is None:
            raise ValidationError(_("Start the report first."))
        elif action in ("save", "submit", "sign", "refill"):
            if action in ("save", "refill") and not policy.can_draft_report(actor, agency.pk):
                raise PermissionDenied(
                    _("Only the agency's head and security officer write its report.")
                )
            if request.POST.get("revision") is not None and _editable(actor, agency, current):
                form = SubmissionForm(request.POST, submission=current)
                if not form.is_valid():
                    return again(form=form, revision=request.POST.get("revision"))
                try:
                    revision = int(request.POST.get("revision", ""))
                except ValueError:
                    form.add_error(None, _("The form is incomplete; reload the page."))
                    return again(form=form, revision=request.POST.get("revision"))
                try:
                    services.save_submission(
                        actor=actor,
                        submission=current,
                        revision=revision,
                        corrections=form.corrections(),
                        answers=form.answers(),
                        **form.narrative(),
                    )
                except ValidationError as exc:
                    form.take(exc)
                    return again(form=form, revision=revision)
                current.refresh_from_db()
                try:
                    _step(actor, action, current)
                except ValidationError as exc:
                    # saved; what blocks the next step is shown on the fields, input kept
                    form.take(exc)
                    return again(form=form, saved=True)
            else:
                _step(actor, action, current)
        elif action in ("accept", "return"):
            review = ReviewForm(request.POST)
            if not _with_comment(
                review,
                lambda comment: services.review(
                    actor=actor, submission=current, accept=action == "accept", comment=comment
                ),
            ):
                return again(review=review)
        elif action == "send_back":
            back = SendBackForm(request.POST)
            if not _with_comment(
                back,
                lambda comment: services.send_back(
                    actor=actor, submission=current, comment=comment
                ),
            ):
                return again(back=back)
        else:
            raise ValidationError(_("Unknown action."))
    except (ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        if action in DONE:
            messages.success(request, DONE[action])
    return redirect("reports:submission", pk=period.pk, agency=agency.pk)


def _with_comment(form: Any, call: Callable[[str], object]) -> bool:
    """Runs `call` with the form's comment when the form is valid: a refusal that names a field
    goes on the form, any other on up. True when the form is still valid."""
    if form.is_valid():
        try:
            call(form.cleaned_data["comment"])
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            take_errors(form, exc)
    return bool(form.is_valid())


def _step(actor: Any, action: str, submission: Submission) -> None:
    if action == "submit":
        services.submit(actor=actor, submission=submission)
    elif action == "sign":
        services.sign(actor=actor, submission=submission)
    elif action == "refill":
        services.refill_figures(actor=actor, submission=submission)


@login_required
def submission_file(request: HttpRequest, pk: int, agency: int, fmt: str) -> HttpResponse:
    """The agency's report as a DOCX in the administrative format, or as a page to print."""
    period = get_object_or_404(ReportingPeriod, pk=pk)
    found = _agency_of(request, period, agency)
    report = get_object_or_404(
        Submission.objects.select_related("period", "agency__parent", "signed_by"),
        period=period,
        agency=found,
    )
    if fmt == "print":
        return render(request, "reports/submission_print.html", export.printable(report))
    if fmt != "docx":
        raise Http404
    response = HttpResponse(export.docx(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{export.filename(report)}.docx"'
    return response


@login_required
def province_report(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=pk)
    reports = policy.restrict_province_reports(request.user, ProvinceReport.objects.all())
    report = reports.filter(period=period).first()
    # Reading is the restrict's alone; building is the supervisors' (the service checks too).
    if report is None and not policy.can_manage_reporting(request.user):
        raise Http404
    form = ProvinceForm(request.POST or None, instance=report) if report else None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "build":
                province.build(actor=actor_of(request), period=period)
                messages.success(
                    request, _("The province's report was built from the accepted reports.")
                )
                return redirect("reports:province", pk=pk)
            if report is None or form is None:
                raise ValidationError(_("Build the report first."))
            if form.is_valid():
                fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
                try:
                    revision = int(request.POST.get("revision", ""))
                except ValueError:
                    raise ValidationError(_("The form is incomplete; reload the page.")) from None
                try:
                    province.update(
                        actor=actor_of(request), report=report, revision=revision, **fields
                    )
                except ValidationError as exc:
                    take_errors(form, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("reports:province", pk=pk)
        except (ValidationError, PermissionDenied) as exc:
            if request.POST.get("action") == "build" or report is None or form is None:
                _fail(request, exc)
                return redirect("reports:province", pk=pk)
            if isinstance(exc, ValidationError):
                take_errors(form, exc)
            else:
                _fail(request, exc)
    data = report.data if report else {}
    return render(
        request,
        "reports/province.html",
        {"period": period, "report": report, "form": form, "data": data} | _province_tables(data),
    )


def _province_tables(data: dict[str, Any]) -> dict[str, Any]:
    """The province report's figures for the page: totals by level, the other totals, and the
    per-agency figures as two tables headed in words (documents by level, with one header per
    figure over its three levels; then the other figures)."""
    totals = data.get("totals", {})
    levels = [(level, Level(level).label) for level in LEVELS]
    names = [name for name, _label in province.DOC_ROWS]
    index = {key: i for i, key in enumerate(data.get("keys", []))}
    rows = data.get("rows", [])[:100]

    def values(row: dict[str, Any], keys: list[str]) -> list[Any]:
        return [row["values"][index[k]] if k in index else "" for k in keys]

    doc_keys = [f"{name}.{level}" for name in names for level, _l in levels]
    other_keys = [key for key, _label in province.OTHER_ROWS]
    return {
        "chart": {
            "labels": [str(figures.BY_KEY[f"{name}.{LEVELS[0]}"].label) for name in names],
            "values": [sum(province._by_level(totals, name)) for name in names],
        },
        "levels": levels,
        "level_rows": [
            (figures.BY_KEY[f"{name}.{LEVELS[0]}"].label, *province._by_level(totals, name))
            for name in names
        ],
        "other_rows": [(figures.BY_KEY[key].label, totals.get(key, 0)) for key in other_keys],
        "doc_groups": [figures.BY_KEY[f"{name}.{LEVELS[0]}"].label for name in names],
        "other_heads": [figures.BY_KEY[key].label for key in other_keys],
        "agency_rows": [
            {"name": r["name"], "docs": values(r, doc_keys), "other": values(r, other_keys)}
            for r in rows
        ],
        "waiting": [
            {"name": w["name"], "state": WAITING.get(w.get("state", ""), BEING_CORRECTED)}
            for w in data.get("waiting", [])
        ],
    }


@login_required
def province_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _require(policy.can_manage_reporting(request.user))
    report = get_object_or_404(ProvinceReport, period_id=pk)
    try:
        if fmt == "bundle":
            content, kind, name = (
                province.bundle(report),
                "application/zip",
                f"bao-cao-{report.period.year}.bmnn",
            )
        elif fmt == "xlsx":
            content, kind, name = (
                province.xlsx(report),
                XLSX,
                f"phu-luc-bao-cao-{report.period.year}.xlsx",
            )
        else:
            content, kind, name = province.docx(report), DOCX, f"bao-cao-{report.period.year}.docx"
    except ImproperlyConfigured:  # no signing key for the bundle
        messages.error(
            request,
            _(
                "This installation has no signing key yet, so it cannot sign the bundle: ask the "
                "administrator to create one."
            ),
        )
        return redirect("reports:province", pk=pk)
    province.record_export(actor=actor_of(request), report=report, fmt=fmt)
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    # Reading the list is the restrict's alone (others see an empty list); importing is gated.
    form = ReceiveForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        _require(policy.can_import_reports(request.user))
        if form.is_valid():
            try:
                imported, changed = province.import_bundle(
                    actor=actor_of(request), data=form.cleaned_data["bundle"].read()
                )
            except (ValidationError, PermissionDenied) as exc:
                messages_of = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                form.add_error("bundle", messages_of)
            else:
                messages.success(
                    request,
                    (
                        _("Report of %(issuer)s imported.")
                        if changed
                        else _("This report of %(issuer)s was already imported.")
                    )
                    % {"issuer": imported.issuer},
                )
                return redirect("reports:imports")
        messages.error(request, _("Nothing was saved: correct what is marked below."))
    rows = policy.restrict_imported_reports(request.user, ImportedReport.objects.all())
    return render(
        request,
        "reports/imports.html",
        {"rows": rows[:500], "can_import": policy.can_import_reports(request.user), "form": form},
    )

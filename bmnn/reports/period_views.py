"""Reporting pages: periods and ad-hoc requests, an agency's report (draft, submit, sign,
return, accept), the province's report (build, edit, DOCX/XLSX, bundle) and imported reports."""

from __future__ import annotations

from typing import Any

from django import forms
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
from bmnn.core.services import actor_of
from bmnn.org.forms import BootstrapMixin
from bmnn.org.models import Agency, AgencyGroup, AgencyType
from bmnn.reports import figures, province, services
from bmnn.reports.models import ImportedReport, ProvinceReport, ReportingPeriod, Submission

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _fail(request: HttpRequest, exc: Exception) -> None:
    messages.error(
        request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    )


class PeriodForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ReportingPeriod.Kind.choices)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    part = forms.IntegerField(label=gettext_lazy("Half or quarter"), min_value=1, max_value=4, initial=1,
                              help_text=gettext_lazy("For six-monthly and quarterly reports"))  # fmt: skip
    title = forms.CharField(label=gettext_lazy("Report title"), required=False,
                            help_text=gettext_lazy("Left empty, the statutory title is used"))  # fmt: skip
    window_start = forms.DateField(label=gettext_lazy("Data from"), required=False)
    window_end = forms.DateField(label=gettext_lazy("Data to"), required=False)
    due_on = forms.DateField(label=gettext_lazy("Agencies report by"), required=False,
                             help_text=gettext_lazy("Left empty, the dates follow the statutory calendar"))  # fmt: skip
    agencies = forms.ModelMultipleChoiceField(label=gettext_lazy("Agencies asked"), required=False,
                                              queryset=Agency.objects.filter(is_active=True))  # fmt: skip
    groups = forms.ModelMultipleChoiceField(label=gettext_lazy("Groups asked"), required=False,
                                            queryset=AgencyGroup.objects.all())  # fmt: skip
    questions = forms.CharField(label=gettext_lazy("Questions, one per line"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    scope = policy.scope(request.user)
    periods = ReportingPeriod.objects.annotate(
        sent=Count(
            "submissions", filter=Q(submissions__state__in=["signed", "accepted", "returned"])
        ),
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
        reporting = [a for a in agencies if a.type != AgencyType.PROVINCIAL_POLICE]
        own = {
            (s.period_id, s.agency_id): s
            for s in Submission.objects.filter(agency__in=[a.pk for a in agencies])
        }
        visible = policy.restrict_periods(request.user, ReportingPeriod.objects.all()).values("pk")
        for period in periods.filter(pk__in=visible)[:200]:
            targets = {t.pk for t in period.targets.all()}
            asked = [a for a in agencies if a.pk in targets] if targets else reporting
            rows.append(
                {"period": period, "mine": [(a, own.get((period.pk, a.pk))) for a in asked]}
            )
    return render(request, "reports/period_list.html", {
        "rows": rows[:200], "today": timezone.localdate(), "province_wide": scope.province_wide,
        "can_manage": policy.can_manage_reporting(request.user),
        "can_import": policy.can_import_reports(request.user)})  # fmt: skip


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
            form.add_error(None, exc.messages)
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
    if request.method == "POST":
        try:
            services.change_period(actor=actor_of(request), period=period,
                                   due_on=_date(request.POST.get("due_on")), status=request.POST.get("status") or None)  # fmt: skip
            messages.success(request, _("Saved."))
        except (ValidationError, PermissionDenied) as exc:
            _fail(request, exc)
        return redirect("reports:period", pk=pk)
    submissions = {s.agency_id: s for s in Submission.objects.filter(period=period)}
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    for agency in expected:
        submission = submissions.get(agency.pk)
        sent = (
            timezone.localdate(submission.first_sent_at)
            if submission and submission.first_sent_at
            else None
        )
        late = (sent is not None and sent > period.due_on) or (
            sent is None and today > period.due_on
        )
        rows.append({"agency": agency, "submission": submission, "sent": sent, "late": late})
    counts = {
        "expected": len(rows), "missing": sum(1 for r in rows if r["sent"] is None),
        "late": sum(1 for r in rows if r["late"]),
        "accepted": sum(1 for r in rows if r["submission"] and r["submission"].state == "accepted"),
    }  # fmt: skip
    state = request.GET.get("state", "")
    if state == "missing":
        rows = [r for r in rows if r["sent"] is None]
    elif state == "late":
        rows = [r for r in rows if r["late"]]
    elif state:
        rows = [r for r in rows if r["submission"] and r["submission"].state == state]
    return render(request, "reports/period_detail.html", {
        "period": period, "rows": rows, "counts": counts, "state": state, "today": today,
        "statuses": ReportingPeriod.Status.choices,
        "can_manage": policy.can_manage_reporting(request.user),
        "report": policy.restrict_province_reports(request.user, ProvinceReport.objects.filter(period=period)).first()})  # fmt: skip


def _date(text: str | None) -> Any:
    from bmnn.core.text import parse_day

    return parse_day(text) if text else None


def _submission_context(
    request: HttpRequest, period: ReportingPeriod, agency: Agency
) -> dict[str, Any]:
    submission = Submission.objects.filter(period=period, agency=agency).first()
    user = request.user
    can_draft, is_head = (
        policy.can_draft_report(user, agency.pk),
        policy.is_head_of(user, agency.pk),
    )
    state = submission.state if submission else None
    editable = bool(submission) and can_draft and (
        state in services.EDITABLE or (state == Submission.State.SUBMITTED and is_head))  # fmt: skip
    return {
        "period": period, "agency": agency, "submission": submission,
        "figure_rows": figures.rows_for_display(submission.figures) if submission else [],
        "events": list(submission.events.select_related("actor")) if submission else [],
        "can_start": can_draft and submission is None and period.status == "open",
        "editable": editable, "can_submit": editable and state in services.EDITABLE and not is_head,
        "can_sign": is_head and state in (*services.EDITABLE, Submission.State.SUBMITTED),
        "can_review": policy.can_manage_reporting(user) and state == Submission.State.SIGNED,
        "narrative": [(name, getattr(Submission._meta.get_field(name), "verbose_name", name), getattr(submission, name, ""))
                      for name in services.NARRATIVE],
    }  # fmt: skip


@login_required
def submission(request: HttpRequest, pk: int, agency: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=pk)
    found = policy.restrict_agencies(request.user, Agency.objects.filter(pk=agency)).first()
    if found is None or not services.expected_agencies(period).filter(pk=agency).exists():
        raise Http404
    if request.method == "POST":
        return _submission_action(request, period, found)
    return render(request, "reports/submission.html", _submission_context(request, period, found))


def _submission_action(
    request: HttpRequest, period: ReportingPeriod, agency: Agency
) -> HttpResponse:
    actor, action = actor_of(request), request.POST.get("action", "")
    current = Submission.objects.filter(period=period, agency=agency).first()
    try:
        if action == "start":
            services.start_submission(actor=actor, period=period, agency=agency)
        elif current is None:
            raise ValidationError(_("Start the report first."))
        elif action in ("save", "submit", "sign"):
            if action == "save" and not policy.can_draft_report(actor, agency.pk):
                raise PermissionDenied(
                    _("Only the agency's head and security officer write its report.")
                )
            if request.POST.get("revision") is not None and (
                policy.can_draft_report(actor, agency.pk)
                and current.state in (*services.EDITABLE, "submitted")
            ):
                _save(request, actor, current)
                current.refresh_from_db()
            if action == "submit":
                services.submit(actor=actor, submission=current)
                messages.success(request, _("Sent to the head for signature."))
            elif action == "sign":
                services.sign(actor=actor, submission=current)
                messages.success(request, _("Signed and sent to the province."))
            else:
                messages.success(request, _("Saved."))
        elif action == "refill":
            services.refill_figures(actor=actor, submission=current)
            messages.success(request, _("Figures filled again from the records."))
        elif action in ("accept", "return"):
            services.review(
                actor=actor,
                submission=current,
                accept=action == "accept",
                comment=request.POST.get("comment", ""),
            )
            messages.success(
                request, _("Accepted.") if action == "accept" else _("Returned to the agency.")
            )
        else:
            raise ValidationError(_("Unknown action."))
    except (ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("reports:submission", pk=period.pk, agency=agency.pk)


def _save(request: HttpRequest, actor: Any, current: Submission) -> None:
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        raise ValidationError(_("The form is incomplete; reload the page.")) from None
    corrections = {}
    for key in figures.KEYS:
        raw = request.POST.get(f"fig-{key}")
        if raw is None:
            continue
        entry = current.figures.get(key) or {}
        reason = request.POST.get(f"why-{key}", "")
        if raw.strip() != str(entry.get("value", "")) or reason.strip() != entry.get("reason", ""):
            corrections[key] = (raw, reason)
    answers = [request.POST.get(f"answer-{i}", "") for i in range(len(current.answers))]
    services.save_submission(actor=actor, submission=current, revision=revision, corrections=corrections,
                             answers=answers, **{name: request.POST.get(name) for name in services.NARRATIVE
                                                 if request.POST.get(name) is not None})  # fmt: skip


class ProvinceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProvinceReport
        fields = [*province.HEADER_FIELDS, *province.NARRATIVE]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in province.NARRATIVE} | {
            "recipients": forms.Textarea(attrs={"rows": 3})}  # fmt: skip


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
                province.update(
                    actor=actor_of(request),
                    report=report,
                    revision=int(request.POST.get("revision", "-1")),
                    **fields,
                )
                messages.success(request, _("Saved."))
                return redirect("reports:province", pk=pk)
        except (ValidationError, PermissionDenied, ValueError) as exc:
            _fail(
                request,
                exc
                if not isinstance(exc, ValueError)
                else ValidationError(_("The form is incomplete; reload the page.")),
            )
            if request.POST.get("action") == "build" or report is None:
                return redirect("reports:province", pk=pk)
    data = report.data if report else {}
    totals = data.get("totals", {})
    chart = {"labels": [label for _n, label in province.DOC_ROWS],
             "values": [sum(province._by_level(totals, name)) for name, _l in province.DOC_ROWS]}  # fmt: skip
    return render(request, "reports/province.html", {
        "period": period, "report": report, "form": form, "data": data, "chart": chart,
        "level_rows": [(label, *province._by_level(totals, name)) for name, label in province.DOC_ROWS],
        "other_rows": [(label, totals.get(key, 0)) for key, label in province.OTHER_ROWS],
        "agency_rows": data.get("rows", [])[:100]})  # fmt: skip


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
            request, _("This installation has no signing key: run `bmnn keys generate`.")
        )
        return redirect("reports:province", pk=pk)
    province.record_export(actor=actor_of(request), report=report, fmt=fmt)
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    # Reading the list is the restrict's alone (others see an empty list); importing is gated.
    if request.method == "POST":
        _require(policy.can_import_reports(request.user))
        upload = request.FILES.get("bundle")
        if upload is None or (upload.size or 0) > 200 * 1024 * 1024:
            messages.error(request, _("Choose a bundle file (at most 200 MB)."))
        else:
            try:
                imported, changed = province.import_bundle(
                    actor=actor_of(request), data=upload.read()
                )
            except (ValidationError, PermissionDenied) as exc:
                _fail(request, exc)
            else:
                messages.success(request, (_("Report of %(issuer)s imported.") if changed
                                           else _("This report of %(issuer)s was already imported.")) % {"issuer": imported.issuer})  # fmt: skip
        return redirect("reports:imports")
    rows = policy.restrict_imported_reports(request.user, ImportedReport.objects.all())
    return render(request, "reports/imports.html",
                  {"rows": rows[:500], "can_import": policy.can_import_reports(request.user)})  # fmt: skip

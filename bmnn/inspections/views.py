"""Pages for inspections and self-inspections, findings and remediation, the conclusion
document, training coverage and the legal library."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.paginator import CappedPaginator
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.core.text import parse_day
from bmnn.inspections import prefill, queries, rules, services
from bmnn.inspections.documents import conclusion_docx
from bmnn.inspections.forms import (
    AnswerForm,
    FindingForm,
    InspectionForm,
    LibrarySearchForm,
    RemediationForm,
    VerifyForm,
)
from bmnn.inspections.models import Answer, Finding, Inspection, Target, TrainingSession
from bmnn.org.models import Agency, Membership


def _inspection_or_404(request: HttpRequest, pk: int) -> Inspection:
    found = queries.inspection(request.user, pk)
    if found is None:
        raise Http404
    return found


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    rows = queries.inspections(request.user)
    page = CappedPaginator(rows, 30).get_page(request.GET.get("page"))
    late = queries.overdue_findings(request.user)
    return render(request, "inspections/list.html", {
        "page": page, "late": late[:20], "late_count": late.count(),
        "can_plan": policy.can_plan_inspections(request.user) or any(
            policy.can_self_inspect(request.user, a) for a in policy.scope(request.user).agency_ids),
    })  # fmt: skip


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = InspectionForm(request.POST or None, initial={
        "year": today.year, "kind": "inspection" if policy.can_plan_inspections(request.user) else "self",
        "period_from": today.replace(month=1, day=1), "period_to": today, "on_site_from": today, "on_site_to": today})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.create_inspection(actor=actor_of(request), **data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Inspection created with the default checklist."))
            return redirect("inspections:detail", pk=made.pk)
    return render(request, "inspections/form.html", {"form": form})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    inspector = policy.is_inspector_of(request.user, inspection)
    targets = policy.restrict_targets(request.user, inspection.targets.select_related("agency"))
    targets = targets.order_by("agency__name")
    findings = policy.restrict_findings(
        request.user, Finding.objects.filter(target__inspection=inspection)
    ).select_related("target__agency", "responsible")
    today = timezone.localdate()
    return render(request, "inspections/detail.html", {
        "inspection": inspection, "targets": targets, "is_inspector": inspector,
        "findings": [(f, rules.is_overdue(f.deadline, today, done=f.status == Finding.Status.VERIFIED)) for f in findings],
        "can_conclude": inspection.status != Inspection.Status.CONCLUDED and (
            inspection.leader_id == request.user.pk or policy.can_plan_inspections(request.user)),
    })  # fmt: skip


@login_required
def target_checklist(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    rows = Target.objects.filter(inspection=inspection, pk=target_pk).select_related("agency")
    target = policy.restrict_targets(request.user, rows).first()
    if target is None:
        raise Http404
    inspector = policy.is_inspector_of(request.user, inspection)
    if request.method == "POST":
        if not inspector:
            raise PermissionDenied
        _handle_checklist_post(request, inspection, target)
        return redirect("inspections:target", pk=pk, target_pk=target_pk)
    answers = {a.item_id: a for a in Answer.objects.filter(target=target)}
    listed = list(inspection.items.filter(removed=False))
    cited = queries.cited_documents(item.source for item in listed)
    # BMNN's own records suggest some answers; only the team that answers sees them
    suggested = prefill.suggestions(target, today=timezone.localdate()) if inspector else {}
    items = [
        (item, answers.get(item.pk), cited.get(item.source, []), suggested.get(item.code))
        for item in listed
    ]
    return render(request, "inspections/checklist.html", {
        "inspection": inspection, "target": target, "items": items, "is_inspector": inspector,
        "results": Answer.Result.choices, "finding_form": FindingForm(initial={"deadline": timezone.localdate()}),
        "answered": len(answers), "total": len(items),
    })  # fmt: skip


def _handle_checklist_post(request: HttpRequest, inspection: Inspection, target: Target) -> None:
    actor = actor_of(request)
    try:
        if request.POST.get("action") == "finding":
            form = FindingForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_text())
            data = form.cleaned_data
            item = inspection.items.filter(pk=data.pop("item") or 0).first()
            services.record_finding(actor=actor, target=target, item=item, **data)
            messages.success(request, _("Finding recorded; the agency has been told."))
        elif request.POST.get("action") == "add_item":
            services.edit_checklist(actor=actor, inspection=inspection, add=(
                request.POST.get("area", ""), request.POST.get("text", ""), request.POST.get("source", "")))  # fmt: skip
            messages.success(request, _("Item added to this inspection's checklist."))
        else:
            answer_form = AnswerForm(request.POST)
            if not answer_form.is_valid():
                raise ValidationError(answer_form.errors.as_text())
            item = inspection.items.filter(pk=answer_form.cleaned_data["item"]).first()
            if item is None:
                raise Http404
            services.answer(actor=actor, target=target, item=item, result=answer_form.cleaned_data["result"],
                            evidence=answer_form.cleaned_data["evidence"])  # fmt: skip
    except ValidationError as exc:
        _errors(request, exc)


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = (
        queries.findings(request.user).select_related("target__agency", "target__inspection", "responsible")
        .filter(pk=pk).first()
    )  # fmt: skip
    if finding is None:
        raise Http404
    inspection = finding.target.inspection
    inspector = policy.is_inspector_of(request.user, inspection)
    agency_side = policy.can_remediate(request.user, finding.target.agency_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remediate":
                form = RemediationForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors.as_text())
                services.post_remediation(
                    actor=actor_of(request), finding=finding, text=form.cleaned_data["text"]
                )
                messages.success(request, _("Remediation reported to the inspection team."))
            else:
                verify_form = VerifyForm(request.POST)
                if not verify_form.is_valid():
                    raise ValidationError(verify_form.errors.as_text())
                services.verify(actor=actor_of(request), finding=finding,
                                accept=verify_form.cleaned_data["decision"] == "accept",
                                comment=verify_form.cleaned_data["comment"])  # fmt: skip
                messages.success(request, _("Verification recorded."))
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("inspections:finding", pk=pk)
    today = timezone.localdate()
    return render(request, "inspections/finding.html", {
        "finding": finding, "inspection": inspection, "is_inspector": inspector, "agency_side": agency_side,
        "remediations": finding.remediations.select_related("posted_by"),
        "cited": queries.cited_documents([finding.rule]).get(finding.rule, []),
        "overdue": rules.is_overdue(finding.deadline, today, done=finding.status == Finding.Status.VERIFIED),
        "days_late": rules.days_late(finding.deadline, today, done=finding.status == Finding.Status.VERIFIED),
        "remediation_form": RemediationForm(), "verify_form": VerifyForm(),
    })  # fmt: skip


@login_required
@require_POST
def conclude(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    try:
        services.conclude(actor=actor_of(request), inspection=inspection)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The inspection is concluded."))
    return redirect("inspections:detail", pk=pk)


@login_required
def conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    response = HttpResponse(conclusion_docx(inspection, request.user),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")  # fmt: skip
    response["Content-Disposition"] = content_disposition_header(
        True, f"ket-luan-kiem-tra-{inspection.pk}.docx"
    )
    return response


@login_required
def training(request: HttpRequest) -> HttpResponse:
    """Training sessions and coverage (share of staff trained in the last 12 months) by agency."""
    visible = policy.restrict_agencies(request.user, Agency.objects.filter(is_active=True))
    agencies = list(visible.order_by("name")[:500])
    editable = [a for a in agencies if policy.can_record_training(request.user, a.pk)]
    if request.method == "POST":
        _record_training(request, editable)
        return redirect("inspections:training")
    coverage = queries.training_coverage(agencies)
    # The policy's restrict is the sessions' only read gate (not the agency list above).
    sessions = policy.restrict_agency_records(request.user, TrainingSession.objects.all())
    sessions = sessions.select_related("agency").filter(agency__is_active=True)[:50]
    start, end = rules.training_window(timezone.localdate())
    return render(request, "inspections/training.html", {
        "rows": [(a, coverage.get(a.pk)) for a in agencies], "sessions": sessions, "start": start, "end": end,
        "editable": editable if len(editable) < 50 else [], "kinds": TrainingSession.Kind.choices,
        "members": Membership.objects.filter(agency__in=editable[:50], is_active=True).select_related("person", "agency")
        .order_by("agency__name", "person__full_name"),
    })  # fmt: skip


def _record_training(request: HttpRequest, editable: list[Agency]) -> None:
    agency = next((a for a in editable if str(a.pk) == request.POST.get("agency")), None)
    if agency is None:
        raise PermissionDenied
    try:
        counts = {
            _("leaders"): int(request.POST.get("leaders") or 0),
            _("staff"): int(request.POST.get("staff") or 0),
        }
        people = [m.person for m in Membership.objects.filter(agency=agency, is_active=True,
                                                              person_id__in=[parse_id(v) or 0 for v in request.POST.getlist("attendees")])]  # fmt: skip
        services.record_training(actor=actor_of(request), agency=agency, kind=request.POST.get("kind", ""),
                                 title=request.POST.get("title", ""), held_on=parse_day(request.POST.get("held_on", "")),
                                 audience=request.POST.get("audience", ""), participants=counts, attendees=people)  # fmt: skip
        messages.success(request, _("Saved."))
    except ValueError:
        messages.error(request, _("Numbers of participants are whole numbers."))
    except ValidationError as exc:
        _errors(request, exc)


@login_required
def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET or None)
    q = request.GET.get("q", "")
    rows = queries.library(q, request.GET.get("kind", ""))
    page = CappedPaginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "inspections/library.html", {"form": form, "page": page, "q": q,
                                                         "query_string": f"q={q}"})  # fmt: skip


@login_required
def readiness(request: HttpRequest) -> HttpResponse:
    """Regulation, designated staff and training coverage per agency; the agency's own head or
    officer updates its regulation record and designations here."""
    from bmnn.inspections.models import Regulation, StaffDesignation

    active = Agency.objects.filter(is_active=True).order_by("name")
    visible = policy.restrict_agencies(request.user, active)
    if request.method == "POST":
        agency = visible.filter(pk=parse_id(request.POST.get("agency")) or 0).first()
        if agency is None:
            raise Http404
        try:
            if request.POST.get("action") == "designate":
                person = agency.memberships.filter(
                    person_id=parse_id(request.POST.get("person")) or 0
                ).first()
                services.designate_staff(
                    actor=actor_of(request), agency=agency, person=person.person if person else actor_of(request),
                    mode=request.POST.get("mode", ""), decision=request.POST.get("decision", ""),
                    decided_on=parse_day(request.POST.get("decided_on", "")))  # fmt: skip
            else:
                issued, review = (
                    request.POST.get("issued_on", ""),
                    request.POST.get("review_due", ""),
                )
                upload = request.FILES.get("file")
                services.set_regulation(
                    actor=actor_of(request), agency=agency, status=request.POST.get("status", ""),
                    document_number=request.POST.get("document_number", ""),
                    issued_on=parse_day(issued) if issued else None, review_due=parse_day(review) if review else None,
                    file=(upload.name or "quy-che", upload.read()) if upload else None,
                )  # fmt: skip

            messages.success(request, _("Saved."))
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("inspections:readiness")
    rows = queries.agency_readiness(list(visible[:500]))
    editable = {
        a for a in policy.scope(request.user).agency_ids if policy.can_self_inspect(request.user, a)
    }
    return render(request, "inspections/readiness.html", {
        "rows": rows, "editable": editable, "statuses": Regulation.Status.choices, "modes": StaffDesignation.Mode.choices,
        "deadline": rules.REGULATION_DEADLINE,
        "members": {pk: Agency.objects.get(pk=pk).memberships.filter(is_active=True).select_related("person") for pk in editable},
    })  # fmt: skip


@login_required
def budget(request: HttpRequest) -> HttpResponse:
    from bmnn.inspections.models import BudgetEstimate

    # Reading has no gate of its own: the policy's restrict leaves others an empty list.
    if request.method == "POST":
        if not policy.can_plan_inspections(request.user):
            raise PermissionDenied
        try:
            lines = []
            for raw in request.POST.get("lines", "").splitlines():
                if raw.strip():
                    item, _sep, amount = raw.rpartition("|")
                    lines.append(
                        (item.strip(), int(amount.strip().replace(".", "").replace(",", "")))
                    )
            services.save_budget(actor=actor_of(request), year=int(request.POST.get("year", "0")), lines=lines,
                                 status=request.POST.get("status", "draft"),
                                 appraised_by=request.POST.get("appraised_by", ""))  # fmt: skip
            messages.success(request, _("Saved."))
        except (ValueError, ValidationError) as exc:
            messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError)
                           else _("Write each line as: item | amount in VND."))  # fmt: skip
        return redirect("inspections:budget")
    estimates = policy.restrict_budgets(request.user, BudgetEstimate.objects.all())
    estimates = estimates.prefetch_related("lines")
    return render(request, "inspections/budget.html", {"estimates": estimates, "statuses": BudgetEstimate.Status.choices,
                                                        "year": timezone.localdate().year + 1,
                                                        "can_plan": policy.can_plan_inspections(request.user)})  # fmt: skip


@login_required
def regulation_file(request: HttpRequest, agency_pk: int) -> HttpResponse:
    from bmnn.inspections.models import Regulation

    rows = Regulation.objects.filter(agency_id=agency_pk).exclude(file="")
    regulation = policy.restrict_agency_records(request.user, rows).first()
    if regulation is None:
        raise Http404
    with regulation.file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        True, regulation.file_name or "quy-che"
    )
    return response


@login_required
@require_POST
def budget_decision(request: HttpRequest, pk: int) -> HttpResponse:
    from bmnn.inspections.models import BudgetEstimate

    estimate = policy.restrict_budgets(request.user, BudgetEstimate.objects.filter(pk=pk)).first()
    if estimate is None:
        raise Http404
    try:
        amounts = [
            int(v.replace(".", "").replace(",", "") or 0) for v in request.POST.getlist("allocated")
        ]
        services.decide_budget(actor=actor_of(request), estimate=estimate, decision=request.POST.get("decision", ""),
                               decided_on=parse_day(request.POST.get("decided_on", "")), allocated=amounts)  # fmt: skip
        messages.success(request, _("Saved."))
    except ValueError:
        messages.error(request, _("Write each line as: item | amount in VND."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("inspections:budget")

"""Pages for inspections and self-inspections, findings and remediation, the conclusion
document, training coverage and the legal library."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.paginator import CappedPaginator
from bmnn.core.params import parse_id
from bmnn.core.services import NotAllowed, actor_of
from bmnn.inspections import citations, plan_import, prefill, queries, rules, services
from bmnn.inspections.documents import conclusion_docx
from bmnn.inspections.forms import (
    BudgetDecisionForm,
    BudgetForm,
    ChecklistForm,
    ChecklistItemForm,
    DesignationForm,
    FindingForm,
    ImportedPlanForm,
    InspectionForm,
    LibrarySearchForm,
    RegulationForm,
    RemediationForm,
    ScheduleFormSet,
    TrainingForm,
    VerifyForm,
    add_service_errors,
)
from bmnn.inspections.models import (
    Answer,
    BudgetEstimate,
    Finding,
    Inspection,
    Regulation,
    Target,
    TrainingSession,
)
from bmnn.org.models import Agency, Person
from bmnn.plans import importing
from bmnn.plans.forms import UploadForm
from bmnn.web.shortcuts import found_or_404


def _inspection_or_404(request: HttpRequest, pk: int) -> Inspection:
    return found_or_404(queries.inspection(request.user, pk))


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _saved(
    request: HttpRequest, form: Any, save: Callable[[], Any], default: str | None = None
) -> bool:
    """Runs `save` (a service given the valid form's data): True once saved and said; False with
    the service's refusal on the form (a message without a field at `default`)."""
    try:
        save()
    except ValidationError as exc:
        add_service_errors(form, exc, default=default)
        return False
    messages.success(request, _("Saved."))
    return True


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    rows = queries.inspections(request.user)
    page = CappedPaginator(rows, 30).get_page(request.GET.get("page"))
    late = queries.overdue_findings(request.user)
    return render(
        request,
        "inspections/list.html",
        {
            "page": page,
            "late": late[:20],
            "late_count": late.count(),
            "can_plan": policy.can_plan_inspections(request.user)
            or any(
                policy.can_self_inspect(request.user, a)
                for a in policy.scope(request.user).agency_ids
            ),
        },
    )


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    kind = "inspection" if policy.can_plan_inspections(request.user) else "self"
    initial = {
        "year": today.year,
        "kind": kind,
        "period_from": today.replace(month=1, day=1),
        "period_to": today,
        "on_site_from": today,
        "on_site_to": today,
    }
    form = InspectionForm(request.POST or None, initial=initial, actor=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                made = services.create_inspection(actor=actor_of(request), **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except NotAllowed as exc:
                form.add_error(None, str(exc))
                status = 403
            else:
                messages.success(request, _("Inspection created with the default checklist."))
                return redirect("inspections:detail", pk=made.pk)
    return render(request, "inspections/form.html", {"form": form}, status=status)


def _may_import_plans(request: HttpRequest) -> bool:
    """Supervisors plan inspections; an agency's head or officer plans its self-inspection."""
    return policy.can_plan_inspections(request.user) or any(
        policy.can_self_inspect(request.user, a) for a in policy.scope(request.user).agency_ids
    )


@login_required
def import_plan(request: HttpRequest) -> HttpResponse:
    """An inspection plan (kế hoạch kiểm tra): upload (here, or handed over by the plan import
    with a token), review what was read, confirm. Nothing is saved before the confirmation."""
    if not _may_import_plans(request):
        raise PermissionDenied(_("Only those who plan inspections import inspection plans."))
    if request.method == "POST" and "token" in request.POST:
        return _plan_review(request, request.POST["token"], request.POST)
    token = request.GET.get("token", "")
    if token:
        return _plan_review(request, token)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        return redirect_to_review(importing.keep_pending(upload.read(), upload.name))
    return render(request, "inspections/plan_upload.html", {"form": form})


def redirect_to_review(token: str) -> HttpResponse:
    """The review page of an uploaded inspection plan kept under `token`."""
    return redirect(f"{reverse('inspections:plan_import')}?{urlencode({'token': token})}")


def _pending_plan(
    request: HttpRequest, token: str
) -> tuple[str, plan_import.InspectionPlan] | HttpResponse:
    """The pending file's name and what was read in it, or the upload page saying what is wrong."""
    try:
        name, data = importing.take_pending(token)
        plan = plan_import.read_upload(data)
    except ValidationError as exc:
        importing.drop_pending(token)
        return render(
            request,
            "inspections/plan_upload.html",
            {"form": UploadForm(), "error": exc.messages[0]},
            status=400,
        )
    return name, plan


def _plan_review(request: HttpRequest, token: str, sent: Any = None) -> HttpResponse:
    """The review page of the plan pending under `token`; with the form `sent`, its confirmation
    (the inspection is created and the pending file dropped, else the page says why)."""
    pending = _pending_plan(request, token)
    if isinstance(pending, HttpResponse):
        return pending
    name, plan = pending
    people = plan_import.team_candidates(plan)
    team, agencies = plan_import.match_team(plan, people), plan_import.agencies_by_name()
    initial = plan_import.initial(plan, team, agencies) if sent is None else None
    form = ImportedPlanForm(sent, initial=initial, people=people)
    rows = plan_import.schedule_initial(plan, agencies)
    formset = ScheduleFormSet(sent, initial=rows, prefix="row", form_kwargs={"agencies": agencies})
    errors: list[str] = []
    status = 200 if sent is None else 400
    if sent is not None and form.is_valid() and formset.is_valid():
        try:
            made = plan_import.confirm(
                actor=actor_of(request),
                data=form.cleaned_data,
                rows=[f.cleaned_data for f in formset.forms],
                source=name,
            )
        except ValidationError as exc:
            errors = exc.messages
        except NotAllowed as exc:
            errors, status = [str(exc)], 403
        else:
            importing.drop_pending(token)
            messages.success(
                request, _("The inspection was created from the plan, with the default checklist.")
            )
            return redirect("inspections:detail", pk=made.pk)
    return render(
        request,
        "inspections/plan_review.html",
        {
            "token": token,
            "source_name": name,
            "plan": plan,
            "team": team,
            "form": form,
            "formset": formset,
            "plan_flags": plan_import.plan_flags(plan),
            "agency_names": [a.name for a in agencies.values()],
            "errors": errors,
        },
        status=status,
    )


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
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "targets": targets,
            "is_inspector": inspector,
            "findings": [
                (f, rules.is_overdue(f.deadline, today, done=f.status == Finding.Status.VERIFIED))
                for f in findings
            ],
            "can_conclude": inspection.status != Inspection.Status.CONCLUDED
            and (
                inspection.leader_id == request.user.pk or policy.can_plan_inspections(request.user)
            ),
        },
    )


@login_required
def target_checklist(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """One agency's checklist: every answer in one form, a finding, an extra item. A form sent
    with errors comes back with what was typed and each message by its field."""
    inspection = _inspection_or_404(request, pk)
    rows = Target.objects.filter(inspection=inspection, pk=target_pk).select_related("agency")
    target = found_or_404(policy.restrict_targets(request.user, rows).first())
    inspector = policy.is_inspector_of(request.user, inspection)
    open_for_answers = inspector and inspection.status != Inspection.Status.CONCLUDED
    answers = {a.item_id: a for a in Answer.objects.filter(target=target)}
    listed = list(inspection.items.filter(removed=False))
    # BMNN's own records suggest some answers; only the team that answers sees them
    suggested = prefill.suggestions(target, today=timezone.localdate()) if inspector else {}
    action = request.POST.get("action", "answers") if request.method == "POST" else ""
    if action and not open_for_answers:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    people = (
        Person.objects.filter(
            memberships__agency=target.agency, memberships__is_active=True, is_active=True
        )
        .distinct()
        .order_by("full_name")
    )
    answer_form = ChecklistForm(
        data if action == "answers" else None,
        items=listed,
        answers=answers,
        hints=suggested,
        prefix="c",
    )
    finding_form = FindingForm(
        data if action == "finding" else None,
        items=listed,
        people=people,
        initial={"deadline": timezone.localdate() + timedelta(days=30)},
        prefix="f",
    )
    item_form = ChecklistItemForm(data if action == "add_item" else None, prefix="i")
    sent = {"answers": answer_form, "finding": finding_form, "add_item": item_form}.get(action)
    if sent is not None and sent.is_valid():
        done = _save_checklist_post(request, action, sent, inspection, target)
        if done:
            return redirect(request.path + ("#checklist" if action == "answers" else ""))
    cited = queries.cited_documents(item.source for item in listed)
    hints = {item.pk: suggested.get(item.code) for item in listed}
    items = [
        (
            item,
            answers.get(item.pk),
            cited.get(item.source, []),
            hints[item.pk],
            citations.readable(item.source),
            result,
            evidence,
        )
        for item, result, evidence in answer_form.rows()
    ]
    return render(
        request,
        "inspections/checklist.html",
        {
            "inspection": inspection,
            "target": target,
            "items": items,
            "is_inspector": inspector,
            "can_answer": open_for_answers,
            "answer_form": answer_form,
            "finding_form": finding_form,
            "item_form": item_form,
            "answered": len(answers),
            "total": len(items),
        },
        status=400 if sent is not None else 200,
    )


def _save_checklist_post(
    request: HttpRequest, action: str, form: Any, inspection: Inspection, target: Target
) -> bool:
    """Saves a valid checklist form through the services; False with the service's refusal on
    the form."""
    actor = actor_of(request)
    try:
        if action == "finding":
            services.record_finding(actor=actor, target=target, **form.cleaned_data)
            messages.success(request, _("Finding recorded; the agency has been told."))
        elif action == "add_item":
            data = form.cleaned_data
            services.edit_checklist(
                actor=actor, inspection=inspection, add=(data["area"], data["text"], data["source"])
            )
            messages.success(request, _("Item added to this inspection's checklist."))
        else:
            changed = services.answer_checklist(actor=actor, target=target, answers=form.changes())
            messages.success(
                request,
                ngettext("%(count)d answer saved.", "%(count)d answers saved.", changed)
                % {"count": changed},
            )
    except ValidationError as exc:
        if action == "answers" and hasattr(exc, "error_dict"):
            for key, errors in exc.message_dict.items():
                form.add_error(key if key in form.fields else None, errors)
        else:
            add_service_errors(form, exc)
        return False
    return True


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = (
        queries.findings(request.user)
        .select_related("target__agency", "target__inspection", "responsible")
        .filter(pk=pk)
        .first()
    )
    if finding is None:
        raise Http404
    inspection = finding.target.inspection
    inspector = policy.is_inspector_of(request.user, inspection)
    agency_side = policy.can_remediate(request.user, finding.target.agency_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    data = request.POST if request.method == "POST" else None
    remediation_form = RemediationForm(data if action == "remediate" else None)
    verify_form = VerifyForm(data if action == "verify" else None)
    sent = {"remediate": remediation_form, "verify": verify_form}.get(action)
    if request.method == "POST" and sent is None:
        raise Http404
    if sent is not None and sent.is_valid():
        try:
            if action == "remediate":
                services.post_remediation(
                    actor=actor_of(request), finding=finding, text=sent.cleaned_data["text"]
                )
                messages.success(request, _("Remediation reported to the inspection team."))
            else:
                services.verify(
                    actor=actor_of(request),
                    finding=finding,
                    accept=sent.cleaned_data["decision"] == "accept",
                    comment=sent.cleaned_data["comment"],
                )
                messages.success(request, _("Verification recorded."))
        except ValidationError as exc:
            add_service_errors(sent, exc)
        else:
            return redirect("inspections:finding", pk=pk)
    today = timezone.localdate()
    done = finding.status == Finding.Status.VERIFIED
    return render(
        request,
        "inspections/finding.html",
        {
            "finding": finding,
            "inspection": inspection,
            "is_inspector": inspector,
            "agency_side": agency_side,
            "remediations": finding.remediations.select_related("posted_by"),
            "rule": citations.readable(finding.rule),
            "cited": queries.cited_documents([finding.rule]).get(finding.rule, []),
            "overdue": rules.is_overdue(finding.deadline, today, done=done),
            "days_late": rules.days_late(finding.deadline, today, done=done),
            "remediation_form": remediation_form,
            "verify_form": verify_form,
        },
        status=400 if sent is not None else 200,
    )


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
    response = HttpResponse(
        conclusion_docx(inspection, request.user),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
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
    editable = editable if len(editable) < 50 else []
    form = TrainingForm(request.POST or None, agencies=editable)
    status = 200
    if request.method == "POST":
        if not editable or str(request.POST.get("agency", "")) not in {str(a.pk) for a in editable}:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            counts = {_("leaders"): data.pop("leaders") or 0, _("staff"): data.pop("staff") or 0}
            save = partial(
                services.record_training, actor=actor_of(request), participants=counts, **data
            )
            if _saved(request, form, save, default="leaders"):
                return redirect("inspections:training")
    coverage = queries.training_coverage(agencies)
    # The policy's restrict is the sessions' only read gate (not the agency list above).
    sessions = policy.restrict_agency_records(request.user, TrainingSession.objects.all())
    sessions = sessions.select_related("agency").filter(agency__is_active=True)[:50]
    start, end = rules.training_window(timezone.localdate())
    return render(
        request,
        "inspections/training.html",
        {
            "rows": [(a, coverage.get(a.pk)) for a in agencies],
            "sessions": sessions,
            "start": start,
            "end": end,
            "editable": editable,
            "form": form,
        },
        status=status,
    )


@login_required
def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET or None)
    form.is_valid()  # a kind not in the list is refused next to its field; the words still search
    chosen = form.cleaned_data if form.is_bound else {}
    q, kind = chosen.get("q", ""), chosen.get("kind", "")
    rows = queries.library(q, kind)
    page = CappedPaginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/library.html",
        {"form": form, "page": page, "query_string": urlencode({"q": q, "kind": kind})},
    )


@login_required
def readiness(request: HttpRequest) -> HttpResponse:
    """Regulation, designated staff and training coverage per agency; the agency's own head or
    officer updates its regulation record, and its head its designations, here."""
    active = Agency.objects.filter(is_active=True).order_by("name")
    visible = policy.restrict_agencies(request.user, active)
    editable = [
        a
        for a in visible.filter(pk__in=list(policy.scope(request.user).agency_ids))
        if policy.can_self_inspect(request.user, a.pk)
    ][:20]
    sent: tuple[int, str] | None = None
    if request.method == "POST":
        agency = found_or_404(visible.filter(pk=parse_id(request.POST.get("agency")) or 0).first())
        sent = (
            agency.pk,
            "designate" if request.POST.get("action") == "designate" else "regulation",
        )
        if agency.pk not in {a.pk for a in editable}:
            editable.append(agency)  # the service refuses it with a message
    forms_by_agency = []
    for agency in editable:
        regulation = Regulation.objects.filter(agency=agency).first()
        bound = sent is not None and sent[0] == agency.pk
        regulation_form = RegulationForm(
            request.POST if bound and sent and sent[1] == "regulation" else None,
            request.FILES if bound else None,
            prefix=f"r{agency.pk}",
            initial={
                "status": regulation.status,
                "document_number": regulation.document_number,
                "issued_on": regulation.issued_on,
                "review_due": regulation.review_due,
            }
            if regulation
            else None,
        )
        designation_form = DesignationForm(
            request.POST if bound and sent and sent[1] == "designate" else None,
            prefix=f"d{agency.pk}",
            agency=agency,
        )
        forms_by_agency.append(
            {
                "agency": agency,
                "regulation": regulation_form,
                "designation": designation_form,
                "may_designate": policy.is_head_of(request.user, agency.pk)
                or policy.can_plan_inspections(request.user),
            }
        )
        if bound:
            form = regulation_form if sent and sent[1] == "regulation" else designation_form
            if form.is_valid() and _save_readiness(request, agency, sent[1] if sent else "", form):
                messages.success(request, _("Saved."))
                return redirect("inspections:readiness")
    rows = queries.agency_readiness(list(visible[:500]))
    return render(
        request,
        "inspections/readiness.html",
        {
            "rows": rows,
            "forms": forms_by_agency,
            "deadline": rules.REGULATION_DEADLINE,
        },
        status=400 if sent is not None else 200,
    )


def _save_readiness(request: HttpRequest, agency: Agency, action: str, form: Any) -> bool:
    data = dict(form.cleaned_data)
    try:
        if action == "designate":
            services.designate_staff(actor=actor_of(request), agency=agency, **data)
        else:
            upload = data.pop("file", None)
            services.set_regulation(
                actor=actor_of(request),
                agency=agency,
                file=(upload.name or "quy-che", upload.read()) if upload else None,
                **data,
            )
    except ValidationError as exc:
        add_service_errors(form, exc, default="file" if action != "designate" else None)
        return False
    except NotAllowed as exc:
        form.add_error(None, str(exc))
        return False
    return True


@login_required
def budget(request: HttpRequest) -> HttpResponse:
    # Reading has no gate of its own: the policy's restrict leaves others an empty list.
    can_plan = policy.can_plan_inspections(request.user)
    if request.method == "POST" and not can_plan:
        raise PermissionDenied
    form = BudgetForm(request.POST or None, initial=_budget_initial())
    if request.method == "POST" and form.is_valid():
        save = partial(services.save_budget, actor=actor_of(request), **form.cleaned_data)
        if _saved(request, form, save):
            return redirect("inspections:budget")
    return _render_budget(request, form, None, status=400 if request.method == "POST" else 200)


def _budget_initial() -> dict[str, Any]:
    """A new estimate is for next year, appraised by the finance department."""
    return {"year": timezone.localdate().year + 1, "appraised_by": "Sở Tài chính"}


def _render_budget(
    request: HttpRequest, form: BudgetForm, decided: BudgetDecisionForm | None, *, status: int = 200
) -> HttpResponse:
    estimates = policy.restrict_budgets(
        request.user, BudgetEstimate.objects.all()
    ).prefetch_related("lines")
    rows = []
    for estimate in estimates:
        decision_form = None
        if estimate.status == BudgetEstimate.Status.SUBMITTED:
            if decided is not None and decided.estimate.pk == estimate.pk:
                decision_form = decided
            else:
                decision_form = BudgetDecisionForm(estimate=estimate, prefix=f"b{estimate.pk}")
        rows.append((estimate, decision_form))
    return render(
        request,
        "inspections/budget.html",
        {
            "estimates": rows,
            "form": form,
            "can_plan": policy.can_plan_inspections(request.user),
        },
        status=status,
    )


@login_required
def regulation_file(request: HttpRequest, agency_pk: int) -> HttpResponse:
    from bmnn.inspections.models import Regulation

    rows = Regulation.objects.filter(agency_id=agency_pk).exclude(file="")
    regulation = found_or_404(policy.restrict_agency_records(request.user, rows).first())
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
    estimate = found_or_404(
        policy.restrict_budgets(request.user, BudgetEstimate.objects.filter(pk=pk)).first()
    )
    form = BudgetDecisionForm(request.POST, estimate=estimate, prefix=f"b{estimate.pk}")
    if form.is_valid():
        save = partial(
            services.decide_budget,
            actor=actor_of(request),
            estimate=estimate,
            decision=form.cleaned_data["decision"],
            decided_on=form.cleaned_data["decided_on"],
            allocated=form.allocated(),
        )
        if _saved(request, form, save):
            return redirect("inspections:budget")
    return _render_budget(request, BudgetForm(initial=_budget_initial()), form, status=400)

"""Pages for plans: import and preview, the plan with its "4 rõ" flags, an agency's tasks,
progress and review, and the province matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.params import parse_id
from bmnn.inspections.queries import documents_mentioned
from bmnn.inspections.views import redirect_to_review
from bmnn.org.models import AgencyType, Person
from bmnn.plans import exports, importing, queries, services
from bmnn.plans.forms import (
    PlanHeaderForm,
    ProgressForm,
    ReviewForm,
    TaskEditForm,
    TaskFormSet,
    UploadForm,
)
from bmnn.plans.importer.inspection_plan import sniff_bytes
from bmnn.plans.models import Evidence, PartyRole, Plan, PlanStatus, Status, Task
from bmnn.registry.citation import in_words
from bmnn.registry.fields import take_errors
from bmnn.web.shortcuts import found_or_404

MAX_FILES_FIELD = "evidence"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require_manager(request: HttpRequest) -> None:
    if not policy.can_manage_plans(request.user):
        raise PermissionDenied(_("Only the province supervisor manages plans."))


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    rows = queries.plans(request.user, status=request.GET.get("status", ""))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/plan_list.html",
        {
            "page": page,
            "can_manage": policy.can_manage_plans(request.user),
            "statuses": PlanStatus.choices,
        },
    )


@login_required
def plan_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and parse. Step 2 (POST with a token): save the reviewed plan."""
    _require_manager(request)
    if request.method == "POST" and "token" in request.POST:
        return _save_preview(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if sniff_bytes(data):  # an inspection plan is reviewed by the inspections app
            return redirect_to_review(importing.keep_pending(data, upload.name))
        try:
            parsed = importing.parse_upload(data)
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        else:
            header, tasks = importing.initial_forms(parsed)
            return render(
                request,
                "plans/import_preview.html",
                {
                    "header_form": PlanHeaderForm(initial=header),
                    "header_flags": importing.header_uncertain(parsed),
                    "formset": TaskFormSet(initial=tasks, prefix="task"),
                    "token": importing.keep_pending(data, upload.name),
                    "source_name": upload.name,
                },
            )
    return render(request, "plans/import_upload.html", {"form": form})


def _save_preview(request: HttpRequest) -> HttpResponse:
    token = request.POST["token"]
    header_form = PlanHeaderForm(request.POST)
    formset = TaskFormSet(request.POST, prefix="task")
    context: dict[str, Any] = {
        "header_form": header_form,
        "header_flags": set(),
        "formset": formset,
        "token": token,
        "source_name": request.POST.get("source_name", ""),
    }
    if not (header_form.is_valid() and formset.is_valid()):
        return render(request, "plans/import_preview.html", context, status=400)
    kept = [
        form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    try:
        name, data = importing.take_pending(token)
        plan = services.create_plan(
            actor=request.user,  # type: ignore[arg-type]
            header=header_form.cleaned_data,
            tasks=[importing.draft_from_form(form.cleaned_data) for form in kept],
            source_name=name,
            source_data=data,
        )
    except ValidationError as exc:
        context["errors"] = _refusal_by_field(exc, header_form, kept)
        return render(request, "plans/import_preview.html", context, status=400)
    importing.drop_pending(token)
    messages.success(request, _("The plan was saved as a draft. Check the flags, then issue it."))
    return redirect("plans:plan_detail", pk=plan.pk)


# the fields of a task that the preview shows with their messages
TASK_FIELDS_SHOWN = {"ref", "content", "timing_kind", "due_date"}


def _refusal_by_field(exc: ValidationError, header: Any, tasks: list[Any]) -> list[str]:
    """Puts create_plan's refusal next to the fields it names (the header's by name, the n-th
    task saved as "tasks.<n>.<field>"); returns what goes above the form: the messages no
    shown field takes, else that nothing was saved."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    above: list[str] = []
    for key, errors in exc.error_dict.items():
        found = [message for error in errors for message in error.messages]
        place, _dot, name = key.rpartition(".")
        index = place.removeprefix("tasks.")
        if place.startswith("tasks.") and index.isdigit() and int(index) < len(tasks):
            form, shown = tasks[int(index)], name in TASK_FIELDS_SHOWN
        else:
            form = header
            shown = not place and name in form.fields and not form.fields[name].widget.is_hidden
        if shown:
            form.add_error(name, found)
        else:
            above.extend(found)
    return above or [_("Nothing was saved: correct what is marked below.")]


def _plan_or_404(request: HttpRequest, pk: int) -> Plan:
    return found_or_404(queries.plan(request.user, pk))


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    tasks = queries.tasks_of(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "tasks": tasks,
            "can_manage": policy.can_manage_plans(request.user),
            "flagged": len([t for t in tasks if t.issues]),  # type: ignore[attr-defined]
            "progress": queries.progress_over_time(request.user, plan)
            if plan.status != PlanStatus.DRAFT
            else None,
        },
    )


@login_required
def plan_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    return _download(exports.plan_xlsx(request.user, plan), f"tien-do-{plan.pk}.xlsx", XLSX)


@login_required
def plan_report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    plan = _plan_or_404(request, pk)
    return _download(exports.plan_docx(request.user, plan), f"bao-cao-tien-do-{plan.pk}.docx", DOCX)


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_source(request: HttpRequest, pk: int) -> FileResponse:
    plan = _plan_or_404(request, pk)
    if not plan.source_file:
        raise Http404
    return FileResponse(plan.source_file.open("rb"), as_attachment=True, filename=plan.source_name)


def _plan_step(
    request: HttpRequest, pk: int, step: Callable[..., Plan], success: str
) -> HttpResponse:
    """Runs a supervisor's step on the plan and goes back to it, with the outcome as a message."""
    plan = _plan_or_404(request, pk)
    try:
        step(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, in_words(" ".join(exc.messages)))
    else:
        messages.success(request, success)
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_step(
        request, pk, services.issue_plan, _("The plan is issued; the agencies have been notified.")
    )


@login_required
@require_POST
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_step(
        request,
        pk,
        services.close_plan,
        _("The plan is closed; its tasks can no longer be reported on."),
    )


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    task = Task.objects.select_related("plan").filter(pk=pk).first()
    if task is None or queries.plan(request.user, task.plan_id) is None:
        raise Http404
    parties = list(task.parties.select_related("agency", "group"))

    def names(role: str) -> str:
        return "; ".join(str(p.agency or p.group or p.words) for p in parties if p.role == role)

    lead_agency_ids = [p.agency_id for p in parties if p.role == PartyRole.LEAD and p.agency_id]
    people = Person.objects.filter(
        memberships__agency_id__in=lead_agency_ids, is_active=True
    ).distinct()
    initial = {
        "ref": task.ref,
        "section": task.section,
        "content": task.content,
        "leads": names(PartyRole.LEAD),
        "coordinating": names(PartyRole.COORDINATING),
        "timing_kind": task.timing_kind,
        "timing_text": task.timing_text,
        "due_date": task.due_date,
        "period": task.period,
        "expected_output": task.expected_output,
        "responsible": task.responsible_id,
    }
    form = TaskEditForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_task(
                actor=request.user,  # type: ignore[arg-type]
                task=task,
                draft=importing.draft_from_form(form.cleaned_data),
                responsible=form.cleaned_data.get("responsible"),
            )
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(request, _("Task saved."))
            return redirect("plans:plan_detail", pk=task.plan_id)
    return render(request, "plans/task_form.html", {"form": form, "task": task})


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/my_tasks.html", {"rows": queries.my_assignments(request.user)})


def _assignment_page(
    request: HttpRequest,
    assignment: Any,
    form: ProgressForm | None = None,
    review_form: ReviewForm | None = None,
) -> HttpResponse:
    """The assignment with its updates and the forms its viewer may use; a form refused just
    now is shown again with what was typed and its messages."""
    can_report = policy.can_report_progress(request.user, assignment)
    can_review = policy.can_review_progress(request.user) and assignment.review == "pending"
    refused = (form is not None and form.errors) or (review_form is not None and review_form.errors)
    return render(
        request,
        "plans/assignment_detail.html",
        {
            "assignment": assignment,
            "task": assignment.task,
            "updates": queries.updates_of(assignment),
            "coordinators": queries.coordinator_inputs(request.user, assignment),
            "texts": documents_mentioned(assignment.task.content),
            "form": (form or ProgressForm(initial={"status": assignment.status}))
            if can_report
            else None,
            "review_form": (review_form or ReviewForm()) if can_review else None,
        },
        status=400 if refused else 200,
    )


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = found_or_404(queries.assignment(request.user, pk))
    if request.method != "POST":
        return _assignment_page(request, assignment)
    if not policy.can_report_progress(request.user, assignment):
        raise PermissionDenied(_("Only people of the assigned agency report its progress."))
    form = ProgressForm(request.POST)
    if form.is_valid():
        files = [(f.name or "", f.read()) for f in request.FILES.getlist(MAX_FILES_FIELD)]
        try:
            services.post_progress(
                actor=request.user,  # type: ignore[arg-type]
                assignment=assignment,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                files=files,
            )
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("plans:assignment", pk=assignment.pk)
    if form.errors:
        messages.error(request, _("Nothing was saved: correct what is marked below."))
    return _assignment_page(request, assignment, form=form)


@login_required
@require_POST
def assignment_review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = found_or_404(queries.assignment(request.user, pk))
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_progress(
                actor=request.user,  # type: ignore[arg-type]
                assignment=assignment,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("plans:assignment", pk=assignment.pk)
    messages.error(request, _("Nothing was saved: correct what is marked below."))
    return _assignment_page(request, assignment, review_form=form)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = found_or_404(
        policy.restrict_evidence(request.user, Evidence.objects.filter(pk=pk)).first()
    )
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    plan_id = request.GET.get("plan", "")
    plan_choices = queries.plans(request.user).exclude(status=PlanStatus.DRAFT)
    data = queries.matrix(
        request.user,
        plan_id=parse_id(plan_id),
        agency_type=request.GET.get("type", ""),
        status=request.GET.get("status", ""),
    )
    return render(
        request,
        "plans/matrix.html",
        {
            "matrix": data,
            "plans": plan_choices,
            "plan_id": plan_id,
            "types": AgencyType.choices,
            "statuses": Status.choices,
            "legend": queries.legend(data.counts),
            "selected_type": request.GET.get("type", ""),
            "selected_status": request.GET.get("status", ""),
        },
    )

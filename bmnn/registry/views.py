"""Registry pages: the list, an item with its lifecycle actions, incoming registration,
proposals, transfers to receive, and the books."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

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
from bmnn.core.paginator import CappedIdPaginator, CappedPaginator
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.org.models import Agency
from bmnn.registry import books, forms, queries, services
from bmnn.registry import statistics as registry_statistics
from bmnn.registry.forms import (
    AuthoriseCopiesForm,
    CarryOutForm,
    ClassifyForm,
    DecisionForm,
    DeclassifyForm,
    ExtendForm,
    FilterForm,
    IncomingForm,
    MeetingCloseForm,
    MeetingForm,
    ProposeForm,
    ProvideForm,
    RecordCopiesForm,
)
from bmnn.registry.models import CarryOut, Copy, ItemFile, Meeting, RegisterBook, Transfer


def _agency_for(request: HttpRequest, check: Callable[[Any, int], bool]) -> Agency:
    """The first agency where the actor may do this (most people have one)."""
    for agency_id in sorted(policy.scope(request.user).agency_ids):
        if check(request.user, agency_id):
            return Agency.objects.get(pk=agency_id)
    raise PermissionDenied(_("Your roles do not allow this in any agency."))


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    filters = FilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    rows = queries.items(
        request.user,
        search=data.get("q", ""),
        level=data.get("level", ""),
        status=data.get("status", ""),
        since=data.get("since"),
        until=data.get("until"),
        holder=data.get("holder", ""),
    )
    # One pass over the search and filters; the page's rows are then read by id, still through
    # the access rule (bench/test_bench_registry.py).
    page = CappedIdPaginator(
        rows, 50, fetch=lambda ids: queries.items(request.user).filter(pk__in=ids)
    ).get_page(request.GET.get("page"))
    services.record_list_read(
        actor=actor_of(request), items=list(page.object_list), where=request.get_full_path()[:200]
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "registry/item_list.html", {
        "filters": filters, "page": page, "query_string": query.urlencode(),
        "expiring": queries.expiring(request.user, within_days=90).count(),
        "overview": queries.overview(request.user),
        "can_register": any(policy.can_keep_registers(request.user, a) for a in policy.scope(request.user).agency_ids),
    })  # fmt: skip


@login_required
def expiring(request: HttpRequest) -> HttpResponse:
    """Items whose protection ends within 90, 30 or 7 days: extend or let them lapse."""
    days = request.GET.get("days", "90")
    within = int(days) if days in {"90", "30", "7"} else 90
    rows = queries.expiring(request.user, within_days=within).order_by("protected_until", "pk")
    page = CappedPaginator(rows, 50).get_page(request.GET.get("page"))
    services.record_list_read(
        actor=actor_of(request), items=list(page.object_list), where=request.get_full_path()[:200]
    )
    return render(
        request,
        "registry/expiring.html",
        {"page": page, "within": within, "query_string": f"days={within}"},
    )


def _item_or_404(request: HttpRequest, pk: int) -> Any:
    item = queries.item(request.user, pk)
    if item is None:
        raise Http404
    return item


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    services.record_read(actor=actor_of(request), item=item)
    head = policy.is_head_of(request.user, item.agency_id)
    keeper = policy.can_keep_registers(request.user, item.agency_id)
    copies = list(item.copies.select_related("holder"))
    provide = ProvideForm()
    provide.fields["to_agency"].queryset = Agency.objects.filter(is_active=True).exclude(  # type: ignore[attr-defined]
        pk=item.agency_id
    )
    meeting = Meeting.objects.filter(item=item).select_related("consent_by").first()
    meeting_form = MeetingForm(
        initial={f: getattr(meeting, f) for f in services.MEETING_FIELDS} if meeting else None
    )
    return render(request, "registry/item_detail.html", {
        "meeting": meeting, "meeting_form": meeting_form, "meeting_close_form": MeetingCloseForm(),
        **_recall_context(request, item),
        "item": item, "copies": copies, "entries": item.entries.order_by("pk"),
        "authorisations": item.copy_authorisations.select_related("authorised_by"),
        "to_hand_over": queries.transfers_to_hand_over(request.user, item) if keeper else [],
        "carry_outs": CarryOut.objects.filter(copy__item=item).exclude(state__in=["returned", "refused"])
        .select_related("copy", "requested_by"),
        "carry_out_form": CarryOutForm(),
        "can_request": policy.can_propose_item(request.user, item.agency_id),
        "is_head": head, "is_keeper": keeper,
        "classify_form": ClassifyForm(initial={"doc_date": timezone.localdate()}),
        "authorise_form": AuthoriseCopiesForm(), "record_form": RecordCopiesForm(),
        "provide_form": provide,
        "decision_form": DecisionForm(initial={"decided_on": timezone.localdate()}),
        "extend_form": ExtendForm(initial={"decided_on": timezone.localdate()}),
        "declassify_form": DeclassifyForm(initial={"decided_on": timezone.localdate()}),
        "above_catalogue": queries.item_above_catalogue(item),
        **queries.declassification_history(item),
        "today": timezone.localdate(),
    })  # fmt: skip


ACTIONS: dict[str, Any] = {}


def _action(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        ACTIONS[name] = func
        return func

    return register


@_action("classify")
def _classify(request: HttpRequest, item: Any) -> str:
    form = ClassifyForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    services.classify_item(actor=actor_of(request), item=item, **form.cleaned_data)
    return _("The level is approved.")


@_action("register_outgoing")
def _register_outgoing(request: HttpRequest, item: Any) -> str:
    recall_by = forms.RecallForm.base_fields["return_by"].to_python(request.POST.get("recall_by"))
    entry = services.register_outgoing(actor=actor_of(request), item=item, recall_by=recall_by)
    return _("Entered in the outgoing register as number %(seq)s.") % {"seq": entry.seq}


@_action("authorise_copies")
def _authorise(request: HttpRequest, item: Any) -> str:
    form = AuthoriseCopiesForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    services.authorise_copies(actor=actor_of(request), item=item, **form.cleaned_data)
    return _("Copies authorised.")


@_action("record_copies")
def _record(request: HttpRequest, item: Any) -> str:
    """Copies made under the authorisation named in the form (one of this item's)."""
    form = RecordCopiesForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    grant = item.copy_authorisations.filter(
        pk=parse_id(request.POST.get("authorisation")) or 0
    ).first()
    if grant is None:
        raise Http404
    data = form.cleaned_data
    made = services.record_copies(actor=actor_of(request), authorisation=grant, count=data["count"],
                                  spoiled=data["spoiled"] or 0, recipients=data["recipients"])  # fmt: skip
    return _("Copies recorded: %(numbers)s.") % {"numbers": ", ".join(str(c.number) for c in made)}


@_action("provide")
def _provide(request: HttpRequest, item: Any) -> str:
    form = ProvideForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    copy = item.copies.filter(pk=form.cleaned_data["copy"]).first()
    if copy is None:
        raise Http404
    services.approve_provision(
        actor=actor_of(request),
        copy=copy,
        to_agency=form.cleaned_data["to_agency"],
        purpose=form.cleaned_data["purpose"],
    )
    return _("Provision decided; the security officer hands the copy over.")


@_action("hand_over")
def _hand_over(request: HttpRequest, item: Any) -> str:
    transfer = (
        queries.transfers_to_hand_over(request.user, item)
        .filter(pk=parse_id(request.POST.get("transfer")) or 0)
        .first()
    )
    if transfer is None:
        raise Http404
    services.hand_over(actor=actor_of(request), transfer=transfer)
    return _("Handed over; the receiving agency signs for it.")


@_action("declassification_notice")
def _notice(request: HttpRequest, item: Any) -> str:
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    services.record_declassification_notice(
        actor=actor_of(request),
        item=item,
        notice=form.cleaned_data["decision"],
        decided_on=form.cleaned_data["decided_on"],
    )
    return _("Declassification recorded.")


@_action("declassify")
def _declassify(request: HttpRequest, item: Any) -> str:
    """By decision after a declassification council, in whole or in part (L18 Art. 22.4)."""
    form = DeclassifyForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    services.declassify(actor=actor_of(request), item=item, **form.cleaned_data)
    if form.cleaned_data["partial"]:
        return _("Partly declassified: the item stays classified; holders have been notified.")
    return _("Declassified; holders have been notified.")


@_action("extend")
def _extend(request: HttpRequest, item: Any) -> str:
    form = ExtendForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    services.extend_protection(actor=actor_of(request), item=item, **form.cleaned_data)
    return _("Protection extended.")


@_action("carry_out_request")
def _carry_out_request(request: HttpRequest, item: Any) -> str:
    form = CarryOutForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    copy = item.copies.filter(pk=form.cleaned_data["copy"]).first()
    if copy is None:
        raise Http404
    data = {k: v for k, v in form.cleaned_data.items() if k != "copy"}
    services.request_carry_out(actor=actor_of(request), copy=copy, **data)
    return _("Request sent to the head.")


def _carry_out(request: HttpRequest, item: Any) -> CarryOut:
    found = CarryOut.objects.filter(
        copy__item=item, pk=parse_id(request.POST.get("request")) or 0
    ).first()
    if found is None:
        raise Http404
    return found


@_action("carry_out_decide")
def _carry_out_decide(request: HttpRequest, item: Any) -> str:
    approve = request.POST.get("decision") == "approve"
    services.decide_carry_out(
        actor=actor_of(request), request=_carry_out(request, item), approve=approve
    )
    return _("Carrying out approved.") if approve else _("Carrying out refused.")


@_action("carry_out_return")
def _carry_out_return(request: HttpRequest, item: Any) -> str:
    services.return_carried_out(
        actor=actor_of(request),
        request=_carry_out(request, item),
        report=request.POST.get("report", ""),
    )
    return _("The copy is back in store.")


@_action("meeting_plan")
def _meeting_plan(request: HttpRequest, item: Any) -> str:
    form = MeetingForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    services.plan_meeting(actor=actor_of(request), item=item, **form.cleaned_data)
    return _("The meeting plan is recorded; the head decides on consent.")


@_action("meeting_consent")
def _meeting_consent(request: HttpRequest, item: Any) -> str:
    meeting = Meeting.objects.filter(item=item).first()
    if meeting is None:
        raise Http404
    approve = request.POST.get("decision") == "approve"
    services.consent_to_meeting(actor=actor_of(request), meeting=meeting, approve=approve,
                                consent_document=request.POST.get("consent_document", ""))  # fmt: skip
    return _("Consent given.") if approve else _("Consent refused.")


@_action("meeting_close")
def _meeting_close(request: HttpRequest, item: Any) -> str:
    meeting = Meeting.objects.filter(item=item).first()
    form = MeetingCloseForm(request.POST)
    if meeting is None or not form.is_valid():
        raise Http404
    services.close_meeting(actor=actor_of(request), meeting=meeting, **form.cleaned_data)
    return _("The meeting record is closed.")


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    """Requests to carry a secret out and meetings awaiting the actor's decision, including
    those only a provincial leader decides (going abroad, foreign participants)."""
    return render(request, "registry/approvals.html", queries.approvals(request.user))


@login_required
@require_POST
def approval_decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    pending = queries.approvals(request.user)
    approve = request.POST.get("decision") == "approve"
    try:
        if kind == "carry-out":
            found = next((c for c in pending["carry_outs"] if c.pk == pk), None)
            if found is None:
                raise Http404
            services.decide_carry_out(actor=actor_of(request), request=found, approve=approve)
        elif kind == "meeting":
            meeting = next((m for m in pending["meetings"] if m.pk == pk), None)
            if meeting is None:
                raise Http404
            services.consent_to_meeting(actor=actor_of(request), meeting=meeting, approve=approve,
                                        consent_document=request.POST.get("consent_document", ""))  # fmt: skip
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("registry:approvals")


@_action("attach_file")
def _attach(request: HttpRequest, item: Any) -> str:
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError(_("Choose a file."))
    services.attach_file(
        actor=actor_of(request), item=item, name=upload.name or "", data=upload.read()
    )
    return _("The file is stored, encrypted.")


@login_required
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    rows = ItemFile.objects.select_related("item").filter(pk=pk)
    stored = policy.restrict_item_children(request.user, rows).first()
    if stored is None:
        raise Http404
    stamped = request.GET.get("stamp") == "1"
    try:
        data = services.open_file(actor=actor_of(request), stored=stored, stamped=stamped)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registry:item", pk=stored.item_id)
    response = HttpResponse(data, content_type=stored.content_type)
    name = f"{_('stamped')}-{stored.original_name}" if stamped else stored.original_name
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
@require_POST
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = _item_or_404(request, pk)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        messages.success(request, handler(request, item))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("registry:item", pk=item.pk)


@login_required
def register_incoming(request: HttpRequest) -> HttpResponse:
    agency = _agency_for(request, policy.can_keep_registers)
    form = IncomingForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.register_incoming(
                actor=actor_of(request),
                agency=agency,
                **{k: v for k, v in data.items() if v is not None},
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Entered in the incoming register as number %(seq)s.") % {"seq": entry.seq},
            )
            return redirect("registry:item", pk=entry.item_id)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": _("Register an incoming item"), "agency": agency},
    )


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    agency = _agency_for(request, policy.can_propose_item)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.propose_item(
                actor=actor_of(request), agency=agency, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Proposal sent to the head."))
            return redirect("registry:item", pk=item.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": _("Propose a level"), "agency": agency},
    )


@login_required
def transfers(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        transfer = (
            queries.pending_transfers(request.user)
            .filter(pk=parse_id(request.POST.get("transfer")) or 0)
            .first()
        )
        if transfer is None:
            raise Http404
        item = services.receive_transfer(actor=actor_of(request), transfer=transfer)
        messages.success(request, _("Received and entered in the incoming register."))
        return redirect("registry:item", pk=item.pk)
    return render(
        request, "registry/transfers.html", {"rows": queries.pending_transfers(request.user)}
    )


@login_required
def book_list(request: HttpRequest) -> HttpResponse:
    keeps = any(
        policy.can_keep_registers(request.user, a) for a in policy.scope(request.user).agency_ids
    )
    return render(
        request, "registry/book_list.html", {"books": queries.books(request.user), "keeps": keeps}
    )


@login_required
def book_detail(request: HttpRequest, pk: int) -> HttpResponse:
    book = queries.books(request.user).filter(pk=pk).first()
    if book is None:
        raise Http404
    entries = queries.book_entries(request.user, book)
    parts = books.parts(book, entries)  # each run of lines in the layout of its dates
    services.record_book_read(actor=actor_of(request), book=book, lines=len(entries))
    return render(
        request,
        "registry/book_detail.html",
        {"book": book, "layout": parts[0].layout, "parts": parts},
    )


@login_required
@require_POST
def book_close(request: HttpRequest, pk: int) -> HttpResponse:
    book = queries.books(request.user).filter(pk=pk).first()
    if book is None:
        raise Http404
    try:
        services.close_volume(actor=actor_of(request), book=book)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The volume is closed; new lines open the next volume."))
    return redirect("registry:book", pk=book.pk)


@login_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    """TT24 Form 18 for a period, for an agency whose registers the actor keeps."""
    agency = _agency_for(request, policy.can_keep_registers)
    form = DecisionForm  # reuse the date parsing of the forms' date fields
    today = timezone.localdate()
    try:
        since = form.base_fields["decided_on"].to_python(request.GET.get("since")) or date(
            today.year, 1, 1
        )
        until = form.base_fields["decided_on"].to_python(request.GET.get("until")) or today
    except ValidationError:
        since, until = date(today.year, 1, 1), today
    stats = registry_statistics.statistics(agency.pk, since, until)
    if request.GET.get("format") == "xlsx":
        from bmnn.core.documents import build_xlsx

        header = [_("Content"), "Tuyệt mật", "Tối mật", "Mật", _("Total")]
        data = build_xlsx([(f"{since:%d.%m.%Y}-{until:%d.%m.%Y}", header, stats.table())])
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="thong-ke-bmnn-{since:%Y%m%d}-{until:%Y%m%d}.xlsx"'
        )
        return response
    return render(request, "registry/statistics.html", {"agency": agency, "stats": stats})


@login_required
def book_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    book = queries.books(request.user).filter(pk=pk).first()
    if book is None or fmt not in {"xlsx", "docx", "pdf"}:
        raise Http404
    entries = queries.book_entries(request.user, book)
    data, content_type = books.export(book, entries, fmt)
    services.record_book_read(actor=actor_of(request), book=book, lines=len(entries), fmt=fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="so-{book.kind}-{book.year}-q{book.volume}.{fmt}"'
    )
    return response


# --- recall ("Tài liệu thu hồi", ND26 Art. 4.4) -------------------------------------------------


def _recall_context(request: HttpRequest, item: Any) -> dict[str, Any]:
    """The item's recalls with their returns, what its sender asks back on a holder's copy, and
    the forms to decide a recall and record a return."""
    today = timezone.localdate()
    recalls = queries.item_recalls(request.user, item, today)
    return {
        "recalls": recalls,
        "recall_open": any(r.closed_on is None for r in recalls),
        "today": today,
        "recalls_owed": queries.recalls_owed(request.user, item, today),
        "recall_form": forms.RecallForm(),
    }


@_action("recall")
def _recall(request: HttpRequest, item: Any) -> str:
    form = forms.RecallForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    recall = services.decide_recall(actor=actor_of(request), item=item, **form.cleaned_data)
    return _("Recalled: every recipient returns it by %(day)s.") % {
        "day": recall.return_by.strftime("%d/%m/%Y")
    }


@_action("recall_return")
def _recall_return(request: HttpRequest, item: Any) -> str:
    form = forms.RecallReturnForm(request.POST)
    line = queries.recall_line(request.user, item, parse_id(request.POST.get("line")) or 0)
    if line is None:
        raise Http404
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    data = form.cleaned_data
    services.record_recall_return(actor=actor_of(request), line=line,
                                  returned_on=data["returned_on"], note=data["note"])  # fmt: skip
    return _("Return from %(recipient)s recorded.") % {"recipient": line.recipient}


@login_required
def recalls(request: HttpRequest) -> HttpResponse:
    """Open recalls of the items the actor may read, and the returns their agency owes."""
    return render(request, "registry/recalls.html", {
        "recalls": queries.open_recalls(request.user)[:500],
        "owed": queries.returns_owed(request.user)[:500],
        "today": timezone.localdate(),
    })  # fmt: skip


__all__ = ["Copy", "RegisterBook", "Transfer"]

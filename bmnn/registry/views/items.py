"""Registry pages: the list, an item with its lifecycle actions, incoming registration,
proposals, transfers to receive, and the books."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.levels import LEVEL_NAME, LEVELS
from bmnn.core.paginator import CappedIdPaginator, CappedPaginator
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.core.sorting import vietnamese_sorted
from bmnn.org.models import Agency
from bmnn.registry import books, forms, queries, rules, services
from bmnn.registry import statistics as registry_statistics
from bmnn.registry.citation import in_words
from bmnn.registry.fields import save_form, take_errors
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
from bmnn.registry.models import (
    CarryOut,
    CopyRequest,
    CopyStatus,
    ItemFile,
    ItemStatus,
    Meeting,
)
from bmnn.reports.queries import awaiting_signature
from bmnn.web.shortcuts import found_or_404


def _agency_for(request: HttpRequest, check: Callable[[Any, int], bool]) -> Agency:
    """The first agency where the actor may do this (most people have one)."""
    for agency_id in sorted(policy.scope(request.user).agency_ids):
        if check(request.user, agency_id):
            return Agency.objects.get(pk=agency_id)
    raise PermissionDenied(_("Your roles do not allow this in any agency."))


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    filters = FilterForm(request.GET or None, auto_id="id_%s")
    # a wrong date, or a level or status not in its list, is shown next to its field; the other
    # filters still apply
    data = filters.cleaned_data if filters.is_bound and not filters.is_valid() else {}
    if filters.is_bound and filters.is_valid():
        data = filters.cleaned_data
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
    return render(
        request,
        "registry/item_list.html",
        {
            "filters": filters,
            "page": page,
            "query_string": query.urlencode(),
            "expiring": queries.expiring(request.user, within_days=90).count(),
            "overview": queries.overview(request.user),
            "can_register": any(
                policy.can_keep_registers(request.user, a)
                for a in policy.scope(request.user).agency_ids
            ),
            "can_propose": any(
                policy.can_propose_item(request.user, a)
                for a in policy.scope(request.user).agency_ids
            ),
        },
    )


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
    return found_or_404(queries.item(request.user, pk))


# --- one item: its page, and the actions posted from it ------------------------------------------
# Every action form on the page has ids of its own (`auto_id`), so that labels point at the right
# field. An action whose form is refused — by the form or by the service — renders the page again
# with that form bound: what was typed stays, each message sits next to its field, the form is
# open and its first wrong field has the focus; nothing is saved.


class _Refused(Exception):
    """An action's form with its errors, to show on the page again."""

    def __init__(self, name: str, form: Any) -> None:
        super().__init__(name)
        self.name, self.form = name, form


def _checked(name: str, form: Any) -> dict[str, Any]:
    """The form's cleaned data, or `_Refused` when it is not valid."""
    if not form.is_valid():
        raise _Refused(name, form)
    return form.cleaned_data


def _service(
    name: str, form: Any, call: Callable[[], Any], aliases: dict[str, str] | None = None
) -> Any:
    """Runs the service; its refusal goes on the form (`take_errors`)."""
    try:
        return call()
    except ValidationError as exc:
        take_errors(form, exc, aliases)
        raise _Refused(name, form) from exc


def _ids(prefix: str) -> str:
    return f"id_{prefix}_%s"


def _agency_choices(exclude: int) -> list[tuple[Any, str]]:
    """Active agencies but `exclude`, in Vietnamese order of their names (one query)."""
    rows = Agency.objects.filter(is_active=True).exclude(pk=exclude).values_list("pk", "name")
    empty = ("", str(ProvideForm.base_fields["to_agency"].empty_label))  # type: ignore[attr-defined]
    return [empty, *vietnamese_sorted(rows, key=lambda row: row[1])]


def _provide_form(item: Any, copy: Any, data: Any = None, choices: Any = None) -> ProvideForm:
    form = ProvideForm(data, initial={"copy": copy.pk}, auto_id=_ids(f"provide{copy.pk}"))
    field = form.fields["to_agency"]
    field.queryset = Agency.objects.filter(is_active=True).exclude(pk=item.agency_id)  # type: ignore[attr-defined]
    field.choices = choices if choices is not None else _agency_choices(item.agency_id)  # type: ignore[attr-defined]
    return form


def item_page(
    request: HttpRequest, item: Any, bound: tuple[str, Any] | None = None
) -> HttpResponse:
    """The item's page; `bound` is the (name, form) of an action refused just now."""
    name, refused = bound or ("", None)
    if refused is not None:
        for field in refused.errors:
            if field in refused.fields and not isinstance(
                refused.fields[field].widget, django_forms.HiddenInput
            ):
                refused.fields[field].widget.attrs["autofocus"] = True
                break

    def form(key: str, make: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """The form refused just now under `key`, or a new one."""
        return refused if key == name else make(*args, **kwargs)

    today = timezone.localdate()
    head = policy.is_head_of(request.user, item.agency_id)
    keeper = policy.can_keep_registers(request.user, item.agency_id)
    copies = list(item.copies.select_related("holder"))
    in_store = [c for c in copies if c.status == CopyStatus.IN_STORE]
    held_here = [c for c in copies if c.status not in (CopyStatus.DESTROYED, CopyStatus.SENT)]
    provide: list[tuple[Any, Any]] = []
    if head and item.status == ItemStatus.CLASSIFIED and in_store:
        choices = _agency_choices(item.agency_id)
        provide = [
            (c, form(f"provide:{c.pk}", _provide_form, item, c, choices=choices)) for c in in_store
        ]
    authorisations = list(
        item.copy_authorisations.select_related("authorised_by", "request__requested_by")
    )
    record = [
        (a, form(f"record:{a.pk}", RecordCopiesForm, auto_id=_ids(f"record{a.pk}")))
        for a in authorisations
        if a.used < a.count
    ]
    requests = list(item.copy_requests.select_related("requested_by", "decided_by"))
    decides = head and services.may_decide_copy_request(actor_of(request), item, on=today)
    pending = [
        (r, form(f"decide:{r.pk}", forms.CopyDecisionForm, auto_id=_ids(f"decide{r.pk}")))
        for r in requests
        if r.state == CopyRequest.State.REQUESTED
    ]
    carry_outs = list(
        CarryOut.objects.filter(copy__item=item)
        .exclude(state__in=["returned", "refused"])
        .select_related("copy", "requested_by")
    )
    for c in carry_outs:
        c.return_form = form(  # type: ignore[attr-defined]
            f"carry_return:{c.pk}", forms.CarryReturnForm, auto_id=_ids(f"back{c.pk}")
        )
    meeting = Meeting.objects.filter(item=item).select_related("consent_by").first()
    return render(
        request,
        "registry/item_detail.html",
        {
            "item": item,
            "copies": copies,
            "entries": item.entries.order_by("pk"),
            "meeting": meeting,
            "meeting_form": form(
                "meeting_plan",
                lambda: MeetingForm(
                    initial={f: getattr(meeting, f) for f in services.MEETING_FIELDS}
                    if meeting
                    else None,
                    auto_id=_ids("meeting"),
                ),
            ),
            "meeting_close_form": form(
                "meeting_close", lambda: MeetingCloseForm(auto_id=_ids("close"))
            ),
            "attach_form": form(
                "attach_file", lambda: forms.AttachFileForm(auto_id=_ids("attach"))
            ),
            **_recall_context(request, item, name, refused),
            "authorisations": authorisations,
            "record_forms": record,
            "copy_requests": requests,
            "pending_requests": pending,
            "decides_copies": decides,
            "request_form": form(
                "copy_request", lambda: forms.CopyRequestForm(auto_id=_ids("ask"))
            ),
            "to_hand_over": queries.transfers_to_hand_over(request.user, item) if keeper else [],
            "carry_outs": carry_outs,
            "carry_out_form": form(
                "carry_out_request", lambda: CarryOutForm(copies=in_store, auto_id=_ids("carry"))
            ),
            "can_request": policy.can_propose_item(request.user, item.agency_id),
            "is_head": head,
            "is_keeper": keeper,
            "provide_forms": provide,
            "outgoing_form": form(
                "register_outgoing", lambda: forms.OutgoingForm(auto_id=_ids("outgoing"))
            ),
            "classify_form": form(
                "classify",
                lambda: ClassifyForm(initial={"doc_date": today}, auto_id=_ids("classify")),
            ),
            "authorise_form": form(
                "authorise_copies", lambda: AuthoriseCopiesForm(auto_id=_ids("authorise"))
            ),
            "decision_form": form(
                "declassification_notice",
                lambda: DecisionForm(initial={"decided_on": today}, auto_id=_ids("notice")),
            ),
            "extend_form": form(
                "extend", lambda: ExtendForm(initial={"decided_on": today}, auto_id=_ids("extend"))
            ),
            "declassify_form": form(
                "declassify",
                lambda: DeclassifyForm(initial={"decided_on": today}, auto_id=_ids("declassify")),
            ),
            "destroy_form": form(
                "destroy", lambda: forms.DestroyForm(copies=held_here, auto_id=_ids("destroy"))
            ),
            "may_destroy": head
            and item.status == ItemStatus.CLASSIFIED
            and bool(held_here)
            and rules.may_decide_destruction(item.agency.type, item.level, on=today),
            "council_needed": rules.destruction_needs_council(item.level, on=today),
            "open_form": name.split(":")[0],
            "remark": (int(name.split(":")[1]), refused) if name.startswith("remark:") else None,
            "above_catalogue": queries.item_above_catalogue(item),
            **queries.declassification_history(item),
            "today": today,
        },
        status=400 if refused is not None else 200,
    )


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    services.record_read(actor=actor_of(request), item=item)
    return item_page(request, item)


ACTIONS: dict[str, Any] = {}


def _action(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        ACTIONS[name] = func
        return func

    return register


def _found(found: Any) -> Any:
    """What a lookup for the posted id found, or a 404 when it found nothing."""
    if found is None:
        raise Http404
    return found


def _submit(
    name: str,
    form: Any,
    call: Callable[[dict[str, Any]], Any],
    aliases: dict[str, str] | None = None,
) -> Any:
    """Hands the form's cleaned data to the service (`call`); a refusal by either is `_Refused`."""
    data = _checked(name, form)
    return _service(name, form, lambda: call(data), aliases)


def _plain_action(
    name: str, form_class: Callable[..., Any], prefix: str, service: Callable[..., Any], done: Any
) -> None:
    """Registers an action whose form's data go whole to `service` with the actor and the item;
    `done` is what the page says once it is done."""

    def handler(request: HttpRequest, item: Any) -> str:
        form = form_class(request.POST, auto_id=_ids(prefix))
        _submit(name, form, lambda data: service(actor=actor_of(request), item=item, **data))
        return str(done)

    ACTIONS[name] = handler


# The action, its form with the prefix of the form's ids, the service and what the page says.
for _plain in (
    (
        "classify",
        ClassifyForm,
        "classify",
        services.classify_item,
        gettext_lazy("The level is approved."),
    ),
    (
        "authorise_copies",
        AuthoriseCopiesForm,
        "authorise",
        services.authorise_copies,
        gettext_lazy("Copies authorised."),
    ),
    (
        "copy_request",
        forms.CopyRequestForm,
        "ask",
        services.request_copies,
        gettext_lazy("Request sent; you are told of the decision."),
    ),
    (
        "extend",
        ExtendForm,
        "extend",
        services.extend_protection,
        gettext_lazy("Protection extended."),
    ),
    (
        "meeting_plan",
        MeetingForm,
        "meeting",
        services.plan_meeting,
        gettext_lazy("The meeting plan is recorded; the head decides on consent."),
    ),
):
    _plain_action(*_plain)


@_action("register_outgoing")
def _register_outgoing(request: HttpRequest, item: Any) -> str:
    entry = _submit(
        "register_outgoing",
        forms.OutgoingForm(request.POST, auto_id=_ids("outgoing")),
        lambda data: services.register_outgoing(
            actor=actor_of(request), item=item, recall_by=data["recall_by"]
        ),
    )
    return _("Entered in the outgoing register as number %(seq)s.") % {"seq": entry.seq}


def _decide_copies(request: HttpRequest, found: CopyRequest) -> bool:
    """The decision posted on a request to copy; True when it is approved."""
    form = forms.CopyDecisionForm(request.POST, auto_id=_ids(f"decide{found.pk}"))
    _submit(
        f"decide:{found.pk}",
        form,
        lambda data: services.decide_copy_request(
            actor=actor_of(request),
            request=found,
            approve=data["decision"] == "approve",
            reason=data["reason"],
        ),
    )
    return bool(form.cleaned_data["decision"] == "approve")


@_action("copy_decide")
def _copy_decide(request: HttpRequest, item: Any) -> str:
    found = _found(item.copy_requests.filter(pk=parse_id(request.POST.get("request")) or 0).first())
    if _decide_copies(request, found):
        return _("Copies authorised.")
    return _("Request refused; the requester is told why.")


@_action("record_copies")
def _record(request: HttpRequest, item: Any) -> str:
    """Copies made under the authorisation named in the form (one of this item's)."""
    grant = _found(
        item.copy_authorisations.filter(pk=parse_id(request.POST.get("authorisation")) or 0).first()
    )
    made = _submit(
        f"record:{grant.pk}",
        RecordCopiesForm(request.POST, auto_id=_ids(f"record{grant.pk}")),
        lambda data: services.record_copies(
            actor=actor_of(request),
            authorisation=grant,
            count=data["count"],
            spoiled=data["spoiled"] or 0,
            recipients=data["recipients"],
        ),
    )
    return _("Copies recorded: %(numbers)s.") % {"numbers": ", ".join(str(c.number) for c in made)}


@_action("provide")
def _provide(request: HttpRequest, item: Any) -> str:
    copy = _found(item.copies.filter(pk=parse_id(request.POST.get("copy")) or 0).first())
    _submit(
        f"provide:{copy.pk}",
        _provide_form(item, copy, request.POST),
        lambda data: services.approve_provision(
            actor=actor_of(request), copy=copy, to_agency=data["to_agency"], purpose=data["purpose"]
        ),
    )
    return _("Provision decided; the security officer hands the copy over.")


@_action("hand_over")
def _hand_over(request: HttpRequest, item: Any) -> str:
    transfer = _found(
        queries.transfers_to_hand_over(request.user, item)
        .filter(pk=parse_id(request.POST.get("transfer")) or 0)
        .first()
    )
    services.hand_over(actor=actor_of(request), transfer=transfer)
    return _("Handed over; the receiving agency signs for it.")


@_action("declassification_notice")
def _notice(request: HttpRequest, item: Any) -> str:
    _submit(
        "declassification_notice",
        DecisionForm(request.POST, auto_id=_ids("notice")),
        lambda data: services.record_declassification_notice(
            actor=actor_of(request),
            item=item,
            notice=data["decision"],
            decided_on=data["decided_on"],
        ),
        {"notice": "decision"},
    )
    return _("Declassification recorded.")


@_action("declassify")
def _declassify(request: HttpRequest, item: Any) -> str:
    """By decision after a declassification council, in whole or in part (L18 Art. 22.4)."""
    form = DeclassifyForm(request.POST, auto_id=_ids("declassify"))
    _submit(
        "declassify",
        form,
        lambda data: services.declassify(actor=actor_of(request), item=item, **data),
    )
    if form.cleaned_data["partial"]:
        return _("Partly declassified: the item stays classified; holders have been notified.")
    return _("Declassified; holders have been notified.")


@_action("destroy")
def _destroy(request: HttpRequest, item: Any) -> str:
    """Destruction of the copies held here, decided by the head (L18 Art. 23)."""
    held = item.copies.exclude(status__in=[CopyStatus.DESTROYED, CopyStatus.SENT])
    form = forms.DestroyForm(request.POST, copies=list(held), auto_id=_ids("destroy"))
    _submit(
        "destroy",
        form,
        lambda data: services.destroy(
            actor=actor_of(request),
            item=item,
            copies=list(held.filter(pk__in=data["copies"])),
            council=form.council_members(),
            minutes=data["minutes"],
        ),
    )
    return _("The copies are destroyed and the minutes recorded.")


@_action("carry_out_request")
def _carry_out_request(request: HttpRequest, item: Any) -> str:
    in_store = list(item.copies.filter(status=CopyStatus.IN_STORE))

    def request_carry_out(data: dict[str, Any]) -> Any:
        copy = next(c for c in in_store if c.pk == data["copy"])
        values = {k: v for k, v in data.items() if k != "copy"}
        return services.request_carry_out(actor=actor_of(request), copy=copy, **values)

    _submit(
        "carry_out_request",
        CarryOutForm(request.POST, copies=in_store, auto_id=_ids("carry")),
        request_carry_out,
    )
    return _("Request sent to the head.")


def _carry_out(request: HttpRequest, item: Any) -> CarryOut:
    return _found(
        CarryOut.objects.filter(
            copy__item=item, pk=parse_id(request.POST.get("request")) or 0
        ).first()
    )


@_action("carry_out_decide")
def _carry_out_decide(request: HttpRequest, item: Any) -> str:
    approve = request.POST.get("decision") == "approve"
    services.decide_carry_out(
        actor=actor_of(request), request=_carry_out(request, item), approve=approve
    )
    return _("Carrying out approved.") if approve else _("Carrying out refused.")


@_action("carry_out_return")
def _carry_out_return(request: HttpRequest, item: Any) -> str:
    found = _carry_out(request, item)
    _submit(
        f"carry_return:{found.pk}",
        forms.CarryReturnForm(request.POST, auto_id=_ids(f"back{found.pk}")),
        lambda data: services.return_carried_out(
            actor=actor_of(request), request=found, report=data["report"]
        ),
    )
    return _("The copy is back in store.")


@_action("meeting_consent")
def _meeting_consent(request: HttpRequest, item: Any) -> str:
    meeting = _found(Meeting.objects.filter(item=item).first())
    approve = request.POST.get("decision") == "approve"
    services.consent_to_meeting(
        actor=actor_of(request),
        meeting=meeting,
        approve=approve,
        consent_document=request.POST.get("consent_document", ""),
    )
    return _("Consent given.") if approve else _("Consent refused.")


@_action("meeting_close")
def _meeting_close(request: HttpRequest, item: Any) -> str:
    meeting = _found(Meeting.objects.filter(item=item).first())
    _submit(
        "meeting_close",
        MeetingCloseForm(request.POST, auto_id=_ids("close")),
        lambda data: services.close_meeting(actor=actor_of(request), meeting=meeting, **data),
    )
    return _("The meeting record is closed.")


def _decision_form(pk: int) -> Any:
    return forms.CopyDecisionForm(auto_id=_ids(f"decide{pk}"))


def _consent_form(pk: int, data: Any = None) -> Any:
    return forms.MeetingConsentForm(data, auto_id=_ids(f"meeting{pk}"))


def _approvals_page(
    request: HttpRequest, refused: tuple[str, int, Any] | None = None
) -> HttpResponse:
    """What awaits the actor's decision; `refused` is the (kind, pk, form) of a decision on a
    request to copy or a meeting refused just now, shown again with what was typed."""
    pending = queries.approvals(request.user)

    def form(kind: str, pk: int, fresh: Callable[[int], Any]) -> Any:
        return refused[2] if refused and refused[:2] == (kind, pk) else fresh(pk)

    pending["copy_requests"] = [
        (r, form("copy", r.pk, _decision_form)) for r in pending["copy_requests"]
    ]
    pending["meetings"] = [(m, form("meeting", m.pk, _consent_form)) for m in pending["meetings"]]
    # the query behind the home's "reports to sign": the page and the home give the same number
    pending["reports_to_sign"] = list(awaiting_signature(request.user)[:200])
    return render(
        request, "registry/approvals.html", pending, status=400 if refused is not None else 200
    )


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    """The agency reports waiting for the head's signature, and requests to copy and to carry a
    secret out and meetings awaiting the actor's decision, including those only a provincial
    leader decides (copying beyond an agency head's authority, going abroad, foreign
    participants)."""
    return _approvals_page(request)


@login_required
@require_POST
def approval_decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    pending = queries.approvals(request.user)
    approve = request.POST.get("decision") == "approve"
    try:
        if kind == "copy":
            _decide_copies(
                request, _found(next((r for r in pending["copy_requests"] if r.pk == pk), None))
            )
        elif kind == "carry-out":
            found = _found(next((c for c in pending["carry_outs"] if c.pk == pk), None))
            services.decide_carry_out(actor=actor_of(request), request=found, approve=approve)
        elif kind == "meeting":
            meeting = _found(next((m for m in pending["meetings"] if m.pk == pk), None))
            _submit(
                "meeting",
                _consent_form(pk, request.POST),
                lambda data: services.consent_to_meeting(
                    actor=actor_of(request),
                    meeting=meeting,
                    approve=approve,
                    consent_document=data["consent_document"],
                ),
            )
        else:
            raise Http404
    except _Refused as refused:
        messages.error(request, _("Nothing was saved: correct what is marked below."))
        return _approvals_page(
            request, ("meeting" if kind == "meeting" else "copy", pk, refused.form)
        )
    except ValidationError as exc:
        messages.error(request, in_words(" ".join(exc.messages)))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("registry:approvals")


@_action("attach_file")
def _attach(request: HttpRequest, item: Any) -> str:
    def attach_file(data: dict[str, Any]) -> Any:
        upload = data["file"]
        return services.attach_file(
            actor=actor_of(request), item=item, name=upload.name or "", data=upload.read()
        )

    _submit(
        "attach_file",
        forms.AttachFileForm(request.POST, request.FILES, auto_id=_ids("attach")),
        attach_file,
        {"name": "file", "data": "file"},
    )
    return _("The file is stored, encrypted.")


@login_required
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    rows = ItemFile.objects.select_related("item").filter(pk=pk)
    stored = found_or_404(policy.restrict_item_children(request.user, rows).first())
    stamped = request.GET.get("stamp") == "1"
    try:
        data = services.open_file(actor=actor_of(request), stored=stored, stamped=stamped)
    except ValidationError as exc:
        messages.error(request, in_words(" ".join(exc.messages)))
        return redirect("registry:item", pk=stored.item_id)
    response = HttpResponse(data, content_type=stored.content_type)
    name = f"{_('stamped')}-{stored.original_name}" if stamped else stored.original_name
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
@require_POST
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = _item_or_404(request, pk)
    handler = found_or_404(ACTIONS.get(action))
    try:
        messages.success(request, handler(request, item))
    except _Refused as refused:
        messages.error(request, _("Nothing was saved: correct what is marked below."))
        return item_page(request, item, (refused.name, refused.form))
    except ValidationError as exc:
        messages.error(request, in_words(" ".join(exc.messages)))
    return redirect("registry:item", pk=item.pk)


def _form_page(request: HttpRequest, form: Any, title: str, agency: Agency) -> HttpResponse:
    """A form of the registry for one agency, shown again with its errors until it is saved."""
    return render(request, "registry/form.html", {"form": form, "title": title, "agency": agency})


@login_required
def register_incoming(request: HttpRequest) -> HttpResponse:
    agency = _agency_for(request, policy.can_keep_registers)
    form = IncomingForm(request.POST or None, initial={"received_on": timezone.localdate()})
    entry = save_form(
        form,
        lambda data: services.register_incoming(
            actor=actor_of(request),
            agency=agency,
            **{k: v for k, v in data.items() if v is not None},
        ),
    )
    if entry is not None:
        messages.success(
            request, _("Entered in the incoming register as number %(seq)s.") % {"seq": entry.seq}
        )
        return redirect("registry:item", pk=entry.item_id)
    return _form_page(request, form, _("Register an incoming item"), agency)


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    agency = _agency_for(request, policy.can_propose_item)
    form = ProposeForm(request.POST or None)
    item = save_form(
        form, lambda data: services.propose_item(actor=actor_of(request), agency=agency, **data)
    )
    if item is not None:
        messages.success(request, _("Proposal sent to the head."))
        return redirect("registry:item", pk=item.pk)
    return _form_page(request, form, _("Propose a level"), agency)


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
    book = found_or_404(queries.books(request.user).filter(pk=pk).first())
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
    book = found_or_404(queries.books(request.user).filter(pk=pk).first())
    try:
        services.close_volume(actor=actor_of(request), book=book)
    except ValidationError as exc:
        messages.error(request, in_words(" ".join(exc.messages)))
    else:
        messages.success(request, _("The volume is closed; new lines open the next volume."))
    return redirect("registry:book", pk=book.pk)


@login_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    """TT24 Form 18 for a period, for an agency whose registers the actor keeps."""
    agency = _agency_for(request, policy.can_keep_registers)
    today = timezone.localdate()
    period = forms.StatisticsForm(request.GET or None, auto_id="id_%s")
    since, until = date(today.year, 1, 1), today
    if period.is_bound and period.is_valid():
        since = period.cleaned_data["since"] or since
        until = period.cleaned_data["until"] or until
    stats = registry_statistics.statistics(agency.pk, since, until)
    if request.GET.get("format") == "xlsx" and not period.errors:
        from bmnn.core.documents import build_xlsx

        header = [_("Content"), *(LEVEL_NAME[level] for level in LEVELS), _("Total")]
        data = build_xlsx([(f"{since:%d.%m.%Y}-{until:%d.%m.%Y}", header, stats.table())])
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="thong-ke-bmnn-{since:%Y%m%d}-{until:%Y%m%d}.xlsx"'
        )
        return response
    return render(
        request,
        "registry/statistics.html",
        {"agency": agency, "stats": stats, "period": period},
        status=400 if period.is_bound and not period.is_valid() else 200,
    )


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


def _recall_context(
    request: HttpRequest, item: Any, name: str = "", refused: Any = None
) -> dict[str, Any]:
    """The item's recalls with their returns (each open line with its form), what its sender
    asks back on a holder's copy, and the form to decide a recall."""
    today = timezone.localdate()
    recalls = queries.item_recalls(request.user, item, today)
    for recall in recalls:
        for line in recall.lines:  # type: ignore[attr-defined]
            line.form = (
                refused
                if name == f"recall_return:{line.pk}"
                else forms.RecallReturnForm(
                    initial={"line": line.pk, "returned_on": today},
                    auto_id=_ids(f"return{line.pk}"),
                )
            )
    return {
        "recalls": recalls,
        "recall_open": any(r.closed_on is None for r in recalls),
        "today": today,
        "recalls_owed": queries.recalls_owed(request.user, item, today),
        "recall_form": refused if name == "recall" else forms.RecallForm(auto_id=_ids("recall")),
    }


@_action("recall")
def _recall(request: HttpRequest, item: Any) -> str:
    recall = _submit(
        "recall",
        forms.RecallForm(request.POST, auto_id=_ids("recall")),
        lambda data: services.decide_recall(actor=actor_of(request), item=item, **data),
    )
    return _("Recalled: every recipient returns it by %(day)s.") % {
        "day": recall.return_by.strftime("%d/%m/%Y")
    }


@_action("recall_return")
def _recall_return(request: HttpRequest, item: Any) -> str:
    line = _found(queries.recall_line(request.user, item, parse_id(request.POST.get("line")) or 0))
    _submit(
        f"recall_return:{line.pk}",
        forms.RecallReturnForm(request.POST, auto_id=_ids(f"return{line.pk}")),
        lambda data: services.record_recall_return(
            actor=actor_of(request), line=line, returned_on=data["returned_on"], note=data["note"]
        ),
    )
    return _("Return from %(recipient)s recorded.") % {"recipient": line.recipient}


@login_required
def recalls(request: HttpRequest) -> HttpResponse:
    """Open recalls of the items the actor may read, and the returns their agency owes."""
    return render(
        request,
        "registry/recalls.html",
        {
            "recalls": queries.open_recalls(request.user)[:500],
            "owed": queries.returns_owed(request.user)[:500],
            "today": timezone.localdate(),
        },
    )

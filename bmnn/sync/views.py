"""The node page: this node's card, the nodes it trusts, and per node its outbox and inbox."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.services import actor_of
from bmnn.sync import channel, node, queries, services
from bmnn.sync.forms import ReceiveForm, TrustForm
from bmnn.sync.models import Inbound, Outbound, Peer
from bmnn.web.shortcuts import found_or_404


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request)


def _overview(
    request: HttpRequest,
    *,
    trust_form: TrustForm | None = None,
    receive_form: ReceiveForm | None = None,
) -> HttpResponse:
    """The node page; a refused form comes back with its message by the field (status 200, so
    that the browser does not log a failed load)."""
    # No gate of its own: the policy's restrict leaves others this node's (public) card and no
    # node, outbox or form, so the restrict is the one read path a test can watch.
    refused = trust_form is not None or receive_form is not None
    if refused:
        messages.error(request, _("Nothing was saved: correct what is marked below."))
    can_manage = policy.can_manage_peers(request.user)
    peers = queries.peers(request.user)
    card = channel.own_card()
    return render(
        request,
        "sync/overview.html",
        {
            "peers": peers,
            "card": json.dumps(card, ensure_ascii=False),
            "fingerprint": node.fingerprint(card["key"]),
            "role": node.role(),
            "holds_secrets": node.holds_secrets(),
            "name": node.name(),
            "can_manage": can_manage,
            "can_carry": policy.can_carry_bundles(request.user),
            "trust_form": trust_form or TrustForm(),
            "receive_form": receive_form or ReceiveForm(),
        },
    )


def _peer(request: HttpRequest, pk: int) -> Peer:
    return found_or_404(policy.restrict_channels(request.user, Peer.objects.filter(pk=pk)).first())


@login_required
def peer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    peer = _peer(request, pk)
    return render(
        request,
        "sync/peer.html",
        {
            "peer": peer,
            "fingerprint": node.fingerprint(peer.public_key),
            # reached through the restricted peer above
            "outbox": Outbound.objects.filter(peer=peer)[:200],
            "inbox": Inbound.objects.filter(peer=peer)[:200],
            "can_manage": policy.can_manage_peers(request.user),
        },
    )


@login_required
@require_POST
def export(request: HttpRequest, pk: int) -> HttpResponse:
    peer = _peer(request, pk)
    try:
        outbound = channel.export_bundle(actor=actor_of(request), peer=peer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Bundle no. %(seq)s for %(peer)s is ready: download it and carry it on the secret medium."
            )
            % {"seq": outbound.seq, "peer": peer.name},
        )
    return redirect("sync:peer", pk=peer.pk)


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    outbound = policy.restrict_channels(
        request.user, Outbound.objects.select_related("peer").filter(pk=pk)
    ).first()
    if outbound is None:
        raise Http404
    response = FileResponse(outbound.file.open("rb"), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, channel.bundle_name(outbound)
    )
    return response


@login_required
@require_POST
def receive(request: HttpRequest) -> HttpResponse:
    if not policy.can_carry_bundles(request.user):
        raise PermissionDenied
    form = ReceiveForm(request.POST, request.FILES)
    if not form.is_valid():
        return _overview(request, receive_form=form)
    try:
        outcome = channel.import_bundle(
            actor=actor_of(request), data=form.cleaned_data["bundle"].read()
        )
    except ValidationError as exc:
        form.add_error("bundle", exc.messages)
        return _overview(request, receive_form=form)
    (messages.warning if outcome.state == "held" else messages.success)(request, outcome.message)
    return redirect("sync:peer", pk=outcome.peer.pk)


@login_required
@require_POST
def trust(request: HttpRequest) -> HttpResponse:
    form = TrustForm(request.POST)
    if not form.is_valid():
        return _overview(request, trust_form=form)
    try:
        peer = services.trust_peer(actor=actor_of(request), card=form.cleaned_data["card"])
    except ValidationError as exc:
        form.add_error("card", exc.messages)
        return _overview(request, trust_form=form)
    messages.success(
        request,
        _("%(name)s is trusted. Check its fingerprint %(fp)s with it by phone.")
        % {"name": peer.name, "fp": node.fingerprint(peer.public_key)},
    )
    return redirect("sync:overview")


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    peer = found_or_404(Peer.objects.filter(pk=pk).first())
    services.revoke_peer(actor=actor_of(request), peer=peer)
    messages.success(request, _("%(name)s is no longer trusted.") % {"name": peer.name})
    return redirect("sync:overview")

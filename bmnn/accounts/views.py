"""Log in, second factor, log out, password change, API tokens."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from axes.helpers import get_failure_limit
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import rotate_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.accounts import services, tokens
from bmnn.accounts.forms import ApiTokenForm, CheckPasswordChangeForm, LoginForm, TokenForm
from bmnn.accounts.models import ApiToken
from bmnn.accounts.totp import base32_key
from bmnn.core import policy
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        services.record_login(actor=form.get_user(), second_factor=False)
        return response

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        username = form.data.get("username") or ""
        if username and form.data.get("password"):  # an attempt, not an empty form
            request = self.request
            # django-axes marks the request while authenticating: axes_locked_out when the
            # account is locked (by this attempt or before), axes_failures_since_start when it
            # counted the attempt; the attempt that reaches the limit is the one that locks
            failures = getattr(request, "axes_failures_since_start", None)
            locked_out = bool(getattr(request, "axes_locked_out", False))
            limit = get_failure_limit(request, {"username": username})
            services.record_login_failure(
                username=str(username),
                locked_out=locked_out,
                newly_locked=locked_out and failures == limit,
                failures=failures,
            )
        return super().form_invalid(form)


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    # Only a path of this site: anything else ("-1", a view name) is not a place to go.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return "/"


def _pass_second_factor(request: HttpRequest, device: TOTPDevice) -> None:
    """Marks the session verified under a new session id (and a new CSRF token), as Django does
    at login: an id seen before the second factor is worth nothing after it."""
    otp_login(request, device)
    request.session.cycle_key()
    rotate_token(request)


def second_factor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For account pages that matter only after the second factor (the middleware already sends
    such a session to verify; this holds if the middleware list changes)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if policy.requires_second_factor(user) and not user.is_verified():  # type: ignore[union-attr]
            return redirect("accounts:verify")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Asks for the current TOTP code; users without an authenticator are sent to enrol."""
    user = actor_of(request)
    if not policy.requires_second_factor(user) or request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    if not user_has_device(user, confirmed=True):
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            allowed, _details = device.verify_is_allowed()
            if allowed and device.verify_token(token):
                _pass_second_factor(request, device)
                services.record_login(actor=user, second_factor=True)
                return redirect(_next_url(request))
            if not allowed:
                form.add_error(None, _("Too many wrong codes. Wait a little and try again."))
                services.record_second_factor_failure(actor=user, stage="verify", throttled=True)
                break
        else:
            form.add_error("token", _("The code is wrong or has expired."))
            services.record_second_factor_failure(actor=user, stage="verify", throttled=False)
    return render(request, "accounts/verify.html", {"form": form})


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """First-time set-up of an authenticator app (scan the QR code, confirm one code)."""
    user = actor_of(request)
    if user_has_device(user, confirmed=True):
        return redirect("accounts:verify")
    device = services.start_totp_enrolment(actor=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_totp_device(
                actor=user, device=device, token=form.cleaned_data["token"]
            )
        except ValidationError as exc:
            form.add_error("token", exc.messages[0])
            services.record_second_factor_failure(actor=user, stage="enrol", throttled=False)
        else:
            _pass_second_factor(request, device)
            messages.success(request, _("Your authenticator is set up."))
            return redirect("web:dashboard")
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    secret = base32_key(device.bin_key)
    return render(
        request, "accounts/enrol.html", {"form": form, "qr_data_uri": qr, "secret": secret}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(actor=request.user)
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("accounts:login")


@second_factor_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = CheckPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(
            actor=actor_of(request), new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@second_factor_required
def profile(request: HttpRequest) -> HttpResponse:
    """The person's roles and API tokens: create one (its key shown once), revoke one."""
    user = actor_of(request)
    form = ApiTokenForm()
    new_token = None
    if request.method == "POST" and request.POST.get("action") == "revoke":
        token = get_object_or_404(
            ApiToken, pk=parse_id(request.POST.get("token")) or 0, person=user
        )
        services.revoke_api_token(actor=user, token=token)
        messages.success(request, _("The API token was revoked."))
        return redirect("accounts:profile")
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                new_token = services.issue_api_token(
                    actor=user,
                    name=form.cleaned_data["name"],
                    otp_device=getattr(request.user, "otp_device", None),
                ).key
            except ValidationError as exc:
                form.add_error("name", exc.messages[0])
            else:
                form = ApiTokenForm()
    memberships = user.memberships.filter(is_active=True).select_related("agency")
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships,
            "new_token": new_token,
            "token_form": form,
            "api_tokens": tokens.working(user),
            "token_days": tokens.lifetime().days,
        },
    )

"""Log in, second factor, log out, password change, API token."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.accounts import services
from bmnn.accounts.forms import CheckPasswordChangeForm, LoginForm, TokenForm
from bmnn.accounts.totp import base32_key
from bmnn.core import policy


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        services.record_login(actor=form.get_user(), second_factor=False)
        return response


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Asks for the current TOTP code; users without an authenticator are sent to enrol."""
    user = request.user
    if not policy.requires_second_factor(user) or user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    if not user_has_device(user, confirmed=True):
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            allowed, _details = device.verify_is_allowed()
            if allowed and device.verify_token(token):
                otp_login(request, device)
                services.record_login(actor=user, second_factor=True)  # type: ignore[arg-type]
                return redirect(_next_url(request))
            if not allowed:
                form.add_error(None, _("Too many wrong codes. Wait a little and try again."))
                break
        else:
            form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "accounts/verify.html", {"form": form})


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """First-time set-up of an authenticator app (scan the QR code, confirm one code)."""
    user = request.user
    if user_has_device(user, confirmed=True):
        return redirect("accounts:verify")
    device = services.start_totp_enrolment(actor=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_totp_device(
                actor=user,  # type: ignore[arg-type]
                device=device,
                token=form.cleaned_data["token"],
            )
        except ValidationError as exc:
            form.add_error("token", exc.messages[0])
        else:
            otp_login(request, device)
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


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = CheckPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(
            actor=request.user,  # type: ignore[arg-type]
            new_password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    new_token = None
    if request.method == "POST":
        new_token = services.issue_api_token(actor=request.user).key  # type: ignore[arg-type]
    memberships = request.user.memberships.filter(is_active=True).select_related("agency")  # type: ignore[union-attr]
    return render(
        request,
        "accounts/profile.html",
        {"memberships": memberships, "new_token": new_token},
    )

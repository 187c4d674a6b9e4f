"""Setting up the authenticator app, the verify step after a password login, and the recovery
codes. Each page is the admin's login look."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import has_app, must_use_twofactor, new_recovery_codes
from .forms import CodeForm, VerifyForm


def next_url(request):
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def qr_svg(device):
    """The app's set-up link as an inline SVG: no image request, no script."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, light="white", omitsize=True, title="QR-code voor je authenticator-app"
    )


def show_codes(request, codes):
    return render(
        request, "kennisbank/twofactor/codes.html", {"codes": codes, "next": next_url(request)}
    )


@never_cache
@sensitive_post_parameters()
@login_required
def verify(request):
    if request.user.is_verified() or not has_app(request.user):
        return redirect(next_url(request) if request.user.is_verified() else "twofactor_setup")
    form = VerifyForm(request.user, request.POST or None)
    if form.is_valid():
        request.session.cycle_key()  # a new session id for the fully logged-in session
        otp_login(request, form.device)
        return redirect(next_url(request))
    return render(
        request, "kennisbank/twofactor/verify.html", {"form": form, "next": next_url(request)}
    )


@never_cache
@sensitive_post_parameters()
@login_required
def setup(request):
    """A new app, confirmed by its first code; then new recovery codes, shown once. Who already
    has an app must verify with it first (the middleware sees to that)."""
    if has_app(request.user) and not request.user.is_verified():
        return redirect("twofactor_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator-app", confirmed=False
        )
    form = CodeForm([device], request.POST or None)
    if form.is_valid():
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return show_codes(request, new_recovery_codes(request.user))
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": qr_svg(device),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "issuer": settings.OTP_TOTP_ISSUER,
        "required": must_use_twofactor(request.user),
        "next": next_url(request),
    }
    return render(request, "kennisbank/twofactor/setup.html", context)


@never_cache
@login_required
def overview(request):
    codes_left = StaticToken.objects.filter(device__user=request.user).count()
    context = {"has_app": has_app(request.user), "codes_left": codes_left}
    return render(request, "kennisbank/twofactor/overview.html", context)


@never_cache
@require_POST
@login_required
def regenerate_codes(request):
    """New recovery codes, which makes the old ones useless. Only for a verified session with
    an app (an unverified one never gets here: the middleware sends it to verify)."""
    if not (has_app(request.user) and request.user.is_verified()):
        return redirect("twofactor_overview")
    return show_codes(request, new_recovery_codes(request.user))

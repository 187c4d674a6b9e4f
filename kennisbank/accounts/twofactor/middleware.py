"""A session that owes its second factor is not yet fully logged in (must run after django-otp's
OTPMiddleware): a page is redirected to the verify step (or the set-up, without an app), and
every other request, the APIs' included, is served as to an anonymous visitor."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from . import has_app, needs_verification

# What an unverified session may still open: the two steps, logging out, and what the admin's
# login look loads.
OPEN_URL_NAMES = {
    "twofactor_verify",
    "twofactor_setup",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def wants_page(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith("/api/")
        and request.accepts("text/html")
    )


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_verification(request) and url_name(request) not in OPEN_URL_NAMES:
            if wants_page(request):
                step = "twofactor_verify" if has_app(request.user) else "twofactor_setup"
                return redirect_to_login(request.get_full_path(), reverse(step))
            request.user = AnonymousUser()
        return self.get_response(request)

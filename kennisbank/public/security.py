"""Security headers and /.well-known/security.txt (README "Privacy and security"). The
policies themselves are settings: CONTENT_SECURITY_POLICY (django-csp's, the public site and
the API), ADMIN_CONTENT_SECURITY_POLICY and PERMISSIONS_POLICY; the contact SECURITY_CONTACT."""

import datetime

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under ADMIN_PATH: Wagtail's admin
    needs inline scripts and styles, which the public site must not allow. Also sends
    Permissions-Policy, which Django does not."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        admin = request.path_info.startswith(settings.ADMIN_PATH)
        if admin and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell of a vulnerability, in which
    languages. Expires is computed at each request, so the file never goes stale; the RFC
    asks for less than a year ahead."""
    expires = (timezone.now() + datetime.timedelta(days=364)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

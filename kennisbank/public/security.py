"""Security headers (README "Privacy and security"). The policies themselves are settings:
CONTENT_SECURITY_POLICY (django-csp's, the public site and the API), ADMIN_CONTENT_SECURITY_POLICY
and PERMISSIONS_POLICY."""

from csp.middleware import CSPMiddleware
from django.conf import settings


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

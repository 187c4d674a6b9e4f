"""Wagtail's page password form, throttled per address and page restriction."""

from django.template.response import TemplateResponse
from wagtail import views as wagtail_views

from .throttles import PAGE_PASSWORD, client_address


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's view; after PAGE_PASSWORD.limit wrong passwords, even the right one waits."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    key = (client_address(request), page_view_restriction_id)
    if PAGE_PASSWORD.exceeded(*key):
        return TemplateResponse(request, "kennisbank/too_many_attempts.html", status=429)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: a wrong password
        PAGE_PASSWORD.count(*key)
    return response

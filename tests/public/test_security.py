"""Security headers on the public site, the admin and the API (README "Privacy and security"),
and /.well-known/security.txt."""

import datetime
import re
import runpy

import pytest

import kennisbank.config.settings.base as base_settings
from kennisbank.models import Parel
from tests.factories import create_item, create_user

COMMON = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


def assert_common_headers(response):
    for header, value in COMMON.items():
        assert response[header] == value, header
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.fixture
def parel(home):
    return create_item(Parel, "Flexwoningen in Raalte", themes=["Huisvesting"])


@pytest.mark.parametrize("path", ["/", "/zoeken/?q=woning", "item"])
def test_public_pages_allow_only_their_own_scripts_and_styles(client, parel, path):
    response = client.get(parel.url if path == "item" else path)
    assert response.status_code == 200
    assert_common_headers(response)
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no other host
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/zoeken/?q=woning", "/feeds/"])
def test_the_api_and_feeds_have_the_public_policy(client, parel, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_common_headers(response)
    assert policy(response)["script-src"] == ["'self'"]
    assert policy(response)["frame-ancestors"] == ["'none'"]


def test_the_admin_has_its_own_policy_for_wagtails_inline_scripts(client, parel):
    client.force_login(create_user("redacteur", is_superuser=True))
    for path in ["/admin/", f"/admin/pages/{parel.pk}/edit/", "/admin/login/"]:
        response = client.get(path)
        assert response.status_code in (200, 302), path
        assert_common_headers(response)
        csp = policy(response)
        assert "'unsafe-inline'" in csp["script-src"], path
        assert csp["frame-ancestors"] == ["'self'"], path  # Wagtail frames its own previews
        assert csp["object-src"] == ["'none'"], path


def test_public_templates_hold_no_inline_script_style_or_event_handler(client, parel):
    """What the policy would block: a script without src, a style attribute, an onclick."""
    for path in ["/", "/zoeken/?q=woning", parel.url, "/bestaat-niet/"]:
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", html), path
        assert not re.search(r"\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path


def security_txt(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, value = line.split(": ", 1)
        fields[name] = value
    return fields


def test_security_txt_names_a_contact_languages_and_an_expiry_within_a_year(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@rrvij.example.nl"
    fields = security_txt(client)
    assert fields["Contact"] == "mailto:security@rrvij.example.nl"
    assert fields["Preferred-Languages"] == "nl, en"
    assert fields["Canonical"] == f"{settings.SITE_URL}/.well-known/security.txt"
    expires = datetime.datetime.fromisoformat(fields["Expires"])
    now = datetime.datetime.now(datetime.UTC)
    assert now + datetime.timedelta(days=300) < expires < now + datetime.timedelta(days=365)


@pytest.mark.parametrize(
    ("environment", "contact"),
    [
        ({"SECURITY_CONTACT": "cert@gemeente.example.nl"}, "mailto:cert@gemeente.example.nl"),
        ({"SECURITY_CONTACT": "https://example.nl/melden"}, "https://example.nl/melden"),
        (
            {"DEFAULT_FROM_EMAIL": "kennisbank@rrvij.example.nl"},
            "mailto:kennisbank@rrvij.example.nl",
        ),
    ],
)
def test_security_contact_comes_from_the_environment(monkeypatch, environment, contact):
    monkeypatch.delenv("SECURITY_CONTACT", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert runpy.run_path(base_settings.__file__)["SECURITY_CONTACT"] == contact

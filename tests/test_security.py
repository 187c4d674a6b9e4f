"""Accounts and security: strong passwords, throttled logins, expiring sessions, upload limits
and a deployment check that finds nothing with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from kennisbank.accounts.roles import NETWERKPARTNER, REDACTIE
from kennisbank.models import Organisatie
from tests.accounts import create_member

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def redacteur(home):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


def new_account(client, password, **fields):
    data = {
        "username": "nieuwe-partner",
        "email": "nieuw@example.org",
        "first_name": "Nieuwe",
        "last_name": "Partner",
        "password1": password,
        "password2": password,
        "organisation": Organisatie.objects.get_or_create(name="Nidos")[0].pk,
        "groups": [Group.objects.get(name=NETWERKPARTNER).pk],
    }
    return client.post(reverse("wagtailusers_users:add"), data | fields)


def test_the_redactie_creates_accounts_with_an_organisation(client, redacteur):
    client.force_login(redacteur)
    response = new_account(client, "vier-woorden-lang-wachtwoord")
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nieuwe-partner")
    assert user.membership.organisation.name == "Nidos"
    assert user.groups.get().name == NETWERKPARTNER

    response = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert "Organisatie" in response.content.decode()


def test_an_account_without_organisation_is_refused(client, redacteur):
    client.force_login(redacteur)
    response = new_account(client, "vier-woorden-lang-wachtwoord", organisation="")
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == ["Dit is een verplicht veld."]
    assert not get_user_model().objects.filter(username="nieuwe-partner").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort1", "Dit wachtwoord is te kort: gebruik minstens 8 tekens."),
        ("wachtwoord", "Dit wachtwoord is te algemeen."),
        ("4815162342", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_a_weak_password_is_refused(client, redacteur, password, message):
    client.force_login(redacteur)
    response = new_account(client, password)
    assert response.status_code == 200
    assert message in response.context["form"].errors["password2"]
    assert not get_user_model().objects.filter(username="nieuwe-partner").exists()


def log_in(client, password):
    return client.post("/admin/login/", {"username": "redacteur", "password": password})


def test_logins_are_throttled_with_a_clear_message(client, redacteur):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "fout-wachtwoord")
        assert response.status_code == 200, "the form again, with its error"
    response = log_in(client, "fout-wachtwoord")
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()

    response = log_in(client, "geheim-wachtwoord-123")
    assert response.status_code == 429, "even the right password waits"
    assert "_auth_user_id" not in client.session


def test_a_good_login_works_and_the_session_ends_with_the_browser(client, redacteur):
    response = log_in(client, "geheim-wachtwoord-123")
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() <= 8 * 60 * 60
    assert not client.cookies[settings.SESSION_COOKIE_NAME]["max-age"], "a browser session"


@pytest.fixture
def uploader(client, redacteur):
    client.force_login(redacteur)
    return client


def test_documents_of_a_forbidden_type_are_refused(uploader):
    response = uploader.post(
        reverse("wagtaildocs:add"),
        {"title": "Programma", "file": SimpleUploadedFile("programma.exe", b"MZ...")},
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "exe" in error and "niet toegestaan" in error
    assert not get_document_model().objects.exists()


def test_documents_that_are_too_large_are_refused(uploader, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = uploader.post(
        reverse("wagtaildocs:add"),
        {"title": "Groot", "file": SimpleUploadedFile("groot.txt", b"x" * 2048)},
    )
    assert response.status_code == 200
    message = response.context["form"].errors["file"][0].replace("\xa0", " ")
    assert message == "Dit bestand is te groot (2,0 KB). De maximale bestandsgrootte is 1,0 KB."
    assert not get_document_model().objects.exists()


def test_images_of_a_forbidden_type_are_refused(uploader):
    response = uploader.post(
        reverse("wagtailimages:add"),
        {"title": "Logo", "file": SimpleUploadedFile("logo.svg", b"<svg></svg>")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Geen ondersteund afbeeldingsformaat. Ondersteunde formaten: JPG, JPEG, PNG, WEBP."
    ]
    assert not get_image_model().objects.exists()


def test_the_deployment_check_finds_nothing_with_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "HTTPS", "DJANGO_SETTINGS_MODULE"}
    } | {
        "DJANGO_SETTINGS_MODULE": "kennisbank.config.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "kennisbank.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout

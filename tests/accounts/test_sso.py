"""Single sign-on against a real OpenID Connect provider (tests/tools/oidc.py) with the test
client: the claims become the account's organisation, gemeente and role (docs/sso.md); an
unknown organisation is refused and creates nothing; logout ends the provider's session too."""

import base64
import hashlib
import json
import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from kennisbank.accounts import sso
from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Gemeente, Organisatie
from tests.factories import create_user
from tests.tools import oidc

SETTINGS = "kennisbank.config.settings.test"


@pytest.fixture(scope="module")
def issuer():
    with oidc.provider() as url:
        yield url


@pytest.fixture
def configured(settings, issuer, home):
    settings.OIDC_PROVIDERS = [oidc.provider_settings(issuer)]
    settings.OIDC_VERIFY_KID = oidc.VERIFY_KID
    Organisatie.objects.get_or_create(name="Gemeente Deventer")
    Organisatie.objects.get_or_create(name="Vluchtelingenwerk")
    Gemeente.objects.get_or_create(name="Deventer")
    return settings.OIDC_PROVIDERS[0]


def sso_login(client, sub, next_url="/zoeken/", action=None):
    """Click the button, log in as `sub` on the provider's page, come back."""
    start = client.get("/inloggen/sso/ijsselland/", {"next": next_url})
    assert start.status_code == 302
    form = {"sub": sub} if action is None else {"action": action}
    authorized = requests.post(start["Location"], data=form, allow_redirects=False, timeout=10)
    back = urlsplit(authorized.headers["Location"])
    assert back.path == "/inloggen/sso/terug/"
    return client.get(back.path, parse_qs(back.query))


def test_the_login_asks_for_the_code_with_pkce(client, configured):
    start = client.get("/inloggen/sso/ijsselland/", {"next": "/"})
    asked = parse_qs(urlsplit(start["Location"]).query)
    assert asked["code_challenge_method"] == ["S256"]
    (state,) = client.session["oidc_states"].values()
    verifier = state["code_verifier"].encode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
    assert asked["code_challenge"] == [challenge.decode()]


def test_the_login_page_offers_each_provider_first(client, configured):
    page = client.get("/inloggen/", {"next": "/zoeken/"}).content.decode()
    button = 'href="/inloggen/sso/ijsselland/?next=/zoeken/"'
    assert button in page and "Inloggen met IJsselland-account" in page
    assert page.index(button) < page.index('name="password"')


def test_the_first_login_creates_the_account_with_its_membership_and_role(client, configured):
    oidc.set_claims(
        configured["issuer"],
        "a-1",
        email="beleid@deventer.example",
        given_name="Beleid",
        family_name="Deventer",
        organisatie="gem-deventer",
        gemeente="Deventer",
        groepen=["medewerkers", "kb-gemeente"],
    )
    response = sso_login(client, "a-1")
    assert response.status_code == 302 and response["Location"] == "/zoeken/"

    user = get_user_model().objects.get(username="ijsselland.a-1")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[sso.LOGIN_METHOD] == "oidc", "the two-factor check reads this"
    assert (user.email, user.get_full_name()) == ("beleid@deventer.example", "Beleid Deventer")
    assert user.membership.organisation.name == "Gemeente Deventer"
    assert user.membership.gemeente.name == "Deventer"
    assert list(user.groups.values_list("name", flat=True)) == [GEMEENTE]
    assert not user.has_usable_password()


def test_a_later_login_brings_the_account_up_to_date(client, configured):
    issuer = configured["issuer"]
    oidc.set_claims(issuer, "a-2", organisatie="gem-deventer", groepen="kb-gemeente")
    sso_login(client, "a-2")
    client.logout()
    oidc.set_claims(
        issuer, "a-2", organisatie="Vluchtelingenwerk", groepen=["kb-partner", "kb-redactie"]
    )
    sso_login(client, "a-2")

    user = get_user_model().objects.get(username="ijsselland.a-2")
    assert user.membership.organisation.name == "Vluchtelingenwerk"
    assert user.membership.gemeente is None
    assert list(user.groups.values_list("name", flat=True)) == [REDACTIE], "the widest role"
    assert get_user_model().objects.filter(username__startswith="ijsselland.").count() == 1


def test_an_unknown_organisation_is_refused_and_nothing_is_created(client, configured):
    oidc.set_claims(
        configured["issuer"], "b-1", organisatie="Onbekende Stichting", groepen="kb-partner"
    )
    response = sso_login(client, "b-1")
    assert response["Location"] == "/inloggen/?next=%2Fzoeken%2F"
    page = client.get("/inloggen/").content.decode()
    assert "Je organisatie is (nog) niet aangesloten bij de kennisbank" in page
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(username="ijsselland.b-1").exists()


def test_no_role_is_refused(client, configured):
    oidc.set_claims(configured["issuer"], "b-2", organisatie="gem-deventer", groepen=["anders"])
    sso_login(client, "b-2")
    assert "geen rol in de kennisbank" in client.get("/inloggen/").content.decode()
    assert not get_user_model().objects.filter(username="ijsselland.b-2").exists()


def test_a_provider_can_fix_organisation_and_role(client, configured, settings):
    settings.OIDC_PROVIDERS = [
        oidc.provider_settings(
            configured["issuer"], organisation="Vluchtelingenwerk", role=NETWERKPARTNER
        )
    ]
    oidc.set_claims(configured["issuer"], "c-1", organisatie="Onbekende Stichting")
    sso_login(client, "c-1")
    user = get_user_model().objects.get(username="ijsselland.c-1")
    assert user.membership.organisation.name == "Vluchtelingenwerk"
    assert list(user.groups.values_list("name", flat=True)) == [NETWERKPARTNER]


def test_a_provider_never_takes_over_a_local_account_by_its_e_mail_address(client, configured):
    local = create_user("hoofdredactie", email="hoofd@deventer.example", is_superuser=True)
    oidc.set_claims(
        configured["issuer"],
        "d-1",
        email="hoofd@deventer.example",
        organisatie="gem-deventer",
        groepen="kb-gemeente",
    )
    sso_login(client, "d-1")
    assert client.session["_auth_user_id"] != str(local.pk)
    assert (
        get_user_model().objects.get(pk=client.session["_auth_user_id"]).username
        == "ijsselland.d-1"
    )


def test_denied_at_the_provider_gets_a_dutch_message(client, configured):
    response = sso_login(client, None, action="deny")
    assert response["Location"] == "/inloggen/?next=%2Fzoeken%2F"
    assert "Inloggen via je organisatie is niet gelukt" in client.get("/inloggen/").content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_provider_is_not_found(client, configured):
    assert client.get("/inloggen/sso/onbekend/").status_code == 404


def test_logout_ends_the_providers_session_and_returns_to_the_page(client, configured):
    oidc.set_claims(configured["issuer"], "e-1", organisatie="gem-deventer", groepen="kb-gemeente")
    sso_login(client, "e-1")
    response = client.post("/uitloggen/", {"next": "/zoeken/"})
    assert "_auth_user_id" not in client.session
    logout = urlsplit(response["Location"])
    assert (
        f"{logout.scheme}://{logout.netloc}{logout.path}"
        == f"{configured['issuer']}/oauth2/end_session"
    )
    query = parse_qs(logout.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/zoeken/"]
    assert query["id_token_hint"], "the provider knows whose session ends"


def test_a_blocked_account_stays_out(client, configured):
    oidc.set_claims(configured["issuer"], "h-1", organisatie="gem-deventer", groepen="kb-gemeente")
    sso_login(client, "h-1")
    assert "Ingelogd als" in client.get("/zoeken/").content.decode()
    get_user_model().objects.filter(username="ijsselland.h-1").update(is_active=False)
    assert "Ingelogd als" not in client.get("/zoeken/").content.decode(), "its session ends"
    response = sso_login(client, "h-1")
    assert response["Location"].startswith("/inloggen/")
    assert "Ingelogd als" not in client.get("/zoeken/").content.decode()


def test_a_provider_that_cannot_be_reached_gets_a_dutch_message(client, configured, settings):
    # Nothing listens on port 9 of this machine.
    settings.OIDC_PROVIDERS = [oidc.provider_settings("http://127.0.0.1:9")]
    response = client.get("/inloggen/sso/ijsselland/", follow=True)
    assert response.redirect_chain == [("/inloggen/", 302)]
    assert "Inloggen via je organisatie lukt nu niet" in response.content.decode()


def test_a_token_the_provider_refuses_gets_a_dutch_message(client, configured):
    start = client.get("/inloggen/sso/ijsselland/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(
        "/inloggen/sso/terug/", {"code": "verzonnen", "state": state}, follow=True
    )
    assert "Inloggen via je organisatie lukt nu niet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_callback_with_a_made_up_state_is_a_bad_request(client, configured):
    client.get("/inloggen/sso/ijsselland/")
    assert (
        client.get("/inloggen/sso/terug/", {"code": "x", "state": "verzonnen"}).status_code == 400
    )


def test_a_wrong_provider_list_stops_the_site_with_the_reason():
    env = {**os.environ, "OIDC_PROVIDERS": "[{", "DJANGO_SETTINGS_MODULE": SETTINGS}
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "ImproperlyConfigured: OIDC_PROVIDERS is no JSON" in run.stderr


def test_the_logout_form_may_go_on_to_each_configured_provider():
    configured = json.dumps([oidc.provider_settings("https://sso.ijsselland.example")])
    env = {**os.environ, "OIDC_PROVIDERS": configured, "DJANGO_SETTINGS_MODULE": SETTINGS}
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[\"'self'\", 'https://sso.ijsselland.example']"

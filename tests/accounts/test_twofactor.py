"""Two-factor authentication: a password, then a code from the app (computed here from the
device's key, as the phone does) or a recovery code. Mandatory for the Redactie, voluntary for
everyone else, not asked of single sign-on sessions."""

import re
from base64 import b32encode

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kennisbank.accounts.roles import GEMEENTE, REDACTIE
from kennisbank.accounts.twofactor import must_use_twofactor, new_recovery_codes
from kennisbank.accounts.twofactor.forms import duration
from kennisbank.models import Parel, Visibility
from tests.factories import create_item, create_member

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
VERIFY, SETUP = "/admin/tweestaps/controle/", "/admin/tweestaps/instellen/"


@pytest.fixture
def redactie(home):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


@pytest.fixture
def gemeente(home):
    return create_member("beleid-raalte", GEMEENTE, "Gemeente Raalte", "Raalte")


def app_of(user):
    return TOTPDevice.objects.create(user=user, name="Telefoon")


def code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def log_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "het wachtwoord werd niet aanvaard"


def test_redactie_logs_in_with_password_then_code_then_sees_the_dashboard(client, redactie):
    device = app_of(redactie)
    log_in(client, redactie)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next=/admin/"
    page = client.get(response.url)
    assert "Vul nu de code van zes cijfers in" in page.content.decode()

    response = client.post(VERIFY, {"code": code(device), "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "wagtailadmin/home.html" in [t.name for t in dashboard.templates]


def test_a_wrong_code_is_refused_and_the_next_try_waits(client, redactie):
    device = app_of(redactie)
    log_in(client, redactie)

    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get("/admin/").status_code == 302

    # Right away even the right code waits: django-otp's throttle on the device.
    response = client.post(VERIFY, {"code": code(device)})
    assert (
        "Te veel verkeerde codes. Probeer het over 1 seconde opnieuw." in response.content.decode()
    )
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_logs_in_once(client, redactie):
    app_of(redactie)
    recovery = new_recovery_codes(redactie)
    assert len(set(recovery)) == 10

    log_in(client, redactie)
    assert client.post(VERIFY, {"code": recovery[0].upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")
    log_in(client, redactie)
    response = client.post(VERIFY, {"code": recovery[0]})
    assert "Deze code klopt niet." in response.content.decode()
    assert StaticToken.objects.filter(device__user=redactie).count() == 9


@pytest.mark.parametrize(
    "seconds, text",
    [
        (0.2, "1 seconde"),
        (7.5, "8 seconden"),
        (60, "1 minuut"),
        (61, "2 minuten"),
        (512, "9 minuten"),
    ],
)
def test_the_wait_is_said_in_dutch(seconds, text):
    assert duration(seconds) == text


def test_redactie_without_an_app_sets_one_up_and_gets_recovery_codes(client, redactie):
    log_in(client, redactie)
    response = client.get("/admin/pages/")
    assert response.url == f"{SETUP}?next=/admin/pages/"

    page = client.get(response.url).content.decode()
    device = TOTPDevice.objects.get(user=redactie, confirmed=False)
    assert "<svg" in page and "QR-code voor je authenticator-app" in page
    assert "voor jouw account is tweestapsverificatie verplicht" in page.lower()
    secret = re.search(r'id="twofactor-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()

    response = client.post(SETUP, {"code": code(device), "next": "/admin/pages/"})
    shown = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(shown) == 10
    assert sorted(shown) == sorted(
        StaticToken.objects.filter(device__user=redactie).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200


def test_an_unverified_session_cannot_add_another_app(client, redactie):
    app_of(redactie)
    log_in(client, redactie)
    response = client.get(SETUP)
    assert response.url.startswith(VERIFY)
    response = client.post(SETUP, {"code": "123456"})
    assert response.url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=redactie).count() == 1


def test_an_unverified_redactie_session_is_anonymous_to_apis_and_pages(client, redactie):
    network = create_item(Parel, "Zwavelkwartelaanpak", visibility=Visibility.NETWORK)
    app_of(redactie)
    log_in(client, redactie)

    assert client.get(network.url).url.startswith(VERIFY)
    found = client.get("/api/zoeken/", {"q": "Zwavelkwartelaanpak"}).json()
    assert found["results"] == []
    pages = client.get("/api/v2/pages/", {"title": "Zwavelkwartelaanpak"}).json()
    assert pages["items"] == []
    # A form sent to the admin meets an anonymous session: back to the login, nothing changed.
    response = client.post("/admin/pages/add/kennisbank/parel/", {"title": "x"})
    assert response.status_code == 302 and response.url.startswith("/admin/login/")

    device = TOTPDevice.objects.get(user=redactie)
    client.post(VERIFY, {"code": code(device)})
    assert client.get(network.url).status_code == 200
    found = client.get("/api/zoeken/", {"q": "Zwavelkwartelaanpak"}).json()
    assert [r["title"] for r in found["results"]] == ["Zwavelkwartelaanpak"]


def test_gemeente_may_go_without_and_once_set_up_must_verify(client, gemeente):
    log_in(client, gemeente)
    assert client.get("/admin/").status_code == 200
    overview = client.get("/admin/tweestaps/").content.decode()
    assert "Tweestapsverificatie staat uit." in overview

    page = client.get(SETUP).content.decode()
    assert "verplicht" not in page
    device = TOTPDevice.objects.get(user=gemeente, confirmed=False)
    client.post(SETUP, {"code": code(device)})

    client.post("/admin/logout/")
    log_in(client, gemeente)
    assert client.get("/admin/").url.startswith(VERIFY)


def test_a_superuser_must_set_up_an_app_like_the_redactie(client, home, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", password=PASSWORD)
    log_in(client, admin)
    assert client.get("/admin/").url.startswith(SETUP)
    assert "verplicht" in client.get(SETUP).content.decode()


def test_whether_a_user_owes_a_second_factor_is_one_query_per_request(
    gemeente, django_assert_num_queries
):
    """It is asked on every request of every logged-in session."""
    with django_assert_num_queries(1):
        assert must_use_twofactor(gemeente) is False
    app_of(gemeente).save()
    TOTPDevice.objects.filter(user=gemeente).update(confirmed=True)
    with django_assert_num_queries(1):
        assert must_use_twofactor(gemeente) is True


def test_single_sign_on_sessions_are_not_asked_for_a_code(client, redactie):
    app_of(redactie)
    log_in(client, redactie)
    assert client.get("/admin/").url.startswith(VERIFY)
    session = client.session
    session["login_method"] = "oidc"
    session.save()
    assert client.get("/admin/").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(client, redactie):
    device = app_of(redactie)
    old = new_recovery_codes(redactie)
    log_in(client, redactie)
    client.post(VERIFY, {"code": code(device)})
    assert "nog 10 herstelcodes" in client.get("/admin/tweestaps/").content.decode()

    response = client.post("/admin/tweestaps/herstelcodes/")
    shown = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(shown) == 10 and not set(shown) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_the_account_page_links_to_two_factor(client, gemeente):
    log_in(client, gemeente)
    assert 'href="/admin/tweestaps/"' in client.get("/admin/account/").content.decode()


def test_a_lost_phone_and_lost_codes_are_reset_by_command(client, redactie, capsys):
    app_of(redactie)
    new_recovery_codes(redactie)
    call_command("reset_twofactor", "redacteur")
    assert "zijn verwijderd" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=redactie).exists()

    log_in(client, redactie)
    assert client.get("/admin/").url.startswith(SETUP)


def test_the_verify_step_goes_on_to_this_site_only(client, redactie):
    device = app_of(redactie)
    log_in(client, redactie)
    response = client.post(VERIFY, {"code": code(device), "next": "https://elders.example/"})
    assert response.url == "/admin/"


def test_an_overlong_code_gets_a_message(client, redactie):
    app_of(redactie)
    log_in(client, redactie)
    response = client.post(VERIFY, {"code": "1" * 40})
    assert response.status_code == 200
    assert "niet meer dan 16 tekens" in response.content.decode()


def test_an_unverified_session_may_log_out(client, redactie):
    app_of(redactie)
    log_in(client, redactie)
    client.post("/admin/logout/")
    assert "_auth_user_id" not in client.session


def test_a_verified_session_moves_to_a_new_phone(client, redactie):
    old = app_of(redactie)
    log_in(client, redactie)
    client.post(VERIFY, {"code": code(old)})

    client.get(SETUP)
    new = TOTPDevice.objects.get(user=redactie, confirmed=False)
    client.post(SETUP, {"code": code(new)})
    assert list(TOTPDevice.objects.filter(user=redactie)) == [new]


def test_a_wrong_recovery_code_does_not_hold_up_the_app(client, redactie):
    device = app_of(redactie)
    new_recovery_codes(redactie)
    log_in(client, redactie)
    client.post(VERIFY, {"code": "verkeerd1"})
    assert client.post(VERIFY, {"code": code(device)}).status_code == 302

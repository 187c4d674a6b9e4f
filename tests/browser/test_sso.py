"""Single sign-on in a real browser against a real OpenID Connect provider (tests/tools/oidc.py):
the button on /inloggen/, the provider's page, back on the page asked for; a refused login;
logout through the provider's logout, back on the site."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from selenium.webdriver.common.by import By

from kennisbank.accounts import providers
from kennisbank.models import Gemeente, Organisatie
from tests.browser.conftest import LIVE_DB, axe_violations, navigates
from tests.tools import oidc

pytestmark = LIVE_DB


@pytest.fixture(scope="module")
def issuer():
    with oidc.provider() as url:
        yield url


@pytest.fixture
def sso(settings, issuer, site):
    settings.OIDC_PROVIDERS = [oidc.provider_settings(issuer)]
    settings.OIDC_VERIFY_KID = oidc.VERIFY_KID
    # As the settings do for the providers in OIDC_PROVIDERS: logout ends there.
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **directives,
            "form-action": ["'self'", *providers.origins(settings.OIDC_PROVIDERS)],
        }
    }
    Organisatie.objects.get_or_create(name="Gemeente Deventer")
    Gemeente.objects.get_or_create(name="Deventer")
    return issuer


def log_in_at_the_provider(driver, sub):
    navigates(driver, driver.find_element(By.LINK_TEXT, "Inloggen met IJsselland-account").click)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Authorize Client", "the provider's page"
    driver.find_element(By.NAME, "sub").send_keys(sub)
    navigates(driver, driver.find_element(By.XPATH, "//button[.='Authorize']").click)


def test_sso_login_returns_to_the_network_page_and_logout_ends_both_sessions(page, site, sso):
    oidc.set_claims(
        sso,
        "f-1",
        given_name="Beleid",
        family_name="Deventer",
        organisatie="gem-deventer",
        gemeente="Deventer",
        groepen=["kb-gemeente"],
    )
    network = site["network"]
    driver = page(network.url)
    driver.get_log("browser")  # forget what came before
    assert urlsplit(driver.current_url).path == "/inloggen/"
    assert "Netwerkparel" not in driver.page_source

    log_in_at_the_provider(driver, "f-1")

    assert urlsplit(driver.current_url).path == network.url
    assert driver.find_element(By.TAG_NAME, "h1").text == "Netwerkparel over statushouders"
    assert driver.find_element(By.CSS_SELECTOR, ".badge--network").text == "Alleen voor het netwerk"
    assert (
        driver.find_element(By.CSS_SELECTOR, ".account__user").text
        == "Ingelogd als Beleid Deventer"
    )
    user = get_user_model().objects.get(username="ijsselland.f-1")
    assert user.membership.organisation.name == "Gemeente Deventer"

    navigates(driver, driver.find_element(By.XPATH, "//button[.='Uitloggen']").click)
    assert driver.find_element(By.TAG_NAME, "h1").text == "End Session", "the provider's logout"
    navigates(driver, driver.find_element(By.XPATH, "//button[.='End session']").click)
    # Back at the page, which now asks for a login again.
    assert urlsplit(driver.current_url).path == "/inloggen/"
    assert f"next={network.url}" in urlsplit(driver.current_url).query.replace("%2F", "/")
    assert not driver.find_elements(By.CSS_SELECTOR, ".account__user")
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not [m for m in severe if "Content Security Policy" in m]


def test_an_unknown_organisation_is_refused_with_a_dutch_message(page, site, sso):
    oidc.set_claims(sso, "g-1", organisatie="Onbekende Stichting", groepen=["kb-partner"])
    driver = page("/inloggen/?next=/zoeken/")
    log_in_at_the_provider(driver, "g-1")

    assert urlsplit(driver.current_url).path == "/inloggen/"
    assert urlsplit(driver.current_url).query == "next=%2Fzoeken%2F", "still on the way there"
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert "Je organisatie is (nog) niet aangesloten bij de kennisbank" in alert
    assert not driver.find_elements(By.CSS_SELECTOR, ".account__user")
    assert not get_user_model().objects.filter(username="ijsselland.g-1").exists()
    assert axe_violations(driver) == [], "the buttons, the message and the form"

    driver.find_element(By.ID, "id_username").send_keys("niemand")
    driver.find_element(By.ID, "id_password").send_keys("geraden")
    navigates(driver, driver.find_element(By.ID, "id_password").submit)
    assert "klopt niet" in driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert axe_violations(driver) == [], "the form with its error"

"""Two-factor authentication in a real browser, on a phone (375 pixels) and a wide screen
(1280): a Redactie member's first login sets up the app from the page's secret, the next login
asks for a code and takes a recovery code; axe-core finds nothing on either step."""

from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from selenium.webdriver.common.by import By

from kennisbank.accounts.roles import REDACTIE
from kennisbank.structure import ensure_site
from tests.browser.conftest import LIVE_DB, axe_violations, navigates
from tests.factories import create_user

pytestmark = LIVE_DB

SCREENS = {"telefoon": (375, 667), "breed": (1280, 900)}
PASSWORD = "redactie-wachtwoord-2023"


@pytest.fixture(params=SCREENS)
def screen(request, driver):
    width, height = SCREENS[request.param]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
    )
    yield width
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def log_in(driver, live_server):
    driver.get(live_server.url + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys("redacteur")
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    navigates(driver, driver.find_element(By.ID, "id_password").submit)


def enter_code(driver, code):
    driver.find_element(By.ID, "id_code").send_keys(code)
    navigates(driver, driver.find_element(By.ID, "id_code").submit)


def fits(driver, width):
    return driver.execute_script("return document.documentElement.scrollWidth") <= width


def test_redactie_sets_up_the_app_then_logs_in_with_a_recovery_code(driver, live_server, screen):
    ensure_site()
    create_user("redacteur", PASSWORD).groups.add(Group.objects.get(name=REDACTIE))
    driver.delete_all_cookies()

    log_in(driver, live_server)
    assert urlsplit(driver.current_url).path == "/admin/tweestaps/instellen/"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Tweestapsverificatie instellen"
    qr = driver.find_element(By.CSS_SELECTOR, ".twofactor__qr svg")
    assert qr.size["width"] >= 150 and fits(driver, screen)
    assert axe_violations(driver) == []

    # What a phone does with the secret typed in by hand.
    secret = driver.find_element(By.ID, "twofactor-secret").text.replace(" ", "")
    enter_code(driver, f"{totp(b32decode(secret)):06d}")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Je herstelcodes"
    codes = [c.text for c in driver.find_elements(By.CSS_SELECTOR, ".twofactor__codes code")]
    assert len(codes) == 10 and fits(driver, screen)
    assert axe_violations(driver) == []
    navigates(driver, driver.find_element(By.LINK_TEXT, "Bewaard, ga verder").click)
    assert urlsplit(driver.current_url).path == "/admin/"

    driver.delete_all_cookies()
    log_in(driver, live_server)
    assert urlsplit(driver.current_url).path == "/admin/tweestaps/controle/"
    assert fits(driver, screen)
    assert axe_violations(driver) == []
    enter_code(driver, codes[0])
    assert urlsplit(driver.current_url).path == "/admin/"
    assert driver.find_elements(By.CSS_SELECTOR, "[data-side-panel-toggle], .sidebar")

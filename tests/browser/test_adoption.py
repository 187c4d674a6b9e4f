"""'Wij passen dit ook toe' in a real browser, on a phone (375 pixels) and a wide screen
(1280): a gemeente's policy officer opens the form from the Parel, marks it, sees the mark and
withdraws it; axe-core finds no violations with the form open."""

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from kennisbank.models import Adoption, Gemeente, Membership, Organisatie
from tests.browser.conftest import LIVE_DB, axe_violations, navigates

pytestmark = LIVE_DB

SCREENS = {"telefoon": (375, 667), "breed": (1280, 900)}
# Where the screenshots go when asked (ADOPTION_SCREENSHOTS=folder); none by default.
SHOTS = os.environ.get("ADOPTION_SCREENSHOTS")


@pytest.fixture(params=SCREENS)
def screen(request, driver):
    width, height = SCREENS[request.param]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
    )
    yield request.param
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def shoot(driver, name):
    if SHOTS:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.execute_script("return window.innerWidth")
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
        )
        driver.save_screenshot(str(Path(SHOTS) / f"adoption-{name}.png"))


def log_in(driver, live_server, next_url):
    driver.delete_all_cookies()
    driver.get(f"{live_server.url}/admin/login/?next={next_url}")
    driver.find_element(By.ID, "id_username").send_keys("beleid-raalte")
    driver.find_element(By.ID, "id_password").send_keys("raalte-wachtwoord-2023")
    navigates(driver, driver.find_element(By.ID, "id_password").submit)


def test_a_gemeente_marks_a_parel_as_applied_and_withdraws_it(
    driver, live_server, site, gemeente_user, screen
):
    Membership.objects.create(
        user=gemeente_user,
        organisation=Organisatie.objects.get_or_create(name="Gemeente Raalte")[0],
        gemeente=Gemeente.objects.get_or_create(name="Raalte")[0],
    )
    parel = site["parel"]
    Adoption.objects.create(
        parel=parel,
        gemeente=Gemeente.objects.get_or_create(name="Deventer")[0],
        organisation=Organisatie.objects.get_or_create(name="Gemeente Deventer")[0],
        date="2024-01-15",
        note="Met een tweede corporatie overgenomen.",
    )
    log_in(driver, live_server, parel.url)
    assert driver.find_element(By.TAG_NAME, "h1").text == parel.title

    driver.find_element(By.CSS_SELECTOR, ".adoption-form > summary").click()
    note = driver.find_element(By.ID, "toepassing-toelichting")
    assert note.is_displayed()
    assert not axe_violations(driver)
    shoot(driver, f"form-{screen}")
    date = driver.find_element(By.ID, "toepassing-datum")
    assert date.get_attribute("value"), "today, to start with"
    note.send_keys("Begonnen met vijf woningen.")
    navigates(driver, note.submit)

    marks = [li.text for li in driver.find_elements(By.CSS_SELECTOR, ".adoption__who")]
    assert any(text.startswith("Raalte") for text in marks)
    assert "Begonnen met vijf woningen." in driver.page_source
    assert not driver.find_elements(By.CSS_SELECTOR, ".adoption-form")
    assert not axe_violations(driver)
    shoot(driver, f"marked-{screen}")

    withdraw = driver.find_element(By.CSS_SELECTOR, ".adoption__withdraw button")
    assert withdraw.accessible_name == "Intrekken voor Raalte"
    navigates(driver, withdraw.click)
    assert list(Adoption.objects.values_list("gemeente__name", flat=True)) == ["Deventer"]
    assert driver.find_elements(By.CSS_SELECTOR, ".adoption-form > summary")

    # The home page's block and the Parel's card in the search results.
    navigates(driver, lambda: driver.get(live_server.url + "/"))
    block = driver.find_element(By.CSS_SELECTOR, "[aria-labelledby='toegepast-kop']")
    assert parel.title in block.text and "Deventer" in block.text
    shoot(driver, f"home-{screen}")
    navigates(driver, lambda: driver.get(live_server.url + "/zoeken/?q=flexwoningen"))
    assert "Toegepast in 1 gemeente" in driver.find_element(By.ID, "zoekresultaten").text
    assert not axe_violations(driver)
    shoot(driver, f"zoeken-{screen}")

""" "Vraag het de indiener" in a real browser, on a phone (375 pixels) and a wide screen (1280):
a logged-in user opens the form on an item, sends a question and sees that it went; an
archived item shows its banner. axe-core finds no violations with the form open or after."""

import pytest
from django.core import mail
from selenium.webdriver.common.by import By

from kennisbank.models import Organisatie
from tests.browser.conftest import LIVE_DB, axe_violations, navigates

pytestmark = LIVE_DB


def log_in(driver, live_server, next_url):
    driver.delete_all_cookies()
    driver.get(f"{live_server.url}/admin/login/?next={next_url}")
    driver.find_element(By.ID, "id_username").send_keys("beleid-raalte")
    driver.find_element(By.ID, "id_password").send_keys("raalte-wachtwoord-2023")
    navigates(driver, driver.find_element(By.ID, "id_password").submit)


@pytest.fixture
def parel(site):
    parel = site["parel"]
    parel.author_organisation = Organisatie.objects.create(
        name="Sallandwonen", mailbox="vragen@sallandwonen.example.org"
    )
    parel.archived_on, parel.archive_reason = "2024-06-01", "Vervangen door een nieuwe aanpak."
    parel.save_revision().publish()
    return parel


def test_a_user_asks_the_contributor(driver, live_server, parel, gemeente_user, screen):
    gemeente_user.email = "beleid@raalte.example.org"
    gemeente_user.save()
    log_in(driver, live_server, parel.url)
    assert driver.find_element(By.TAG_NAME, "h1").text == parel.title
    banner = driver.find_element(By.CSS_SELECTOR, ".archived-banner")
    assert "Gearchiveerd op 1 juni 2024." in banner.text
    assert "vragen@sallandwonen.example.org" not in driver.page_source

    driver.find_element(By.CSS_SELECTOR, ".question-form__toggle > summary").click()
    text = driver.find_element(By.ID, "vraag-tekst")
    assert text.is_displayed()
    assert text.rect["x"] + text.rect["width"] <= driver.execute_script("return innerWidth")
    assert not axe_violations(driver)
    text.send_keys("Hoe lang liep de proef?")
    navigates(driver, text.submit)

    assert "Je vraag is verstuurd" in driver.find_element(By.ID, "vraag").text
    assert not axe_violations(driver)
    [message] = mail.outbox
    assert message.to == ["vragen@sallandwonen.example.org"]
    assert "Hoe lang liep de proef?" in message.body

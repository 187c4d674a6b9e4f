"""Following in a real browser, on a phone (375 pixels) and a wide screen (1280): a network
partner follows a Knoop from its page, finds it on Mijn kennisbank, chooses a daily digest and
stops following; axe-core finds no violations on either page."""

from selenium.webdriver.common.by import By

from kennisbank.models import DigestSettings, Follow
from tests.browser.conftest import LIVE_DB, axe_violations, navigates

pytestmark = LIVE_DB


def test_a_user_follows_a_knoop_and_manages_it_on_mijn_kennisbank(
    driver, live_server, site, gemeente_user, screen
):
    knoop = site["knoop"]
    driver.delete_all_cookies()
    driver.get(f"{live_server.url}/inloggen/?next={knoop.url}")
    driver.find_element(By.ID, "id_username").send_keys("beleid-raalte")
    driver.find_element(By.ID, "id_password").send_keys("raalte-wachtwoord-2023")
    navigates(driver, driver.find_element(By.ID, "id_password").submit)
    assert driver.find_element(By.TAG_NAME, "h1").text == knoop.title

    button = driver.find_element(By.XPATH, "//button[normalize-space()='Volg deze knoop']")
    assert button.is_displayed()
    navigates(driver, button.click)
    assert "Je volgt deze knoop." in driver.find_element(By.CSS_SELECTOR, ".follow").text
    assert Follow.objects.filter(user=gemeente_user, knoop=knoop).exists()
    assert not axe_violations(driver)

    navigates(driver, driver.find_element(By.LINK_TEXT, "Mijn kennisbank").click)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Mijn kennisbank"
    assert knoop.title in driver.find_element(By.CSS_SELECTOR, ".follow-list").text
    assert not axe_violations(driver)

    driver.find_element(By.CSS_SELECTOR, "label[for='id_frequency_0']").click()
    navigates(driver, driver.find_element(By.XPATH, "//button[text()='Opslaan']").click)
    assert "Je keuze is opgeslagen." in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert DigestSettings.objects.get(user=gemeente_user).frequency == "daily"

    navigates(
        driver,
        driver.find_element(By.CSS_SELECTOR, ".follow-list button").click,
    )
    assert "Je volgt nog niets." in driver.find_element(By.TAG_NAME, "main").text
    assert not axe_violations(driver)

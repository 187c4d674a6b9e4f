"""What a visitor does, in a real browser: search, narrow down, read, follow links; log in."""

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from tests.browser.conftest import LIVE_DB, navigates, waiting

pytestmark = LIVE_DB


def results(driver):
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".result__title a")]


def facet_counts(driver, name):
    """{label: count} of one facet as shown next to its checkboxes."""
    counts = {}
    for option in driver.find_elements(By.CSS_SELECTOR, f".facet__option input[name={name}]"):
        label = driver.find_element(By.CSS_SELECTOR, f"label[for='{option.get_attribute('id')}']")
        text, count = label.text.rsplit(" (", 1)
        counts[text] = int(count.rstrip(")"))
    return counts


def test_search_from_home_narrow_down_open_a_result_and_follow_a_related_item(page, site):
    driver = page("/")
    search_box = driver.find_element(By.ID, "zoeken-start")
    search_box.send_keys("statushouders")
    navigates(driver, search_box.submit)

    assert urlsplit(driver.current_url).path == "/zoeken/"
    assert driver.find_element(By.ID, "resultaten-kop").text == "6 resultaten voor ‘statushouders’"
    assert "Taalcafé voor statushouders in Zwolle" in results(driver)
    assert facet_counts(driver, "gemeente") == {"Zwolle": 3, "Raalte": 2}
    assert facet_counts(driver, "type")["Parels"] == 2

    # Applied at once, without a new page (tests/browser/test_search_page.py).
    driver.find_element(By.CSS_SELECTOR, "label[for='f-gemeente-raalte']").click()
    waiting(driver, 15).until(
        lambda d: (
            d.find_element(By.ID, "resultaten-kop").text == "2 resultaten voor ‘statushouders’"
        )
    )
    assert sorted(results(driver)) == [
        "Flexwoningen voor statushouders in Raalte",
        "Te weinig woningen voor statushouders",
    ]
    assert facet_counts(driver, "type") == {"Knopen": 1, "Parels": 1}
    assert driver.find_element(By.ID, "f-gemeente-raalte").is_selected()
    active = driver.find_element(By.CSS_SELECTOR, ".active-filters").text
    assert "Raalte" in active

    navigates(
        driver, driver.find_element(By.LINK_TEXT, "Flexwoningen voor statushouders in Raalte").click
    )
    assert (
        driver.find_element(By.TAG_NAME, "h1").text == "Flexwoningen voor statushouders in Raalte"
    )

    related = driver.find_element(By.XPATH, "//h2[.='Gerelateerde items']/..")
    navigates(driver, related.find_element(By.LINK_TEXT, "Huisvestingswet 2014").click)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Huisvestingswet 2014"
    # The link is shown both ways: the wet names the parel that links to it.
    related = driver.find_element(By.XPATH, "//h2[.='Gerelateerde items']/..")
    assert related.find_element(By.LINK_TEXT, "Flexwoningen voor statushouders in Raalte")


def test_removing_an_active_filter_brings_its_results_back(page, site):
    driver = page("/zoeken/?q=statushouders&gemeente=raalte&type=parel")
    assert results(driver) == ["Flexwoningen voor statushouders in Raalte"]

    navigates(
        driver,
        driver.find_element(
            By.XPATH, "//*[@class='active-filters']//a[contains(., 'Raalte')]"
        ).click,
    )

    assert "gemeente" not in driver.current_url and "type=parel" in driver.current_url
    assert sorted(results(driver)) == [
        "Flexwoningen voor statushouders in Raalte",
        "Taalcafé voor statushouders in Zwolle",
    ]


def test_network_page_asks_for_login_and_shows_after_logging_in(page, site, gemeente_user):
    network = site["network"]
    driver = page(network.url)

    login = urlsplit(driver.current_url)
    assert login.path == "/inloggen/"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Inloggen"
    assert f"next={network.url}" in login.query.replace("%2F", "/")
    assert "Netwerkparel" not in driver.page_source

    driver.find_element(By.ID, "id_username").send_keys("beleid-raalte")
    driver.find_element(By.ID, "id_password").send_keys("raalte-wachtwoord-2023")
    navigates(driver, driver.find_element(By.ID, "id_password").submit)

    assert urlsplit(driver.current_url).path == network.url
    assert driver.find_element(By.TAG_NAME, "h1").text == "Netwerkparel over statushouders"
    assert driver.find_element(By.CSS_SELECTOR, ".badge--network").text == "Alleen voor het netwerk"

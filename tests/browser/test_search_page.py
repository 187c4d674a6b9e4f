"""The search page on a phone (375 pixels) and a wide screen (1280): results in the first
screen, filters behind "Filters (n)", filters that apply at once, chips that remove them,
suggestions in every search box, and the Knopen's own facets."""

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from kennisbank.models import Knoop
from tests.browser.conftest import LIVE_DB, axe_violations, navigates, waiting
from tests.factories import create_begrip, create_item

pytestmark = LIVE_DB

QUERY = "/zoeken/?q=statushouders"


@pytest.fixture
def without_javascript(driver):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    yield
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def wait(driver, condition, seconds=15):
    return waiting(driver, seconds).until(lambda d: condition())


def count_text(driver):
    return driver.find_element(By.ID, "resultaten-kop").text


def filters(driver):
    return driver.find_element(By.CSS_SELECTOR, "details.search-filters")


def open_filters(driver):
    if not filters(driver).get_attribute("open"):
        driver.find_element(By.CSS_SELECTOR, ".search-filters > summary").click()


def chips(driver):
    """The accessible names of the active-filter chips."""
    return [a.accessible_name for a in driver.find_elements(By.CSS_SELECTOR, ".active-filters a")]


def query(driver):
    return parse_qs(urlsplit(driver.current_url).query)


def test_the_count_and_the_first_result_show_in_the_first_screen(page, site, screen):
    driver = page(QUERY + "&gemeente=raalte")
    height = driver.execute_script("return window.innerHeight")
    first = driver.find_element(By.CSS_SELECTOR, ".result-list .result")

    assert count_text(driver) == "2 resultaten voor ‘statushouders’"
    assert first.rect["y"] < height, f"het eerste resultaat begint op {first.rect['y']}px"
    assert driver.execute_script("return window.scrollY") == 0
    if screen == "telefoon":  # folded above the results
        assert not filters(driver).get_attribute("open")
    else:  # open beside them
        assert filters(driver).get_attribute("open")
        results = driver.find_element(By.ID, "zoekresultaten")
        assert filters(driver).rect["x"] + filters(driver).rect["width"] < results.rect["x"]
    assert not axe_violations(driver)


def test_the_filters_button_shows_the_count_and_opens_the_filters(page, site, screen):
    driver = page(QUERY + "&gemeente=raalte&type=parel")
    toggle = driver.find_element(By.CSS_SELECTOR, ".search-filters > summary")
    facet = driver.find_element(By.ID, "f-gemeente-raalte")

    assert toggle.get_attribute("textContent") == "Filters (2 actief)"
    if screen == "telefoon":
        assert not facet.is_displayed()
        toggle.send_keys(Keys.ENTER)  # a summary is a button: the keyboard opens it too
        assert filters(driver).get_attribute("open")
    assert facet.is_displayed() and facet.is_selected()
    assert not axe_violations(driver)


def test_ticking_a_facet_applies_it_without_reloading(page, site, screen):
    driver = page(QUERY)
    open_filters(driver)
    driver.execute_script("window.notReloaded = true")
    checkbox = driver.find_element(By.ID, "f-gemeente-raalte")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", checkbox)
    place = checkbox.rect["y"] - driver.execute_script("return window.scrollY")

    checkbox.send_keys(Keys.SPACE)
    wait(driver, lambda: count_text(driver) == "2 resultaten voor ‘statushouders’")

    assert driver.execute_script("return window.notReloaded") is True
    assert query(driver)["gemeente"] == ["raalte"]
    assert driver.switch_to.active_element.get_attribute("id") == "f-gemeente-raalte"
    assert driver.switch_to.active_element.is_selected()
    checkbox = driver.find_element(By.ID, "f-gemeente-raalte")
    assert abs(checkbox.rect["y"] - driver.execute_script("return window.scrollY") - place) < 2
    status = driver.find_element(By.ID, "zoeken-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("textContent") == "2 resultaten voor ‘statushouders’"
    assert chips(driver) == ["Filter Gemeente: Raalte verwijderen"]
    assert driver.find_element(By.ID, "zoekfilters-aantal").text.startswith("(1")
    # With JavaScript there is nothing to apply.
    assert not [
        b for b in driver.find_elements(By.XPATH, "//button[.='Toepassen']") if b.is_displayed()
    ]


def test_without_javascript_the_apply_buttons_do_it(page, site, without_javascript):
    driver = page(QUERY)
    open_filters(driver)
    buttons = driver.find_elements(By.XPATH, "//button[.='Toepassen']")
    first_facet = driver.find_element(By.CSS_SELECTOR, ".search-filters fieldset")
    assert len(buttons) == 2 and all(button.is_displayed() for button in buttons)
    assert buttons[0].rect["y"] < first_facet.rect["y"]  # one at the top of the filters

    driver.find_element(By.CSS_SELECTOR, "label[for='f-gemeente-raalte']").click()
    navigates(driver, buttons[0].click)

    assert count_text(driver) == "2 resultaten voor ‘statushouders’"
    box = driver.find_element(By.ID, "zoeken-q")
    box.send_keys(Keys.BACKSPACE)
    assert not driver.find_elements(By.CSS_SELECTOR, "[role=listbox], [role=combobox]")


def test_every_filter_in_the_address_is_a_chip_that_removes_it(page, site, screen):
    driver = page(QUERY + "&thema=huisvesting-statushouders&jaar=1999&type=knoop&status=opgelost")

    assert count_text(driver) == "0 resultaten voor ‘statushouders’"
    assert chips(driver) == [
        "Filter Soort: Knopen verwijderen",
        "Filter Status: Opgelost verwijderen",
        "Filter Thema: Huisvesting statushouders verwijderen",
        "Filter Jaar: 1999 verwijderen",
    ]
    assert driver.find_element(By.ID, "zoekfilters-aantal").text.startswith("(4")

    chip = driver.find_element(By.CSS_SELECTOR, ".active-filters li:nth-child(2) a")
    navigates(driver, chip.click)
    assert "status" not in query(driver)
    navigates(driver, driver.find_element(By.CSS_SELECTOR, ".active-filters li:last-child a").click)
    assert "jaar" not in query(driver)
    assert count_text(driver) == "1 resultaat voor ‘statushouders’"
    assert len(chips(driver)) == 2


def suggestions(driver, box):
    listbox = driver.find_element(By.ID, box.get_attribute("aria-controls"))
    wait(driver, listbox.is_displayed)
    return [option.text for option in listbox.find_elements(By.CSS_SELECTOR, "[role=option]")]


@pytest.mark.parametrize(
    ("where", "box_id", "typed", "opened"),
    [
        ("home", "zoeken-start", "flexw", "Flexwoningen voor statushouders in Raalte"),
        ("item", "zoeken-kop", "taalc", "Taalcafé voor statushouders in Zwolle"),
        ("zoeken", "zoeken-q", "asielzoekersc", "Begrippen"),
    ],
)
def test_suggestions_as_you_type_open_with_arrow_and_enter(
    page, site, screen, where, box_id, typed, opened
):
    path = {"home": "/", "item": site["besluit"].url, "zoeken": "/zoeken/"}[where]
    driver = page(path)
    box = driver.find_element(By.ID, box_id)
    box.send_keys(typed)

    shown = suggestions(driver, box)
    assert shown and shown[0].startswith(opened if where != "zoeken" else "asielzoekerscentrum")
    assert box.get_attribute("aria-expanded") == "true"
    assert not axe_violations(driver)

    box.send_keys(Keys.ESCAPE)  # closes the list, keeps what was typed
    assert box.get_attribute("aria-expanded") == "false" and box.get_attribute("value") == typed
    box.send_keys(Keys.BACKSPACE, typed[-1])
    suggestions(driver, box)
    box.send_keys(Keys.ARROW_DOWN)
    active = driver.find_element(By.ID, box.get_attribute("aria-activedescendant"))
    assert active.get_attribute("aria-selected") == "true"
    assert driver.switch_to.active_element == box  # the focus stays in the box
    navigates(driver, lambda: box.send_keys(Keys.ENTER))

    assert driver.find_element(By.TAG_NAME, "h1").text == opened


def test_the_knopen_have_status_and_level_facets(page, site, screen):
    create_item(
        Knoop, "Geen tolken bij de huisarts", status=Knoop.Status.OPGELOST, level=Knoop.Level.RIJK
    )
    driver = page(site["knoop"].get_parent().url)
    open_filters(driver)
    legends = [legend.text for legend in driver.find_elements(By.CSS_SELECTOR, ".facet legend")]
    assert legends[:2] == ["Status", "Niveau"] and "Soort" not in legends

    checkbox = driver.find_element(By.ID, "f-niveau-rijk")
    assert checkbox.find_element(By.XPATH, "following-sibling::label").text == "Rijk (1)"
    checkbox.click()
    wait(driver, lambda: count_text(driver) == "1 resultaat")
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".result__title a")]
    assert titles == ["Geen tolken bij de huisarts"]
    assert chips(driver) == ["Filter Niveau: Rijk verwijderen"]

    # On the search page they belong to the knopen: there once only knopen are searched.
    page("/zoeken/?status=geagendeerd")
    assert "Status" not in [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".facet legend")]
    assert chips(driver) == ["Filter Status: Geagendeerd verwijderen"]
    page("/zoeken/?type=knoop&status=geagendeerd")
    open_filters(driver)
    assert driver.find_element(By.ID, "f-status-geagendeerd").is_selected()
    assert driver.find_element(By.ID, "f-niveau-regio").is_displayed()
    assert count_text(driver) == "1 resultaat"


INLINE = """
return [...document.querySelectorAll('script:not([src]), [style]')].map(e => e.outerHTML)
    .concat([...document.querySelectorAll('*')].flatMap(e => e.getAttributeNames()
        .filter(name => name.startsWith('on')).map(name => e.tagName + ' ' + name)));
"""


def test_nothing_inline_for_a_content_security_policy_without_unsafe_inline(page, site):
    """No inline script, style attribute or event handler, also after the scripts ran."""
    driver = page(QUERY)
    open_filters(driver)
    driver.find_element(By.ID, "f-gemeente-raalte").click()
    wait(driver, lambda: count_text(driver) == "2 resultaten voor ‘statushouders’")
    driver.find_element(By.ID, "zoeken-q").send_keys(Keys.BACKSPACE)
    suggestions(driver, driver.find_element(By.ID, "zoeken-q"))
    assert driver.execute_script(INLINE) == []
    assert page("/").execute_script(INLINE) == []


def test_a_glossary_card_or_a_corrected_typo_keeps_the_first_result_in_the_first_screen(
    page, site, screen
):
    long = " ".join(["Iemand met een verblijfsvergunning die een gemeente een woning biedt."] * 6)
    create_begrip("statushouder", definition=long)
    for address, above in (
        ("/zoeken/?q=statushouder", ".glossary-card"),
        ("/zoeken/?q=statushoudrs", ".suggestion"),
    ):
        driver = page(address)
        height = driver.execute_script("return window.innerHeight")
        assert driver.find_element(By.CSS_SELECTOR, above).is_displayed()
        first = driver.find_element(By.CSS_SELECTOR, ".result-list .result")
        assert first.rect["y"] < height, (
            f"{address}: het eerste resultaat begint op {first.rect['y']}px"
        )
        assert not axe_violations(driver)

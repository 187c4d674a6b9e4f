"""The Content-Security-Policy holds in a real browser: public pages report no violation, and
the admin's page editor, under its own policy, still loads and saves."""

from selenium.webdriver.common.by import By

from kennisbank.models import Parel
from tests.browser.conftest import LIVE_DB, navigates, waiting

pytestmark = LIVE_DB


def console_errors(driver):
    """The console's errors since the last call: Chromium reports each CSP violation there."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_public_pages_report_no_csp_violation(page, site):
    driver = page("/")
    console_errors(driver)  # forget what came before
    for path in ["/", "/zoeken/?q=statushouders", site["parel"].url, site["knoop"].url]:
        driver = page(path)
        if path.startswith("/zoeken/"):  # the suggestions' script runs as one types
            driver.find_element(By.CSS_SELECTOR, "input[name=q]").send_keys(" flex")
            driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 800)")
        assert console_errors(driver) == [], path


def test_admin_page_editor_loads_and_saves_under_the_admin_policy(admin_browser, live_server, site):
    driver, parel = admin_browser, site["parel"]
    console_errors(driver)
    driver.get(f"{live_server.url}/admin/pages/{parel.pk}/edit/")
    title = waiting(driver).until(lambda d: d.find_element(By.ID, "id_title"))
    assert not [e for e in console_errors(driver) if "Content Security Policy" in e]

    title.clear()
    title.send_keys("Flexwoningen in Raalte, bijgewerkt")
    navigates(driver, driver.find_element(By.CSS_SELECTOR, "button.action-save").click)

    assert driver.find_elements(By.CSS_SELECTOR, ".messages .success")
    draft = Parel.objects.get(pk=parel.pk).get_latest_revision_as_object()
    assert draft.title == "Flexwoningen in Raalte, bijgewerkt"
    assert not [e for e in console_errors(driver) if "Content Security Policy" in e]


def test_an_editors_userbar_on_a_public_page_keeps_to_the_public_policy(
    admin_browser, live_server, site
):
    driver = admin_browser
    console_errors(driver)
    driver.get(live_server.url + site["parel"].url)
    waiting(driver).until(lambda d: d.find_element(By.TAG_NAME, "wagtail-userbar"))
    driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 1500)")
    assert console_errors(driver) == []

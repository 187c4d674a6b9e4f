"""No page asks a third party for anything: every request a page makes, its scripts' included,
goes to the site itself (README "Privacy and security")."""

from urllib.parse import urlsplit

from tests.browser.conftest import LIVE_DB, waiting
from tests.tools.browser import requested_urls

pytestmark = LIVE_DB


def foreign_requests(driver, live_server, path):
    """Open `path`, let its scripts run, and return the requests to any other host."""
    requested_urls(driver)  # forget what came before
    driver.get(live_server.url + path)
    waiting(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # Scripts may fetch after the load (Wagtail's dashboard did: a check for a newer version).
    driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 1000)")
    own = urlsplit(live_server.url).netloc
    return [
        url
        for url in requested_urls(driver)
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
    ]


def test_public_pages_request_nothing_from_another_host(driver, live_server, site):
    for path in ["/", "/zoeken/?q=statushouders", site["parel"].url, site["knoop"].url]:
        assert foreign_requests(driver, live_server, path) == [], path


def test_admin_dashboard_and_page_editor_request_nothing_from_another_host(
    admin_browser, live_server, site
):
    paths = [
        "/admin/",
        f"/admin/pages/{site['parel'].pk}/edit/",
        f"/admin/pages/{site['home'].pk}/",
    ]
    for path in paths:
        assert foreign_requests(admin_browser, live_server, path) == [], path

"""The opgave page in a real browser, 1280 and 375 pixels wide: axe-core finds no violations,
the chart fits the screen, and its table opens from the disclosure."""

import pytest
from selenium.webdriver.common.by import By

from kennisbank.models import Opgave
from kennisbank.structure import ensure_site
from tests.browser.conftest import LIVE_DB, axe_violations
from tests.factories import add_opgave

pytestmark = LIVE_DB

PATHS = ["/opgaven/", "/opgaven/huisvesting-statushouders/", "/opgaven/gemeente/raalte/", "/"]


@pytest.fixture
def figures(live_server):
    ensure_site()
    add_opgave(gemeente="Raalte", figures=((52, 38), (52, 49)))
    add_opgave(gemeente="Zwolle", figures=((150, 112),))
    add_opgave(kind=Opgave.Kind.ASIEL, scope=Opgave.Scope.REGIO, half=0, figures=((1836, None),))


@pytest.mark.parametrize("width", [1280, 375])
def test_the_opgave_pages_pass_axe_and_fit_the_screen(page, figures, width):
    driver = page("/")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    try:
        for path in PATHS:
            driver = page(path)
            assert axe_violations(driver) == [], path
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= width, path
        driver = page("/opgaven/huisvesting-statushouders/")
        chart = driver.find_element(By.CSS_SELECTOR, ".opgave-chart__svg")
        assert chart.size["width"] <= width
        driver.find_element(By.CSS_SELECTOR, ".opgave-chart__data summary").click()
        table = driver.find_element(By.CSS_SELECTOR, ".opgave-chart__data table")
        assert table.is_displayed()
        assert "Raalte" in table.text and "49" in table.text
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

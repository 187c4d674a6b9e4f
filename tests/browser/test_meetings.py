"""A meeting's page and the Vergaderingen section in a real browser, 1280 and 375 pixels wide:
axe-core finds no violations, nothing is wider than the screen, the agenda reads in order."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from kennisbank.models import AgendaPunt, Knoop, Parel, Vergadering
from kennisbank.structure import ensure_site
from tests.browser.conftest import LIVE_DB, axe_violations
from tests.factories import create_item

pytestmark = LIVE_DB


@pytest.fixture
def meeting(live_server):
    ensure_site()
    knoop = create_item(Knoop, "Wachtlijst voor woningen van statushouders")
    parel = create_item(Parel, "Flexwoningen voor gemengd wonen")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    meeting = create_item(
        Vergadering,
        "Regietafel in het stadhuis",
        publish=False,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Stadhuis van Deventer, raadzaal",
        online_url="https://vergaderen.example/regietafel",
    )
    meeting.agenda_items = [
        AgendaPunt(sort_order=0, title="Opening en mededelingen"),
        AgendaPunt(sort_order=1, item=knoop, proposal="Voorleggen aan het bestuurlijk overleg."),
        AgendaPunt(sort_order=2, item=parel, proposal="Aanbevelen aan de gemeenten.",
                   outcome_kind="besloten", outcome="Drie gemeenten nemen het over."),
    ]  # fmt: skip
    meeting.save()
    meeting.save_revision().publish()
    return Vergadering.objects.get(pk=meeting.pk)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_meeting_pages_pass_axe_and_fit_the_screen(page, meeting, width):
    driver = page("/")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    try:
        for path in (meeting.url, "/vergaderingen/", "/", "/knopen/"):
            driver = page(path)
            assert axe_violations(driver) == [], path
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= width, path
        driver = page(meeting.url)
        subjects = driver.find_elements(By.CSS_SELECTOR, ".meeting-agenda__subject")
        assert [s.text.split(" (")[0] for s in subjects] == [
            "Opening en mededelingen",
            "Wachtlijst voor woningen van statushouders",
            "Flexwoningen voor gemengd wonen",
        ]
        assert "Drie gemeenten nemen het over." in driver.page_source
        driver = page("/")
        link = driver.find_element(By.LINK_TEXT, "Vergaderingen in uw agenda (iCalendar)")
        assert link.get_attribute("href").endswith("/vergaderingen/agenda.ics")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

"""Browser tests: the site served by pytest-django's live server, seen through headless
Chromium (tests/tools/browser.py). Skipped, with the reason, only where Chromium is absent."""

import datetime
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait
from wagtail.documents.models import Document
from wagtail.rich_text import RichText

from kennisbank.models import (
    Artikel,
    Attachment,
    Beleidskader,
    Besluit,
    Knoop,
    Parel,
    Visibility,
)
from kennisbank.structure import ensure_site
from tests.conftest import shared_index
from tests.factories import create_begrip, create_item, create_user, fresh_copies
from tests.tools import browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The two widths every page is looked at: a phone's and a desk's.
SCREENS = {"telefoon": (375, 667), "breed": (1280, 900)}


@pytest.fixture(params=SCREENS)
def screen(request, driver):
    """The browser at a phone's or a wide screen's size, for the test; its name."""
    width, height = SCREENS[request.param]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
    )
    yield request.param
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# Live-server tests commit to the database; each test module marks itself with this, so what
# the migrations made (the page tree's root, collections, groups) is restored before each test.
LIVE_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="session")
def driver(live_server):
    """One browser for the session, closed before the live server and the test database go."""
    reason = browser.missing()
    if reason:
        pytest.skip(f"Geen browser voor de browsertests: {reason}")
    with browser.chromium() as chromium:
        chromium.set_script_timeout(60)
        yield chromium


@pytest.fixture
def page(driver, live_server):
    """Open a path of the live site; returns the driver."""

    def open_path(path):
        driver.delete_all_cookies()
        driver.get(live_server.url + path)
        return driver

    return open_path


def waiting(driver, seconds=30):
    """Selenium's wait, looking every 50 ms instead of its default half second, and looking
    again when the element it read was replaced meanwhile (a script renewing the results)."""
    return WebDriverWait(
        driver, seconds, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]
    )


def navigates(driver, action):
    """Do `action` (a click that submits or follows a link) and wait for the next page."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    action()
    waiting(driver).until(staleness_of(old_page))
    waiting(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")


def body(*paragraphs):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


@pytest.fixture
def site(built_site):
    """The module's kennisbank (built_site), as this test's own copies of its pages."""
    return fresh_copies(built_site)


@pytest.fixture(scope="module")
def built_site(request, django_db_setup, django_db_blocker, live_server):
    """A small kennisbank: one item of every type, linked, tagged and with an attachment,
    a network-only parel, and a glossary. Built once per module: what each of its tests then
    starts from, restored by the test's serialized rollback (LIVE_DB) instead of what the
    migrations made. (Restoring it over the same rows, as happens when a test set up its
    database before this, changes nothing.)"""
    database = connections[DEFAULT_DB_ALIAS]
    migrated = database._test_serialized_contents
    with django_db_blocker.unblock(), shared_index(request.module):
        # As Django empties it after each live-server test (sequences kept: the rows restored
        # keep their ids).
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
        )
        database.creation.deserialize_db_from_string(migrated)
        built = build_site()
        database._test_serialized_contents = database.creation.serialize_db_to_string()
        try:
            yield built
        finally:
            database._test_serialized_contents = migrated


def build_site():
    home = ensure_site()
    create_begrip("Centraal Orgaan opvang asielzoekers", "COA", definition="Vangt asielzoekers op.")
    create_begrip("asielzoekerscentrum", "azc", definition="Een opvanglocatie van het COA.")
    create_begrip("Regionale Regietafel Vluchtelingen IJsselland", "RRVIJ", definition="De tafel.")
    housing = {"themes": ["Huisvesting statushouders"], "doelgroepen": ["Statushouders"]}
    kader = create_item(
        Beleidskader,
        "Huisvestingswet 2014",
        official_title="Wet van 10 april 2014 houdende regels over het verdelen van woonruimte",
        abbreviation="Hw 2014",
        authority="Rijksoverheid",
        in_force_from=datetime.date(2015, 1, 1),
        source_url="https://wetten.overheid.nl/BWBR0035303/",
        body=body("Gemeenten huisvesten statushouders volgens de taakstelling."),
        tags=["taakstelling"],
        **housing,
    )
    besluit = create_item(
        Besluit,
        "Regionale aanpak huisvesting statushouders",
        decision_points=[("point", "In te stemmen met een regionale aanpak.")],
        beleidskaders=[kader],
        body=body("De RRVIJ besprak de achterstand bij het huisvesten van statushouders."),
        gemeenten=["Zwolle"],
        **housing,
    )
    parel = create_item(
        Parel,
        "Flexwoningen voor statushouders in Raalte",
        problem="<p>Te weinig kleine woningen voor statushouders.</p>",
        body=body("Het COA en de gemeente bouwden samen flexwoningen; het COA leverde kennis."),
        gemeenten=["Raalte"],
        tags=["flexwonen", "taakstelling"],
        related=[kader],
        **housing,
    )
    create_item(
        Parel,
        "Taalcafé voor statushouders in Zwolle",
        body=body("Vrijwilligers oefenen wekelijks Nederlands met statushouders."),
        themes=["Inburgering en begeleiding"],
        gemeenten=["Zwolle"],
        doelgroepen=["Statushouders"],
    )
    knoop = create_item(
        Knoop,
        "Te weinig woningen voor statushouders",
        status=Knoop.Status.GEAGENDEERD,
        impact="<p>Statushouders blijven te lang in het azc.</p>",
        besluiten=[besluit],
        solutions=[parel],
        gemeenten=["Raalte", "Zwolle"],
        **housing,
    )
    artikel = create_item(
        Artikel,
        "Ervaringen met de eerste statushouders",
        body=body("Wat de eerste maanden ons leerden over wonen en werk."),
        related=[parel],
        **housing,
    )
    network = create_item(
        Parel, "Netwerkparel over statushouders", visibility=Visibility.NETWORK, **housing
    )
    document = Document(title="Verslag van de regietafel")
    document.file.save("verslag.txt", ContentFile(b"Verslag. " * 300), save=False)
    document.save()
    Attachment.objects.create(page=besluit, document=document)
    return {
        "home": home,
        "parel": parel,
        "knoop": knoop,
        "beleidskader": kader,
        "besluit": besluit,
        "artikel": artikel,
        "network": network,
    }


@pytest.fixture
def gemeente_user(db):
    """A municipality's policy officer, like the demo account `gemeente`."""
    user = create_user("beleid-raalte", "raalte-wachtwoord-2023", first_name="Beleid Raalte")
    user.groups.add(Group.objects.get_or_create(name="Gemeente")[0])
    return user


def axe_violations(driver):
    """axe-core's WCAG 2.0/2.1 A and AA violations on the open page, readable."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    violations = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(result => done(result.violations), error => done([{id: 'axe', help: String(error),"
        " nodes: []}]));",
        WCAG_AA,
    )
    return [
        f"{v['id']}: {v['help']} — "
        + json.dumps([node["target"] for node in v["nodes"]][:5], ensure_ascii=False)
        for v in violations
    ]


@pytest.fixture
def admin_browser(driver, live_server):
    """Logs a superuser (with an e-mail address, which Wagtail would send to gravatar.com) into
    the admin in the browser, password then the app's code; returns the driver."""
    admin = create_user(
        "hoofdredactie",
        "hoofd-wachtwoord-2023",
        email="hoofd@example.org",
        is_superuser=True,
        is_staff=True,
    )
    app = TOTPDevice.objects.create(user=admin, name="Telefoon", confirmed=True)
    driver.delete_all_cookies()
    driver.get(live_server.url + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys("hoofdredactie")
    driver.find_element(By.ID, "id_password").send_keys("hoofd-wachtwoord-2023")
    navigates(driver, driver.find_element(By.ID, "id_password").submit)
    driver.find_element(By.ID, "id_code").send_keys(f"{totp(app.bin_key):06d}")
    navigates(driver, driver.find_element(By.ID, "id_code").submit)
    return driver

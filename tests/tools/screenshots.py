"""Screenshots of the running site for people to look at: `make screenshots` (see README)."""

import base64
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbank.models import (
    ITEM_TYPES,
    BegrippenPage,
    KnoopIndexPage,
    StatementPage,
    VergaderingIndexPage,
)
from kennisbank.models.base import visible_pages
from kennisbank.privacy import Viewer
from tests.tools import browser

WIDTHS = {"breed": 1280, "smal": 375}
SCROLL_HEIGHT = "return document.documentElement.scrollHeight"
# The search page's filters folded and unfolded, whatever the width opens them with.
SET_FILTERS = "document.querySelector('details.search-filters').open = arguments[0]"


class Command(BaseCommand):
    help = (
        "Maakt schermafbeeldingen (PNG, hele pagina, 1280 en 375 pixels breed) van de start-, "
        "zoekpagina (filters dicht en open), van één itempagina per soort, de knopen, de "
        "vergaderingen, de begrippen, een verklaring, de pagina 'niet gevonden' en de opgaven "
        "(per soort en per gemeente) van een draaiende site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="De draaiende site.")
        parser.add_argument("--out", default=".screenshots", help="De map voor de PNG's.")
        parser.add_argument("--zoek", default="opvang", help="De zoekvraag voor de zoekpagina.")

    def handle(self, *args, url, out, zoek, **options):
        reason = browser.missing()
        if reason:
            raise CommandError(f"Geen browser: {reason}")
        search = f"/zoeken/?q={zoek}"
        # name -> (path, the filters open or not: None where there are none)
        pages = {"start": ("/", None), "zoeken": (search, False), "zoeken-filters": (search, True)}
        for slug, model in ITEM_TYPES.items():
            # What everyone may see.
            item = visible_pages(model.objects.all(), Viewer.anonymous()).order_by("-date").first()
            if item is None:
                raise CommandError(f"Geen openbaar item van de soort {slug}; laad de demo-inhoud.")
            pages[slug] = (item.url, None)
        # The Knopen's agenda, the meetings, the glossary, a statement, a wrong address's page.
        sections = {
            "knopen": KnoopIndexPage,
            "vergaderingen": VergaderingIndexPage,
            "begrippen": BegrippenPage,
        }
        for name, model in sections.items():
            pages[name] = (model.objects.live().first().url, None)
        pages["verklaring"] = (StatementPage.objects.live().order_by("path").first().url, None)
        pages["niet-gevonden"] = ("/deze-pagina-bestaat-niet/", None)
        pages["opgaven"] = ("/opgaven/huisvesting-statushouders/", None)
        pages["opgaven-gemeente"] = ("/opgaven/gemeente/raalte/", None)
        _wait_for(url)
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        with browser.chromium() as driver:
            for width_name, width in WIDTHS.items():
                for name, (path, filters_open) in pages.items():
                    target = folder / f"{name}-{width_name}.png"
                    driver.execute_cdp_cmd(
                        "Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                    )
                    driver.get(url.rstrip("/") + path)
                    if filters_open is not None:
                        driver.execute_script(SET_FILTERS, filters_open)
                    height = driver.execute_script(SCROLL_HEIGHT)
                    shot = driver.execute_cdp_cmd(
                        "Page.captureScreenshot",
                        {
                            "format": "png",
                            "captureBeyondViewport": True,
                            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
                        },
                    )
                    target.write_bytes(base64.b64decode(shot["data"]))
                    self.stdout.write(f"{target} ({path})")


def _wait_for(url, attempts=60):
    """Wait until the site answers: `make screenshots` starts it just before."""
    for _ in range(attempts):
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise CommandError(f"De site op {url} antwoordt niet.")

"""What a walkthrough at 375 and 1280 pixels found wrong, held: the breadcrumb trail, the
theme cards' padding, and the Knopen agenda's words and columns."""

import pytest
from selenium.webdriver.common.by import By

from kennisbank.models import Knoop
from tests.browser.conftest import LIVE_DB
from tests.factories import create_item

pytestmark = LIVE_DB

# Each word of an element's text as the rectangles it is drawn in: a word broken over two
# lines ("Nive au") has two.
BROKEN_WORDS = """
const broken = [];
for (const cell of document.querySelectorAll(arguments[0])) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            if (lines.size > 1) broken.push(match[0]);
        }
    }
}
return broken;
"""

LABEL = "return getComputedStyle(arguments[0], '::before').content"


def box(element):
    return element.rect


def test_the_breadcrumb_trail_starts_where_the_page_does_and_stays_short(page, site, screen):
    driver = page(site["parel"].url)
    trail = driver.find_element(By.CSS_SELECTOR, ".breadcrumbs__list")
    links = trail.find_elements(By.TAG_NAME, "a")
    heading = driver.find_element(By.TAG_NAME, "h1")
    visible = [link for link in links if link.is_displayed()]
    assert abs(box(visible[0])["x"] - box(heading)["x"]) <= 16  # at most the "‹" before it
    if screen == "telefoon":
        # The way up only: the section, on one line.
        assert [link.text for link in visible] == ["Parels"]
        assert box(trail)["height"] < 40
    else:
        assert [link.text for link in visible] == ["Kennisbank Vluchtelingen IJsselland", "Parels"]
        tops = {round(box(item)["y"]) for item in trail.find_elements(By.TAG_NAME, "li")}
        assert len(tops) == 1  # home › Parels › the title, one line where it fits


def test_theme_cards_keep_their_text_off_the_accent_border(page, site, screen):
    driver = page("/")
    cards = driver.find_elements(By.CSS_SELECTOR, ".card-grid > .card")
    assert cards
    for card in cards:
        title = card.find_element(By.CSS_SELECTOR, ".card__title")
        assert box(title)["x"] - box(card)["x"] >= 12
        assert box(title)["y"] - box(card)["y"] >= 8


def test_the_agenda_breaks_no_word_and_lines_up_its_columns(page, site, screen):
    driver = page("/knopen/")
    assert driver.execute_script(BROKEN_WORDS, ".agenda__table :is(th, td)") == []
    tables = driver.find_elements(By.CSS_SELECTOR, ".agenda__table")
    assert tables
    if screen == "telefoon":
        # Each knoop a block: its level and next discussion under their labels.
        cells = tables[0].find_elements(By.CSS_SELECTOR, "tbody tr:first-child td")
        labels = [driver.execute_script(LABEL, cell) for cell in cells]
        assert labels == ["none", '"Niveau: "', '"Volgende bespreking: "']
        assert len({round(box(cell)["x"]) for cell in cells}) == 1  # one under the other
    else:
        columns = {
            tuple(round(box(th)["x"]) for th in table.find_elements(By.TAG_NAME, "th"))
            for table in tables
        }
        assert len(columns) == 1


@pytest.fixture
def site(site):
    """The browser tests' kennisbank with a knoop in two more agenda tables."""
    create_item(Knoop, "Geen plek voor gezinshereniging", status=Knoop.Status.GESIGNALEERD)
    create_item(Knoop, "Leefgeld te laat", status=Knoop.Status.GEESCALEERD, level="rijk")
    return site

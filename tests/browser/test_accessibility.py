"""WCAG 2.1 AA in a real browser: axe-core finds no violations on any kind of page, and every
control can be reached with the keyboard and shows where the focus is."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import LIVE_DB, axe_violations

pytestmark = LIVE_DB

ITEM_TYPES = ["parel", "knoop", "beleidskader", "besluit", "artikel"]


def paths(site):
    """Every kind of page: home, search with results and facets, an item of every type,
    a section (and the Knopen section with its agenda), the glossary, a statement, the 404
    page, the login page and the password reset form."""
    return {
        "home": "/",
        "zoeken": "/zoeken/?q=statushouders&gemeente=raalte",
        **{slug: site[slug].url for slug in ITEM_TYPES},
        "rubriek": site["parel"].get_parent().url,
        "agenda": site["knoop"].get_parent().url,
        "begrippen": "/begrippen/",
        "verklaring": "/toegankelijkheid/",
        "404": "/deze-pagina-bestaat-niet/",
        "inloggen": "/inloggen/",
        "wachtwoord-vergeten": "/wachtwoord-vergeten/",
    }


def test_no_axe_violations_on_any_kind_of_page(page, site):
    found = {}
    for name, path in paths(site).items():
        violations = axe_violations(page(path))
        if violations:
            found[f"{name} ({path})"] = violations

    assert not found, "axe-core vond WCAG-overtredingen:\n" + "\n".join(
        f"{where}:\n  " + "\n  ".join(violations) for where, violations in found.items()
    )


# Every control a keyboard user must be able to reach, numbered so the tab order can be read.
MARK_CONTROLS = """
const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
const controls = [...document.querySelectorAll(selector)].filter(el =>
    el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden');
controls.forEach((el, i) => el.dataset.control = i);
return controls.map(el => el.outerHTML.slice(0, 120));
"""
FOCUS_STYLE = """
const el = arguments[0] || document.activeElement;
const s = getComputedStyle(el);
return [el.dataset.control ?? null, s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
        s.backgroundColor, s.color, s.textDecorationLine];
"""


def test_keyboard_reaches_every_control_with_a_visible_focus(page, site):
    problems = {}
    for name, path in paths(site).items():
        unreached, invisible = keyboard_problems(page(path))
        if unreached:
            problems[f"{name}: niet met Tab bereikbaar"] = unreached
        if invisible:
            problems[f"{name}: geen zichtbare focus"] = invisible

    assert not problems, "\n".join(f"{what}: {html}" for what, html in problems.items())


def keyboard_problems(driver):
    """(controls Tab never reaches, controls that look the same with and without focus)."""
    controls = driver.execute_script(MARK_CONTROLS)
    unfocused = {
        index: driver.execute_script(FOCUS_STYLE, element)[1:]
        for index, element in enumerate(driver.find_elements("css selector", "[data-control]"))
    }
    reached, invisible = set(), []
    for _ in range(len(controls) + 5):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        index, *focused = driver.execute_script(FOCUS_STYLE)
        if index is None:  # the page itself, before the first control or after the last
            continue
        index = int(index)
        if index in reached:
            break
        reached.add(index)
        outline = focused[0] != "none" and focused[1] != "0px"
        if not outline and focused == unfocused[index]:
            invisible.append(controls[index])
    return [html for index, html in enumerate(controls) if index not in reached], invisible


def test_every_kind_of_page_fits_a_320_pixel_screen_without_sideways_scrolling(page, site):
    driver = page("/")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        too_wide = {}
        for name, path in paths(site).items():
            width = page(path).execute_script("return document.documentElement.scrollWidth")
            if width > 320:
                too_wide[name] = width
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    assert not too_wide, f"Breder dan 320 pixels: {too_wide}"

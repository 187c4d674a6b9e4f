"""The search page as a visitor reads it: counts, highlights, paging, filters, facets and
typos, over twelve parels built once for the module. Each test's changes are rolled back."""

import datetime

import pytest

from kennisbank.models import Parel
from kennisbank.structure import ensure_site
from tests.content.reading import get, text_of, titles
from tests.factories import create_item

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def many(module_data):
    ensure_site()
    for n in range(12):
        create_item(
            Parel,
            f"Opvang {n:02d}",
            summary="Over de opvang van statushouders.",
            date=datetime.date(2023, 1, n + 1),
            gemeenten=["Raalte" if n % 2 else "Zwolle"],
        )


def test_search_page_counts_results_in_dutch(client, many):
    assert get(client, "/zoeken/", q="opvang").find(id="resultaten-kop").text == (
        "12 resultaten voor ‘opvang’"
    )
    one = get(client, "/zoeken/", q="Opvang 03", gemeente="raalte")
    assert one.find(id="resultaten-kop").text == "1 resultaat voor ‘Opvang 03’"


def test_search_page_highlights_the_words_found(client, many):
    excerpt = get(client, "/zoeken/", q="statushouders").select_one(".result__excerpt")

    assert [mark.text for mark in excerpt.find_all("mark")] == ["statushouders"]


def test_search_page_pages_keep_the_filters(client, many):
    soup = get(client, "/zoeken/", q="opvang", sort="date")
    assert len(soup.select(".result")) == 10
    next_link = soup.find("a", rel="next")
    assert next_link["href"] == "?q=opvang&sort=date&page=2"

    second = get(client, "/zoeken/" + next_link["href"])
    assert titles(second, ".result__title a") == ["Opvang 01", "Opvang 00"]
    assert second.find("a", rel="prev")["href"] == "?q=opvang&sort=date&page=1"


def test_each_active_filter_can_be_removed_on_its_own(client, many):
    soup = get(client, "/zoeken/?q=opvang&gemeente=raalte&gemeente=zwolle&jaar=2023")
    links = {text_of(a): a["href"] for a in soup.select(".active-filters a")}

    assert links == {
        "Filter Gemeente: Raalte verwijderen ×": "?q=opvang&gemeente=zwolle&jaar=2023",
        "Filter Gemeente: Zwolle verwijderen ×": "?q=opvang&gemeente=raalte&jaar=2023",
        "Filter Jaar: 2023 verwijderen ×": "?q=opvang&gemeente=raalte&gemeente=zwolle",
    }


def test_facets_are_labelled_checkboxes_in_fieldsets(client, many):
    soup = get(client, "/zoeken/", q="opvang", gemeente="raalte")
    fieldset = soup.find("legend", string="Gemeente").parent

    assert fieldset.name == "fieldset"
    boxes = fieldset.select("input[type=checkbox]")
    assert {box["value"]: box.has_attr("checked") for box in boxes} == {
        "raalte": True,
        "zwolle": False,
    }
    assert all(soup.find("label", attrs={"for": box["id"]}) for box in boxes)
    submit = fieldset.find_parent("form").find("button", string="Toepassen")
    assert submit["type"] == "submit"


def test_search_page_corrects_a_typo_and_offers_the_words_as_typed(client, many):
    soup = get(client, "/zoeken/", q="statushoudrs")

    assert soup.find(id="resultaten-kop").text.endswith("resultaten voor ‘statushouders’")
    literally = soup.select_one(".suggestion a")
    assert (literally.text, literally["href"]) == ("statushoudrs", "?q=statushoudrs&letterlijk=1")


def test_search_page_offers_the_suggestion_when_nothing_is_found(client, many):
    soup = get(client, "/zoeken/", q="statushoudrs", letterlijk="1")

    assert soup.find(id="resultaten-kop").text == "0 resultaten voor ‘statushoudrs’"
    suggestion = soup.select_one(".suggestion a")
    assert (suggestion.text, suggestion["href"]) == ("statushouders", "?q=statushouders")

"""A section page with the search's facets for its own items, over parels built once for the
module. Each test's changes are rolled back."""

import pytest

from kennisbank.models import Artikel, Parel
from kennisbank.structure import ensure_site
from tests.content.reading import facet, get, soup_of, text_of, titles
from tests.factories import create_item

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def parels(module_data):
    ensure_site()
    create_item(Parel, "Taalcafé", themes=["Onderwijs"], gemeenten=["Zwolle"])
    create_item(Parel, "Flexwoningen", themes=["Huisvesting statushouders"], gemeenten=["Raalte"])
    create_item(Parel, "Maatjes", themes=["Onderwijs"], gemeenten=["Raalte"], visibility="network")
    create_item(Artikel, "Artikel over onderwijs", themes=["Onderwijs"], gemeenten=["Zwolle"])


def test_section_page_has_the_search_facets_for_its_own_items(client, parels):
    soup = get(client, "/parels/")

    assert titles(soup, ".result__title a") == ["Flexwoningen", "Taalcafé"]
    assert facet(soup, "thema") == {
        "huisvesting-statushouders": "Huisvesting statushouders (1)",
        "onderwijs": "Onderwijs (1)",
    }
    assert facet(soup, "gemeente") == {"raalte": "Raalte (1)", "zwolle": "Zwolle (1)"}
    assert facet(soup, "type") == {}  # the section is the type
    form = soup.find(id="zoeken-q").find_parent("form")
    assert (form["action"], form["method"]) == ("/parels/", "get")
    assert text_of(soup.find("label", attrs={"for": "zoeken-q"})) == "Zoeken in parels"


def test_section_page_filters_and_searches_within_the_section(client, parels, user):
    soup = get(client, "/parels/", thema="onderwijs")
    assert titles(soup, ".result__title a") == ["Taalcafé"]
    assert facet(soup, "thema")["onderwijs"] == "Onderwijs (1)"

    client.force_login(user)
    soup = get(client, "/parels/", thema="onderwijs")
    assert titles(soup, ".result__title a") == ["Maatjes", "Taalcafé"]
    assert [text_of(a) for a in soup.select(".active-filters a")] == [
        "Filter Thema: Onderwijs verwijderen ×"
    ]
    assert soup.select_one(".active-filters a")["href"] == "?"


def test_section_page_explains_bad_filters_without_changing_anything(client, parels):
    response = client.get("/parels/", {"jaar": "vorig jaar"})

    assert response.status_code == 400
    alert = soup_of(response).find(attrs={"role": "alert"})
    assert "Jaar:" in text_of(alert)
    assert "geheel getal" in text_of(alert)

"""Archived items in search: left out of /zoeken/, /api/zoeken/, suggestions and similar items
by default, found with gearchiveerd=1 ("Ook gearchiveerde items") and marked so, on every
backend; privacy holds for archived items as for any."""

import datetime

import pytest
from django.core.cache import cache

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Parel, Visibility
from tests.factories import create_item, create_member, search_api

ARCHIVED_ON = datetime.date(2024, 6, 1)


@pytest.fixture(params=["embedded", "database", "opensearch"])
def backend(request, settings):
    settings.SEARCH_BACKEND = request.param
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.DATABASE_SEARCH}
    if request.param == "database":
        yield request.param
        return
    settings.WAGTAILSEARCH_BACKENDS["engine"] = {"BACKEND": "search.index"}
    if request.param == "embedded":
        cache.clear()
        yield request.param
        return
    with request.getfixturevalue("osmem").clone() as cluster:
        settings.SEARCH_ENGINE_URL = cluster.url
        cache.clear()
        yield request.param


@pytest.fixture
def items(home):
    """Created after `backend` where a test asks for both, so that its engine indexes them."""

    def archived(title, **fields):
        return create_item(
            Parel, title, archived_on=ARCHIVED_ON, archive_reason="Verouderd.", **fields
        )

    return {
        "current": create_item(Parel, "Taalcoach nieuw", summary="Taalcoaching.", tags=["taal"]),
        "archived": archived("Taalcoach oud", summary="Taalcoaching.", tags=["taal"]),
        "secret": archived(
            "Taalcoach netwerk", summary="Taalcoaching.", visibility=Visibility.NETWORK
        ),  # fmt: skip
    }


def titles(client, **params):
    return sorted(result["title"] for result in search_api(client, **params)["results"])


def test_archived_items_are_left_out_unless_asked_for(client, backend, items):
    data = search_api(client, q="taalcoaching")
    assert [r["title"] for r in data["results"]] == ["Taalcoach nieuw"]
    assert backend == "database" or data["backend"] == backend
    assert data["facets"]["type"][0]["count"] == 1, "counts leave them out too"
    assert titles(client) == ["Taalcoach nieuw"], "nor in the list without words"

    data = search_api(client, q="taalcoaching", gearchiveerd="1")
    assert sorted(r["title"] for r in data["results"]) == ["Taalcoach nieuw", "Taalcoach oud"]
    marks = {r["title"]: r.get("gearchiveerd") for r in data["results"]}
    assert marks == {"Taalcoach nieuw": None, "Taalcoach oud": "2024-06-01"}


def test_the_search_page_offers_and_marks_them(client, items):
    page = client.get("/zoeken/", {"q": "taalcoaching"}).content.decode()
    assert "Ook gearchiveerde items" in page and "Taalcoach oud" not in page
    page = client.get("/zoeken/", {"q": "taalcoaching", "gearchiveerd": "1"}).content.decode()
    assert "Taalcoach oud" in page
    assert '<span class="badge badge--archived">Gearchiveerd</span>' in page
    assert 'id="f-gearchiveerd" name="gearchiveerd" value="1" checked' in page


def test_a_bad_value_is_refused_in_dutch(client, items):
    response = client.get("/api/zoeken/", {"gearchiveerd": "misschien"})
    assert response.status_code == 400
    assert response.json()["fields"]["gearchiveerd"] == [
        "Selecteer een geldige keuze. misschien is geen beschikbare keuze."
    ]


@pytest.mark.parametrize("role", [None, NETWERKPARTNER, GEMEENTE, REDACTIE])
def test_archived_network_items_only_for_the_network(client, backend, items, role):
    if role:
        client.force_login(create_member("lid", role, "Een organisatie"))
    found = titles(client, q="taalcoaching", gearchiveerd="1")
    expected = ["Taalcoach netwerk", "Taalcoach nieuw", "Taalcoach oud"]
    assert found == (expected if role else ["Taalcoach nieuw", "Taalcoach oud"])
    assert "Taalcoach netwerk" not in titles(client, q="taalcoaching")


def test_not_suggested_nor_similar(client, items):
    suggestions = client.get("/api/zoeken/suggesties/", {"q": "taalc"}).json()
    assert "Taalcoach oud" not in str(suggestions)
    assert "Taalcoach nieuw" in str(suggestions)
    page = client.get(items["current"].url).content.decode()
    assert "Taalcoach oud" not in page, "not among the similar items"

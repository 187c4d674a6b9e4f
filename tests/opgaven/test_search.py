"""A search that names a kind of opgave shows its current figure above the results: for the
gemeente the query names, else for the region; network-only figures only for the network."""

import pytest

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Opgave, Visibility
from tests.factories import add_opgave, search_api


@pytest.fixture
def figures(home):
    add_opgave(gemeente="Raalte", year=2023, half=1, figures=((52, 38), (52, 49)))
    add_opgave(gemeente="Zwolle", visibility=Visibility.NETWORK, figures=((150, 112),))
    add_opgave(kind=Opgave.Kind.ASIEL, scope=Opgave.Scope.REGIO, half=0, figures=((1836, 900),))
    for kind in (Opgave.Kind.OEKRAINE, Opgave.Kind.CNO, Opgave.Kind.AMV_OPVANG):
        add_opgave(kind=kind, scope=Opgave.Scope.REGIO, half=0, figures=((450, 300),))


def test_a_kind_and_a_gemeente_in_the_query_give_that_gemeentes_figure(client, figures):
    (card,) = search_api(client, q="taakstelling Raalte")["cijfers"]
    assert card["soort"] == "Huisvesting statushouders"
    assert card["tekst"] == "Raalte: 49 van 52 (94%)"
    assert card["peildatum"] == "2023-07-01"
    assert card["url"] == "/opgaven/gemeente/raalte/"


def test_the_word_the_field_uses_finds_the_kind_for_the_region(client, figures):
    (card,) = search_api(client, q="hoeveel plekken in een azc")["cijfers"]
    assert card["soort"] == "Asielopvang"
    assert card["tekst"] == "Regio IJsselland: 900 van 1.836 (49%)"
    assert card["url"] == "/opgaven/asielopvang/"


@pytest.mark.parametrize(
    "query, kind",
    [
        ("opvang van Oekraïners", "Opvang Oekraïense ontheemden"),
        ("ontheemden uit Oekraïne", "Opvang Oekraïense ontheemden"),
        ("CNO plekken", "Crisisnoodopvang"),
        ("alleenstaande minderjarige vreemdelingen", "AMV-opvang"),
        ("vergunninghouders huisvesten", "Huisvesting statushouders"),
    ],
)
def test_the_networks_own_words_name_the_kind(client, figures, query, kind):
    assert kind in [card["soort"] for card in search_api(client, q=query)["cijfers"]]


def test_the_search_page_shows_the_figure_as_a_card(client, figures):
    page = client.get("/zoeken/", {"q": "statushouders Raalte"}).content.decode()
    assert 'aria-label="Cijfers"' in page
    assert "Raalte: 49 van 52 (94%), op 1 juli 2023" in page


def test_a_query_naming_no_kind_shows_no_figures(client, figures):
    assert search_api(client, q="huisvesting Raalte")["cijfers"] == []


def test_network_only_figures_stay_from_anonymous_searchers(client, figures):
    assert search_api(client, q="taakstelling Zwolle")["cijfers"] == []
    page = client.get("/zoeken/", {"q": "taakstelling Zwolle"}).content.decode()
    assert "112 van 150" not in page


@pytest.mark.parametrize("role", [REDACTIE, NETWERKPARTNER, GEMEENTE])
def test_each_role_finds_the_network_only_figures(client, figures, members, role):
    client.force_login(members[role])
    (card,) = search_api(client, q="taakstelling Zwolle")["cijfers"]
    assert card["tekst"] == "Zwolle: 112 van 150 (75%)"

"""Search by the adoption register and quality: the facets "Toegepast in" and "Kwaliteit",
their counts and filters on every backend, a Parel's count in its result, and privacy."""

import datetime

import pytest

from kennisbank.models import Adoption, Parel, Visibility
from tests.factories import create_item, create_user, mark_applied, search_api


@pytest.fixture
def parels(home):
    proven = create_item(Parel, "Taalcafé voor statushouders", summary="Opvang en taal.")
    reviewed = create_item(
        Parel,
        "Buddy voor statushouders",
        summary="Opvang met een buddy.",
        problem="<p>Eenzaamheid.</p>",
        result="<p>Minder uitval.</p>",
        conditions="<p>Vrijwilligers.</p>",
        contact="buddy@example.org",
        reviewed_on=datetime.date(2024, 5, 1),
    )
    secret = create_item(
        Parel, "Netwerkparel statushouders", summary="Opvang.", visibility=Visibility.NETWORK
    )
    for gemeente in ("Deventer", "Zwolle", "Kampen"):
        mark_applied(proven, gemeente)
    mark_applied(reviewed, "Deventer")
    mark_applied(secret, "Ommen")
    return {"proven": proven, "reviewed": reviewed, "secret": secret}


def counts(facet):
    return {entry["value"]: entry["count"] for entry in facet}


@pytest.fixture(params=["embedded", "database"])
def backend(request, settings):
    settings.SEARCH_BACKEND = request.param
    return request.param


def test_toegepast_counts_and_filters(client, parels, backend):
    data = search_api(client, q="statushouders")
    assert counts(data["facets"]["toegepast"]) == {"deventer": 2, "zwolle": 1, "kampen": 1}
    assert data["backend"].startswith(backend) or backend == "database"
    data = search_api(client, toegepast="zwolle")
    assert [r["title"] for r in data["results"]] == ["Taalcafé voor statushouders"]
    data = search_api(client, toegepast=["zwolle", "deventer"], sort="date")
    assert {r["title"] for r in data["results"]} == {
        "Taalcafé voor statushouders",
        "Buddy voor statushouders",
    }


def test_a_result_says_in_how_many_gemeenten_and_its_quality(client, parels, backend):
    results = {r["title"]: r for r in search_api(client, q="statushouders")["results"]}
    assert results["Taalcafé voor statushouders"]["toegepast"] == 3
    assert results["Taalcafé voor statushouders"]["kwaliteit"] == "bewezen"
    assert results["Buddy voor statushouders"]["kwaliteit"] == "getoetst"


def test_kwaliteit_counts_and_filters(client, parels, backend):
    data = search_api(client, type="parel")
    assert counts(data["facets"]["kwaliteit"]) == {"bewezen": 1, "getoetst": 1}
    titles = [r["title"] for r in search_api(client, kwaliteit="getoetst")["results"]]
    assert titles == ["Buddy voor statushouders"]


def test_a_network_only_parels_adoptions_are_not_counted_for_anonymous(client, parels, backend):
    data = search_api(client, q="statushouders")
    assert "ommen" not in counts(data["facets"]["toegepast"])
    assert search_api(client, toegepast="ommen")["count"] == 0
    client.force_login(create_user())
    data = search_api(client, q="statushouders")
    assert counts(data["facets"]["toegepast"])["ommen"] == 1


def test_an_adoption_reindexes_its_parel(client, parels, backend):
    assert search_api(client, toegepast="raalte")["count"] == 0
    mark_applied(parels["reviewed"], "Raalte")
    assert [r["title"] for r in search_api(client, toegepast="raalte")["results"]] == [
        "Buddy voor statushouders"
    ]
    Adoption.objects.filter(gemeente__name="Raalte").delete()
    assert search_api(client, toegepast="raalte")["count"] == 0


def test_the_search_page_shows_the_facet_and_the_count(client, parels, backend):
    html = client.get("/zoeken/", {"q": "statushouders"}).content.decode()
    assert "Toegepast in" in html
    assert 'name="toegepast" value="deventer"' in html
    assert "Toegepast in 3 gemeenten" in html
    assert html.count("Bewezen in meerdere gemeenten") == 1
    html = client.get("/zoeken/", {"type": "parel"}).content.decode()
    assert "<legend>Kwaliteit</legend>" in html

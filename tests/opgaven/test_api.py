"""/api/opgaven/: the opgaven a visitor may see with their current figure and history, filtered
as the pages are; network-only opgaven and their figures only for those logged in; a bad
filter is a 400 with a Dutch message."""

import json

import jsonschema
import pytest

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Besluit, Meting, Opgave, Visibility
from tests.factories import add_opgave, create_item

API = "/api/opgaven/"
SECRET = "Geheimbron-telling Zwolle"


@pytest.fixture
def opgaven(home):
    raalte = add_opgave(gemeente="Raalte", figures=((52, 38), (52, 49)))
    zwolle = add_opgave(gemeente="Zwolle", visibility=Visibility.NETWORK, figures=((150, 112),))
    Meting.objects.filter(opgave=zwolle).update(source=SECRET)
    add_opgave(kind=Opgave.Kind.ASIEL, scope=Opgave.Scope.REGIO, half=0, figures=((1836, None),))
    add_opgave(gemeente="Raalte", year=2024, half=0, figures=((60, 10),))
    return {"raalte": raalte, "zwolle": zwolle}


def results(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def where(results_):
    return [(o["kind"], o["gemeente"]["slug"] if o["gemeente"] else o["scope"], o["period"])
            for o in results_]  # fmt: skip


def test_an_opgave_comes_with_its_current_figure_and_its_history(client, opgaven):
    (raalte,) = results(client, gemeente="raalte", periode="2023-1")
    assert raalte["kind"] == "huisvesting-statushouders"
    assert raalte["kind_label"] == "Huisvesting statushouders"
    assert raalte["scope"] == "gemeente"
    assert raalte["gemeente"] == {"name": "Raalte", "slug": "raalte"}
    assert (raalte["period"], raalte["period_label"]) == ("2023-1", "eerste halfjaar 2023")
    assert raalte["visibility"] == "public"
    assert raalte["current"] == {
        "date": "2023-07-01", "target": 52, "realised": 49,
        "source": "brief van de provincie, november 2023", "source_url": None,
        "source_item": None,
    }  # fmt: skip
    assert [(m["date"], m["realised"]) for m in raalte["metingen"]] == [
        ("2023-06-01", 38),
        ("2023-07-01", 49),
    ]


def test_anonymous_never_sees_a_network_only_opgave_or_its_figures(client, opgaven):
    response = client.get(API)
    body = response.content.decode()
    assert "Zwolle" not in body and SECRET not in body and "150" not in body
    assert response.json()["count"] == 3
    assert results(client, gemeente="zwolle") == []


@pytest.mark.parametrize("role", [NETWERKPARTNER, GEMEENTE, REDACTIE])
def test_the_network_sees_network_only_opgaven_with_their_figures(client, members, opgaven, role):
    client.force_login(members[role])
    (zwolle,) = results(client, gemeente="zwolle")
    assert zwolle["visibility"] == "network"
    assert zwolle["current"]["source"] == SECRET
    assert zwolle["current"]["target"] == 150
    assert len(results(client)) == 4


def test_a_source_item_is_named_only_to_who_may_see_it(client, members, opgaven):
    besluit = create_item(Besluit, "Besluit huisvesting Raalte", visibility=Visibility.NETWORK)
    Meting.objects.filter(opgave=opgaven["raalte"]).update(source_page=besluit)
    (raalte,) = results(client, gemeente="raalte", periode="2023-1")
    assert raalte["current"]["source_item"] is None
    assert "Besluit huisvesting Raalte" not in json.dumps(raalte)
    client.force_login(members[NETWERKPARTNER])
    (raalte,) = results(client, gemeente="raalte", periode="2023-1")
    assert raalte["current"]["source_item"]["title"] == "Besluit huisvesting Raalte"


def test_the_filters_are_those_of_the_pages(client, opgaven):
    assert where(results(client, soort="asielopvang")) == [("asielopvang", "regio", "2023")]
    assert where(results(client, schaal="regio")) == [("asielopvang", "regio", "2023")]
    assert where(results(client, gemeente="raalte")) == [
        ("huisvesting-statushouders", "raalte", "2024"),
        ("huisvesting-statushouders", "raalte", "2023-1"),
    ]
    assert where(results(client, periode="2024")) == [
        ("huisvesting-statushouders", "raalte", "2024")
    ]
    assert results(client, soort="asielopvang", schaal="gemeente") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"soort": "woningen"}, "Onbekende soort; kies uit: huisvesting-statushouders, "),
        ({"schaal": "land"}, "Onbekende schaal; kies uit: gemeente, regio, provincie."),
        ({"gemeente": "atlantis"}, "Onbekende gemeente; geef de slug"),
        ({"gemeente": "raalte\x00"}, "Onbekende gemeente; geef de slug"),
        ({"periode": "2023-3"}, "De periode moet een jaar zijn (2023) of een jaar en halfjaar"),
        ({"periode": "vorig jaar"}, "De periode moet een jaar zijn"),
        ({"kleur": "rood"}, "Onbekende parameter: kleur."),
    ],
)
def test_a_malformed_or_unknown_filter_is_a_400_in_dutch(client, opgaven, params, message):
    response = client.get(API, params)
    assert response.status_code == 400
    assert list(response.json()) == ["message"]
    assert response.json()["message"].startswith(message)


def test_it_answers_as_the_other_apis(client, opgaven, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://gemeente.example.nl"]
    response = client.get(API, headers={"Origin": "https://gemeente.example.nl"})
    description = client.get("/api/openapi.json").json()
    assert response["API-Version"] == description["info"]["version"]
    assert response["Access-Control-Allow-Origin"] == "https://gemeente.example.nl"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.post(API).status_code == 405


def test_the_answers_are_those_of_the_openapi_description(client, members, opgaven):
    description = client.get("/api/openapi.json").json()
    operation = description["paths"][API]["get"]
    assert [p["name"] for p in operation["parameters"]] == [
        "soort",
        "gemeente",
        "schaal",
        "periode",
    ]
    kinds = next(p for p in operation["parameters"] if p["name"] == "soort")["schema"]["enum"]
    assert kinds == Opgave.Kind.values

    def check(name, data):
        schema = {"$ref": f"#/components/schemas/{name}", "components": description["components"]}
        jsonschema.Draft202012Validator(schema).validate(data)

    client.force_login(members[NETWERKPARTNER])
    check("Opgaven", client.get(API).json())
    check("Fout", client.get(API, {"periode": "ooit"}).json())

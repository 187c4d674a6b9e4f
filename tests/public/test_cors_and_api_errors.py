"""CORS for the read-only APIs and feeds, off unless CORS_ALLOWED_ORIGINS names an origin, and
never with cookies; /api/v2/'s errors in Dutch."""

import runpy

import pytest

import kennisbank.config.settings.base as base_settings
from kennisbank.models import Parel
from tests.factories import create_item

ORIGIN = "https://gemeente.example.nl"


def test_cors_is_off_by_default(client, home, monkeypatch):
    monkeypatch.delenv("CORS_ALLOWED_ORIGINS", raising=False)
    assert runpy.run_path(base_settings.__file__)["CORS_ALLOWED_ORIGINS"] == []
    response = client.get("/api/v2/pages/", headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response


def test_cors_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", f"{ORIGIN}, https://coa.example.nl")
    origins = runpy.run_path(base_settings.__file__)["CORS_ALLOWED_ORIGINS"]
    assert origins == [ORIGIN, "https://coa.example.nl"]


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/zoeken/?q=woning", "/feeds/"])
def test_a_named_origin_may_read_the_apis_and_feeds_without_cookies(client, home, settings, path):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    response = client.get(path, headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Credentials" not in response
    assert "API-Version" in response.get("Access-Control-Expose-Headers", "API-Version")

    preflight = client.options(
        path, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert preflight["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_other_origins_and_other_paths_get_no_cors(client, home, settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    other = client.get("/api/v2/pages/", headers={"Origin": "https://elders.example.com"})
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/", headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?type=kennisbank.Onbekend", "Deze paginasoort bestaat niet."),
        ("?type=onzin", "Deze paginasoort bestaat niet."),
        ("?limit=veel", "limit moet een positief geheel getal zijn."),
        ("?offset=-1", "offset moet een positief geheel getal zijn."),
        ("?limit=1000", "limit mag niet hoger zijn dan 20."),
        ("?kleur=rood", "Onbekende parameter: kleur."),
        ("?fields=kleur", "Onbekende velden: kleur."),
        ("?order=kleur", "Kan niet sorteren op 'kleur': onbekend veld."),
        ("?child_of=999999", "De genoemde pagina bestaat niet."),
    ],
)
def test_api_v2_errors_are_dutch(client, home, query, message):
    response = client.get("/api/v2/pages/" + query)
    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_api_v2_not_found_is_dutch(client, home):
    parel = create_item(Parel, "Woningen")
    for path in ["/api/v2/pages/999999/", "/api/v2/documents/999999/", "/api/v2/images/999999/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"message": "Niet gevonden."}
    assert client.get(f"/api/v2/pages/{parel.pk}/").status_code == 200


def test_any_other_api_address_is_a_json_404(client, home):
    for path in ["/api/v2/pages/abc/", "/api/v3/", "/api/zoeken/onbekend/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"message": "Niet gevonden."}

"""The OpenAPI 3.1 description at /api/openapi.json: valid, true to the search form's
parameters and to what the APIs answer; the API-Version header; Dutch errors with a detail."""

import jsonschema
import pytest
from openapi_spec_validator import validate

from kennisbank.models import Parel
from search.forms import SearchForm
from tests.factories import create_item

SEARCH = "/api/zoeken/"


@pytest.fixture
def description(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def schema_check(description, name, data):
    """Validate `data` against the description's schema `name` (JSON Schema 2020-12)."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": description["components"]}
    jsonschema.Draft202012Validator(schema).validate(data)


def example(schema):
    """A valid value for a parameter's schema, as a query string value."""
    if schema["type"] == "array":
        return example(schema["items"])
    if "enum" in schema:
        return schema["enum"][-1]
    if schema["type"] == "integer":
        return str(max(schema.get("minimum", 1), 2020 if schema.get("minimum") == 1900 else 1))
    return "huisvesting"


def test_the_description_is_valid_openapi_3_1_served_at_the_sites_address(description, settings):
    validate(description)
    assert description["openapi"].startswith("3.1")
    assert description["servers"] == [{"url": settings.SITE_URL}]


def test_the_search_api_documents_exactly_the_parameters_the_form_accepts(description, db):
    documented = {p["name"] for p in description["paths"][SEARCH]["get"]["parameters"]}
    assert documented == set(SearchForm().fields)


def test_each_documented_search_parameter_is_accepted(client, description, home):
    create_item(Parel, "Woningen voor statushouders", themes=["Huisvesting"])
    for parameter in description["paths"][SEARCH]["get"]["parameters"]:
        value = example(parameter["schema"])
        response = client.get(SEARCH, {parameter["name"]: value})
        assert response.status_code == 200, (parameter["name"], value, response.content)
        schema_check(description, "Zoekresultaat", response.json())


def test_search_errors_are_dutch_with_a_detail(client, description, home):
    response = client.get(SEARCH, {"page": "0", "per_page": "veel"})
    assert response.status_code == 400
    body = response.json()
    schema_check(description, "Zoekfout", body)
    assert body["detail"] == "Ongeldige zoekparameters."
    assert set(body["fields"]) == {"page", "per_page"}

    for path in (SEARCH, SEARCH + "suggesties/"):
        response = client.post(path)
        assert response.status_code == 405
        assert response.json() == {"detail": "Alleen GET is toegestaan."}


def test_every_documented_path_answers_as_described(client, description, home):
    parel = create_item(Parel, "Woningen voor statushouders", themes=["Huisvesting"])
    for path, operations in description["paths"].items():
        url = path.replace("{id}", str(parel.pk))
        if url == "/api/v2/documents/" + str(parel.pk) + "/" or "images/" + str(parel.pk) in url:
            continue  # there is no document or image with that id: see the 404 below
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        schema = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        if "$ref" in schema:
            schema_check(description, schema["$ref"].rsplit("/", 1)[1], response.json())
    response = client.get("/api/v2/documents/999999/")
    assert response.status_code == 404
    schema_check(description, "Fout", response.json())


@pytest.mark.parametrize(
    "path", [SEARCH, SEARCH + "suggesties/?q=wo", "/api/v2/pages/", "/api/openapi.json"]
)
def test_api_answers_name_the_version_of_the_description(client, description, path):
    assert client.get(path)["API-Version"] == description["info"]["version"]


def test_pages_outside_the_api_have_no_api_version(client, home):
    assert "API-Version" not in client.get("/")

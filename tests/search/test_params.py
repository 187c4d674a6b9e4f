"""Malformed parameters get a clear 400 or are ignored; nothing ever gives a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from kennisbank.models import Parel
from kennisbank.structure import ensure_site
from tests.factories import create_begrip, create_item


@pytest.mark.parametrize(
    "params, field",
    [
        ({"page": "twee"}, "page"),
        ({"per_page": "-3"}, "per_page"),
        ({"type": "roman"}, "type"),
        ({"jaar": "vorig jaar"}, "jaar"),
        ({"thema": "geen slug!"}, "thema"),
        ({"status": "weg"}, "status"),
        ({"sort": "random"}, "sort"),
    ],
)
def test_malformed_parameter_is_a_clear_400(client, home, params, field):
    response = client.get("/api/zoeken/", params)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    page = client.get("/zoeken/", params)
    assert page.status_code == 400
    assert "Deze zoekopdracht klopt niet" in page.content.decode()


def test_unknown_parameters_are_ignored(client, home):
    create_item(Parel, "Buddyproject statushouders")
    response = client.get("/api/zoeken/", {"q": "buddyproject", "kleur": "blauw"})
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_page_past_the_end_shows_the_last_page(client, home):
    create_item(Parel, "Enige parel")
    data = client.get("/api/zoeken/", {"page": 99}).json()
    assert data["page"] == 1 and data["count"] == 1


texts = st.text(max_size=60)
values = st.one_of(
    texts, st.integers(-5, 3000).map(str), st.sampled_from(["parel", "zorg", "2023"])
)
param_names = st.sampled_from(
    [
        "q",
        "type",
        "thema",
        "gemeente",
        "doelgroep",
        "organisatie",
        "jaar",
        "status",
        "sort",
        "page",
        "per_page",
        "x",
    ]
)


class NoServerErrors(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_site()
        create_begrip("crisisnoodopvang", "CNO")
        create_item(Parel, "Crisisnoodopvang in de sporthal", themes=["Asielopvang"])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(param_names, values), max_size=6))
    def test_any_parameters_never_give_a_server_error(self, pairs):
        query = "&".join(f"{name}={value}" for name, value in pairs)
        for url in ("/api/zoeken/", "/zoeken/", "/api/zoeken/suggesties/"):
            response = self.client.get(url, dict(_multi(pairs)))
            assert response.status_code in (200, 400), (url, query)

    @settings(max_examples=80, deadline=None)
    @given(texts)
    def test_any_query_text_is_answered(self, text):
        response = self.client.get("/api/zoeken/", {"q": text})
        assert response.status_code in (200, 400)


def _multi(pairs):
    grouped = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped

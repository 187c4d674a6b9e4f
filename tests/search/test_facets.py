"""Facets: exact counts for the query and the other selected facets, checked with the ORM."""

import datetime

import pytest

from kennisbank.models import Artikel, Besluit, KennisItem, Knoop, Parel
from kennisbank.structure import ensure_site
from tests.factories import create_item, search_api

pytestmark = pytest.mark.django_db

THEMES = ["Zorg", "Onderwijs", "Huisvesting statushouders"]
GEMEENTEN = ["Raalte", "Deventer", "Zwolle"]


@pytest.fixture(scope="module")
def items(module_data):
    """Built once; the tests only read them."""
    ensure_site()
    created = []
    for n in range(12):
        model = [Parel, Knoop, Besluit, Artikel][n % 4]
        extra = {"status": Knoop.Status.GEAGENDEERD if n % 8 == 1 else Knoop.Status.GESIGNALEERD}
        created.append(
            create_item(
                model,
                f"Item {n}",
                summary="Over opvang in de regio." if n % 3 else "Over iets anders.",
                date=datetime.date(2021 + n % 3, 1 + n % 12, 1),
                themes=[THEMES[n % 3]] + ([THEMES[(n + 1) % 3]] if n % 2 else []),
                gemeenten=[GEMEENTEN[n % 3]],
                **(extra if model is Knoop else {}),
            )
        )
    return created


def counts(facet):
    return {entry["value"]: entry["count"] for entry in facet}


def test_facet_counts_match_the_orm(client, items):
    data = search_api(client, q="opvang", gemeente="deventer")
    matching = KennisItem.objects.filter(pk__in=[i.pk for i in items if "opvang" in i.summary])
    in_deventer = matching.filter(gemeenten__slug="deventer")
    assert data["count"] == in_deventer.count() > 0
    expected_themes = {
        slug: in_deventer.filter(themes__slug=slug).count()
        for slug in ["zorg", "onderwijs", "huisvesting-statushouders"]
    }
    assert counts(data["facets"]["thema"]) == {k: v for k, v in expected_themes.items() if v}
    # The gemeente facet ignores its own selection, so users can widen it.
    assert counts(data["facets"]["gemeente"]) == {
        slug: matching.filter(gemeenten__slug=slug).count()
        for slug in ["raalte", "deventer", "zwolle"]
        if matching.filter(gemeenten__slug=slug).exists()
    }
    years = {
        str(y): matching.filter(gemeenten__slug="deventer", date__year=y).count()
        for y in (2021, 2022, 2023)
    }
    assert {str(k): v for k, v in counts(data["facets"]["jaar"]).items()} == {
        y: n for y, n in years.items() if n
    }


def test_values_of_one_facet_or_different_facets_and(client, items):
    both = search_api(client, thema=["zorg", "onderwijs"])["count"]
    expected = KennisItem.objects.filter(themes__slug__in=["zorg", "onderwijs"]).distinct().count()
    assert both == expected
    narrowed = search_api(client, thema=["zorg", "onderwijs"], type="parel")["count"]
    assert (
        narrowed == Parel.objects.filter(themes__slug__in=["zorg", "onderwijs"]).distinct().count()
    )


def test_selected_value_with_no_matches_stays_listed(client, items):
    data = search_api(client, q="opvang", type=["parel"], gemeente=["raalte", "zwolle"], jaar=1999)
    assert data["count"] == 0
    assert {"value": 1999, "label": "1999", "count": 0, "selected": True} in data["facets"]["jaar"]
    assert all(entry["count"] > 0 or entry["selected"] for entry in data["facets"]["thema"])


def test_empty_query_browses_by_date(client, items):
    data = search_api(client, type="besluit")
    dates = [result["date"] for result in data["results"]]
    assert data["count"] == Besluit.objects.count()
    assert dates == sorted(dates, reverse=True)


def test_status_filters_knopen(client, items):
    data = search_api(client, status="geagendeerd")
    assert data["count"] == Knoop.objects.filter(status="geagendeerd").count() > 0
    assert {r["type"] for r in data["results"]} == {"knoop"}


@pytest.mark.parametrize("backend", ["embedded", "database"])
def test_status_and_level_are_facets_of_the_knopen(client, items, settings, backend):
    settings.SEARCH_BACKEND = backend
    data = search_api(client, type="knoop", niveau="regio")
    knopen = Knoop.objects.filter(level="regio")
    assert counts(data["facets"]["status"]) == {
        status: knopen.filter(status=status).count()
        for status in ["gesignaleerd", "geagendeerd"]
        if knopen.filter(status=status).exists()
    }
    assert counts(data["facets"]["niveau"]) == {"regio": Knoop.objects.count()}
    assert search_api(client, niveau="rijk")["count"] == 0
    assert {"value": "rijk", "label": "Rijk", "count": 0, "selected": True} in search_api(
        client, niveau="rijk"
    )["facets"]["niveau"]


def test_sort_by_date_and_paging(client, items):
    first = search_api(client, q="opvang", sort="date", per_page=3, page=1)
    second = search_api(client, q="opvang", sort="date", per_page=3, page=2)
    assert first["per_page"] == 3 and second["page"] == 2
    dates = [r["date"] for r in first["results"] + second["results"]]
    assert dates == sorted(dates, reverse=True)
    assert not {r["slug"] for r in first["results"]} & {r["slug"] for r in second["results"]}


def test_per_page_is_capped_at_fifty(client, items):
    assert search_api(client, per_page=500)["per_page"] == 50

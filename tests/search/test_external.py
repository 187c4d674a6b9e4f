"""Which engine answers: the settings' choice, OpenSearch end to end through the site against
osmem-server, and the database answering whenever the engine cannot (down, its index missing
or unreadable), saying so in `backend`."""

import runpy

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

import kennisbank.config.settings.base as base_settings
from kennisbank.models import Besluit, Parel, Thema, Visibility
from search.engines import configured
from search.engines.base import Request
from tests.factories import create_item, create_user, search_api

UNREACHABLE_URL = "http://127.0.0.1:9"  # the discard port: nothing listens


def titles(client, **params):
    return sorted(result["title"] for result in search_api(client, **params)["results"])


def use_engine(settings, kind, url=None):
    """Configure search as the environment would for this engine (at this URL)."""
    settings.SEARCH_BACKEND = kind
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.DATABASE_SEARCH}
    if kind != "database":
        settings.WAGTAILSEARCH_BACKENDS["engine"] = {"BACKEND": "search.index"}
    if url:
        settings.SEARCH_ENGINE_URL = url
    cache.clear()


# ------------------------------------------------------------------------- configuration


def settings_with(monkeypatch, **environment):
    for name in ("SEARCH_BACKEND", "OPENSEARCH_URL", "ELASTICSEARCH_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(base_settings.__file__)


def test_embedded_engine_is_the_default_with_the_database_index_beside_it(monkeypatch):
    configured_settings = settings_with(monkeypatch)
    assert configured_settings["SEARCH_BACKEND"] == "embedded"
    assert configured_settings["SEARCH_INDEX_DIR"] == base_settings.BASE_DIR / "search-index"
    backends = configured_settings["WAGTAILSEARCH_BACKENDS"]
    assert backends["default"]["BACKEND"] == "wagtail.search.backends.database"
    assert backends["engine"] == {"BACKEND": "search.index"}


@pytest.mark.parametrize(
    "kind, variable", [("elasticsearch", "ELASTICSEARCH_URL"), ("opensearch", "OPENSEARCH_URL")]
)
def test_environment_chooses_an_external_engine(monkeypatch, kind, variable):
    configured_settings = settings_with(
        monkeypatch, SEARCH_BACKEND=kind, **{variable: "http://zoek.example:9200"}
    )
    assert configured_settings["SEARCH_BACKEND"] == kind
    assert configured_settings["SEARCH_ENGINE_URL"] == "http://zoek.example:9200"


def test_database_alone_and_unknown_engines(monkeypatch):
    configured_settings = settings_with(monkeypatch, SEARCH_BACKEND="database")
    assert list(configured_settings["WAGTAILSEARCH_BACKENDS"]) == ["default"]
    with pytest.raises(ImproperlyConfigured):
        settings_with(monkeypatch, SEARCH_BACKEND="solr")


# ------------------------------------------------------------------ OpenSearch, end to end


@pytest.fixture
def opensearch(osmem, settings):
    """A fresh, empty OpenSearch cluster configured as the search engine."""
    with osmem.clone() as cluster:
        use_engine(settings, "opensearch", cluster.url)
        yield cluster


def corpus():
    return {
        "cno": create_item(
            Besluit,
            "Sporthal als crisisnoodopvang",
            summary="Tijdelijke plek voor 450 mensen.",
            themes=["Opvang"],
        ),
        "woningen": create_item(
            Parel,
            "Snel meer woningen",
            summary="Tijdelijke woningen bij de kern.",
            themes=["Huisvesting"],
        ),
        "geheim": create_item(
            Parel,
            "Geheime noodopvang",
            summary="Alleen voor het netwerk.",
            visibility=Visibility.NETWORK,
            themes=["Opvang"],
        ),
    }


QUERIES = ["opvang", "woningen", "tijdelijke", '"tijdelijke woningen"', "sporthal mensen", "kern"]


def everything(client):
    """Each query's results and facets, and the facets of a filtered search."""
    found = {query: search_api(client, q=query) for query in QUERIES}
    found["filtered"] = search_api(client, q="tijdelijke", thema="opvang")
    return {
        name: (sorted(r["title"] for r in answer["results"]), answer["count"], answer["facets"])
        for name, answer in found.items()
    }


def test_opensearch_finds_and_counts_what_the_database_finds(client, home, opensearch, settings):
    corpus()
    assert search_api(client, q="opvang")["backend"] == "opensearch"
    assert titles(client, q="opvang") == ["Sporthal als crisisnoodopvang"]  # its compound head
    assert titles(client, q='"tijdelijke woningen"') == ["Snel meer woningen"]
    assert titles(client, q='"woningen tijdelijke"') == []
    from_engine = everything(client)
    client.force_login(create_user())
    from_engine_member = everything(client)
    # The database index was kept current beside the engine's, by the same signals.
    use_engine(settings, "database")
    assert search_api(client, q="opvang")["backend"] in {"sqlite", "postgresql"}
    assert everything(client) == from_engine_member
    client.logout()
    assert everything(client) == from_engine


def test_embedded_engine_finds_and_counts_what_the_database_finds(client, home, settings):
    corpus()
    create_item(Parel, "Woningen in Zwolle", themes=["Huisvesting"], gemeenten=["Zwolle"])
    assert search_api(client, q="opvang")["backend"] == "embedded"
    from_engine = everything(client)
    client.force_login(create_user())
    from_engine_member = everything(client)
    use_engine(settings, "database")
    assert everything(client) == from_engine_member
    client.logout()
    assert everything(client) == from_engine


def test_opensearch_results_respect_privacy(client, home, opensearch):
    corpus()
    assert titles(client, q="noodopvang") == ["Sporthal als crisisnoodopvang"]
    assert search_api(client, q="geheime")["count"] == 0
    client.force_login(create_user())
    assert titles(client, q="noodopvang") == ["Geheime noodopvang", "Sporthal als crisisnoodopvang"]


def engine_ids(text):
    """What the engine itself holds for a word, before the site filters anything."""
    from search.analysis import alternatives

    return set(configured().search(Request(groups=[alternatives([(text,)])])).ids)


def test_publishing_unpublishing_and_deleting_keep_the_engine_current(client, home, opensearch):
    items = corpus()
    item = create_item(Parel, "Opvang in de gymzaal", summary="Noodopvang voor een week.")
    assert engine_ids("gymzaal") == {item.pk}
    assert titles(client, q="gymzaal") == ["Opvang in de gymzaal"]
    item.unpublish()
    assert engine_ids("gymzaal") == set()
    woningen = items["woningen"].pk
    items["woningen"].delete()
    assert woningen not in engine_ids("woningen")


def test_update_index_rebuilds_the_engine(client, home, opensearch):
    corpus()
    Thema.objects.filter(name="Huisvesting").update(name="Woonruimte")  # behind the index's back
    assert titles(client, q="woonruimte") == []
    call_command("update_index", verbosity=0)
    assert titles(client, q="woonruimte") == ["Snel meer woningen"]
    assert search_api(client, q="woonruimte")["backend"] == "opensearch"


# ------------------------------------------------------------------------------ fallback


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_unreachable_engine_falls_back_to_database(client, home, settings, kind):
    use_engine(settings, kind, UNREACHABLE_URL)
    # Publishing still works: the engine's failure is logged, the database index is updated.
    create_item(Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek.")
    response = search_api(client, q="opvang")
    assert [result["title"] for result in response["results"]] == ["Sporthal als crisisnoodopvang"]
    assert response["backend"] in {
        f"sqlite ({kind} onbereikbaar)",
        f"postgresql ({kind} onbereikbaar)",
    }


def test_an_answer_given_while_the_engine_was_down_is_not_kept_for_visitors(
    client, home, opensearch, settings
):
    """Pages for visitors are kept (kennisbank/public/cache.py); the database's answer for an
    engine that was down is not: the next visitor is answered by the engine again."""
    create_item(Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek.")
    settings.SEARCH_ENGINE_URL = UNREACHABLE_URL
    assert search_api(client, q="opvang")["backend"].endswith("(opensearch onbereikbaar)")
    settings.SEARCH_ENGINE_URL = opensearch.url  # back
    response = search_api(client, q="opvang")
    assert response["backend"] == "opensearch"
    assert [result["title"] for result in response["results"]] == ["Sporthal als crisisnoodopvang"]


def test_missing_embedded_index_answers_from_the_database_and_is_rebuilt(client, home, settings):
    use_engine(settings, "database")
    create_item(Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek.")
    use_engine(settings, "embedded")  # switched on with no index yet
    response = search_api(client, q="opvang")
    assert response["backend"].endswith("(embedded onbereikbaar)")
    assert [result["title"] for result in response["results"]] == ["Sporthal als crisisnoodopvang"]
    # The rebuild it asked for (run at once in tests, by the worker otherwise) is searched next.
    response = search_api(client, q="opvang")
    assert response["backend"] == "embedded"
    assert response["count"] == 1


def test_unreadable_embedded_index_answers_from_the_database_and_tells_editors(
    client, home, settings
):
    create_item(Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek.")
    (configured().current() / "meta.json").write_text("{ kapot")
    cache.set("search:rebuilding", True)  # a rebuild already asked for: not again
    response = search_api(client, q="opvang")
    assert response["count"] == 1
    assert response["backend"].endswith("(embedded onbereikbaar)")
    page = client.get("/zoeken/", {"q": "opvang"})
    assert page.status_code == 200
    assert "zoekindex" not in page.content.decode()  # visitors see results, no notice
    client.force_login(create_user(is_superuser=True))
    assert "De zoekindex kon niet antwoorden" in client.get("/zoeken/", {"q": "opvang"}).text

"""Search through Elasticsearch or OpenSearch: the Dutch index settings, the OpenSearch path
end to end against osmem-server, and the database answering while the engine is down.

osmem-server speaks OpenSearch's protocol but ignores index analyzers: the end-to-end tests
use queries that need no stemming by the engine, and the analysis itself is tested on the
settings Wagtail sends."""

import re
import runpy

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

import kennisbank.config.settings.base as base_settings
from kennisbank.models import Besluit, KennisItem, Parel, Visibility
from search.analysis import STOPWORDS, folded_text, markers, stem, stemmed_text, words
from search.elastic import INDEX_SETTINGS, ExternalIndex
from search.query import parse
from tests.factories import create_item, create_user, search_api

UNREACHABLE_URL = "http://127.0.0.1:9"  # the discard port: nothing listens


def titles(client, **params):
    return sorted(result["title"] for result in search_api(client, **params)["results"])


def use_engine(settings, kind, url):
    """Configure search as the environment would for this engine at this URL."""
    backend, _url_variable = settings.EXTERNAL_SEARCH[kind]
    settings.SEARCH_BACKEND = kind
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": backend, "URLS": [url], "INDEX_SETTINGS": INDEX_SETTINGS},
        "database": settings.DATABASE_SEARCH,
    }
    cache.clear()  # forget whether the previous test's engine was reachable


# ------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    "kind, variable, backend",
    [
        ("elasticsearch", "ELASTICSEARCH_URL", "search.wagtail_backends.Elasticsearch9Backend"),
        ("opensearch", "OPENSEARCH_URL", "search.wagtail_backends.OpenSearch3Backend"),
    ],
)
def test_environment_chooses_engine_and_keeps_database_index(monkeypatch, kind, variable, backend):
    monkeypatch.setenv("SEARCH_BACKEND", kind)
    monkeypatch.setenv(variable, "http://zoek.example:9200")
    configured = runpy.run_path(base_settings.__file__)["WAGTAILSEARCH_BACKENDS"]
    assert configured["default"]["BACKEND"] == backend
    assert configured["default"]["URLS"] == ["http://zoek.example:9200"]
    assert configured["default"]["INDEX_SETTINGS"] is INDEX_SETTINGS
    assert configured["database"]["BACKEND"] == "wagtail.search.backends.database"


def test_database_is_the_default(monkeypatch):
    monkeypatch.delenv("SEARCH_BACKEND", raising=False)
    configured = runpy.run_path(base_settings.__file__)
    assert configured["SEARCH_BACKEND"] == "database"
    assert list(configured["WAGTAILSEARCH_BACKENDS"]) == ["default"]


# ---------------------------------------------------------------- Dutch analysis settings


@pytest.fixture(params=["elasticsearch", "opensearch"])
def engine_backend(request, settings):
    use_engine(settings, request.param, UNREACHABLE_URL)  # building a client connects nowhere
    return get_search_backend("default")


def test_dutch_analyzer_is_the_default_of_every_index(engine_backend):
    analysis = engine_backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    assert default["filter"] == [
        "lowercase",
        "asciifolding",
        "dutch_stop",
        "head_markers",
        "dutch_stemmer",
    ]
    assert analysis["filter"]["dutch_stop"] == {"type": "stop", "stopwords": "_dutch_"}
    assert analysis["filter"]["dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    # Wagtail's own analysis stays: autocomplete needs its edge n-grams.
    assert "edgengram_analyzer" in analysis["analyzer"]
    assert "edgengram" in analysis["filter"]


def test_searched_fields_use_the_default_analyzer(engine_backend):
    properties = engine_backend.mapping_class(Parel).get_mapping()["properties"]
    for field in ("title", "kennisbank_kennisitem__search_body_text"):
        assert properties[field]["type"] == "text"
        assert "analyzer" not in properties[field]
    assert properties["title_edgengrams"]["analyzer"] == "edgengram_analyzer"


def analyse(text):
    """Run the default analyzer's filter chain as configured, with Python stand-ins for the
    engine's filters (Snowball's Dutch Porter stemmer is the engine's "dutch"; the query
    stop words stand in for Snowball's Dutch list)."""
    analysis = INDEX_SETTINGS["settings"]["analysis"]
    # The prepared text is words between spaces: the standard tokenizer splits it the same.
    tokens = [(token, False) for token in text.split()]  # (token, keyword-marked)
    for name in analysis["analyzer"]["default"]["filter"]:
        definition = analysis["filter"].get(name, {"type": name})  # built-in filters by name
        if definition["type"] == "lowercase":
            tokens = [(token.lower(), keyword) for token, keyword in tokens]
        elif definition["type"] == "asciifolding":
            tokens = [(words(token)[0], keyword) for token, keyword in tokens]
        elif definition["type"] == "stop":
            tokens = [(token, keyword) for token, keyword in tokens if token not in STOPWORDS]
        elif definition["type"] == "keyword_marker":
            pattern = re.compile(definition["keywords_pattern"])
            tokens = [
                (token, keyword or bool(pattern.fullmatch(token))) for token, keyword in tokens
            ]
        elif definition["type"] == "stemmer":
            assert definition["language"] == "dutch"
            tokens = [(token if keyword else stem(token), keyword) for token, keyword in tokens]
    return [token for token, _keyword in tokens]


TEXT = "Statushouders in huurwoningen; de crisisnoodopvang voor alleenstaande minderjarigen."


@pytest.mark.parametrize("prepare", [folded_text, stemmed_text])
def test_markers_survive_analysis_and_words_are_stemmed(prepare):
    tokens = analyse(prepare(TEXT))
    for marker in markers(words(TEXT)):
        assert marker in tokens
    # Unprotected, the stemmer would cut the start of "statushouder" off its marker.
    assert stem("0redwohsutats") != "0redwohsutats"
    # The engine stems the query's folded word or its Python stem to a token of either text.
    for word in words(TEXT):
        assert word in STOPWORDS or {stem(word), stem(stem(word))} & set(tokens)


def test_marker_pattern_marks_only_markers():
    pattern = re.compile(
        INDEX_SETTINGS["settings"]["analysis"]["filter"]["head_markers"]["keywords_pattern"]
    )
    assert all(pattern.fullmatch(marker) for marker in markers(words(TEXT)))
    assert not any(pattern.fullmatch(word) for word in words(TEXT + " 2024 opvang"))


def test_query_asks_each_form_and_marker_with_title_boosted(settings, db):
    use_engine(settings, "opensearch", UNREACHABLE_URL)
    index = ExternalIndex("opensearch", database=None)
    body = index.query_body(parse('opvang "tijdelijke woningen"'), 2, KennisItem)
    phrase, word = body["bool"]["should"]
    assert body["bool"]["minimum_should_match"] == 2
    assert body["bool"]["filter"] == [{"term": {"_django_content_type": "kennisbank.KennisItem"}}]
    title, text = (clause["dis_max"]["queries"] for clause in word["bool"]["should"])
    assert {"prefix": {"title": {"value": "0gnavpo", "boost": 3}}} in title
    assert {
        "prefix": {"kennisbank_kennisitem__search_body_text": {"value": "0gnavpo", "boost": 1}}
    } in text
    phrases = [
        clause["match_phrase"]["title"]["query"]
        for clause in phrase["bool"]["should"][0]["dis_max"]["queries"]
    ]
    assert phrases == ["tijdelijke woningen", "tijdelijk woning"]  # folded, then stemmed
    assert "prefix" not in str(phrase)  # a quoted phrase is never a compound's head


# ------------------------------------------------------------------ OpenSearch, end to end


@pytest.fixture(scope="session")
def osmem():
    osmem_server = pytest.importorskip(
        "osmem_server", reason="osmem-server is not installed: pip install -e '.[dev]'"
    )
    with osmem_server.OsmemServer.start(japanese=False) as server:
        yield server


@pytest.fixture
def opensearch(osmem, settings):
    """A fresh, empty OpenSearch cluster configured as the search engine."""
    with osmem.clone() as cluster:
        use_engine(settings, "opensearch", cluster.url)
        yield cluster


def refresh():
    """Make what the signal handlers indexed searchable, as the engine does within a second."""
    backend = get_search_backend("default")
    backend.get_index_for_model(KennisItem).refresh()


@pytest.fixture
def corpus(home, opensearch):
    items = {
        "cno": create_item(
            Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek voor 450 mensen."
        ),
        "woningen": create_item(
            Parel, "Snel meer woningen", summary="Tijdelijke woningen bij de kern."
        ),
        "geheim": create_item(
            Parel,
            "Geheime noodopvang",
            summary="Alleen voor het netwerk.",
            visibility=Visibility.NETWORK,
        ),
    }
    call_command("update_index", backend_name="default", verbosity=0)
    return items


QUERIES = ["opvang", "woningen", "tijdelijke", '"tijdelijke woningen"', "sporthal mensen", "kern"]


def test_opensearch_finds_what_the_database_finds(client, corpus, settings):
    response = search_api(client, q="opvang")
    assert response["backend"] == "opensearch"
    # The compound's head marker, indexed unchanged, is found by prefix.
    assert titles(client, q="opvang") == ["Sporthal als crisisnoodopvang"]
    assert titles(client, q='"tijdelijke woningen"') == ["Snel meer woningen"]
    assert titles(client, q='"woningen tijdelijke"') == []
    found = {query: titles(client, q=query) for query in QUERIES}
    # The database index was kept current beside the engine's, by the same signals.
    settings.SEARCH_BACKEND = "database"
    assert search_api(client, q="opvang")["backend"] in {"sqlite", "postgresql"}
    assert {query: titles(client, q=query) for query in QUERIES} == found


def test_opensearch_results_respect_privacy(client, corpus):
    assert titles(client, q="noodopvang") == ["Sporthal als crisisnoodopvang"]
    assert search_api(client, q="geheime")["count"] == 0
    client.force_login(create_user())
    assert titles(client, q="noodopvang") == ["Geheime noodopvang", "Sporthal als crisisnoodopvang"]


def engine_matches(text):
    """The ids the engine itself finds, before the database filters them."""
    return {row[0] for row in ExternalIndex("opensearch", database=None).search(parse(text), 1)}


def test_publishing_keeps_the_engine_current(client, corpus):
    item = create_item(Parel, "Opvang in de gymzaal", summary="Noodopvang voor een week.")
    refresh()
    assert engine_matches("gymzaal") == {item.pk}
    assert titles(client, q="gymzaal") == ["Opvang in de gymzaal"]
    item.unpublish()  # Wagtail keeps drafts in its index; the database leaves them out
    assert titles(client, q="gymzaal") == []
    woningen = corpus["woningen"].pk
    corpus["woningen"].delete()
    refresh()
    assert woningen not in engine_matches("woningen")


# ------------------------------------------------------------------------------ fallback


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_unreachable_engine_falls_back_to_database(client, home, settings, kind):
    use_engine(settings, kind, UNREACHABLE_URL)
    # Publishing still works: Wagtail logs the engine's failure, the database index is updated.
    create_item(Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek.")
    response = search_api(client, q="opvang")
    assert [result["title"] for result in response["results"]] == ["Sporthal als crisisnoodopvang"]
    assert response["backend"] in {
        f"sqlite ({kind} onbereikbaar)",
        f"postgresql ({kind} onbereikbaar)",
    }


def test_engine_failing_mid_search_falls_back_to_database(client, home, settings):
    use_engine(settings, "opensearch", UNREACHABLE_URL)
    create_item(Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek.")
    cache.set("search:reachable:opensearch", True)  # it answered the last ping
    response = search_api(client, q="opvang")
    assert response["count"] == 1
    assert response["backend"].endswith("(opensearch onbereikbaar)")
    assert cache.get("search:reachable:opensearch") is False

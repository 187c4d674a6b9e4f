"""The semantic side: an item found by what it is about, once the background worker has made
its embedding; privacy, filters and counts hold for it as for the words."""

import pytest
from wagtail.rich_text import RichText

from kennisbank.models import Artikel, Beleidskader, Parel, Visibility
from search.semantic import fuse
from tests.factories import create_item, create_user, search_api

# No word of the query is in any item: only the meaning joins them.
QUERY = "dokter voor tanden"


@pytest.fixture
def semantic(settings):
    settings.SEARCH_SEMANTIC = True


def corpus(visibility=Visibility.PUBLIC):
    create_item(
        Parel,
        "Tandarts voor asielzoekers",
        summary="Het COA vergoedt alleen pijnbestrijding bij de tandarts.",
        visibility=visibility,
    )
    create_item(Parel, "Fietsles", summary="Vrijwilligers leren volwassenen fietsen.")
    create_item(Beleidskader, "Verbouwing", summary="De raad stemt in met de renovatie.")


def test_an_item_is_found_by_its_meaning_once_the_worker_has_embedded_it(
    client, home, semantic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as waiting:
        corpus()
    # Before the worker ran: by its words only.
    assert search_api(client, q=QUERY)["count"] == 0
    assert search_api(client, q="tandarts")["count"] == 1
    for callback in waiting:  # the worker's task, queued when the items were published
        callback()
    answer = search_api(client, q=QUERY)
    assert [r["title"] for r in answer["results"]] == ["Tandarts voor asielzoekers"]
    assert answer["count"] == 1
    assert answer["facets"]["type"][0]["count"] == 1


def test_a_neighbour_the_visitor_may_not_see_is_not_found(
    client, home, semantic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        corpus(visibility=Visibility.NETWORK)
    assert search_api(client, q=QUERY)["count"] == 0
    client.force_login(create_user("lid"))
    assert search_api(client, q=QUERY)["count"] == 1


def test_filters_hold_for_neighbours(client, home, semantic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        corpus()
    assert search_api(client, q=QUERY, type="beleidskader")["count"] == 0
    assert search_api(client, q=QUERY, type="parel")["count"] == 1


def test_an_item_is_found_by_what_its_summary_says_not_drowned_by_its_body(
    client, home, semantic, django_capture_on_commit_callbacks
):
    details = (
        "De aannemer vervangt de kozijnen, het dak en de cv-ketel van het gemeentehuis. "
        "Tijdens de verbouwing werken de ambtenaren in een tijdelijk kantoor aan de Stationsweg. "
        "De raad stemde in met een krediet voor de renovatie en de verduurzaming van het pand. "
    )
    with django_capture_on_commit_callbacks(execute=True):
        create_item(
            Parel,
            "Tandarts voor asielzoekers",
            summary="Het COA vergoedt alleen pijnbestrijding bij de tandarts.",
            body=[("paragraph", RichText(f"<p>{details * 2}</p>"))],
        )
        create_item(Parel, "Fietsles", summary="Vrijwilligers leren volwassenen fietsen.")
    answer = search_api(client, q=QUERY)
    assert [r["title"] for r in answer["results"]] == ["Tandarts voor asielzoekers"]


def test_off_the_words_alone_answer(client, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        corpus()
    assert search_api(client, q=QUERY)["count"] == 0


def test_reciprocal_rank_fusion_ranks_what_both_rank_high_first():
    assert fuse([1, 2, 3], [3, 4, 1]) == [1, 3, 2, 4]


def test_a_typo_finds_by_meaning_what_the_word_it_means_finds(
    client, home, semantic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        corpus()
        create_item(Artikel, "Tandheelkunde", summary="De zorg voor gebit en kiezen.")
    meant = [r["title"] for r in search_api(client, q="tandarts")["results"]]
    assert "Tandheelkunde" in meant  # by its meaning only
    answer = search_api(client, q="tandatrs")
    assert answer["corrected"] == "tandarts"
    assert [r["title"] for r in answer["results"]] == meant

"""The Dutch search cases of the search issue, on whichever database runs the suite."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from kennisbank.models import Artikel, Begrip, Beleidskader, Besluit, Knoop, Parel, Visibility
from kennisbank.structure import ensure_site
from search.query import parse
from tests.factories import create_begrip, create_item, create_user, found_titles

# The corpus is built once for the module; each test's changes are rolled back after it.
# Cases that need a database of their own are in tests/search/test_dutch_words.py.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(module_data):
    ensure_site()
    create_begrip(
        "alleenstaande minderjarige vreemdeling",
        "AMV",
        ["alleenstaande minderjarige vreemdelingen", "alleenreizende minderjarige vluchteling"],
    )
    create_begrip("asielzoekerscentrum", "azc", ["asielzoekerscentra"])
    create_begrip("crisisnoodopvang", "CNO")
    return {
        "woningen": create_item(
            Parel, "Snel meer woningen", summary="Tijdelijke woningen bij de kern."
        ),
        "huur": create_item(
            Artikel, "Corporaties bouwen", summary="Huurwoningen voor jongeren en gezinnen."
        ),
        "statushouders": create_item(
            Knoop, "Achterstand taakstelling", summary="Te weinig statushouders gehuisvest."
        ),
        "cno": create_item(
            Besluit, "Sporthal als crisisnoodopvang", summary="Tijdelijke plek voor 450 mensen."
        ),
        "amv_text": create_item(
            Parel,
            "Kleinschalig wonen voor jongeren",
            summary="Opvang voor alleenstaande minderjarige vreemdelingen met begeleiding.",
        ),
        "amv_abbr": create_item(Knoop, "Tekort AMV-plekken", summary="De regio loopt achter."),
        "azc": create_item(Besluit, "Nieuw azc in de regio", summary="Een locatie voor 300."),
        "oekraine": create_item(
            Beleidskader,
            "Regeling opvang ontheemden Oekraïne",
            abbreviation="ROO",
            summary="Over de gemeentelijke opvang.",
        ),
    }


def test_inflection_finds_plural(client, corpus):
    assert "Snel meer woningen" in found_titles(client, q="woning")
    assert "Achterstand taakstelling" in found_titles(client, q="statushouder")


def test_verb_finds_noun(client, corpus):
    assert "Achterstand taakstelling" in found_titles(client, q="huisvesten")


def test_word_finds_compound_heads(client, corpus):
    assert "Corporaties bouwen" in found_titles(client, q="woning")
    assert "Sporthal als crisisnoodopvang" in found_titles(client, q="opvang")


def test_abbreviation_finds_full_term_and_back(client, corpus):
    assert "Kleinschalig wonen voor jongeren" in found_titles(client, q="AMV")
    assert "Tekort AMV-plekken" in found_titles(client, q="alleenstaande minderjarige vreemdeling")
    assert "Nieuw azc in de regio" in found_titles(client, q="asielzoekerscentrum")
    assert "Sporthal als crisisnoodopvang" in found_titles(client, q="CNO")


def test_glossary_edit_takes_effect_without_reindex(client, corpus):
    assert "Tekort AMV-plekken" not in found_titles(client, q="tienerasiel")
    begrip = create_begrip("tienerasiel", synonyms=["amv"])
    assert "Tekort AMV-plekken" in found_titles(client, q="tienerasiel")
    begrip.delete()
    assert "Tekort AMV-plekken" not in found_titles(client, q="tienerasiel")


def test_accents_and_case_do_not_matter(client, corpus):
    assert found_titles(client, q="OEKRAINE") == ["Regeling opvang ontheemden Oekraïne"]
    assert found_titles(client, q="oekraïne") == ["Regeling opvang ontheemden Oekraïne"]


def test_quoted_phrase_matches_as_phrase(client, corpus):
    assert found_titles(client, q='"tijdelijke woningen"') == ["Snel meer woningen"]
    assert found_titles(client, q='"woningen tijdelijke"') == []


def test_title_match_ranks_above_body(client, corpus):
    found = found_titles(client, q="opvang")
    assert found.index("Regeling opvang ontheemden Oekraïne") < found.index(
        "Kleinschalig wonen voor jongeren"
    )


def test_highlight_marks_inflected_forms(client, corpus):
    response = client.get("/api/zoeken/", {"q": "woning"}).json()
    highlights = {r["title"]: r["highlight"] for r in response["results"]}
    assert "<mark>woningen</mark>" in highlights["Snel meer woningen"]
    assert "<mark>Huurwoningen</mark>" in highlights["Corporaties bouwen"]


def test_a_typo_is_searched_within_its_edits_and_the_answer_says_so(client, corpus):
    response = client.get("/api/zoeken/", {"q": "statushouedrs"}).json()
    assert [r["title"] for r in response["results"]] == ["Achterstand taakstelling"]
    assert response["corrected"] == "statushouders"
    assert "<mark>statushouders</mark>" in response["results"][0]["highlight"]
    html = client.get("/zoeken/", {"q": "statushouedrs"}).content.decode()
    assert "Resultaten voor" in html and "letterlijk=1" in html


def test_asked_literally_a_typo_finds_nothing_and_gets_a_suggestion(client, corpus):
    response = client.get("/api/zoeken/", {"q": "statushouedrs", "letterlijk": "1"}).json()
    assert response["count"] == 0
    assert response["corrected"] is None
    assert response["suggestion"] == "statushouders"


def test_glossary_edit_reaches_suggestions(client, corpus):
    assert client.get("/api/zoeken/", {"q": "flexwonnig"}).json()["suggestion"] is None
    begrip = Begrip.objects.get(abbreviation="CNO")
    begrip.synonyms = "flexwoning"
    begrip.save()
    assert client.get("/api/zoeken/", {"q": "flexwonnig"}).json()["suggestion"] == "flexwoning"


def test_search_page_shows_results_facets_and_highlight(client, corpus):
    response = client.get("/zoeken/", {"q": "woning"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Snel meer woningen" in html
    assert "<mark>woningen</mark>" in html
    assert 'type="checkbox"' in html


def test_words_postgresql_ignores_are_dropped_from_every_query(corpus):
    # "hebben" and "meer" are stop words of PostgreSQL's 'dutch': requiring them would make
    # PostgreSQL find nothing where SQLite finds something.
    assert [group.words for group in parse("hebben woningen meer").groups] == [["woningen"]]


def test_words_no_item_holds_together_find_items_with_any_of_them(client, corpus):
    """The any-word fallback: no item holds both words, but each word is in one."""
    found = found_titles(client, q="statushouders jongeren")
    assert "Achterstand taakstelling" in found
    assert "Corporaties bouwen" in found


def test_a_glossary_suggestion_opens_its_entry_on_the_glossary_page(client, corpus):
    (suggestion,) = [
        s
        for s in client.get("/api/zoeken/suggesties/", {"q": "AMV"}).json()["suggestions"]
        if s["type"] == "begrip"
    ]
    page, anchor = suggestion["url"].split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()


def test_a_query_naming_a_glossary_term_shows_its_definition_first(client, corpus):
    response = client.get("/api/zoeken/", {"q": "amv jongeren"}).json()
    (card,) = response["begrippen"]
    assert card["term"] == "alleenstaande minderjarige vreemdeling"
    assert card["url"].endswith("#begrip-amv")
    assert client.get("/api/zoeken/", {"q": "woningen"}).json()["begrippen"] == []
    html = client.get("/zoeken/", {"q": "AMV"}).content.decode()
    assert 'class="glossary-card"' in html and card["definition"] in html


def test_the_redactie_pins_items_for_a_query_shown_first_and_marked(client, corpus):
    pinned = corpus["amv_abbr"]
    query = Query.get("Wachtlijst")
    SearchPromotion.objects.create(query=query, page=pinned, description="Lees dit eerst.")
    hidden = create_item(Parel, "Geheime aanpak", summary="Netwerk.", visibility=Visibility.NETWORK)
    SearchPromotion.objects.create(query=query, page=hidden, description="Alleen netwerk.")
    answer = client.get("/api/zoeken/", {"q": "wachtlijst"}).json()
    assert [p["title"] for p in answer["aanbevolen"]] == ["Tekort AMV-plekken"]
    assert answer["aanbevolen"][0]["description"] == "Lees dit eerst."
    html = client.get("/zoeken/", {"q": "wachtlijst"}).content.decode()
    assert "Aanbevolen door de redactie" in html and "Geheime aanpak" not in html
    client.force_login(create_user("lid"))
    answer = client.get("/api/zoeken/", {"q": "wachtlijst"}).json()
    assert [p["title"] for p in answer["aanbevolen"]] == ["Tekort AMV-plekken", "Geheime aanpak"]

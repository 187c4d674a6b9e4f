"""The Dutch search cases of the search issue, on whichever database runs the suite."""

import pytest

from kennisbank.models import Artikel, Beleidskader, Besluit, Knoop, Parel, Visibility
from search.query import parse
from tests.factories import create_begrip, create_item, create_user


def titles(client, **params):
    response = client.get("/api/zoeken/", params)
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


@pytest.fixture
def corpus(home):
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
    assert "Snel meer woningen" in titles(client, q="woning")
    assert "Achterstand taakstelling" in titles(client, q="statushouder")


def test_verb_finds_noun(client, corpus):
    assert "Achterstand taakstelling" in titles(client, q="huisvesten")


def test_word_finds_compound_heads(client, corpus):
    assert "Corporaties bouwen" in titles(client, q="woning")
    assert "Sporthal als crisisnoodopvang" in titles(client, q="opvang")


def test_abbreviation_finds_full_term_and_back(client, corpus):
    assert "Kleinschalig wonen voor jongeren" in titles(client, q="AMV")
    assert "Tekort AMV-plekken" in titles(client, q="alleenstaande minderjarige vreemdeling")
    assert "Nieuw azc in de regio" in titles(client, q="asielzoekerscentrum")
    assert "Sporthal als crisisnoodopvang" in titles(client, q="CNO")


def test_glossary_edit_takes_effect_without_reindex(client, corpus):
    assert "Tekort AMV-plekken" not in titles(client, q="tienerasiel")
    begrip = create_begrip("tienerasiel", synonyms=["amv"])
    assert "Tekort AMV-plekken" in titles(client, q="tienerasiel")
    begrip.delete()
    assert "Tekort AMV-plekken" not in titles(client, q="tienerasiel")


def test_accents_and_case_do_not_matter(client, corpus):
    assert titles(client, q="OEKRAINE") == ["Regeling opvang ontheemden Oekraïne"]
    assert titles(client, q="oekraïne") == ["Regeling opvang ontheemden Oekraïne"]


def test_quoted_phrase_matches_as_phrase(client, corpus):
    assert titles(client, q='"tijdelijke woningen"') == ["Snel meer woningen"]
    assert titles(client, q='"woningen tijdelijke"') == []


def test_title_match_ranks_above_body(client, corpus):
    found = titles(client, q="opvang")
    assert found.index("Regeling opvang ontheemden Oekraïne") < found.index(
        "Kleinschalig wonen voor jongeren"
    )


def test_network_only_item_is_invisible_to_anonymous(client, home):
    create_item(Parel, "Geheime parel", visibility=Visibility.NETWORK, themes=["Zorg"])
    assert titles(client, q="geheime") == []
    assert client.get("/api/zoeken/", {"q": "geheime"}).json()["facets"]["thema"] == []
    client.force_login(create_user())
    assert titles(client, q="geheime") == ["Geheime parel"]


def test_highlight_marks_inflected_forms(client, corpus):
    response = client.get("/api/zoeken/", {"q": "woning"}).json()
    highlights = {r["title"]: r["highlight"] for r in response["results"]}
    assert "<mark>woningen</mark>" in highlights["Snel meer woningen"]
    assert "<mark>Huurwoningen</mark>" in highlights["Corporaties bouwen"]


def test_typo_gets_suggestion(client, corpus):
    response = client.get("/api/zoeken/", {"q": "statushouedrs"}).json()
    assert response["count"] == 0
    assert response["suggestion"] == "statushouders"


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
    found = titles(client, q="statushouders jongeren")
    assert "Achterstand taakstelling" in found
    assert "Corporaties bouwen" in found


def test_list_items_in_rich_text_stay_separate_words(client, home):
    """Block boundaries are spaces: a list of 'woningen' and 'begeleiding' is two words."""
    create_item(
        Parel,
        "Aanpak in stappen",
        summary="Een aanpak.",
        problem="<ul><li>woningen</li><li>begeleiding</li></ul>",
    )
    assert titles(client, q="begeleiding") == ["Aanpak in stappen"]


def test_a_glossary_suggestion_opens_its_entry_on_the_glossary_page(client, corpus):
    (suggestion,) = [
        s
        for s in client.get("/api/zoeken/suggesties/", {"q": "AMV"}).json()["suggestions"]
        if s["type"] == "begrip"
    ]
    page, anchor = suggestion["url"].split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()

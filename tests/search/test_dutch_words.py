"""More Dutch search cases of the search issue, each on an item or two of its own in an
otherwise empty database (tests/search/test_dutch.py shares one corpus)."""

from kennisbank.models import Parel, Visibility
from tests.factories import create_begrip, create_item, create_user, found_titles


def test_network_only_item_is_invisible_to_anonymous(client, home):
    create_item(Parel, "Geheime parel", visibility=Visibility.NETWORK, themes=["Zorg"])
    assert found_titles(client, q="geheime") == []
    assert client.get("/api/zoeken/", {"q": "geheime"}).json()["facets"]["thema"] == []
    client.force_login(create_user())
    assert found_titles(client, q="geheime") == ["Geheime parel"]


def test_a_typo_is_not_corrected_towards_what_the_visitor_may_not_see(client, home):
    create_item(
        Parel, "Wachtlijstaanpak", summary="Alleen voor het netwerk.", visibility=Visibility.NETWORK
    )
    response = client.get("/api/zoeken/", {"q": "wachtlijstaanpka"}).json()
    assert response["count"] == 0 and response["corrected"] is None
    client.force_login(create_user("lid"))
    response = client.get("/api/zoeken/", {"q": "wachtlijstaanpka"}).json()
    assert response["corrected"] == "wachtlijstaanpak"


def test_diminutives_and_plurals_find_each_other(client, home):
    create_item(Parel, "Een kamertje voor elk gezin", summary="Toetsen en lessen.")
    for query in ["kamertjes", "toets", "les"]:
        assert found_titles(client, q=query) == ["Een kamertje voor elk gezin"], query


def test_a_compound_in_the_query_finds_its_parts_in_the_text(client, home):
    create_item(Parel, "Zorg geregeld", summary="De kosten van de tandarts betaalt het COA.")
    assert found_titles(client, q="tandartskosten") == ["Zorg geregeld"]


def test_a_compounds_first_part_finds_it(client, home):
    create_item(Parel, "Een tijdelijk schoolgebouw", summary="Voor de schakelklas.")
    assert found_titles(client, q="school") == ["Een tijdelijk schoolgebouw"]


def test_a_false_friend_inside_a_word_finds_nothing(client, home):
    create_item(Parel, "Huisvesting geregeld", summary="Woningen voor gezinnen.")
    assert found_titles(client, q="vesting") == []


def test_the_word_itself_ranks_above_it_as_a_part_of_another(client, home):
    create_item(Parel, "Kinderopvang voor asielzoekers", summary="Kinderopvang bij het azc.")
    create_item(Parel, "Opvang van asielzoekers", summary="Een nieuwe locatie.")
    assert found_titles(client, q="opvang asielzoekers")[0] == "Opvang van asielzoekers"


def test_a_glossary_name_is_highlighted_only_where_it_stands_whole(client, home):
    create_begrip("Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen", "spreidingswet")
    create_item(Parel, "Spreiding", summary="De spreidingswet geeft gemeenten een taak.")
    (result,) = client.get("/api/zoeken/", {"q": "spreidingswet"}).json()["results"]
    assert "<mark>spreidingswet</mark>" in result["highlight"]
    assert "<mark>taak</mark>" not in result["highlight"]


def test_list_items_in_rich_text_stay_separate_words(client, home):
    """Block boundaries are spaces: a list of 'woningen' and 'begeleiding' is two words."""
    create_item(
        Parel,
        "Aanpak in stappen",
        summary="Een aanpak.",
        problem="<ul><li>woningen</li><li>begeleiding</li></ul>",
    )
    assert found_titles(client, q="begeleiding") == ["Aanpak in stappen"]

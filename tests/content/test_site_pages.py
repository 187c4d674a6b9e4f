"""The public site's pages as a visitor reads them: the home page's themes, section pages with
the search's facets, similar items, abbreviations explained, search page details, metadata.
Each test here builds its own items; tests over data shared by a module are in
tests/content/test_section_pages.py and tests/content/test_search_page.py."""

import datetime
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from wagtail.rich_text import RichText

from kennisbank.models import (
    Artikel,
    BegrippenPage,
    Knoop,
    Organisatie,
    Parel,
    ParelIndexPage,
    Thema,
    Visibility,
)
from kennisbank.public import similar
from kennisbank.public.abbreviations import explain_abbreviations
from kennisbank.public.similar import similar_items
from tests.content.reading import facet, get, soup_of, text_of, titles
from tests.factories import create_begrip, create_item

# ---------------------------------------------------------------------------- Home


def test_home_shows_each_theme_with_the_number_of_items_a_visitor_may_see(client, home, user):
    create_item(Parel, "Openbaar", themes=["Zorg", "Onderwijs"])
    create_item(Knoop, "Ook openbaar", themes=["Zorg"])
    create_item(Parel, "Alleen netwerk", themes=["Zorg", "Veiligheid"], visibility="network")
    create_item(Parel, "Concept", themes=["Zorg"], publish=False)

    def themes(soup):
        grid = soup.find("h2", string="Thema's").parent
        return {
            card.a.get_text(strip=True): (card.a["href"], card.find(class_="card__count").text)
            for card in grid.select(".card")
        }

    assert themes(get(client, "/")) == {
        "Zorg": ("/zoeken/?thema=zorg", "2 items"),
        "Onderwijs": ("/zoeken/?thema=onderwijs", "1 item"),
    }
    client.force_login(user)
    assert themes(get(client, "/"))["Zorg"] == ("/zoeken/?thema=zorg", "3 items")
    assert themes(get(client, "/"))["Veiligheid"] == ("/zoeken/?thema=veiligheid", "1 item")


def test_every_page_has_description_and_opengraph_metadata(client, home):
    parel = create_item(Parel, "Flexwoningen", summary="Veertig woningen in een jaar.")
    soup = get(client, parel.url)

    def meta(**attrs):
        return soup.find("meta", attrs=attrs)["content"]

    assert meta(name="description") == "Veertig woningen in een jaar."
    assert meta(property="og:title") == "Flexwoningen"
    assert meta(property="og:description") == "Veertig woningen in een jaar."
    assert meta(property="og:type") == "article"
    assert meta(property="og:url") == parel.full_url
    assert meta(property="og:site_name") == "Kennisbank Vluchtelingen IJsselland"
    assert soup.find("link", rel="canonical")["href"] == parel.full_url
    assert get(client, "/").find("meta", property="og:type")["content"] == "website"


def test_pages_use_the_nl_design_system_css_shipped_with_the_site(client, home):
    soup = get(client, "/")
    assert soup.find("link", rel="stylesheet")["href"] == "/static/css/kennisbank.css"
    assert {"utrecht-html", "voorbeeld-theme"} <= set(soup.html["class"])

    css = Path(finders.find("css/kennisbank.css")).read_text()
    imported = re.findall(r'@import url\("\.\./([^"]+)"\) layer\(nlds\);', css)
    assert imported == [
        "vendor/utrecht-component-library-css/index.css",
        "vendor/utrecht-component-library-css/html.css",
        "vendor/voorbeeld-design-tokens/theme.css",
    ]
    for path in imported:
        assert finders.find(path), path
        licence = Path(finders.find(path)).with_name("LICENSE.md").read_text()
        assert licence.startswith("# EUROPEAN UNION PUBLIC LICENCE v. 1.2")


# ---------------------------------------------------------------------------- Sections


def test_knopen_section_keeps_its_facets_beside_the_agenda(client, home):
    create_item(Knoop, "Wachtlijst", themes=["Zorg"], status=Knoop.Status.GEAGENDEERD)
    soup = get(client, "/knopen/")

    assert titles(soup, ".result__title a") == ["Wachtlijst"]
    assert facet(soup, "thema") == {"zorg": "Zorg (1)"}


# ---------------------------------------------------------------------------- Similar items


def test_similar_items_share_themes_and_tags_most_shared_first(home, user):
    item = create_item(Parel, "Flexwonen", themes=["Huisvesting", "Zorg"], tags=["flex"])
    create_item(Parel, "Alles gemeen", themes=["Huisvesting", "Zorg"], tags=["flex"])
    create_item(Knoop, "Eén thema", themes=["Zorg"], date=datetime.date(2024, 1, 1))
    create_item(Artikel, "Eén trefwoord", tags=["flex"], date=datetime.date(2022, 1, 1))
    create_item(Parel, "Niets gemeen", themes=["Onderwijs"], tags=["taal"])
    create_item(Parel, "Netwerk", themes=["Zorg"], visibility=Visibility.NETWORK)
    create_item(Parel, "Concept", themes=["Zorg"], publish=False)

    anonymous = [page.title for page in similar_items(item, _anonymous())]
    assert anonymous == ["Alles gemeen", "Eén thema", "Eén trefwoord"]
    assert "Netwerk" in [page.title for page in similar_items(item, _request(user))]


def test_similar_items_are_ranked_over_every_item_that_shares_anything(home):
    item = create_item(Parel, "Flexwonen", themes=["Huisvesting", "Zorg"])
    create_item(
        Parel, "Oud, alles gemeen", themes=["Huisvesting", "Zorg"], date=datetime.date(2019, 1, 1)
    )
    create_item(Parel, "Nieuw", themes=["Zorg"], date=datetime.date(2025, 1, 1))
    create_item(Parel, "Nieuwer", themes=["Huisvesting"], date=datetime.date(2025, 6, 1))

    titles = [page.title for page in similar_items(item, _anonymous())]
    assert titles == ["Oud, alles gemeen", "Nieuwer", "Nieuw"]


def test_without_the_engine_similar_items_come_from_the_newest_that_share_anything(
    home, monkeypatch, settings
):
    settings.SEARCH_BACKEND = "database"
    monkeypatch.setattr(similar, "POOL", 2)
    item = create_item(Parel, "Flexwonen", themes=["Huisvesting", "Zorg"])
    create_item(
        Parel, "Oud, alles gemeen", themes=["Huisvesting", "Zorg"], date=datetime.date(2019, 1, 1)
    )
    create_item(Parel, "Nieuw", themes=["Zorg"], date=datetime.date(2025, 1, 1))
    create_item(Parel, "Nieuwer", themes=["Huisvesting"], date=datetime.date(2025, 6, 1))
    create_item(
        Parel, "Nieuwst, niets gemeen", themes=["Onderwijs"], date=datetime.date(2025, 9, 1)
    )

    assert [page.title for page in similar_items(item, _anonymous())] == ["Nieuwer", "Nieuw"]


def test_at_most_five_similar_items_and_never_the_related_ones(home):
    others = [create_item(Parel, f"Zorgparel {n}", themes=["Zorg"]) for n in range(7)]
    item = create_item(Parel, "Zorg thuis", themes=["Zorg"], related=[others[0]])

    similar = list(similar_items(item, _anonymous()))
    assert len(similar) == 5
    assert item not in similar and others[0] not in similar


def test_item_page_shows_similar_items_without_network_ones(client, home):
    item = create_item(Parel, "Flexwonen", themes=["Huisvesting"])
    create_item(Parel, "Tiny houses", themes=["Huisvesting"])
    create_item(Parel, "Netwerkwoningen", themes=["Huisvesting"], visibility="network")

    section = get(client, item.url).find("h2", string="Vergelijkbare items").parent
    assert titles(section, ".page-list__title") == ["Tiny houses"]


def test_preview_of_unsaved_changes_shows_items_similar_to_the_changed_item(home):
    item = create_item(Parel, "Flexwonen", themes=["Huisvesting"])
    create_item(Parel, "Taalcafé", themes=["Onderwijs"])
    item.themes = [Thema.objects.get(name="Onderwijs")]  # as the editor's form leaves it

    response = item.make_preview_request()

    assert response.status_code == 200
    similar = soup_of(response).find("h2", string="Vergelijkbare items").parent
    assert titles(similar, ".page-list__title") == ["Taalcafé"]


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    return request


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return _request(AnonymousUser())


# ---------------------------------------------------------------------------- Abbreviations

TITLES = {"COA": "Centraal Orgaan opvang asielzoekers", "azc": "asielzoekerscentrum"}


def test_first_occurrence_of_each_abbreviation_is_explained():
    html = explain_abbreviations(
        "<p>Het COA opent een azc. Het COA zoekt azc-personeel.</p>", TITLES
    )

    assert html == (
        '<p>Het <abbr title="Centraal Orgaan opvang asielzoekers">COA</abbr> opent een '
        '<abbr title="asielzoekerscentrum">azc</abbr>. Het COA zoekt azc-personeel.</p>'
    )


def test_abbreviations_in_links_words_and_existing_markup_are_left_alone():
    html = explain_abbreviations(
        '<p><a href="/coa/">COA</a> en <abbr title="x">azc</abbr>, COAlitie, &amp; COA</p>',
        TITLES,
    )

    assert html == (
        '<p><a href="/coa/">COA</a> en <abbr title="x">azc</abbr>, COAlitie, &amp; '
        '<abbr title="Centraal Orgaan opvang asielzoekers">COA</abbr></p>'
    )


def test_explanations_are_escaped():
    html = explain_abbreviations("<p>B en W</p>", {"B": 'burgemeester "en" <wethouders>'})

    assert (
        html == '<p><abbr title="burgemeester &quot;en&quot; &lt;wethouders&gt;">B</abbr> en W</p>'
    )


def test_item_page_explains_glossary_abbreviations_in_its_text(client, home):
    create_begrip("Centraal Orgaan opvang asielzoekers", "COA")
    parel = create_item(
        Parel,
        "Samen met het COA",
        body=[("paragraph", RichText("<p>Het COA en de gemeente. Daarna het COA weer.</p>"))],
    )
    soup = get(client, parel.url)

    abbrs = soup.select("main abbr")
    assert [(a.text, a["title"]) for a in abbrs] == [("COA", "Centraal Orgaan opvang asielzoekers")]
    assert soup.find("h1").text == "Samen met het COA"  # the title is not body text


# ---------------------------------------------------------------------------- Glossary


def test_glossary_offers_every_letter_and_links_only_those_in_use(client, home):
    create_begrip("Alleenstaande minderjarige vreemdeling", "AMV")
    create_begrip("Crisisnoodopvang", "CNO")
    nav = get(client, BegrippenPage.objects.get().url).find(
        "nav", attrs={"aria-label": "Begrippen per letter"}
    )

    assert [li.get_text(strip=True) for li in nav.find_all("li")] == list(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    assert {a.text: a["href"] for a in nav.find_all("a")} == {"A": "#letter-a", "C": "#letter-c"}


# ---------------------------------------------------------------------------- Search page


def test_search_results_mark_network_items_for_logged_in_users(client, home, user):
    create_item(Parel, "Openbare opvang", summary="Over opvang.")
    create_item(Parel, "Besloten opvang", summary="Over opvang.", visibility="network")
    client.force_login(user)
    soup = get(client, "/zoeken/", q="opvang")

    marked = {
        result.a.text: bool(result.find(class_="badge--network"))
        for result in soup.select(".result__title")
    }
    assert marked == {"Openbare opvang": False, "Besloten opvang": True}


def test_search_suggestions_script_is_an_enhancement_only(client, home):
    soup = get(client, "/zoeken/")

    script = soup.find("script", src=True)
    assert script.has_attr("defer")
    search_input = soup.find("input", attrs={"name": "q"})
    assert search_input["data-suggest-url"] == "/api/zoeken/suggesties/"
    assert search_input.find_parent("form")["action"] == "/zoeken/"


# ---------------------------------------------------------------------------- Errors


def test_404_page_is_dutch_with_a_search_box(client, home):
    soup = get(client, "/bestaat-niet/", status=404)

    assert soup.find("h1").text == "Pagina niet gevonden"
    assert soup.find("form", attrs={"role": "search"})["action"] == "/zoeken/"
    assert soup.find("nav", attrs={"aria-label": "Hoofdmenu"})


def test_sections_on_the_parel_index_are_paginated_by_twenty(client, home):
    for n in range(21):
        create_item(Parel, f"Parel {n:02d}", date=datetime.date(2023, 1, 1 + n))
    soup = get(client, ParelIndexPage.objects.get().url, page=2)

    assert titles(soup, ".result__title a") == ["Parel 00"]
    assert soup.find("a", rel="prev")["href"] == "?page=1"


def test_home_title_names_the_site_once_and_other_pages_add_it(client, home):
    site_name = "Kennisbank Vluchtelingen IJsselland"
    assert get(client, "/").title.text == site_name
    create_item(Parel, "Flexwoningen")
    assert get(client, "/parels/flexwoningen/").title.text == f"Flexwoningen | {site_name}"


def test_every_item_page_names_its_contributing_organisation(client, home):
    organisation = Organisatie.objects.create(name="Vluchtelingenwerk Oost Nederland")
    for model in (Parel, Knoop, Artikel):
        item = create_item(model, f"Van de partner ({model.type_slug})")
        item.author_organisation = organisation
        item.save_revision().publish()
        facts = {
            text_of(row.dt): text_of(row.dd) for row in get(client, item.url).select(".facts > div")
        }
        label = "Auteur" if model is Artikel else "Ingebracht door"
        assert facts[label] == "Vluchtelingenwerk Oost Nederland"


def test_a_past_discussion_date_of_an_open_knoop_is_marked_verlopen(client, home):
    today = datetime.date.today()
    create_item(Knoop, "Over tijd", review_date=today - datetime.timedelta(days=1))
    create_item(Knoop, "Op tijd", review_date=today + datetime.timedelta(days=7))
    create_item(
        Knoop, "Al opgelost", status="opgelost", review_date=today - datetime.timedelta(days=30)
    )
    rows = get(client, "/knopen/").select(".agenda__table tbody tr")
    marked = {text_of(row.a): bool(row.select(".overdue")) for row in rows}
    assert marked == {"Over tijd": True, "Op tijd": False}  # a solved knoop is off the agenda
    facts = get(client, "/knopen/over-tijd/").select_one(".facts").get_text(" ")
    assert "verlopen" in facts
    assert "verlopen" not in get(client, "/knopen/al-opgelost/").select_one(".facts").get_text(" ")

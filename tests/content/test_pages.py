"""What visitors see: every page type with all its fields, and the layout."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.template.loader import get_template
from wagtail.documents.models import Document
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailTestUtils

from kennisbank.models import (
    Artikel,
    Attachment,
    Beleidskader,
    Besluit,
    Knoop,
    Organisatie,
    Parel,
    ParelIndexPage,
)
from kennisbank.structure import ensure_site
from tests.content.reading import fetch, text_of
from tests.factories import create_item

# The items are built once for the module; each test's changes are rolled back after it.
# Who sees what is in tests/content/test_pages_visibility.py, lists with items of their own
# in tests/content/test_listings.py.
pytestmark = pytest.mark.django_db

TAXONOMY = {
    "themes": ["Huisvesting statushouders"],
    "gemeenten": ["Raalte"],
    "doelgroepen": ["Statushouders"],
    "organisaties": ["Sallandwonen"],
    "tags": ["flexwonen", "eerste opvang"],
}


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture(scope="module")
def document(module_data):
    document = Document(title="Verslag van de regietafel")
    document.file.save("verslag.txt", ContentFile(b"Verslag. " * 300), save=False)
    document.save()
    return document


@pytest.fixture(scope="module")
def items(module_data, document):
    """One item of every type with every field filled, linked to each other."""
    ensure_site()
    owner = Organisatie.objects.create(name="Veiligheidsregio IJsselland")

    def create_complete(model, title, **fields):
        item = create_item(
            model,
            title,
            summary=f"Samenvatting van {title}.",
            body=body(f"Tekst van {title}."),
            **TAXONOMY,
            **fields,
        )
        Attachment.objects.create(page=item, document=document)
        return item

    kader = create_complete(
        Beleidskader,
        "Huisvestingswet",
        official_title="Wet van 10 april 2014 houdende regels over het verdelen van woonruimte",
        abbreviation="Hw 2014",
        kind=Beleidskader.Kind.WET,
        authority="Rijksoverheid",
        in_force_from=datetime.date(2015, 1, 1),
        source_url="https://wetten.overheid.nl/BWBR0035303/",
    )
    besluit = create_complete(
        Besluit,
        "Regionale aanpak huisvesting",
        decision_body="RRVIJ",
        meeting_date=datetime.date(2023, 7, 14),
        decision_status=Besluit.Status.VASTGESTELD,
        decision_points=[
            ("point", "In te stemmen met een regionale aanpak."),
            ("point", "De voortgang elke maand te bespreken."),
        ],
        follow_up="<p>Het programmateam rapporteert in september.</p>",
        beleidskaders=[kader],
    )
    parel = create_complete(
        Parel,
        "Flexwoningen in Raalte",
        problem="<p>Te weinig kleine woningen.</p>",
        result="<p>Veertig woningen in een jaar.</p>",
        conditions="<p>Een bouwlocatie en subsidie van het Rijk.</p>",
        transferability="<p>Bruikbaar voor elke gemeente met een bouwlocatie.</p>",
        period="2023-2024",
        contact="Team wonen van de gemeente Raalte",
        related=[kader],
    )
    knoop = create_complete(
        Knoop,
        "Te weinig woningen voor statushouders",
        impact="<p>Statushouders blijven te lang in het azc.</p>",
        owner_organisation=owner,
        status=Knoop.Status.GEAGENDEERD,
        level=Knoop.Level.REGIO,
        review_date=datetime.date(2023, 9, 8),
        besluiten=[besluit],
        solutions=[parel],
    )
    artikel = create_complete(
        Artikel, "Ervaringen van de eerste maanden", author_organisation=owner, related=[parel]
    )
    return {
        "beleidskader": kader,
        "besluit": besluit,
        "parel": parel,
        "knoop": knoop,
        "artikel": artikel,
    }


EXPECTED_TEXT = {
    "beleidskader": [
        "Officiële titel Wet van 10 april 2014 houdende regels over het verdelen van woonruimte",
        "Afkorting Hw 2014",
        "Soort Wet",
        "Vastgesteld door Rijksoverheid",
        "In werking sinds 1 januari 2015",
        "Officiële tekst https://wetten.overheid.nl/BWBR0035303/",
        "Wat betekent het voor gemeenten? Tekst van Huisvestingswet.",
        "Besluiten over dit kader Regionale aanpak huisvesting",
        "Gerelateerde items Flexwoningen in Raalte",  # linked from the parel: both ways
    ],
    "besluit": [
        "Besluitvormend orgaan RRVIJ",
        "Vergaderdatum 14 juli 2023",
        "Status Vastgesteld",
        "Besluitpunten In te stemmen met een regionale aanpak. "
        "De voortgang elke maand te bespreken.",
        "Toelichting Tekst van Regionale aanpak huisvesting.",
        "Vervolg Het programmateam rapporteert in september.",
        "Kaders Huisvestingswet",
        "Knopen Te weinig woningen voor statushouders",
    ],
    "parel": [
        "Probleem Te weinig kleine woningen.",
        "Aanpak Tekst van Flexwoningen in Raalte.",
        "Resultaat Veertig woningen in een jaar.",
        "Randvoorwaarden en kosten Een bouwlocatie en subsidie van het Rijk.",
        "Overdraagbaarheid Bruikbaar voor elke gemeente met een bouwlocatie.",
        "Periode 2023-2024",
        "Contact Team wonen van de gemeente Raalte",
        "Lost deze knopen op Te weinig woningen voor statushouders",
        "Huisvestingswet",
        "Ervaringen van de eerste maanden",
    ],
    "knoop": [
        "Status Geagendeerd",
        "Niveau Regio",
        "Eigenaar Veiligheidsregio IJsselland",
        "Volgende bespreking 8 september 2023",
        "Beschrijving Tekst van Te weinig woningen voor statushouders.",
        "Impact Statushouders blijven te lang in het azc.",
        "Besluiten Regionale aanpak huisvesting",
        "Oplossende parels Flexwoningen in Raalte",
    ],
    "artikel": [
        "Auteur Veiligheidsregio IJsselland",
        "Tekst van Ervaringen van de eerste maanden.",
        "Gerelateerde items Flexwoningen in Raalte",
    ],
}


@pytest.mark.parametrize("type_slug", EXPECTED_TEXT)
def test_item_page_shows_all_its_own_fields(client, items, type_slug):
    item = items[type_slug]
    text = text_of(fetch(client, item))

    assert item.title in text
    assert f"Samenvatting van {item.title}." in text
    assert "Datum 14 juli 2023" in text
    for expected in EXPECTED_TEXT[type_slug]:
        assert expected in text


@pytest.mark.parametrize("type_slug", EXPECTED_TEXT)
def test_item_page_links_taxonomy_to_the_filtered_search(client, items, type_slug):
    soup = fetch(client, items[type_slug])
    links = {a["href"]: a.get_text(strip=True) for a in soup.find_all("a")}

    assert links["/zoeken/?thema=huisvesting-statushouders"] == "Huisvesting statushouders"
    assert links["/zoeken/?gemeente=raalte"] == "Raalte"
    assert links["/zoeken/?doelgroep=statushouders"] == "Statushouders"
    assert links["/zoeken/?organisatie=sallandwonen"] == "Sallandwonen"
    assert links["/zoeken/?q=flexwonen"] == "flexwonen"
    assert links["/zoeken/?q=eerste%20opvang"] == "eerste opvang"


@pytest.mark.parametrize("type_slug", EXPECTED_TEXT)
def test_item_page_lists_its_attachments(client, items, document, type_slug):
    soup = fetch(client, items[type_slug])
    link = soup.find("a", href=document.url)

    assert link.get_text(strip=True) == "Verslag van de regietafel"
    assert "(TXT, 2,6 KB)" in text_of(link.parent)


def test_besluit_lists_its_decision_points_in_order(client, items):
    heading = fetch(client, items["besluit"]).find("h2", string="Besluitpunten")
    points = heading.find_next_sibling("ol").find_all("li")

    assert [point.get_text(strip=True) for point in points] == [
        "In te stemmen met een regionale aanpak.",
        "De voortgang elke maand te bespreken.",
    ]


def test_attachment_link_downloads_the_document(client, items, document):
    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"Verslag.")


def test_layout_is_accessible_and_dutch(client, items):
    parel = items["parel"]
    soup = fetch(client, parel)

    assert soup.html["lang"] == "nl"
    assert soup.find("a", class_="skip-link")["href"] == "#inhoud"
    assert soup.find("main")["id"] == "inhoud"
    menu = soup.find("nav", attrs={"aria-label": "Hoofdmenu"})
    assert [a.get_text(strip=True) for a in menu.find_all("a")] == [
        "Parels",
        "Knopen",
        "Beleidskaders",
        "Besluiten",
        "Artikelen",
        "Vergaderingen",
        "Begrippen",
    ]
    assert menu.find("a", attrs={"aria-current": "true"}).get_text(strip=True) == "Parels"
    breadcrumbs = soup.find("nav", attrs={"aria-label": "Kruimelpad"})
    assert [a["href"] for a in breadcrumbs.find_all("a")] == ["/", "/parels/"]
    assert breadcrumbs.find(attrs={"aria-current": "page"}).get_text(strip=True) == parel.title
    form = soup.find("form", attrs={"role": "search"})
    assert (form["action"], form["method"]) == ("/zoeken/", "get")
    search_input = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": search_input["id"]}).get_text(strip=True)
    assert soup.find("meta", attrs={"name": "description"})["content"] == parel.summary
    assert soup.find("footer")


def test_login_link_returns_to_the_page_and_logged_in_users_can_log_out(client, items, user):
    parel = items["parel"]
    login = fetch(client, parel).find("a", string="Inloggen")
    assert login["href"] == f"/inloggen/?next={parel.url}"

    client.force_login(user)
    logout = fetch(client, parel).find("form", action="/uitloggen/")
    assert logout["method"] == "post"
    assert logout.find("button").get_text(strip=True) == "Uitloggen"


def test_section_page_lists_its_items(client, items):
    parel = items["parel"]
    text = text_of(fetch(client, ParelIndexPage.objects.get()))

    assert f"{parel.title} Parel 14 juli 2023 {parel.summary}" in text
    assert items["knoop"].title not in text


def test_home_page_shows_sections_with_counts_and_whats_new(client, items):
    soup = fetch(client, items["parel"].get_parent().get_parent())
    text = text_of(soup)

    assert soup.find("h1")
    assert soup.find("input", attrs={"name": "q"})
    assert "Parels 1 parel" in text
    assert "Begrippen 0 begrippen" in text
    assert "Nieuwste parels Flexwoningen in Raalte" in text
    assert "Open knopen Te weinig woningen voor statushouders" in text
    assert "Laatste besluiten Regionale aanpak huisvesting" in text


def test_unknown_address_gives_a_dutch_404_page(client, home):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    soup = WagtailTestUtils.get_soup(response.content)
    assert soup.html["lang"] == "nl"
    assert soup.find("h1").get_text(strip=True) == "Pagina niet gevonden"


def test_500_page_renders_without_a_request():
    html = get_template("500.html").render()

    assert '<html lang="nl">' in html
    assert "Er ging iets mis" in html

"""What visitors see: every page type with all its fields, the layout, and who sees what."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailTestUtils

from kennisbank.models import (
    Artikel,
    Attachment,
    BegrippenPage,
    Beleidskader,
    Besluit,
    Knoop,
    KnoopIndexPage,
    Organisatie,
    Parel,
    ParelIndexPage,
    Visibility,
)
from tests.factories import create_begrip, create_item, create_user

TAXONOMY = {
    "themes": ["Huisvesting statushouders"],
    "gemeenten": ["Raalte"],
    "doelgroepen": ["Statushouders"],
    "organisaties": ["Sallandwonen"],
    "tags": ["flexwonen", "eerste opvang"],
}


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def fetch(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return WagtailTestUtils.get_soup(response.content)


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


def text_seen(client, pages):
    """The text of all `pages` together, as the client sees it."""
    return " ".join(text_of(fetch(client, page)) for page in pages)


@pytest.fixture
def document(db):
    document = Document(title="Verslag van de regietafel")
    document.file.save("verslag.txt", ContentFile(b"Verslag. " * 300), save=False)
    document.save()
    return document


@pytest.fixture
def user(db):
    return create_user()


@pytest.fixture
def items(home, document):
    """One item of every type with every field filled, linked to each other."""
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


def test_home_page_lists_only_open_knopen(client, home):
    for status in Knoop.Status:
        create_item(Knoop, f"Knoop die {status.label.lower()} is", status=status)

    open_knopen = text_of(fetch(client, home).find("h2", string="Open knopen").parent)

    assert "Knoop die gesignaleerd is" in open_knopen
    assert "Knoop die geagendeerd is" in open_knopen
    assert "Knoop die geëscaleerd is" in open_knopen
    assert "Knoop die opgelost is" not in open_knopen
    assert "Knoop die geparkeerd is" not in open_knopen


def test_home_page_lists_the_open_knopen_due_first_and_links_to_the_agenda(client, home):
    today = datetime.date(2024, 3, 1)
    for day in range(12, 0, -1):  # twelve open knopen, review dates 2 to 13 March
        create_item(Knoop, f"Knoop {day:02}", review_date=today + datetime.timedelta(days=day))
    create_item(Knoop, "Knoop zonder bespreking")
    create_item(Knoop, "Knoop voor het netwerk", visibility=Visibility.NETWORK)
    create_item(Knoop, "Opgeloste knoop", status=Knoop.Status.OPGELOST, review_date=today)

    section = fetch(client, home).find("h2", string="Open knopen").parent
    assert [a.get_text(strip=True) for a in section.select(".page-list__title")] == [
        f"Knoop {day:02}" for day in range(1, 9)
    ]
    agenda = section.find("a", string=re.compile("Alle open knopen"))
    assert agenda["href"] == KnoopIndexPage.objects.get().url
    assert text_of(agenda) == "Alle open knopen (13)"

    client.force_login(create_user())
    section = fetch(client, home).find("h2", string="Open knopen").parent
    assert text_of(section.find("a", string=re.compile("Alle open knopen"))) == (
        "Alle open knopen (14)"
    )


def test_glossary_groups_terms_by_letter(client, home):
    create_begrip(
        "Alleenstaande minderjarige vreemdeling",
        "AMV",
        synonyms=["alleenreizende minderjarige vluchteling"],
        definition="Een kind dat zonder ouders naar Nederland kwam.",
    )
    create_begrip("asielzoekerscentrum", "azc", definition="Een opvanglocatie van het COA.")
    create_begrip("Crisisnoodopvang", "CNO", definition="Opvang voor korte tijd.")

    soup = fetch(client, BegrippenPage.objects.get())

    letters = soup.find("nav", attrs={"aria-label": "Begrippen per letter"})
    assert [a["href"] for a in letters.find_all("a")] == ["#letter-a", "#letter-c"]
    letter_a = text_of(soup.find(id="letter-a"))
    assert (
        "Alleenstaande minderjarige vreemdeling AMV Een kind dat zonder ouders naar Nederland "
        "kwam. Ook: alleenreizende minderjarige vluchteling" in letter_a
    )
    assert "asielzoekerscentrum azc Een opvanglocatie van het COA." in letter_a
    assert "Crisisnoodopvang CNO Opvang voor korte tijd." in text_of(soup.find(id="letter-c"))


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


# ---------------------------------------------------------------------------- Privacy


@pytest.fixture
def mixed(home):
    """Public, network-only and draft items, each linked from public items."""
    network = create_item(Parel, "Netwerkparel", visibility=Visibility.NETWORK)
    draft = create_item(Parel, "Conceptparel", publish=False)
    public = create_item(Parel, "Openbare parel", related=[network, draft])
    network_besluit = create_item(Besluit, "Netwerkbesluit", visibility=Visibility.NETWORK)
    knoop = create_item(
        Knoop,
        "Openbare knoop",
        solutions=[public, network, draft],
        besluiten=[network_besluit],
    )
    create_item(Knoop, "Netwerkknoop", visibility=Visibility.NETWORK, besluiten=[network_besluit])
    return {
        "network": network,
        "draft": draft,
        "public": public,
        "network_besluit": network_besluit,
        "knoop": knoop,
    }


def public_pages(home, mixed):
    """Where items show up: home, sections, related items, linked lists."""
    return [
        home,
        ParelIndexPage.objects.get(),
        KnoopIndexPage.objects.get(),
        mixed["public"],
        mixed["knoop"],
    ]


def test_network_item_asks_anonymous_visitors_to_log_in(client, mixed, user):
    network = mixed["network"]

    response = client.get(network.url)
    assert response.status_code == 302
    assert response["Location"] == f"/inloggen/?next={network.url}"

    client.force_login(user)
    text = text_of(fetch(client, network))
    assert "Netwerkparel" in text
    assert "Alleen voor het netwerk" in text


def test_anonymous_visitors_never_see_network_items(client, home, mixed):
    text = text_seen(client, public_pages(home, mixed))

    assert "Openbare parel" in text
    assert "Netwerkparel" not in text
    assert "Netwerkknoop" not in text
    assert "Netwerkbesluit" not in text
    assert "Alleen voor het netwerk" not in text
    assert "Parels 1 parel" in text


def test_logged_in_users_see_network_items_marked_as_such(client, home, mixed, user):
    client.force_login(user)
    for page in [home, ParelIndexPage.objects.get(), mixed["public"], mixed["knoop"]]:
        soup = fetch(client, page)
        item = soup.find("a", string="Netwerkparel").parent
        assert "Alleen voor het netwerk" in text_of(item), page.url
    assert "Parels 2 parels" in text_of(fetch(client, home))


@pytest.mark.parametrize("logged_in", [False, True])
def test_draft_items_show_up_nowhere(client, home, mixed, user, logged_in):
    if logged_in:
        client.force_login(user)

    assert "Conceptparel" not in text_seen(client, public_pages(home, mixed))
    assert client.get(mixed["draft"].url).status_code == 404


# ---------------------------------------------------------------------------- visible_to

VISIBLE_TO = Template(
    "{% load kennisbank_tags %}{% visible_to pages request as shown %}"
    "{% for page in shown %}{{ page.title }};{% endfor %}"
)


def visible_titles(pages, user):
    request = RequestFactory().get("/")
    request.user, request.session = user, {}
    return sorted(VISIBLE_TO.render(Context({"pages": pages, "request": request})).split(";")[:-1])


def test_visible_to_shows_anonymous_visitors_live_public_pages_only(mixed):
    assert visible_titles(Parel.objects.all(), AnonymousUser()) == ["Openbare parel"]


def test_visible_to_shows_logged_in_users_every_live_page(mixed, user):
    assert visible_titles(Parel.objects.all(), user) == ["Netwerkparel", "Openbare parel"]


def test_visible_to_follows_restrictions_on_a_section(mixed, user):
    PageViewRestriction.objects.create(
        page=ParelIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
    )

    assert visible_titles(Parel.objects.all(), AnonymousUser()) == []
    assert visible_titles(Parel.objects.all(), user) == ["Netwerkparel", "Openbare parel"]


def test_visible_to_filters_relations_that_are_not_saved_yet(mixed):
    knoop = mixed["knoop"]
    knoop.solutions = [mixed["public"], mixed["network"], mixed["draft"]]  # as in a preview

    assert visible_titles(knoop.solutions.all(), AnonymousUser()) == ["Openbare parel"]


def test_section_lists_items_twenty_to_a_page(client, home):
    for number in range(25):
        create_item(Parel, f"Parel {number:02d}", date=datetime.date(2023, 1, 1 + number))
    first = client.get("/parels/").content.decode()
    second = client.get("/parels/", {"page": 2}).content.decode()
    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second
    assert "Parel 24" in first and "Parel 04" not in first  # newest first
    assert "Parel 04" in second and "Parel 00" in second and "Parel 05" not in second

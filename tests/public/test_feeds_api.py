"""What the kennisbank tells machines: the API at /api/v2/, the RSS feeds, sitemap.xml and
robots.txt. Anonymous visitors get public items only, never a trace of the others."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from kennisbank.models import (
    BegrippenPage,
    Beleidskader,
    Besluit,
    BesluitIndexPage,
    Knoop,
    Parel,
    ParelIndexPage,
    Visibility,
)
from kennisbank.structure import ensure_site
from tests.factories import attach, create_begrip, create_item, create_user, fresh_copies

pytestmark = pytest.mark.django_db

SECRET = "Geheim"  # in the title of everything an anonymous visitor must not see
THEME = "Huisvesting statushouders"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def closed_collection():
    """A collection whose documents and images only logged-in users may open."""
    collection = Collection.get_first_root_node().add_child(name="Besloten")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.fixture(scope="module")
def site(module_data):
    """The site tree, built once for the module; the items of `shared_content` go into it."""
    return ensure_site()


@pytest.fixture(scope="module")
def shared_content(site):
    """Public, network-only and draft items with their documents, and images; built once for
    the module."""
    parel = create_item(
        Parel,
        "Woningen gevonden met de corporatie",
        summary="Raalte huisvestte statushouders samen met de corporatie.",
        date=datetime.date(2024, 3, 1),
        themes=[THEME],
        tags=["woningen"],
    )
    besluit = create_item(
        Besluit, "Regietafel ingesteld", date=datetime.date(2023, 6, 9), themes=[THEME]
    )
    network_parel = create_item(
        Parel,
        f"{SECRET}e netwerkparel",
        visibility=Visibility.NETWORK,
        date=datetime.date(2024, 5, 1),
        themes=[THEME],
    )
    network_besluit = create_item(
        Besluit, f"{SECRET} netwerkbesluit", visibility=Visibility.NETWORK
    )
    draft = create_item(Knoop, f"{SECRET}e conceptknoop", publish=False, themes=[THEME])
    knoop = create_item(
        Knoop, "Te weinig woningen", related=[parel, network_parel, draft], themes=[THEME]
    )
    knoop.solutions.set([parel, network_parel])
    knoop.besluiten.set([network_besluit])
    knoop.save_revision().publish()
    closed = closed_collection()
    return {
        "parel": parel,
        "besluit": besluit,
        "knoop": knoop,
        "network_parel": network_parel,
        "network_besluit": network_besluit,
        "draft": draft,
        "public_document": attach(parel, "openbaar-verslag"),
        "network_document": attach(network_parel, f"{SECRET}-netwerkverslag"),
        "draft_document": attach(draft, f"{SECRET}-conceptnotitie"),
        "closed_document": attach(parel, f"{SECRET}-besloten-notitie", collection=closed),
        # Published on its own by the Redactie, in an open collection of its own.
        "public_image": Image.objects.create(
            title="Kaart van IJsselland",
            collection=Collection.get_first_root_node().add_child(name="Kaarten"),
            file=get_test_image_file(),
        ),
        "unused_image": Image.objects.create(
            title=f"{SECRET}e ongebruikte foto", file=get_test_image_file()
        ),
        "closed_image": Image.objects.create(
            title=f"{SECRET}e foto", collection=closed, file=get_test_image_file()
        ),
    }


@pytest.fixture
def content(shared_content):
    """The shared content as the database holds it, in objects of this test's own."""
    return fresh_copies(shared_content)


def public_titles(content):
    return {content[key].title for key in ("parel", "besluit", "knoop")}


# ---------------------------------------------------------------------------- feeds


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert SECRET.lower().encode() not in response.content.lower()
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_site_feed_lists_public_items_newest_first(client, content):
    feed = read_feed(client, "/feeds/")
    assert feed.feed.title == "Kennisbank Vluchtelingen IJsselland"
    assert feed.feed.language == "nl"
    assert [entry.title for entry in feed.entries] == [
        "Woningen gevonden met de corporatie",  # 1 March 2024
        "Te weinig woningen",  # 14 July 2023
        "Regietafel ingesteld",  # 9 June 2023
    ]
    parel = feed.entries[0]
    assert parel.summary == "Raalte huisvestte statushouders samen met de corporatie."
    assert urlsplit(parel.link).path == content["parel"].url
    assert parel.published.startswith("Fri, 01 Mar 2024")  # the item's date, not its upload
    assert {tag.term for tag in parel.tags} == {THEME, "woningen"}


def test_section_feed_lists_its_own_public_items(client, content):
    feed = read_feed(client, "/feeds/parels/")
    assert feed.feed.title == "Parels — Kennisbank Vluchtelingen IJsselland"
    assert urlsplit(feed.feed.link).path == "/parels/"
    assert [entry.title for entry in feed.entries] == ["Woningen gevonden met de corporatie"]
    assert [e.title for e in read_feed(client, "/feeds/besluiten/").entries] == [
        "Regietafel ingesteld"
    ]


def test_theme_feed_lists_public_items_on_the_theme(client, content):
    feed = read_feed(client, "/feeds/thema/huisvesting-statushouders/")
    assert feed.feed.title == f"Thema {THEME} — Kennisbank Vluchtelingen IJsselland"
    assert {entry.title for entry in feed.entries} == public_titles(content)
    link = client.get(feed.feed.link)
    assert link.status_code == 200
    assert "Woningen gevonden met de corporatie" in link.content.decode()


def test_feeds_stay_public_for_members(client, content):
    client.force_login(create_user())
    for url in ["/feeds/", "/feeds/parels/", "/feeds/thema/huisvesting-statushouders/"]:
        read_feed(client, url)


@pytest.mark.parametrize(
    "url", ["/feeds/thema/bestaat-niet/", "/feeds/bestaat-niet/", "/feeds/begrippen/"]
)
def test_feed_of_an_unknown_theme_or_section_is_not_found(client, content, url):
    assert client.get(url).status_code == 404


def test_pages_link_to_their_feeds(client, content):
    section = ParelIndexPage.objects.get()
    for page in [section, content["parel"]]:
        html = client.get(page.url).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert 'href="/feeds/"' in html
        assert 'href="/feeds/parels/"' in html
    home = client.get("/").content.decode()
    assert 'href="/feeds/"' in home and 'href="/feeds/parels/"' not in home


# ---------------------------------------------------------------------------- sitemap, robots


def test_sitemap_is_xml_with_the_public_pages_only(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert SECRET.lower().encode() not in response.content.lower()
    root = ET.fromstring(response.content)
    paths = {urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP}loc")}
    items = {content[key].url for key in ("parel", "besluit", "knoop")}
    sections = {"/", "/parels/", "/knopen/", "/beleidskaders/", "/besluiten/", "/artikelen/",
                "/vergaderingen/"}  # fmt: skip
    statements = {"/toegankelijkheid/", "/privacy/", "/contact/"}
    assert paths == items | sections | statements | {BegrippenPage.objects.get().url}


def test_a_section_closed_by_page_privacy_disappears_everywhere(client, content):
    section = BesluitIndexPage.objects.get()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/besluiten/" not in sitemap
    assert client.get("/feeds/besluiten/").status_code == 404
    assert "Regietafel ingesteld" not in {e.title for e in read_feed(client, "/feeds/").entries}
    titles = {i["title"] for i in api(client, "pages/", type="kennisbank.KennisItem")["items"]}
    assert titles == {content["parel"].title, content["knoop"].title}
    assert client.get(f"/api/v2/pages/{section.pk}/").status_code == 404


def test_robots_txt_keeps_crawlers_out_of_admin_and_search_and_names_the_sitemap(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert {"Disallow: /admin/", "Disallow: /zoeken/"} <= set(lines)
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines


# ---------------------------------------------------------------------------- API: pages


def api(client, path, **params):
    response = client.get(f"/api/v2/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def everything(client, content):
    """Every API answer an anonymous visitor could ask about the items, as one text."""
    answers = [api(client, "pages/", type="kennisbank.KennisItem", fields="*", limit=20)]
    answers += [api(client, f"pages/{content[key].pk}/") for key in ("parel", "besluit", "knoop")]
    answers += [api(client, "pages/", fields="*"), api(client, "documents/", fields="*")]
    answers += [api(client, "images/", fields="*")]
    return repr(answers)


def test_anonymous_gets_public_items_only(client, content):
    listing = api(client, "pages/", type="kennisbank.KennisItem")
    assert {item["title"] for item in listing["items"]} == public_titles(content)
    assert listing["meta"]["total_count"] == 3
    assert SECRET.lower() not in everything(client, content).lower()  # titles, slugs
    for key in ("network_parel", "network_besluit", "draft"):
        assert client.get(f"/api/v2/pages/{content[key].pk}/").status_code == 404
    hidden = content["network_parel"].url
    assert client.get("/api/v2/pages/find/", {"html_path": hidden}).status_code == 404
    network = api(client, "pages/", type="kennisbank.Parel", visibility="network")
    assert network["items"] == []


def test_related_items_name_only_what_the_user_may_see(client, content):
    knoop = api(client, f"pages/{content['knoop'].pk}/")
    assert [item["title"] for item in knoop["related_items"]] == [content["parel"].title]
    assert [item["title"] for item in knoop["solutions"]] == [content["parel"].title]
    assert knoop["besluiten"] == []
    parel = api(client, f"pages/{content['parel'].pk}/")
    assert [item["title"] for item in parel["solves"]] == ["Te weinig woningen"]
    # Nor can a filter tell whether an item links to a hidden one.
    hidden_link = {"type": "kennisbank.Knoop", "besluiten": content["network_besluit"].pk}
    assert client.get("/api/v2/pages/", hidden_link).status_code == 400

    client.force_login(create_user())
    knoop = api(client, f"pages/{content['knoop'].pk}/")
    assert [item["title"] for item in knoop["related_items"]] == [
        f"{SECRET}e netwerkparel",
        "Woningen gevonden met de corporatie",
    ]
    assert [item["title"] for item in knoop["besluiten"]] == [f"{SECRET} netwerkbesluit"]
    assert "conceptknoop" not in repr(knoop)


def test_member_gets_network_items_but_never_drafts(client, content):
    client.force_login(create_user())
    listing = api(client, "pages/", type="kennisbank.KennisItem", fields="visibility")
    titles = {item["title"]: item["visibility"] for item in listing["items"]}
    assert titles == dict.fromkeys(public_titles(content), "public") | {
        f"{SECRET}e netwerkparel": "network",
        f"{SECRET} netwerkbesluit": "network",
    }
    assert (
        api(client, f"pages/{content['network_parel'].pk}/")["title"] == f"{SECRET}e netwerkparel"
    )
    assert client.get(f"/api/v2/pages/{content['draft'].pk}/").status_code == 404


def test_item_shows_its_vocabularies_tags_and_attachments(client, content):
    parel = api(client, f"pages/{content['parel'].pk}/")
    assert parel["meta"]["type"] == "kennisbank.Parel"
    assert parel["summary"] == "Raalte huisvestte statushouders samen met de corporatie."
    assert parel["date"] == "2024-03-01"
    assert parel["themes"] == [{"name": THEME, "slug": "huisvesting-statushouders"}]
    assert parel["tags"] == [{"name": "woningen", "slug": "woningen"}]
    [attachment] = parel["attachments"]
    assert attachment["title"] == "openbaar-verslag"
    assert attachment["file_extension"] == "txt"
    download = client.get(attachment["meta"]["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"Verslag van de regietafel."


def test_every_type_shows_its_own_fields(client, site):
    knoop = create_item(Knoop, status=Knoop.Status.GEESCALEERD, level=Knoop.Level.RIJK)
    kader = create_item(
        Beleidskader,
        "Spreidingswet",
        official_title="Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen",
        source_url="https://wetten.overheid.nl/BWBR0049005",
    )
    besluit = create_item(
        Besluit,
        decision_body="BOV",
        meeting_date=datetime.date(2023, 7, 14),
        decision_points=[("point", "In te stemmen met de regionale regietafel.")],
    )
    besluit.beleidskaders.add(kader)
    besluit.save_revision().publish()

    data = api(client, f"pages/{knoop.pk}/")
    assert (data["status"], data["level"]) == ("geescaleerd", "rijk")
    data = api(client, f"pages/{kader.pk}/")
    assert data["official_title"].startswith("Wet gemeentelijke taak")
    assert data["source_url"] == "https://wetten.overheid.nl/BWBR0049005"
    assert [b["meta"]["type"] for b in data["besluiten"]] == ["kennisbank.Besluit"]
    data = api(client, f"pages/{besluit.pk}/")
    assert data["decision_body"] == "BOV"
    assert data["meeting_date"] == "2023-07-14"
    assert [point["value"] for point in data["decision_points"]] == [
        "In te stemmen met de regionale regietafel."
    ]
    assert [kader["title"] for kader in data["beleidskaders"]] == ["Spreidingswet"]


def test_glossary_page_lists_its_begrippen(client, site):
    create_begrip("alleenstaande minderjarige vreemdeling", "AMV", ["alleenreizende minderjarige"])
    data = api(client, f"pages/{BegrippenPage.objects.get().pk}/")
    assert data["begrippen"] == [
        {
            "term": "alleenstaande minderjarige vreemdeling",
            "slug": "amv",
            "abbreviation": "AMV",
            "definition": "Uitleg.",
            "synonyms": ["alleenreizende minderjarige"],
        }
    ]


# ---------------------------------------------------------------------------- API: files


def test_anonymous_gets_documents_and_images_anyone_may_open(client, content):
    documents = api(client, "documents/")["items"]
    assert [document["title"] for document in documents] == ["openbaar-verslag"]
    for key in ("network_document", "draft_document", "closed_document"):
        assert client.get(f"/api/v2/documents/{content[key].pk}/").status_code == 404
    images = api(client, "images/")["items"]
    assert [image["title"] for image in images] == ["Kaart van IJsselland"]
    assert client.get(f"/api/v2/images/{content['closed_image'].pk}/").status_code == 404


def test_member_gets_network_documents_and_closed_collections_but_no_drafts(client, content):
    client.force_login(create_user())
    titles = {document["title"] for document in api(client, "documents/")["items"]}
    assert titles == {"openbaar-verslag", f"{SECRET}-netwerkverslag", f"{SECRET}-besloten-notitie"}
    titles = {image["title"] for image in api(client, "images/")["items"]}
    assert titles == {"Kaart van IJsselland", f"{SECRET}e foto"}


# ---------------------------------------------------------------------------- API: bad input


@pytest.mark.parametrize(
    "query",
    [
        "pages/?type=kennisbank.Parel&date=gisteren",
        "pages/?type=kennisbank.Knoop&review_date=2023-02-31",
        "pages/?type=kennisbank.Parel&themes=zorg",
        "pages/?type=kennisbank.Knoop&besluiten=abc",
        "pages/?type=kennisbank.Bestaatniet",
        "pages/?onbekend=1",
        "pages/?limit=veel",
        "pages/?offset=-1",
        "pages/?order=onbekend",
        "pages/?fields=((",
        "pages/?child_of=abc",
        "pages/?search=woningen",
        "documents/?id=abc",
        "images/?limit=1000",
    ],
)
def test_malformed_parameters_get_a_400_with_a_message(client, site, query):
    response = client.get(f"/api/v2/{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_search_is_pointed_to_the_search_api(client, content):
    assert "/api/zoeken/" in client.get("/api/v2/pages/?search=woningen").json()["message"]


def test_offset_past_the_end_is_an_empty_page(client, content):
    data = api(client, "pages/", offset=10**30)
    assert data["items"] == []
    assert data["meta"]["total_count"] > 0

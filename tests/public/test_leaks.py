"""Nothing private reaches a visitor who may not see it.

The database holds public items; network-only items (a login restriction); an item restricted
to the Redactie group and one behind a shared password (Wagtail's privacy dialog); a whole
section restricted to the Redactie; drafts and a public item's unpublished change; and
documents and an image in collections restricted to the Redactie or a password. Each secret
carries made-up words in its title, summary, tags and attachment, shares themes with the
public items and is related both ways with them. A client (anonymous, a Netwerkpartner, a
Gemeente user) then visits every URL it can reach from the home page, the sitemap,
robots.txt, the feeds, the API (with every filter) and the search (with every filter, and
the secret words and their prefixes as queries), asks for each secret page, document and
image directly, and follows every same-site link in HTML, XML and JSON. No response may
contain a word of a secret that the client's role may not see."""

import importlib
import io
import json
import re
from collections import deque
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import clear_url_caches
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import kennisbank.config.urls
from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import (
    ITEM_TYPES,
    Artikel,
    Beleidskader,
    BeleidskaderIndexPage,
    Besluit,
    Knoop,
    Meting,
    Parel,
    Vergadering,
    Visibility,
)
from kennisbank.structure import ensure_site
from tests.factories import add_opgave, attach, create_item, create_member

pytestmark = pytest.mark.django_db

THEME = "Huisvesting statushouders"
SITE_HOSTS = {"", "testserver", "localhost", "127.0.0.1", "127.0.0.1:8000"}
EXCLUDED = ("/admin/", "/static/")
BUDGET = 2500  # requests; the crawl of this small database needs far fewer
PASSWORD = "ibis-wachtwoord-2024"
# Every filter of the search and the API; the feeds are also found through <link rel="alternate">.
FILTERS = [
    *[{"type": slug} for slug in ITEM_TYPES],
    {"thema": "huisvesting-statushouders"},
    {"jaar": 2023},
    *[{"status": status} for status in Knoop.Status.values],
    {"sort": "date"},
    {"per_page": 100},
]
START = [
    "/", "/sitemap.xml", "/robots.txt", "/feeds/", "/feeds/thema/huisvesting-statushouders/",
    *[f"/feeds/{section}/" for section in ("parels", "knopen", "beleidskaders", "besluiten",
                                           "artikelen")],
    "/api/v2/pages/", "/api/v2/pages/?fields=*", "/api/v2/documents/",
    "/api/v2/documents/?fields=*", "/api/v2/images/", "/api/v2/images/?fields=*",
    *[f"/api/v2/pages/?type=kennisbank.{model.__name__}&fields=*"
      for model in ITEM_TYPES.values()],
    "/zoeken/", "/api/zoeken/", "/opgaven/", "/opgaven/alle.csv", "/api/opgaven/",
    "/vergaderingen/agenda.ics", "/zoeken/?q=taakstelling+Zwolle",
    "/api/zoeken/?q=taakstelling+Zwolle",
    *[f"{path}?{urlencode(params)}" for params in FILTERS for path in ("/zoeken/", "/api/zoeken/")],
]  # fmt: skip

# Who may see what, beside the public items. Drafts, and what a password guards, nobody
# without the password.
ROLES = {
    "anonymous": set(),
    NETWERKPARTNER: {"network"},
    GEMEENTE: {"network"},
    REDACTIE: {"network", "redactie", "section"},
}
# Each secret item: (audience, model, title, summary, tag, document title, file name, text).
SECRETS = [
    ("network", Parel, "Zwavelkwartelaanpak", "Kobaltmarmotten helpen elkaar.", "geheimtagmerel",
     "Plimsoltabel", "ozonvlinderlijst.txt", "Ultramarijnkoekoek en meer."),
    ("network", Knoop, "Cadmiumcavia-knelpunt", "Robijnrupsen wachten.", "", "", "", ""),
    ("network", Besluit, "Jaspisjakhalsbesluit", "Besloten over lazuurlynxen.", "", "", "", ""),
    ("network", Artikel, "Opaaloehoe-ervaringen", "Verhaal over smaragdspreeuwen.", "", "", "",
     ""),
    ("draft", Parel, "Saffierhagedisproject", "Tinnenpinguins in de klas.", "conceptmuskusrat",
     "Basaltreigeroverzicht", "kwartsegelnotitie.txt", "Porfierpelikaan staat hierin."),
    ("draft", Knoop, "Turkooistapir-probleem", "Zilverzalmen zonder huis.", "", "", "", ""),
    ("redactie", Parel, "Vanadiumvalkenplan", "Titaniumtapirs snorkelen.", "xenonkrekeltag",
     "Chroomcondorstuk", "mangaanmeeuwnota.txt", "Nikkelnijlpaard staat erin."),
    ("password", Artikel, "Iridiumibisverslag", "Palladiumpadden praten.", "kryptonwespentag",
     "Rhodiumreigerbrief", "osmiumotternota.txt", "Telluurtortel in de tekst."),
    ("section", Beleidskader, "Hafniumhavikkader", "Niobiumneushoorns regelen.", "", "", "", ""),
    ("network", Vergadering, "Galliumgazellenoverleg", "Germaniumgieren bijeen.", "", "", "",
     ""),
]  # fmt: skip
# A network-only agenda item of a public meeting: (audience, title, proposal).
SECRET_AGENDA_ITEM = ("network", "Strontiumstekelvarken", "Bariumbuizerdvoorstel bespreken.")
# A public item's unpublished change.
DRAFT_CHANGE = ("Wolframwezelversie", "Granietgekko's in concept.")
# Documents published on their own and an image, in restricted collections:
# (audience, collection, restriction, title, file name, text).
COLLECTION_SECRETS = [
    ("redactie", "Redactiestukken", CollectionViewRestriction.GROUPS, "Berylliumbeverstuk",
     "scandiumspecht.txt", "Scandiumspechten kwetterden."),
    ("password", "Wachtwoordstukken", CollectionViewRestriction.PASSWORD, "Yttriumyakbrief",
     "cesiumcobra.txt", "Cesiumcobra's gezien."),
]  # fmt: skip
SECRET_IMAGE = ("redactie", "Lanthaanlepelaarfoto")
# A network-only opgave: its figure's source, beside a public opgave of the same kind.
SECRET_OPGAVE = ("network", "Zirkoonzebrabrief van de regio")


def words(*texts):
    return [word for text in texts for word in re.findall(r"[A-Za-zë]{9,}", text)]


def secret_words(audiences):
    """Lowercase words of every secret whose audience is not among `audiences`."""
    found = {w for secret in SECRETS if secret[0] not in audiences for w in words(*secret[2:])}
    found |= {w for s in COLLECTION_SECRETS if s[0] not in audiences for w in words(*s[3:])}
    found |= set(words(SECRET_IMAGE[1])) if SECRET_IMAGE[0] not in audiences else set()
    found |= set(words(SECRET_OPGAVE[1])) if SECRET_OPGAVE[0] not in audiences else set()
    found |= (
        set(words(*SECRET_AGENDA_ITEM[1:])) if SECRET_AGENDA_ITEM[0] not in audiences else set()
    )
    return sorted({word.lower() for word in found | set(words(*DRAFT_CHANGE))})


def needles(audiences):
    # A stem or a highlighted fragment gives a word away as well as the whole word does.
    return {word: word[:8] for word in secret_words(audiences)}


def restrict(page, restriction_type, **fields):
    """Privacy as an editor sets it in Wagtail's dialog."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name=REDACTIE))
    return restriction


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return ImageFile(buffer, name="lanthaanlepelaar.png")


@pytest.fixture(scope="module")
def seeded(module_data):
    ensure_site()
    public_parel = create_item(Parel, "Openbare taalmaatjes", themes=[THEME], tags=["taal"])
    public_knoop = create_item(Knoop, "Openbare wachtlijst", themes=[THEME])
    public_besluit = create_item(Besluit, "Openbaar besluit RRVIJ", themes=[THEME])
    attach(public_parel, "Openbare handleiding", "Gewone woorden.", "handleiding.txt")
    public_parel.save_revision().publish()
    restrict(BeleidskaderIndexPage.objects.get(), PageViewRestriction.GROUPS)

    secret_items, password_item = {}, None
    for audience, model, title, summary, tag, doc_title, file_name, text in SECRETS:
        item = create_item(
            model,
            title,
            summary=summary,
            publish=audience != "draft",
            themes=[THEME],
            tags=[tag] if tag else [],
            related=[public_parel, public_knoop],
            **({"visibility": Visibility.NETWORK} if audience == "network" else {}),
        )
        if doc_title:
            attach(item, doc_title, text, file_name)
            revision = item.save_revision()
            if audience != "draft":
                revision.publish()
        if audience == "redactie":
            restrict(item, PageViewRestriction.GROUPS)
        if audience == "password":
            password_item = restrict(item, PageViewRestriction.PASSWORD, password=PASSWORD).page
        secret_items[title] = item

    # Public items point at the secret ones as well: related, solutions, decisions.
    for public in (public_parel, public_knoop, public_besluit):
        for item in secret_items.values():
            public.related_links.create(item=item)
    public_knoop.solutions.add(*[i for i in secret_items.values() if isinstance(i, Parel)])
    public_knoop.besluiten.add(*[i for i in secret_items.values() if isinstance(i, Besluit)])
    for public in (public_parel, public_knoop, public_besluit):
        public.save_revision().publish()

    meeting = create_item(Vergadering, "Openbare regietafel", themes=[THEME])
    meeting.agenda_items.create(title="Openbaar punt", proposal="Gewoon voorstel.")
    meeting.agenda_items.create(
        title=SECRET_AGENDA_ITEM[1], proposal=SECRET_AGENDA_ITEM[2], visibility=Visibility.NETWORK
    )
    meeting.save_revision().publish()

    # An unpublished change to a public item.
    public_besluit.title, public_besluit.summary = DRAFT_CHANGE
    public_besluit.save_revision()

    root = Collection.get_first_root_node()
    documents = {}
    for _audience, name, restriction_type, title, file_name, text in COLLECTION_SECRETS:
        collection = root.add_child(name=name)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=restriction_type, password=PASSWORD
        )
        restriction.groups.add(Group.objects.get(name=REDACTIE))
        documents[title] = get_document_model().objects.create(
            title=title, collection=collection, file=ContentFile(text.encode(), name=file_name)
        )
    image = get_image_model().objects.create(
        title=SECRET_IMAGE[1], file=png(), collection=Collection.objects.get(name="Redactiestukken")
    )
    add_opgave(gemeente="Raalte")
    secret_opgave = add_opgave(gemeente="Zwolle", visibility=Visibility.NETWORK)
    Meting.objects.filter(opgave=secret_opgave).update(source=SECRET_OPGAVE[1])
    return {
        "secret_items": secret_items,
        "password_item": password_item,
        "public": [public_parel, public_knoop, public_besluit, meeting],
        "documents": documents,
        "image": image,
    }


def direct_probes(seeded):
    """Each secret page, document and image asked for by its address."""
    probes = []
    for item in seeded["secret_items"].values():
        probes += [item.url, f"/api/v2/pages/{item.pk}/", f"/api/v2/pages/{item.pk}/?fields=*"]
        for attachment in item.attachments.all():
            document = attachment.document
            probes += [document.url, f"/api/v2/documents/{document.pk}/", document.file.url]
    for document in seeded["documents"].values():
        probes += [document.url, f"/api/v2/documents/{document.pk}/", document.file.url]
    image = seeded["image"]
    probes += [
        f"/api/v2/images/{image.pk}/",
        image.file.url,
        BeleidskaderIndexPage.objects.get().url,
    ]
    return [(path, None) for path in probes if path]


def same_site_path(url, base):
    parts = urlsplit(urljoin(base, url.strip()))
    if parts.scheme not in ("http", "https") or parts.netloc not in SITE_HOSTS:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(EXCLUDED) else path


def body(response):
    """The bytes of a response, streamed (a document) or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def links_in(response, content):
    """Every URL in an HTML, XML, feed or JSON response."""
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        found = []

        def walk(value):
            if isinstance(value, dict):
                for child in value.values():
                    walk(child)
            elif isinstance(value, list):
                for child in value:
                    walk(child)
            elif isinstance(value, str) and (value.startswith(("/", "http://", "https://"))):
                found.append(value)

        walk(json.loads(content))
        return found
    if not any(kind in content_type for kind in ("html", "xml", "text/plain")):
        return []
    text = content.decode(errors="replace")
    found = re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", text)
    found += re.findall(r"<(?:loc|link|id)>\s*([^<\s]+)\s*</", text)
    found += re.findall(r"^(?:Sitemap|Allow|Disallow):\s*(\S+)", text, flags=re.M)
    return [url.replace("&amp;", "&") for url in found]


def text_of(content, content_type):
    """All text of a response, with JSON's escaped characters written out."""
    text = content.decode(errors="replace")
    if "json" in content_type:
        text += json.dumps(json.loads(content), ensure_ascii=False)
    return text.lower()


def search_probes(secret):
    """Search and suggestions for every secret word and its first letters, with and without
    a filter."""
    probes = []
    for word in secret:
        for query in (word, word[:5]):
            for params in ({"q": query}, {"q": query, "thema": "huisvesting-statushouders"}):
                probes.append((f"/zoeken/?{urlencode(params)}", word))
                probes.append((f"/api/zoeken/?{urlencode(params)}", word))
            probes.append((f"/api/zoeken/suggesties/?{urlencode({'q': query})}", word))
    return probes


def crawl(client, seeded, audiences=()):
    """Visit everything reachable and every secret's own address; return {path: status} and
    the leaks found: words of the secrets whose audience is not among `audiences`."""
    secret = needles(audiences)
    queue = deque([(path, None) for path in START] + direct_probes(seeded))
    queue += search_probes(secret)
    seen, visited, leaks = set(), {}, []
    while queue:
        path, asked_for = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        assert len(seen) <= BUDGET, "the crawl does not end"
        response = client.get(path)
        assert response.status_code < 500, path
        content = body(response)
        text = text_of(content, response.get("Content-Type", ""))
        visited[path] = response.status_code
        for word, needle in secret.items():
            # A search repeats its own query: a probe is checked for every other word.
            if needle in text and word != asked_for and needle not in path.lower():
                leaks.append((path, word))
        if response.status_code == 200:
            for url in links_in(response, content):
                target = same_site_path(url, "http://testserver" + path)
                if target and target not in seen:
                    queue.append((target, None))
    return visited, leaks


def login(client, role):
    user = create_member(role.lower(), role, "Vluchtelingenwerk", gemeente="Zwolle")
    client.force_login(user)
    return user


def assert_no_leaks(leaks):
    assert leaks == [], "\n".join(f"{path}: {word}" for path, word in leaks)


def test_nothing_secret_reaches_anonymous_visitors(client, seeded):
    visited, leaks = crawl(client, seeded)

    assert_no_leaks(leaks)
    # The crawl did reach the places that matter.
    assert visited["/sitemap.xml"] == 200
    assert visited["/api/v2/pages/"] == 200
    public = seeded["public"]
    for item in public:
        assert visited.get(item.url) == 200, item.url
    assert visited["/feeds/"] == 200
    assert any(path.startswith("/documenten/") for path in visited), "public attachments"
    # The secret pages themselves led only to the login page or the password form.
    for item in seeded["secret_items"].values():
        if item.pk != seeded["password_item"].pk:
            assert visited[item.url] in (302, 404), item.url


@pytest.mark.parametrize("role", [NETWERKPARTNER, GEMEENTE])
def test_nothing_restricted_to_a_group_or_a_password_reaches_contributors(client, seeded, role):
    login(client, role)
    visited, leaks = crawl(client, seeded, ROLES[role])

    assert_no_leaks(leaks)
    # The crawl reached the network items: it was logged in.
    for title, item in seeded["secret_items"].items():
        if item.visibility == Visibility.NETWORK:
            assert visited.get(item.url) == 200, title
    assert visited["/beleidskaders/"] in (302, 404), "the Redactie's section stays closed"


def test_the_redactie_sees_what_is_restricted_to_it(client, seeded):
    """The words the crawls look for are there for those who may see them: their absence
    above is no accident."""
    login(client, REDACTIE)
    items = seeded["secret_items"]
    assert client.get(items["Vanadiumvalkenplan"].url).status_code == 200
    assert "Hafniumhavikkader" in client.get("/beleidskaders/").content.decode()
    found = client.get("/api/zoeken/", {"q": "titaniumtapirs"}).json()
    assert [result["title"] for result in found["results"]] == ["Vanadiumvalkenplan"]
    found = client.get("/api/zoeken/", {"type": "beleidskader"}).json()
    assert [result["title"] for result in found["results"]] == ["Hafniumhavikkader"]
    suggestions = client.get("/api/zoeken/suggesties/", {"q": "Vanadium"}).json()["suggestions"]
    assert [suggestion["label"] for suggestion in suggestions] == ["Vanadiumvalkenplan"]
    detail = client.get(f"/api/v2/pages/{items['Vanadiumvalkenplan'].pk}/?fields=*").json()
    assert detail["summary"] == "Titaniumtapirs snorkelen."
    document = items["Vanadiumvalkenplan"].attachments.get().document
    assert b"Nikkelnijlpaard" in body(client.get(document.url))
    standalone = seeded["documents"]["Berylliumbeverstuk"]
    assert b"Scandiumspechten" in body(client.get(standalone.url))
    images = client.get("/api/v2/images/").json()["items"]
    assert SECRET_IMAGE[1] in [image["title"] for image in images]
    # What a password guards stays closed to the Redactie too, until it is given.
    assert client.get("/api/zoeken/", {"q": "palladiumpadden"}).json()["count"] == 0


def test_superusers_pass_group_restrictions_as_in_wagtail(client, seeded, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", password="lang-wachtwoord-1")
    client.force_login(admin)
    found = client.get("/api/zoeken/", {"q": "titaniumtapirs"}).json()
    assert [result["title"] for result in found["results"]] == ["Vanadiumvalkenplan"]
    assert client.get("/api/zoeken/", {"q": "palladiumpadden"}).json()["count"] == 0


def test_contributors_get_no_restricted_item_by_its_id(client, seeded):
    # A group or a password set in Wagtail's dialog is not widened to "network".
    for title in ("Vanadiumvalkenplan", "Iridiumibisverslag"):
        assert Page.objects.get(title=title).specific.visibility == Visibility.PUBLIC
    login(client, NETWERKPARTNER)
    for title in ("Vanadiumvalkenplan", "Iridiumibisverslag", "Hafniumhavikkader"):
        item = seeded["secret_items"][title]
        assert client.get(f"/api/v2/pages/{item.pk}/", {"fields": "*"}).status_code == 404
        for attachment in item.attachments.all():
            assert client.get(attachment.document.url).status_code == 404
    assert client.get("/api/zoeken/", {"type": "beleidskader"}).json()["count"] == 0


def test_the_password_given_on_the_page_opens_the_item_everywhere_for_that_session(client, seeded):
    item, restriction = (
        seeded["password_item"],
        PageViewRestriction.objects.get(restriction_type=PageViewRestriction.PASSWORD),
    )
    assert client.get("/api/zoeken/", {"q": "palladiumpadden"}).json()["count"] == 0
    form = client.get(item.url)
    assert form.status_code == 200 and b'name="password"' in form.content

    # Wagtail's own form, as the page shows it.
    action = re.search(r'action="([^"]+)"', form.content.decode()).group(1)
    response = client.post(action, {"password": PASSWORD, "return_url": item.url})
    assert response.status_code == 302
    assert restriction.pk in client.session["passed_page_view_restrictions"]

    assert b"Palladiumpadden" in client.get(item.url).content
    found = client.get("/api/zoeken/", {"q": "palladiumpadden"}).json()
    assert [result["title"] for result in found["results"]] == ["Iridiumibisverslag"]
    suggestions = client.get("/api/zoeken/suggesties/", {"q": "Iridium"}).json()["suggestions"]
    assert [suggestion["label"] for suggestion in suggestions] == ["Iridiumibisverslag"]
    assert client.get(f"/api/v2/pages/{item.pk}/").status_code == 200
    assert b"Telluurtortel" in body(client.get(item.attachments.get().document.url))
    # Another visitor, without the password, still sees nothing.
    client.logout()
    assert client.get("/api/zoeken/", {"q": "palladiumpadden"}).json()["count"] == 0


@pytest.fixture
def development_server(settings):
    """The URLs as `DEBUG=1` makes them."""
    settings.DEBUG = True
    importlib.reload(kennisbank.config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(kennisbank.config.urls)
    clear_url_caches()


def test_the_development_server_serves_no_file_past_its_privacy(client, seeded, development_server):
    public_image = get_image_model().objects.create(title="Openbare foto", file=png())
    public_rendition = public_image.get_rendition("width-4")
    secret_rendition = seeded["image"].get_rendition("width-4")
    documents = get_document_model().objects.all()

    assert client.get(public_rendition.url).status_code == 200
    assert client.get(secret_rendition.url).status_code == 404
    login(client, REDACTIE)
    assert client.get(secret_rendition.url).status_code == 200
    # Never an original image or a document from the media folder, whoever asks: documents
    # come through their serve view (/documenten/), which applies their privacy.
    for file in [public_image.file, seeded["image"].file, *[d.file for d in documents]]:
        assert client.get(file.url).status_code == 404, file.name


def test_secret_attachments_are_served_only_to_members(client, seeded, django_user_model):
    network_parel = seeded["secret_items"]["Zwavelkwartelaanpak"]
    document = network_parel.attachments.get().document
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    # The file itself is never served from the media folder.
    assert client.get(document.file.url).status_code == 404

    member = django_user_model.objects.create_user("lid", password="lang-genoeg-wachtwoord-1")
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"Ultramarijnkoekoek" in b"".join(response.streaming_content)


def test_members_do_see_the_network_items(client, seeded, django_user_model):
    """The crawl's words are really there for members: the absence above is no accident."""
    member = django_user_model.objects.create_user("lid", password="lang-genoeg-wachtwoord-1")
    client.force_login(member)
    page = client.get(seeded["public"][0].url).content.decode()
    assert "Zwavelkwartelaanpak" in page
    assert "Saffierhagedisproject" not in page, "drafts stay hidden, also for members"
    found = client.get("/api/zoeken/", {"q": "kobaltmarmotten"}).json()
    assert "Zwavelkwartelaanpak" in json.dumps(found, ensure_ascii=False)


def test_facet_counts_count_only_public_items(client, seeded):
    data = client.get("/api/zoeken/", {"thema": "huisvesting-statushouders"}).json()
    public = len(seeded["public"])
    assert data["count"] == public
    assert sum(facet["count"] for facet in data["facets"]["type"]) == public
    assert [facet["count"] for facet in data["facets"]["thema"]] == [public]

"""Network-only and draft content never reaches an anonymous visitor.

The database holds public, network-only and draft items (and a public item with an unpublished
change), each marked with made-up words in its title, summary, tags and attachment, sharing
themes and related both ways with the public items. An anonymous client then visits every
URL it can reach from the home page, the sitemap, robots.txt, the feeds, the API and the
search (with the secret words and their prefixes as queries) and follows every same-site link
in HTML, XML and JSON. No response may contain any of the secret words."""

import json
import re
from collections import deque
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

from kennisbank.models import Artikel, Besluit, Knoop, Parel, Visibility
from tests.factories import attach, create_item

THEME = "Huisvesting statushouders"
SITE_HOSTS = {"", "testserver", "localhost", "127.0.0.1", "127.0.0.1:8000"}
EXCLUDED = ("/admin/", "/static/")
BUDGET = 1500  # requests; the crawl of this small database needs far fewer
# The feeds are also found through <link rel="alternate"> on the pages.
START = ["/", "/sitemap.xml", "/robots.txt", "/feeds/", "/api/v2/pages/", "/api/v2/documents/",
         "/api/v2/images/", "/zoeken/", "/api/zoeken/", "/zoeken/?thema=huisvesting-statushouders",
         "/api/zoeken/?thema=huisvesting-statushouders"]  # fmt: skip

# Each secret item: (model, state, title, summary, tag, document title, file name, file text).
SECRETS = [
    (Parel, "network", "Zwavelkwartelaanpak", "Kobaltmarmotten helpen elkaar.", "geheimtagmerel",
     "Plimsoltabel", "ozonvlinderlijst.txt", "Ultramarijnkoekoek en meer."),
    (Knoop, "network", "Cadmiumcavia-knelpunt", "Robijnrupsen wachten.", "", "", "", ""),
    (Besluit, "network", "Jaspisjakhalsbesluit", "Besloten over lazuurlynxen.", "", "", "", ""),
    (Artikel, "network", "Opaaloehoe-ervaringen", "Verhaal over smaragdspreeuwen.", "", "", "",
     ""),
    (Parel, "draft", "Saffierhagedisproject", "Tinnenpinguins in de klas.", "conceptmuskusrat",
     "Basaltreigeroverzicht", "kwartsegelnotitie.txt", "Porfierpelikaan staat hierin."),
    (Knoop, "draft", "Turkooistapir-probleem", "Zilverzalmen zonder huis.", "", "", "", ""),
]  # fmt: skip
# A public item's unpublished change.
DRAFT_CHANGE = ("Wolframwezelversie", "Granietgekko's in concept.")


def words(*texts):
    return [word for text in texts for word in re.findall(r"[A-Za-zë]{9,}", text)]


SECRET_WORDS = sorted(
    {word.lower() for secret in SECRETS for word in words(*secret[2:])}
    | {word.lower() for word in words(*DRAFT_CHANGE)}
)
# A stem or a highlighted fragment gives a word away as well as the whole word does.
NEEDLES = {word: word[:8] for word in SECRET_WORDS}


@pytest.fixture
def seeded(home):
    public_parel = create_item(Parel, "Openbare taalmaatjes", themes=[THEME], tags=["taal"])
    public_knoop = create_item(Knoop, "Openbare wachtlijst", themes=[THEME])
    public_besluit = create_item(Besluit, "Openbaar besluit RRVIJ", themes=[THEME])
    attach(public_parel, "Openbare handleiding", "Gewone woorden.", "handleiding.txt")
    public_parel.save_revision().publish()

    secret_items = []
    for model, state, title, summary, tag, doc_title, file_name, text in SECRETS:
        item = create_item(
            model,
            title,
            summary=summary,
            publish=state == "network",
            themes=[THEME],
            tags=[tag] if tag else [],
            related=[public_parel, public_knoop],
            **({"visibility": Visibility.NETWORK} if state == "network" else {}),
        )
        if doc_title:
            attach(item, doc_title, text, file_name)
            revision = item.save_revision()
            if state == "network":
                revision.publish()
        secret_items.append(item)

    # Public items point at the secret ones as well: related, solutions, decisions.
    for public in (public_parel, public_knoop, public_besluit):
        for item in secret_items:
            public.related_links.create(item=item)
    public_knoop.solutions.add(*[i for i in secret_items if isinstance(i, Parel)])
    public_knoop.besluiten.add(*[i for i in secret_items if isinstance(i, Besluit)])
    for public in (public_parel, public_knoop, public_besluit):
        public.save_revision().publish()

    # An unpublished change to a public item.
    public_besluit.title, public_besluit.summary = DRAFT_CHANGE
    public_besluit.save_revision()
    return {"secret_items": secret_items, "public": [public_parel, public_knoop, public_besluit]}


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


def search_probes():
    """Search and suggestions for every secret word and its first letters."""
    probes = []
    for word in SECRET_WORDS:
        for query in (word, word[:5]):
            probes.append((f"/zoeken/?{urlencode({'q': query})}", word))
            probes.append((f"/api/zoeken/?{urlencode({'q': query})}", word))
            probes.append((f"/api/zoeken/suggesties/?{urlencode({'q': query})}", word))
    return probes


def crawl(client):
    """Visit everything reachable; return {path: response text} and the leaks found."""
    queue = deque([(path, None) for path in START] + search_probes())
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
        for word, needle in NEEDLES.items():
            # A search repeats its own query: a probe is checked for every other word.
            if needle in text and word != asked_for and needle not in path.lower():
                leaks.append((path, word))
        if response.status_code == 200:
            for url in links_in(response, content):
                target = same_site_path(url, "http://testserver" + path)
                if target and target not in seen:
                    queue.append((target, None))
    return visited, leaks


def test_nothing_secret_reaches_anonymous_visitors(client, seeded):
    visited, leaks = crawl(client)

    assert leaks == [], "\n".join(f"{path}: {word}" for path, word in leaks)
    # The crawl did reach the places that matter.
    assert visited["/sitemap.xml"] == 200
    assert visited["/api/v2/pages/"] == 200
    public = seeded["public"]
    for item in public:
        assert visited.get(item.url) == 200, item.url
    assert visited["/feeds/"] == 200
    assert any(path.startswith("/documenten/") for path in visited), "public attachments"
    # The secret pages themselves were linked nowhere, or only led to the login page.
    for item in seeded["secret_items"]:
        assert visited.get(item.url) in (None, 302, 404), item.url


def test_secret_attachments_are_served_only_to_members(client, seeded, django_user_model):
    network_parel = seeded["secret_items"][0]
    document = network_parel.attachments.get().document
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
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

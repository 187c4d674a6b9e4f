"""Every absolute URL the kennisbank gives out starts with SITE_URL: sitemap, canonical link,
OpenGraph, feeds, robots.txt, the API and the admin's e-mails. Whatever host a request names."""

import io
import os
import runpy
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.models import Site
from wagtail.test.utils import WagtailTestUtils

import kennisbank.config.settings.base as base_settings
from kennisbank.models import Attachment, Knoop, Parel
from tests.factories import create_item

SITE_URL = "https://kennisbank.example.nl"
ROOT = Path(__file__).resolve().parents[2]  # where the Makefile is
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def configured(monkeypatch, site_url):
    """The settings as the environment gives them with this SITE_URL."""
    monkeypatch.setenv("SITE_URL", site_url)
    return runpy.run_path(base_settings.__file__)


@pytest.fixture
def site_url(monkeypatch, settings, home):
    """The site configured with SITE_URL and migrated, as at a deploy."""
    for name in ("SITE_URL", "WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"):
        setattr(settings, name, configured(monkeypatch, SITE_URL)[name])
    call_command("migrate", verbosity=0)
    return SITE_URL


@pytest.fixture
def content(site_url):
    parel = create_item(Parel, "Woningen gevonden", themes=["Huisvesting"])
    knoop = create_item(Knoop, "Te weinig woningen", related=[parel], themes=["Huisvesting"])
    document = Document.objects.create(
        title="verslag", file=ContentFile(b"Verslag.", name="verslag.txt")
    )
    Attachment.objects.create(page=parel, document=document)
    return {"parel": parel, "knoop": knoop}


@pytest.fixture
def client(client):
    """A client that names another host, as a proxy or a visitor's typing might."""
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    return client


def test_environment_sets_site_url_and_the_admin_and_api_base(monkeypatch):
    settings = configured(monkeypatch, "https://kennisbank.example.nl/")
    assert settings["SITE_URL"] == "https://kennisbank.example.nl"
    assert settings["WAGTAILADMIN_BASE_URL"] == "https://kennisbank.example.nl"
    assert settings["WAGTAILAPI_BASE_URL"] == "https://kennisbank.example.nl"
    assert configured(monkeypatch, "http://127.0.0.1:8101")["SITE_URL"] == "http://127.0.0.1:8101"


@pytest.mark.parametrize(
    "site_url",
    [
        "kennisbank.example.nl",
        "ftp://example.nl",
        "https://example.nl/kb",
        "https://example.nl:8443",
    ],
)
def test_site_url_that_cannot_be_served_is_refused(monkeypatch, site_url):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        configured(monkeypatch, site_url)


def test_migrate_moves_the_wagtail_site_to_site_url(site_url):
    assert Site.objects.get(is_default_site=True).root_url == SITE_URL


def test_sitemap_names_every_page_at_site_url(client, content):
    response = client.get("/sitemap.xml")
    locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert f"{SITE_URL}/" in locations
    assert f"{SITE_URL}{content['parel'].url}" in locations
    assert all(location.startswith(f"{SITE_URL}/") for location in locations)


def test_canonical_link_and_opengraph_url_are_at_site_url(client, content):
    section = content["parel"].get_parent()
    for page in (content["parel"], section, section.get_parent()):
        soup = WagtailTestUtils.get_soup(client.get(page.url).content)
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == f"{SITE_URL}{page.url}"
        assert soup.find("meta", property="og:url")["content"] == canonical


@pytest.mark.parametrize("path", ["/feeds/", "/feeds/parels/", "/feeds/thema/huisvesting/"])
def test_feeds_link_to_site_url(client, content, path):
    feed = feedparser.parse(client.get(path).content)
    assert feed.entries
    urls = [feed.feed.link, *(link.href for link in feed.feed.links)]
    urls += [url for entry in feed.entries for url in (entry.link, entry.id)]
    assert all(url.startswith(f"{SITE_URL}/") for url in urls), urls
    assert f"{SITE_URL}{path}" in urls  # the feed's own address


def test_robots_txt_names_the_sitemap_at_site_url(client, site_url):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines


def urls_in(answer):
    """(name, URL) of every URL the API gives, wherever in the answer."""
    if isinstance(answer, dict):
        return [
            pair
            for key, value in answer.items()
            for pair in ([(key, value)] if key.endswith("_url") else urls_in(value))
        ]
    if isinstance(answer, list):
        return [pair for value in answer for pair in urls_in(value)]
    return []


def test_api_gives_every_url_at_site_url(client, content):
    answers = [
        client.get("/api/v2/pages/", {"fields": "*", "type": "kennisbank.Knoop"}).json(),
        client.get(f"/api/v2/pages/{content['knoop'].pk}/").json(),
        client.get("/api/v2/documents/", {"fields": "*"}).json(),
    ]
    urls = dict(urls_in(answers))
    assert {"detail_url", "html_url", "download_url"} <= urls.keys()
    urls = [url for _key, url in urls_in(answers)]
    assert f"{SITE_URL}{content['knoop'].url}" in urls
    assert f"{SITE_URL}/api/v2/pages/{content['knoop'].pk}/" in urls
    assert all(url.startswith(f"{SITE_URL}/") for url in urls), urls


def test_load_demo_prints_the_addresses_at_site_url(site_url):
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert f"Site:  {SITE_URL}/" in output.getvalue()
    assert f"Admin: {SITE_URL}/admin/" in output.getvalue()


def test_make_run_gives_site_url_the_host_it_serves_on(tmp_path):
    """`make run HOST=…` with a stand-in interpreter that notes what it is asked to do."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text('#!/bin/sh\necho "$SITE_URL $DEBUG $*" >> "$(dirname "$0")/calls"\n')
    python.chmod(0o755)
    (venv / ".installed").touch()  # newer than pyproject.toml: nothing to install

    def make_run(**env):
        (venv / "bin" / "calls").unlink(missing_ok=True)
        subprocess.run(
            ["make", "-s", "run", f"VENV={venv}", "HOST=127.0.0.1:8101"],
            cwd=ROOT,
            env={**os.environ, **env},
            check=True,
            timeout=60,
        )
        return (venv / "bin" / "calls").read_text().splitlines()

    calls = make_run()
    assert "http://127.0.0.1:8101 1 manage.py load_demo" in calls
    assert "http://127.0.0.1:8101 1 manage.py runserver 127.0.0.1:8101" in calls
    assert "http://127.0.0.1:8101 1 manage.py migrate --noinput" in calls
    assert f"{SITE_URL} 1 manage.py load_demo" in make_run(SITE_URL=SITE_URL)

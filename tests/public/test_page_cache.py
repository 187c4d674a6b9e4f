"""Pages for visitors without a session are kept in memory until the content changes
(kennisbank/public/cache.py). What a visitor sees must always be the content as it is now:
after an edit, a privacy change, an import or new vectors from the worker, at once; and never
what a logged-in member was shown."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from kennisbank.models import Identity, Parel, Thema, Visibility
from search.semantic import GENERATION
from tests.factories import attach, create_item, create_member, found_titles, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def parel(home):
    # The site's identity settings, which the first page view would otherwise create.
    Identity.for_site(Site.objects.get(is_default_site=True))
    return create_item(
        Parel,
        "Taalcafé in Deventer",
        summary="Wekelijks Nederlands oefenen.",
        themes=["Inburgering"],
    )


def queries_for(client, path):
    """How many database queries answering `path` took, and the response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), response


def test_a_visitor_gets_the_kept_page_without_a_database_query(client, parel):
    first = client.get(parel.url)
    queries, again = queries_for(client, parel.url)
    assert queries == 0
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_an_edit_shows_at_once(client, parel):
    assert "Taalcafé in Deventer" in client.get(parel.url).content.decode()
    assert found_titles(client, q="taalcafé") == ["Taalcafé in Deventer"]
    assert "Taalcafé in Deventer" in client.get("/zoeken/?q=taalcafé").content.decode()
    parel.title = "Taalcafé in Olst"
    parel.save_revision().publish()
    assert "Taalcafé in Olst" in client.get(parel.url).content.decode()
    assert found_titles(client, q="taalcafé") == ["Taalcafé in Olst"]
    assert "Taalcafé in Olst" in client.get("/zoeken/?q=taalcafé").content.decode()


def test_a_renamed_theme_and_document_show_at_once(client, parel):
    document = attach(parel, "Verslag taalcafé")
    assert "Inburgering" in client.get(parel.url).content.decode()
    assert "Verslag taalcafé" in client.get(parel.url).content.decode()
    theme = Thema.objects.get(name="Inburgering")
    theme.name = "Inburgering en taal"
    theme.save()
    document.title = "Jaarverslag taalcafé"
    document.save()
    page = client.get(parel.url).content.decode()
    assert "Inburgering en taal" in page
    assert "Jaarverslag taalcafé" in page


def test_an_error_is_not_kept(client, parel):
    client.get("/parels/bestaat-niet/")
    queries, response = queries_for(client, "/parels/bestaat-niet/")
    assert response.status_code == 404
    assert queries > 0


def test_a_page_made_private_is_gone_at_once(client, parel):
    assert client.get(parel.url).status_code == 200
    assert found_titles(client, q="taalcafé") == ["Taalcafé in Deventer"]
    assert "Taalcafé in Deventer" in client.get("/parels/").content.decode()
    PageViewRestriction.objects.create(page=parel, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(parel.url).status_code == 302  # to the login
    assert found_titles(client, q="taalcafé") == []
    assert "Taalcafé in Deventer" not in client.get("/parels/").content.decode()


def test_an_import_shows_at_once(client, parel):
    """The import writes in bulk, past the signals that say what changed."""
    assert found_titles(client, q="taalcafé") == ["Taalcafé in Deventer"]
    assert "Taalcafé in Bathmen" not in client.get("/parels/").content.decode()
    run_import({"type": "parel", "slug": "taalcafe-bathmen", "title": "Taalcafé in Bathmen",
                "summary": "Wekelijks.", "date": "2024-07-14"})  # fmt: skip
    assert found_titles(client, q="taalcafé") == ["Taalcafé in Bathmen", "Taalcafé in Deventer"]
    assert "Taalcafé in Bathmen" in client.get("/parels/").content.decode()


def test_new_vectors_from_the_worker_are_searched_again(client, parel):
    client.get("/api/zoeken/?q=taalcafé")
    assert queries_for(client, "/api/zoeken/?q=taalcafé")[0] == 0
    cache.set(GENERATION, "vectors stored since")
    queries, response = queries_for(client, "/api/zoeken/?q=taalcafé")
    assert queries > 0
    assert [result["title"] for result in response.json()["results"]] == ["Taalcafé in Deventer"]


def test_a_member_is_never_served_a_kept_page_nor_keeps_one_for_visitors(client, home):
    create_item(Parel, "Netwerkparel over taal", visibility=Visibility.NETWORK)
    visitor_sees = client.get("/parels/").content.decode()
    assert "Netwerkparel over taal" not in visitor_sees
    client.force_login(create_member("raalte", "Gemeente", "Gemeente Raalte"))
    assert "Netwerkparel over taal" in client.get("/parels/").content.decode()
    assert found_titles(client, q="taal") == ["Netwerkparel over taal"]
    client.logout()
    client.cookies.clear()
    assert "Netwerkparel over taal" not in client.get("/parels/").content.decode()
    assert found_titles(client, q="taal") == []


def test_a_page_that_sets_a_cookie_is_not_kept(client, parel):
    """A page password's form carries the visitor's own CSRF token."""
    PageViewRestriction.objects.create(
        page=parel, restriction_type=PageViewRestriction.PASSWORD, password="raalte-2023"
    )
    first = client.get(parel.url)
    assert "csrftoken" in first.cookies
    client.cookies.clear()
    second = client.get(parel.url)
    assert "csrftoken" in second.cookies
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_nothing_is_kept_when_switched_off(client, parel, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(parel.url)
    assert queries_for(client, parel.url)[0] > 0


@pytest.mark.parametrize(("debug", "seconds"), [("1", "0"), ("", "300")])
def test_development_keeps_nothing_so_a_changed_template_shows_at_once(debug, seconds):
    """With DEBUG (make run) nothing is kept, unless PAGE_CACHE_SECONDS says otherwise."""
    env = {**os.environ, "DEBUG": debug, "SECRET_KEY": "x", "PAGE_CACHE_SECONDS": ""}
    del env["PAGE_CACHE_SECONDS"]
    printed = subprocess.run(
        [sys.executable, "-c", "from kennisbank.config.settings import base; "
         "print(base.PAGE_CACHE_SECONDS)"],
        env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert printed.strip() == seconds

"""The admin while Elasticsearch or OpenSearch is down or silent: its searches answer from the
database and publishing goes on, each within the engine's short timeout."""

import socket
import threading
import time

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from kennisbank.accounts.roles import REDACTIE
from kennisbank.models import Parel, ParelIndexPage, Thema
from tests.accounts import create_form_data, create_member
from tests.factories import create_item
from tests.test_search_external import UNREACHABLE_URL, use_engine

# Generous: the engine's timeout is 2 s; a shared machine is slow.
ANSWER_WITHIN = 8


@pytest.fixture
def silent_url():
    """An engine that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture(params=["closed", "silent"])
def engine_down(request, settings):
    url = UNREACHABLE_URL if request.param == "closed" else request.getfixturevalue("silent_url")
    use_engine(settings, "opensearch", url)


@pytest.fixture
def editor(client, home):
    client.force_login(create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"))
    return client


def timed_get(client, url, **params):
    started = time.monotonic()
    response = client.get(url, params)
    return response, time.monotonic() - started


def test_admin_searches_answer_from_the_database(editor, engine_down):
    create_item(Parel, "Taalmaatjes in Deventer")
    Document.objects.create(
        title="Verslag taalmaatjes", file=ContentFile(b"Verslag.", name="verslag.txt")
    )
    Image.objects.create(title="Foto taalmaatjes", file=get_test_image_file())
    Thema.objects.create(name="Taalmaatjes")
    cache.clear()  # indexing found the engine down; each search must find out for itself
    for url, found in [
        (reverse("wagtailadmin_pages:search"), "Taalmaatjes in Deventer"),
        (reverse("wagtaildocs_chooser:choose"), "Verslag taalmaatjes"),
        (reverse("wagtailimages:index"), "Foto taalmaatjes"),
        (reverse("wagtailsnippets_kennisbank_thema:list"), "Taalmaatjes"),
    ]:
        response, seconds = timed_get(editor, url, q="taalmaatjes")
        cache.clear()
        assert response.status_code == 200, url
        assert found in response.content.decode(), url
        assert seconds < ANSWER_WITHIN, url


def test_publishing_goes_on_and_the_database_index_keeps_up(editor, engine_down, caplog):
    url, data = create_form_data(
        editor,
        Parel,
        ParelIndexPage.objects.get(),
        title="Buddy's voor statushouders",
        slug="buddys",
        summary="Vrijwilligers helpen nieuwe inwoners op weg.",
        date="2024-02-01",
        **{"action-publish": "publish"},
    )
    started = time.monotonic()
    response = editor.post(url, data)
    assert time.monotonic() - started < ANSWER_WITHIN
    assert response.status_code == 302
    assert Parel.objects.get(slug="buddys").live
    assert "opensearch unreachable" in caplog.text
    assert not [record for record in caplog.records if record.levelname == "ERROR"]

    response = editor.get("/api/zoeken/", {"q": "vrijwilligers"})
    assert [result["title"] for result in response.json()["results"]] == [
        "Buddy's voor statushouders"
    ]

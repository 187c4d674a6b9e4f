"""The cache is shared by every process of a site: gunicorn's workers, the shell, the worker.

Two real processes on one database: one keeps searching, the other edits the glossary, and the
first sees the edit at once, though it keeps what it answered visitors without a session
(kennisbank/public/cache.py) until the content changes. Once with the default cache (the
database's own table) and once with Redis in CACHE_URL."""

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest
from django.conf import settings

REDIS = ("127.0.0.1", 6379)

SETUP = """
from kennisbank.models import Parel
from kennisbank.structure import ensure_site
from tests.factories import create_begrip, create_item
ensure_site()
create_begrip("wooncontainer")
create_item(Parel, "Wooncontainers in Raalte", summary="Tijdelijke woonunits bij de kern.")
"""

# A process of the site that takes one command a line: a search, answered with the titles
# /api/zoeken/ finds as a visitor gets them, or new synonyms for the glossary's "wooncontainer",
# saved as the admin saves them.
PROCESS = """
import json, sys
from django.test import Client
from kennisbank.models import Begrip
client = Client()
for line in sys.stdin:
    command, text = line.rstrip("\\n").split(" ", 1)
    if command == "search":
        response = client.get("/api/zoeken/", {"q": text})
        print(json.dumps([result["title"] for result in response.json()["results"]]), flush=True)
    else:
        begrip = Begrip.objects.get(slug="wooncontainer")
        begrip.synonyms = text
        begrip.save()
        print("[]", flush=True)
"""


def redis_reachable():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


class Site:
    """A site of its own: a database file, media folder and cache, as `make serve` runs it."""

    def __init__(self, folder, cache_url=""):
        self.folder = folder
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kennisbank.config.settings.base",
            "DEBUG": "1",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "CACHE_URL": cache_url,
            "PAGE_CACHE_SECONDS": "300",  # as in production, which DEBUG turns off
        }

    def manage(self, *args, **options):
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            text=True,
            **options,
        )

    def run(self, *args):
        process = self.manage(*args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output


class Process:
    def __init__(self, site):
        self.process = site.manage(
            "shell", "--no-imports", "-c", PROCESS, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def send(self, command, text):
        self.process.stdin.write(f"{command} {text}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the process stopped"
        return json.loads(line)

    def search(self, query):
        return self.send("search", query)

    def set_synonyms(self, synonyms):
        self.send("synonyms", synonyms)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """One migrated database with the content, copied for each test: migrating takes long."""
    site = Site(tmp_path_factory.mktemp("template"))
    site.run("migrate", "--noinput", "-v0")
    site.run("shell", "--no-imports", "-c", SETUP)
    return site.folder / "db.sqlite3"


@pytest.fixture(
    params=[
        pytest.param("", id="database"),
        pytest.param(
            "redis://127.0.0.1:6379/0",
            id="redis",
            marks=pytest.mark.skipif(
                not redis_reachable(), reason="Redis does not answer on 127.0.0.1:6379"
            ),
        ),
    ]
)
def site(request, tmp_path, migrated):
    shutil.copy(migrated, tmp_path / "db.sqlite3")
    return Site(tmp_path, request.param)


def test_glossary_edit_in_one_process_reaches_another_at_once(site):
    searcher, editor = Process(site), Process(site)
    try:
        assert searcher.search("flexwoning") == []  # the glossary is now loaded and cached
        editor.set_synonyms("flexwoning")
        assert searcher.search("flexwoning") == ["Wooncontainers in Raalte"]
        editor.set_synonyms("")
        assert searcher.search("flexwoning") == []
    finally:
        searcher.stop()
        editor.stop()

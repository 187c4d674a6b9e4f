import shutil
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import transaction
from django.test import TransactionTestCase, override_settings

from kennisbank.structure import ensure_site


@pytest.fixture
def home(db):
    """The site tree with the home page and every section, as import and demo create it."""
    return ensure_site()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: no throttle counts, reachability or kept pages from
    another."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session", autouse=True)
def search_index_root():
    """The folder that holds each test's engine index goes when the tests end."""
    yield
    shutil.rmtree(django_settings.SEARCH_INDEX_ROOT, ignore_errors=True)


# The engine index a module's shared data left (module_data), by module.
_shared_indexes = {}


@pytest.fixture(autouse=True)
def search_index(request, settings):
    """An engine index for each test that holds what its database holds: empty, or a copy of
    the index of the data its module shares."""
    folder = Path(tempfile.mkdtemp(dir=settings.SEARCH_INDEX_ROOT)) / "index"
    shared = _shared_indexes.get(request.module)
    if shared is not None and shared.exists():
        shutil.copytree(shared, folder, symlinks=True)
    settings.SEARCH_INDEX_DIR = folder
    yield folder
    shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def module_data(request, django_db_setup, django_db_blocker):
    """For data a module's tests only read, built once by a module-scoped fixture that asks for
    this one: written in a transaction rolled back when the module ends. Each test's own
    changes are rolled back after it, as usual, and each test searches a copy of the engine
    index as the shared data left it. Not for tests that commit (live server, browser)."""
    with django_db_blocker.unblock(), shared_index(request.module):
        with transaction.atomic():
            yield
            transaction.set_rollback(True)


@contextmanager
def shared_index(module):
    """While the module's shared data is built and its tests run: the engine index it is
    indexed into, of which each test of the module gets a copy (search_index)."""
    folder = Path(tempfile.mkdtemp(dir=django_settings.SEARCH_INDEX_ROOT)) / "index"
    _shared_indexes[module] = folder
    try:
        with override_settings(SEARCH_INDEX_DIR=folder):
            yield
    finally:
        del _shared_indexes[module]
        shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def force_login_passes_second_factor(monkeypatch):
    """A test's force_login stands for a completed login, the second factor included
    (kennisbank/accounts/twofactor/); tests/accounts/test_twofactor.py logs in step by step."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    force_login = Client.force_login

    def force_login_verified(client, user, backend=None):
        force_login(client, user, backend)
        device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "Test"})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login_verified)


def pytest_collection_modifyitems(items):
    """Modules that use no database first; the rest keep pytest-django's order (its hook runs
    before this one): the tests that commit, which empty the database after them, last. So the
    workers of `make test` end together on the short live-server modules, not one of them on a
    long module without a database (tests/public/test_shared_cache.py migrates its own).

    schemathesis names each API operation's test ("…[GET /api/zoeken/]"), but pytest 9 gives
    them all its function's node id, and xdist's loadscope (make test) schedules by node id:
    it would run the first operation only. Each gets the id its name says."""
    with_database = {item.path for item in items if uses_database(item)}
    items.sort(key=lambda item: item.path in with_database)
    for item in items:
        if not item.nodeid.endswith(item.name):
            item._id = item.parent.id.child(item.name)
    ids = Counter(item.nodeid for item in items)
    if twice := [nodeid for nodeid, count in ids.items() if count > 1]:
        raise pytest.UsageError(f"tests with the same node id, of which xdist runs one: {twice}")


def uses_database(item):
    """As pytest-django decides: a Django test case, the django_db mark or a database fixture."""
    if issubclass(getattr(item, "cls", None) or object, TransactionTestCase):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or "django_db_setup" in fixtures

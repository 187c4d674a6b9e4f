import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from kennisbank.structure import ensure_site


@pytest.fixture
def home(db):
    """The site tree with the home page and every section, as import and demo create it."""
    return ensure_site()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no throttle counts or reachability from another."""
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def search_index_root():
    """The folder that holds each test's engine index goes when the tests end."""
    yield
    shutil.rmtree(django_settings.SEARCH_INDEX_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def search_index(settings):
    """An empty engine index for each test, as each test has an empty database."""
    folder = Path(tempfile.mkdtemp(dir=settings.SEARCH_INDEX_ROOT)) / "index"
    settings.SEARCH_INDEX_DIR = folder
    yield folder
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

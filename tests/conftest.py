import pytest
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

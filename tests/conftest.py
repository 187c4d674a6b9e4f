import pytest

from kennisbank.structure import ensure_site


@pytest.fixture
def home(db):
    """The site tree with the home page and every section, as import and demo create it."""
    return ensure_site()

import pytest

from tests.factories import create_user


@pytest.fixture
def user(db):
    """A user of no group or organisation, for the content tests to log in."""
    return create_user()

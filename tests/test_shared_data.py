"""What tests/conftest.py promises a module that shares data (module_data): each test starts
from the shared data alone, in the database and in the engine's index, whatever the test
before it changed. The two tests run in this order, on one worker."""

import pytest

from kennisbank.models import Parel
from kennisbank.structure import ensure_site
from tests.factories import create_item, found_titles

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared(module_data):
    ensure_site()
    return {"parel": create_item(Parel, "Gedeeld taalcafé in Deventer")}


def test_a_test_changes_the_shared_data(client, shared):
    create_item(Parel, "Eigen taalcafé in Olst")
    changed = Parel.objects.get(pk=shared["parel"].pk)
    changed.title = "Gewijzigd"
    changed.save()  # indexed again, as an edit is: the engine's copy changes too
    assert sorted(found_titles(client, q="taalcafe")) == ["Eigen taalcafé in Olst", "Gewijzigd"]


def test_the_next_starts_from_the_shared_data_alone(client, shared):
    assert list(Parel.objects.values_list("title", flat=True)) == ["Gedeeld taalcafé in Deventer"]
    assert found_titles(client, q="taalcafe") == ["Gedeeld taalcafé in Deventer"]

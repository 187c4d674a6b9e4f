"""Attachments are as private as the items they belong to."""

import pytest

from kennisbank.models import Besluit, Parel, Visibility
from tests.factories import attach, create_item, create_user

NOTULEN = "Notulen van de regietafel."


@pytest.fixture
def documents(home):
    public = create_item(Besluit, "Openbaar besluit")
    network = create_item(Parel, "Netwerkparel", visibility=Visibility.NETWORK)
    draft = create_item(Parel, "Conceptparel", publish=False)
    return {
        "public": attach(public, "openbaar", NOTULEN),
        "network": attach(network, "netwerk", NOTULEN),
        "draft": attach(draft, "concept", NOTULEN),
    }


def test_anonymous_gets_public_attachment_only(client, documents):
    assert client.get(documents["public"].url).status_code == 200
    response = client.get(documents["network"].url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")
    assert client.get(documents["draft"].url).status_code == 302


def test_member_gets_network_attachment_but_not_a_drafts(client, documents):
    client.force_login(create_user())
    response = client.get(documents["network"].url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == NOTULEN.encode()
    assert client.get(documents["draft"].url).status_code == 404

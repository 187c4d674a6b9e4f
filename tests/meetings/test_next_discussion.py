"""A Knoop's next discussion is the coming meeting that has it on its agenda, on its page and
on the Knopen agenda, before a date set by hand; a meeting or agenda item only for the network
tells the network only."""

import datetime
import re

import pytest

from kennisbank.accounts.roles import NETWERKPARTNER
from kennisbank.models import Knoop, Visibility
from kennisbank.structure import ensure_site
from tests.factories import create_item, create_meeting, fresh_copies, soon

pytestmark = pytest.mark.django_db

PAST = datetime.date(2024, 1, 18)


@pytest.fixture(scope="module")
def shared(module_data):
    """Three knopen and four meetings, built once: the tests only read them."""
    ensure_site()
    knopen = {
        "on_agenda": create_item(Knoop, "Tekort aan taaldocenten", review_date=PAST),
        "by_hand": create_item(Knoop, "Wachtlijst zorg", review_date=PAST),
        "network": create_item(Knoop, "Wachtlijst jeugdhulp", review_date=PAST),
    }
    on_agenda, network = {"item": knopen["on_agenda"]}, {"item": knopen["network"]}
    create_meeting("Regietafel later", starts_at=soon(30), points=[on_agenda])
    create_meeting("Agendacommissie eerst", starts_at=soon(9), points=[on_agenda])
    create_meeting("Besloten overleg", visibility=Visibility.NETWORK, points=[network])
    create_meeting("Open overleg", points=[{**network, "visibility": Visibility.NETWORK}])
    return knopen


@pytest.fixture
def knopen(shared):
    return fresh_copies(shared)


def next_discussion(page):
    """What the Knoop's page says under Volgende bespreking."""
    match = re.search(r"<dt>Volgende bespreking</dt><dd>(.*?)</dd>", page, re.S)
    return re.sub(r"<[^>]+>", "", match[1]).strip()


def test_the_page_names_the_soonest_coming_meeting(client, knopen):
    page = client.get(knopen["on_agenda"].url).content.decode()
    assert next_discussion(page) == "Agendacommissie eerst"
    assert "verlopen" not in page


def test_without_a_meeting_the_date_set_by_hand_stays_and_may_be_overdue(client, knopen):
    page = client.get(knopen["by_hand"].url).content.decode()
    assert next_discussion(page) == "18 januari 2024 verlopen"


def test_the_agenda_lists_the_knopen_by_their_next_discussion(client, knopen):
    agenda = client.get("/knopen/").content.decode()
    rows = re.findall(
        r'<td><a href="[^"]+">([^<]+)</a>.*?data-label="Volgende bespreking">(.*?)</td>',
        agenda,
        re.S,
    )
    shown = [(title, re.sub(r"<[^>]+>", "", cell).strip()) for title, cell in rows]
    # Overdue dates by hand first (they are earliest), then the knoop with a coming meeting.
    assert ("Tekort aan taaldocenten", "Agendacommissie eerst") in shown
    assert [title for title, _ in shown].index("Wachtlijst zorg") < [
        title for title, _ in shown
    ].index("Tekort aan taaldocenten")


def test_a_network_only_meeting_or_agenda_item_is_not_named_to_anonymous(client, knopen):
    page = client.get(knopen["network"].url).content.decode()
    assert next_discussion(page) == "18 januari 2024 verlopen"
    assert "Besloten overleg" not in page and "Open overleg" not in page


def test_the_network_sees_the_network_only_meeting(client, knopen, members):
    client.force_login(members[NETWERKPARTNER])
    page = client.get(knopen["network"].url).content.decode()
    assert next_discussion(page) in ("Besloten overleg", "Open overleg")

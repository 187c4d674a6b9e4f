"""Meetings on every machine surface: search, the API, the sitemap and the iCalendar feed.
A network-only meeting and a network-only agenda item reach the network only; so does an
agenda item on a page the visitor may not see."""

import xml.etree.ElementTree as ET

import pytest

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER
from kennisbank.models import Vergadering, Visibility
from tests.factories import create_meeting, found_titles, soon

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def meetings(home, network_knoop):
    return {
        "open": create_meeting(
            "Regietafel over huisvesting",
            summary="De regietafel bespreekt de huisvesting van statushouders.",
            place="Stadhuis Deventer",
            points=[
                {"title": "Taakstelling statushouders", "proposal": "Woningen versneld toewijzen."},
                {
                    "title": "Kwartiermaker",
                    "proposal": "Zebravinkvoorstel bespreken.",
                    "visibility": Visibility.NETWORK,
                },
                {"item": network_knoop, "proposal": "Ibisvoorstel over zorgkosten."},
            ],
        ),
        "besloten": create_meeting(
            "Besloten overleg huisvesting",
            summary="Alleen voor het netwerk.",
            visibility=Visibility.NETWORK,
            starts_at=soon(14),
        ),
    }


def api_meetings(client):
    response = client.get(
        "/api/v2/pages/", {"type": "kennisbank.Vergadering", "fields": "agenda,starts_at"}
    )
    assert response.status_code == 200
    return {item["title"]: item for item in response.json()["items"]}


def test_search_finds_public_meetings_and_only_public_agenda_text(client, meetings, members):
    assert found_titles(client, q="huisvesting", type="vergadering") == [
        "Regietafel over huisvesting"
    ]
    assert found_titles(client, q="woningen versneld") == ["Regietafel over huisvesting"]
    assert found_titles(client, q="zebravinkvoorstel") == []
    assert found_titles(client, q="ibisvoorstel") == []
    client.force_login(members[NETWERKPARTNER])
    assert set(found_titles(client, q="huisvesting", type="vergadering")) == {
        "Regietafel over huisvesting",
        "Besloten overleg huisvesting",
    }


def test_the_api_shows_the_agenda_as_far_as_the_user_may_see_it(client, meetings, members):
    anonymous = api_meetings(client)
    assert list(anonymous) == ["Regietafel over huisvesting"]
    agenda = anonymous["Regietafel over huisvesting"]["agenda"]
    assert [point["subject"] for point in agenda] == ["Taakstelling statushouders"]
    assert "Zebravink" not in str(anonymous) and "Ibis" not in str(anonymous)
    detail = client.get(f"/api/v2/pages/{meetings['besloten'].pk}/")
    assert detail.status_code == 404

    client.force_login(members[GEMEENTE])
    member = api_meetings(client)
    assert set(member) == {"Regietafel over huisvesting", "Besloten overleg huisvesting"}
    agenda = member["Regietafel over huisvesting"]["agenda"]
    assert [point["subject"] for point in agenda] == [
        "Taakstelling statushouders",
        "Kwartiermaker",
        "Besloten knoop zorgkosten",
    ]
    assert agenda[2]["item"]["title"] == "Besloten knoop zorgkosten"


def test_the_sitemap_lists_public_meetings_only(client, meetings):
    tree = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in tree.iter(f"{SITEMAP}loc")]
    assert any(loc.endswith(meetings["open"].url) for loc in locations)
    assert not any(loc.endswith(meetings["besloten"].url) for loc in locations)


def test_the_section_lists_public_meetings_to_anonymous_visitors(client, meetings, members):
    listing = client.get("/vergaderingen/").content.decode()
    assert "Regietafel over huisvesting" in listing
    assert "Besloten overleg" not in listing and "Zebravink" not in listing
    client.force_login(members[NETWERKPARTNER])
    assert "Besloten overleg huisvesting" in client.get("/vergaderingen/").content.decode()


# ------------------------------------------------------------------------- iCalendar


def unfold(body):
    """The content lines of an iCalendar body (RFC 5545 3.1): CRLF-ended, continuations
    joined."""
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    physical = body[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode()) <= 75, line
    lines = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def events(lines):
    """{SUMMARY: {property: value}} of each VEVENT, checking that components nest."""
    stack, found, current = [], {}, None
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            current = {} if value == "VEVENT" else current
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                found[current["SUMMARY"]] = current
        elif current is not None and stack[-1] == "VEVENT":
            current[name] = value
    assert stack == []
    return found


def test_the_calendar_is_rfc_5545_with_public_meetings_for_anonymous(client, meetings):
    response = client.get("/vergaderingen/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = unfold(response.content.decode())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    found = events(lines)
    meeting = meetings["open"]
    summary = r"RRVIJ (Regionale Regietafel Vluchtelingen IJsselland): Regietafel over huisvesting"
    assert list(found) == [summary]
    event = found[summary]
    assert event["DTSTART"] == meeting.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert event["DTEND"] == meeting.ends.strftime("%Y%m%dT%H%M%SZ")
    assert event["LOCATION"] == "Stadhuis Deventer"
    assert event["UID"].startswith(f"vergadering-{meeting.pk}@")
    assert event["URL"].endswith(meeting.url)
    assert "Besloten" not in response.content.decode()


def test_the_calendar_gives_members_the_network_meetings_privately(client, meetings, members):
    client.force_login(members[NETWERKPARTNER])
    response = client.get("/vergaderingen/agenda.ics")
    found = events(unfold(response.content.decode()))
    assert any("Besloten overleg huisvesting" in summary for summary in found)
    assert "private" in response["Cache-Control"]


def test_the_calendar_escapes_and_folds_long_text(client, home):
    create_meeting(
        "Overleg; opvang, huisvesting en zorg " + "é" * 60,
        place="Zaal 1, Provinciehuis; Zwolle",
        meeting_body=Vergadering.Body.BOV,
    )
    lines = unfold(client.get("/vergaderingen/agenda.ics").content.decode())
    event = next(iter(events(lines).values()))
    assert event["LOCATION"] == r"Zaal 1\, Provinciehuis\; Zwolle"
    assert event["SUMMARY"].startswith(
        r"BOV (Bestuurlijk Overleg Vluchtelingen): Overleg\; opvang\,"
    )
    assert event["SUMMARY"].endswith("é" * 60)

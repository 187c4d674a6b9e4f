"""A meeting's page, its section, the home page and the Knopen agenda, as each role sees them."""

import pytest
from django.urls import reverse

from kennisbank.accounts.roles import NETWERKPARTNER, REDACTIE
from kennisbank.models import Parel, Vergadering, VergaderingIndexPage, Visibility
from tests.factories import create_item, create_meeting, soon


def test_the_section_lists_meetings_and_the_page_shows_the_agenda_in_order(client, knoop):
    parel = create_item(Parel, "Maatjesproject huisvesting")
    create_meeting(
        "Regietafel september",
        place="Provinciehuis, Zwolle",
        points=[
            {"title": "Opening en mededelingen"},
            {"item": knoop, "proposal": "Agenderen bij de provincie."},
            {"item": parel, "proposal": "Overnemen in drie gemeenten."},
        ],
    )
    section = client.get("/vergaderingen/")
    assert section.status_code == 200
    assert "Regietafel september" in section.content.decode()

    page = client.get("/vergaderingen/regietafel-september/").content.decode()
    assert "RRVIJ (Regionale Regietafel Vluchtelingen IJsselland)" in page
    assert "Provinciehuis, Zwolle" in page
    assert "Gepland" in page
    order = [page.index(text) for text in ("Opening en", knoop.title, parel.title)]
    assert order == sorted(order)
    assert "Agenderen bij de provincie." in page
    assert f'href="{knoop.url}"' in page


def test_a_network_only_agenda_item_is_shown_to_the_network_only(client, members):
    create_meeting(
        "Regietafel oktober",
        points=[
            {"title": "Begroting opvang 2024"},
            {"title": "Vertrouwelijk: locatiekeuze noodopvang", "visibility": Visibility.NETWORK},
        ],
    )
    anonymous = client.get("/vergaderingen/regietafel-oktober/").content.decode()
    assert "Begroting opvang 2024" in anonymous
    assert "locatiekeuze noodopvang" not in anonymous
    client.force_login(members[NETWERKPARTNER])
    member = client.get("/vergaderingen/regietafel-oktober/").content.decode()
    assert "locatiekeuze noodopvang" in member


def test_an_agenda_item_on_a_page_the_visitor_may_not_see_is_left_out(client, network_knoop):
    create_meeting(
        "Regietafel november",
        points=[{"item": network_knoop, "proposal": "Zorgkosten verdelen over de regio."}],
    )
    page = client.get("/vergaderingen/regietafel-november/").content.decode()
    assert network_knoop.title not in page
    assert "Zorgkosten verdelen" not in page
    assert "De agenda volgt." in page


def test_a_network_only_meeting_is_for_the_network(client, members):
    create_meeting("Besloten agendacommissie", visibility=Visibility.NETWORK)
    response = client.get("/vergaderingen/besloten-agendacommissie/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert "Besloten agendacommissie" not in client.get("/vergaderingen/").content.decode()
    assert "Besloten agendacommissie" not in client.get("/").content.decode()
    client.force_login(members[NETWERKPARTNER])
    assert client.get("/vergaderingen/besloten-agendacommissie/").status_code == 200
    assert "Besloten agendacommissie" in client.get("/").content.decode()


def test_the_home_page_and_the_knopen_agenda_show_the_next_meetings(client, home):
    create_meeting("Regietafel volgende week", starts_at=soon(7))
    create_meeting("Regietafel vorig jaar", starts_at=soon(-365))
    create_meeting("Regietafel gehouden", meeting_status=Vergadering.Status.GEHOUDEN)
    for path in ("/", "/knopen/", "/vergaderingen/"):
        page = client.get(path).content.decode()
        start = page.index("Komende vergaderingen")
        section = page[start : page.index("</section>", start)]
        assert "Regietafel volgende week" in section, path
        assert "Regietafel vorig jaar" not in section, path
        assert "Regietafel gehouden" not in section, path
        assert reverse("meetings_ics") in page, path


def test_the_site_tree_has_the_section_once(home):
    assert VergaderingIndexPage.objects.get().url == "/vergaderingen/"


@pytest.mark.parametrize("role", [REDACTIE])
def test_the_redactie_adds_a_meeting_in_the_admin(client, members, role):
    from tests.factories import create_form_data

    client.force_login(members[role])
    url, data = create_form_data(
        client,
        Vergadering,
        VergaderingIndexPage.objects.get(),
        title="Regietafel december",
        slug="regietafel-december",
        summary="De laatste regietafel van het jaar.",
        meeting_body="rrvij",
        starts_at="2030-12-12 10:00",
        place="Zwolle",
        **{"action-publish": "publish"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Vergadering.objects.get(slug="regietafel-december")
    assert meeting.live and str(meeting.date) == "2030-12-12"


def test_the_migration_adds_the_section_to_a_site_made_before_it(client, home):
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from wagtail.models import Page

    VergaderingIndexPage.objects.all().delete()
    name = "0020_vergaderingen_section"
    migration = importlib.import_module(f"kennisbank.migrations.{name}")
    state = MigrationExecutor(connection).loader.project_state(("kennisbank", name))
    migration.create_section(state.apps, None)
    migration.create_section(state.apps, None)  # again: nothing twice

    assert Page.find_problems() == ([], [], [], [], [])  # the tree's paths and counts hold
    section = VergaderingIndexPage.objects.get()
    assert section.get_parent().pk == home.pk
    assert client.get("/vergaderingen/").status_code == 200

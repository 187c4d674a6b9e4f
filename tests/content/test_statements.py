"""The statements linked from every page's footer: toegankelijkheid, privacy, contact and
colofon. Made by migration 0009 under an existing home page and by kennisbank/structure.py for a
new site; edited by the Redactie only."""

import importlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Page

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import (
    Artikel,
    Beleidskader,
    Besluit,
    Knoop,
    Parel,
    StatementPage,
)
from kennisbank.structure import section_for
from tests.factories import create_form_data, create_item, create_member, edit_form_data

SLUGS = {
    "toegankelijkheid": "Toegankelijkheidsverklaring",
    "privacy": "Privacyverklaring",
    "contact": "Contact en colofon",
}


def draftail(text):
    """A rich text field's value as the admin's editor posts it."""
    block = {"key": "a", "text": text, "type": "unstyled", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": []}  # fmt: skip
    return json.dumps({"blocks": [block], "entityMap": {}})


FOOTER_LINKS = ["/toegankelijkheid/", "/privacy/", "/contact/", "/feeds/"]


def statements():
    return dict(StatementPage.objects.live().public().values_list("slug", "title"))


def test_a_new_site_gets_the_three_statements_under_its_home_page(client, home):
    assert statements() == SLUGS
    assert all(page.get_parent().pk == home.pk for page in StatementPage.objects.all())
    texts = {slug: client.get(f"/{slug}/").content.decode() for slug in SLUGS}
    for heading in ["Status", "Datum van de laatste toets", "Bekende problemen", "Contact"]:
        assert f"<h2>{heading}</h2>" in texts["toegankelijkheid"]
    assert "90 dagen" in texts["privacy"] and "zonder gebruiker" in texts["privacy"]
    assert "Colofon" in texts["contact"]


def test_the_migration_adds_them_to_a_site_made_before_it(home):
    StatementPage.objects.all().delete()
    migration = importlib.import_module("kennisbank.migrations.0009_statements")
    state = MigrationExecutor(connection).loader.project_state(("kennisbank", "0009_statements"))

    migration.create_statements(state.apps, None)
    migration.create_statements(state.apps, None)  # again: nothing twice

    assert statements() == SLUGS
    assert Page.find_problems() == ([], [], [], [], [])  # the tree's paths and counts hold
    for page in StatementPage.objects.all():
        assert page.get_parent().pk == home.pk
        assert page.url == f"/{page.slug}/"


def test_the_main_menu_lists_the_sections_but_not_the_statements(client, home):
    menu = client.get("/").content.decode().split('class="main-menu"')[1].split("</nav>")[0]
    assert "/parels/" in menu and "/begrippen/" in menu
    assert "/privacy/" not in menu


@pytest.fixture
def every_page_type(home):
    kinds = [Parel, Knoop, Beleidskader, Besluit, Artikel]
    items = [create_item(model, f"Een {model._meta.verbose_name}") for model in kinds]
    sections = [section_for(model) for model in kinds]
    return ["/", "/zoeken/?q=woning", "/begrippen/", "/privacy/", "/bestaat-niet/"] + [
        page.url for page in items + sections
    ]


def test_every_page_type_links_the_statements_and_feeds_from_its_footer(client, every_page_type):
    for path in every_page_type:
        footer = client.get(path).content.decode().split("<footer")[1]
        for link in FOOTER_LINKS:
            assert f'href="{link}"' in footer, (path, link)
    footer = client.get(section_for(Parel).url).content.decode().split("<footer")[1]
    assert 'href="/feeds/parels/"' in footer


@pytest.mark.parametrize(("role", "may"), [(REDACTIE, True), (NETWERKPARTNER, False),
                                           (GEMEENTE, False)])  # fmt: skip
def test_only_the_redactie_edits_and_adds_statements(client, home, role, may):
    client.force_login(create_member("iemand", role, "Veiligheidsregio IJsselland"))
    privacy = StatementPage.objects.get(slug="privacy")
    edit = reverse("wagtailadmin_pages:edit", args=[privacy.pk])
    add = reverse("wagtailadmin_pages:add", args=["kennisbank", "statementpage", home.pk])

    if may:
        data = edit_form_data(
            client, privacy, body=draftail("Bijgewerkt."), **{"action-publish": "publish"}
        )
        assert client.post(edit, data).status_code == 302
        assert "Bijgewerkt." in StatementPage.objects.get(pk=privacy.pk).body
        url, data = create_form_data(
            client, StatementPage, home, title="Cookieverklaring", slug="cookies",
            body=draftail("Geen."), **{"action-publish": "publish"},
        )  # fmt: skip
        assert client.post(url, data).status_code == 302
        assert StatementPage.objects.filter(slug="cookies", live=True).exists()
    else:
        assert client.get(edit).status_code in (302, 403)
        assert client.get(add).status_code in (302, 403)
        assert not StatementPage.objects.filter(slug="cookies").exists()
        assert "Bijgewerkt." not in StatementPage.objects.get(pk=privacy.pk).body

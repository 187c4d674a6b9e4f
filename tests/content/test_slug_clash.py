"""Starting again on an item one already began: the admin keeps drafts as one types, so the
second start would clash on its web address. The editor is offered the draft to continue;
a slug taken by someone else's item gets a free one proposed, without naming that item."""

import pytest
from django.urls import reverse

from kennisbank.accounts.roles import NETWERKPARTNER
from kennisbank.models import Parel, ParelIndexPage
from tests.factories import create_form_data, create_item, create_member

pytestmark = pytest.mark.django_db


def start(client, user, title, slug):
    """The user fills in a new Parel and saves it as a draft; the response."""
    client.force_login(user)
    url, data = create_form_data(
        client,
        Parel,
        ParelIndexPage.objects.get(),
        title=title,
        slug=slug,
        summary="Statushouders oefenen Nederlands met vrijwilligers.",
        date="2024-03-01",
    )
    return client.post(url, data)


def slug_errors(response):
    assert response.status_code == 200, "the form is shown again"
    return [str(error) for error in response.context["form"].errors["slug"]]


def test_starting_again_offers_ones_own_draft(client, home):
    partner = create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk")
    assert start(client, partner, "Taalcafé", "taalcafe").status_code == 302
    draft = Parel.objects.get(slug="taalcafe")
    assert not draft.live

    again = start(client, partner, "Taalcafé", "taalcafe")
    (error,) = slug_errors(again)
    assert "Je bent hier al eerder aan begonnen: het concept “Taalcafé”, bewaard op" in error
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert f'<a href="{edit}">Ga verder met dat concept</a>' in again.content.decode()
    assert Parel.objects.filter(title="Taalcafé").count() == 1, "nothing was written"


def test_a_slug_taken_by_another_item_gets_a_free_one_proposed(client, home):
    create_item(Parel, "Taalcafé in Deventer", slug="taalcafe")
    create_item(Parel, "Taalcafé in Zwolle", slug="taalcafe-2", publish=False)
    partner = create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk")

    (error,) = slug_errors(start(client, partner, "Taalcafé", "taalcafe"))
    assert error == (
        "Het webadres “taalcafe” is in deze sectie al in gebruik. "
        "Kies een ander, bijvoorbeeld “taalcafe-3”."
    )
    assert start(client, partner, "Taalcafé", "taalcafe-3").status_code == 302

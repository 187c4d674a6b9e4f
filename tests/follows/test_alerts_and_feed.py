"""A Knoop's followers hear when it moves (status or level, with the note), if they may see
it; a followed search has a feed of what the requester may see."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from kennisbank.models import Follow, Knoop, Parel, Visibility
from tests.factories import create_item, edit_form_data
from tests.follows.conftest import restrict_to_redactie


@pytest.fixture
def knoop(home):
    return create_item(Knoop, "Te weinig woningen", level=Knoop.Level.GEMEENTE)


def move(client, redacteur, knoop):
    client.force_login(redacteur)
    data = edit_form_data(
        client,
        knoop,
        status=Knoop.Status.GEAGENDEERD,
        level=Knoop.Level.REGIO,
        status_note="Op de agenda van de RRVIJ van 14 juli.",
        **{"action-publish": "publish"},
    )
    url = reverse("wagtailadmin_pages:edit", args=[knoop.pk])
    assert client.post(url, data).status_code == 302


def alerts():
    return [message for message in mail.outbox if message.subject.startswith("Knoop gewijzigd")]


def test_followers_get_an_alert_with_the_note(client, partner, gemeente, redacteur, knoop):
    Follow.objects.create(user=partner, kind="knoop", knoop=knoop)
    move(client, redacteur, knoop)

    (alert,) = alerts()
    assert alert.to == ["partner@example.org"], "followers only"
    assert alert.subject == "Knoop gewijzigd: Te weinig woningen is nu geagendeerd (regio)"
    assert "Status: Gesignaleerd → Geagendeerd" in alert.body
    assert "Niveau: Gemeente → Regio" in alert.body
    assert "Toelichting: Op de agenda van de RRVIJ van 14 juli." in alert.body
    assert f"{settings.SITE_URL}{knoop.url}" in alert.body
    ((html, _kind),) = alert.alternatives
    assert "<p>Toelichting: Op de agenda van de RRVIJ van 14 juli.</p>" in html
    link = re.search(r"(http\S+/mijn-kennisbank/afmelden/\S+/)", alert.body)[1]
    assert alert.extra_headers["List-Unsubscribe"] == f"<{link}>"

    # The link stops following this Knoop, without a login.
    response = Client().post(link.removeprefix(settings.SITE_URL))
    assert "Je volgt Te weinig woningen niet meer." in response.content.decode()
    assert not Follow.objects.exists()


def test_a_republish_without_a_move_alerts_nobody(partner, knoop):
    Follow.objects.create(user=partner, kind="knoop", knoop=knoop)
    knoop.title = "Te weinig woningen in de regio"
    knoop.save_revision().publish()
    assert alerts() == []


def test_no_alert_for_a_follower_who_may_not_see_the_knoop(client, partner, redacteur, knoop):
    for user in (partner, redacteur):
        Follow.objects.create(user=user, kind="knoop", knoop=knoop)
    restrict_to_redactie(knoop)
    move(client, redacteur, knoop)
    assert [alert.to for alert in alerts()] == [["redacteur@example.org"]]


def titles(response):
    assert response.status_code == 200, response.content
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def test_the_feed_of_a_search_shows_what_the_requester_may_see(client, partner, home):
    create_item(Parel, "Openbare woningen", themes=["Zorg"])
    create_item(Parel, "Netwerk woningen", themes=["Zorg"], visibility=Visibility.NETWORK)
    create_item(Parel, "Concept woningen", themes=["Zorg"], publish=False)
    create_item(Parel, "Woningen zonder thema")
    create_item(Parel, "Iets anders", themes=["Zorg"])

    url = "/feeds/zoeken/?q=woningen&thema=zorg"
    assert titles(client.get(url)) == ["Openbare woningen"]
    client.force_login(partner)
    assert sorted(titles(client.get(url))) == ["Netwerk woningen", "Openbare woningen"]

    response = client.get("/feeds/zoeken/?jaar=ooit")
    assert response.status_code == 400
    assert "Ongeldige zoekparameters: jaar: Voer een geheel getal in." in response.content.decode()

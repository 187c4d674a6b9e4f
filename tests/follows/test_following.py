"""Following from the site: one click on a Knoop or the search page (a POST form with CSRF),
"Mijn kennisbank" to see, stop and choose the digest's frequency; bad input gets a Dutch 400
and writes nothing."""

import pytest
from django.test import Client

from kennisbank.models import DigestSettings, Follow, Knoop, Parel, Visibility
from tests.factories import create_item
from tests.follows.conftest import restrict_to_redactie, theme

HOUSING = "Huisvesting statushouders"


@pytest.fixture
def knoop(home):
    return create_item(Knoop, "Te weinig woningen", themes=[HOUSING])


def test_a_user_follows_a_knoop_from_its_page_and_stops_on_mijn_kennisbank(client, partner, knoop):
    assert "Volg deze knoop" not in client.get(knoop.url).content.decode(), "anonymous: none"
    client.force_login(partner)
    page = client.get(knoop.url).content.decode()
    assert "Volg deze knoop" in page
    response = client.post(
        "/mijn-kennisbank/volgen/", {"kind": "knoop", "target": knoop.pk, "next": knoop.url}
    )
    assert response.status_code == 302 and response["Location"] == knoop.url
    page = client.get(knoop.url).content.decode()
    assert "Je volgt deze knoop." in page
    client.post("/mijn-kennisbank/volgen/", {"kind": "knoop", "target": knoop.pk})
    assert Follow.objects.filter(user=partner).count() == 1, "a second click adds nothing"
    assert DigestSettings.objects.get(user=partner).frequency == "weekly", "the default"

    mine = client.get("/mijn-kennisbank/").content.decode()
    assert f'<a href="{knoop.url}">Te weinig woningen</a>' in mine
    follow = Follow.objects.get()
    client.post(f"/mijn-kennisbank/ontvolgen/{follow.pk}/")
    assert not Follow.objects.exists()
    assert "Je volgt nog niets." in client.get("/mijn-kennisbank/").content.decode()


def test_the_search_page_follows_its_one_term_or_the_whole_search(client, gemeente, knoop):
    client.force_login(gemeente)
    slug = theme(HOUSING).slug
    page = client.get(f"/zoeken/?thema={slug}").content.decode()
    assert f"Volg thema {HOUSING}" in page
    assert f'href="/feeds/zoeken/?thema={slug}"' in page
    client.post("/mijn-kennisbank/volgen/", {"kind": "thema", "target": slug})
    assert f"Je volgt thema {HOUSING}." in client.get(f"/zoeken/?thema={slug}").content.decode()

    page = client.get(f"/zoeken/?q=woningen&thema={slug}&page=1&sort=date").content.decode()
    assert "Volg deze zoekopdracht" in page
    client.post(
        "/mijn-kennisbank/volgen/",
        {"kind": "zoekopdracht", "target": f"q=woningen&thema={slug}&page=1&sort=date"},
    )
    saved = Follow.objects.get(kind="zoekopdracht")
    assert saved.search == f"q=woningen&thema={slug}", "how results are shown is not kept"
    mine = client.get("/mijn-kennisbank/").content.decode()
    assert f"‘woningen’, thema: {HOUSING}" in mine, "a term by its name"
    anonymous = Client().get(f"/zoeken/?thema={slug}").content.decode()
    assert "RSS-feed van deze zoekopdracht" in anonymous
    assert f"Volg thema {HOUSING}" not in anonymous, "the feed, not the button"


def test_an_item_page_follows_each_of_its_terms_in_one_click(client, partner):
    terms = {"themes": [HOUSING], "gemeenten": ["Raalte"], "doelgroepen": ["Statushouders"]}
    parel = create_item(Parel, "Taalcafé", organisaties=["Vluchtelingenwerk"], **terms)
    assert 'class="follow follow--compact"' not in client.get(parel.url).content.decode()
    client.force_login(partner)
    page = client.get(parel.url).content.decode()
    for label in (f"thema {HOUSING}", "gemeente Raalte", "doelgroep Statushouders",
                  "organisatie Vluchtelingenwerk"):  # fmt: skip
        assert f'Volg<span class="visually-hidden"> {label}</span>' in page
    slug = theme(HOUSING).slug
    response = client.post(
        "/mijn-kennisbank/volgen/", {"kind": "thema", "target": slug, "next": parel.url}
    )
    assert response["Location"] == parel.url
    page = client.get(parel.url).content.decode()
    assert f'Niet meer volgen<span class="visually-hidden">: thema {HOUSING}</span>' in page
    assert Follow.objects.get(user=partner).thema.name == HOUSING


def test_the_digest_frequency_is_chosen_on_mijn_kennisbank(client, partner):
    assert client.get("/mijn-kennisbank/").status_code == 302, "login required"
    client.force_login(partner)
    response = client.post("/mijn-kennisbank/", {"frequency": "daily"})
    assert response.status_code == 302
    assert "Je keuze is opgeslagen." in client.get(response["Location"]).content.decode()
    assert DigestSettings.objects.get(user=partner).frequency == "daily"
    response = client.post("/mijn-kennisbank/", {"frequency": "elk-uur"})
    assert response.status_code == 400
    assert (
        "Selecteer een geldige keuze. elk-uur is geen beschikbare keuze."
        in response.content.decode()
    )
    assert DigestSettings.objects.get(user=partner).frequency == "daily"


def test_anonymous_visitors_are_sent_to_the_login(client, knoop):
    response = client.post("/mijn-kennisbank/volgen/", {"kind": "knoop", "target": knoop.pk})
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert not Follow.objects.exists()


def test_the_form_needs_its_csrf_token(partner, knoop):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    response = client.post("/mijn-kennisbank/volgen/", {"kind": "knoop", "target": knoop.pk})
    assert response.status_code == 403
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "hobby", "target": "x"}, "Soort: Selecteer een geldige keuze."),
        ({"kind": "thema", "target": "bestaat-niet"}, "Dit onderwerp bestaat niet (meer)"),
        ({"kind": "knoop", "target": "abc"}, "Dit onderwerp bestaat niet (meer)"),
        ({"kind": "zoekopdracht", "target": "jaar=ooit"}, "Deze zoekopdracht klopt niet."),
    ],
)
def test_bad_input_gets_a_dutch_400_and_writes_nothing(client, partner, data, message):
    client.force_login(partner)
    response = client.post("/mijn-kennisbank/volgen/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Follow.objects.exists()


def test_nobody_follows_what_they_may_not_see_nor_stops_anothers_follow(
    client, partner, gemeente, knoop
):
    restrict_to_redactie(knoop)
    client.force_login(partner)
    response = client.post("/mijn-kennisbank/volgen/", {"kind": "knoop", "target": knoop.pk})
    assert response.status_code == 400
    network = create_item(Knoop, "Netwerkknoop", visibility=Visibility.NETWORK)
    client.post("/mijn-kennisbank/volgen/", {"kind": "knoop", "target": network.pk})
    (follow,) = Follow.objects.all()
    client.force_login(gemeente)
    assert client.post(f"/mijn-kennisbank/ontvolgen/{follow.pk}/").status_code == 404
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_a_knoop_one_may_no_longer_see_is_not_listed(client, partner, knoop):
    Follow.objects.create(user=partner, kind="knoop", knoop=knoop)
    restrict_to_redactie(knoop)
    client.force_login(partner)
    assert "Te weinig woningen" not in client.get("/mijn-kennisbank/").content.decode()


def test_other_items_have_no_knoop_button(client, partner, home):
    parel = create_item(Parel, "Flexwoningen")
    client.force_login(partner)
    assert "Volg deze knoop" not in client.get(parel.url).content.decode()

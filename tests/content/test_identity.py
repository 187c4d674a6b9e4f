"""The network's identity: the Redactie sets its name, logo and brand colour in the admin
(Instellingen → Huisstijl); every page shows them; a colour white text cannot be read on is
refused; nobody else may change them."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.test.utils import WagtailTestUtils

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Identity
from tests.factories import create_member

SITE_NAME = "Kennisbank Vluchtelingen IJsselland"


def settings_url():
    return reverse("wagtailsettings:edit", args=["kennisbank", "identity", Site.objects.get().pk])


def save_identity(client, user, **fields):
    client.force_login(user)
    data = {"name": "", "logo": "", "brand_colour": "#17596b", **fields}
    return client.post(settings_url(), data)


def header(client):
    soup = WagtailTestUtils.get_soup(client.get("/").content)
    return soup.select_one(".site-header__name"), soup.title.text


@pytest.fixture
def redacteur(home):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


def test_without_settings_the_site_name_and_the_neutral_mark(client, home):
    name, title = header(client)
    assert name.get_text(strip=True) == SITE_NAME and title == SITE_NAME
    assert name.img["src"].endswith("img/favicon.svg") and name.img["alt"] == ""
    css = client.get("/huisstijl.css")
    assert css["Content-Type"].startswith("text/css")
    assert "--voorbeeld-kleuren-violet-500: #17596b;" in css.content.decode()


def test_the_redactie_sets_name_logo_and_colour_and_every_page_shows_them(client, redacteur):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (120, 40), "#0b3d91").save(buffer, "PNG")
    logo = get_image_model().objects.create(
        title="Beeldmerk", file=ImageFile(buffer, name="beeldmerk.png")
    )
    response = save_identity(
        client, redacteur, name="Vluchtelingennetwerk Twente", logo=logo.pk, brand_colour="#0b3d91"
    )
    assert response.status_code == 302, response.content[:300]

    client.logout()
    name, title = header(client)
    assert name.get_text(strip=True) == "Vluchtelingennetwerk Twente"
    assert title == "Vluchtelingennetwerk Twente"
    assert "beeldmerk" in name.img["src"] and name.img["height"] == "40"
    css = client.get("/huisstijl.css").content.decode()
    assert "--voorbeeld-kleuren-violet-500: #0b3d91;" in css


@pytest.mark.parametrize(
    "colour, message",
    [
        ("#ffd700", "Witte tekst op deze kleur is slecht leesbaar"),
        ("blauw", "Geef de kleur als #rrggbb"),
        ("#17596b;}body{display:none", "7 tekens"),  # no way into the stylesheet
    ],
)
def test_an_unreadable_or_malformed_colour_is_refused_and_nothing_changes(
    client, redacteur, colour, message
):
    response = save_identity(client, redacteur, name="Ander netwerk", brand_colour=colour)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Identity.objects.filter(name="Ander netwerk").exists()
    assert "#17596b" in client.get("/huisstijl.css").content.decode()


@pytest.mark.parametrize("role", [NETWERKPARTNER, GEMEENTE])
def test_only_the_redactie_changes_the_identity(client, home, role):
    user = create_member("lid", role, "Gemeente Raalte")
    response = save_identity(client, user, name="Overgenomen")
    assert response.status_code in (302, 403)
    assert not Identity.objects.filter(name="Overgenomen").exists()
    client.logout()
    assert header(client)[0].get_text(strip=True) == SITE_NAME

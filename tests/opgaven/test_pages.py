"""The public pages of opgaven: per kind the gemeenten side by side, per gemeente over time, the
region on the home page, each chart an accessible SVG with its table and CSV; network-only
figures only for those logged in."""

import re

import pytest

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Meting, Opgave, Visibility
from tests.factories import add_opgave

KIND = "/opgaven/huisvesting-statushouders/"
SECRET = "Geheimbron-telling Zwolle"
SURFACES = [
    "/", "/opgaven/", KIND, f"{KIND}?periode=2023-1", "/opgaven/gemeente/zwolle/",
    "/opgaven/alle.csv", "/opgaven/huisvesting-statushouders.csv",
    "/opgaven/gemeente/zwolle.csv",
]  # fmt: skip


@pytest.fixture
def figures(home):
    raalte = add_opgave(gemeente="Raalte", figures=((52, 38), (52, 49)))
    zwolle = add_opgave(gemeente="Zwolle", visibility=Visibility.NETWORK, figures=((150, 112),))
    Meting.objects.filter(opgave=zwolle).update(source=SECRET)
    add_opgave(
        kind=Opgave.Kind.ASIEL, scope=Opgave.Scope.PROVINCIE, half=0, figures=((4001, None),)
    )
    add_opgave(kind=Opgave.Kind.ASIEL, scope=Opgave.Scope.REGIO, half=0, figures=((1836, None),))
    return {"raalte": raalte, "zwolle": zwolle}


def test_the_kind_page_shows_each_gemeente_and_the_region(client, figures):
    page = client.get(KIND).content.decode()
    assert "Raalte: 49 van 52 (94%)" in page
    assert "Zwolle: geen cijfer" in page
    assert "Samen (gemeenten): 49 van 52 (94%)" in page
    region = client.get("/opgaven/asielopvang/").content.decode()
    assert "(1836 van 4001)" in region
    assert "Regio IJsselland: doel 1.836, nog niets gerealiseerd gemeld" in region


def test_every_chart_is_an_accessible_svg_with_a_table(client, figures):
    for url in ("/opgaven/", KIND, "/opgaven/gemeente/raalte/"):
        page = client.get(url).content.decode()
        charts = re.findall(r"<svg class=\"opgave-chart__svg\"[^>]*>", page)
        assert charts, url
        for svg in charts:
            assert 'role="img"' in svg and "aria-labelledby" in svg and "viewBox" in svg
        assert page.count("<title id=") == len(charts) == page.count("<desc id=")
        assert page.count("<summary>De cijfers als tabel</summary>") == len(charts)
        assert 'style="' not in page and "<script>" not in page, "the site's strict CSP"


def test_the_gemeente_page_keeps_the_history(client, figures):
    page = client.get("/opgaven/gemeente/raalte/").content.decode()
    assert "Alle metingen (de geschiedenis)" in page
    assert page.count("brief van de provincie, november 2023") >= 2
    csv = client.get("/opgaven/gemeente/raalte.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert len(csv.content.decode().splitlines()) == 3  # the header and both measurements


def test_a_bad_period_is_a_400_with_a_dutch_message(client, figures):
    response = client.get(f"{KIND}?periode=vorig-jaar")
    assert response.status_code == 400
    assert "De periode moet een jaar zijn" in response.content.decode()
    assert client.get("/opgaven/onbekend/").status_code == 404
    assert client.get("/opgaven/onbekend.csv").status_code == 404


def test_the_home_page_shows_the_region_in_one_glance(client, figures):
    page = client.get("/").content.decode()
    assert "Opgaven van de regio" in page
    assert "Huisvesting statushouders: 49 van 52 (94%)" in page
    assert "Asielopvang: doel 1.836, nog niets gerealiseerd gemeld" in page


def test_network_only_figures_stay_from_anonymous_visitors(client, figures):
    for url in SURFACES:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert SECRET not in text, url
        assert "150" not in re.sub(r"<[^>]+>", "", text).replace("1500", ""), url


@pytest.mark.parametrize("role", [NETWERKPARTNER, GEMEENTE, REDACTIE])
def test_every_role_sees_the_network_only_figures(client, figures, members, role):
    client.force_login(members[role])
    page = client.get(KIND).content.decode()
    assert "Zwolle: 112 van 150 (75%)" in page
    assert SECRET in client.get("/opgaven/alle.csv").content.decode()
    assert "Samen (gemeenten): 161 van 202 (80%)" in page
    assert "Huisvesting statushouders: 161 van 202 (80%)" in client.get("/").content.decode()

"""A Parel's quality: beschreven, getoetst door de redactie (a date, every criterion met) or
bewezen in meerdere gemeenten (the adoption register); only the Redactie reviews."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Revision

from kennisbank.accounts.roles import NETWERKPARTNER, REDACTIE
from kennisbank.models import Adoption, Gemeente, Organisatie, Parel
from tests.factories import create_item, create_member, edit_form_data

COMPLETE = {
    "problem": "<p>Statushouders wachten lang.</p>",
    "result": "<p>Twintig gezinnen gehuisvest.</p>",
    "conditions": "<p>Een corporatie die meedoet.</p>",
    "contact": "wonen@example.org",
}


@pytest.fixture
def redacteur(home):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


def complete_parel(**fields):
    parel = create_item(Parel, "Tijdelijk wonen", **COMPLETE, **fields)
    parel.body = [("paragraph", "<p>Samen met de corporatie.</p>")]
    parel.save_revision().publish()
    return Parel.objects.get(pk=parel.pk)


# The body's one paragraph as the admin's stream editor posts it.
BODY = {"body-count": "1", "body-0-type": "paragraph", "body-0-deleted": "", "body-0-order": "0",
        "body-0-id": "", "body-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, '
        '"text": "Samen met de corporatie.", "inlineStyleRanges": [], "entityRanges": []}], '
        '"entityMap": {}}'}  # fmt: skip


def edit(client, parel, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[parel.pk])
    data = edit_form_data(client, parel, **BODY, **changes, **{"action-publish": "1"})
    return client.post(url, data)


def test_a_new_parel_is_beschreven(client, home):
    parel = create_item(Parel, "Nieuw")
    assert parel.quality == Parel.Quality.BESCHREVEN
    assert "Beschreven" in client.get(parel.url).content.decode()


def test_the_redactie_reviews_a_complete_parel(client, redacteur):
    parel = complete_parel()
    client.force_login(redacteur)
    assert edit(client, parel, reviewed_on="2024-05-01").status_code == 302
    parel = Parel.objects.get(pk=parel.pk)
    assert (parel.reviewed_on, parel.quality) == (datetime.date(2024, 5, 1), "getoetst")
    html = client.get(parel.url).content.decode()
    assert "Getoetst door de redactie" in html and "1 mei 2024" in html
    assert "probleem beschreven, aanpak beschreven, resultaat beschreven" in html


def test_a_parel_missing_criteria_cannot_be_reviewed(client, redacteur):
    parel = create_item(Parel, "Half af", problem="<p>Er is een probleem.</p>")
    client.force_login(redacteur)
    response = edit(client, parel, reviewed_on="2024-05-01")
    assert response.status_code == 200
    assert response.context["form"].errors["reviewed_on"] == [
        "Nog niet te toetsen: resultaat beschreven, randvoorwaarden beschreven, contact "
        "aanwezig ontbreekt."
    ]
    assert Parel.objects.get(pk=parel.pk).reviewed_on is None


def test_others_see_the_review_read_only(client, home):
    partner = create_member("partner", NETWERKPARTNER, "COA")
    parel = complete_parel(reviewed_on=datetime.date(2024, 1, 1))
    Parel.objects.filter(pk=parel.pk).update(owner=partner)
    client.force_login(partner)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[parel.pk]))
    field = response.context["form"].fields["reviewed_on"]
    assert field.disabled and field.help_text == "Alleen de redactie kan dit wijzigen."
    revisions = Revision.objects.count()
    url = reverse("wagtailadmin_pages:edit", args=[parel.pk])
    data = edit_form_data(client, parel, **BODY, reviewed_on="2030-01-01", summary="Aangevuld.")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Revision.objects.count() == revisions + 1
    latest = Parel.objects.get(pk=parel.pk).get_latest_revision().content
    assert latest["reviewed_on"] == "2024-01-01" and latest["summary"] == "Aangevuld."


def test_three_gemeenten_prove_it_and_fewer_fall_back(client, home):
    parel = complete_parel(reviewed_on=datetime.date(2024, 1, 1))
    for name in ("Dalfsen", "Ommen", "Zwolle"):
        Adoption.objects.create(
            parel=parel,
            gemeente=Gemeente.objects.create(name=name),
            organisation=Organisatie.objects.create(name=f"Gemeente {name}"),
            date=datetime.date(2024, 2, 1),
        )
    html = client.get(parel.url).content.decode()
    assert "Bewezen in meerdere gemeenten</span> (toegepast in 3 gemeenten)" in html
    assert "Getoetst door de redactie op" in html
    Adoption.objects.filter(gemeente__name="Zwolle").delete()
    assert Parel.objects.get(pk=parel.pk).quality == Parel.Quality.GETOETST

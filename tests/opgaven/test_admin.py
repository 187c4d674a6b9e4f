"""Who enters and corrects the figures in the admin: a Gemeente user those of their own
gemeente only, the Redactie everyone's and the region's and province's, a Netwerkpartner none."""

import re

import pytest
from django.urls import reverse

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Gemeente, Meting, Opgave
from tests.factories import add_figure, add_opgave


@pytest.fixture
def opgaven(members):
    return {
        "eigen gemeente": add_opgave(gemeente="Raalte"),
        "andere gemeente": add_opgave(gemeente="Zwolle"),
        "regio": add_opgave(kind=Opgave.Kind.CNO, half=0, figures=((450, None),)),
    }


# Who may add a figure to which opgave (Redactie, Netwerkpartner, Gemeente), as in
# docs/permissions.md.
MAY_ADD = {
    "eigen gemeente": (True, False, True),
    "andere gemeente": (True, False, False),
    "regio": (True, False, False),
}


@pytest.mark.parametrize("target", MAY_ADD)
def test_who_adds_a_figure_to_which_opgave(client, members, opgaven, target, subtests):
    for role, allowed in zip((REDACTIE, NETWERKPARTNER, GEMEENTE), MAY_ADD[target], strict=True):
        with subtests.test(role=role):
            client.force_login(members[role])
            opgave = opgaven[target]
            before = opgave.metingen.count()
            response = add_figure(client, opgave, 52, 45 + before)
            assert response.status_code < 500
            assert (opgave.metingen.count() == before + 1) is allowed
            Meting.objects.filter(opgave=opgave, source="eigen telling").delete()


def test_a_new_figure_keeps_the_old_one_and_becomes_the_current(client, members, opgaven):
    client.force_login(members[GEMEENTE])
    opgave = opgaven["eigen gemeente"]
    response = add_figure(client, opgave, 52, 49)
    assert response.status_code == 302
    figures = list(opgave.metingen.order_by("date").values_list("realised", flat=True))
    assert figures == [38, 49]
    assert Opgave.objects.get(pk=opgave.pk).current.realised == 49


def test_a_gemeente_user_sees_and_chooses_only_their_own_gemeente(client, members, opgaven):
    client.force_login(members[GEMEENTE])
    listing = client.get(reverse("opgaven:index")).content.decode()
    assert "Raalte" in listing
    assert "Zwolle" not in listing
    assert "Crisisnoodopvang, Regio IJsselland" not in listing
    form = client.get(reverse("opgaven:add")).content.decode()
    options = re.findall(r"<option[^>]*>\s*([^<]*?)\s*</option>", form)
    assert "Raalte" in options
    assert "Zwolle" not in options
    assert "Regio IJsselland" not in form


def test_a_gemeente_user_cannot_add_an_opgave_for_another_gemeente(client, members, opgaven):
    client.force_login(members[GEMEENTE])
    zwolle = Gemeente.objects.get(name="Zwolle")
    data = {
        "kind": Opgave.Kind.OEKRAINE, "scope": "gemeente", "gemeente": zwolle.pk, "year": 2023,
        "half": 0, "visibility": "public", "metingen-TOTAL_FORMS": "1",
        "metingen-INITIAL_FORMS": "0", "metingen-MIN_NUM_FORMS": "1",
        "metingen-MAX_NUM_FORMS": "1000", "metingen-0-date": "2023-09-01",
        "metingen-0-target": "900", "metingen-0-realised": "910", "metingen-0-source": "telling",
    }  # fmt: skip
    response = client.post(reverse("opgaven:add"), data)
    assert response.status_code == 200  # the form again, with its message
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Opgave.objects.filter(kind=Opgave.Kind.OEKRAINE).exists()
    data["gemeente"] = Gemeente.objects.get(name="Raalte").pk
    assert client.post(reverse("opgaven:add"), data).status_code == 302
    assert Opgave.objects.get(kind=Opgave.Kind.OEKRAINE).gemeente.name == "Raalte"


def test_an_opgave_that_exists_is_refused_with_a_message(client, members, opgaven):
    client.force_login(members[REDACTIE])
    data = {
        "kind": Opgave.Kind.CNO, "scope": "regio", "gemeente": "", "year": 2023, "half": 0,
        "visibility": "public", "metingen-TOTAL_FORMS": "1", "metingen-INITIAL_FORMS": "0",
        "metingen-MIN_NUM_FORMS": "1", "metingen-MAX_NUM_FORMS": "1000",
        "metingen-0-date": "2023-12-01", "metingen-0-target": "450", "metingen-0-source": "x",
    }  # fmt: skip
    response = client.post(reverse("opgaven:add"), data)
    assert "Deze opgave bestaat al" in response.content.decode()
    assert Opgave.objects.filter(kind=Opgave.Kind.CNO).count() == 1


def test_only_the_redactie_deletes(client, members, opgaven):
    for role in (GEMEENTE, NETWERKPARTNER):
        client.force_login(members[role])
        client.post(reverse("opgaven:delete", args=[opgaven["eigen gemeente"].pk]))
        assert Opgave.objects.filter(pk=opgaven["eigen gemeente"].pk).exists(), role
    client.force_login(members[REDACTIE])
    client.post(reverse("opgaven:delete", args=[opgaven["andere gemeente"].pk]))
    assert not Opgave.objects.filter(pk=opgaven["andere gemeente"].pk).exists()


def test_a_netwerkpartner_has_no_opgaven_in_the_admin(client, members, opgaven):
    client.force_login(members[NETWERKPARTNER])
    assert client.get(reverse("opgaven:index")).status_code in (302, 403)
    assert client.get(reverse("opgaven:add")).status_code in (302, 403)

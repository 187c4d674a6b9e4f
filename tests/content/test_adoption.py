"""The adoption register: "Wij passen dit ook toe" on a Parel, who may mark and withdraw,
what the page, cards, home page and API show, and to whom."""

import datetime

import pytest
from django.contrib.auth.models import Group

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Adoption, Parel, Visibility
from tests.factories import create_item, create_member, create_user, mark_applied

DATE = "2024-03-01"


@pytest.fixture
def parel(home):
    return create_item(Parel, "Maatjesproject statushouders", summary="Een maatje per gezin.")


@pytest.fixture
def network_parel(home):
    return create_item(
        Parel, "Geheime werkwijze", summary="Voor het netwerk.", visibility=Visibility.NETWORK
    )


@pytest.fixture
def raalte(db):
    return create_member("raalte", GEMEENTE, "Gemeente Raalte", gemeente="Raalte")


@pytest.fixture
def partner(db):
    return create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk")


@pytest.fixture
def redacteur(db):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


def adopt(client, parel, date=DATE, note=""):
    return client.post(f"/toepassingen/{parel.pk}/", {"date": date, "note": note})


def page(client, parel):
    response = client.get(parel.url)
    assert response.status_code == 200
    return response.content.decode()


# ------------------------------------------------------------------ who may mark and withdraw


def test_a_gemeente_marks_a_parel_with_a_date_and_note_from_its_membership(client, parel, raalte):
    client.force_login(raalte)
    html = page(client, parel)
    assert "Wij passen dit ook toe" in html
    assert 'name="csrfmiddlewaretoken"' in html
    response = adopt(client, parel, note="Met twee vrijwilligers gestart.")
    assert response.status_code == 302
    assert response["Location"].endswith("#toegepast")
    adoption = Adoption.objects.get(parel=parel)
    assert (adoption.gemeente.name, adoption.organisation.name) == ("Raalte", "Gemeente Raalte")
    assert adoption.date == datetime.date(2024, 3, 1)
    assert adoption.created_by == raalte
    html = page(client, parel)
    assert "Met twee vrijwilligers gestart." in html
    assert "Wij passen dit ook toe" not in html, "marked once: the button goes"
    assert "Intrekken" in html


def test_a_netwerkpartner_marks_for_its_organisation(client, parel, partner):
    client.force_login(partner)
    assert adopt(client, parel).status_code == 302
    adoption = Adoption.objects.get(parel=parel)
    assert (adoption.gemeente, adoption.organisation.name) == (None, "Vluchtelingenwerk")
    assert "Vluchtelingenwerk" in page(client, parel)


def test_an_organisation_marks_a_parel_once(client, parel, raalte):
    client.force_login(raalte)
    adopt(client, parel)
    response = adopt(client, parel)
    assert response.status_code == 400
    assert "heeft deze parel al als toegepast gemeld" in response.content.decode()
    assert Adoption.objects.count() == 1


@pytest.mark.parametrize(
    ("date", "message"),
    [("morgen", "Voer een geldige datum in"), ("2999-01-01", "Een datum in de toekomst kan niet")],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(client, parel, raalte, date, message):
    client.force_login(raalte)
    response = adopt(client, parel, date=date)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Adoption.objects.exists()


def test_a_long_note_is_refused(client, parel, raalte):
    client.force_login(raalte)
    response = adopt(client, parel, note="x" * 501)
    assert response.status_code == 400
    assert "500 tekens" in response.content.decode()


def test_anonymous_may_not_mark_and_sees_no_button(client, parel):
    assert "Wij passen dit ook toe" not in page(client, parel)
    response = adopt(client, parel)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert not Adoption.objects.exists()


def test_the_redactie_and_a_user_without_membership_do_not_mark(client, parel, redacteur):
    without = create_user("zonder")
    without.groups.add(Group.objects.get(name=GEMEENTE))
    for user in (redacteur, without):
        client.force_login(user)
        assert "Wij passen dit ook toe" not in page(client, parel)
        assert adopt(client, parel).status_code == 403
    assert not Adoption.objects.exists()


def test_a_gemeente_marks_a_parel_once_whoever_marks_it(client, parel, raalte):
    mark_applied(parel, "Raalte", organisation="Sociaal team Raalte")
    client.force_login(raalte)
    response = adopt(client, parel)
    assert response.status_code == 400
    assert "heeft deze parel al als toegepast gemeld" in response.content.decode()


def test_marking_a_parel_one_may_not_see_is_a_404(client, home, network_parel, raalte):
    network_parel.unpublish()
    client.force_login(raalte)
    assert adopt(client, network_parel).status_code == 404


def test_only_a_get_is_refused(client, parel, raalte):
    client.force_login(raalte)
    assert client.get(f"/toepassingen/{parel.pk}/").status_code == 405


def test_one_withdraws_only_ones_own_mark(client, parel, raalte, partner):
    own = mark_applied(parel, "Raalte")
    other = mark_applied(parel, organisation="Vluchtelingenwerk")
    client.force_login(raalte)
    assert client.post(f"/toepassingen/intrekken/{other.pk}/").status_code == 403
    assert page(client, parel).count("Intrekken<span") == 1
    assert client.post(f"/toepassingen/intrekken/{own.pk}/").status_code == 302
    assert list(Adoption.objects.all()) == [other]
    client.force_login(partner)
    assert client.post(f"/toepassingen/intrekken/{other.pk}/").status_code == 302
    assert not Adoption.objects.exists()


def test_a_colleague_of_the_same_gemeente_withdraws_its_mark(client, parel, raalte):
    mark_applied(parel, "Raalte")
    colleague = create_member("collega", GEMEENTE, "Gemeente Raalte", gemeente="Raalte")
    client.force_login(colleague)
    assert client.post(f"/toepassingen/intrekken/{Adoption.objects.get().pk}/").status_code == 302


def test_the_redactie_removes_any_mark(client, parel, redacteur):
    adoption = mark_applied(parel, "Kampen")
    client.force_login(redacteur)
    assert "Intrekken" in page(client, parel)
    assert client.post(f"/toepassingen/intrekken/{adoption.pk}/").status_code == 302
    assert not Adoption.objects.exists()


def test_anonymous_may_not_withdraw(client, parel):
    adoption = mark_applied(parel, "Kampen")
    assert client.post(f"/toepassingen/intrekken/{adoption.pk}/").status_code == 302
    assert Adoption.objects.filter(pk=adoption.pk).exists()


def test_the_permissions_are_the_roles(db):
    def codenames(role):
        return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    assert "add_adoption" in codenames(GEMEENTE) & codenames(NETWERKPARTNER)
    assert {"delete_adoption", "review_parel"} <= codenames(REDACTIE)
    contributors = codenames(GEMEENTE) | codenames(NETWERKPARTNER)
    assert not {"delete_adoption", "review_parel"} & contributors


# ------------------------------------------------------------------ what is shown, to whom


def test_the_page_lists_where_it_is_applied_and_notes_only_for_the_network(client, parel, partner):
    mark_applied(
        parel, "Deventer", note="Werkte goed met de bibliotheek.", date=datetime.date(2024, 2, 5)
    )
    html = page(client, parel)
    assert "Deventer" in html and "5 februari 2024" in html
    assert "Werkte goed met de bibliotheek." not in html, "notes stay within the network"
    client.force_login(partner)
    assert "Werkte goed met de bibliotheek." in page(client, parel)


def test_cards_show_the_count_and_three_gemeenten_prove_it(client, parel):
    for gemeente in ("Deventer", "Zwolle"):
        mark_applied(parel, gemeente)
    mark_applied(parel, organisation="COA")  # a partner counts for no gemeente
    home_html = client.get("/").content.decode()
    assert "Toegepast in 2 gemeenten" in home_html
    assert "Bewezen in meerdere gemeenten" not in home_html
    mark_applied(parel, "Ommen")
    assert Parel.objects.get(pk=parel.pk).quality == Parel.Quality.BEWEZEN
    home_html = client.get("/").content.decode()
    assert "Toegepast in 3 gemeenten" in home_html
    assert "Bewezen in meerdere gemeenten" in home_html


def test_the_home_page_shows_recent_adoptions(client, parel):
    mark_applied(parel, "Staphorst")
    html = client.get("/").content.decode()
    assert "Recent toegepast" in html
    assert "Staphorst" in html


def test_a_network_only_parels_adoptions_are_never_seen_anonymously(client, network_parel, partner):
    mark_applied(network_parel, "Hardenberg", note="Vertrouwelijk verloop.")
    home_html = client.get("/").content.decode()
    assert "Hardenberg" not in home_html and "Recent toegepast" not in home_html
    assert client.get(network_parel.url).status_code in (302, 403)
    api = client.get("/api/v2/pages/", {"type": "kennisbank.Parel", "fields": "toegepast"}).json()
    assert api["items"] == []
    assert client.get(f"/api/v2/pages/{network_parel.pk}/").status_code == 404
    client.force_login(partner)
    assert "Hardenberg" in client.get("/").content.decode()
    assert "Vertrouwelijk verloop." in page(client, network_parel)


def test_the_api_shows_a_parels_adoptions_and_notes_only_to_the_network(client, parel, partner):
    mark_applied(parel, "Zwolle", note="Aangepast voor jongeren.", date=datetime.date(2024, 4, 1))
    data = client.get(f"/api/v2/pages/{parel.pk}/").json()
    assert data["toegepast"] == [
        {
            "gemeente": {"name": "Zwolle", "slug": "zwolle"},
            "organisatie": {"name": "Gemeente Zwolle", "slug": "gemeente-zwolle"},
            "datum": "2024-04-01",
        }
    ]
    assert data["quality"] == "beschreven"
    client.force_login(partner)
    data = client.get(f"/api/v2/pages/{parel.pk}/").json()
    assert data["toegepast"][0]["toelichting"] == "Aangepast voor jongeren."

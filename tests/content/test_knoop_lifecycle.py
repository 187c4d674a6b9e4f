"""A Knoop's lifecycle: only the Redactie moves it, every move lands on its timeline, and the
Knopen index is the agenda of the regional table."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from kennisbank.accounts.roles import NETWERKPARTNER, REDACTIE, STATUS_REFUSED
from kennisbank.models import Knoop, KnoopChange, KnoopIndexPage, Visibility
from tests.factories import (
    create_form_data,
    create_item,
    create_meeting,
    create_member,
    edit_form_data,
)

REFUSED = "Alleen de redactie kan de status en het niveau van een knoop wijzigen."


@pytest.fixture
def redacteur(home):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


@pytest.fixture
def partner(home):
    return create_member("partner", NETWERKPARTNER, "COA")


def test_the_message_is_dutch():
    assert STATUS_REFUSED == REFUSED


def test_redactie_moves_a_knoop_and_the_timeline_shows_it(client, redacteur):
    knoop = create_item(Knoop, "Te weinig woningen voor statushouders", level=Knoop.Level.GEMEENTE)
    client.force_login(redacteur)
    url = reverse("wagtailadmin_pages:edit", args=[knoop.pk])
    data = edit_form_data(
        client,
        knoop,
        status=Knoop.Status.GEAGENDEERD,
        level=Knoop.Level.REGIO,
        status_note="Op de agenda van de RRVIJ van 14 juli.",
        **{"action-publish": "publish"},
    )
    assert client.post(url, data).status_code == 302

    first, move = KnoopChange.objects.filter(knoop=knoop)
    assert (first.to_status, first.to_level) == ("gesignaleerd", "gemeente")
    assert (move.from_status, move.to_status) == ("gesignaleerd", "geagendeerd")
    assert (move.from_level, move.to_level) == ("gemeente", "regio")
    assert move.user == redacteur
    assert move.note == "Op de agenda van de RRVIJ van 14 juli."
    assert timezone.localtime(move.changed_at).date() == timezone.localdate()

    client.logout()
    page = client.get(knoop.url).content.decode()
    assert "Tijdlijn" in page
    assert "Op de agenda van de RRVIJ van 14 juli." in page
    assert "Gesignaleerd → <strong>Geagendeerd</strong>" in page
    assert "Gemeente → <strong>Regio</strong>" in page


def test_a_draft_is_not_on_the_timeline_until_published(client, redacteur):
    knoop = create_item(Knoop, "Wachtlijst ISK")
    client.force_login(redacteur)
    url = reverse("wagtailadmin_pages:edit", args=[knoop.pk])
    client.post(url, edit_form_data(client, knoop, status=Knoop.Status.GEESCALEERD))
    assert list(knoop.changes.values_list("to_status", flat=True)) == ["gesignaleerd"]


def test_a_partner_sees_status_and_level_but_cannot_choose_them(client, partner):
    knoop = create_item(Knoop, "Vervoer naar school", publish=False)
    Knoop.objects.filter(pk=knoop.pk).update(owner=partner)
    client.force_login(partner)
    url = reverse("wagtailadmin_pages:edit", args=[knoop.pk])

    form = WagtailTestUtils.get_soup(client.get(url).content)
    for field in ("status", "level"):
        assert form.select_one(f"select[name={field}]").has_attr("disabled")
    assert "Alleen de redactie kan dit wijzigen." in form.get_text()

    # A status or level sent anyway is ignored; everything else the partner may change.
    data = edit_form_data(client, knoop, status="opgelost", level="rijk", summary="Scherper.")
    assert client.post(url, data).status_code == 302
    latest = Knoop.objects.get(pk=knoop.pk).get_latest_revision().content
    assert (latest["status"], latest["level"], latest["summary"]) == (
        "gesignaleerd",
        "regio",
        "Scherper.",
    )


def test_only_the_redactie_sees_the_search_engine_and_menu_fields(client, partner, redacteur):
    knoop = create_item(Knoop, "Zoekmachinevelden", publish=False)
    Knoop.objects.filter(pk=knoop.pk).update(owner=partner)
    url = reverse("wagtailadmin_pages:edit", args=[knoop.pk])
    for user, shown in ((partner, False), (redacteur, True)):
        client.force_login(user)
        form = WagtailTestUtils.get_soup(client.get(url).content)
        for field in ("seo_title", "search_description", "show_in_menus"):
            assert bool(form.select(f"[name={field}]")) is shown, (user, field)
        assert bool(form.select("[name=slug]")) and bool(form.select("[name=visibility]"))


def test_a_knoop_a_partner_creates_starts_signalled(client, partner):
    client.force_login(partner)
    fields = {
        "title": "Geen huisarts in de noodopvang",
        "slug": "geen-huisarts",
        "summary": "Bewoners van de CNO vinden geen huisarts.",
        "date": "2024-02-01",
    }

    # A status sent anyway is ignored: the field is read-only for a partner.
    url, data = create_form_data(
        client, Knoop, KnoopIndexPage.objects.get(), **fields, status="geescaleerd"
    )
    assert client.post(url, data).status_code == 302
    knoop = Knoop.objects.get(slug="geen-huisarts")
    assert knoop.status == Knoop.Status.GESIGNALEERD
    assert knoop.author_organisation.name == "COA"


def test_no_other_path_lets_a_partner_change_the_status(partner, redacteur):
    knoop = create_item(Knoop, "Tolken in de zorg")
    knoop.status = Knoop.Status.OPGELOST
    with pytest.raises(ValidationError, match=REFUSED):
        knoop.save_revision(user=partner)
    assert knoop.get_latest_revision().content["status"] == "gesignaleerd"

    knoop.save_revision(user=redacteur).publish(user=redacteur)
    assert Knoop.objects.get(pk=knoop.pk).status == Knoop.Status.OPGELOST

    new = Knoop(title="Nieuw", summary="Nieuw.", date=datetime.date(2024, 1, 1), owner=partner)
    new.status = Knoop.Status.GEAGENDEERD
    KnoopIndexPage.objects.get().add_child(instance=new)
    with pytest.raises(ValidationError, match=REFUSED):
        new.save_revision(user=partner)


def test_the_index_is_the_agenda(client, home):
    today = timezone.localdate()
    create_item(Knoop, "Later besproken", status="geagendeerd", level="provincie",
                review_date=today + datetime.timedelta(days=30))  # fmt: skip
    create_item(Knoop, "Eerst besproken", status="geagendeerd", level="regio",
                review_date=today + datetime.timedelta(days=3))  # fmt: skip
    create_item(Knoop, "Bij het Rijk", status="geescaleerd", level="rijk")
    create_item(Knoop, "Al opgelost", status="opgelost")
    create_item(Knoop, "Alleen voor het netwerk", status="gesignaleerd",
                visibility=Visibility.NETWORK)  # fmt: skip

    index = KnoopIndexPage.objects.get()
    response = client.get(index.url)
    agenda = dict(response.context["agenda"])
    assert [k.title for k in agenda["Geagendeerd"]] == ["Eerst besproken", "Later besproken"]
    assert [k.title for k in agenda["Geëscaleerd"]] == ["Bij het Rijk"]
    assert agenda["Gesignaleerd"] == [], "network-only knots stay hidden from the public"
    html = response.content.decode()
    section = html.split("Agenda: open knopen", 1)[1].split("Alle knopen", 1)[0]
    assert "Al opgelost" not in section
    assert "Provincie" in section
    assert "Rijk" in section


def test_redactie_dashboard_lists_knopen_past_their_review_date(client, redacteur, partner):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    create_item(Knoop, "Achterstallige knoop", status="geagendeerd", review_date=yesterday)
    create_item(Knoop, "Opgeloste knoop", status="opgelost", review_date=yesterday)

    client.force_login(redacteur)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Knopen waarvan de bespreekdatum voorbij is" in page
    assert "Achterstallige knoop" in page
    assert "Opgeloste knoop" not in page

    client.force_login(partner)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Achterstallige knoop" not in page


def test_the_dashboard_leaves_out_a_knoop_a_coming_meeting_has_on_its_agenda(client, redacteur):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    knoop = create_item(Knoop, "Al geagendeerde knoop", status="geagendeerd", review_date=yesterday)
    create_meeting("Regietafel volgende week", points=[{"item": knoop}])

    client.force_login(redacteur)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Al geagendeerde knoop" not in page


def test_reverting_keeps_the_status_the_redactie_gave(client, partner, redacteur):
    knoop = create_item(Knoop, "Onderwijs voor AMV", publish=False)
    Knoop.objects.filter(pk=knoop.pk).update(owner=partner)
    first = knoop.get_latest_revision()
    knoop.status = Knoop.Status.GEAGENDEERD
    knoop.save_revision(user=redacteur)

    client.force_login(partner)
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[knoop.pk, first.pk])
    response = client.get(revert)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("body-count", "0")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[knoop.pk]), data)
    assert response.status_code == 302  # the older text is back, the status is not
    assert Knoop.objects.get(pk=knoop.pk).get_latest_revision().content["status"] == "geagendeerd"


def test_reverting_through_the_admin_api_is_refused_with_the_message(client, partner, redacteur):
    knoop = create_item(Knoop, "Taallessen in de opvang", publish=False)
    Knoop.objects.filter(pk=knoop.pk).update(owner=partner)
    first = knoop.get_latest_revision()
    knoop.status = Knoop.Status.GEAGENDEERD
    knoop.save_revision(user=redacteur)
    revisions = Revision.objects.count()

    client.force_login(partner)
    response = client.post(
        f"/admin/api/main/pages/{knoop.pk}/action/revert_to_page_revision/",
        {"revision_id": first.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert Revision.objects.count() == revisions, "nothing saved"
    assert Knoop.objects.get(pk=knoop.pk).get_latest_revision().content["status"] == "geagendeerd"


def test_an_edit_form_without_its_stream_counts_is_a_bad_request(client, redacteur):
    knoop = create_item(Knoop, "Kinderopvang voor statushouders")
    client.force_login(redacteur)
    revisions = Revision.objects.count()
    data = edit_form_data(client, knoop, title="Anders")
    del data["body-count"]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[knoop.pk]), data)
    assert response.status_code == 400
    data = edit_form_data(client, knoop, title="Anders", **{"body-count": "veel"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[knoop.pk]), data)
    assert response.status_code == 400
    assert Revision.objects.count() == revisions, "nothing saved"
    assert Knoop.objects.get(pk=knoop.pk).title == "Kinderopvang voor statushouders"

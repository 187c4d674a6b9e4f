"""A Knoop through a meeting: put on the agenda, escalated by the outcome, a Besluit recorded
from the agenda item; each step on the Knoop's timeline links the meeting and the Besluit."""

from django.core import mail
from django.urls import reverse

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Besluit, Follow, Knoop, KnoopChange, Vergadering, Visibility
from tests.factories import create_meeting, republish


def steps(knoop):
    return list(KnoopChange.objects.filter(knoop=knoop).values_list("to_status", "to_level"))


def test_a_published_meeting_puts_its_knoop_on_the_agenda_once(client, members, knoop):
    redactie = members[REDACTIE]
    meeting = create_meeting("Regietafel juni", points=[{"item": knoop}], user=redactie)
    knoop = Knoop.objects.get(pk=knoop.pk)
    assert knoop.status == Knoop.Status.GEAGENDEERD
    assert steps(knoop) == [("gesignaleerd", "regio"), ("geagendeerd", "regio")]
    assert knoop.changes.last().vergadering == meeting
    assert knoop.changes.last().user == redactie

    republish(meeting, redactie)  # publishing again records nothing new
    assert len(steps(knoop)) == 2

    page = client.get(knoop.url).content.decode()
    assert "geagendeerd voor" in page
    assert f'href="{meeting.url}"' in page


def test_the_knoops_followers_hear_that_a_meeting_put_it_on_the_agenda(members, knoop):
    follower = members[GEMEENTE]
    Follow.objects.create(user=follower, kind=Follow.Kind.KNOOP, knoop=knoop)
    create_meeting("Regietafel juni", points=[{"item": knoop}], user=members[REDACTIE])

    (alert,) = [message for message in mail.outbox if message.to == [follower.email]]
    assert alert.subject == f"Knoop gewijzigd: {knoop.title} is nu geagendeerd (regio)"
    assert "Status: Gesignaleerd → Geagendeerd" in alert.body


def test_an_unpublished_meeting_leaves_the_knoop_as_it_is(knoop):
    create_meeting("Regietafel in voorbereiding", points=[{"item": knoop}], publish=False)
    assert Knoop.objects.get(pk=knoop.pk).status == Knoop.Status.GESIGNALEERD


def test_a_knoop_further_along_keeps_its_status_and_gets_the_step(members, knoop):
    moved = Knoop.objects.get(pk=knoop.pk)
    moved.status = Knoop.Status.GEESCALEERD
    moved.save_revision(user=members[REDACTIE]).publish()
    create_meeting("Regietafel juli", points=[{"item": knoop}], user=members[REDACTIE])
    assert Knoop.objects.get(pk=knoop.pk).status == Knoop.Status.GEESCALEERD
    assert KnoopChange.objects.filter(knoop=knoop, vergadering__isnull=False).count() == 1


def test_the_outcome_escalates_the_knoop_and_the_besluit_is_linked(client, members, knoop):
    redactie = members[REDACTIE]
    meeting = create_meeting(
        "Regietafel augustus",
        user=redactie,
        points=[{"item": knoop, "proposal": "Voorleggen aan de provincie."}],
    )
    point = meeting.agenda_items.get()
    point.outcome_kind, point.escalation_level = "geescaleerd", Knoop.Level.PROVINCIE
    point.outcome = "De regietafel legt de knoop voor aan de PRT."
    meeting = republish(
        meeting, redactie, meeting_status=Vergadering.Status.GEHOUDEN, agenda_items=[point]
    )
    knoop = Knoop.objects.get(pk=knoop.pk)
    assert (knoop.status, knoop.level) == (Knoop.Status.GEESCALEERD, Knoop.Level.PROVINCIE)
    assert steps(knoop)[-1] == ("geescaleerd", "provincie")

    # The Redactie records the Besluit from the agenda item: a draft, linked to item and Knoop.
    client.force_login(redactie)
    point = meeting.agenda_items.get()
    url = reverse("kennisbank_meeting_besluiten", args=[meeting.pk])
    assert "Besluit vastleggen" in client.get(url).content.decode()
    response = client.post(url, {"item": point.pk})
    besluit = Besluit.objects.get(agenda_item=point)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[besluit.pk])
    assert not besluit.live
    assert besluit.decision_status == Besluit.Status.VOORGESTELD
    assert [link.item_id for link in besluit.related_links.all()] == [knoop.pk]
    besluit.save_revision(user=redactie).publish()

    client.logout()
    page = client.get(knoop.url).content.decode()
    assert "geëscaleerd door" in page
    assert f'href="{besluit.url}"' in page
    meeting_page = client.get(meeting.url).content.decode()
    assert f'href="{besluit.url}"' in meeting_page
    assert "Geëscaleerd</strong> naar provincie" in meeting_page
    assert f'href="{meeting.url}"' in client.get(besluit.url).content.decode()


def test_the_timeline_hides_a_meeting_the_visitor_may_not_see(client, members, knoop):
    meeting = create_meeting(
        "Besloten regietafel", points=[{"item": knoop}], visibility=Visibility.NETWORK
    )
    page = client.get(knoop.url).content.decode()
    assert "Geagendeerd" in page  # the Knoop's own status is public
    assert "Besloten regietafel" not in page and meeting.url not in page
    client.force_login(members[GEMEENTE])
    assert "Besloten regietafel" in client.get(knoop.url).content.decode()


def test_a_network_only_agenda_item_stays_off_the_public_timeline(client, members, knoop):
    create_meeting(
        "Openbare regietafel", points=[{"item": knoop, "visibility": Visibility.NETWORK}]
    )
    assert "Openbare regietafel" not in client.get(knoop.url).content.decode()
    client.force_login(members[NETWERKPARTNER])
    assert "Openbare regietafel" in client.get(knoop.url).content.decode()


def test_only_the_redactie_records_besluiten(client, members, knoop):
    meeting = create_meeting("Regietafel mei", points=[{"item": knoop}])
    point = meeting.agenda_items.get()
    url = reverse("kennisbank_meeting_besluiten", args=[meeting.pk])
    for role in (NETWERKPARTNER, GEMEENTE):
        client.force_login(members[role])
        # Wagtail's admin answers a refusal with its home page and "no permission".
        assert client.get(url)["Location"] == reverse("wagtailadmin_home")
        assert client.post(url, {"item": point.pk})["Location"] == reverse("wagtailadmin_home")
    assert not Besluit.objects.exists()
    client.logout()
    assert client.post(url, {"item": point.pk}).status_code == 302  # to the login page
    assert not Besluit.objects.exists()


def test_an_unknown_agenda_item_is_refused_in_dutch_and_writes_nothing(client, members, knoop):
    meeting = create_meeting("Regietafel april", points=[{"item": knoop}])
    other = create_meeting("Regietafel maart", points=[{"title": "Rondvraag"}])
    client.force_login(members[REDACTIE])
    url = reverse("kennisbank_meeting_besluiten", args=[meeting.pk])
    for value in ("", "abc", "99999999999999999999999", str(other.agenda_items.get().pk)):
        response = client.post(url, {"item": value})
        assert response.status_code == 400, value
        assert "Kies een agendapunt van deze vergadering." in response.content.decode()
    assert not Besluit.objects.exists()


def test_the_meeting_admin_page_offers_besluit_vastleggen_to_the_redactie(client, members):
    meeting = create_meeting("Regietafel februari")
    url = reverse("kennisbank_meeting_besluiten", args=[meeting.pk])
    client.force_login(members[REDACTIE])
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk])).content.decode()

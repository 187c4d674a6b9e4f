""" "Vraag het de indiener": the form on an item page for logged-in users, the e-mail to the
contributing organisation's mailbox (Reply-To the asker), the rate limit, the Redactie's log
and its 90-day text retention, and what each role sees."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Organisatie, Parel, Question, Visibility
from kennisbank.public.questions import ASK
from tests.factories import create_item, create_member

MAILBOX = "vragen@vluchtelingenwerk.example.org"


@pytest.fixture
def organisation(db):
    return Organisatie.objects.create(name="Vluchtelingenwerk", mailbox=MAILBOX)


@pytest.fixture
def contributor(organisation):
    return create_member("indiener", NETWERKPARTNER, organisation.name)


@pytest.fixture
def parel(home, organisation):
    return create_item(Parel, "Taalmaatjes", author_organisation=organisation)


@pytest.fixture
def asker(db):
    return create_member("vrager", GEMEENTE, "Gemeente Raalte", gemeente="Raalte")


def ask(client, item, body="Hoeveel vrijwilligers hadden jullie nodig?"):
    return client.post(f"/vraag/{item.pk}/", {"body": body})


def test_a_logged_in_user_asks_and_the_mailbox_gets_it(client, parel, asker, contributor):
    client.force_login(asker)
    page = client.get(parel.url).content.decode()
    assert "Vraag het de indiener" in page
    assert "Stel een vraag aan Vluchtelingenwerk" in page
    assert MAILBOX not in page, "the mailbox is never shown"
    assert contributor.email not in page, "nor a person's address"

    response = ask(client, parel)
    assert response.status_code == 302
    assert response["Location"] == f"{parel.url}?vraag=verstuurd#vraag"
    assert "Je vraag is verstuurd" in client.get(response["Location"]).content.decode()

    [message] = mail.outbox
    assert message.to == [MAILBOX]
    assert message.reply_to == ["Vrager <vrager@example.org>"]
    assert "Taalmaatjes" in message.subject
    assert "Vrager (Gemeente Raalte)" in message.body
    assert "Hoeveel vrijwilligers hadden jullie nodig?" in message.body
    assert parel.full_url in message.body

    [logged] = Question.objects.all()
    assert (logged.item_id, logged.organisation, logged.asked_by) == (
        parel.pk,
        parel.author_organisation,
        asker,
    )
    assert logged.body == "Hoeveel vrijwilligers hadden jullie nodig?"


def test_anonymous_visitors_see_no_form_and_cannot_post(client, parel):
    page = client.get(parel.url).content.decode()
    assert "Vraag het de indiener" not in page
    response = ask(client, parel)
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert not mail.outbox and not Question.objects.exists()


def test_without_a_mailbox_the_page_says_whom_to_ask(client, parel, asker, organisation):
    organisation.mailbox = ""
    organisation.save()
    client.force_login(asker)
    page = client.get(parel.url).content.decode()
    assert "Vluchtelingenwerk heeft geen mailbox voor vragen opgegeven" in page
    assert "Stel je vraag aan de redactie" in page and 'href="/contact/"' in page
    assert 'name="body"' not in page
    assert ask(client, parel).status_code == 404
    assert not mail.outbox


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Schrijf je vraag op."),
        ("x" * 2001, "Je vraag is te lang: ten hoogste 2000 tekens."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_nothing_is_sent(client, parel, asker, body, message):
    client.force_login(asker)
    response = ask(client, parel, body)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not mail.outbox and not Question.objects.exists()


def test_at_most_five_questions_a_day(client, parel, asker):
    client.force_login(asker)
    for _ in range(ASK.limit):
        assert ask(client, parel).status_code == 302
    response = ask(client, parel)
    assert response.status_code == 429
    assert "Je hebt vandaag al 5 vragen gesteld" in response.content.decode()
    assert len(mail.outbox) == ASK.limit and Question.objects.count() == ASK.limit


def test_the_form_needs_a_csrf_token(parel, asker):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(asker)
    assert ask(client, parel).status_code == 403
    assert not mail.outbox


def test_no_question_about_an_item_the_user_may_not_see(client, home, organisation, asker):
    draft = create_item(Parel, "Concept", author_organisation=organisation, publish=False)
    client.force_login(asker)
    assert ask(client, draft).status_code == 404
    assert not mail.outbox


def test_network_items_too_for_every_logged_in_role(client, home, organisation, asker):
    network = create_item(
        Parel, "Netwerkparel", author_organisation=organisation, visibility=Visibility.NETWORK
    )
    for username, role in [("p", NETWERKPARTNER), ("g", GEMEENTE), ("r", REDACTIE)]:
        client.force_login(create_member(username, role, "Een organisatie"))
        assert 'name="body"' in client.get(network.url).content.decode()
        assert ask(client, network).status_code == 302
    client.logout()
    assert ask(client, network).status_code == 302  # to the login, nothing sent
    assert len(mail.outbox) == 3


def test_the_text_is_cleared_after_90_days(client, parel, asker):
    old = Question.objects.create(
        item=parel,
        organisation=parel.author_organisation,
        asked_by=asker,
        body="Een oude vraag",
        asked_at=timezone.now() - datetime.timedelta(days=91),
    )
    recent = Question.objects.create(
        item=parel, organisation=parel.author_organisation, asked_by=asker, body="Van vorige maand",
        asked_at=timezone.now() - datetime.timedelta(days=30),
    )  # fmt: skip
    call_command("clear_question_texts", stdout=io.StringIO())
    old.refresh_from_db(), recent.refresh_from_db()
    assert old.body == "" and old.asked_by == asker and old.item_id == parel.pk
    assert recent.body == "Van vorige maand"


def test_a_new_question_clears_old_texts_too(client, parel, asker):
    old = Question.objects.create(
        item=parel, organisation=parel.author_organisation, asked_by=asker, body="Oud",
        asked_at=timezone.now() - datetime.timedelta(days=91),
    )  # fmt: skip
    client.force_login(asker)
    ask(client, parel)
    old.refresh_from_db()
    assert old.body == ""


def test_the_log_is_for_the_redactie(client, parel, asker, contributor):
    client.force_login(asker)
    ask(client, parel)
    client.force_login(create_member("redacteur", REDACTIE, "Veiligheidsregio"))
    listing = client.get("/admin/snippets/kennisbank/question/")
    assert listing.status_code == 200
    assert "Taalmaatjes" in listing.content.decode()
    client.force_login(contributor)
    assert client.get("/admin/snippets/kennisbank/question/").status_code in (302, 403)

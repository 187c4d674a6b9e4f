"""Wachtwoord vergeten: a mail with a link that sets a new password, the same answer for a
known and an unknown address, and throttled (kennisbank/accounts/throttles.py)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from kennisbank.accounts.throttles import RESET_MAIL
from tests.factories import create_user

DONE = "Kijk in je e-mail"


@pytest.fixture
def member(db):
    return create_user("beleid-raalte", "oud-wachtwoord-2023", email="beleid@raalte.example")


def ask(client, email, address="127.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_the_login_page_links_to_the_dutch_form(client, home):
    login = client.get("/inloggen/").content.decode()
    assert '<a href="/wachtwoord-vergeten/">Wachtwoord vergeten?</a>' in login
    form = client.get("/wachtwoord-vergeten/").content.decode()
    assert "<h1>Wachtwoord vergeten</h1>" in form and "E-mailadres" in form


def test_a_known_and_an_unknown_address_get_the_same_answer(client, member, home):
    known, unknown = ask(client, "beleid@raalte.example"), ask(client, "niemand@raalte.example")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert DONE in client.get(known["Location"]).content.decode()
    assert [message.to for message in mail.outbox] == [["beleid@raalte.example"]]


def test_the_mail_sets_a_new_password_once(client, member, home, settings):
    ask(client, "beleid@raalte.example")
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor de Kennisbank Vluchtelingen IJsselland"
    assert "Je gebruikersnaam is: beleid-raalte" in message.body
    link = re.search(rf"{re.escape(settings.SITE_URL)}(/wachtwoord-vergeten/\S+/)", message.body)
    form = client.get(link[1], follow=True)
    assert "Nieuw wachtwoord kiezen" in form.content.decode()
    password_url = form.redirect_chain[-1][0]
    new = {"new_password1": "nieuw-lang-wachtwoord-24", "new_password2": "nieuw-lang-wachtwoord-24"}
    response = client.post(password_url, new)
    assert response["Location"] == reverse("password_reset_complete")
    assert "Wachtwoord opgeslagen" in client.get(response["Location"]).content.decode()

    member.refresh_from_db()
    assert member.check_password("nieuw-lang-wachtwoord-24")
    login = {"username": "beleid-raalte", "password": "nieuw-lang-wachtwoord-24"}
    assert client.post("/inloggen/", login)["Location"] == "/"
    client.logout()
    again = client.get(link[1], follow=True).content.decode()
    assert "Deze link werkt niet meer" in again


def test_a_weak_new_password_gets_a_dutch_message(client, member, home):
    ask(client, "beleid@raalte.example")
    link = re.search(r"(/wachtwoord-vergeten/\S+/)", mail.outbox[0].body)[1]
    password_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(password_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password("oud-wachtwoord-2023")


def test_reset_mails_here_are_throttled(client, member, home):
    for number in range(RESET_MAIL.limit + 3):
        response = ask(client, "beleid@raalte.example", address=f"10.0.0.{number}")
        assert response["Location"] == reverse("password_reset_done"), "the same answer"
    assert len(mail.outbox) == RESET_MAIL.limit


def test_a_malformed_address_gets_a_dutch_message(client, home):
    response = ask(client, "geen-adres")
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()

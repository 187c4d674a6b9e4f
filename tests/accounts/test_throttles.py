"""Guessing a page's password and flooding an address with reset mails are throttled, as
logins are (tests/test_security.py)."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kennisbank.accounts.throttles import PAGE_PASSWORD, RESET_MAIL
from kennisbank.models import Parel
from tests.factories import create_item, create_user

TOO_MANY = "Te veel pogingen"


@pytest.fixture
def protected(home):
    page = create_item(Parel, "Alleen met wachtwoord")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="regietafel"
    )
    return page, reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def test_page_passwords_are_throttled_even_the_right_one(client, protected):
    page, url = protected
    for _attempt in range(PAGE_PASSWORD.limit):
        response = client.post(url, {"password": "geraden", "return_url": page.url})
        assert response.status_code == 200, "the form again, with its error"
    response = client.post(url, {"password": "regietafel", "return_url": page.url})
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert "Samenvatting van Alleen met wachtwoord" not in client.get(page.url).content.decode()


def test_the_right_page_password_still_opens_the_page(client, protected):
    page, url = protected
    client.post(url, {"password": "geraden", "return_url": page.url})
    response = client.post(url, {"password": "regietafel", "return_url": page.url})
    assert response.status_code == 302
    assert "Samenvatting van Alleen met wachtwoord" in client.get(page.url).content.decode()


def ask_reset(client, email, address="127.0.0.1"):
    response = client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )
    assert response.status_code == 302, "the same answer, mail or not"
    assert response.url == reverse("wagtailadmin_password_reset_done")


def test_reset_mails_to_one_address_are_limited(client, db):
    create_user("partner", email="partner@example.org")
    for number in range(12):
        ask_reset(client, "partner@example.org", address=f"10.0.0.{number}")
    assert len(mail.outbox) == RESET_MAIL.limit


def test_reset_mails_from_one_address_are_limited(client, db):
    for number in range(12):
        create_user(f"partner{number}", email=f"partner{number}@example.org")
        ask_reset(client, f"partner{number}@example.org")
    assert len(mail.outbox) == RESET_MAIL.limit
    ask_reset(client, "niemand@example.org")  # unknown or throttled: no difference to see


def test_login_attempts_are_kept_no_longer_than_the_privacy_statement_says(client, db):
    """Failed attempts go once their cool-off has passed; a successful login leaves no address."""
    create_user("lid", password="het-goede-wachtwoord-1")
    login = reverse("wagtailadmin_login")
    client.post(login, {"username": "lid", "password": "fout"})
    assert AccessAttempt.objects.filter(username="lid").exists()
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(hours=1))

    client.post(login, {"username": "iemand-anders", "password": "fout"})
    assert not AccessAttempt.objects.filter(username="lid").exists()
    client.post(login, {"username": "lid", "password": "het-goede-wachtwoord-1"})
    assert not AccessLog.objects.exists()

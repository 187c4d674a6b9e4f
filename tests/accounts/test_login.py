"""The site's own login page: Dutch, with the site's look; back to the page asked for, never
to another site; throttled; logout back to the page. The admin keeps its own login."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from kennisbank.models import Parel
from tests.factories import create_item, create_user

PASSWORD = "raalte-wachtwoord-2023"


@pytest.fixture
def member(db):
    return create_user("beleid-raalte", PASSWORD, email="beleid@raalte.example")


@pytest.fixture
def network_parel(home):
    parel = create_item(Parel, "Netwerkparel over statushouders")
    PageViewRestriction.objects.create(page=parel, restriction_type=PageViewRestriction.LOGIN)
    return parel


def log_in(client, username, password=PASSWORD, next_url="", **extra):
    data = {"username": username, "password": password, "next": next_url}
    return client.post(reverse("login"), data, **extra)


def test_the_login_page_is_the_sites_own_and_dutch(client, home):
    page = client.get("/inloggen/").content.decode()
    assert "<h1>Inloggen</h1>" in page
    assert "E-mailadres of gebruikersnaam" in page and "Wachtwoord" in page
    assert 'class="site-header' in page, "the site's header, not the admin's"
    assert "Wagtail" not in page and "Password" not in page
    assert reverse("password_reset") in page
    assert "Met het account van je organisatie" not in page, "no single sign-on configured"


def test_the_header_links_to_the_login_page_with_the_page_asked_for(client, home):
    page = client.get("/zoeken/?q=opvang").content.decode()
    assert 'href="/inloggen/?next=/zoeken/%3Fq%3Dopvang"' in page


def test_the_login_page_does_not_link_to_itself_with_itself_as_the_way_back(client, home):
    """Its header has no "Inloggen": following it would nest next= in next= without end."""
    page = client.get("/inloggen/?next=/zoeken/").content.decode()
    assert 'href="/inloggen/?next=/inloggen/' not in page
    assert 'class="account"' not in page


def test_a_network_page_sends_to_the_login_page_and_back(client, network_parel):
    response = client.get(network_parel.url)
    assert response.status_code == 302
    assert response["Location"] == f"/inloggen/?next={network_parel.url}"

    create_user("beleid-raalte", PASSWORD)
    response = log_in(client, "beleid-raalte", next_url=network_parel.url)
    assert response.status_code == 302
    assert response["Location"] == network_parel.url
    assert "Netwerkparel over statushouders" in client.get(network_parel.url).content.decode()


def test_a_page_for_other_groups_asks_a_logged_in_visitor_to_log_in_as_someone_else(
    client, network_parel, member
):
    restriction = PageViewRestriction.objects.get(page=network_parel)
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([Group.objects.get(name="Redactie")])
    client.force_login(member)
    response = client.get(network_parel.url, follow=True)
    assert response.redirect_chain == [(f"/inloggen/?next={network_parel.url}", 302)]
    assert "<h1>Inloggen</h1>" in response.content.decode(), "the form, not a loop"


def test_the_e_mail_address_logs_in_too(client, member):
    response = log_in(client, "Beleid@Raalte.example", next_url="/zoeken/")
    assert response["Location"] == "/zoeken/"
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.parametrize(
    "next_url", ["https://kwaadwillend.example/", "//kwaadwillend.example/", "javascript:alert(1)"]
)
def test_login_never_sends_to_another_site(client, member, next_url):
    response = log_in(client, "beleid-raalte", next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/", "the home page instead"


def test_a_wrong_password_gets_a_dutch_message_and_no_session(client, member):
    response = log_in(client, "beleid-raalte", "geraden")
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logins_here_are_throttled_like_the_admins(client, member):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "beleid-raalte", "geraden").status_code == 200
    assert log_in(client, "beleid-raalte", "geraden").status_code == 429
    response = log_in(client, "beleid-raalte")
    assert response.status_code == 429, "even the right password waits"
    page = response.content.decode()
    assert "<h1>Inloggen tijdelijk geblokkeerd</h1>" in page
    assert 'class="site-header' in page, "in the site's look, not the admin's"
    assert "_auth_user_id" not in client.session


def test_logout_returns_to_the_page(client, member, home):
    client.force_login(member)
    page = client.get("/zoeken/").content.decode()
    assert 'action="/uitloggen/"' in page and "Uitloggen" in page
    response = client.post("/uitloggen/", {"next": "/zoeken/"})
    assert response["Location"] == "/zoeken/"
    assert "_auth_user_id" not in client.session
    response = client.post("/uitloggen/", {"next": "https://kwaadwillend.example/"})
    assert response["Location"] == "/"


def test_the_admin_keeps_its_own_login(client, db):
    create_user("hoofdredactie", PASSWORD, is_superuser=True)
    assert client.get("/admin/").url.startswith("/admin/login/")
    response = client.post(
        "/admin/login/", {"username": "hoofdredactie", "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"

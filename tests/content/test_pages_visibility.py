"""Who sees what: public, network-only and draft items, built once for the module, on the
pages visitors read and through the visible_to tag. Each test's changes are rolled back."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from kennisbank.models import Besluit, Knoop, KnoopIndexPage, Parel, ParelIndexPage, Visibility
from kennisbank.structure import ensure_site
from tests.content.reading import fetch, text_of
from tests.factories import create_item

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def mixed(module_data):
    """Public, network-only and draft items, each linked from public items."""
    ensure_site()
    network = create_item(Parel, "Netwerkparel", visibility=Visibility.NETWORK)
    draft = create_item(Parel, "Conceptparel", publish=False)
    public = create_item(Parel, "Openbare parel", related=[network, draft])
    network_besluit = create_item(Besluit, "Netwerkbesluit", visibility=Visibility.NETWORK)
    knoop = create_item(
        Knoop,
        "Openbare knoop",
        solutions=[public, network, draft],
        besluiten=[network_besluit],
    )
    create_item(Knoop, "Netwerkknoop", visibility=Visibility.NETWORK, besluiten=[network_besluit])
    return {
        "network": network,
        "draft": draft,
        "public": public,
        "network_besluit": network_besluit,
        "knoop": knoop,
    }


def text_seen(client, pages):
    """The text of all `pages` together, as the client sees it."""
    return " ".join(text_of(fetch(client, page)) for page in pages)


def public_pages(home, mixed):
    """Where items show up: home, sections, related items, linked lists."""
    return [
        home,
        ParelIndexPage.objects.get(),
        KnoopIndexPage.objects.get(),
        mixed["public"],
        mixed["knoop"],
    ]


def test_network_item_asks_anonymous_visitors_to_log_in(client, mixed, user):
    network = mixed["network"]

    response = client.get(network.url)
    assert response.status_code == 302
    assert response["Location"] == f"/inloggen/?next={network.url}"

    client.force_login(user)
    text = text_of(fetch(client, network))
    assert "Netwerkparel" in text
    assert "Alleen voor het netwerk" in text


def test_anonymous_visitors_never_see_network_items(client, home, mixed):
    text = text_seen(client, public_pages(home, mixed))

    assert "Openbare parel" in text
    assert "Netwerkparel" not in text
    assert "Netwerkknoop" not in text
    assert "Netwerkbesluit" not in text
    assert "Alleen voor het netwerk" not in text
    assert "Parels 1 parel" in text


def test_logged_in_users_see_network_items_marked_as_such(client, home, mixed, user):
    client.force_login(user)
    for page in [home, ParelIndexPage.objects.get(), mixed["public"], mixed["knoop"]]:
        soup = fetch(client, page)
        item = soup.find("a", string="Netwerkparel").parent
        assert "Alleen voor het netwerk" in text_of(item), page.url
    assert "Parels 2 parels" in text_of(fetch(client, home))


@pytest.mark.parametrize("logged_in", [False, True])
def test_draft_items_show_up_nowhere(client, home, mixed, user, logged_in):
    if logged_in:
        client.force_login(user)

    assert "Conceptparel" not in text_seen(client, public_pages(home, mixed))
    assert client.get(mixed["draft"].url).status_code == 404


VISIBLE_TO = Template(
    "{% load kennisbank_tags %}{% visible_to pages request as shown %}"
    "{% for page in shown %}{{ page.title }};{% endfor %}"
)


def visible_titles(pages, user):
    request = RequestFactory().get("/")
    request.user, request.session = user, {}
    return sorted(VISIBLE_TO.render(Context({"pages": pages, "request": request})).split(";")[:-1])


def test_visible_to_shows_anonymous_visitors_live_public_pages_only(mixed):
    assert visible_titles(Parel.objects.all(), AnonymousUser()) == ["Openbare parel"]


def test_visible_to_shows_logged_in_users_every_live_page(mixed, user):
    assert visible_titles(Parel.objects.all(), user) == ["Netwerkparel", "Openbare parel"]


def test_visible_to_follows_restrictions_on_a_section(mixed, user):
    PageViewRestriction.objects.create(
        page=ParelIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
    )

    assert visible_titles(Parel.objects.all(), AnonymousUser()) == []
    assert visible_titles(Parel.objects.all(), user) == ["Netwerkparel", "Openbare parel"]


def test_visible_to_filters_relations_that_are_not_saved_yet(mixed):
    knoop = Knoop.objects.get(pk=mixed["knoop"].pk)  # not the module's shared instance
    knoop.solutions = [mixed["public"], mixed["network"], mixed["draft"]]  # as in a preview

    assert visible_titles(knoop.solutions.all(), AnonymousUser()) == ["Openbare parel"]

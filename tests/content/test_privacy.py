"""The privacy rule's keys (kennisbank/privacy.py), which the search index stores per item and
filters on: a page carries the keys of the restrictions on it and above it; a viewer is denied
the keys it does not pass."""

from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from kennisbank.accounts.roles import NETWERKPARTNER, REDACTIE
from kennisbank.models import Artikel, ArtikelIndexPage, Parel, Visibility
from kennisbank.privacy import Viewer, denied_keys, restriction_keys, restriction_keys_by_page
from tests.factories import create_item, create_member


def request_of(user=None, session=None):
    request = RequestFactory().get("/")
    request.user, request.session = user or Viewer().user, session or {}
    return request


def test_keys_of_a_page_and_of_what_is_above_it(home):
    redactie = Group.objects.get(name=REDACTIE)
    section = ArtikelIndexPage.objects.get()
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(redactie)
    artikel = create_item(Artikel, "Achter slot")
    password = PageViewRestriction.objects.create(
        page=artikel, restriction_type=PageViewRestriction.PASSWORD, password="geheim-genoeg"
    )
    network = create_item(Parel, "Netwerkparel", visibility=Visibility.NETWORK)
    public = create_item(Parel, "Openbare parel")

    assert restriction_keys(artikel) == [f"groups:{redactie.pk}", f"password:{password.pk}"]
    assert restriction_keys_by_page([network, public]) == {network.pk: ["login"], public.pk: []}

    everything = ["login", f"groups:{redactie.pk}", f"password:{password.pk}"]
    assert denied_keys(request_of()) == sorted(everything)
    partner = create_member("partner", NETWERKPARTNER, "COA")
    assert denied_keys(request_of(partner)) == sorted(everything[1:])
    redacteur = create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")
    assert denied_keys(request_of(redacteur)) == [f"password:{password.pk}"]
    session = {"passed_page_view_restrictions": [password.pk]}
    assert denied_keys(request_of(redacteur, session)) == []

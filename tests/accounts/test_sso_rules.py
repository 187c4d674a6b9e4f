"""The rules of docs/sso.md without a provider: OIDC_PROVIDERS as the settings read it, and
claims to organisation, gemeente and role."""

import json
import re

import pytest

from kennisbank.accounts import sso
from kennisbank.accounts.providers import ProviderError, origins, parse
from kennisbank.models import Gemeente, Organisatie
from tests.tools.oidc import provider_settings

PROVIDER = provider_settings("https://login.ijsselland.example")


def test_no_providers_is_the_default():
    assert parse("") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[{", "no JSON"),
        ('{"name": "x"}', "JSON list of objects"),
        (json.dumps([{"name": "x"}]), "lacks label, issuer, client_id, client_secret"),
        (json.dumps([{**PROVIDER, "name": "Met Spaties"}]), "lower-case"),
        (json.dumps([{**PROVIDER, "organisation_claim": ""}]), "organisation or its claim"),
        (json.dumps([{**PROVIDER, "roles": {"x": "Beheerder"}}]), "unknown role 'Beheerder'"),
        (json.dumps([PROVIDER, PROVIDER]), "twice"),
    ],
)
def test_a_wrong_provider_list_stops_the_start_with_the_reason(text, message):
    with pytest.raises(ProviderError, match=message):
        parse(text)


def test_logout_forms_may_go_on_to_each_provider():
    second = {**PROVIDER, "end_session_endpoint": "https://uit.example/logout"}
    assert origins([PROVIDER, second]) == [
        "https://login.ijsselland.example",
        "https://uit.example",
    ]


@pytest.fixture
def vocabulary(db):
    Organisatie.objects.get_or_create(name="Gemeente Deventer")
    Organisatie.objects.get_or_create(name="COA")
    Gemeente.objects.get_or_create(name="Deventer")


def names(account):
    organisation, gemeente, role = account
    return organisation.name, gemeente and gemeente.name, role


def test_claim_values_map_to_organisation_gemeente_and_the_widest_role(vocabulary):
    claims = {"organisatie": "gem-deventer", "gemeente": "deventer", "groepen": ["kb-partner"]}
    assert names(sso.account_for(PROVIDER, claims)) == (
        "Gemeente Deventer",
        "Deventer",
        "Netwerkpartner",
    )
    claims["groepen"] = ["kb-gemeente", "kb-redactie", "anders"]
    assert names(sso.account_for(PROVIDER, claims))[2] == "Redactie"


def test_an_organisation_by_its_own_name_needs_no_mapping(vocabulary):
    claims = {"organisatie": "coa", "groepen": "kb-partner"}
    assert names(sso.account_for(PROVIDER, claims)) == ("COA", None, "Netwerkpartner")


def test_a_provider_fixes_organisation_gemeente_and_role(vocabulary):
    provider = {
        **PROVIDER,
        "organisation": "Gemeente Deventer",
        "gemeente": "Deventer",
        "role": "Gemeente",
    }
    claims = {"organisatie": "COA", "groepen": "kb-redactie"}
    assert names(sso.account_for(provider, claims)) == ("Gemeente Deventer", "Deventer", "Gemeente")


def test_a_default_role_when_the_claims_give_none(vocabulary):
    provider = {**PROVIDER, "default_role": "Gemeente"}
    assert names(sso.account_for(provider, {"organisatie": "COA"}))[2] == "Gemeente"


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"groepen": "kb-partner"}, sso.UNKNOWN_ORGANISATION),
        ({"organisatie": "Onbekend", "groepen": "kb-partner"}, sso.UNKNOWN_ORGANISATION),
        ({"organisatie": "COA", "groepen": ["anders"]}, sso.NO_ROLE),
    ],
)
def test_refusals_say_why_in_dutch(vocabulary, claims, message):
    with pytest.raises(sso.Refused, match=re.escape(message)):
        sso.account_for(PROVIDER, claims)

"""A real OpenID Connect provider for the single sign-on tests (oidc-provider-mock), served
from a thread on a free port of this machine, and the kennisbank's settings for it."""

import os
from contextlib import contextmanager

import requests
from oidc_provider_mock import run_server_in_thread

# The provider signs with its one key and names it in no token header ("kid"), which a real
# provider with several keys does; mozilla-django-oidc then takes the one key of its set.
VERIFY_KID = False


@contextmanager
def provider():
    """The provider's issuer URL while it runs. It speaks plain HTTP, as tests do."""
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


def set_claims(issuer, sub, **claims):
    """The claims the provider gives the user `sub` at the next login."""
    requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10).raise_for_status()


def provider_settings(issuer, **rules):
    """One provider, IJsselland's shared login, with the claim rules of docs/sso.md."""
    return {
        "name": "ijsselland",
        "label": "IJsselland-account",
        "issuer": issuer,
        "client_id": "kennisbank",
        "client_secret": "test-geheim",
        "organisation_claim": "organisatie",
        "organisations": {"gem-deventer": "Gemeente Deventer"},
        "gemeente_claim": "gemeente",
        "role_claim": "groepen",
        "roles": {
            "kb-redactie": "Redactie",
            "kb-partner": "Netwerkpartner",
            "kb-gemeente": "Gemeente",
        },
        **rules,
    }

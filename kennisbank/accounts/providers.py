"""The OpenID Connect providers, from the environment variable OIDC_PROVIDERS (docs/sso.md):
a JSON list, one object per provider. Read by the settings, so nothing here touches Django."""

import json
import re
from urllib.parse import urlsplit

from .roles import GEMEENTE, NETWERKPARTNER, REDACTIE

REQUIRED = ("name", "label", "issuer", "client_id", "client_secret")
ROLES = (REDACTIE, NETWERKPARTNER, GEMEENTE)  # the widest first


class ProviderError(ValueError):
    pass


def parse(text):
    """The providers in `text` (JSON), checked; [] for an empty text."""
    if not text.strip():
        return []
    try:
        providers = json.loads(text)
    except ValueError as error:
        raise ProviderError(f"OIDC_PROVIDERS is no JSON: {error}") from error
    if not isinstance(providers, list) or not all(isinstance(p, dict) for p in providers):
        raise ProviderError("OIDC_PROVIDERS must be a JSON list of objects.")
    for provider in providers:
        check(provider)
    names = [provider["name"] for provider in providers]
    if len(set(names)) != len(names):
        raise ProviderError("OIDC_PROVIDERS names a provider twice.")
    return providers


def check(provider):
    missing = [key for key in REQUIRED if not provider.get(key)]
    if missing:
        raise ProviderError(f"OIDC provider {provider.get('name')!r} lacks {', '.join(missing)}.")
    if not re.fullmatch(r"[a-z0-9-]+", provider["name"]):
        raise ProviderError("An OIDC provider's name is lower-case letters, digits and '-'.")
    if not (provider.get("organisation") or provider.get("organisation_claim")):
        raise ProviderError(f"OIDC provider {provider['name']!r}: organisation or its claim.")
    roles = [
        provider.get("role"),
        provider.get("default_role"),
        *provider.get("roles", {}).values(),
    ]
    unknown = [role for role in roles if role and role not in ROLES]
    if unknown:
        raise ProviderError(f"OIDC provider {provider['name']!r}: unknown role {unknown[0]!r}.")


def origins(providers):
    """The origins a form may be sent on to: logging out ends at the provider."""
    urls = [p["issuer"] for p in providers] + [p.get("end_session_endpoint") for p in providers]
    return sorted({"{0.scheme}://{0.netloc}".format(urlsplit(url)) for url in urls if url})

"""Single sign-on with OpenID Connect (mozilla-django-oidc), one or more providers beside the
local accounts (docs/sso.md). mozilla-django-oidc reads one provider from its settings; here
each request names its provider (the button chosen, then the session), and its settings come
from OIDC_PROVIDERS, endpoints from the issuer's discovery document."""

from functools import cache
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kennisbank.models import Gemeente, Membership, Organisatie

from .providers import ROLES

# The session's marker of a login through a provider; the two-factor check exempts it.
LOGIN_METHOD, SSO = "login_method", "oidc"
PROVIDER_KEY = "oidc_provider"

FAILED = (
    "Inloggen via je organisatie is niet gelukt. Probeer het opnieuw of log in met je wachtwoord."
)
UNKNOWN_ORGANISATION = (
    "Je organisatie is (nog) niet aangesloten bij de kennisbank, dus je kunt hier niet inloggen. "
    "Vraag de redactie om je organisatie toe te voegen."
)
UNAVAILABLE = (
    "Inloggen via je organisatie lukt nu niet: we kunnen haar niet bereiken. Probeer het later "
    "opnieuw of log in met je wachtwoord."
)
NO_ROLE = (
    "Je organisatie heeft je geen rol in de kennisbank gegeven. Vraag je beheerder om toegang."
)


class Refused(Exception):
    """A login the provider vouched for, which the rules of docs/sso.md turn away."""


def providers():
    return settings.OIDC_PROVIDERS


def provider_named(name):
    for provider in providers():
        if provider["name"] == name:
            return provider
    return None


@cache
def discovered(issuer):
    """The issuer's discovery document, read once per process."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    return response.json()


def endpoint(provider, key):
    """An endpoint named in the provider's settings, or else in its discovery document."""
    if key in provider:
        return provider[key]
    return discovered(provider["issuer"]).get(key)


def provider_settings(provider, attr, *default):
    """mozilla-django-oidc's setting `attr` for `provider`."""
    values = {
        "OIDC_RP_CLIENT_ID": provider["client_id"],
        "OIDC_RP_CLIENT_SECRET": provider["client_secret"],
        "OIDC_RP_SCOPES": provider.get("scopes", "openid email profile"),
        "OIDC_RP_SIGN_ALGO": provider.get("sign_algo", "RS256"),
        "OIDC_STORE_ID_TOKEN": True,  # for the provider's logout
        "OIDC_USE_PKCE": True,  # a stolen code is useless without the session's verifier
    }
    endpoints = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
        "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
        "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
        "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    }
    if attr in values:
        return values[attr]
    if attr in endpoints:
        return endpoint(provider, endpoints[attr])
    return import_from_settings(attr, *default)


def values(claims, name):
    """A claim's values: a claim may hold one value or a list."""
    value = claims.get(name) if name else None
    if value in (None, ""):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def vocabulary_item(model, name):
    return (
        model.objects.filter(name__iexact=name).first() or model.objects.filter(slug=name).first()
    )


def fixed_or_claimed(provider, key, claims):
    """The provider's fixed value for `key`, or else the first value of the claim it names."""
    if provider.get(key):
        return provider[key]
    return next(iter(values(claims, provider.get(f"{key}_claim"))), None)


def account_for(provider, claims):
    """(organisation, gemeente, role) for a login with `claims`, by the provider's rules
    (docs/sso.md); Refused when the organisation is not in the kennisbank or no role follows."""
    name = fixed_or_claimed(provider, "organisation", claims)
    name = provider.get("organisations", {}).get(name, name)
    organisation = name and vocabulary_item(Organisatie, name)
    if not organisation:
        raise Refused(UNKNOWN_ORGANISATION)
    name = fixed_or_claimed(provider, "gemeente", claims)
    gemeente = name and vocabulary_item(Gemeente, name) or None
    mapping = provider.get("roles", {})
    given = {mapping.get(value) for value in values(claims, provider.get("role_claim"))}
    # A provider's fixed role; else the widest role the claims give; else its default.
    role = provider.get("role") or next((role for role in ROLES if role in given), None)
    role = role or provider.get("default_role")
    if not role:
        raise Refused(NO_ROLE)
    return organisation, gemeente, role


class ProviderSettingsMixin:
    """mozilla-django-oidc's settings from self.provider; none before a request names it (its
    classes read some settings when they are made)."""

    provider = None

    def get_settings(self, attr, *default):
        if self.provider is None:
            return default[0] if default else None
        return provider_settings(self.provider, attr, *default)


class SSOBackend(ProviderSettingsMixin, OIDCAuthenticationBackend):
    """Creates the account at its first login and brings it up to date at each next one: its
    name, e-mail address, organisation, gemeente and role. The account is the provider's
    subject, never an existing account with the same e-mail address."""

    def authenticate(self, request, **kwargs):
        # Only the callback of a login through a provider: it passes the nonce.
        if request is None or "nonce" not in kwargs:
            return None
        self.provider = provider_named(request.session.get(PROVIDER_KEY, ""))
        if self.provider is None:
            return None
        # What mozilla-django-oidc read at start-up, now for this provider.
        for name in [
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_RP_SIGN_ALGO",
        ]:
            setattr(self, name, self.get_settings(name))
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException:  # the provider down or refusing the code
            request.sso_refusal = UNAVAILABLE
            return None

    def get_user(self, user_id):
        # ModelBackend's: a blocked account's open session ends too.
        return super(OIDCAuthenticationBackend, self).get_user(user_id)

    def username(self, claims):
        return f"{self.provider['name']}.{claims['sub']}"[:150]

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self.username(claims))

    def create_user(self, claims):
        return self.update_user(self.UserModel(username=self.username(claims)), claims)

    def update_user(self, user, claims):
        try:
            organisation, gemeente, role = account_for(self.provider, claims)
        except Refused as refusal:
            self.request.sso_refusal = str(refusal)
            raise SuspiciousOperation(str(refusal)) from refusal
        with transaction.atomic():
            user.email = claims.get("email") or user.email
            user.first_name = (claims.get("given_name") or user.first_name)[:150]
            user.last_name = (claims.get("family_name") or user.last_name)[:150]
            if not user.pk:
                user.set_unusable_password()
            user.save()
            Membership.objects.update_or_create(
                user=user, defaults={"organisation": organisation, "gemeente": gemeente}
            )
            user.groups.remove(*Group.objects.filter(name__in=ROLES))
            user.groups.add(Group.objects.get(name=role))
        return user


class SSOStart(ProviderSettingsMixin, OIDCAuthenticationRequestView):
    """/inloggen/sso/<name>/: on to the provider's login page."""

    def get(self, request, name):
        self.provider = provider_named(name)
        if self.provider is None:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except requests.RequestException:  # no discovery document
            messages.error(request, UNAVAILABLE)
            return redirect(settings.LOGIN_URL)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        request.session[PROVIDER_KEY] = name
        return super().get(request)


class SSOCallback(OIDCAuthenticationCallbackView):
    """/inloggen/sso/terug/: the provider sends the visitor back here."""

    @property
    def failure_url(self):
        """The login page again, still on the way to the page asked for."""
        next_url = self.request.session.get("oidc_login_next")
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return resolve_url(settings.LOGIN_URL) + query

    def login_failure(self):
        messages.error(self.request, getattr(self.request, "sso_refusal", FAILED))
        return super().login_failure()

    def login_success(self):
        response = super().login_success()
        self.request.session[LOGIN_METHOD] = SSO
        return response


def is_sso_session(request):
    """Whether this session logged in through a provider (which asks its own second factor)."""
    return request.session.get(LOGIN_METHOD) == SSO


def end_session_url(request, next_url):
    """The provider's logout, which returns to `next_url`; None when the session is not a
    provider's or the provider has no logout."""
    if not is_sso_session(request):
        return None
    provider = provider_named(request.session.get(PROVIDER_KEY, ""))
    try:
        url = provider and endpoint(provider, "end_session_endpoint")
    except requests.RequestException:  # the provider unreachable: log out here at least
        url = None
    if not url:
        return None
    query = {
        "client_id": provider["client_id"],
        "post_logout_redirect_uri": request.build_absolute_uri(next_url),
    }
    if request.session.get("oidc_id_token"):
        query["id_token_hint"] = request.session["oidc_id_token"]
    return f"{url}?{urlencode(query)}"

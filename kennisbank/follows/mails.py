"""The digest and the Knoop alert as e-mails: Dutch, plain text and HTML, each with a signed
unsubscribe link that works without logging in, also as the `List-Unsubscribe` header (with
RFC 8058's one-click POST)."""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .digest import absolute

TOKEN_AGE = datetime.timedelta(days=60)
SALT = "kennisbank.follows.unsubscribe"
_signer = signing.TimestampSigner(salt=SALT)


def unsubscribe_token(what):
    """A signed token for "digest:<user id>" (no more digests) or "follow:<follow id>"."""
    return _signer.sign(what)


def read_token(token):
    """What the token unsubscribes from; raises signing.BadSignature (SignatureExpired when it
    is older than TOKEN_AGE)."""
    return _signer.unsign(token, max_age=TOKEN_AGE)


def unsubscribe_url(what):
    return absolute(reverse("follows:unsubscribe", args=[unsubscribe_token(what)]))


def _send(user, template, context, unsubscribe):
    context = {
        **context,
        "user": user,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.SITE_URL,
        "manage_url": absolute(reverse("follows:mine")),
        "unsubscribe_url": unsubscribe,
    }
    subject = render_to_string(f"follows/{template}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"follows/{template}.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"follows/{template}.html", context), "text/html")
    message.send()


def send_digest(user, sections, frequency_label):
    _send(
        user,
        "digest",
        {"sections": sections, "frequency": frequency_label.lower()},
        unsubscribe_url(f"digest:{user.pk}"),
    )


def send_alert(follow, change):
    knoop = change.knoop
    _send(
        follow.user,
        "alert",
        {"change": change, "knoop": knoop, "url": absolute(knoop.get_url_parts()[2])},
        unsubscribe_url(f"follow:{follow.pk}"),
    )

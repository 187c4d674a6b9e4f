"""Throttles beside django-axes' login throttle: counters in Django's cache, per window.

With several server processes the cache must be shared (e.g. Redis or the database cache) for
the limits to hold across them."""

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from wagtail.admin.forms.auth import PasswordResetForm


class Throttle:
    """At most `limit` events per key within `seconds` of the first."""

    def __init__(self, name, limit, seconds):
        self.name, self.limit, self.seconds = name, limit, seconds

    def _key(self, parts):
        return ":".join(["throttle", self.name, *map(str, parts)])

    def exceeded(self, *parts):
        return cache.get(self._key(parts), 0) >= self.limit

    def count(self, *parts):
        key = self._key(parts)
        if not cache.add(key, 1, self.seconds):
            cache.incr(key)


# Wrong page passwords per address and page restriction: as many as a person mistypes.
PAGE_PASSWORD = Throttle("page-password", limit=10, seconds=15 * 60)
# Password reset mails per e-mail address, and per requesting address.
RESET_MAIL = Throttle("reset-mail", limit=3, seconds=60 * 60)


def client_address(request):
    """The caller's address, read as django-axes reads it for the login throttle."""
    return get_client_ip_address(request)


class ThrottledPasswordResetForm(PasswordResetForm):
    """At most RESET_MAIL.limit mails per hour to an address and from a caller; the answer is
    the same whether a mail went out or not, so it tells nothing about accounts."""

    def save(self, *args, request=None, **kwargs):
        keys = [("email", self.cleaned_data["email"].lower()), ("ip", client_address(request))]
        allowed = not any(RESET_MAIL.exceeded(*key) for key in keys)
        for key in keys:
            RESET_MAIL.count(*key)
        if allowed:
            super().save(*args, request=request, **kwargs)

"""The content version: a token in the shared cache, replaced whenever what the site shows
changes (signals.py follows the rows; the import, which writes in bulk, says so itself). What
is kept for a version (kennisbank/public/cache.py) is never shown after the next change, in
any process."""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION = "pages:content-version"


def content_changed():
    """Now, and again when the transaction commits: a process that read the old rows meanwhile
    may have kept them under the token set now."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    cache.set(VERSION, uuid.uuid4().hex, None)


def content_version(*also):
    """The current token, with the values of the cache keys `also` (other versions what is
    kept depends on), as one string. A token gone from the shared cache (culled, or a new
    cache) is replaced by a new one, which nothing was kept under."""
    values = cache.get_many([VERSION, *also])
    if VERSION not in values:
        cache.add(VERSION, uuid.uuid4().hex, None)
        values = cache.get_many([VERSION, *also])
    return "\n".join(str(values.get(key, "")) for key in (VERSION, *also))

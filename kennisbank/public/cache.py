"""Pages for visitors without a session, kept until the content changes (README "The public
site", docs/performance.md).

A visitor without a session cookie is anonymous and has entered no page password, so every
such visitor is shown the same page for the same address. Each process keeps those responses
in its own memory (the "pages" cache) under the content version (kennisbank/models/version.py),
which every change of what the site shows replaces, so that a change made in one process (an
editor's publish, an import, the worker) retires what every other process kept, privacy
changes included. Entries also expire after PAGE_CACHE_SECONDS, for what changes with
the date alone ("over 3 dagen").

A view whose every answer must still do something (the search page counts each search) sets
`response.on_kept_answer`: a picklable callable of the request, kept with the page and called
each time the kept copy answers."""

import hashlib
import zlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from search.index import REBUILT
from search.semantic import GENERATION

from ..models.version import content_version

KEPT_TYPES = (
    "text/html",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/plain",
    "text/calendar",
)
LARGEST = 1_000_000  # bytes: a larger response is not worth a worker's memory


class PageCacheMiddleware:
    """Answers a GET of the public site from the kept pages when the visitor has no session;
    keeps what it answered otherwise. Placed before the session middleware, so a page served
    from memory costs one read of the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_keep(request):
            return self.get_response(request)
        key = self._key(request)
        kept = caches["pages"].get(key)
        if kept is not None:
            status, headers, content, on_kept_answer = kept
            response = HttpResponse(zlib.decompress(content), status=status)
            for name, value in headers:
                response.headers[name] = value
            if on_kept_answer is not None:
                on_kept_answer(request)
            return response
        response = self.get_response(request)
        if self._keeps(request, response):
            # Compressed (a tenth of a millisecond each way): a kept page costs each process
            # about a sixth of its size.
            content = zlib.compress(response.content, 1)
            caches["pages"].set(
                key,
                (
                    response.status_code,
                    list(response.headers.items()),
                    content,
                    getattr(response, "on_kept_answer", None),
                ),
                settings.PAGE_CACHE_SECONDS,
            )
        return response

    @staticmethod
    def _may_keep(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path_info.startswith(settings.ADMIN_PATH)
        )

    @staticmethod
    def _key(request):
        # Search results also change with a rebuilt index and the worker's new vectors.
        address = "\n".join(
            (
                content_version(REBUILT, GENERATION),
                request.scheme,
                request.get_host(),
                request.get_full_path(),
                request.META.get("HTTP_ACCEPT", ""),
            )
        )
        return hashlib.sha256(address.encode()).hexdigest()

    @staticmethod
    def _keeps(request, response):
        """Only a whole, plain 200 meant for anyone: no cookie set (a CSRF token is the
        visitor's own), nothing the view marked as personal, no search the database answered
        for an engine that was down (it will be back)."""
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not getattr(request, "search_fell_back", False)
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and response.get("Content-Type", "").split(";")[0] in KEPT_TYPES
            and len(response.content) <= LARGEST
        )

"""Wagtail's Elasticsearch and OpenSearch backends, answered by the database while the engine
is down or does not answer in time.

Every search through Wagtail (the admin's page search, choosers, documents, images, snippets)
and every index update on save or publish goes through these classes. The client waits
SEARCH_ENGINE_TIMEOUT seconds at most and never retries. When the engine fails, it counts as
unreachable for a while (search.elastic.REACHABLE_SECONDS, shared with the public search):
searches go to the database backend, which Wagtail keeps current beside the engine, and index
updates are skipped with a warning; `manage.py update_index` catches the engine up.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch9 import (
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchResults,
)
from wagtail.search.backends.opensearch3 import OpenSearch3SearchBackend, OpenSearch3SearchResults

from .elastic import REACHABLE_SECONDS, UNREACHABLE

logger = logging.getLogger(__name__)


class FallbackResults:
    """An engine's results that turn into the database's for the same search on failure."""

    fallback = None  # the database backend's results, unsliced

    def _clone(self):
        new = super()._clone()
        new.fallback = self.fallback
        return new

    def _either(self, action, engine, database):
        """The engine's answer, or the database's once the engine has failed."""
        if not self.backend.down():
            try:
                return engine()
            except UNREACHABLE:
                self.backend.failed(action)
        return database()

    def _do_search(self):
        return self._either(
            "search", lambda: list(super(FallbackResults, self)._do_search()), self._database_page
        )

    def _database_page(self):
        fallback = self.fallback
        if self._score_field:
            fallback = fallback.annotate_score(self._score_field)
        return list(fallback[self.start : self.stop])

    def _do_count(self):
        return self._either("count", super()._do_count, self._database_count)

    def _database_count(self):
        count = self.fallback.count() - self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)

    def facet(self, field_name):
        return self._either(
            "facet",
            lambda: super(FallbackResults, self).facet(field_name),
            lambda: self.fallback.facet(field_name),
        )


class FallbackBackend:
    """Mixed into an engine's backend: short timeouts, and the database while it is down."""

    kind = None  # "elasticsearch" or "opensearch", as in SEARCH_BACKEND

    def __init__(self, params):
        params.setdefault("TIMEOUT", settings.SEARCH_ENGINE_TIMEOUT)
        params.setdefault("OPTIONS", {}).update(max_retries=0, retry_on_timeout=False)
        self.fallback_name = params.pop("FALLBACK", "database")
        super().__init__(params)

    @property
    def reachable_key(self):
        return f"search:reachable:{self.kind}"

    def failed(self, action):
        logger.warning(
            "%s unreachable (%s); the database answers for %s s",
            self.kind,
            action,
            REACHABLE_SECONDS,
            exc_info=True,
        )
        cache.set(self.reachable_key, False, REACHABLE_SECONDS)

    def down(self):
        """Whether the engine failed within REACHABLE_SECONDS."""
        return cache.get(self.reachable_key) is False

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        database = get_search_backend(self.fallback_name)
        database_compiler = (
            database.query_compiler_class
            if query_compiler_class is self.query_compiler_class
            else database.autocomplete_query_compiler_class
        )
        fallback = database._search(database_compiler, query, model_or_queryset, **kwargs)
        if self.down():
            return fallback
        results = super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        results.fallback = fallback
        return results

    def _index(self, action, *args):
        if self.down():
            logger.warning("%s unreachable: %s skipped, run update_index later", self.kind, action)
            return
        try:
            getattr(super(), action)(*args)
        except UNREACHABLE:
            self.failed(action)

    def add(self, obj):
        self._index("add", obj)

    def add_bulk(self, model, obj_list):
        self._index("add_bulk", model, obj_list)

    def delete(self, obj):
        self._index("delete", obj)


class Elasticsearch9Results(FallbackResults, Elasticsearch9SearchResults):
    pass


class Elasticsearch9Backend(FallbackBackend, Elasticsearch9SearchBackend):
    kind = "elasticsearch"
    results_class = Elasticsearch9Results


class OpenSearch3Results(FallbackResults, OpenSearch3SearchResults):
    pass


class OpenSearch3Backend(FallbackBackend, OpenSearch3SearchBackend):
    kind = "opensearch"
    results_class = OpenSearch3Results

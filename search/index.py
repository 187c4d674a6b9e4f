"""How kennisbank items enter Wagtail's search index: as Dutch-analysed text, one at a time
as editors publish, or in bulk after an import."""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from .analysis import folded_text, stemmed_text

BULK_CHUNK = 500
_deferred = ContextVar("search_indexing_deferred", default=False)
# The backends read every search field three times per object (for the title, the body and
# autocomplete); while indexing in bulk each value is computed once.
_bulk_values = ContextVar("search_bulk_values", default=None)


def prepare(text):
    """SQLite's FTS5 cannot stem Dutch, so it gets stems; PostgreSQL stems with 'dutch'."""
    return stemmed_text(text) if connection.vendor == "sqlite" else folded_text(text)


class DutchSearchField(index.SearchField):
    """A search field filled by a method of the item, its text prepared for Dutch search."""

    def __init__(self, field_name, source=None, **kwargs):
        super().__init__(field_name, **kwargs)
        self.source = source or field_name

    def get_value(self, obj):
        memo = _bulk_values.get()
        if memo is None:
            return prepare(getattr(obj, self.source)())
        key = (type(obj), obj.pk, self.source)
        if key not in memo:
            memo[key] = prepare(getattr(obj, self.source)())
        return memo[key]


def indexing_deferred():
    return _deferred.get()


@contextmanager
def defer_indexing(models):
    """Skip indexing each save of these models; the caller indexes them once, in bulk."""
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(pages):
    """Index pages (any mix of types) in every search backend, a chunk of a type at a time,
    read again from the database as the index reads them (`get_indexed_objects`)."""
    for model, chunk in _chunks(pages):
        ids = [page.pk for page in chunk]
        _add(model, list(model.get_indexed_objects().filter(pk__in=ids)))


def index_as_is(pages):
    """Index pages whose relations are all in memory (as kennisbank.interchange.bulk stores
    them), without reading them again."""
    for model, chunk in _chunks(pages):
        _add(model, chunk)


def _chunks(pages):
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        for start in range(0, len(group), BULK_CHUNK):
            yield model, group[start : start + BULK_CHUNK]


def _add(model, objects):
    with values_computed_once():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


@contextmanager
def values_computed_once():
    """While indexing a batch, each object's search text is computed once, not per column."""
    token = _bulk_values.set({})
    try:
        yield
    finally:
        _bulk_values.reset(token)

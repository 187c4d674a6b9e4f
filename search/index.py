"""How items enter the search indexes: the engine's (search/engines/) and the database's
(Wagtail's, which the fallback searches), as Dutch-analysed text, one at a time as editors
publish, or in bulk after an import. Both are Wagtail search backends, so every path that
indexes an object (saving, publishing, deleting, `update_index`, the bulk functions here)
updates both."""

import logging
import uuid
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.signals import post_delete, post_save
from modelsearch.backends.base import BaseSearchBackend
from wagtail.models import Site
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from . import semantic
from .analysis import folded_text, stemmed_text, tokens, words
from .engines import configured
from .engines.base import Document, EngineUnavailable
from .highlight import SOURCE_LENGTH
from .registry import setup

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
# Replaced in the cache when a rebuild swapped in a new index: results may then differ though
# no row changed. Whoever keeps answers keeps them under this too (and semantic.GENERATION).
REBUILT = "search:index:rebuilt"
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
        return _once(obj, ("prepared", self.source), lambda: prepare(source_text(obj, self.source)))


def source_text(obj, method):
    """What `obj.method()` returns, computed once per object while indexing in bulk."""
    return _once(obj, method, getattr(obj, method))


def _once(obj, name, compute):
    memo = _bulk_values.get()
    if memo is None:
        return compute()
    key = (type(obj), obj.pk, name)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def indexing_deferred():
    return _deferred.get()


@contextmanager
def defer_indexing():
    """Skip indexing each save of an item; the caller indexes them once, in bulk."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


# Saves that only keep Wagtail's books (a new draft revision, a lock) change nothing either
# index holds: creating, editing the live page, publishing and unpublishing save in full.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def index_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Wagtail's post_save indexing, for the items (whose model says search_auto_update =
    False): not while deferred, not for bookkeeping, and each text computed once."""
    if raw or indexing_deferred() or (update_fields and update_fields <= BOOKKEEPING_FIELDS):
        return
    index_now(instance)


def index_now(instance):
    """Index one object in every backend, reading its texts once for all of them."""
    with values_computed_once():
        index.insert_or_update_object(instance)


def remove_deleted(sender, instance, **kwargs):
    index.remove_object(instance)


def connect_items(item_model):
    if getattr(item_model, "search_auto_update", True):
        raise ImproperlyConfigured(
            f"{item_model.__name__} must set search_auto_update = False: search.index indexes "
            "its saves"
        )
    for model in apps.get_models():
        if issubclass(model, item_model):
            post_save.connect(index_saved, sender=model)
            post_delete.connect(remove_deleted, sender=model)


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


# ------------------------------------------------------------------------------ the engine


# Among an archived item's restriction keys: a search denies it unless archived items are
# asked for (search.engine.denied), so every engine leaves them out as it leaves out the private.
ARCHIVED = "archived"


def archived_key(item):
    field = setup().archived_field
    return (ARCHIVED,) if field and getattr(item, field) else ()


def searchable(item):
    return item.live and not item.expired


def shown_of(item):
    """What a result shows of an item (a specific page, relations prefetched), and the texts
    its excerpt is chosen from: the engine keeps it with the item, the database fallback
    reads it anew. Plain JSON data, the same from either."""
    return {
        "type": item.type_slug,
        "slug": item.slug,
        "title": item.title,
        "url": item.url,
        "summary": item.summary,
        "visibility": item.visibility,
        "date": item.date.isoformat(),
        "themes": [theme.name for theme in item.themes.all()],
        "fields": setup().result_fields(item),
        "text": _excerpt_source(item),
        "attachments": [[title, text[:SOURCE_LENGTH]] for title, text in item.attachment_texts()],
    }


def _excerpt_source(item):
    """The start of the item's readable text, which an excerpt is chosen from: while indexing,
    cut from the whole text the index reads anyway; otherwise read no further than that."""
    if _bulk_values.get() is None:
        return item.readable_text(SOURCE_LENGTH)
    return source_text(item, "readable_text")[:SOURCE_LENGTH]


def documents(items):
    """The engine's documents of these items (specific pages, relations prefetched)."""
    config = setup()
    keys = config.restriction_keys(items)
    # Each page's URL needs the sites' root paths, which each page reads from the cache itself
    # (a query each with the database cache): read once, and given to each page the way
    # Wagtail's own redirect handlers do.
    root_paths = Site.get_site_root_paths()
    for item in items:
        item._wagtail_cached_site_root_paths = root_paths
        title, body = config.texts(item)
        title_words, body_words = words(title), words(body)
        keywords = {
            "type": (item.type_slug,),
            "jaar": (str(item.date.year),),
            "restrictions": tuple(keys.get(item.pk, ())) + archived_key(item),
            "tag": tuple(config.tags(item)),
        }
        for vocabulary in config.vocabularies:
            if vocabulary.holder is None or isinstance(item, vocabulary.holder):
                keywords[vocabulary.param] = tuple(
                    term.slug for term in getattr(item, vocabulary.relation).all()
                )
        for choice_filter in config.filters:
            if isinstance(item, choice_filter.model):
                keywords[choice_filter.param] = (getattr(item, choice_filter.field),)
        yield Document(
            id=item.pk,
            date=item.date,
            title=tuple(tokens(title)),
            body=tuple(tokens(body)),
            title_words=tuple(words(item.title)),
            words=tuple(dict.fromkeys(title_words + body_words)),
            keywords=keywords,
            shown=shown_of(item),
        )


class EngineBackend(BaseSearchBackend):
    """The configured engine as a Wagtail search backend, kept current by Wagtail's signals:
    a saved item is indexed when live, removed otherwise. Searches go through
    search.engine, not through Wagtail's `.search()`."""

    catch_indexing_errors = True

    def add(self, obj):
        self.add_bulk(type(obj), [obj])

    def add_bulk(self, model, obj_list):
        items = [obj for obj in obj_list if isinstance(obj, setup().item_model)]
        if items:
            found = [item for item in items if searchable(item)]
            gone = [item.pk for item in items if not searchable(item)]
            self._write("add", lambda engine: (engine.index(documents(found)), engine.remove(gone)))
            semantic.track(found)
            semantic.forget(gone)

    def delete(self, obj):
        if isinstance(obj, setup().item_model):
            self._write("delete", lambda engine: engine.remove([obj.pk]))
            semantic.forget([obj.pk])

    @staticmethod
    def _write(action, write):
        """An engine that is down must not stop an editor's publish: the database index is
        updated, `update_index` catches the engine up later."""
        engine = configured()
        if engine is None:
            return
        try:
            write(engine)
        except EngineUnavailable:
            logger.warning(
                "%s unreachable: %s skipped, run update_index later", engine.name, action
            )


SearchBackend = EngineBackend


def rebuild_engine(progress=None):
    """Build the engine's index anew from the database and swap it in (`update_index`);
    `progress(done, total)` hears of each batch."""
    engine = configured()
    if engine is None:
        return 0
    model = setup().item_model
    items = model.objects.live().filter(expired=False).order_by("pk")

    def read(ids):
        for start in range(0, len(ids), BULK_CHUNK):
            chunk = ids[start : start + BULK_CHUNK]
            by_type = defaultdict(list)
            for pk, content_type in items.filter(pk__in=chunk).values_list("pk", "content_type"):
                by_type[content_type].append(pk)
            for content_type, pks in by_type.items():
                item_type = ContentType.objects.get_for_id(content_type).model_class()
                with values_computed_once():
                    objects = list(item_type.get_indexed_objects().filter(pk__in=pks))
                    found = [o for o in objects if searchable(o)]
                    semantic.track(found)
                    yield from documents(found)

    ids = list(items.values_list("pk", flat=True))
    engine.rebuild(
        read(ids),
        changed=lambda pks: list(read(pks)),
        progress=progress and (lambda count: progress(count, len(ids))),
    )
    index_rebuilt()
    return len(ids)


def index_rebuilt():
    cache.set(REBUILT, uuid.uuid4().hex, None)

"""The one registration through which a project tells the search library what it searches.

The library knows nothing of the project's models. At start-up (an AppConfig's ``ready()``)
the project calls ``register(Setup(...))`` once; every search module reads ``setup()``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vocabulary:
    """A curated vocabulary the items are tagged with, searchable as a facet."""

    param: str  # URL parameter and facet name, e.g. "thema"
    relation: str  # the item model's many-to-many field, e.g. "themes"
    model: type  # the term model: has `name` and a unique `slug`
    label: str  # the facet's heading, e.g. "Thema"
    # The item type whose relation it is, when not every item has it (e.g. a register of
    # where one type is applied): its link table must point at that type and at `model`.
    holder: type | None = None


@dataclass(frozen=True)
class ChoiceFilter:
    """A choice field of one item type, e.g. a Knoop's status: a facet counted among that
    type's items."""

    param: str
    label: str
    model: type
    field: str

    @property
    def choices(self):
        return self.model._meta.get_field(self.field).choices


@dataclass(frozen=True)
class Setup:
    # The page model every searchable item derives from, and each type by its slug (the
    # `type` parameter); every type has a `date` field and the base model a `visibility`.
    # It sets `search_auto_update = False`: the library indexes its saves itself
    # (search.index.index_saved), and Wagtail would index each a second time.
    item_model: type
    types: dict
    # visible(queryset of items, request) -> the items this request may see.
    visible: Callable
    # audience(request) -> a hashable value, equal for requests that see the same items (a
    # cache of what they may see is kept per audience).
    audience: Callable = field(default=lambda request: request.user.is_authenticated)
    vocabularies: tuple = ()
    filters: tuple = ()  # ChoiceFilters
    # A glossary: rows with `term`, `abbreviation` and `expressions` (all ways of saying the
    # concept), which are the query's synonyms; glossary_url(entry) is where an entry is shown.
    glossary_model: type | None = None
    glossary_url: Callable = field(default=lambda entry: None)
    # documents(request) -> [(document, text)] published on their own, found by their text.
    documents: Callable = field(default=lambda request: [])
    # figures(query, request) -> [card]: data kept beside the items that the query names
    # (an opgave's current figure), shown above the results.
    figures: Callable = field(default=lambda query, request: [])
    # texts(item) -> (title, body): the text an engine indexes, title weighing most.
    texts: Callable = field(default=lambda item: (item.title, ""))
    # Privacy for the engines: restriction_keys(items) -> {pk: keys} of
    # the restrictions on each item and its ancestors; denied_keys(request) -> the keys this
    # visitor does not pass. An item is found only when none of its keys is denied.
    restriction_keys: Callable = field(default=lambda items: {})
    denied_keys: Callable = field(default=lambda request: ())
    # tags(item) -> the tag slugs similar items share besides the vocabularies.
    tags: Callable = field(default=lambda item: ())
    # A date field of the item model, set when an item is archived: such an item is found
    # only when a search asks for it too (gearchiveerd=1), and is never suggested or similar.
    archived_field: str | None = None
    # result_fields(item) -> more fields of a result, e.g. {"toegepast": 3}; read after the
    # vocabularies' relations are prefetched.
    result_fields: Callable = field(default=lambda item: {})

    @property
    def type_labels(self):
        return {
            slug: model._meta.verbose_name_plural.capitalize() for slug, model in self.types.items()
        }

    def vocabulary(self, param):
        return next(v for v in self.vocabularies if v.param == param)


_setup = None


def register(new_setup):
    """Tell the library what it searches; once, from an AppConfig's ready()."""
    global _setup
    _setup = new_setup
    from . import signals

    signals.connect(new_setup)


def setup():
    if _setup is None:
        raise RuntimeError("search.registry.register() has not been called")
    return _setup

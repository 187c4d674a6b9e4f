"""What the kennisbank tells the search library (`search/`): its item types, vocabularies,
the Knoop status filter, the glossary, and who may see what. Registered once, at start-up."""

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from search.index import source_text
from search.registry import ChoiceFilter, Setup, Vocabulary, register

from .models import (
    ITEM_TYPES,
    Begrip,
    BegrippenPage,
    DocumentText,
    KennisItem,
    Knoop,
    standalone_files,
)
from .models.base import Visibility, visible_pages
from .models.taxonomy import VOCABULARIES


def visible(items, request):
    return visible_pages(items, request.user)


def glossary_url(begrip):
    """Its entry on the glossary page, if that page is live."""
    page = BegrippenPage.objects.live().first()
    return f"{page.url}#begrip-{begrip.slug}" if page else None


def published_documents(request):
    """(document, text) of the documents published on their own that this visitor may see."""
    texts = DocumentText.objects.filter(
        document__in=standalone_files(get_document_model().objects.all(), request.user),
        status=DocumentText.Status.DONE,
    ).select_related("document")
    return [(text.document, text.text) for text in texts]


def texts(item):
    """Read once per item while indexing in bulk, for the engine and the database index."""
    return source_text(item, "search_title_text"), source_text(item, "search_body_text")


def restriction_keys(items):
    """{pk: keys} for the engines, following `visible_pages`: a network-only item, or one below
    a restricted page, is for logged-in visitors ("login")."""
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return {
        item.pk: ("login",)
        if item.visibility == Visibility.NETWORK or any(item.path.startswith(p) for p in restricted)
        else ()
        for item in items
    }


def denied_keys(request):
    return () if request.user.is_authenticated else ("login",)


def tags(item):
    return [tag.slug for tag in item.tags.all()]


def register_search():
    register(
        Setup(
            item_model=KennisItem,
            types=ITEM_TYPES,
            visible=visible,
            vocabularies=tuple(
                Vocabulary(
                    param=model._meta.model_name,
                    relation=relation,
                    model=model,
                    label=model._meta.verbose_name.capitalize(),
                )
                for relation, model in VOCABULARIES.items()
            ),
            filters=(ChoiceFilter("status", "Status", Knoop, "status"),),
            glossary_model=Begrip,
            glossary_url=glossary_url,
            documents=published_documents,
            texts=texts,
            restriction_keys=restriction_keys,
            denied_keys=denied_keys,
            tags=tags,
        )
    )

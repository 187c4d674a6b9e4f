"""What the kennisbank tells the search library (`search/`): its item types, vocabularies,
the gemeenten a Parel is applied in, a Knoop's status and level, a Parel's quality, the
glossary, who may see what, and which items are archived. Registered once, at start-up."""

from wagtail.documents import get_document_model

from kennisbank import privacy
from search.index import source_text
from search.registry import ChoiceFilter, Setup, Vocabulary, register

from .models import (
    ITEM_TYPES,
    Begrip,
    BegrippenPage,
    DocumentText,
    Gemeente,
    KennisItem,
    Knoop,
    Parel,
    standalone_files,
)
from .models.base import visible_pages
from .models.taxonomy import VOCABULARIES
from .opgaven.search import figure_cards
from .privacy import Viewer


def visible(items, request):
    return visible_pages(items, Viewer.of(request))


def audience(request):
    """Who sees the same items: those denied the same restrictions."""
    return tuple(Viewer.of(request).denied_keys)


def glossary_url(begrip):
    """Its entry on the glossary page, if that page is live."""
    # By its own key: in the tree's order the database walks every page before it (2 ms at
    # 10,000 items, on each search that names an entry).
    page = BegrippenPage.objects.live().order_by("pk").first()
    return f"{page.url}#begrip-{begrip.slug}" if page else None


def published_documents(request):
    """(document, text) of the documents published on their own that this visitor may see."""
    # Never in the root collection: when no read document is elsewhere, as on most sites, the
    # privacy check's queries are spared.
    texts = DocumentText.objects.filter(status=DocumentText.Status.DONE).exclude(
        document__collection__depth=1
    )
    if not texts.exists():
        return []
    files = standalone_files(get_document_model().objects.all(), Viewer.of(request))
    texts = texts.filter(document__in=files).select_related("document")
    return [(text.document, text.text) for text in texts]


def texts(item):
    """Read once per item while indexing in bulk, for the engine and the database index."""
    return source_text(item, "search_title_text"), source_text(item, "search_body_text")


def tags(item):
    return [tag.slug for tag in item.tags.all()]


def result_fields(item):
    """An archived item's result says since when; a Parel's in how many gemeenten it is
    applied and its quality."""
    fields = {"gearchiveerd": item.archived_on.isoformat()} if item.archived_on else {}
    if isinstance(item, Parel):
        fields |= {"toegepast": len(item.adopted_in.all()), "kwaliteit": item.quality}
    return fields


# The gemeenten that apply a Parel (the adoption register), searched like a vocabulary.
TOEGEPAST = Vocabulary(
    param="toegepast", relation="adopted_in", model=Gemeente, label="Toegepast in", holder=Parel
)


def register_search():
    register(
        Setup(
            item_model=KennisItem,
            types=ITEM_TYPES,
            visible=visible,
            audience=audience,
            vocabularies=tuple(
                Vocabulary(
                    param=model._meta.model_name,
                    relation=relation,
                    model=model,
                    label=model._meta.verbose_name.capitalize(),
                )
                for relation, model in VOCABULARIES.items()
            )
            + (TOEGEPAST,),
            filters=(
                ChoiceFilter("status", "Status", Knoop, "status"),
                ChoiceFilter("niveau", "Niveau", Knoop, "level"),
                ChoiceFilter("kwaliteit", "Kwaliteit", Parel, "quality"),
            ),
            glossary_model=Begrip,
            glossary_url=glossary_url,
            documents=published_documents,
            figures=figure_cards,
            texts=texts,
            restriction_keys=privacy.restriction_keys_by_page,
            denied_keys=privacy.denied_keys,
            tags=tags,
            result_fields=result_fields,
            archived_field="archived_on",
        )
    )

"""What every item in the kennisbank has: vocabularies, tags, relations, visibility, search."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import (
    GroupCollectionPermission,
    Orderable,
    Page,
    PageManager,
    ReferenceIndex,
    get_default_page_content_type,
    get_page_models,
)
from wagtail.permission_policies.collections import CollectionPermissionPolicy
from wagtail.query import PageQuerySet
from wagtail.search import index

from kennisbank.accounts.roles import PROMOTION_PERMISSION
from kennisbank.admin.forms import KennisItemForm
from kennisbank.models.blocks import BodyBlock
from kennisbank.privacy import Visibility, collection_denied
from kennisbank.public.serializers import AttachmentsField, VisibleItemsField, VocabularySerializer
from search.index import DutchSearchField, source_text

from .accounts import organisation_of
from .documents import DocumentText
from .taxonomy import VOCABULARIES, KennisItemTag


def visible_pages(pages, viewer):
    """The live pages among `pages` that this viewer (kennisbank.privacy.Viewer) may see: it
    passes every restriction on each page and on its ancestors. Wagtail's own `public()` adds
    a clause per restriction, and every network-only item has one: for items, a login
    restriction is read from the visibility column; the few other restrictions are excluded
    by page id (items have no children) or, above the items, by path."""
    pages = pages.live().filter(expired=False)
    if issubclass(pages.model, KennisItem):
        pages = viewer.by_visibility(pages)
    elif not viewer.in_network:
        network = KennisItem.objects.filter(visibility=Visibility.NETWORK)
        pages = pages.exclude(pk__in=network.values("pk"))
    ids, paths = viewer.denied_pages(_item_types())
    if ids:
        pages = pages.exclude(pk__in=ids)
    for path in paths:
        pages = pages.exclude(path__startswith=path)
    return pages


def _item_types():
    items = [model for model in get_page_models() if issubclass(model, KennisItem)]
    return frozenset(ct.pk for ct in ContentType.objects.get_for_models(*items).values())


class KennisItemQuerySet(PageQuerySet):
    def visible_to(self, viewer):
        return visible_pages(self, viewer)

    def current(self):
        """Without the archived items: what feeds, the home page and the lists show."""
        return self.filter(archived_on__isnull=True)

    def overdue(self, today=None):
        """Current items whose "herzien vóór" date has passed."""
        return self.current().filter(review_before__lt=today or timezone.localdate())


ARCHIVE_INCOMPLETE = "Vul bij archiveren zowel de datum als de reden in."


def archive_incomplete(archived_on, archive_reason):
    """The archiving field left empty while the other is filled (both or neither), or None;
    the rule of the admin (KennisItem.clean) and of the import."""
    if bool(archived_on) == bool(archive_reason.strip()):
        return None
    return "archive_reason" if archived_on else "archived_on"


class KennisItem(Page):
    """An item of knowledge: a Parel, Knoop, Beleidskader, Besluit or Artikel."""

    summary = models.TextField("samenvatting", help_text="Twee of drie zinnen: waar gaat dit over?")
    date = models.DateField("datum", help_text="De datum waarop dit speelde of besloten werd.")
    visibility = models.CharField(
        "zichtbaarheid",
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="tekst")
    themes = ParentalManyToManyField("kennisbank.Thema", blank=True, verbose_name="thema's")
    gemeenten = ParentalManyToManyField("kennisbank.Gemeente", blank=True, verbose_name="gemeenten")
    doelgroepen = ParentalManyToManyField(
        "kennisbank.Doelgroep", blank=True, verbose_name="doelgroepen"
    )
    organisaties = ParentalManyToManyField(
        "kennisbank.Organisatie", blank=True, verbose_name="organisaties"
    )
    tags = ClusterTaggableManager("trefwoorden", through=KennisItemTag, blank=True)
    author_organisation = models.ForeignKey(
        "kennisbank.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_items",
        verbose_name="auteur (organisatie)",
        help_text="Wordt ingevuld met de organisatie van wie het item aanmaakt.",
    )

    # Currency: the date by which the contributor looks at the item again (a default per type
    # on publication, review_months), and the Redactie's archiving.
    review_before = models.DateField(
        "herzien vóór",
        null=True,
        blank=True,
        db_index=True,
        help_text="Wanneer de indiener dit item opnieuw bekijkt. Leeg bij publicatie: "
        "een standaardtermijn per soort item.",
    )
    archived_on = models.DateField(
        "gearchiveerd op",
        null=True,
        blank=True,
        db_index=True,
        help_text="Een gearchiveerd item blijft vindbaar als je erom vraagt, maar verdwijnt "
        "uit de overzichten, de feeds en de startpagina.",
    )
    archive_reason = models.CharField("reden van archiveren", max_length=300, blank=True)

    objects = PageManager.from_queryset(KennisItemQuerySet)()

    is_creatable = False
    base_form_class = KennisItemForm
    type_slug = None  # "parel", "knoop", …: the item's type in URLs, search and import.
    body_label = "Tekst"
    # Months from first publication to the default "herzien vóór" date; None: no default.
    review_months = None

    # search.index keeps items current itself: it skips the saves that only keep Wagtail's
    # books, and reads each item's texts once for both indexes.
    search_auto_update = False
    search_fields = [
        field
        for field in Page.search_fields
        if not (isinstance(field, index.SearchField) and field.field_name == "title")
    ] + [
        DutchSearchField("title", source="search_title_text", boost=3),
        DutchSearchField("search_body_text"),
        index.AutocompleteField("summary"),
        index.FilterField("date"),
        index.FilterField("visibility"),
    ]

    taxonomy_panels = [
        MultiFieldPanel(
            [
                *[
                    FieldPanel(relation, widget=forms.CheckboxSelectMultiple)
                    for relation in VOCABULARIES
                ],
                FieldPanel("tags"),
            ],
            heading="Ordening",
        ),
        InlinePanel("related_links", label="Gerelateerde items"),
        InlinePanel("attachments", label="Bijlagen"),
    ]
    # Search engine and menu fields are the Redactie's; contributors see the address and who
    # may read the item.
    promote_panels = [
        FieldPanel("slug"),
        FieldPanel("visibility"),
        MultiFieldPanel(
            [
                FieldPanel(name, permission=PROMOTION_PERMISSION)
                for name in ("seo_title", "search_description", "show_in_menus")
            ],
            heading="Voor zoekmachines en menu's",
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_before"),
                FieldPanel("archived_on", permission=PROMOTION_PERMISSION),
                FieldPanel("archive_reason", permission=PROMOTION_PERMISSION),
            ],
            heading="Actualiteit",
        ),
    ]

    # A type's own fields beyond these, in the order that import, export and the API give them
    # (names, or APIFields where the API needs a serializer).
    own_fields = []
    # What the API (/api/v2/pages/) shows; linked items only as far as the user may see them.
    api_fields = [
        "summary",
        "date",
        "visibility",
        "archived_on",
        "archive_reason",
        "body",
        *[APIField(name, serializer=VocabularySerializer(many=True)) for name in VOCABULARIES],
        APIField("tags", serializer=VocabularySerializer(many=True)),
        APIField("author_organisation", serializer=VocabularySerializer()),
        APIField("related_items", serializer=VisibleItemsField()),
        APIField("attachments", serializer=AttachmentsField()),
    ]

    class Meta:
        verbose_name = "kennisitem"
        verbose_name_plural = "kennisitems"
        indexes = [models.Index(fields=["date"])]
        permissions = [("promote_kennisitem", "Mag zoekmachine- en menuvelden van items wijzigen")]

    def clean(self):
        super().clean()
        if field := archive_incomplete(self.archived_on, self.archive_reason):
            raise ValidationError({field: ARCHIVE_INCOMPLETE})

    def save(self, *args, **kwargs):
        # Whoever creates an item, by whatever path, signs it with their organisation.
        if self.author_organisation_id is None and self.owner_id is not None:
            self.author_organisation = organisation_of(self.owner)
        if self.live and self.review_before is None:
            self.review_before = self.default_review_before()
        super().save(*args, **kwargs)

    def default_review_before(self):
        """review_months after first publication (today for one being published now)."""
        if self.review_months is None:
            return None
        published = self.first_published_at or timezone.now()
        return timezone.localdate(published) + relativedelta(months=self.review_months)

    @property
    def review_overdue_since(self):
        """The "herzien vóór" date when it has passed for a current item, else None."""
        if self.archived_on or not self.review_before:
            return None
        return self.review_before if self.review_before < timezone.localdate() else None

    def get_indexed_instance(self):
        # As bulk indexing reads it: relations fetched once, not once per text and backend. A
        # deleted item, no longer in the database, is removed as it stands in memory.
        model = self.specific_class
        found = model and model.get_indexed_objects().filter(pk=self.pk).first()
        return found or super().get_indexed_instance()

    @classmethod
    def get_indexed_objects(cls):
        # The search text reads every vocabulary, the tags and the attachments: fetch them per
        # chunk (rebuilding the index, indexing an import), not per item.
        related = [*VOCABULARIES, "tags", "attachments"]
        return super().get_indexed_objects().prefetch_related(*related)

    def search_title_text(self):
        return self.title

    def search_body_text(self):
        """All text a searcher may look for besides the title: the item's own text, then
        the names it is tagged with, then the text of its attachments (which so share the
        item's privacy and Dutch analysis)."""
        parts = [source_text(self, "readable_text")]  # once for the excerpt's text too
        parts += [term.name for term in self.vocabulary_terms()]
        parts += [tag.name for tag in self.tags.all()]
        parts += [text for _title, text in self.attachment_texts()]
        return "\n".join(part for part in parts if part)

    def attachment_texts(self):
        """(document title, text) of each attachment whose text has been extracted."""
        ids = [attachment.document_id for attachment in self.attachments.all()]
        if not ids:  # most items have none: spare the query
            return []
        texts = DocumentText.objects.filter(document_id__in=ids, status=DocumentText.Status.DONE)
        return list(texts.order_by("document__title").values_list("document__title", "text"))

    def readable_text(self, limit=None):
        """The item's own text in reading order, where a search excerpt comes from; with a
        `limit`, about its first `limit` characters, reading no more of the body than that."""
        parts = [self.summary, self.body_text(limit), *self.extra_search_texts()]
        text = "\n".join(part for part in parts if part)
        return text if limit is None else text[:limit]

    def extra_search_texts(self):
        """Texts of the type's own fields; each page type adds its own."""
        return []

    def body_text(self, limit=None):
        if limit is None:
            return "\n".join(self.body.stream_block.get_searchable_content(self.body))
        parts, length = [], 0
        for block in self.body:  # a stream reads its blocks one at a time, as they are used
            if length >= limit:
                break
            text = "\n".join(block.block.get_searchable_content(block.value))[: limit - length]
            parts.append(text)
            length += len(text) + 1
        return "\n".join(parts)

    def vocabulary_terms(self):
        for relation in VOCABULARIES:
            yield from getattr(self, relation).all()

    @cached_property
    def related_items(self):
        """Items linked from this one or linking to it, live ones only, both ways."""
        linked_ids = {link.item_id for link in self.related_links.all()}
        if self.pk is None:  # a preview of an item not yet saved
            return KennisItem.objects.live().filter(id__in=linked_ids).specific()
        linked_ids |= set(RelatedItem.objects.filter(item=self).values_list("page_id", flat=True))
        return KennisItem.objects.live().filter(id__in=linked_ids).specific().order_by("title")


class RelatedItem(Orderable):
    page = ParentalKey(KennisItem, on_delete=models.CASCADE, related_name="related_links")
    item = models.ForeignKey(
        KennisItem, on_delete=models.CASCADE, related_name="+", verbose_name="item"
    )

    panels = [FieldPanel("item")]

    class Meta(Orderable.Meta):
        verbose_name = "gerelateerd item"
        verbose_name_plural = "gerelateerde items"
        constraints = [
            models.UniqueConstraint(fields=["page", "item"], name="unique_related_item"),
        ]


class Attachment(Orderable):
    page = ParentalKey(KennisItem, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="document"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"


def visible_files(files, viewer):
    """The documents or images among `files` this viewer (kennisbank.privacy.Viewer) may see:
    for editors (who may change the files of a collection) all in it; for everyone else those
    attached to or linked from a page they may see, those published on their own
    (`standalone_files`), and what they or someone of their organisation uploaded. A file
    uploaded for a draft, or not yet used anywhere, stays private to its organisation and the
    Redactie; so does one used only on pages restricted to a group or a password the viewer
    has not passed."""
    user = viewer.user
    pages = visible_pages(Page.objects.all(), viewer)
    shown = _used_by(files.model, pages) | models.Q(
        pk__in=standalone_files(files, viewer).values("pk")
    )
    if user.is_authenticated:
        policy = CollectionPermissionPolicy(files.model)
        shown |= models.Q(collection__in=policy.collections_user_has_permission_for(user, "change"))
        shown |= models.Q(uploaded_by_user=user)
        if organisation := organisation_of(user):
            shown |= models.Q(uploaded_by_user__membership__organisation=organisation)
    # As one id filter: the admin's searches accept filters only on indexed fields.
    return files.filter(pk__in=files.model.objects.filter(shown).values("pk"))


def standalone_files(files, viewer):
    """Documents or images published on their own: placed by an editor in a collection of
    their own (not the root, nor where contributors upload), used on no page, so no page's
    privacy applies; in a restricted collection only for a viewer who passes its restriction
    (a login, membership of one of its groups, or its password given)."""
    files = files.exclude(collection__depth=1).exclude(_used_by(files.model))
    for path in _upload_paths(files.model):
        files = files.exclude(collection__path__startswith=path)
    return files.exclude(collection_denied(viewer))


def _upload_paths(model):
    """The collections (by path, so with those below them) where contributors upload: a group
    may add files there but not change anyone else's, so what lands there waits for review."""
    name = model._meta.model_name
    editors = GroupCollectionPermission.objects.filter(permission__codename=f"change_{name}")
    uploads = GroupCollectionPermission.objects.filter(permission__codename=f"add_{name}")
    uploads = uploads.exclude(group__in=editors.values("group"))
    return uploads.values_list("collection__path", flat=True)


def _used_by(model, pages=None):
    """A filter for the documents or images these pages (any page when None) use: attached
    to them, or referenced from them (a link in rich text) by the reference index, where
    object ids are text."""
    references = ReferenceIndex.objects.filter(
        base_content_type=get_default_page_content_type(),
        to_content_type=ContentType.objects.get_for_model(model),
    )
    attachments = Attachment.objects.all()
    if pages is not None:
        text_ids = pages.annotate(text_id=Cast("pk", models.CharField())).values("text_id")
        references = references.filter(object_id__in=text_ids)
        attachments = attachments.filter(page__in=pages)
    used = models.Q(pk__in=[int(pk) for pk in references.values_list("to_object_id", flat=True)])
    if issubclass(model, get_document_model()):
        used |= models.Q(pk__in=attachments.values("document"))
    return used

"""Keep privacy, the search index and the content version in step with what editors change."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.index import index_in_bulk, index_now, indexing_deferred

from .accounts.roles import STATUS_REFUSED, knoop_status_changes, may_change_knoop_status
from .documents.tasks import extract_document_task, file_hash
from .follows.tasks import knoop_alert_task
from .models import (
    ITEM_TYPES,
    Adoption,
    DocumentText,
    KennisItem,
    Knoop,
    Parel,
    Vergadering,
    Visibility,
)
from .models.lifecycle import knoop_moved
from .models.publication import place_on_agenda, publication_effects
from .models.taxonomy import VOCABULARIES
from .models.version import content_changed


@receiver(page_published)
def apply_publication(sender, instance, **kwargs):
    if isinstance(instance, KennisItem):
        revision = kwargs.get("revision")
        user = revision.user if revision else None
        publication_effects([instance], user)
        if isinstance(instance, Vergadering):
            place_on_agenda([instance], user)
        # Wagtail indexes on save, before vocabularies and tags are stored: index again.
        if not indexing_deferred():
            index_now(instance)
            reindex_meetings_showing([instance.pk])


@receiver(page_unpublished)
def follow_unpublishing(sender, instance, **kwargs):
    if isinstance(instance, KennisItem) and not indexing_deferred():
        reindex_meetings_showing([instance.pk])


@receiver(pre_delete, sender=KennisItem)
def note_meetings_showing(sender, instance, **kwargs):
    """The agenda's link to a deleted item is cleared before post_delete: noted here."""
    instance.shown_on_meetings = list(meetings_showing([instance.pk]))


@receiver(post_delete, sender=KennisItem)
def reindex_meetings_of_deleted(sender, instance, **kwargs):
    if getattr(instance, "shown_on_meetings", None) and not indexing_deferred():
        index_in_bulk(instance.shown_on_meetings)


def meetings_showing(ids):
    """The live meetings whose agenda links one of these items."""
    return Vergadering.objects.live().filter(agenda_items__item__in=ids).distinct()


def reindex_meetings_showing(ids):
    """A meeting's search text and result excerpt hold the titles of the agenda's items that
    anyone may see: indexed again when one of them changes, is unpublished or restricted."""
    meetings = [meeting for meeting in meetings_showing(ids) if meeting.pk not in ids]
    if meetings:
        index_in_bulk(meetings)


@receiver(knoop_moved)
def alert_knoop_followers(sender, changes, **kwargs):
    """A Knoop's followers hear of its new status or level from the background worker."""
    knoop_alert_task.enqueue([change.pk for change in changes])


@receiver(pre_save, sender=Revision)
def guard_knoop_status(sender, instance, **kwargs):
    """Whatever path a draft takes, only the Redactie changes a Knoop's status or level."""
    if instance.pk or instance.content_type.model_class() is not Knoop:
        return
    if may_change_knoop_status(instance.user):
        return
    before = Knoop.objects.get(pk=instance.object_id).status_baseline()
    changed = knoop_status_changes(before, instance.content)
    if changed:
        # Per field, as form and API errors are reported (the admin API's revert reads them).
        raise ValidationError(dict.fromkeys(changed, STATUS_REFUSED))


@receiver(post_save, sender=Adoption)
@receiver(post_delete, sender=Adoption)
def follow_adoptions(sender, instance, **kwargs):
    """A Parel's quality follows its register, and search finds it by where it is applied."""
    parel = Parel.objects.filter(pk=instance.parel_id).first()  # None: deleted with the Parel
    if parel is None:
        return
    Parel.objects.filter(pk=parel.pk).update(quality=parel.quality_level())
    if not indexing_deferred():
        index_in_bulk([parel])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def follow_privacy_settings(sender, instance, **kwargs):
    """An editor who sets privacy in Wagtail's own dialog changes the visibility too: a login
    restriction is "network"; a group or password restriction stays itself, honoured as such
    everywhere (kennisbank/privacy.py), never widened to every logged-in user."""
    restrictions = PageViewRestriction.objects.filter(page_id=instance.page_id)
    login = restrictions.filter(restriction_type=PageViewRestriction.LOGIN).exists()
    KennisItem.objects.filter(pk=instance.page_id).update(
        visibility=Visibility.NETWORK if login else Visibility.PUBLIC
    )
    page = Page.objects.filter(pk=instance.page_id).first()  # None: deleted with the page
    if page is not None:
        reindex_below(page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def follow_restricted_groups(sender, instance, action, **kwargs):
    """The groups of a restriction are set after it is saved (as Wagtail's dialog does): the
    restriction's key names them, so what lies below is indexed again."""
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        reindex_below(instance.page)


@receiver(post_page_move)
def reindex_moved(sender, instance, **kwargs):
    reindex_below(instance)


def reindex_below(page):
    """Who may see an item follows the restrictions on its ancestors: what lies below a page
    whose privacy changed, or that moved, is indexed again."""
    if not indexing_deferred():
        items = list(KennisItem.objects.descendant_of(page, inclusive=True).specific())
        index_in_bulk(items)
        reindex_meetings_showing([item.pk for item in items])


TAGGING_FIELDS = {model: relation for relation, model in VOCABULARIES.items()} | {Tag: "tags"}


def reindex_tagged_items(sender, instance, created, **kwargs):
    """A renamed vocabulary term or tag is found and shown under its new name at once: in the
    items tagged with it, and in those whose own text names it (a Knoop's owner)."""
    if created:
        return
    items = Q(**{TAGGING_FIELDS[sender] + "__in": [instance]})
    for model in ITEM_TYPES.values():
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model is sender:
                items |= Q(pk__in=model.objects.filter(**{field.name: instance}).values("pk"))
    index_in_bulk(list(KennisItem.objects.filter(items).distinct().specific()))


for model in TAGGING_FIELDS:
    post_save.connect(reindex_tagged_items, sender=model)


@receiver(post_save, sender=get_document_model())
def reindex_attached_items(sender, instance, created, update_fields=None, **kwargs):
    """A result found in an attachment names it: a renamed document is shown by its new name."""
    if created or (update_fields is not None and "title" not in update_fields):
        return
    index_in_bulk(list(attached_items(instance.pk).specific()))


@receiver(pre_delete, sender=get_document_model())
def note_attached_items(sender, instance, **kwargs):
    """Its attachments are deleted with it, before post_delete: the items are noted here."""
    instance.attached_to = list(attached_items(instance.pk).specific())


@receiver(post_delete, sender=get_document_model())
def reindex_detached_items(sender, instance, **kwargs):
    """A deleted document's text is no longer found, nor shown, in the items it was attached to."""
    if getattr(instance, "attached_to", None):
        index_in_bulk(instance.attached_to)


def attached_items(document_id):
    return KennisItem.objects.live().filter(attachments__document_id=document_id).distinct()


@receiver(post_save, sender=get_document_model())
def extract_document_text(sender, instance, update_fields=None, **kwargs):
    """A new or replaced file is read in the background; a new title alone is not, nor the
    size or hash of the same file, which Wagtail stores when it first needs them. The stored
    text keeps the hash of the file it was read from (tasks.store_text); a document made
    without a hash is hashed here to compare."""
    if update_fields is not None and "file" not in update_fields:
        return
    stored = DocumentText.objects.filter(document=instance).first()
    if stored and stored.file_hash and stored.file_hash == file_hash(instance):
        return
    DocumentText.objects.update_or_create(
        document=instance,
        defaults={"status": DocumentText.Status.PENDING, "reason": "", "text": ""},
    )
    extract_document_task.enqueue(instance.pk)


# The apps whose rows the public site shows (the content version, models/version.py). Within
# them, rows that no page shows: the search log (written while visitors search), drafts' revisions
# and the log of what editors did.
CONTENT_APPS = {
    "kennisbank",
    "home",
    "search",
    "taggit",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "wagtailredirects",
    "wagtailsearchpromotions",
}
NOT_SHOWN = {"search.searchterm", "wagtailcore.revision", "wagtailcore.pagelogentry"}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def follow_content(sender, **kwargs):
    meta = sender._meta
    # A migration's models are its own (and the cache's table may not exist yet).
    if meta.apps is apps and meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_SHOWN:
        content_changed()

"""Keep privacy and the search index in step with what editors change."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.signals import page_published, post_page_move

from search.index import index_in_bulk, index_now, indexing_deferred

from .accounts.roles import STATUS_REFUSED, knoop_status_changes, may_change_knoop_status
from .documents.tasks import extract_document_task, file_hash
from .follows.tasks import knoop_alert_task
from .models import Adoption, DocumentText, KennisItem, Knoop, Parel, Vergadering, Visibility
from .models.lifecycle import knoop_moved
from .models.publication import place_on_agenda, publication_effects
from .models.taxonomy import VOCABULARIES


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
        index_in_bulk(list(KennisItem.objects.descendant_of(page, inclusive=True).specific()))


TAGGING_FIELDS = {model: relation for relation, model in VOCABULARIES.items()} | {Tag: "tags"}


def reindex_tagged_items(sender, instance, created, **kwargs):
    """A renamed vocabulary term or tag is found under its new name at once."""
    if created:
        return
    items = KennisItem.objects.filter(**{TAGGING_FIELDS[sender] + "__in": [instance]})
    index_in_bulk(list(items.specific()))


for model in TAGGING_FIELDS:
    post_save.connect(reindex_tagged_items, sender=model)


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

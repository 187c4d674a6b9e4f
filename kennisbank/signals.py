"""Keep an item's visibility and Wagtail's page privacy the same, whichever is edited."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from .models import KennisItem, Visibility


@receiver(page_published)
def apply_visibility_on_publish(sender, instance, **kwargs):
    if isinstance(instance, KennisItem):
        instance.sync_privacy()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def follow_privacy_settings(sender, instance, **kwargs):
    """An editor who sets privacy in Wagtail's own dialog changes the visibility too."""
    restricted = PageViewRestriction.objects.filter(page_id=instance.page_id).exists()
    KennisItem.objects.filter(pk=instance.page_id).update(
        visibility=Visibility.NETWORK if restricted else Visibility.PUBLIC
    )

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kennisbank.models import Begrip

from .query import forget_glossary


@receiver(post_save, sender=Begrip)
@receiver(post_delete, sender=Begrip)
def glossary_changed(sender, **kwargs):
    """Synonyms are expanded at query time, so a glossary edit needs no reindex."""
    forget_glossary()

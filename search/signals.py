from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kennisbank.models import Begrip

from .engine import forget_lexicons
from .query import forget_glossary


@receiver(post_save, sender=Begrip)
@receiver(post_delete, sender=Begrip)
def glossary_changed(sender, **kwargs):
    """Synonyms are expanded at query time, so a glossary edit needs no reindex. Forgotten now,
    for this transaction, and again when it commits: another process may have cached the old
    glossary meanwhile."""
    for forget in (forget_glossary, forget_lexicons):
        forget()
        transaction.on_commit(forget)

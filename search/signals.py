from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .engine import forget_lexicons
from .index import connect_items
from .query import forget_glossary


def glossary_changed(sender, **kwargs):
    """Synonyms are expanded at query time, so a glossary edit needs no reindex. Forgotten now,
    for this transaction, and again when it commits: another process may have cached the old
    glossary meanwhile."""
    for forget in (forget_glossary, forget_lexicons):
        forget()
        transaction.on_commit(forget)


def connect(setup):
    connect_items(setup.item_model)
    if setup.glossary_model is not None:
        for signal in (post_save, post_delete):
            signal.connect(glossary_changed, sender=setup.glossary_model)

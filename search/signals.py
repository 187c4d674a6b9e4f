from django.db.models.signals import post_delete, post_save

from .query import forget_glossary


def glossary_changed(sender, **kwargs):
    """Synonyms are expanded at query time, so a glossary edit needs no reindex."""
    forget_glossary()


def connect(setup):
    if setup.glossary_model is not None:
        for signal in (post_save, post_delete):
            signal.connect(glossary_changed, sender=setup.glossary_model)

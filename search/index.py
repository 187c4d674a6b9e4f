"""How kennisbank items enter Wagtail's search index: as Dutch-analysed text."""

from django.db import connection
from wagtail.search import index

from .analysis import folded_text, stemmed_text


def prepare(text):
    """SQLite's FTS5 cannot stem Dutch, so it gets stems; PostgreSQL stems with 'dutch'."""
    return stemmed_text(text) if connection.vendor == "sqlite" else folded_text(text)


class DutchSearchField(index.SearchField):
    """A search field filled by a method of the item, its text prepared for Dutch search."""

    def __init__(self, field_name, source=None, **kwargs):
        super().__init__(field_name, **kwargs)
        self.source = source or field_name

    def get_value(self, obj):
        return prepare(getattr(obj, self.source)())

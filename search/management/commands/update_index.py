from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.index import values_computed_once


class Command(WagtailUpdateIndex):
    """Wagtail's update_index, with each item's search text computed once per chunk rather
    than once for every column of the index."""

    def queryset_chunks(self, qs, chunk_size=1000):
        for chunk in super().queryset_chunks(qs, chunk_size):
            with values_computed_once():
                yield chunk

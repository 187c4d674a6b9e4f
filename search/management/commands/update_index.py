from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.engines import configured
from search.index import index_rebuilt, rebuild_engine, values_computed_once


class Command(WagtailUpdateIndex):
    """Wagtail's update_index (the database's index, which the fallback searches), with each
    item's search text computed once per chunk rather than once for every column; then the
    engine's index, built anew beside the one searched and swapped in."""

    def update_backend(self, backend_name, schema_only=False, chunk_size=1000):
        if backend_name != "engine":
            super().update_backend(backend_name, schema_only, chunk_size)
            index_rebuilt()  # the fallback's answers may differ now (the engine's: rebuild_engine)
            return
        engine = configured()
        self.write(f"Updating backend: {engine.name}")
        done = 0

        def progress(count, total):
            nonlocal done
            done += count
            if self.verbosity > 0:
                width = 40
                filled = width * done // max(total, 1)
                self.stdout.write(
                    f"\r{engine.name}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                    ending="",
                )
                self.stdout.flush()

        indexed = rebuild_engine(progress)
        self.print_newline()
        self.write(f"{engine.name}: indexed {indexed} items")

    def queryset_chunks(self, qs, chunk_size=1000):
        for chunk in super().queryset_chunks(qs, chunk_size):
            with values_computed_once():
                yield chunk

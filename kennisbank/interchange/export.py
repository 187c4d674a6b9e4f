"""The export: every live item and every begrip as JSON Lines, in the import's format."""

import json

from django.utils import translation

from kennisbank.models import Begrip

from .format import SPECS, _model_field

EXPORT_CHUNK = 500


def _export_line(type_slug, item):
    model, fields = SPECS[type_slug]
    data = {"type": type_slug}
    for field in fields:
        value = field.kind.read(item, field.name)
        if value:
            # Through parse() so the export is exactly what an import would store.
            value = field.kind.dump(field.kind.parse(value, _model_field(model, field.name)))
        if value or field.required:
            data[field.key] = value
    return json.dumps(data, ensure_ascii=False)


def _sorted_in_chunks(items, lookups):
    """Items by slug, prefetched a chunk at a time: SQLite refuses a prefetch of thousands."""
    ids = [pk for _slug, pk in sorted(items.values_list("slug", "pk"))]
    for start in range(0, len(ids), EXPORT_CHUNK):
        chunk = items.filter(pk__in=ids[start : start + EXPORT_CHUNK]).prefetch_related(*lookups)
        yield from sorted(chunk, key=lambda item: item.slug)


@translation.override("nl")
def export_stream(stream):
    """Write every live item and every begrip as JSON Lines, sorted by type and slug."""
    count = 0
    for type_slug in sorted(SPECS):
        model, fields = SPECS[type_slug]
        items = model.objects.all() if model is Begrip else model.objects.live()
        lookups = [lookup for field in fields for lookup in field.kind.lookups(field.name)]
        for item in _sorted_in_chunks(items, lookups):
            stream.write(_export_line(type_slug, item) + "\n")
            count += 1
    return count

"""/api/opgaven/: the opgaven a viewer may see, each with its current figure and its history,
filtered as the pages are (soort, gemeente, schaal, periode). Read-only; the API-Version and
CORS headers come with every answer under /api/ (kennisbank/public/api.py, the settings)."""

import re

from django.http import JsonResponse

from kennisbank.models import Gemeente, Opgave
from kennisbank.privacy import Viewer
from search.views import api_view

from . import figures

PARAMETERS = ("soort", "gemeente", "schaal", "periode")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class BadFilter(Exception):
    pass


def choice(value, choices, name):
    if value not in choices.values:
        raise BadFilter(f"Onbekende {name}; kies uit: {', '.join(choices.values)}.")
    return value


def filters_of(params):
    """The queryset filters for these query parameters, or BadFilter with a Dutch message."""
    unknown = [name for name in params if name not in PARAMETERS]
    if unknown:
        raise BadFilter(f"Onbekende parameter: {', '.join(unknown)}.")
    filters = {}
    if "soort" in params:
        filters["kind"] = choice(params["soort"], Opgave.Kind, "soort")
    if "schaal" in params:
        filters["scope"] = choice(params["schaal"], Opgave.Scope, "schaal")
    if "gemeente" in params:
        slug = params["gemeente"]
        # Checked before the query: PostgreSQL refuses a NUL in a string.
        gemeente = Gemeente.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
        if gemeente is None:
            raise BadFilter("Onbekende gemeente; geef de slug, zoals in /opgaven/gemeente/raalte/.")
        filters["gemeente"] = gemeente
    if "periode" in params:
        period = figures.parse_period(params["periode"])
        if period is None:
            raise BadFilter(figures.BAD_PERIOD)
        filters["year"], filters["half"] = period
    return filters


def meting_data(meting, request):
    page = meting.shown_source_page  # only a source page the viewer may see
    return {
        "date": meting.date.isoformat(),
        "target": meting.target,
        "realised": meting.realised,
        "source": meting.source,
        "source_url": meting.source_url or None,
        "source_item": {"title": page.title, "url": page.get_url(request)} if page else None,
    }


def opgave_data(opgave, request):
    current = opgave.current
    return {
        "id": opgave.pk,
        "kind": opgave.kind,
        "kind_label": opgave.get_kind_display(),
        "scope": opgave.scope,
        "scope_label": opgave.get_scope_display(),
        "gemeente": (
            {"name": opgave.gemeente.name, "slug": opgave.gemeente.slug}
            if opgave.gemeente_id
            else None
        ),
        "period": figures.period_slug(opgave.year, opgave.half),
        "period_label": opgave.period,
        "visibility": opgave.visibility,
        "current": meting_data(current, request) if current else None,
        "metingen": [meting_data(meting, request) for meting in opgave.metingen.all()],
    }


@api_view
def opgaven_api(request):
    try:
        filters = filters_of(request.GET)
    except BadFilter as error:
        return JsonResponse({"message": str(error)}, status=400)
    viewer = Viewer.of(request)
    opgaven = figures.show_sources(list(figures.visible(viewer, **filters)), viewer)
    return JsonResponse(
        {"count": len(opgaven), "results": [opgave_data(o, request) for o in opgaven]},
        json_dumps_params={"ensure_ascii": False},
    )

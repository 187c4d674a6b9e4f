"""The public pages of opgaven and their CSV twins; what they show is what the visitor may see
(kennisbank.privacy.Viewer.by_visibility)."""

import io

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from kennisbank.models import Gemeente, Meting, Opgave
from kennisbank.privacy import Viewer

from . import figures
from .charts import bar_chart
from .csvfile import write_csv


def kind_of(slug):
    if slug not in Opgave.Kind.values:
        raise Http404("Deze soort opgave bestaat niet.")
    return Opgave.Kind(slug)


def index(request):
    viewer = Viewer.of(request)
    state = figures.region_state(viewer)
    chart = bar_chart([row["figure"] for row in state], "regio", "Stand van de regio per opgave")
    return render(
        request,
        "opgaven/index.html",
        {
            "state": state,
            "chart": chart,
            "kinds": Opgave.Kind,
            "gemeenten": Gemeente.objects.all(),
        },
    )


def kind_page(request, kind):
    kind = kind_of(kind)
    period, status, error = None, 200, None
    if "periode" in request.GET:
        period = figures.parse_period(request.GET["periode"])
        if period is None:
            status, error = 400, figures.BAD_PERIOD
    overview = figures.kind_overview(Viewer.of(request), kind, period)
    where = f"{kind.label}, {overview['period_label']}" if overview["period"] else kind.label
    context = {
        **overview,
        "error": error,
        "chart": bar_chart(overview["gemeenten"], "gemeenten", f"{where}: per gemeente"),
        "region_chart": bar_chart(
            [overview["total"], overview["region"], overview["province"]],
            "regio",
            f"{where}: de regio en de provincie",
        ),
    }
    return render(request, "opgaven/kind.html", context, status=status)


def gemeente_page(request, slug):
    gemeente = get_object_or_404(Gemeente, slug=slug)
    kinds = figures.gemeente_overview(Viewer.of(request), gemeente)
    for index_, kind in enumerate(kinds):
        kind["chart"] = bar_chart(
            kind["figures"], f"soort-{index_}", f"{kind['kind'].label} in {gemeente.name}"
        )
    return render(request, "opgaven/gemeente.html", {"gemeente": gemeente, "kinds": kinds})


def csv_response(request, name, **filters):
    return csv_file(Viewer.of(request).by_visibility(Opgave.objects.filter(**filters)), name)


def csv_file(opgaven, name):
    """Every measurement of these opgaven as a CSV download (the admin's export too)."""
    stream = io.StringIO()
    write_csv(Meting.objects.filter(opgave__in=opgaven), stream)
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def all_csv(request):
    return csv_response(request, "opgaven")


def kind_csv(request, kind):
    return csv_response(request, f"opgaven-{kind_of(kind).value}", kind=kind)


def gemeente_csv(request, slug):
    gemeente = get_object_or_404(Gemeente, slug=slug)
    return csv_response(
        request, f"opgaven-{gemeente.slug}", scope=Opgave.Scope.GEMEENTE, gemeente=gemeente
    )

"""The current figures a viewer may see, arranged for the pages: per kind the region's gemeenten
side by side, per gemeente its opgaven over time, and the region's state in one glance."""

import re
from dataclasses import dataclass

from django.db.models import Prefetch
from wagtail.models import Page

from kennisbank.models import Gemeente, Meting, Opgave, visible_pages
from kennisbank.models.opgaven import period_label

PERIOD = re.compile(r"^(?P<year>20\d\d)(?:-(?P<half>[12]))?$")
BAD_PERIOD = "De periode moet een jaar zijn (2023) of een jaar en halfjaar (2023-1 of 2023-2)."


@dataclass
class Figure:
    label: str
    target: int | None = None
    realised: int | None = None
    meting: Meting | None = None

    @property
    def percentage(self):
        if not self.target or self.realised is None:
            return None
        return round(100 * self.realised / self.target)


def visible(viewer, **filters):
    """The opgaven this viewer may see, each with its measurements (oldest first)."""
    opgaven = Opgave.objects.filter(**filters).select_related("gemeente")
    return viewer.by_visibility(opgaven).prefetch_related(
        Prefetch("metingen", queryset=Meting.objects.order_by("date", "pk"))
    )


def show_sources(opgaven, viewer):
    """Gives each measurement `shown_source_page`: its source page if this viewer may see it."""
    metingen = [meting for opgave in opgaven for meting in opgave.metingen.all()]
    ids = {meting.source_page_id for meting in metingen if meting.source_page_id}
    pages = Page.objects.filter(pk__in=ids)
    pages = {page.pk: page for page in visible_pages(pages, viewer)} if ids else {}
    for meting in metingen:
        meting.shown_source_page = pages.get(meting.source_page_id)
    return opgaven


def figure(label, opgave):
    current = opgave.current if opgave else None
    if current is None:
        return Figure(label)
    return Figure(label, current.target, current.realised, current)


def period_order(opgave):
    """Oldest period first, a year's half-years before the whole year, which they add up to."""
    return (opgave.year, opgave.half or 3)


def period_slug(year, half):
    return f"{year}-{half}" if half else str(year)


def parse_period(text):
    """(year, half) of "2023" or "2023-1"; None when it is not one."""
    match = PERIOD.match(text or "")
    if not match:
        return None
    return int(match["year"]), int(match["half"] or 0)


def periods(opgaven):
    """[(slug, label)] of the periods these opgaven cover, newest first."""
    found = sorted({(o.year, o.half) for o in opgaven}, reverse=True)
    return [(period_slug(*p), period_label(*p)) for p in found]


def kind_overview(viewer, kind, period=None):
    """The gemeenten of the region side by side for one kind and period (by default the newest
    one), with their total and the region's and the province's opgave."""
    opgaven = show_sources(list(visible(viewer, kind=kind)), viewer)
    options = periods(opgaven)
    if period is None and options:
        period = parse_period(options[0][0])
    chosen = [o for o in opgaven if period and (o.year, o.half) == period]
    by_gemeente = {o.gemeente_id: o for o in chosen if o.scope == Opgave.Scope.GEMEENTE}
    gemeenten = [
        figure(gemeente.name, by_gemeente.get(gemeente.pk)) for gemeente in Gemeente.objects.all()
    ]
    with_figures = [g for g in gemeenten if g.target is not None]
    total = Figure(
        "Samen (gemeenten)",
        sum(g.target for g in with_figures) if with_figures else None,
        sum(g.realised or 0 for g in with_figures) if with_figures else None,
    )
    areas = {o.scope: o for o in chosen if o.scope != Opgave.Scope.GEMEENTE}
    region = figure(Opgave.Scope.REGIO.label, areas.get(Opgave.Scope.REGIO))
    province = figure(Opgave.Scope.PROVINCIE.label, areas.get(Opgave.Scope.PROVINCIE))
    return {
        "kind": Opgave.Kind(kind),
        "period": period_slug(*period) if period else None,
        "period_label": period_label(*period) if period else None,
        "periods": options,
        "gemeenten": gemeenten,
        "total": total,
        "region": region,
        "province": province,
    }


def gemeente_overview(viewer, gemeente):
    """Per kind, the gemeente's opgaven over time (oldest period first), and every
    measurement of each."""
    opgaven = show_sources(
        list(visible(viewer, scope=Opgave.Scope.GEMEENTE, gemeente=gemeente)), viewer
    )
    kinds = {}
    for opgave in sorted(opgaven, key=period_order):
        kinds.setdefault(opgave.kind, []).append(opgave)
    return [
        {
            "kind": Opgave.Kind(kind),
            "figures": [figure(opgave.period, opgave) for opgave in kinds[kind]],
            "opgaven": kinds[kind],
        }
        for kind in Opgave.Kind.values
        if kind in kinds
    ]


def region_state(viewer):
    """Per kind, the newest period: the region's opgave against what its gemeenten realised,
    or the gemeenten's own total where the region has no figure of its own."""
    state = []
    for kind in Opgave.Kind.values:
        overview = kind_overview(viewer, kind)
        if overview["period"] is None:
            continue
        region, total = overview["region"], overview["total"]
        if region.target is not None:
            shown = Figure(overview["kind"].label, region.target, region.realised)
            if shown.realised is None:
                shown.realised = total.realised
        elif total.target is not None:
            shown = Figure(overview["kind"].label, total.target, total.realised)
        else:
            continue
        state.append({"figure": shown, "period_label": overview["period_label"], "kind": kind})
    return state

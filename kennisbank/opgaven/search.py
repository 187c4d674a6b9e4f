"""The figures a search names: a query that asks for a kind of opgave (by its name or a word
the field uses for it) gets its current figure beside the results, for a gemeente it names,
else for the region. What the viewer may not see is not shown."""

from django.urls import reverse

from kennisbank.models import Gemeente, Opgave
from kennisbank.privacy import Viewer
from search.analysis import stem, words

from . import figures
from .charts import describe

# Beside each kind's own name, the words by which the network asks for it.
KIND_WORDS = {
    Opgave.Kind.STATUSHOUDERS: "statushouder vergunninghouder taakstelling",
    Opgave.Kind.OEKRAINE: "oekraïne oekraïens oekraïner ontheemde",
    Opgave.Kind.ASIEL: "asielopvang azc asielzoekerscentrum opvanglocatie",
    Opgave.Kind.CNO: "crisisnoodopvang cno noodopvang",
    Opgave.Kind.AMV_OPVANG: "amv minderjarige",
    Opgave.Kind.AMV_HUISVESTING: "amv minderjarige",
}
# A kind's name shares its first word (huisvesting, opvang) with others: only its last names it.
_KIND_STEMS = {
    kind: {stem(word) for word in words(f"{kind.label.split()[-1]} {extra}")}
    for kind, extra in KIND_WORDS.items()
}


def figure_cards(query, request):
    """[{soort, waar, periode, doel, gerealiseerd, tekst, peildatum, bron, url}] of the opgaven the
    query names that this request may see."""
    asked = {stem(word) for group in query.groups for way in group.alternatives for word in way}
    kinds = [kind for kind, stems in _KIND_STEMS.items() if stems & asked]
    if not kinds:
        return []
    viewer = Viewer.of(request)
    named = _gemeente_named(query)
    cards = [
        _gemeente_card(viewer, kind, named) if named else _region_card(viewer, kind)
        for kind in kinds
    ]
    return [card for card in cards if card]


def _gemeente_named(query):
    typed = set(words(query.text))
    for gemeente in Gemeente.objects.all():
        if set(words(gemeente.name)) <= typed:
            return gemeente
    return None


def _gemeente_card(viewer, kind, gemeente):
    opgaven = figures.visible(viewer, kind=kind, scope=Opgave.Scope.GEMEENTE, gemeente=gemeente)
    opgaven = [opgave for opgave in opgaven if opgave.current]
    if not opgaven:
        return None
    newest = max(opgaven, key=figures.period_order)
    meting = newest.current
    url = reverse("opgaven_gemeente", args=[gemeente.slug])
    return _card(kind, gemeente.name, newest.period, meting.target, meting.realised, meting, url)


def _region_card(viewer, kind):
    """The region's own figure, or its gemeenten's together where it has none (as on the
    home page)."""
    overview = figures.kind_overview(viewer, kind)
    region, total = overview["region"], overview["total"]
    if region.target is not None:
        where, target, meting = region.label, region.target, region.meting
        realised = total.realised if region.realised is None else region.realised
    elif total.target is not None:
        where, target, realised, meting = "Gemeenten samen", total.target, total.realised, None
    else:
        return None
    url = reverse("opgaven_soort", args=[kind.value])
    return _card(kind, where, overview["period_label"], target, realised, meting, url)


def _card(kind, where, period, target, realised, meting, url):
    return {
        "soort": kind.label,
        "waar": where,
        "periode": period,
        "doel": target,
        "gerealiseerd": realised,
        "tekst": describe(figures.Figure(where, target, realised)),
        "peildatum": meting.date.isoformat() if meting else None,
        "bron": meting.source if meting else None,
        "url": url,
    }

"""The Redactie's report of what the network searches (search/terms.py), and the one step from
a query without results to a synonym of a glossary entry."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from search.terms import RETENTION_DAYS, report

from ..models import Begrip

VIEW_PERMISSION = "search.view_searchterm"


@permission_required(VIEW_PERMISSION, raise_exception=True)
def search_terms(request):
    return TemplateResponse(
        request,
        "kennisbank/admin/search_terms.html",
        {"report": report(), "days": RETENTION_DAYS, "begrippen": Begrip.objects.all()},
    )


@require_POST
@permission_required([VIEW_PERMISSION, "kennisbank.change_begrip"], raise_exception=True)
def add_synonym(request):
    """The query becomes a synonym of the chosen glossary entry, so it finds what that entry
    finds from now on (synonyms apply at query time)."""
    begrip = get_object_or_404(Begrip, pk=request.POST.get("begrip") or 0)
    query = request.POST.get("query", "").strip()[:100]
    if query and query.casefold() not in {e.casefold() for e in begrip.expressions}:
        begrip.synonyms = "\n".join([*begrip.synonym_list, query])
        begrip.save()
        messages.success(request, f"‘{query}’ is nu een synoniem van {begrip}.")
    return redirect("kennisbank_search_terms")

"""The search page and its JSON twin: same parameters, same engine."""

from dataclasses import fields
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import terms
from .engine import autocomplete
from .listing import run_search


@require_GET
def search_page(request):
    form, outcome = run_search(request)
    # What a visitor typed, not each refresh as filters are ticked (js/filters.js says so).
    if outcome is not None and "X-Filter-Refresh" not in request.headers:
        terms.record(outcome)
    response = render(
        request,
        "search/search.html",
        {"form": form, "outcome": outcome},
        status=200 if outcome else 400,
    )
    # Every search must reach the server to be counted: no shared cache may keep the page.
    patch_cache_control(response, private=True)
    return response


def api_view(view):
    """A JSON API view that answers GET (and HEAD) only, with a Dutch `detail` otherwise.
    Exempt from the CSRF check, which would refuse another method with an HTML 403 first:
    nothing here changes anything."""

    @csrf_exempt
    @wraps(view)
    def only_get(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"detail": "Alleen GET is toegestaan."}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return only_get


@api_view
def search_api(request):
    form, outcome = run_search(request)
    if outcome is None:
        return JsonResponse(
            {"detail": "Ongeldige zoekparameters.", "fields": form.error_messages()}, status=400
        )
    # Its fields as they are: plain data already, which `asdict` would copy deeply first.
    data = {f.name: getattr(outcome, f.name) for f in fields(outcome)}
    del data["selected"], data["num_pages"], data["fallback"]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # a beacon carries no token; it only counts, for today's row of that query
@require_POST
def result_opened(request):
    """A result of a search was opened (js/filters.js sends it as a beacon)."""
    terms.opened(request.POST.get("q", "")[:300])
    return HttpResponse(status=204)


@api_view
def suggestions_api(request):
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    return JsonResponse(
        {"query": query, "suggestions": autocomplete(query, request)},
        json_dumps_params={"ensure_ascii": False},
    )

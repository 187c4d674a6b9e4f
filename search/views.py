"""The search page and its JSON twin: same parameters, same engine."""

from dataclasses import fields
from functools import partial, wraps

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
    response = render(
        request,
        "search/search.html",
        {"form": form, "outcome": outcome},
        status=200 if outcome else 400,
    )
    if outcome is not None:
        count = partial(count_search, outcome.query, outcome.page, outcome.count)
        count(request)
        # A page kept for visitors without a session counts each time it answers again.
        response.on_kept_answer = count
    # Every search must reach the server to be counted: a browser or proxy asks again each time.
    patch_cache_control(response, no_cache=True)
    return response


def count_search(query, page, found, request):
    # What a visitor typed, not each refresh as filters are ticked (js/filters.js says so).
    if "X-Filter-Refresh" not in request.headers:
        terms.record(query, page, found)


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

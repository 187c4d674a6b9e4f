"""The search page and its JSON twin: same parameters, same engine."""

from dataclasses import asdict
from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from .engine import autocomplete
from .listing import run_search


@require_GET
def search_page(request):
    form, outcome = run_search(request)
    return render(
        request,
        "search/search.html",
        {"form": form, "outcome": outcome},
        status=200 if outcome else 400,
    )


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
    data = asdict(outcome)
    del data["selected"], data["num_pages"], data["fallback"]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@api_view
def suggestions_api(request):
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    return JsonResponse(
        {"query": query, "suggestions": autocomplete(query, request)},
        json_dumps_params={"ensure_ascii": False},
    )

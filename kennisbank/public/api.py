"""Wagtail's API v2 at /api/v2/: pages, documents and images, as far as the user may see them,
and the OpenAPI description of every read-only API (/api/openapi.json).

Pages, documents and images follow the kennisbank's privacy rule (kennisbank/privacy.py,
through visible_pages and visible_files in kennisbank/models/base.py). What each page type
shows is its `api_fields`."""

import json
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from kennisbank.models import visible_files, visible_pages
from kennisbank.privacy import Viewer
from search.views import api_view

from .serializers import VisibleItemsField


class Pagination(WagtailPagination):
    """Wagtail's, but an offset past the end gives an empty page without asking the database,
    which may not hold so large a number."""

    def paginate_queryset(self, queryset, request, view=None):
        items = super().paginate_queryset(queryset, request, view)
        return items if int(request.GET.get("offset", 0)) < self.total_count else []


# Wagtail's error messages (wagtail/api/v2), in Dutch; any other keeps its English after ours.
DUTCH_ERRORS = [
    (r"type doesn't exist", "Deze paginasoort bestaat niet."),
    (r"(\w+) must be a positive integer", r"\1 moet een positief geheel getal zijn."),
    (r"limit cannot be higher than (\d+)", r"limit mag niet hoger zijn dan \1."),
    (
        r"query parameter is not an operation or a recognised field: (.+)",
        r"Onbekende parameter: \1.",
    ),
    (r"unknown fields: (.+)", r"Onbekende velden: \1."),
    (r"fields error: (.+)", r"Ongeldige velden: \1"),
    (r"cannot order by '(.+)' \(unknown field\)", r"Kan niet sorteren op '\1': onbekend veld."),
    (r"random ordering with offset is not supported", "Willekeurige volgorde kan niet met offset."),
    (r"(\w+) page doesn't exist", "De genoemde pagina bestaat niet."),
    (r"No \w+ matches the given query\.", "Niet gevonden."),
]


def in_dutch(message, status):
    for english, dutch in DUTCH_ERRORS:
        if re.fullmatch(english, message):
            return re.sub(english, dutch, message)
    if message.startswith("Ongeldige") or message.startswith("Zoeken kan"):
        return message  # ours already
    return "Niet gevonden." if status == 404 else f"Ongeldige parameter ({message})."


class ParametersChecked:
    """Wagtail answers most malformed parameters with a 400, but passes a filter value the
    field cannot hold (?date=gisteren, ?themes=zorg) and any offset to the database. Its
    messages are English; the kennisbank speaks Dutch."""

    pagination_class = Pagination

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if response.status_code in (400, 404) and "message" in (response.data or {}):
            response.data["message"] = in_dutch(str(response.data["message"]), response.status_code)
        return response

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            raise BadRequestError(f"Ongeldige filterwaarde: {' '.join(error.messages)}") from error
        except ValueError as error:
            raise BadRequestError(f"Ongeldige filterwaarde: {error}") from error


class KennisbankPagesAPIViewSet(ParametersChecked, PagesAPIViewSet):
    # Searching is /api/zoeken/'s: Dutch analysis, synonyms and facets, on every backend.
    filter_backends = [f for f in PagesAPIViewSet.filter_backends if f is not SearchFilter]

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        """Linked items are shown, not filtered on: ?besluiten=12 would tell whether an item
        links to item 12 even when the user may not see that one."""
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            linked = {
                field.name
                for field in cls.get_body_fields(model)
                if isinstance(field.serializer, VisibleItemsField)
            }
            fields = [field for field in fields if field not in linked]
        return fields

    def check_query_parameters(self, queryset):
        if "search" in self.request.GET:
            raise BadRequestError("Zoeken kan met /api/zoeken/?q=…, niet hier.")
        super().check_query_parameters(queryset)

    def get_base_queryset(self):
        """The live pages of the requested site that the user may see. Wagtail's own version
        adds a clause per page restriction, and every network-only item has one."""
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request)
            site = site.site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if site is None:
            return Page.objects.none()
        pages = Page.objects.descendant_of(site.root_page, inclusive=True)
        return visible_pages(pages, Viewer.of(self.request))


class KennisbankDocumentsAPIViewSet(ParametersChecked, DocumentsAPIViewSet):
    def get_queryset(self):
        """Wagtail leaves out documents in restricted collections; of the others, those the
        user may download."""
        return visible_files(super().get_queryset(), Viewer.of(self.request))


class KennisbankImagesAPIViewSet(ParametersChecked, ImagesAPIViewSet):
    def get_queryset(self):
        """Wagtail leaves out images in restricted collections; of the others, those the
        user may see."""
        return visible_files(super().get_queryset(), Viewer.of(self.request))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KennisbankPagesAPIViewSet)
api_router.register_endpoint("documents", KennisbankDocumentsAPIViewSet)
api_router.register_endpoint("images", KennisbankImagesAPIViewSet)


# ---------------------------------------------------------------------------- OpenAPI

# Kept by hand beside the code it describes; tests/public/test_openapi.py checks that it is valid
# and that /api/zoeken/'s parameters are those of the search form, no more and no fewer.
OPENAPI_FILE = Path(__file__).with_name("openapi.json")
API_PREFIX = "/api/"


@cache
def openapi_description():
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


@api_view
def openapi(request):
    """/api/openapi.json: the description, its server the site's own address."""
    description = {**openapi_description(), "servers": [{"url": settings.SITE_URL}]}
    return JsonResponse(description, json_dumps_params={"ensure_ascii": False, "indent": 2})


def not_found(request, rest=""):
    """Any other address under /api/ (/api/v2/pages/abc/): a JSON 404, as the API's own."""
    return JsonResponse({"message": "Niet gevonden."}, status=404)


class ApiVersionMiddleware:
    """Every answer under /api/ names the version of the description it keeps to, so that a
    client can tell when what it was written against has changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            response["API-Version"] = openapi_description()["info"]["version"]
        return response

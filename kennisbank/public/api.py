"""Wagtail's API v2 at /api/v2/: pages, documents and images, as far as the user may see them.

Pages, documents and images follow the kennisbank's visibility rules (visible_pages,
visible_files in kennisbank/models/base.py). What each page type shows is its `api_fields`."""

from django.core.exceptions import ValidationError
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

from .serializers import VisibleItemsField


class Pagination(WagtailPagination):
    """Wagtail's, but an offset past the end gives an empty page without asking the database,
    which may not hold so large a number."""

    def paginate_queryset(self, queryset, request, view=None):
        items = super().paginate_queryset(queryset, request, view)
        return items if int(request.GET.get("offset", 0)) < self.total_count else []


class ParametersChecked:
    """Wagtail answers most malformed parameters with a 400, but passes a filter value the
    field cannot hold (?date=gisteren, ?themes=zorg) and any offset to the database."""

    pagination_class = Pagination

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
        return visible_pages(pages, self.request.user)


class KennisbankDocumentsAPIViewSet(ParametersChecked, DocumentsAPIViewSet):
    def get_queryset(self):
        """Wagtail leaves out documents in restricted collections; of the others, those the
        user may download."""
        return visible_files(super().get_queryset(), self.request.user)


class KennisbankImagesAPIViewSet(ParametersChecked, ImagesAPIViewSet):
    def get_queryset(self):
        """Wagtail leaves out images in restricted collections; of the others, those the
        user may see."""
        return visible_files(super().get_queryset(), self.request.user)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KennisbankPagesAPIViewSet)
api_router.register_endpoint("documents", KennisbankDocumentsAPIViewSet)
api_router.register_endpoint("images", KennisbankImagesAPIViewSet)

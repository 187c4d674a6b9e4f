from django.conf import settings
from django.http import Http404
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images import get_image_model

from kennisbank.accounts import urls as accounts_urls
from kennisbank.accounts.views import authenticate_with_password
from kennisbank.opgaven import urls as opgaven_urls
from kennisbank.privacy import Viewer, collection_denied
from kennisbank.public.api import api_router, not_found, openapi
from kennisbank.public.calendar import meetings_ics
from kennisbank.public.feeds import ItemsFeed, SearchFeed, SectionFeed, ThemeFeed
from kennisbank.public.identity import identity_stylesheet
from kennisbank.public.security import security_txt
from kennisbank.public.sitemaps import PublicSitemap
from search import urls as search_urls

urlpatterns = [
    path("admin/tweestaps/", include("kennisbank.accounts.twofactor.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("", include(accounts_urls)),  # the site's login, logout and password reset
    path("documenten/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/openapi.json", openapi, name="openapi"),
    path("feeds/", ItemsFeed(), name="feed"),
    path("feeds/thema/<slug:slug>/", ThemeFeed(), name="theme_feed"),
    path("feeds/zoeken/", SearchFeed(), name="search_feed"),
    path("feeds/<slug:slug>/", SectionFeed(), name="section_feed"),
    path("vergaderingen/agenda.ics", meetings_ics, name="meetings_ics"),  # before the page
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("huisstijl.css", identity_stylesheet, name="identity_stylesheet"),
    path("toepassingen/", include("kennisbank.public.adoptions")),  # the adoption register
    path("vraag/", include("kennisbank.public.questions")),  # "Vraag het de indiener"
    path("mijn-kennisbank/", include("kennisbank.follows.urls")),  # follows and digests
    path("", include(search_urls)),
    path("", include(opgaven_urls)),  # opgaven per gemeente: /opgaven/...
    path("api/<path:rest>", not_found),  # after every API above: JSON, not the site's 404 page
]


def rendition(request, name):
    """The development server's media: a rendition of an image whose collection this visitor
    may open. Originals and documents are never served from the media folder; documents go
    through Wagtail's serve view and its privacy."""
    file = f"images/{name}"
    images = get_image_model().objects.filter(collection_denied(Viewer.of(request)))
    renditions = get_image_model().get_rendition_model().objects.filter(file=file)
    if not renditions.exclude(image__in=images).exists():
        raise Http404
    return serve(request, file, document_root=settings.MEDIA_ROOT)


if settings.DEBUG:
    media = settings.MEDIA_URL.strip("/")
    urlpatterns += [path(f"{media}/images/<path:name>", rendition)]

urlpatterns += [
    # Wagtail's page password form, throttled; before Wagtail's own URL for the same path.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
    ),
    path("", include(wagtail_urls)),
]

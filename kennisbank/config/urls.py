from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from kennisbank.accounts.views import authenticate_with_password
from kennisbank.public.api import api_router
from kennisbank.public.feeds import ItemsFeed, SectionFeed, ThemeFeed
from kennisbank.public.sitemaps import PublicSitemap
from search import urls as search_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("feeds/", ItemsFeed(), name="feed"),
    path("feeds/thema/<slug:slug>/", ThemeFeed(), name="theme_feed"),
    path("feeds/<slug:slug>/", SectionFeed(), name="section_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include(search_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page password form, throttled; before Wagtail's own URL for the same path.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
    ),
    path("", include(wagtail_urls)),
]

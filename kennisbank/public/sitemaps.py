"""sitemap.xml: the live pages of the site that anyone may see."""

from django.contrib.auth.models import AnonymousUser
from wagtail.contrib.sitemaps import Sitemap

from kennisbank.models import visible_pages


class PublicSitemap(Sitemap):
    def items(self):
        """Wagtail's own list uses `public()`, a clause per page restriction; the kennisbank's
        rule reads the visibility of items."""
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        pages = visible_pages(pages, AnonymousUser())
        return pages.order_by("path").defer_streamfields().specific()

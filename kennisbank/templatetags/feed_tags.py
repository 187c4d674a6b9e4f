"""Links in the page head to the RSS feeds (kennisbank/public/feeds.py), for feed readers."""

from django import template
from django.conf import settings
from django.urls import reverse

from kennisbank.models import KennisItem, SectionPage

register = template.Library()


@register.inclusion_tag("feeds/links.html")
def feed_links(page=None):
    """The feed of the whole kennisbank and, on a section or one of its items, the section's.
    Usage in <head>: `{% feed_links page %}`."""
    feeds = [{"title": settings.WAGTAIL_SITE_NAME, "url": reverse("feed")}]
    if isinstance(page, KennisItem):
        page = page.get_parent()  # an item's parent is always its section
    elif not isinstance(page, SectionPage):
        page = None
    if page:
        url = reverse("section_feed", args=[page.slug])
        feeds.append({"title": f"{page.title} — {settings.WAGTAIL_SITE_NAME}", "url": url})
    return {"feeds": feeds}

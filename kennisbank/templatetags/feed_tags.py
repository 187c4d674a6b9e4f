"""Links in the page head and footer to the RSS feeds (kennisbank/public/feeds.py)."""

from django import template
from django.conf import settings
from django.urls import reverse

from kennisbank.models import KennisItem, SectionPage

register = template.Library()


@register.inclusion_tag("feeds/links.html")
def feed_links(page=None):
    """Links in <head> to the feeds of `page_feeds`. Usage: `{% feed_links page %}`."""
    return {"feeds": page_feeds(page)}


@register.simple_tag
def page_feeds(page=None):
    """The feed of the whole kennisbank and, on a section or one of its items, the section's:
    [{title, label, url}]. Usage, as in the footer: `{% page_feeds page as feeds %}`."""
    feeds = [{"title": settings.WAGTAIL_SITE_NAME, "label": "alle items", "url": reverse("feed")}]
    if isinstance(page, KennisItem):
        page = page.get_parent()  # an item's parent is always its section
    elif not isinstance(page, SectionPage):
        page = None
    if page:
        url = reverse("section_feed", args=[page.slug])
        title = f"{page.title} — {settings.WAGTAIL_SITE_NAME}"
        feeds.append({"title": title, "label": page.title.lower(), "url": url})
    return feeds

"""RSS feeds of the newest public items: of the whole kennisbank, of a section, of a theme.
Public only, whoever asks: feed readers share and cache what they fetch. The feed of a search
(a followed one, /feeds/zoeken/?q=…) shows what the requester may see: a feed reader, without
a login, public items."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from kennisbank.follows.searches import saved_search, search_params
from kennisbank.models import KennisItem, SectionPage, Thema, visible_pages
from kennisbank.privacy import Viewer
from kennisbank.public.text import plain_text
from search.engine import found_ids

FEED_LENGTH = 50


def newest(items):
    """Archived items leave the feeds."""
    items = visible_pages(items.current(), Viewer.anonymous()).order_by("-date", "title")
    return items.prefetch_related("themes", "tags")[:FEED_LENGTH]


def absolute(path):
    """Django's feeds prefix the host of the request; the kennisbank's URLs start with SITE_URL."""
    return settings.SITE_URL + path


class ItemsFeed(Feed):
    """Every public item, newest first."""

    title = settings.WAGTAIL_SITE_NAME
    description = "De nieuwste parels, knopen, beleidskaders, besluiten en artikelen."

    def link(self):
        return absolute("/")

    def feed_url(self):
        return absolute(reverse("feed"))

    def items(self):
        return newest(KennisItem.objects.all())

    # Plain text: readers decode the feed's entities and may render what markup they find.
    def item_title(self, item):
        return plain_text(item.title)

    def item_description(self, item):
        return plain_text(item.summary)

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()] + [tag.name for tag in item.tags.all()]


class SectionFeed(ItemsFeed):
    """The public items of one section (/feeds/parels/), newest first."""

    def get_object(self, request, slug):
        root = Site.find_for_request(request).root_page
        pages = visible_pages(root.get_children().filter(slug=slug), Viewer.anonymous()).specific()
        for page in pages:
            if isinstance(page, SectionPage):
                return page
        raise Http404("Deze rubriek bestaat niet.")

    def title(self, section):
        return f"{section.title} — {settings.WAGTAIL_SITE_NAME}"

    def link(self, section):
        return section.full_url

    def feed_url(self, section):
        return absolute(reverse("section_feed", args=[section.slug]))

    def description(self, section):
        return plain_text(section.intro) or f"De nieuwste {section.title.lower()}."

    def items(self, section):
        return newest(section.item_model.objects.child_of(section))


class ThemeFeed(ItemsFeed):
    """The public items on one theme (/feeds/thema/huisvesting-statushouders/), newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Thema, slug=slug)

    def title(self, theme):
        return f"Thema {theme.name} — {settings.WAGTAIL_SITE_NAME}"

    def link(self, theme):
        return absolute(f"{reverse('search')}?thema={theme.slug}")

    def feed_url(self, theme):
        return absolute(reverse("theme_feed", args=[theme.slug]))

    def description(self, theme):
        return plain_text(theme.description) or f"De nieuwste items over {theme.name.lower()}."

    def items(self, theme):
        return newest(KennisItem.objects.filter(themes=theme))


class SearchFeed(ItemsFeed):
    """The newest items a search finds (/feeds/zoeken/?q=opvang&thema=zorg), as /zoeken/ would
    show them to this requester."""

    def __call__(self, request, *args, **kwargs):
        search, invalid = saved_search(request.GET)
        if invalid is not None:
            messages = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in invalid.error_messages().items()
            )
            return HttpResponse(
                f"Ongeldige zoekparameters: {messages}",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        search, _invalid = saved_search(request.GET)
        ids = found_ids(search_params(search), request, limit=FEED_LENGTH)
        items = visible_pages(KennisItem.objects.filter(pk__in=ids), Viewer.of(request))
        by_id = {item.pk: item for item in items.prefetch_related("themes", "tags")}
        return {"search": search, "items": [by_id[pk] for pk in ids if pk in by_id]}

    def title(self, found):
        return f"Zoekopdracht — {settings.WAGTAIL_SITE_NAME}"

    def link(self, found):
        return absolute(f"{reverse('search')}?{found['search']}")

    def feed_url(self, found):
        return absolute(f"{reverse('search_feed')}?{found['search']}")

    def description(self, found):
        return "De nieuwste items van deze zoekopdracht."

    def items(self, found):
        return found["items"]

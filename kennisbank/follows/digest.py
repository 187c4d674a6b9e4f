"""What a digest holds: per follow, the items published (new or changed) in its period that the
user may see, by the same rule as search (kennisbank/privacy.py); drafts never."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kennisbank.models import DigestSettings, Follow, KennisItem, visible_pages
from kennisbank.models.taxonomy import VOCABULARIES
from kennisbank.privacy import Viewer
from search.engine import found_ids

from .searches import search_params

PER_FOLLOW = 10  # items listed per follow; the rest behind "alle … bekijken"
# How long after the last digest the next is due; a little less than a day or a week, so that
# a run at a fixed hour each day (README) is not put off a day by a few minutes' difference.
PERIODS = {
    DigestSettings.Frequency.DAILY: datetime.timedelta(hours=22),
    DigestSettings.Frequency.WEEKLY: datetime.timedelta(days=6, hours=22),
}
# A follow of a term: the item relation that holds its vocabulary.
RELATIONS = {model._meta.model_name: relation for relation, model in VOCABULARIES.items()}


def absolute(path):
    return settings.SITE_URL + path


def viewer_request(user):
    """A request as this user makes it (no session, so no page passwords given): what search
    and privacy read to decide what the user may see."""
    request = HttpRequest()
    request.user = user
    return request


@dataclass
class Entry:
    item: KennisItem
    new: bool  # first published in the period; else changed

    @property
    def url(self):
        return absolute(self.item.get_url_parts()[2])

    @property
    def type_label(self):
        return self.item.specific_class._meta.verbose_name.capitalize()


@dataclass
class Section:
    follow: Follow
    entries: list  # of Entry, at most PER_FOLLOW
    count: int  # all of them

    @property
    def more(self):
        return self.count - len(self.entries)

    @property
    def url(self):
        return absolute(follow_path(self.follow, by_date=True))


def follow_path(follow, by_date=False):
    """Where on the site a follow's items are: the Knoop's page, or the search (newest first)."""
    if follow.kind == Follow.Kind.KNOOP:
        return follow.knoop.get_url_parts()[2]
    if follow.kind == Follow.Kind.SEARCH:
        query = follow.search
    else:
        query = f"{follow.kind}={follow.target.slug}"
    if by_date:
        query = "&".join(part for part in (query, "sort=date") if part)
    return f"{reverse('search')}?{query}"


def due_users(now=None):
    """The users whose daily or weekly digest is due: active, with an address and a follow."""
    now = now or timezone.now()
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(frequency=frequency, sent_until__lte=now - period)
    rows = DigestSettings.objects.filter(due, user__is_active=True).exclude(user__email="")
    return rows.filter(user__follows__isnull=False).values_list("user_id", flat=True).distinct()


def sections(user, since, until):
    """[Section] of what `user` follows that was published after `since` up to `until`."""
    follows = list(
        user.follows.select_related("thema", "gemeente", "doelgroep", "organisatie", "knoop")
    )
    if not follows:
        return []
    request = viewer_request(user)
    published = KennisItem.objects.filter(last_published_at__gt=since, last_published_at__lte=until)
    items = visible_pages(published, Viewer.of(request)).order_by("-last_published_at", "pk")
    items = list(items.prefetch_related(*VOCABULARIES))
    if not items:
        return []
    found = []
    for follow in follows:
        matched = _matching(follow, items, request)
        if matched:
            entries = [Entry(item, item.first_published_at > since) for item in matched]
            found.append(Section(follow, entries[:PER_FOLLOW], len(entries)))
    return found


def _matching(follow, items, request):
    if follow.kind == Follow.Kind.KNOOP:
        return [item for item in items if item.pk == follow.knoop_id]
    if follow.kind == Follow.Kind.SEARCH:
        params = search_params(follow.search)
        if params is None:
            return []
        ids = set(found_ids(params, request, only=[item.pk for item in items], limit=len(items)))
        return [item for item in items if item.pk in ids]
    relation, term_id = RELATIONS[follow.kind], getattr(follow, f"{follow.kind}_id")
    return [
        item for item in items if any(term.pk == term_id for term in getattr(item, relation).all())
    ]

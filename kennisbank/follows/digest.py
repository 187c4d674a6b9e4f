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
    url: str

    @property
    def type_label(self):
        return self.item.specific_class._meta.verbose_name.capitalize()


@dataclass
class Section:
    follow: Follow
    entries: list  # of Entry, at most PER_FOLLOW
    count: int  # all of them
    url: str  # where all of them are

    @property
    def more(self):
        return self.count - len(self.entries)


def follow_path(follow, by_date=False, request=None):
    """Where on the site a follow's items are: the Knoop's page, or the search (newest first)."""
    if follow.kind == Follow.Kind.KNOOP:
        return follow.knoop.get_url_parts(request)[2]
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
    """[Section] of what `user` follows that was published after `since` up to `until`. Ids
    first, per follow a query (a search: the engine); only the items shown are loaded."""
    follows = list(
        user.follows.select_related("thema", "gemeente", "doelgroep", "organisatie", "knoop")
    )
    if not follows:
        return []
    request = viewer_request(user)
    published = KennisItem.objects.current().filter(
        last_published_at__gt=since, last_published_at__lte=until
    )
    visible = visible_pages(published, Viewer.of(request)).order_by("-last_published_at", "pk")
    candidates = list(visible.values_list("pk", flat=True))
    if not candidates:
        return []
    matched = [(follow, _matching(follow, visible, candidates, request)) for follow in follows]
    shown = {pk for _follow, ids in matched for pk in ids[:PER_FOLLOW]}
    items = KennisItem.objects.filter(pk__in=shown).in_bulk()

    def entry(item):  # the request keeps the site's root paths: one lookup for all links
        return Entry(
            item, item.first_published_at > since, absolute(item.get_url_parts(request)[2])
        )

    return [
        Section(
            follow,
            [entry(items[pk]) for pk in ids[:PER_FOLLOW]],
            len(ids),
            absolute(follow_path(follow, by_date=True, request=request)),
        )
        for follow, ids in matched
        if ids
    ]


def _matching(follow, visible, candidates, request):
    """The ids among the candidates (newest first) that this follow brings."""
    if follow.kind == Follow.Kind.KNOOP:
        return [pk for pk in candidates if pk == follow.knoop_id]
    if follow.kind == Follow.Kind.SEARCH:
        params = search_params(follow.search)
        if params is None:
            return []
        found = set(found_ids(params, request, only=candidates, limit=len(candidates)))
        return [pk for pk in candidates if pk in found]
    term = {RELATIONS[follow.kind]: getattr(follow, f"{follow.kind}_id")}
    return list(visible.filter(**term).values_list("pk", flat=True))

"""What the network searches: per day and query, how often, how often without results, how
often a result was opened. Stored without user or address (AVG) and kept RETENTION_DAYS."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

from .models import SearchTerm

RETENTION_DAYS = 90
MAX_QUERY_LENGTH = 100


def _key(text):
    return normalise_query_string(text)[:MAX_QUERY_LENGTH]


def record(text, page, found):
    """Count a search (its first page) that a visitor typed; `found` is how many it found."""
    query = _key(text)
    if not query or page != 1:
        return
    today = timezone.localdate()
    counts = {"searches": F("searches") + 1}
    if not found:
        counts["without_results"] = F("without_results") + 1
    if SearchTerm.objects.filter(day=today, query=query).update(**counts):
        return
    try:
        with transaction.atomic():
            SearchTerm.objects.create(
                day=today, query=query, searches=1, without_results=0 if found else 1
            )
    except IntegrityError:  # another request made today's row meanwhile
        SearchTerm.objects.filter(day=today, query=query).update(**counts)
        return
    # Once a day per query at most: what is older than the retention goes.
    SearchTerm.objects.filter(day__lt=today - datetime.timedelta(days=RETENTION_DAYS)).delete()


def opened(text):
    """A result of this query was opened today."""
    SearchTerm.objects.filter(day=timezone.localdate(), query=_key(text)).update(
        opened=F("opened") + 1
    )


def report(days=RETENTION_DAYS, limit=50):
    """The report's three lists over the last `days`: the most frequent queries, those that
    found nothing, and those whose results nobody opened."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    totals = (
        SearchTerm.objects.filter(day__gte=since)
        .values("query")
        .annotate(times=Sum("searches"), empty=Sum("without_results"), opens=Sum("opened"))
    )
    return {
        "frequent": list(totals.order_by("-times", "query")[:limit]),
        "without_results": list(totals.filter(empty__gt=0).order_by("-empty", "query")[:limit]),
        # Searched and found something, yet no result was opened.
        "unopened": list(
            totals.filter(opens=0, empty__lt=F("times")).order_by("-times", "query")[:limit]
        ),
    }

"""Similar items: other items that share the most themes and tags with an item, found by the
search engine; while it cannot answer, by the database among the newest that share any."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from kennisbank.models import KennisItem, KennisItemTag
from kennisbank.models.base import visible_pages
from kennisbank.privacy import Viewer
from search.engine import similar

MAX_SIMILAR = 5
# Similar items are chosen among this many of the newest items that share anything: ranking
# every sharing item made a detail page cost 400 ms at 100,000 items, growing with the corpus.
POOL = 500


def _shared(rows, item_field):
    """How many of `rows` (links to the item's themes or tags) another item has, as a per-item
    subquery on a through table: one index look-up each, where joining both relations
    multiplies rows."""
    count = (
        rows.filter(**{item_field: OuterRef("pk")})
        .values(item_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


def similar_items(item, request, limit=MAX_SIMILAR):
    """At most `limit` items this visitor may see, sharing themes or tags with `item`; most
    shared first, then newest. Items already shown as related are left out."""
    # Read through the item's relations, not the database: a preview shows unsaved ones.
    themes, tags = list(item.themes.all()), list(item.tags.all())
    related_ids = [related.pk for related in item.related_items]
    ids = similar(
        {"thema": [theme.slug for theme in themes], "tag": [tag.slug for tag in tags]},
        request,
        exclude=[item.pk, *related_ids],
        limit=limit,
    )
    if ids is not None:
        by_id = {page.pk: page for page in KennisItem.objects.filter(pk__in=ids).specific()}
        return [by_id[pk] for pk in ids if pk in by_id]
    return _similar_in_database(item, themes, tags, related_ids, request, limit)


def _similar_in_database(item, themes, tags, related_ids, request, limit):
    """Most shared first, then newest, among the POOL newest that share any."""
    theme_ids = [theme.pk for theme in themes]
    tag_ids = [tag.pk for tag in tags]
    links = []
    if theme_ids:
        themed = KennisItem.themes.through.objects.filter(thema_id__in=theme_ids)
        links.append((themed, "kennisitem"))
    if tag_ids:
        links.append((KennisItemTag.objects.filter(tag_id__in=tag_ids), "content_object"))
    if not links:
        return KennisItem.objects.none()
    sharing = Q()
    for rows, item_field in links:
        sharing |= Q(pk__in=rows.values(item_field))
    pool = (
        visible_pages(KennisItem.objects.current(), Viewer.of(request))
        .exclude(pk__in=[item.pk, *related_ids])
        .filter(sharing)
        .order_by("-date")
        .values("pk")[:POOL]
    )
    shared = [_shared(rows, item_field) for rows, item_field in links]
    return (
        KennisItem.objects.filter(pk__in=pool)
        .annotate(shared=sum(shared[1:], shared[0]))
        .order_by("-shared", "-date", "title")
        .specific()[:limit]
    )

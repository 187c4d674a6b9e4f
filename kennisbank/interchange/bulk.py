"""New pages by the thousand, stored as Wagtail stores them one at a time.

`add_child()`, `save_revision()` and `publish()` cost dozens of queries per page, and more as a
section grows. Here a batch of new pages takes a few statements per table, and keeps what those
calls keep: the tree (path, depth, numchild, url_path), one published revision per page with its
log entry, the many-to-many and child rows, the reference index, and what publishing brings
about (kennisbank.models.publication, the rule `page_published` applies to one page). The caller
indexes the pages for search.

`publish_updates` does the same for existing pages given new content: a new revision each, the
relation rows and references replaced, privacy kept in step, a Knoop's move on its timeline.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from kennisbank.models import Adoption, AgendaPunt, Besluit, KnoopChange, Parel
from kennisbank.models.publication import publication_effects

BATCH = 500
# What publish() sets on a page besides its content (and a default "herzien vóór").
PUBLICATION_FIELDS = [
    "draft_title", "live", "has_unpublished_changes", "first_published_at", "last_published_at",
    "latest_revision_created_at",
]  # fmt: skip


def insert_children(parent, pages):
    """Store new pages (one type, no pk yet) as the last live children of `parent`. Their
    many-to-many values and child objects, set in memory, are stored by `publish_new`."""
    if not pages:
        return
    now = timezone.now()
    last = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last[-Page.steplen :]) if last else 0
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth, page.numchild = parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
        page.review_before = page.review_before or page.default_review_before()
        # Child objects held in memory (none can be in the database yet), so that reading them
        # for the revision and the references costs no query per page.
        for relation in get_all_child_relations(page):
            name = relation.get_accessor_name()
            setattr(page, name, list(getattr(page, name).all()))
    _insert_rows(type(pages[0]), pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)


def _insert_rows(model, pages):
    """bulk_create refuses multi-table inheritance, so fill each table in turn, Page first;
    `_insert` is what Django's own save() calls, here for a batch at a time."""
    for table in [*reversed(model._meta.get_parent_list()), model]:
        fields = [f for f in table._meta.local_concrete_fields if f is not Page._meta.pk]
        size = min(connection.ops.bulk_batch_size(fields, pages), BATCH)
        for start in range(0, len(pages), size):
            chunk = pages[start : start + size]
            if table is not Page:
                table._base_manager._insert(chunk, fields=fields)
                continue
            rows = Page._base_manager._insert(
                chunk, fields=fields, returning_fields=[Page._meta.pk]
            )
            for page, (pk,) in zip(chunk, rows, strict=True):
                page.id = pk
                for link in _parent_links(model):
                    setattr(page, link.attname, pk)
                page._state.adding = False


def _parent_links(model):
    for table in [model, *model._meta.get_parent_list()]:
        yield from table._meta.parents.values()


def publish_new(pages):
    """Publish pages stored by `insert_children`: their relation rows, a revision each (latest
    and live), the publish log entry, their references, their privacy and timeline."""
    for model, group in _by_model(pages).items():
        _insert_relations(model, group)
        _revisions(model, group)
        _index_references(model, group)
    publication_effects(pages)


def publish_updates(pages, fields, kept=()):
    """Publish existing pages whose new content is set in memory: `fields` (model → names of
    the columns written) and their many-to-many and child objects (one with a primary key
    updated in place), but for the child relations named in `kept`, whose rows stay as they
    are. As `save_revision().publish()` would, in a few statements per batch rather than dozens
    of queries a page."""
    now = timezone.now()
    for model, group in _by_model(pages).items():
        for page in group:
            page.draft_title = page.title
            page.live, page.has_unpublished_changes = True, False
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.latest_revision_created_at = now
            page.review_before = page.review_before or page.default_review_before()
        columns = dict.fromkeys([*fields[model], *PUBLICATION_FIELDS, "review_before"])
        _update_rows(model, group, list(columns))
        # The revisions, references and relation rows below read every child relation: what
        # the import did not set (the kept ones, Wagtail's comments) is read once for all here,
        # not once per page and reader. Relations set in memory are not replaced by this.
        prefetch_related_objects(
            group, *(relation.get_accessor_name() for relation in get_all_child_relations(model))
        )
        _delete_relations(model, group, kept)
        _insert_relations(model, group, kept)
        _revisions(model, group)
        for ids in _batches([str(page.pk) for page in group]):
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page), object_id__in=ids
            ).delete()
        _index_references(model, group)
    publication_effects(pages)


def _update_rows(model, pages, names):
    """The UPDATE that save() sends, one per table, run for all pages at once (executemany);
    bulk_update's CASE per row and column took seconds per hundred pages."""
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in [*reversed(model._meta.get_parent_list()), model]:
            columns = [field for field in fields if field.model is table]
            if not columns:
                continue
            assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
            cursor.executemany(
                f"UPDATE {quote(table._meta.db_table)} SET {assignments} "
                f"WHERE {quote(table._meta.pk.column)} = %s",
                [
                    [f.get_db_prep_save(getattr(page, f.attname), connection) for f in columns]
                    + [page.pk]
                    for page in pages
                ],
            )


def _by_model(pages):
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    return by_model


def _batches(values):
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def _delete_relations(model, pages, kept):
    ids = [page.pk for page in pages]
    for field in model._meta.many_to_many:
        if isinstance(field, ParentalManyToManyField):
            through = field.remote_field.through
            for batch in _batches(ids):
                through.objects.filter(**{f"{field.m2m_field_name()}__in": batch}).delete()
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if name in kept:
            continue
        # A child given with its primary key stays, to be updated in place (_insert_relations)
        # as publish() does: what points at it (a Besluit at its agenda item) keeps pointing.
        staying = {child.pk for page in pages for child in getattr(page, name).all() if child.pk}
        for batch in _batches(ids):
            stored = relation.related_model.objects.filter(**{f"{relation.field.name}__in": batch})
            gone = [pk for pk in stored.values_list("pk", flat=True) if pk not in staying]
            for pks in _batches(gone):
                relation.related_model.objects.filter(pk__in=pks).delete()


def replace_timelines(timelines):
    """Replace the recorded moves of each Knoop by the steps given for it (dicts of date,
    status, level, note and the meeting or None); a last move is added where the steps do not
    end where the Knoop stands, as publishing it would."""
    for batch in _batches([knoop.pk for knoop in timelines]):
        KnoopChange.objects.filter(knoop_id__in=batch).delete()
    changes, dates = [], []
    for knoop, steps in timelines.items():
        last = None
        for step in steps:
            last = KnoopChange(
                knoop=knoop,
                from_status=last.to_status if last else "",
                to_status=step["status"],
                from_level=last.to_level if last else "",
                to_level=step["level"],
                note=step["note"],
                vergadering=step["vergadering"],
            )
            changes.append(last)
            dates.append(step["date"])
        if last is None or (last.to_status, last.to_level) != (knoop.status, knoop.level):
            changes.append(KnoopChange.moving(knoop, last))
            dates.append(timezone.now())
    changes = KnoopChange.objects.bulk_create(changes, batch_size=BATCH)
    # changed_at is auto_now_add, which bulk_create stamps with the present: the dates after.
    for change, date in zip(changes, dates, strict=True):
        change.changed_at = date
    KnoopChange.objects.bulk_update(changes, ["changed_at"], batch_size=BATCH)


def _insert_relations(model, pages, kept=()):
    for field in model._meta.many_to_many:
        if isinstance(field, ParentalManyToManyField):
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = [
                through(**{source: page, target: value})
                for page in pages
                for value in getattr(page, field.name).all()
            ]
            through.objects.bulk_create(rows, batch_size=BATCH)
    for relation in get_all_child_relations(model):
        if relation.get_accessor_name() in kept:
            continue
        children = []
        for page in pages:
            for order, child in enumerate(getattr(page, relation.get_accessor_name()).all()):
                setattr(child, relation.field.name, page)
                if hasattr(child, "sort_order"):
                    child.sort_order = order
                children.append(child)
        child_model = relation.related_model
        child_model.objects.bulk_create([c for c in children if not c.pk], batch_size=BATCH)
        if stored := [child for child in children if child.pk]:
            columns = [f.name for f in child_model._meta.concrete_fields if not f.primary_key]
            child_model.objects.bulk_update(stored, columns, batch_size=BATCH)


def _revisions(model, pages):
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=now,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ],
        batch_size=BATCH,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    # One UPDATE per batch, each page finding its revision by the index Wagtail keeps on it.
    revision = (
        Revision.objects.filter(
            base_content_type=base_content_type, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    for start in range(0, len(pages), BATCH):
        Page.objects.filter(pk__in=[page.pk for page in pages[start : start + BATCH]]).update(
            latest_revision=Subquery(revision), live_revision=Subquery(revision)
        )
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page_id=page.pk,
                content_type=content_type,
                label=page.get_admin_display_title(),
                action="wagtail.publish",
                timestamp=now,
                revision=revision,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
        ],
        batch_size=BATCH,
    )


def _index_references(model, pages):
    """What ReferenceIndex.create_or_update_for_object stores, for pages that had none."""
    if not ReferenceIndex.is_indexed(model):
        return
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ],
        batch_size=BATCH,
    )


def refresh_statistics():
    """PostgreSQL plans each query by its tables' statistics, which autovacuum refreshes in its
    own time: after thousands of new pages, searches and pages would be planned for tables as
    they were (at 10,000 items, a detail page took 74 ms instead of 63)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def link_agenda_items(links):
    """Link each Besluit to an agenda item, {besluit: (meeting, position from 1)}, in the
    database and in memory (for the revision publishing it writes next); the meetings' agendas
    are stored."""
    if not links:
        return
    points = {}  # meeting id → its agenda items' ids in order
    for batch in _batches(list({meeting.pk for meeting, _position in links.values()})):
        rows = AgendaPunt.objects.filter(page_id__in=batch).order_by("sort_order", "pk")
        for meeting_id, pk in rows.values_list("page_id", "pk"):
            points.setdefault(meeting_id, []).append(pk)
    for besluit, (meeting, position) in links.items():
        besluit.agenda_item_id = points[meeting.pk][position - 1]
    _update_rows(Besluit, list(links), ["agenda_item"])


def replace_adoptions(adoptions):
    """Replace the register's marks of each Parel by those given: {parel: [(gemeente or None,
    organisation, date, note)]}."""
    for batch in _batches([parel.pk for parel in adoptions]):
        Adoption.objects.filter(parel_id__in=batch).delete()
    Adoption.objects.bulk_create(
        [
            Adoption(parel=parel, gemeente=gemeente, organisation=org, date=date, note=note)
            for parel, marks in adoptions.items()
            for gemeente, org, date, note in marks
        ],
        batch_size=BATCH,
    )


def refresh_quality(parels):
    """Each Parel's quality as its review and the register now give it, in memory (for the
    index) and in the database."""
    counts = {}
    for batch in _batches([parel.pk for parel in parels]):
        rows = Adoption.objects.filter(parel_id__in=batch).values("parel_id")
        rows = rows.annotate(n=Count("gemeente", filter=Q(gemeente__isnull=False), distinct=True))
        counts |= {row["parel_id"]: row["n"] for row in rows}
    for parel in parels:
        parel.quality = Parel.level_for(parel.reviewed_on, counts.get(parel.pk, 0))
    _update_rows(Parel, parels, ["quality"])

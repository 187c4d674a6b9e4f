"""The import writer: checked records into the database, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.text import slugify
from wagtail.models import Page

from kennisbank.models import ITEM_TYPES, Gemeente, Organisatie, Parel, Vergadering
from kennisbank.models.publication import place_on_agenda
from kennisbank.models.version import content_changed
from kennisbank.structure import ensure_site, section_for
from search.index import defer_indexing, index_as_is, index_in_bulk

from .bulk import (
    insert_children,
    link_agenda_items,
    publish_new,
    publish_updates,
    refresh_quality,
    refresh_statistics,
    replace_adoptions,
    replace_timelines,
)
from .format import SPECS, ImportFailed, _existing, describe_new_terms, parse_lines

PROGRESS_EVERY = 500
# An import creating this many items or more refreshes the database's planner statistics.
REFRESH_STATISTICS_AFTER = 1000


class _Writer:
    """Writes checked records; looks up each term and page only once."""

    def __init__(self, records, progress):
        self.records = records
        self.progress = progress
        self.terms, self.slugs = {}, {}  # model → {lowercased name: term}, model → slugs in use
        self.new_pages = []  # stored in bulk (bulk.py)
        self.updated_pages, self.columns = [], {}  # published in bulk; model → columns written
        self.timelines = {}  # Knoop → the timeline its line gives
        self.adoptions = {}  # Parel → the register's marks its line gives
        self.agenda_links = {}  # Besluit → (meeting, position of the agenda item it links to)
        self.items = _existing(
            {record.key for record in records} | {ref for r in records for _k, ref in r.refs()}
        )

    def term(self, model, name):
        if model not in self.terms:
            known = list(model.objects.all())
            self.terms[model] = {term.name.lower(): term for term in known}
            self.slugs[model] = {term.slug for term in known}
        terms = self.terms[model]
        if name.lower() not in terms:
            terms[name.lower()] = model.objects.create(name=name, slug=self._free_slug(model, name))
        return terms[name.lower()]

    def _free_slug(self, model, name):
        """Two names can share a slug ('Olst-Wijhe', 'Olst Wijhe'); number the later one."""
        base = slugify(name)[:90] or model._meta.model_name
        slug, number = base, 1
        while slug in self.slugs[model]:
            number += 1
            slug = f"{base}-{number}"
        self.slugs[model].add(slug)
        return slug

    def _write(self, item, record, relations):
        for field in SPECS[record.type][1]:
            if relations or not field.kind.relation:
                field.kind.write(item, field.name, record.values[field.key], self)

    def run(self):
        existed = set(self.items)
        # First every new page, so that links (also forward in the file) have a target: built
        # in memory and stored a section at a time (bulk.py), checked as Wagtail would.
        new = [r for r in self.records if r.type in ITEM_TYPES and r.key not in existed]
        done = 0
        for type_slug, model in ITEM_TYPES.items():
            pages = []
            for record in (r for r in new if r.type == type_slug):
                page = model()
                self._write(page, record, relations=False)
                self._save(record, lambda: page.clean_fields(exclude=_unwritten(page, record)))
                self.items[record.key] = page
                pages.append(page)
                done += 1
                self.progress("nieuwe pagina's aangelegd", done, len(new))
            insert_children(section_for(model), pages)
        for done, record in enumerate(self.records, 1):
            item = self.items.get(record.key) or SPECS[record.type][0]()
            self._write(item, record, relations=True)
            if record.key not in existed and isinstance(item, Page):
                self.new_pages.append(item)
            elif isinstance(item, Page):
                self._save(record, lambda: item.clean_fields(exclude=_unwritten(item, record)))
                self.updated_pages.append(item)
                written = (f.name for f in SPECS[record.type][1] if not f.kind.relation)
                self.columns[type(item)] = [name for name in written if name != "slug"]
            else:
                self._save(record, item.save)
            self.progress("items opgeslagen", done, len(self.records))
        # Meetings first, so that their agenda items are stored for the Besluiten to link to
        # before those are published (a Besluit's revision holds its link).
        self._publish(lambda page: isinstance(page, Vergadering))
        link_agenda_items(self.agenda_links)
        self._publish(lambda page: not isinstance(page, Vergadering))
        replace_timelines(self.timelines)
        # After the timelines an import gives, which replace what is recorded and stay so.
        place_on_agenda(
            [p for p in self.new_pages + self.updated_pages if isinstance(p, Vergadering)],
            recorded={knoop.pk for knoop, steps in self.timelines.items() if steps is not None},
        )
        replace_adoptions(
            {
                parel: [
                    (
                        self.term(Gemeente, mark["gemeente"]) if mark["gemeente"] else None,
                        self.term(Organisatie, mark["organisatie"]),
                        mark["date"],
                        mark["note"],
                    )
                    for mark in marks
                ]
                for parel, marks in self.adoptions.items()
            }
        )
        refresh_quality([p for p in self.new_pages + self.updated_pages if isinstance(p, Parel)])
        created = sum(record.key not in existed for record in self.records)
        return {"created": created, "updated": len(self.records) - created}

    def _publish(self, which):
        publish_new([page for page in self.new_pages if which(page)])
        # Attachments are outside the format: they stay.
        updated = [page for page in self.updated_pages if which(page)]
        publish_updates(updated, self.columns, kept=("attachments",))

    @staticmethod
    def _save(record, save):
        """Wagtail checks the page again on save; report a refusal like a validation error."""
        try:
            save()
        except ValidationError as exc:
            problems = (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
            )
            raise ImportFailed(
                [
                    f"regel {record.line}: " + (f"veld {key}: " if key else "") + " ".join(messages)
                    for key, messages in problems
                ]
            ) from exc


def _unwritten(page, record):
    """The page's fields to leave unchecked: those this record did not set (the tree's), and
    foreign keys, whose check is a query and whose targets the import itself found."""
    written = {field.name for field in SPECS[record.type][1] if not field.kind.relation}
    return [f.name for f in page._meta.concrete_fields if f.name not in written or f.is_relation]


@translation.override("nl")
def import_records(records, progress=None):
    """Write checked records in one transaction; returns {"created": n, "updated": m}.

    progress(label, done, total) is called after every item; whatever it raises aborts the
    import and rolls everything back.
    """
    with transaction.atomic():
        ensure_site()
        writer = _Writer(records, progress or (lambda label, done, total: None))
        # Index each page once, at the end, rather than at every save along the way.
        with defer_indexing():
            counts = writer.run()
        # Written pages hold their relations in memory, but for the register's gemeenten (the
        # adoptions stored above), read here once for all; the others (link targets) are read
        # again.
        written = writer.new_pages + writer.updated_pages
        parels = [page for page in written if isinstance(page, Parel)]
        prefetch_related_objects(parels, "adopted_in")
        index_as_is(written)
        written = set(written)
        others = [p for p in writer.items.values() if isinstance(p, Page) and p not in written]
        index_in_bulk(others)
        # Written in bulk, past the signals that would say so.
        content_changed()
    if counts["created"] >= REFRESH_STATISTICS_AFTER:
        refresh_statistics()
    return counts


def import_stream(stream, stdout=None, new_terms=False):
    """Import JSON Lines from a stream; all or nothing.

    Raises ImportFailed with every error when a line is invalid; `new_terms` allows new
    vocabulary names that look like others (parse_lines). Writes progress every PROGRESS_EVERY
    items and a summary to stdout, when given. Returns {"created", "updated"}.
    """
    notices = []
    records, errors = parse_lines(stream, notices, new_terms=new_terms)
    if errors:
        raise ImportFailed(errors)
    if stdout:
        stdout.writelines(notice + "\n" for notice in notices)

    def report(label, done, total):
        if stdout and done % PROGRESS_EVERY == 0:
            stdout.write(f"{done}/{total} {label}\n")

    terms = describe_new_terms(records) if stdout else None
    counts = import_records(records, report)
    if stdout:
        if terms:
            stdout.write(terms + "\n")
        stdout.write(f"{counts['created']} aangemaakt, {counts['updated']} bijgewerkt\n")
    return counts

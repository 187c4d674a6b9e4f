"""Value kinds: how each key's JSON value is checked, stored on the model, and read back."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from kennisbank.limits import MAX_NESTING_DEPTH, MAX_TEXT_LENGTH
from kennisbank.models import (
    ITEM_TYPES,
    Adoption,
    AgendaPunt,
    Gemeente,
    Knoop,
    KnoopChange,
    Organisatie,
    RelatedItem,
    Visibility,
)
from kennisbank.models.adoption import NOTE_LENGTH

from .html import TooDeep, blocks_html, collapse, html_blocks, rich_html, scan_html

# The longest text a field takes, in characters (a long report is some 100,000).


class Invalid(ValueError):
    """A value that cannot be imported; the message says why, in Dutch."""


def _string(value):
    if not isinstance(value, str):
        raise Invalid("moet tekst zijn")
    if len(value) > MAX_TEXT_LENGTH:
        raise Invalid(
            f"is te lang: {_number(len(value))} tekens, hoogstens {_number(MAX_TEXT_LENGTH)}"
        )
    return value


def _number(n):
    return f"{n:,}".replace(",", ".")  # 1.000.000, as Dutch writes it


def _html(value):
    """Text or HTML, checked for depth before it is cleaned."""
    text = _string(value)
    try:
        scan_html(text)
    except TooDeep:
        raise Invalid(f"de HTML is te diep genest: hoogstens {MAX_NESTING_DEPTH} niveaus") from None
    return text


def _strings(value):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Invalid('moet een lijst van teksten zijn, zoals ["a", "b"]')
    return value


def _validate(model_field, value):
    """The model field's own checks (length, URL, slug), so the database never refuses."""
    try:
        model_field.run_validators(value)
    except ValidationError as exc:
        raise Invalid(" ".join(exc.messages)) from None


def _slug(text):
    _validate(Page._meta.get_field("slug"), text)
    return text


class Kind:
    """How a key's JSON value is checked, stored on the model, and read back for export.

    parse() turns JSON into the value to store, normalised; dump() turns it back into JSON;
    read() gives the model's current value as JSON; write() stores a parsed value.
    """

    relation = False  # True: written only once every page of the import exists
    blank = ""  # the value when the key is absent or null

    def empty(self, model_field):
        return self.blank

    def parse(self, value, model_field):
        raise NotImplementedError

    def dump(self, value):
        return value

    def read(self, obj, attr):
        return getattr(obj, attr)

    def write(self, obj, attr, value, writer):
        setattr(obj, attr, value)

    def refs(self, value):
        """The (type, slug) of the items this value links to."""
        return []

    def notes(self, value):
        """What a notice should say about this valid JSON value, e.g. what cleaning removed."""
        return []

    def lookups(self, attr):
        """What the export prefetches to read this value without a query per item."""
        return []


class Text(Kind):
    """A string; single-line model fields get their whitespace collapsed."""

    def parse(self, value, model_field):
        text = _string(value)
        text = text.strip() if isinstance(model_field, models.TextField) else collapse(text)
        if text:
            _validate(model_field, text)
        return text


class Date(Kind):
    blank = None
    # JJJJ-MM-DD; a single-digit month or day and a time after the date are tolerated.
    pattern = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?")

    def parse(self, value, model_field):
        match = self.pattern.fullmatch(value.strip()) if isinstance(value, str) else None
        if not match:
            raise Invalid("moet een datum zijn in de vorm JJJJ-MM-DD")
        try:
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            raise Invalid(f"{value} is geen bestaande datum") from None

    def dump(self, value):
        return value.isoformat()

    def read(self, obj, attr):
        value = getattr(obj, attr)
        return value.isoformat() if value else None


class Moment(Kind):
    """A date and time (ISO 8601), stored in UTC; without a zone it is Dutch time."""

    blank = None

    def parse(self, value, model_field):
        return _moment(value)

    def dump(self, value):
        return value.isoformat()

    def read(self, obj, attr):
        value = getattr(obj, attr)
        return value.isoformat() if value else None


VISIBILITY_ALIASES = {
    "netwerk": Visibility.NETWORK,
    "intern": Visibility.NETWORK,
    "besloten": Visibility.NETWORK,
    "private": Visibility.NETWORK,
    "openbaar": Visibility.PUBLIC,
}


class Choice(Kind):
    """One of the model field's choices, given as value or label, in any case."""

    def __init__(self, aliases=None):
        self.aliases = aliases or {}

    def empty(self, model_field):
        return model_field.get_default()

    def parse(self, value, model_field):
        options = {str(label).lower(): key for key, label in model_field.choices}
        options |= {key: key for key, _label in model_field.choices} | self.aliases
        key = _string(value).strip().lower()
        if key not in options:
            allowed = ", ".join(key for key, _label in model_field.choices)
            raise Invalid(f"'{value}' is geen geldige waarde; kies uit: {allowed}")
        return str(options[key])


class Names(Kind):
    """Names of vocabulary terms or tags: known ones match in any case, others are created."""

    relation = True
    blank = ()

    def __init__(self, model):
        self.model = model

    def _name(self, value):
        name = collapse(_string(value))
        if name:
            _validate(self.model._meta.get_field("name"), name)
        return name

    def parse(self, value, model_field):
        names = {}
        for item in _strings(value):
            if not (name := self._name(item)):
                raise Invalid("bevat een lege naam")
            names.setdefault(name.lower(), name)
        return list(names.values())

    def write(self, obj, attr, value, writer):
        getattr(obj, attr).set([writer.term(self.model, name) for name in value])

    def read(self, obj, attr):
        return sorted(
            (term.name for term in getattr(obj, attr).all()), key=lambda n: (n.lower(), n)
        )

    def lookups(self, attr):
        return [attr]


class Name(Names):
    """One vocabulary name, such as a knoop's owner organisation."""

    relation = False  # a column of the page itself, which a new page is stored with
    blank = None

    def parse(self, value, model_field):
        return self._name(value) or None

    def write(self, obj, attr, value, writer):
        setattr(obj, attr, writer.term(self.model, value) if value else None)

    def read(self, obj, attr):
        term = getattr(obj, attr)
        return term.name if term else None


class Links(Kind):
    """Slugs of items of one type, e.g. the besluiten that put a knoop on the agenda."""

    relation = True
    blank = ()

    def __init__(self, type_slug):
        self.type_slug = type_slug

    def parse(self, value, model_field):
        slugs = []
        for item in _strings(value):
            type_slug, _, slug = item.strip().rpartition("/")  # "besluit/x" is accepted too
            if type_slug not in ("", self.type_slug):
                raise Invalid(f"'{item}' is geen {self.type_slug}")
            if _slug(slug) not in slugs:
                slugs.append(slug)
        return slugs

    def refs(self, value):
        return [(self.type_slug, slug) for slug in value]

    def write(self, obj, attr, value, writer):
        getattr(obj, attr).set([writer.items[ref] for ref in self.refs(value)])

    def read(self, obj, attr):
        return sorted(page.slug for page in getattr(obj, attr).all() if page.live)

    def lookups(self, attr):
        return [attr]


class Related(Kind):
    """'type/slug' of related items; each of both items lists the other (related_items)."""

    relation = True
    blank = ()

    def parse(self, value, model_field):
        refs = []
        for item in _strings(value):
            type_slug, _, slug = item.strip().partition("/")
            if type_slug not in ITEM_TYPES:
                raise Invalid(
                    f"'{item}' moet de vorm type/slug hebben, type een van: {', '.join(ITEM_TYPES)}"
                )
            if (ref := f"{type_slug}/{_slug(slug)}") not in refs:
                refs.append(ref)
        return refs

    def refs(self, value):
        return [tuple(ref.split("/", 1)) for ref in value]

    def write(self, obj, attr, value, writer):
        obj.related_links = [RelatedItem(item=writer.items[ref]) for ref in self.refs(value)]

    def read(self, obj, attr):
        return [
            f"{link.item.specific_class.type_slug}/{link.item.slug}"
            for link in obj.related_links.all()
            if link.item.live
        ]

    def lookups(self, attr):
        return ["related_links__item"]


class Points(Kind):
    """Decision points: a list of texts, one block each in Besluit.decision_points."""

    blank = ()

    def parse(self, value, model_field):
        points = [point.strip() for point in _strings(value)]
        if not all(points):
            raise Invalid("bevat een leeg besluitpunt")
        return points

    def write(self, obj, attr, value, writer):
        setattr(obj, attr, [{"type": "point", "value": point} for point in value])

    def read(self, obj, attr):
        return [block["value"] for block in getattr(obj, attr).raw_data]


class Lines(Kind):
    """A list of one-line texts, stored one per line (Begrip.synonyms)."""

    blank = ()

    def parse(self, value, model_field):
        lines = {}
        for item in _strings(value):
            if not (line := collapse(item)):
                raise Invalid("bevat een lege waarde")
            lines.setdefault(line.lower(), line)
        return list(lines.values())

    def write(self, obj, attr, value, writer):
        setattr(obj, attr, "\n".join(value))

    def read(self, obj, attr):
        return [line.strip() for line in getattr(obj, attr).splitlines() if line.strip()]


class Body(Kind):
    """Plain text or HTML in, StreamField blocks stored, HTML out."""

    blank = ()

    def parse(self, value, model_field):
        return html_blocks(_html(value))

    def notes(self, value):
        return _removed(value)

    def dump(self, value):
        return blocks_html(value)

    def write(self, obj, attr, value, writer):
        setattr(obj, attr, list(value))

    def read(self, obj, attr):
        return blocks_html(getattr(obj, attr).raw_data)


class Rich(Kind):
    """Plain text or HTML in, sanitized rich text stored and given out."""

    def parse(self, value, model_field):
        return rich_html(_html(value))

    def notes(self, value):
        return _removed(value)

    def read(self, obj, attr):
        return expand_db_html(getattr(obj, attr))


def _removed(value):
    removed = scan_html(value)
    return [f"verwijderd: {', '.join(removed)}"] if removed else []


class Timeline(Kind):
    """A Knoop's recorded moves, oldest first: [{"date", "status", "level", "note",
    "vergadering"}], the last the slug of the meeting whose agenda brought the step. Given, they
    replace what is recorded (kennisbank.interchange.bulk.replace_timelines)."""

    relation = True  # written once the Knoop is stored
    blank = None  # absent: the import records a move, as publishing does
    keys = ("date", "status", "level", "note", "vergadering")

    def parse(self, value, model_field):
        if not isinstance(value, list) or not all(isinstance(step, dict) for step in value):
            raise Invalid(
                'moet een lijst van stappen zijn, zoals [{"date": "2024-05-01T10:00:00+00:00",'
                ' "status": "gesignaleerd", "level": "regio", "note": "..."}]'
            )
        steps = []
        for number, step in enumerate(value, 1):
            try:
                steps.append(self._step(step))
            except Invalid as exc:
                raise Invalid(f"stap {number}: {exc}") from None
        return sorted(steps, key=lambda step: step["date"])  # stable: same moments keep order

    def _step(self, step):
        if unknown := [key for key in step if key not in self.keys]:
            raise Invalid(f"onbekende sleutel '{unknown[0]}'; kies uit: {', '.join(self.keys)}")
        for key in ("date", "status", "level"):
            if step.get(key) is None:
                raise Invalid(f"{key} is verplicht")
        return {
            "date": _moment(step["date"]),
            "status": Choice().parse(step["status"], Knoop._meta.get_field("status")),
            "level": Choice().parse(step["level"], Knoop._meta.get_field("level")),
            "note": Text().parse(step.get("note") or "", KnoopChange._meta.get_field("note")),
            "vergadering": _item_slug(step.get("vergadering"), "vergadering"),
        }

    def dump(self, value):
        return [
            {"date": step["date"].isoformat(), "status": step["status"], "level": step["level"]}
            | {key: step[key] for key in ("note", "vergadering") if step[key]}
            for step in value
        ]

    def refs(self, value):
        return [("vergadering", step["vergadering"]) for step in value or () if step["vergadering"]]

    def read(self, obj, attr):
        # A meeting that is not published is not in the export either: the step keeps its move.
        return [
            {"date": change.changed_at.isoformat(), "status": change.to_status,
             "level": change.to_level, "note": change.note,
             "vergadering": change.vergadering.slug if _live(change.vergadering) else ""}
            for change in obj.changes.all()
        ]  # fmt: skip

    def write(self, obj, attr, value, writer):
        if value is not None:
            # The meeting as a page (None for a step without one), for bulk.replace_timelines.
            writer.timelines[obj] = [
                step | {"vergadering": writer.items.get(("vergadering", step["vergadering"]))}
                for step in value
            ]

    def lookups(self, attr):
        return ["changes__vergadering"]


class Adoptions(Kind):
    """Where a Parel is applied (the adoption register): [{"gemeente", "organisatie", "date",
    "note"}], gemeente and note optional. Given, they replace the register's marks of the Parel
    (kennisbank.interchange.bulk.replace_adoptions); absent, the marks stay."""

    relation = True  # written once the Parel is stored
    blank = None
    keys = ("gemeente", "organisatie", "date", "note")

    def parse(self, value, model_field):
        if not isinstance(value, list) or not all(isinstance(mark, dict) for mark in value):
            raise Invalid(
                'moet een lijst van toepassingen zijn, zoals [{"gemeente": "Raalte", '
                '"organisatie": "Gemeente Raalte", "date": "2024-03-01", "note": "..."}]'
            )
        marks, seen = [], set()
        for number, mark in enumerate(value, 1):
            try:
                parsed = self._mark(mark)
            except Invalid as exc:
                raise Invalid(f"toepassing {number}: {exc}") from None
            for key in ("organisatie", "gemeente"):
                if parsed[key] and (key, parsed[key].lower()) in seen:
                    raise Invalid(f"toepassing {number}: {key} '{parsed[key]}' staat er al")
                seen.add((key, (parsed[key] or "").lower()))
            marks.append(parsed)
        return marks

    def _mark(self, mark):
        if unknown := [key for key in mark if key not in self.keys]:
            raise Invalid(f"onbekende sleutel '{unknown[0]}'; kies uit: {', '.join(self.keys)}")
        for key in ("organisatie", "date"):
            if not mark.get(key):
                raise Invalid(f"{key} is verplicht")
        note = Text().parse(mark.get("note") or "", Adoption._meta.get_field("note"))
        if len(note) > NOTE_LENGTH:
            raise Invalid(f"note is te lang: ten hoogste {NOTE_LENGTH} tekens")
        return {
            "gemeente": Names(Gemeente)._name(mark.get("gemeente") or "") or None,
            "organisatie": Names(Organisatie)._name(mark["organisatie"]),
            "date": Date().parse(mark["date"], None),
            "note": note,
        }

    def dump(self, value):
        return [
            {key: mark[key] for key in ("gemeente",) if mark["gemeente"]}
            | {"organisatie": mark["organisatie"], "date": mark["date"].isoformat()}
            | ({"note": mark["note"]} if mark["note"] else {})
            for mark in value
        ]

    def read(self, obj, attr):
        return [
            {"gemeente": mark.gemeente.name if mark.gemeente else None,
             "organisatie": mark.organisation.name, "date": mark.date.isoformat(),
             "note": mark.note}
            for mark in sorted(obj.adoptions.all(), key=lambda mark: (mark.date, mark.pk))
        ]  # fmt: skip

    def write(self, obj, attr, value, writer):
        if value is not None:
            writer.adoptions[obj] = value

    def names(self, value):
        """(model, name) of the vocabulary terms these marks name."""
        for mark in value or ():
            if mark["gemeente"]:
                yield Gemeente, mark["gemeente"]
            yield Organisatie, mark["organisatie"]

    def lookups(self, attr):
        return ["adoptions__gemeente", "adoptions__organisation"]


def _moment(value):
    """An ISO 8601 date and time, in UTC; without a zone it is Dutch time."""
    try:
        moment = datetime.datetime.fromisoformat(_string(value).strip())
    except ValueError:
        raise Invalid(f"'{value}' is geen datum en tijd zoals 2024-05-01T10:00:00+02:00") from None
    if moment.tzinfo is None:
        moment = timezone.make_aware(moment)
    return moment.astimezone(datetime.UTC)


def _item_slug(value, type_slug):
    """The slug of an item of this type, given as "slug" or "type/slug"; "" when not given.
    A problem is told of the key named after the type."""
    if value is None or value == "":
        return ""
    try:
        given, _, slug = _string(value).strip().rpartition("/")
        if given not in ("", type_slug):
            raise Invalid(f"'{value}' is geen {type_slug}")
        return _slug(slug)
    except Invalid as exc:
        raise Invalid(f"{type_slug}: {exc}") from None


def _live(page):
    return page is not None and page.live


def _in_order(points):
    """A meeting's agenda items in their order; the position (from 1) names one in the format."""
    return sorted(points, key=lambda point: (point.sort_order, point.pk or 0))


class Agenda(Kind):
    """A meeting's agenda in order: [{"item": "knoop/slug", "title", "proposal", "outcome_kind",
    "escalation_level", "outcome", "visibility"}], each with an item or a title. Given, it
    replaces the meeting's agenda, updating the points it keeps (_keep_identity)."""

    relation = True  # its items are linked once every page of the import exists
    blank = ()
    keys = ("item", "title", "proposal", "outcome_kind", "escalation_level", "outcome",
            "visibility")  # fmt: skip
    item_types = ("knoop", "parel", "beleidskader")

    def parse(self, value, model_field):
        if not isinstance(value, list) or not all(isinstance(point, dict) for point in value):
            raise Invalid(
                'moet een lijst van agendapunten zijn, zoals [{"item": "knoop/slug", '
                '"proposal": "..."}]'
            )
        points = []
        for number, point in enumerate(value, 1):
            try:
                points.append(self._point(point))
            except Invalid as exc:
                raise Invalid(f"agendapunt {number}: {exc}") from None
        return points

    def _point(self, point):
        if unknown := [key for key in point if key not in self.keys]:
            raise Invalid(f"onbekende sleutel '{unknown[0]}'; kies uit: {', '.join(self.keys)}")
        field = AgendaPunt._meta.get_field
        parsed = {"item": ""}
        if point.get("item"):
            type_slug, _, slug = _string(point["item"]).strip().partition("/")
            if type_slug not in self.item_types:
                raise Invalid(f"item moet de vorm type/slug hebben, type een van: "
                              f"{', '.join(self.item_types)}")  # fmt: skip
            parsed["item"] = f"{type_slug}/{_slug(slug)}"
        for key in ("title", "proposal", "outcome"):
            parsed[key] = Text().parse(point.get(key) or "", field(key))
        for key in ("outcome_kind", "escalation_level"):
            parsed[key] = Choice().parse(point[key], field(key)) if point.get(key) else ""
        visibility = point.get("visibility") or Visibility.PUBLIC
        parsed["visibility"] = Choice(VISIBILITY_ALIASES).parse(visibility, field("visibility"))
        if not parsed["item"] and not parsed["title"]:
            raise Invalid("geef een item of een title")
        escalated = parsed["outcome_kind"] == AgendaPunt.Outcome.GEESCALEERD
        if escalated and not (parsed["item"].startswith("knoop/") and parsed["escalation_level"]):
            raise Invalid("een escalatie hoort bij een knoop en noemt een escalation_level")
        return parsed

    def dump(self, value):
        return [{key: val for key, val in point.items() if val and val != Visibility.PUBLIC}
                for point in value]  # fmt: skip

    def refs(self, value):
        return [tuple(point["item"].split("/", 1)) for point in value if point["item"]]

    def read(self, obj, attr):
        return [
            {"item": f"{p.item.specific_class.type_slug}/{p.item.slug}" if p.item else "",
             "title": p.title, "proposal": p.proposal, "outcome_kind": p.outcome_kind,
             "escalation_level": p.escalation_level, "outcome": p.outcome,
             "visibility": p.visibility}
            for p in _in_order(obj.agenda_items.all())
        ]  # fmt: skip

    def write(self, obj, attr, value, writer):
        points = [
            AgendaPunt(
                item=writer.items[tuple(point["item"].split("/", 1))] if point["item"] else None,
                **{key: val for key, val in point.items() if key != "item"},
            )
            for point in value
        ]
        # Not yet assigned, the relation reads what is stored; a new meeting has nothing.
        _keep_identity(points, _in_order(obj.agenda_items.all()))
        obj.agenda_items = points

    def lookups(self, attr):
        return ["agenda_items__item"]


def _keep_identity(points, stored):
    """Each new point takes the place (the primary key) of a stored one: the one about the
    same item, or with the same title; the others take those left, in order. Updated in
    place (bulk.publish_updates), a point keeps the Besluiten taken on it, also when the
    agenda is reordered; stored points left over are deleted."""

    def subject(point):
        return ("item", point.item_id) if point.item_id else ("title", point.title)

    free = {point.pk: point for point in stored}
    for point in points:
        same = [old.pk for old in free.values() if subject(old) == subject(point)]
        if same:
            point.pk = same[0]
            del free[point.pk]
    others = [point for point in points if point.pk is None]
    for point, old in zip(others, list(free.values()), strict=False):
        point.pk = old.pk


class AgendaLink(Kind):
    """The agenda item a Besluit was taken on: {"vergadering": "slug", "punt": 2}, `punt` its
    place on that meeting's agenda, from 1 (format._agenda_point_errors checks it is there).
    Given, it links the Besluit to the item once the meeting's agenda is stored
    (kennisbank.interchange.bulk.link_agenda_items); absent, a link made in the admin stays."""

    relation = True
    blank = None
    keys = ("vergadering", "punt")

    def parse(self, value, model_field):
        if not isinstance(value, dict):
            raise Invalid(
                'moet een object zijn, zoals {"vergadering": "rrvij-2024-01-18", "punt": 2}'
            )
        if unknown := [key for key in value if key not in self.keys]:
            raise Invalid(f"onbekende sleutel '{unknown[0]}'; kies uit: {', '.join(self.keys)}")
        if not value.get("vergadering"):
            raise Invalid("vergadering is verplicht: de slug van de vergadering")
        position = value.get("punt")
        if isinstance(position, bool) or not isinstance(position, int) or position < 1:
            raise Invalid("punt moet een geheel getal vanaf 1 zijn: het hoeveelste agendapunt")
        return {"vergadering": _item_slug(value["vergadering"], "vergadering"), "punt": position}

    def refs(self, value):
        return [("vergadering", value["vergadering"])] if value else []

    def read(self, obj, attr):
        point = obj.agenda_item
        if point is None or not point.page.live:
            return None
        position = [p.pk for p in _in_order(point.page.agenda_items.all())].index(point.pk) + 1
        return {"vergadering": point.page.slug, "punt": position}

    def write(self, obj, attr, value, writer):
        if value is not None:
            writer.agenda_links[obj] = (writer.items[self.refs(value)[0]], value["punt"])

    def lookups(self, attr):
        return ["agenda_item__page__agenda_items"]

"""The format: which key belongs to which model field (SPECS), and reading and checking lines."""

import difflib
import json
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count
from django.utils import translation
from taggit.models import Tag
from wagtail.fields import RichTextField, StreamField

from kennisbank.models import ITEM_TYPES, Begrip, Besluit, KennisItem, Knoop, Parel, Vergadering
from kennisbank.models.base import ARCHIVE_INCOMPLETE, archive_incomplete
from kennisbank.models.blocks import BodyBlock
from kennisbank.models.taxonomy import VOCABULARIES

from .html import TAG, collapse
from .kinds import (
    VISIBILITY_ALIASES,
    Adoptions,
    Agenda,
    AgendaLink,
    Body,
    Choice,
    Date,
    Invalid,
    Kind,
    Lines,
    Links,
    Moment,
    Name,
    Names,
    Points,
    Related,
    Rich,
    Text,
    Timeline,
)


class ImportFailed(Exception):
    """Nothing was imported; `errors` holds one Dutch message per problem."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} fout(en); er is niets geïmporteerd")
        self.errors = errors


@dataclass(frozen=True)
class Field:
    key: str  # the key in the JSON line
    kind: Kind
    attr: str = ""  # the model attribute, when it differs from the key
    required: bool = False

    @property
    def name(self):
        return self.attr or self.key


# Where a key or its JSON differs from what the model field would give.
KEYS = {"owner_organisation": "owner"}
KINDS = {"synonyms": Lines, "visibility": lambda: Choice(VISIBILITY_ALIASES)}


def kind_of(model_field):
    """How a model field's value goes in and out of a JSON line, by the kind of field it is."""
    if model_field.name in KINDS:
        return KINDS[model_field.name]()
    if isinstance(model_field, RichTextField):
        return Rich()
    if isinstance(model_field, StreamField):
        return Body() if isinstance(model_field.stream_block, BodyBlock) else Points()
    if isinstance(model_field, models.DateTimeField):
        return Moment()
    if isinstance(model_field, models.DateField):
        return Date()
    if model_field.choices:
        return Choice()
    if model_field.many_to_one:
        return Name(model_field.related_model)
    if model_field.many_to_many:
        target = model_field.related_model
        return Links(target.type_slug) if issubclass(target, KennisItem) else Names(target)
    return Text()


def fields_of(model, names):
    """The format's fields for these model fields: required when the model needs a value."""
    fields = []
    for name in names:
        model_field = model._meta.get_field(name)
        # The slug names the item, so a line always gives it.
        required = name == "slug" or not (model_field.blank or model_field.has_default())
        fields.append(Field(KEYS.get(name, name), kind_of(model_field), name, required))
    return fields


def page_fields(model):
    """An item's fields: the page's, the type's own (as the model declares them in
    `own_fields`, which its API shows too), its text, vocabularies, tags and related items."""
    own = [getattr(field, "name", field) for field in model.own_fields]
    fields = fields_of(
        model,
        [
            "slug", "title", "summary", "date", "visibility", "author_organisation",
            "review_before", "archived_on", "archive_reason", *own,
        ],
    )  # fmt: skip
    if model is Knoop:
        fields.append(Field("timeline", Timeline()))
    if model is Parel:
        fields.append(Field("toegepast", Adoptions()))
    if model is Vergadering:
        fields.append(Field("agenda", Agenda()))
    if model is Besluit:
        fields.append(Field("agenda_item", AgendaLink()))
    return [
        *fields,
        *fields_of(model, ["body", *VOCABULARIES]),
        Field("tags", Names(Tag)),
        Field("related", Related()),
    ]


# type → (model, fields); the fields' order is the key order of the export.
SPECS = {slug: (model, page_fields(model)) for slug, model in ITEM_TYPES.items()} | {
    "begrip": (Begrip, fields_of(Begrip, Begrip.own_fields)),
}


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _apply_fallbacks(type_slug, data):
    """Keys that stand in for a missing one: a begrip's title and summary for its term and
    definition (a begrip has no date of its own: that is ignored); a besluit's two dates; an
    item's opening sentences for its summary."""
    if type_slug == "begrip":
        data.pop("date", None)
        for alias, key in (("title", "term"), ("summary", "definition")):
            value = data.pop(alias, None)
            if data.get(key) is None:
                data[key] = value
        return
    if type_slug == "vergadering" and data.get("date") is None:
        data["date"] = data.get("starts_at")  # the meeting's day; a time after it is tolerated
    if type_slug == "besluit":
        if data.get("date") is None:
            data["date"] = data.get("meeting_date")
        if data.get("meeting_date") is None:
            data["meeting_date"] = data.get("date")
    if not data.get("summary") and isinstance(data.get("body"), str):
        data["summary"] = _opening(data["body"])


def _opening(body, length=300):
    """The first sentences of a text (plain or HTML), to stand in for a missing summary."""
    text = collapse(TAG.sub(" ", body))
    if len(text) <= length:
        return text
    cut = text.rfind(". ", 0, length)
    return text[: cut + 1] if cut > 0 else text[:length].rsplit(" ", 1)[0] + " …"


@dataclass
class Record:
    line: int
    type: str
    values: dict  # key → parsed value, for every field of the type

    @property
    def key(self):
        return (self.type, self.values["slug"])

    def refs(self):
        for field in SPECS[self.type][1]:
            for ref in field.kind.refs(self.values[field.key]):
                yield field.key, ref


def _parse_record(number, data, notices):
    """A record from one decoded line, or None and the errors. A key that looks like a typo of
    a known one is an error; any other unknown key is ignored, with a notice."""
    if not isinstance(data, dict):
        return None, [f"regel {number}: moet een JSON-object zijn, {{...}}"]
    errors = []

    def error(key, message):
        errors.append(f"regel {number}: veld {key}: {message}")

    data = dict(data)
    type_slug = data.pop("type", None)
    if type_slug is None:
        error("type", "verplicht")
        return None, errors
    type_slug = type_slug.strip().lower() if isinstance(type_slug, str) else None
    if type_slug not in SPECS:
        error("type", f"onbekend type; kies uit: {', '.join(SPECS)}")
        return None, errors
    model, fields = SPECS[type_slug]
    _apply_fallbacks(type_slug, data)
    keys = [field.key for field in fields]
    for key in [key for key in data if key not in keys]:
        if close := difflib.get_close_matches(key, keys, n=1):
            error(key, f"onbekend veld voor {type_slug}; bedoel je '{close[0]}'?")
        else:
            notices.append(f"regel {number}: veld {key}: onbekend veld, genegeerd")
    values = {}
    for field in fields:
        model_field = _model_field(model, field.name)
        raw = data.get(field.key)
        try:
            value = (
                field.kind.empty(model_field) if raw is None else field.kind.parse(raw, model_field)
            )
        except Invalid as exc:
            error(field.key, str(exc))
            continue
        if raw is not None:
            notices += [f"regel {number}: veld {field.key}: {n}" for n in field.kind.notes(raw)]
        if field.required and not value:
            error(field.key, "verplicht")
        values[field.key] = value
    # The model's rule (KennisItem.clean), which checking each field alone does not apply.
    if {"archived_on", "archive_reason"} <= values.keys():
        if key := archive_incomplete(values["archived_on"], values["archive_reason"]):
            error(key, ARCHIVE_INCOMPLETE)
    return (None if errors else Record(number, type_slug, values)), errors


def _existing(keys):
    """The items in the database with these (type, slug) keys, a few queries per type."""
    found = {}
    for type_slug in {type_slug for type_slug, _slug in keys}:
        slugs = sorted(slug for key_type, slug in keys if key_type == type_slug)
        for start in range(0, len(slugs), 500):
            for item in SPECS[type_slug][0].objects.filter(slug__in=slugs[start : start + 500]):
                found[(type_slug, item.slug)] = item
    return found


@translation.override("nl")
def parse_lines(stream, notices=None, new_terms=False):
    """Read and check every line of a text or binary stream: returns (records, errors).
    Ignored keys are reported in `notices`, when given. A new vocabulary name that looks like
    a known one, or like another new one, is an error unless `new_terms` allows it."""
    notices = [] if notices is None else notices
    content = stream.read()
    try:
        content = content.decode("utf-8") if isinstance(content, bytes) else content
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        return [], [f"regel {line}: geen geldige UTF-8-tekst; sla het bestand op als UTF-8"]
    records, errors, lines_of = [], [], {}
    for number, line in enumerate(content.removeprefix("\ufeff").split("\n"), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"regel {number}: ongeldige JSON bij kolom {exc.colno}: {exc.msg}")
            continue
        record, line_errors = _parse_record(number, data, notices)
        errors += line_errors
        if record is None:
            continue
        if record.key in lines_of:
            ref = "/".join(record.key)
            errors.append(
                f"regel {number}: veld slug: {ref} staat ook al op regel {lines_of[record.key]}"
            )
            continue
        lines_of[record.key] = number
        records.append(record)
    if not records and not errors:
        errors.append("geen items gevonden")
    errors += _reference_errors(records, lines_of)
    errors += _agenda_point_errors(records)
    if not new_terms:
        errors += _lookalike_errors(records)
    return records, errors


def _reference_errors(records, in_file):
    """Links must point to an item in the file or in the database, and not to the item itself."""
    errors, missing = [], []
    for record in records:
        for key, ref in record.refs():
            if ref == record.key:
                errors.append(
                    f"regel {record.line}: veld {key}: een item kan niet naar zichzelf verwijzen"
                )
            elif ref not in in_file:
                missing.append((record.line, key, ref))
    existing = _existing({ref for _line, _key, ref in missing})
    for line, key, ref in missing:
        if ref not in existing:
            where = "niet in het bestand en niet in de database"
            errors.append(f"regel {line}: veld {key}: {'/'.join(ref)} bestaat niet ({where})")
    return errors


def _agenda_point_errors(records):
    """A besluit's agenda_item names a place on its meeting's agenda: the agenda as the file
    gives it, or else as the database holds it. (A meeting in neither is a reference error.)"""
    links = [(r, r.values["agenda_item"]) for r in records if r.values.get("agenda_item")]
    in_file = [r for r in records if r.type == "vergadering"]
    lengths = {r.values["slug"]: len(r.values["agenda"]) for r in in_file}
    stored = sorted({link["vergadering"] for _r, link in links} - lengths.keys())
    for start in range(0, len(stored), 500):
        meetings = Vergadering.objects.filter(slug__in=stored[start : start + 500])
        lengths |= dict(meetings.annotate(n=Count("agenda_items")).values_list("slug", "n"))
    errors = []
    for record, link in links:
        length = lengths.get(link["vergadering"])
        if length is not None and link["punt"] > length:
            errors.append(
                f"regel {record.line}: veld agenda_item: vergadering {link['vergadering']} heeft "
                f"geen agendapunt {link['punt']}; haar agenda heeft {_points(length)}"
            )
    return errors


def _points(n):
    return {0: "geen punten", 1: "1 punt"}.get(n, f"{n} punten")


# A new name this similar to another (difflib's ratio, of names folded as below) is likely the
# same name mistyped: 'Zwole' and 'Zwolle' score 0.91, 'Ommen' and 'Emmen' 0.8.
LOOKALIKE = 0.85
LOOKALIKE_MIN_LENGTH = 5  # shorter names (COA, IND, AMV) only when equal once folded


def _fold(name):
    """A name without accents, case, spaces and punctuation: 'Olst-Wijhe' → 'olstwijhe'."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if c.isalnum())


def _label(model):
    return "trefwoord" if model is Tag else model._meta.verbose_name


def new_terms(records):
    """The vocabulary terms and tags an import of these records creates, in file order:
    (record, key, model, name, lookalike), lookalike being (the similar known or new name, the
    line that brought that in or None) for curated vocabularies, where a typo is public."""
    known, folded = {}, {}  # model → lowercased names; model → {folded name: (name, line)}
    for record in records:
        for field in SPECS[record.type][1]:
            for model, name in _term_names(field, record.values[field.key]):
                if model not in known:
                    names = list(model.objects.values_list("name", flat=True))
                    known[model] = {name.lower() for name in names}
                    folded[model] = {_fold(name): (name, None) for name in names}
                if name.lower() in known[model]:
                    continue
                known[model].add(name.lower())
                lookalike = None if model is Tag else _lookalike(name, folded[model])
                folded[model].setdefault(_fold(name), (name, record.line))
                yield record, field.key, model, name, lookalike


def _term_names(field, value):
    """(model, name) of the terms a field's value names."""
    if isinstance(field.kind, Adoptions):
        yield from field.kind.names(value)
    elif isinstance(field.kind, Names):
        for name in [value] if isinstance(value, str) else value or ():
            yield field.kind.model, name


def _lookalike(name, folded):
    key = _fold(name)
    if key in folded:
        return folded[key]
    if len(key) >= LOOKALIKE_MIN_LENGTH:
        close = difflib.get_close_matches(key, list(folded), n=1, cutoff=LOOKALIKE)
        return folded[close[0]] if close else None
    return None


def _lookalike_errors(records):
    errors = []
    for record, key, model, name, lookalike in new_terms(records):
        if lookalike:
            other, line = lookalike
            where = (
                f"de bestaande {_label(model)}" if line is None else f"de nieuwe {_label(model)}"
            )
            source = "" if line is None else f" van regel {line}"
            errors.append(
                f"regel {record.line}: veld {key}: '{name}' lijkt op {where} '{other}'{source}; "
                f"bedoelt u '{other}'? Gebruik --nieuwe-termen om hem toch aan te maken"
            )
    return errors


def describe_new_terms(records):
    """The summary line of the terms an import creates, or None."""
    terms = [f"{_label(model)} '{name}'" for _r, _k, model, name, _l in new_terms(records)]
    return f"Nieuwe termen: {', '.join(terms)}" if terms else None

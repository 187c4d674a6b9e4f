"""Import and export of the kennisbank as JSON Lines: one item (page or begrip) per line.

The format is described in docs/import-format.md. An import reads and checks every line before
it writes anything, and writes in one transaction: it is all or nothing.
"""

import datetime
import difflib
import json
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from search.index import defer_indexing, index_as_is, index_in_bulk

from .bulk import insert_children, publish_new, refresh_statistics
from .models import (
    ITEM_TYPES,
    Artikel,
    Begrip,
    Beleidskader,
    Besluit,
    Doelgroep,
    Gemeente,
    Knoop,
    Organisatie,
    Parel,
    RelatedItem,
    Thema,
    Visibility,
)
from .structure import ensure_site, section_for

PROGRESS_EVERY = 500
# An import creating this many items or more refreshes the database's planner statistics.
REFRESH_STATISTICS_AFTER = 1000
EXPORT_CHUNK = 500


class ImportFailed(Exception):
    """Nothing was imported; `errors` holds one Dutch message per problem."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} fout(en); er is niets geïmporteerd")
        self.errors = errors


class Invalid(ValueError):
    """A value that cannot be imported; the message says why, in Dutch."""


# ---------------------------------------------------------------------------- text and HTML

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "ul", "ol"}
# Layout elements have no place in Wagtail's rich text, but they do separate paragraphs.
CONTAINERS = {
    "div", "section", "article", "header", "footer", "main", "aside", "pre", "figure",
    "figcaption", "table", "thead", "tbody", "tr", "td", "th", "dl", "dt", "dd",
}  # fmt: skip
KEPT = BLOCKS | {"li", "b", "i", "a"}  # what Wagtail's rich text editor itself stores
RENAMES = {"strong": "b", "em": "i"}  # Wagtail stores bold and italic as <b> and <i>
ALLOWED = HEADINGS | CONTAINERS | KEPT | set(RENAMES) | {"br", "blockquote", "cite"}
BLOCK_LEVEL = HEADINGS | BLOCKS | CONTAINERS | {"li", "blockquote"}
LINE_BREAKS = BLOCK_LEVEL | {"br"}  # where a quote's text breaks
URL_SCHEMES = {"http", "https", "mailto", "tel"}
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
BULLET = re.compile(r"^[-*•]\s+")
SPACES = re.compile(r"\s+")


def collapse(text):
    return SPACES.sub(" ", text).strip()


def plain_to_html(text):
    """Blank lines separate paragraphs; lines starting with -, * or • make a list."""
    parts = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        while lines:
            bullets = bool(BULLET.match(lines[0]))
            count = next(
                (n for n, line in enumerate(lines) if bool(BULLET.match(line)) != bullets),
                len(lines),
            )
            group, lines = lines[:count], lines[count:]
            if bullets:
                items = "".join(f"<li>{escape(BULLET.sub('', line))}</li>" for line in group)
                parts.append(f"<ul>{items}</ul>")
            else:
                # Hard-wrapped lines belong to one paragraph.
                parts.append(f"<p>{escape(' '.join(group))}</p>")
    return "".join(parts)


class _BlockParser(HTMLParser):
    """Splits sanitized HTML into body blocks: headings, quotes and rich text paragraphs.

    Each top-level p, ul or ol becomes one paragraph block; loose text and inline tags are
    wrapped in a paragraph of their own, which ends at the next block-level tag. The output
    is canonical: parsing it again gives the same blocks, so export → import → export is stable.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.collecting = None  # "heading" or "quote" while their text is gathered
        self.quote_depth = 0
        self.in_cite = False
        self.text, self.source = [], []
        self._reset_block()

    def _reset_block(self):
        # open_tags: (tag, kept) of the current paragraph block; implicit: opened by the parser
        self.parts, self.open_tags, self.implicit, self.has_text = [], [], False, False

    def handle_starttag(self, tag, attrs):
        tag = RENAMES.get(tag, tag)
        if self.collecting:
            if tag == "blockquote":
                self.quote_depth += 1
            elif tag == "cite":
                self.in_cite = True
            elif tag in LINE_BREAKS:
                self.text.append("\n")
            return
        if self.implicit and tag in BLOCK_LEVEL:
            self._close_block()
        if not self.open_tags and tag in BLOCK_LEVEL:
            if tag in HEADINGS:
                self.collecting = "heading"
            elif tag == "blockquote":
                self.collecting, self.quote_depth = "quote", 1
            elif tag in BLOCKS:
                self._open(tag, {})
            return  # a layout element, or a list item outside any list: only its content counts
        if not self.open_tags:
            self._open("p", {})
            self.implicit = True
        self._open(tag, dict(attrs))

    def _open(self, tag, attrs):
        if tag == "br":
            self.parts.append("<br/>")
            return
        if tag in ("li", "a"):
            self._close_open(tag)
        kept = tag in KEPT and (tag != "a" or bool(attrs.get("href")))
        if kept:
            self.parts.append(f'<a href="{escape(attrs["href"])}">' if tag == "a" else f"<{tag}>")
        self.open_tags.append((tag, kept))

    def _close_open(self, tag):
        """A new li or a ends the open one, as in HTML, unless a list lies between them."""
        for depth in range(len(self.open_tags) - 1, 0, -1):
            open_tag = self.open_tags[depth][0]
            if tag == "li" and open_tag in BLOCKS:
                return
            if open_tag == tag:
                while len(self.open_tags) > depth:
                    self._end(*self.open_tags.pop())
                return

    def _end(self, tag, kept):
        if kept:
            self.parts.append(f"</{tag}>")

    def handle_endtag(self, tag):
        tag = RENAMES.get(tag, tag)
        if self.collecting:
            self._collect_end(tag)
        elif self.open_tags and self.open_tags[-1][0] == tag:
            self._end(*self.open_tags.pop())
            if not self.open_tags:
                self._close_block()
        elif self.implicit and tag in BLOCK_LEVEL:
            self._close_block()

    def _collect_end(self, tag):
        if self.collecting == "quote" and tag == "blockquote":
            self.quote_depth -= 1
            if self.quote_depth == 0:
                lines = [collapse(line) for line in "".join(self.text).split("\n")]
                text = "\n".join(line for line in lines if line)
                if text:
                    source = collapse("".join(self.source))
                    self.blocks.append({"type": "quote", "value": {"text": text, "source": source}})
                self._end_collecting()
        elif self.collecting == "heading" and tag in HEADINGS:
            if text := collapse("".join(self.text)):
                self.blocks.append({"type": "heading", "value": text})
            self._end_collecting()
        elif tag == "cite":
            self.in_cite = False
        elif tag in LINE_BREAKS:
            self.text.append("\n")

    def _end_collecting(self):
        self.collecting, self.in_cite, self.text, self.source = None, False, [], []

    def handle_data(self, data):
        if self.collecting:
            (self.source if self.in_cite else self.text).append(data)
            return
        data = SPACES.sub(" ", data)
        if not self.open_tags:
            if not data.strip():
                return
            self._open("p", {})
            self.implicit = True
        if data.startswith(" ") and self.parts[-1].endswith(" "):
            data = data[1:]  # a dropped tag can leave two runs of space side by side
        if data:
            self.parts.append(_text(data))
        self.has_text = self.has_text or bool(data.strip())

    def _close_block(self):
        while self.open_tags:
            self._end(*self.open_tags.pop())
        if self.has_text:
            self.blocks.append({"type": "paragraph", "value": "".join(self.parts)})
        self._reset_block()

    def close(self):
        super().close()
        self._close_block()


def html_blocks(text):
    """Body blocks from plain text or HTML; HTML is sanitized to what Wagtail's editor stores."""
    if not TAG.search(text):
        text = plain_to_html(text)
    clean = nh3.clean(
        text, tags=ALLOWED, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES, link_rel=None
    )
    parser = _BlockParser()
    parser.feed(clean)
    parser.close()
    return parser.blocks


def _text(text):
    return escape(text, quote=False)


def blocks_html(blocks):
    """The HTML of body blocks: what the export writes and html_blocks() reads back."""
    parts = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "heading":
            parts.append(f"<h2>{_text(value)}</h2>")
        elif block["type"] == "quote":
            lines = "<br/>".join(_text(line) for line in value["text"].splitlines())
            cite = f"<cite>{_text(value['source'])}</cite>" if value.get("source") else ""
            parts.append(f"<blockquote>{lines}{cite}</blockquote>")
        else:
            parts.append(expand_db_html(value))  # links to pages and documents become hrefs
    return "".join(parts)


def rich_html(text):
    """Rich text for a RichTextField, which has no headings or quotes: those become paragraphs."""
    parts = []
    for block in html_blocks(text):
        value = block["value"]
        if block["type"] == "paragraph":
            parts.append(value)
        else:
            lines = [value] if block["type"] == "heading" else [value["text"], value["source"]]
            lines = [line for text in lines for line in text.splitlines()]
            parts.append(f"<p>{'<br/>'.join(_text(line) for line in lines)}</p>")
    return "".join(parts)


# ---------------------------------------------------------------------------- value kinds


def _string(value):
    if not isinstance(value, str):
        raise Invalid("moet tekst zijn")
    return value


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
        return html_blocks(_string(value))

    def dump(self, value):
        return blocks_html(value)

    def write(self, obj, attr, value, writer):
        setattr(obj, attr, list(value))

    def read(self, obj, attr):
        return blocks_html(getattr(obj, attr).raw_data)


class Rich(Kind):
    """Plain text or HTML in, sanitized rich text stored and given out."""

    def parse(self, value, model_field):
        return rich_html(_string(value))

    def read(self, obj, attr):
        return expand_db_html(getattr(obj, attr))


# ---------------------------------------------------------------------------- the format


@dataclass(frozen=True)
class Field:
    key: str  # the key in the JSON line
    kind: Kind
    attr: str = ""  # the model attribute, when it differs from the key
    required: bool = False

    @property
    def name(self):
        return self.attr or self.key


def _page_fields(*own):
    return [
        Field("slug", Text(), required=True),
        Field("title", Text(), required=True),
        Field("summary", Text(), required=True),
        Field("date", Date(), required=True),
        Field("visibility", Choice(VISIBILITY_ALIASES)),
        *own,
        Field("body", Body()),
        Field("themes", Names(Thema)),
        Field("gemeenten", Names(Gemeente)),
        Field("doelgroepen", Names(Doelgroep)),
        Field("organisaties", Names(Organisatie)),
        Field("tags", Names(Tag)),
        Field("related", Related()),
    ]


# type → (model, fields); the fields' order is the key order of the export.
SPECS = {
    "parel": (
        Parel,
        _page_fields(
            Field("problem", Rich()),
            Field("result", Rich()),
            Field("conditions", Rich()),
            Field("transferability", Rich()),
            Field("period", Text()),
            Field("contact", Text()),
        ),
    ),
    "knoop": (
        Knoop,
        _page_fields(
            Field("status", Choice()),
            Field("level", Choice()),
            Field("owner", Name(Organisatie), attr="owner_organisation"),
            Field("review_date", Date()),
            Field("impact", Rich()),
            Field("besluiten", Links("besluit")),
            Field("solutions", Links("parel")),
        ),
    ),
    "beleidskader": (
        Beleidskader,
        _page_fields(
            Field("abbreviation", Text()),
            Field("official_title", Text()),
            Field("kind", Choice()),
            Field("authority", Text()),
            Field("in_force_from", Date()),
            Field("source_url", Text()),
        ),
    ),
    "besluit": (
        Besluit,
        _page_fields(
            Field("decision_body", Text(), required=True),
            Field("meeting_date", Date(), required=True),
            Field("decision_status", Choice()),
            Field("decision_points", Points()),
            Field("follow_up", Rich()),
            Field("beleidskaders", Links("beleidskader")),
        ),
    ),
    "artikel": (Artikel, _page_fields(Field("author_organisation", Name(Organisatie)))),
    "begrip": (
        Begrip,
        [
            Field("slug", Text(), required=True),
            Field("term", Text(), required=True),
            Field("abbreviation", Text()),
            Field("definition", Text(), required=True),
            Field("synonyms", Lines()),
        ],
    ),
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
        if field.required and not value:
            error(field.key, "verplicht")
        values[field.key] = value
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
def parse_lines(stream, notices=None):
    """Read and check every line of a text or binary stream: returns (records, errors).
    Ignored keys are reported in `notices`, when given."""
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
    return records, errors + _reference_errors(records, lines_of)


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


# ---------------------------------------------------------------------------- import


class _Writer:
    """Writes checked records; looks up each term and page only once."""

    def __init__(self, records, progress):
        self.records = records
        self.progress = progress
        self.terms, self.slugs = {}, {}  # model → {lowercased name: term}, model → slugs in use
        self.new_pages = []  # stored in bulk (kennisbank.bulk)
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
        # in memory and stored a section at a time (kennisbank.bulk), checked as Wagtail would.
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
                # Publishing sends page_published, which turns visibility into page privacy.
                self._save(record, lambda: item.save_revision().publish())
            else:
                self._save(record, item.save)
            self.progress("items opgeslagen", done, len(self.records))
        publish_new(self.new_pages)
        created = sum(record.key not in existed for record in self.records)
        return {"created": created, "updated": len(self.records) - created}

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
        with defer_indexing(ITEM_TYPES.values()):
            counts = writer.run()
        # New pages hold their relations in memory; the others are read again.
        index_as_is(writer.new_pages)
        new = set(writer.new_pages)
        others = [p for p in writer.items.values() if isinstance(p, Page) and p not in new]
        index_in_bulk(others)
    if counts["created"] >= REFRESH_STATISTICS_AFTER:
        refresh_statistics()
    return counts


def import_stream(stream, stdout=None):
    """Import JSON Lines from a stream; all or nothing.

    Raises ImportFailed with every error when a line is invalid. Writes progress every
    PROGRESS_EVERY items and a summary to stdout, when given. Returns {"created", "updated"}.
    """
    notices = []
    records, errors = parse_lines(stream, notices)
    if errors:
        raise ImportFailed(errors)
    if stdout:
        stdout.writelines(notice + "\n" for notice in notices)

    def report(label, done, total):
        if stdout and done % PROGRESS_EVERY == 0:
            stdout.write(f"{done}/{total} {label}\n")

    counts = import_records(records, report)
    if stdout:
        stdout.write(f"{counts['created']} aangemaakt, {counts['updated']} bijgewerkt\n")
    return counts


# ---------------------------------------------------------------------------- export


def _export_line(type_slug, item):
    model, fields = SPECS[type_slug]
    data = {"type": type_slug}
    for field in fields:
        value = field.kind.read(item, field.name)
        if value:
            # Through parse() so the export is exactly what an import would store.
            value = field.kind.dump(field.kind.parse(value, _model_field(model, field.name)))
        if value or field.required:
            data[field.key] = value
    return json.dumps(data, ensure_ascii=False)


def _sorted_in_chunks(items, lookups):
    """Items by slug, prefetched a chunk at a time: SQLite refuses a prefetch of thousands."""
    ids = [pk for _slug, pk in sorted(items.values_list("slug", "pk"))]
    for start in range(0, len(ids), EXPORT_CHUNK):
        chunk = items.filter(pk__in=ids[start : start + EXPORT_CHUNK]).prefetch_related(*lookups)
        yield from sorted(chunk, key=lambda item: item.slug)


@translation.override("nl")
def export_stream(stream):
    """Write every live item and every begrip as JSON Lines, sorted by type and slug."""
    count = 0
    for type_slug in sorted(SPECS):
        model, fields = SPECS[type_slug]
        items = model.objects.all() if model is Begrip else model.objects.live()
        lookups = [lookup for field in fields for lookup in field.kind.lookups(field.name)]
        for item in _sorted_in_chunks(items, lookups):
            stream.write(_export_line(type_slug, item) + "\n")
            count += 1
    return count

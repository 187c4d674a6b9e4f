"""Template tags of the public site: what a visitor may see, and the home page's overviews."""

from collections import defaultdict

from django import template
from django.db.models import Count, F, Q
from wagtail.query import PageQuerySet

from kennisbank.models import (
    Begrip,
    BegrippenPage,
    Besluit,
    KennisItem,
    Knoop,
    KnoopIndexPage,
    Parel,
    SectionPage,
    StatementPage,
    Thema,
    Vergadering,
    upcoming_meetings,
    visible_pages,
)
from kennisbank.privacy import Viewer
from kennisbank.public.abbreviations import explain_abbreviations
from kennisbank.public.similar import similar_items
from search.analysis import fold

register = template.Library()

HOME_LIST_LENGTH = 3
HOME_KNOPEN_LENGTH = 8
HOME_MEETINGS_LENGTH = 3


@register.simple_tag
def visible_to(pages, request):
    """Usage: `{% visible_to page.related_items request as related %}`."""
    if not isinstance(pages, PageQuerySet):  # relations not saved yet, as in a preview
        pages = pages.model.objects.filter(pk__in=[page.pk for page in pages])
    return visible_pages(pages, Viewer.of(request))


@register.simple_tag
def site_sections(site, request):
    """The main menu: the pages under the home page that the visitor may see, but for the
    statements, which the footer links to."""
    pages = site.root_page.get_children().not_type(StatementPage)
    return visible_pages(pages, Viewer.of(request))


@register.simple_tag
def site_statements(site, request):
    """The statements (toegankelijkheid, privacy, contact), for the footer."""
    pages = site.root_page.get_children().type(StatementPage)
    return visible_pages(pages, Viewer.of(request))


@register.filter
def is_within(page, section):
    """Whether `page` is `section` or one of its descendants."""
    return getattr(page, "path", "").startswith(section.path)


@register.simple_tag
def section_overview(home, request):
    """The sections under the home page, each with the number of entries the viewer may see."""
    viewer = Viewer.of(request)
    overview = []
    for section in visible_pages(home.get_children(), viewer).specific():
        if isinstance(section, SectionPage):
            model, count = section.item_model, section.items_for(viewer).count()
        elif isinstance(section, BegrippenPage):
            model, count = Begrip, section.begrippen().count()
        else:
            continue
        noun = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        overview.append({"page": section, "count": count, "noun": noun})
    return overview


@register.simple_tag
def newest_parels(request):
    parels = visible_pages(Parel.objects.current(), Viewer.of(request))
    return parels.order_by("-date", "title")[:HOME_LIST_LENGTH]


@register.simple_tag
def open_knopen(request):
    """The open knopen due first for review, their number and the agenda that lists them all."""
    knopen = Knoop.objects.current().filter(status__in=Knoop.OPEN_STATUSES)
    knopen = visible_pages(knopen, Viewer.of(request))
    due_first = knopen.order_by(F("review_date").asc(nulls_last=True), "-date", "title")
    return {
        "first": due_first[:HOME_KNOPEN_LENGTH],
        "count": knopen.count(),
        "agenda": KnoopIndexPage.objects.first(),
    }


@register.simple_tag
def latest_besluiten(request):
    besluiten = visible_pages(Besluit.objects.current(), Viewer.of(request))
    return besluiten.order_by("-meeting_date", "title")[:HOME_LIST_LENGTH]


@register.simple_tag
def coming_meetings(request):
    """The next few meetings the visitor may see, for the home page and the Knopen agenda."""
    return upcoming_meetings(Viewer.of(request), HOME_MEETINGS_LENGTH)


@register.simple_tag
def meeting_agenda(meeting, request):
    """[{point, item, besluiten}]: the agenda items the visitor may see
    (Vergadering.agenda_for), each with the Besluiten recorded from it that they may see."""
    viewer = Viewer.of(request)
    agenda = meeting.agenda_for(viewer)
    besluiten = visible_pages(
        Besluit.objects.filter(agenda_item__in=[point.pk for point, _item in agenda if point.pk]),
        viewer,
    ).order_by("title")
    by_point = defaultdict(list)
    for besluit in besluiten:
        by_point[besluit.agenda_item_id].append(besluit)
    return [{"point": p, "item": item, "besluiten": by_point[p.pk]} for p, item in agenda]


@register.simple_tag
def besluit_meeting(besluit, request):
    """The meeting whose agenda item this Besluit was recorded from, if the visitor may see
    both the meeting and that item."""
    point = besluit.agenda_item
    if point is None:
        return None
    meeting = visible_pages(Vergadering.objects.filter(pk=point.page_id), Viewer.of(request))
    meeting = meeting.first()
    if meeting and any(p.pk == point.pk for p, _item in meeting.agenda_for(Viewer.of(request))):
        return meeting
    return None


@register.simple_tag
def knoop_timeline(knoop, request):
    """[{change, meeting, besluiten}]: the Knoop's steps, each with the meeting that brought it
    and the Besluiten recorded from the Knoop's item on it, as far as the visitor may see them:
    a meeting only if they may see it and the Knoop's item on its agenda."""
    viewer = Viewer.of(request)
    changes = list(knoop.timeline())
    meetings = {}
    for meeting in visible_pages(
        Vergadering.objects.filter(pk__in={c.vergadering_id for c in changes if c.vergadering_id}),
        viewer,
    ):
        points = [p for p, item in meeting.agenda_for(viewer) if item and item.pk == knoop.pk]
        if points:
            besluiten = visible_pages(Besluit.objects.filter(agenda_item__in=points), viewer)
            meetings[meeting.pk] = (meeting, list(besluiten.order_by("title")))
    return [
        {"change": change, "meeting": meetings.get(change.vergadering_id, (None, []))[0],
         "besluiten": meetings.get(change.vergadering_id, (None, []))[1]}
        for change in changes
    ]  # fmt: skip


@register.simple_tag
def glossary_by_letter(begrippen):
    """Begrippen grouped by first letter, A to Z; case and accents do not count."""
    groups = defaultdict(list)
    for begrip in sorted(begrippen, key=lambda begrip: fold(begrip.term)):
        letter = fold(begrip.term)[:1].upper()
        groups[letter if letter.isalpha() else "#"].append(begrip)
    return [
        {
            "letter": letter,
            "anchor": f"letter-{letter.lower()}" if letter.isalpha() else "letter-overig",
            "begrippen": entries,
        }
        for letter, entries in sorted(groups.items())
    ]


@register.simple_tag
def alphabet(groups):
    """A to Z (and # when used) for the glossary's letter navigation: (letter, anchor or None)."""
    anchors = {group["letter"]: group["anchor"] for group in groups}
    letters = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    return [(letter, anchors.get(letter)) for letter in letters + ["#"] * ("#" in anchors)]


@register.simple_tag
def theme_overview(request):
    """Every theme with the number of items the viewer may see, busiest first; empty ones left
    out."""
    visible = KennisItem.objects.current().visible_to(Viewer.of(request)).values("pk")
    themes = Thema.objects.annotate(count=Count("kennisitem", filter=Q(kennisitem__in=visible)))
    return themes.filter(count__gt=0).order_by("-count", "name")


@register.simple_tag
def similar_to(item, request):
    return similar_items(item, request)


@register.tag("abbreviations")
def do_abbreviations(parser, token):
    """`{% abbreviations %}…{% endabbreviations %}`: the first occurrence in the enclosed HTML of
    every glossary abbreviation is wrapped in <abbr title="term">."""
    nodelist = parser.parse(("endabbreviations",))
    parser.delete_first_token()
    return AbbreviationsNode(nodelist)


class AbbreviationsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        titles = dict(Begrip.objects.exclude(abbreviation="").values_list("abbreviation", "term"))
        return explain_abbreviations(self.nodelist.render(context), titles)

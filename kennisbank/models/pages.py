"""The page types of the kennisbank: one index page per section and its items."""

import datetime

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from kennisbank.admin.forms import KnoopForm, ParelForm
from kennisbank.models.blocks import DecisionPointsBlock
from kennisbank.privacy import Viewer
from kennisbank.public.serializers import (
    AdoptionsField,
    BegripSerializer,
    VisibleItemsField,
    VocabularySerializer,
)
from search.listing import run_search

from .base import KennisItem
from .glossary import Begrip

ITEMS_PER_PAGE = 20
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


def rich_text(value):
    """Plain text of rich text, blocks kept apart by spaces ("<li>a</li><li>b</li>": "a b")."""
    return get_text_for_indexing(value or "")


def rich_text_or_value(page, field):
    """The text of a field (rich text, a stream or plain), stripped."""
    value = getattr(page, field)
    if field == "body":
        return " ".join(page.body.stream_block.get_searchable_content(value)).strip()
    return rich_text(value).strip() if isinstance(value, str) else value


class SectionPage(Page):
    """An index page listing the items of one section."""

    intro = RichTextField("inleiding", blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    item_model = None
    api_fields = ["intro"]

    class Meta:
        abstract = True

    def items_for(self, viewer):
        """The live, current items of this section that the viewer may see, newest first."""
        items = self.item_model.objects.child_of(self).current().visible_to(viewer)
        return items.order_by("-date", "title")

    def get_context(self, request, *args, **kwargs):
        """The section's items through the search page's faceted search, with the type fixed."""
        context = super().get_context(request, *args, **kwargs)
        context["form"], context["outcome"] = run_search(
            request, type=[self.item_model.type_slug], per_page=ITEMS_PER_PAGE
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data["outcome"] is None:  # invalid filters, explained on the page
            response.status_code = 400
        return response


# ---------------------------------------------------------------------------- Parels


class Parel(KennisItem):
    """A best practice: a solution that worked somewhere and can be reused elsewhere."""

    class Quality(models.TextChoices):
        BESCHREVEN = "beschreven", "Beschreven"
        GETOETST = "getoetst", "Getoetst door de redactie"
        BEWEZEN = "bewezen", "Bewezen in meerdere gemeenten"

    # What the Redactie checks before it marks a Parel "getoetst": (field, criterion).
    REVIEW_CRITERIA = (
        ("problem", "probleem beschreven"),
        ("body", "aanpak beschreven"),
        ("result", "resultaat beschreven"),
        ("conditions", "randvoorwaarden beschreven"),
        ("contact", "contact aanwezig"),
    )
    PROVEN_BY = 3  # gemeenten that apply it

    problem = RichTextField("probleem", blank=True, features=TEXT_FEATURES)
    result = RichTextField("resultaat", blank=True, features=TEXT_FEATURES)
    conditions = RichTextField("randvoorwaarden en kosten", blank=True, features=TEXT_FEATURES)
    transferability = RichTextField("overdraagbaarheid", blank=True, features=TEXT_FEATURES)
    period = models.CharField("periode", max_length=100, blank=True)
    contact = models.CharField(
        "contact",
        max_length=200,
        blank=True,
        help_text="Een rol of functiemailbox, geen persoonsgegevens.",
    )
    reviewed_on = models.DateField(
        "getoetst door de redactie op",
        null=True,
        blank=True,
        help_text="Alleen de redactie toetst, en alleen als aan alle criteria is voldaan.",
    )
    # The level shown and searched: kept by save() and by the adoption register.
    quality = models.CharField(
        "kwaliteit",
        max_length=20,
        choices=Quality.choices,
        default=Quality.BESCHREVEN,
        editable=False,
    )
    adopted_in = models.ManyToManyField(
        "kennisbank.Gemeente",
        through="kennisbank.Adoption",
        through_fields=("parel", "gemeente"),
        related_name="adopted_parels",
        blank=True,
        verbose_name="toegepast in",
    )

    type_slug = "parel"
    review_months = 12
    body_label = "Aanpak"
    parent_page_types = ["kennisbank.ParelIndexPage"]
    subpage_types = []
    template = "kennisbank/parel.html"
    own_fields = [
        "problem",
        "result",
        "conditions",
        "transferability",
        "period",
        "contact",
        "reviewed_on",
    ]
    api_fields = [
        *KennisItem.api_fields,
        *own_fields,
        "quality",
        APIField("toegepast", serializer=AdoptionsField()),
        APIField("solves", serializer=VisibleItemsField()),
    ]
    # Adoptions are the register's, not the page's: a copy starts without them.
    exclude_fields_in_copy = ["adopted_in"]

    search_fields = KennisItem.search_fields + [index.FilterField("quality")]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("date"),
        FieldPanel("problem"),
        FieldPanel("body", heading="Aanpak"),
        FieldPanel("result"),
        FieldPanel("conditions"),
        FieldPanel("transferability"),
        MultiFieldPanel([FieldPanel("period"), FieldPanel("contact")], heading="Praktisch"),
        FieldPanel("reviewed_on", heading="Kwaliteit"),
        *KennisItem.taxonomy_panels,
    ]

    base_form_class = ParelForm

    class Meta:
        verbose_name = "parel"
        verbose_name_plural = "parels"
        permissions = [("review_parel", "Mag parels toetsen")]

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("adopted_in")

    def save(self, *args, **kwargs):
        self.quality = self.quality_level()
        super().save(*args, **kwargs)

    def adopted_gemeenten_count(self):
        if self.pk is None:
            return 0
        return self.adoptions.exclude(gemeente=None).count()

    def quality_level(self):
        return self.level_for(self.reviewed_on, self.adopted_gemeenten_count())

    @classmethod
    def level_for(cls, reviewed_on, gemeenten):
        """Proven by the register (PROVEN_BY gemeenten), else as the Redactie reviewed it."""
        if gemeenten >= cls.PROVEN_BY:
            return cls.Quality.BEWEZEN
        return cls.Quality.GETOETST if reviewed_on else cls.Quality.BESCHREVEN

    def missing_criteria(self):
        """The review criteria this Parel does not meet yet."""
        criteria = self.REVIEW_CRITERIA
        return [label for field, label in criteria if not rich_text_or_value(self, field)]

    def extra_search_texts(self):
        texts = [self.problem, self.result, self.conditions, self.transferability]
        return [rich_text(text) for text in texts] + [self.contact]


class ParelIndexPage(SectionPage):
    subpage_types = ["kennisbank.Parel"]
    item_model = Parel
    template = "kennisbank/section_page.html"

    class Meta:
        verbose_name = "parels-overzicht"


# ---------------------------------------------------------------------------- Knopen


class Knoop(KennisItem):
    """A bottleneck that one organisation cannot untie alone, and where it is on the agenda."""

    class Status(models.TextChoices):
        GESIGNALEERD = "gesignaleerd", "Gesignaleerd"
        GEAGENDEERD = "geagendeerd", "Geagendeerd"
        GEESCALEERD = "geescaleerd", "Geëscaleerd"
        OPGELOST = "opgelost", "Opgelost"
        GEPARKEERD = "geparkeerd", "Geparkeerd"

    class Level(models.TextChoices):
        GEMEENTE = "gemeente", "Gemeente"
        REGIO = "regio", "Regio"
        PROVINCIE = "provincie", "Provincie"
        RIJK = "rijk", "Rijk"

    impact = RichTextField("impact", blank=True, features=TEXT_FEATURES)
    owner_organisation = models.ForeignKey(
        "kennisbank.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_knopen",
        verbose_name="eigenaar",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.GESIGNALEERD
    )
    level = models.CharField("niveau", max_length=20, choices=Level.choices, default=Level.REGIO)
    review_date = models.DateField("volgende bespreking", null=True, blank=True)
    status_note = models.TextField(
        "toelichting bij status en niveau",
        blank=True,
        help_text="Waarom de knoop deze status en dit niveau heeft; komt in de tijdlijn.",
    )
    besluiten = ParentalManyToManyField(
        "kennisbank.Besluit", blank=True, related_name="knopen", verbose_name="besluiten"
    )
    solutions = ParentalManyToManyField(
        "kennisbank.Parel", blank=True, related_name="solves", verbose_name="oplossende parels"
    )

    type_slug = "knoop"
    review_months = 6
    body_label = "Beschrijving"
    parent_page_types = ["kennisbank.KnoopIndexPage"]
    subpage_types = []
    template = "kennisbank/knoop.html"
    own_fields = [
        "status",
        "level",
        "status_note",
        APIField("owner_organisation", serializer=VocabularySerializer()),
        "review_date",
        "impact",
        APIField("besluiten", serializer=VisibleItemsField()),
        APIField("solutions", serializer=VisibleItemsField()),
    ]
    api_fields = [*KennisItem.api_fields, *own_fields]

    search_fields = KennisItem.search_fields + [
        index.FilterField("status"),
        index.FilterField("level"),
        index.FilterField("review_date"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("date"),
        FieldPanel("body", heading="Beschrijving"),
        FieldPanel("impact"),
        MultiFieldPanel(
            [
                FieldPanel("owner_organisation"),
                FieldPanel("status"),
                FieldPanel("level"),
                FieldPanel("status_note"),
                FieldPanel("review_date"),
            ],
            heading="Regie",
        ),
        FieldPanel("besluiten"),
        FieldPanel("solutions"),
        *KennisItem.taxonomy_panels,
    ]

    base_form_class = KnoopForm

    class Meta:
        verbose_name = "knoop"
        verbose_name_plural = "knopen"
        permissions = [("change_knoop_status", "Mag status en niveau van knopen wijzigen")]

    OPEN_STATUSES = (Status.GESIGNALEERD, Status.GEAGENDEERD, Status.GEESCALEERD)

    def status_baseline(self):
        """What a change of status or level is measured against: this Knoop as last saved
        (its latest revision, which a reverted or stale form may differ from), or for a new
        one, where every Knoop starts."""
        latest = Knoop.objects.filter(pk=self.pk).values_list("latest_revision", flat=True)
        revision = Revision.objects.filter(pk__in=latest).first() if self.pk else None
        return revision.as_object() if revision else Knoop()

    next_meeting = None  # set for the agenda and the page: see meetings.next_meetings

    @property
    def next_discussion(self):
        """The date of the coming meeting that has this Knoop on its agenda, else the date
        set by hand."""
        if self.next_meeting:
            return timezone.localdate(self.next_meeting.starts_at)
        return self.review_date

    @property
    def review_overdue(self):
        """An open knoop whose next discussion date has passed without a new one set."""
        return (
            self.status in self.OPEN_STATUSES
            and self.next_meeting is None
            and self.review_date is not None
            and self.review_date < timezone.localdate()
        )

    def get_context(self, request, *args, **kwargs):
        from .meetings import next_meetings  # meetings build on the pages here

        self.next_meeting = next_meetings(Viewer.of(request), [self]).get(self.pk)
        return super().get_context(request, *args, **kwargs)

    def timeline(self):
        """The recorded moves of this Knoop; none yet for a preview of a new one."""
        return self.changes.select_related("user") if self.pk else []

    def extra_search_texts(self):
        return [
            rich_text(self.impact),
            self.owner_organisation.name if self.owner_organisation else "",
        ]


class KnoopIndexPage(SectionPage):
    """The agenda of the regional table: the open knopen by status, then all of them."""

    subpage_types = ["kennisbank.Knoop"]
    item_model = Knoop
    template = "kennisbank/knoop_index_page.html"

    class Meta:
        verbose_name = "knopen-overzicht"

    def agenda_for(self, viewer):
        """(status label, open knopen with that status by next discussion) per open status;
        each Knoop's `next_meeting` is the coming meeting that has it on its agenda."""
        from .meetings import next_meetings  # meetings build on the pages here

        knopen = list(self.items_for(viewer).filter(status__in=Knoop.OPEN_STATUSES))
        meetings = next_meetings(viewer, knopen)
        for knoop in knopen:
            knoop.next_meeting = meetings.get(knoop.pk)
        knopen.sort(key=lambda knoop: (knoop.next_discussion or datetime.date.max, knoop.title))
        return [
            (status.label, [knoop for knoop in knopen if knoop.status == status])
            for status in Knoop.OPEN_STATUSES
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agenda"] = self.agenda_for(Viewer.of(request))
        return context


# ---------------------------------------------------------------------------- Beleidskaders


class Beleidskader(KennisItem):
    """A law, directive, regulation, decree or agenda that the work rests on."""

    class Kind(models.TextChoices):
        WET = "wet", "Wet"
        RICHTLIJN = "richtlijn", "Richtlijn"
        REGELING = "regeling", "Regeling"
        BESLUIT = "besluit", "Besluit"
        AGENDA = "agenda", "Agenda"

    official_title = models.CharField("officiële titel", max_length=300, blank=True)
    abbreviation = models.CharField("afkorting", max_length=40, blank=True)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices, default=Kind.WET)
    authority = models.CharField("vastgesteld door", max_length=200, blank=True)
    in_force_from = models.DateField("in werking sinds", null=True, blank=True)
    source_url = models.URLField("officiële tekst", blank=True)

    type_slug = "beleidskader"
    body_label = "Wat betekent het voor gemeenten?"
    parent_page_types = ["kennisbank.BeleidskaderIndexPage"]
    subpage_types = []
    template = "kennisbank/beleidskader.html"
    own_fields = [
        "abbreviation",
        "official_title",
        "kind",
        "authority",
        "in_force_from",
        "source_url",
    ]
    api_fields = [
        *KennisItem.api_fields,
        *own_fields,
        APIField("besluiten", serializer=VisibleItemsField()),
    ]

    search_fields = KennisItem.search_fields + [
        index.FilterField("kind"),
        index.AutocompleteField("abbreviation"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("official_title"),
                FieldPanel("abbreviation"),
                FieldPanel("kind"),
                FieldPanel("authority"),
                FieldPanel("in_force_from"),
                FieldPanel("source_url"),
            ],
            heading="Regeling",
        ),
        FieldPanel("summary"),
        FieldPanel("date"),
        FieldPanel("body", heading="Wat betekent het voor gemeenten?"),
        *KennisItem.taxonomy_panels,
    ]

    class Meta:
        verbose_name = "beleidskader"
        verbose_name_plural = "beleidskaders"

    def search_title_text(self):
        return " ".join([self.title, self.abbreviation, self.official_title])

    def extra_search_texts(self):
        return [self.authority]


class BeleidskaderIndexPage(SectionPage):
    subpage_types = ["kennisbank.Beleidskader"]
    item_model = Beleidskader
    template = "kennisbank/section_page.html"

    class Meta:
        verbose_name = "beleidskaders-overzicht"


# ---------------------------------------------------------------------------- Besluiten


class Besluit(KennisItem):
    """What a body (the RRVIJ, a college, the PRT…) decided at a meeting."""

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", "Voorgesteld"
        VASTGESTELD = "vastgesteld", "Vastgesteld"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    decision_body = models.CharField(
        "besluitvormend orgaan",
        max_length=200,
        help_text="Bijvoorbeeld RRVIJ, BOV, college van B&W van Raalte, AB VRIJ of PRT.",
    )
    meeting_date = models.DateField("vergaderdatum")
    decision_points = StreamField(DecisionPointsBlock(), blank=True, verbose_name="besluitpunten")
    decision_status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.VASTGESTELD
    )
    follow_up = RichTextField("vervolg", blank=True, features=TEXT_FEATURES)
    beleidskaders = ParentalManyToManyField(
        "kennisbank.Beleidskader", blank=True, related_name="besluiten", verbose_name="kaders"
    )
    # Set when the Redactie records the Besluit from a meeting's agenda item ("Besluit
    # vastleggen"), which links it to the meeting and to the item's Knoop.
    agenda_item = models.ForeignKey(
        "kennisbank.AgendaPunt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="besluiten",
        verbose_name="agendapunt",
    )

    type_slug = "besluit"
    body_label = "Toelichting"
    parent_page_types = ["kennisbank.BesluitIndexPage"]
    subpage_types = []
    template = "kennisbank/besluit.html"
    own_fields = [
        "decision_body",
        "meeting_date",
        "decision_status",
        "decision_points",
        "follow_up",
        APIField("beleidskaders", serializer=VisibleItemsField()),
    ]
    api_fields = [
        *KennisItem.api_fields,
        *own_fields,
        APIField("knopen", serializer=VisibleItemsField()),
    ]

    search_fields = KennisItem.search_fields + [
        index.FilterField("decision_status"),
        index.FilterField("meeting_date"),
        index.FilterField("decision_body"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("decision_body"),
                FieldPanel("meeting_date"),
                FieldPanel("decision_status"),
            ],
            heading="Vergadering",
        ),
        FieldPanel("summary"),
        FieldPanel("date"),
        FieldPanel("decision_points"),
        FieldPanel("body", heading="Toelichting"),
        FieldPanel("follow_up"),
        FieldPanel("beleidskaders"),
        *KennisItem.taxonomy_panels,
    ]

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"

    def decision_point_texts(self):
        return [str(block.value) for block in self.decision_points]

    def extra_search_texts(self):
        return [self.decision_body, *self.decision_point_texts(), rich_text(self.follow_up)]


class BesluitIndexPage(SectionPage):
    subpage_types = ["kennisbank.Besluit"]
    item_model = Besluit
    template = "kennisbank/section_page.html"

    class Meta:
        verbose_name = "besluiten-overzicht"


# ---------------------------------------------------------------------------- Artikelen


class Artikel(KennisItem):
    """An article contributed by a partner: news, analysis or experience."""

    # author_organisation, shown first here, is every item's (KennisItem).
    type_slug = "artikel"
    review_months = 24
    parent_page_types = ["kennisbank.ArtikelIndexPage"]
    subpage_types = []
    template = "kennisbank/artikel.html"

    content_panels = Page.content_panels + [
        FieldPanel("author_organisation"),
        FieldPanel("summary", heading="Intro"),
        FieldPanel("date"),
        FieldPanel("body"),
        *KennisItem.taxonomy_panels,
    ]

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikelen"

    def extra_search_texts(self):
        return [self.author_organisation.name if self.author_organisation else ""]


class ArtikelIndexPage(SectionPage):
    subpage_types = ["kennisbank.Artikel"]
    item_model = Artikel
    template = "kennisbank/section_page.html"

    class Meta:
        verbose_name = "artikelen-overzicht"


# ---------------------------------------------------------------------------- Begrippen


class BegrippenPage(Page):
    """The glossary, A to Z."""

    intro = RichTextField("inleiding", blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "kennisbank/begrippen_page.html"
    api_fields = ["intro", APIField("begrippen", serializer=BegripSerializer(many=True))]

    class Meta:
        verbose_name = "begrippenlijst"

    def begrippen(self):
        return Begrip.objects.order_by("term")


# ---------------------------------------------------------------------------- Verklaringen


class StatementPage(Page):
    """A statement the Redactie keeps, linked from every page's footer: the accessibility
    statement, the privacy statement, contact and colofon (kennisbank/structure.py). Only the
    Redactie adds one (kennisbank/wagtail_hooks.py) or edits one (nobody else owns it)."""

    body = RichTextField("tekst", features=["h2", "h3", *TEXT_FEATURES])

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "kennisbank/statement_page.html"
    api_fields = ["body"]

    class Meta:
        verbose_name = "verklaring"
        verbose_name_plural = "verklaringen"

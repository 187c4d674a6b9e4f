"""Meetings (Vergaderingen) of the regional table and its bodies, with their ordered agenda."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from kennisbank.privacy import Viewer
from kennisbank.public.serializers import AgendaField

from .base import KennisItem, Visibility, visible_pages
from .pages import Beleidskader, Knoop, Parel, SectionPage

# What an agenda item may point at.
AGENDA_TYPES = (Knoop, Parel, Beleidskader)
DEFAULT_LENGTH = datetime.timedelta(hours=2)  # a meeting without an end, in the calendar


class Vergadering(KennisItem):
    """A meeting of the RRVIJ, the BOV, the PRT or another body: when, where, and its agenda."""

    class Body(models.TextChoices):
        RRVIJ = "rrvij", "RRVIJ (Regionale Regietafel Vluchtelingen IJsselland)"
        BOV = "bov", "BOV (Bestuurlijk Overleg Vluchtelingen)"
        PRT = "prt", "PRT (Provinciale Regietafel)"
        AGENDACOMMISSIE = "agendacommissie", "Agendacommissie"
        WIJS = "wijs", "WIJS (bestuurlijke kopgroep)"

    class Status(models.TextChoices):
        GEPLAND = "gepland", "Gepland"
        GEHOUDEN = "gehouden", "Gehouden"

    meeting_body = models.CharField("orgaan", max_length=20, choices=Body.choices)
    starts_at = models.DateTimeField("begint om")
    ends_at = models.DateTimeField("eindigt om", null=True, blank=True)
    place = models.CharField("plaats", max_length=200, blank=True)
    online_url = models.URLField(
        "online deelnemen", blank=True, help_text="De link van een online vergadering."
    )
    meeting_status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.GEPLAND
    )

    type_slug = "vergadering"
    body_label = "Toelichting"
    parent_page_types = ["kennisbank.VergaderingIndexPage"]
    subpage_types = []
    template = "kennisbank/vergadering.html"
    own_fields = ["meeting_body", "starts_at", "ends_at", "place", "online_url", "meeting_status"]
    api_fields = [*KennisItem.api_fields, *own_fields, APIField("agenda", serializer=AgendaField())]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("meeting_body"),
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("place"),
                FieldPanel("online_url"),
                FieldPanel("meeting_status"),
            ],
            heading="Vergadering",
        ),
        FieldPanel("summary"),
        InlinePanel("agenda_items", label="Agendapunten", heading="Agenda"),
        FieldPanel("body", heading="Toelichting"),
        *KennisItem.taxonomy_panels,
    ]

    class Meta:
        verbose_name = "vergadering"
        verbose_name_plural = "vergaderingen"

    def full_clean(self, *args, **kwargs):
        # The item's date is the meeting's day: one date to enter, not two.
        if self.starts_at:
            self.date = timezone.localdate(self.starts_at)
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Het einde ligt na het begin van de vergadering."})

    @property
    def ends(self):
        return self.ends_at or self.starts_at + DEFAULT_LENGTH

    @property
    def upcoming(self):
        return self.meeting_status == self.Status.GEPLAND and self.ends >= timezone.now()

    def agenda_for(self, viewer):
        """[(agenda item, its linked item or None)] that this viewer may see, in order. A
        network-only agenda item needs a login, as a network-only page does; an item whose
        linked page the viewer may not see is left out entirely, so its title, proposal and
        outcome never show where the page itself would not."""
        points = list(self.agenda_items.all())
        linked_ids = [point.item_id for point in points if point.item_id]
        visible = {
            page.pk: page
            for page in visible_pages(KennisItem.objects.filter(pk__in=linked_ids), viewer)
            .specific()
        }  # fmt: skip
        shown = []
        for point in points:
            if point.visibility == Visibility.NETWORK and not viewer.user.is_authenticated:
                continue
            if point.item_id and point.item_id not in visible:
                continue
            shown.append((point, visible.get(point.item_id)))
        return shown

    def extra_search_texts(self):
        # Only the agenda items anyone may see: the index shares the meeting's own privacy.
        texts = [self.get_meeting_body_display(), self.place]
        for point, item in self.agenda_for(Viewer.anonymous()):
            texts += [item.title if item else "", point.title, point.proposal, point.outcome]
        return texts


class AgendaPunt(Orderable):
    """One item on a meeting's agenda: a Knoop, Parel or Beleidskader, or a free title; what is
    proposed, and after the meeting what came of it.

    An Orderable in an InlinePanel, not a StreamField block: a row of its own, so a Knoop's
    timeline finds the meetings it is on by a query, and a Besluit recorded from the item
    points at it by a foreign key."""

    class Outcome(models.TextChoices):
        BESPROKEN = "besproken", "Besproken"
        BESLOTEN = "besloten", "Besloten"
        GEESCALEERD = "geescaleerd", "Geëscaleerd"
        AANGEHOUDEN = "aangehouden", "Aangehouden"

    page = ParentalKey(Vergadering, on_delete=models.CASCADE, related_name="agenda_items")
    item = models.ForeignKey(
        KennisItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="on_agendas",
        verbose_name="knoop, parel of beleidskader",
    )
    title = models.CharField(
        "onderwerp",
        max_length=255,
        blank=True,
        help_text="Voor een punt zonder item; bij een item is de titel van het item genoeg.",
    )
    proposal = models.TextField("voorstel", blank=True)
    outcome_kind = models.CharField("uitkomst", max_length=20, choices=Outcome.choices, blank=True)
    escalation_level = models.CharField(
        "geëscaleerd naar",
        max_length=20,
        choices=Knoop.Level.choices,
        blank=True,
        help_text="Bij een geëscaleerde knoop: het niveau waar hij nu ligt.",
    )
    outcome = models.TextField("uitkomst (toelichting)", blank=True)
    visibility = models.CharField(
        "zichtbaarheid", max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    panels = [
        PageChooserPanel(
            "item", ["kennisbank.Knoop", "kennisbank.Parel", "kennisbank.Beleidskader"]
        ),
        FieldPanel("title"),
        FieldPanel("proposal"),
        FieldPanel("outcome_kind"),
        FieldPanel("escalation_level"),
        FieldPanel("outcome"),
        FieldPanel("visibility"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"

    def __str__(self):
        return self.subject

    @property
    def subject(self):
        return self.title or (self.item.title if self.item_id else "")

    def clean(self):
        errors = {}
        item = self.item.specific if self.item_id else None
        if item is None and not self.title:
            errors["title"] = "Kies een knoop, parel of beleidskader, of geef een onderwerp."
        if item is not None and not isinstance(item, AGENDA_TYPES):
            errors["item"] = "Een agendapunt is een knoop, parel of beleidskader."
        escalated = self.outcome_kind == self.Outcome.GEESCALEERD
        if escalated and not isinstance(item, Knoop):
            errors["outcome_kind"] = "Alleen een knoop kan geëscaleerd worden."
        elif escalated and not self.escalation_level:
            errors["escalation_level"] = "Geef aan naar welk niveau de knoop geëscaleerd is."
        if errors:
            raise ValidationError(errors)

    @property
    def knoop(self):
        item = self.item.specific if self.item_id else None
        return item if isinstance(item, Knoop) else None


class VergaderingIndexPage(SectionPage):
    """The meetings: those coming up first, then all of them through the section's search."""

    subpage_types = ["kennisbank.Vergadering"]
    item_model = Vergadering
    template = "kennisbank/vergadering_index_page.html"

    class Meta:
        verbose_name = "vergaderingen-overzicht"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = upcoming_meetings(Viewer.of(request))
        return context


def upcoming_meetings(viewer, limit=None):
    """The planned meetings still to come (or under way) that this viewer may see, soonest
    first."""
    meetings = Vergadering.objects.visible_to(viewer).filter(
        meeting_status=Vergadering.Status.GEPLAND,
        starts_at__gte=timezone.now() - DEFAULT_LENGTH,
    )
    meetings = meetings.order_by("starts_at", "title")
    return meetings[:limit] if limit else meetings


def next_meetings(viewer, knopen):
    """{knoop pk: the soonest coming meeting this viewer may see that has the Knoop on an
    agenda item they may see}: a Knoop's next discussion, before a date set by hand."""
    points = viewer.by_visibility(
        AgendaPunt.objects.filter(item__in=knopen, page__in=upcoming_meetings(viewer))
    )
    points = points.select_related("page").order_by("-page__starts_at")
    return {point.item_id: point.page for point in points}  # the soonest written last

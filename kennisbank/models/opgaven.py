"""Opgaven: the tasks the regional table steers (places to realise, statushouders to house), per
kind, period and scope, with every figure kept as a measurement of its own."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .base import Visibility

REGION = "IJsselland"
PROVINCE = "Overijssel"


class Opgave(ClusterableModel):
    class Kind(models.TextChoices):
        STATUSHOUDERS = "huisvesting-statushouders", "Huisvesting statushouders"
        OEKRAINE = "opvang-oekraiense-ontheemden", "Opvang Oekraïense ontheemden"
        ASIEL = "asielopvang", "Asielopvang"
        CNO = "crisisnoodopvang", "Crisisnoodopvang"
        AMV_OPVANG = "amv-opvang", "AMV-opvang"
        AMV_HUISVESTING = "amv-huisvesting", "AMV-huisvesting"

    class Scope(models.TextChoices):
        GEMEENTE = "gemeente", "Gemeente"
        REGIO = "regio", f"Regio {REGION}"
        PROVINCIE = "provincie", f"Provincie {PROVINCE}"

    class Half(models.IntegerChoices):
        YEAR = 0, "heel jaar"
        FIRST = 1, "eerste halfjaar"
        SECOND = 2, "tweede halfjaar"

    kind = models.CharField("soort", max_length=40, choices=Kind.choices)
    scope = models.CharField("schaal", max_length=20, choices=Scope.choices)
    gemeente = models.ForeignKey(
        "kennisbank.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opgaven",
        verbose_name="gemeente",
        help_text="Alleen bij de schaal gemeente.",
    )
    year = models.PositiveSmallIntegerField("jaar")
    half = models.PositiveSmallIntegerField("periode", choices=Half.choices, default=Half.YEAR)
    visibility = models.CharField(
        "zichtbaarheid",
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text="Geldt voor alle cijfers van deze opgave.",
    )

    class Meta:
        verbose_name = "opgave"
        verbose_name_plural = "opgaven"
        ordering = ["kind", "-year", "-half", "scope", "gemeente__name"]
        permissions = [
            (
                "change_any_opgave",
                "Kan de opgaven van elke gemeente, de regio en de provincie bewerken",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scope", "gemeente", "year", "half"],
                condition=Q(gemeente__isnull=False),
                name="opgave_unique_per_gemeente",
            ),
            models.UniqueConstraint(
                fields=["kind", "scope", "year", "half"],
                condition=Q(gemeente__isnull=True),
                name="opgave_unique_per_area",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.where}, {self.period}"

    @property
    def where(self):
        return self.gemeente.name if self.gemeente_id else self.get_scope_display()

    @property
    def period(self):
        return period_label(self.year, self.half)

    @property
    def current(self):
        """The latest measurement: the current figure."""
        return max(self.metingen.all(), key=Meting.order_key, default=None)

    def clean(self):
        if (self.scope == self.Scope.GEMEENTE) != bool(self.gemeente_id):
            raise ValidationError(
                {"gemeente": "Kies een gemeente bij de schaal gemeente, en alleen dan."}
            )


def period_label(year, half):
    return str(year) if not half else f"{Opgave.Half(half).label} {year}"


class Meting(models.Model):
    """One figure of an opgave on a date. A new figure is a new measurement; the latest is the
    current one, the others are its history."""

    opgave = ParentalKey(Opgave, on_delete=models.CASCADE, related_name="metingen")
    date = models.DateField("peildatum")
    target = models.PositiveIntegerField("doel")
    realised = models.PositiveIntegerField("gerealiseerd", null=True, blank=True)
    source = models.CharField(
        "bron", max_length=255, help_text="Bijvoorbeeld: brief van de provincie, november 2023."
    )
    source_url = models.URLField("link naar de bron", blank=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="besluit of ander item als bron",
    )

    class Meta:
        verbose_name = "meting"
        verbose_name_plural = "metingen"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.opgave}: {self.realised} van {self.target} ({self.date:%d-%m-%Y})"

    def order_key(self):
        return (self.date, self.pk or 0)

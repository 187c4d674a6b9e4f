"""What a user follows (a vocabulary term, a Knoop, a search) and how often they want the
digest of what is new there; the digest remembers up to when it was sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from .taxonomy import VOCABULARIES

TARGET = {"on_delete": models.CASCADE, "null": True, "blank": True, "related_name": "followers"}


class Follow(models.Model):
    class Kind(models.TextChoices):
        # A term's kind is its search parameter and the field below that holds it.
        THEMA = "thema", "Thema"
        GEMEENTE = "gemeente", "Gemeente"
        DOELGROEP = "doelgroep", "Doelgroep"
        ORGANISATIE = "organisatie", "Organisatie"
        KNOOP = "knoop", "Knoop"
        SEARCH = "zoekopdracht", "Zoekopdracht"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name="gebruiker",
    )
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    # One of these, as the kind says; a search keeps its parameters as /zoeken/ reads them.
    thema = models.ForeignKey("kennisbank.Thema", **TARGET, verbose_name="thema")
    gemeente = models.ForeignKey("kennisbank.Gemeente", **TARGET, verbose_name="gemeente")
    doelgroep = models.ForeignKey("kennisbank.Doelgroep", **TARGET, verbose_name="doelgroep")
    organisatie = models.ForeignKey("kennisbank.Organisatie", **TARGET, verbose_name="organisatie")
    knoop = models.ForeignKey("kennisbank.Knoop", **TARGET, verbose_name="knoop")
    search = models.CharField("zoekopdracht", max_length=1000, blank=True)
    created_at = models.DateTimeField("gevolgd sinds", auto_now_add=True)

    class Meta:
        verbose_name = "gevolgd onderwerp"
        verbose_name_plural = "gevolgde onderwerpen"
        ordering = ["kind", "pk"]
        constraints = [
            *[
                models.UniqueConstraint(
                    fields=["user", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"follow_once_{field}",
                )
                for field in ("thema", "gemeente", "doelgroep", "organisatie", "knoop")
            ],
            models.UniqueConstraint(
                fields=["user", "search"],
                condition=Q(kind="zoekopdracht"),
                name="follow_once_search",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def target(self):
        """The term or Knoop followed; None for a search."""
        return None if self.kind == self.Kind.SEARCH else getattr(self, self.kind)

    @property
    def label(self):
        if self.kind == self.Kind.SEARCH:
            return search_label(self.search)
        return str(self.target)


def search_label(query_string):
    """A saved search in words: its query, then each filter's values, a term by its name
    ("‘opvang’, thema: Zorg")."""
    terms = {model._meta.model_name: model for model in VOCABULARIES.values()}
    params = QueryDict(query_string)
    parts = [f"‘{params['q']}’"] if params.get("q") else []
    for name, values in params.lists():
        if name in terms:
            names = dict(terms[name].objects.filter(slug__in=values).values_list("slug", "name"))
            values = [names.get(value, value) for value in values]
        if name != "q":
            parts.append(f"{name}: {', '.join(values)}")
    return ", ".join(parts) or "alle items"


class DigestSettings(models.Model):
    """A user's choice of digest, and up to when the last one covered what was published."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Dagelijks"
        WEEKLY = "weekly", "Wekelijks"
        NEVER = "never", "Nooit"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_settings",
        verbose_name="gebruiker",
    )
    frequency = models.CharField(
        "samenvatting per e-mail",
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    sent_until = models.DateTimeField("verzonden tot en met", default=timezone.now)

    class Meta:
        verbose_name = "instelling samenvatting"
        verbose_name_plural = "instellingen samenvatting"

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"

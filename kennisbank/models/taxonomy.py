"""The curated vocabularies every item is tagged with, and free tags."""

from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class Vocabulary(models.Model):
    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField("slug", max_length=120, unique=True, blank=True)
    description = models.TextField("omschrijving", blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class Thema(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "thema"
        verbose_name_plural = "thema's"


class Gemeente(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"


class Doelgroep(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"


class Organisatie(Vocabulary):
    mailbox = models.EmailField(
        "functiemailbox",
        blank=True,
        help_text='Waar vragen over de items van deze organisatie heen gaan ("Vraag het de '
        'indiener") en de herinneringen om ze te herzien. Een functiemailbox, geen '
        "persoonlijk adres; het wordt nergens getoond.",
    )

    class Meta(Vocabulary.Meta):
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"


# The curated vocabularies, by the name of the item relation that holds them: the one list that
# the item panels, the search facets and form, import/export and the API read.
VOCABULARIES = {
    "themes": Thema,
    "gemeenten": Gemeente,
    "doelgroepen": Doelgroep,
    "organisaties": Organisatie,
}


class KennisItemTag(TaggedItemBase):
    content_object = ParentalKey(
        "kennisbank.KennisItem", on_delete=models.CASCADE, related_name="tagged_items"
    )

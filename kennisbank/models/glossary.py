from django.db import models
from django.utils.text import slugify
from wagtail.search import index


class Begrip(index.Indexed, models.Model):
    """A glossary entry; its abbreviation and synonyms are the search's synonyms."""

    term = models.CharField("begrip", max_length=200)
    slug = models.SlugField("slug", max_length=200, unique=True, blank=True)
    abbreviation = models.CharField("afkorting", max_length=40, blank=True)
    definition = models.TextField("definitie")
    synonyms = models.TextField(
        "synoniemen", blank=True, help_text="Eén synoniem of andere schrijfwijze per regel."
    )

    # Its fields in the order that import and export give them.
    own_fields = ["slug", "term", "abbreviation", "definition", "synonyms"]

    search_fields = [
        index.SearchField("term"),
        index.SearchField("abbreviation"),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
        index.AutocompleteField("abbreviation"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = "begrip"
        verbose_name_plural = "begrippen"

    def __str__(self):
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.abbreviation or self.term)
        super().save(*args, **kwargs)

    @property
    def synonym_list(self):
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    @property
    def expressions(self):
        """Every way of saying this concept: term, abbreviation and synonyms."""
        return [e for e in [self.term, self.abbreviation, *self.synonym_list] if e]

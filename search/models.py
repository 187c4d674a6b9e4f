from django.db import models


class Embedding(models.Model):
    """An item's sentence embedding (search/semantic.py): the digest of the text it was made
    of, and the vector, empty until the background worker has made it."""

    item_id = models.PositiveIntegerField(primary_key=True)
    digest = models.CharField(max_length=40)
    vector = models.BinaryField(null=True)  # int8 × DIMENSIONS

    class Meta:
        indexes = [
            models.Index(
                fields=["item_id"],
                name="search_embedding_pending",
                condition=models.Q(vector__isnull=True),
            )
        ]

    def __str__(self):
        return f"embedding of item {self.item_id}"


class SearchTerm(models.Model):
    """What the network searched on one day, for the Redactie's report: the query as typed
    (normalised), how often, how often it found nothing, and how often a result was opened.
    No user, no address (AVG); kept RETENTION_DAYS (search/terms.py)."""

    day = models.DateField("dag")
    query = models.CharField("zoekvraag", max_length=100)
    searches = models.PositiveIntegerField("gezocht", default=0)
    without_results = models.PositiveIntegerField("zonder resultaten", default=0)
    opened = models.PositiveIntegerField("resultaat geopend", default=0)

    class Meta:
        verbose_name = "zoekvraag"
        verbose_name_plural = "zoekvragen"
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="search_term_day")]
        indexes = [models.Index(fields=["day"], name="search_term_by_day")]

    def __str__(self):
        return f"{self.query} ({self.day})"

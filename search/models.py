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

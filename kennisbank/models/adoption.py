"""The adoption register: which gemeenten and organisations apply a Parel too ("Wij passen dit
ook toe"), so that the network sees where a practice was taken over."""

from django.conf import settings
from django.db import models
from django.db.models import Q

NOTE_LENGTH = 500


class Adoption(models.Model):
    parel = models.ForeignKey(
        "kennisbank.Parel", on_delete=models.CASCADE, related_name="adoptions", verbose_name="parel"
    )
    organisation = models.ForeignKey(
        "kennisbank.Organisatie",
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name="organisatie",
    )
    # A municipality's mark counts for its gemeente; a partner's has none.
    gemeente = models.ForeignKey(
        "kennisbank.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name="gemeente",
    )
    date = models.DateField("toegepast sinds")
    note = models.TextField(
        "toelichting",
        max_length=NOTE_LENGTH,
        blank=True,
        help_text="Hoe het ging, wat jullie anders deden.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeld door",
    )
    created_at = models.DateTimeField("gemeld op", auto_now_add=True)

    class Meta:
        verbose_name = "toepassing"
        verbose_name_plural = "toepassingen"
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parel", "organisation"], name="adoption_once_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["parel", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="adoption_once_per_gemeente",
            ),
        ]

    def __str__(self):
        return f"{self.parel} — {self.applied_by}"

    @property
    def applied_by(self):
        """Who applies it, as the page names them: the gemeente, else the organisation."""
        return self.gemeente or self.organisation

    def belongs_to(self, membership):
        """Whether this mark is that of the membership's organisation or gemeente."""
        if membership is None:
            return False
        if membership.gemeente_id and membership.gemeente_id == self.gemeente_id:
            return True
        return membership.organisation_id == self.organisation_id

"""Questions asked of a contributing organisation ("Vraag het de indiener"): who asked what
about which item, for the Redactie; the text itself is kept BODY_RETENTION_DAYS."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

BODY_RETENTION_DAYS = 90
MAX_LENGTH = 2000


class Question(models.Model):
    item = models.ForeignKey(
        "kennisbank.KennisItem",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name="item",
    )
    organisation = models.ForeignKey(
        "kennisbank.Organisatie",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name="gesteld aan",
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="gesteld door",
    )
    asked_at = models.DateTimeField("gesteld op", default=timezone.now, db_index=True)
    body = models.TextField("vraag", max_length=MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = "vraag aan een indiener"
        verbose_name_plural = "vragen aan indieners"
        ordering = ["-asked_at"]

    def __str__(self):
        return f"{self.item} — {self.organisation}"


def clear_old_bodies(now=None):
    """Empty the text of questions older than BODY_RETENTION_DAYS; who, what item and when
    stay for the Redactie."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=BODY_RETENTION_DAYS)
    return Question.objects.filter(asked_at__lt=cutoff).exclude(body="").update(body="")

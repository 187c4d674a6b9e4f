"""The history of a Knoop's status and level: the timeline on its page."""

from django.conf import settings
from django.db import models
from django.dispatch import Signal

from .pages import Knoop

# Sent with `changes`, the KnoopChanges just recorded that move a Knoop on (not where one began):
# its followers hear of them (kennisbank/signals.py).
knoop_moved = Signal()


class KnoopChange(models.Model):
    """One published change of a Knoop's status or level (the first records where it began)."""

    knoop = models.ForeignKey(
        "kennisbank.Knoop", on_delete=models.CASCADE, related_name="changes", verbose_name="knoop"
    )
    changed_at = models.DateTimeField("datum", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
    )
    # The Knoop's own choices, so that Django gives each its label (get_to_status_display).
    from_status = models.CharField(
        "van status", max_length=20, choices=Knoop.Status.choices, blank=True
    )
    to_status = models.CharField("naar status", max_length=20, choices=Knoop.Status.choices)
    from_level = models.CharField(
        "van niveau", max_length=20, choices=Knoop.Level.choices, blank=True
    )
    to_level = models.CharField("naar niveau", max_length=20, choices=Knoop.Level.choices)
    note = models.TextField("toelichting", blank=True)
    # The meeting whose agenda brought this step (put on it, or escalated by its outcome).
    vergadering = models.ForeignKey(
        "kennisbank.Vergadering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knoop_changes",
        verbose_name="vergadering",
    )

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.knoop}: {self.from_status or '—'} → {self.to_status}"

    @property
    def is_escalation(self):
        """A step to geëscaleerd, or to another level while escalated."""
        moved = (self.from_status, self.from_level) != (self.to_status, self.to_level)
        return moved and self.to_status == Knoop.Status.GEESCALEERD

    @classmethod
    def moving(cls, knoop, last=None, user=None):
        """The change (unsaved) from the `last` one recorded to where the Knoop is now."""
        return cls(
            knoop=knoop,
            user=user,
            from_status=last.to_status if last else "",
            to_status=knoop.status,
            from_level=last.to_level if last else "",
            to_level=knoop.level,
            note=knoop.status_note,
        )

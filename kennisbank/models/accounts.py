"""Who a user works for: every account belongs to an organisation, and perhaps a gemeente."""

from django.conf import settings
from django.db import models


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name="gebruiker",
    )
    organisation = models.ForeignKey(
        "kennisbank.Organisatie",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name="organisatie",
    )
    gemeente = models.ForeignKey(
        "kennisbank.Gemeente",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name="gemeente",
        help_text="Alleen voor medewerkers van een gemeente.",
    )

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"

    def __str__(self):
        return f"{self.user} ({self.organisation})"


def organisation_of(user):
    """The organisation a user works for, or None (an anonymous user, an account without)."""
    membership = Membership.objects.filter(user_id=getattr(user, "pk", None)).first()
    return membership.organisation if membership else None

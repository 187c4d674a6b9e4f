"""The network's identity, set by the Redactie: its name, logo and brand colour. Applied
through the design tokens (kennisbank/public/identity.py serves them as a stylesheet, since the
site's Content-Security-Policy allows no inline style)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_BRAND = "#17596b"  # the neutral IJssel blue-green of the stylesheet
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
MIN_CONTRAST = 4.5  # WCAG AA for the white text of the menu on the brand colour


def contrast_with_white(colour):
    """WCAG's contrast ratio of white against `colour` (#rrggbb)."""

    def channel(hex_pair):
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def validate_brand_colour(colour):
    if not HEX_COLOUR.fullmatch(colour):
        raise ValidationError("Geef de kleur als #rrggbb, bijvoorbeeld #17596b.")
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            f"Witte tekst op deze kleur is slecht leesbaar (contrast {ratio:.1f}:1, "
            f"ten minste {MIN_CONTRAST}:1 nodig). Kies een donkerdere kleur."
        )


@register_setting(icon="image")
class Identity(BaseSiteSetting):
    name = models.CharField(
        "naam van het netwerk",
        max_length=120,
        blank=True,
        help_text="Leeg: de naam van de site.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="logo",
        help_text="Leeg: het neutrale beeldmerk van de kennisbank.",
    )
    brand_colour = models.CharField(
        "huiskleur",
        max_length=7,
        default=DEFAULT_BRAND,
        validators=[validate_brand_colour],
        help_text="De kleur van het menu en de accenten, als #rrggbb; witte tekst moet erop "
        "leesbaar zijn.",
    )

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("brand_colour")]

    class Meta:
        verbose_name = "huisstijl"
        verbose_name_plural = "huisstijl"

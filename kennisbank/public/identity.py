"""The Redactie's brand colour as a stylesheet of design tokens, linked from every page after
the site's own: the Content-Security-Policy allows styles from the site only, none inline."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from kennisbank.models import Identity
from kennisbank.models.identity import DEFAULT_BRAND, HEX_COLOUR

CACHE_SECONDS = 300  # a change shows within five minutes


@require_GET
def identity_stylesheet(request):
    colour = Identity.for_request(request).brand_colour
    if not HEX_COLOUR.fullmatch(colour):  # only ever a colour, whatever was stored
        colour = DEFAULT_BRAND
    css = f".kennisbank-theme {{\n    --voorbeeld-kleuren-violet-500: {colour};\n}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response

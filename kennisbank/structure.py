"""The fixed site tree: one home page with one index page per section and the glossary."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage

from .models import (
    ArtikelIndexPage,
    BegrippenPage,
    BeleidskaderIndexPage,
    BesluitIndexPage,
    KnoopIndexPage,
    ParelIndexPage,
)

SECTIONS = [
    (ParelIndexPage, "Parels", "parels"),
    (KnoopIndexPage, "Knopen", "knopen"),
    (BeleidskaderIndexPage, "Beleidskaders", "beleidskaders"),
    (BesluitIndexPage, "Besluiten", "besluiten"),
    (ArtikelIndexPage, "Artikelen", "artikelen"),
    (BegrippenPage, "Begrippen", "begrippen"),
]


@transaction.atomic
def ensure_site():
    """Create what is missing of the tree and return the home page. Safe to call repeatedly."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's own welcome page takes the slug "home"; the kennisbank replaces it.
        root.get_children().filter(slug="home", depth=2).exclude(
            content_type__app_label="home"
        ).delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title="Kennisbank Vluchtelingen IJsselland",
                slug="home",
                intro="<p>Wat gemeenten en partners in IJsselland weten over de opvang en "
                "huisvesting van vluchtelingen: parels, knopen, besluiten en kaders.</p>",
            )
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={**site_address(), "root_page": home, "site_name": settings.WAGTAIL_SITE_NAME},
    )
    for model, title, slug in SECTIONS:
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug))
            home.refresh_from_db()
    return home


def site_address():
    """The hostname and port of SITE_URL, from which Wagtail builds every page's full URL."""
    url = urlsplit(settings.SITE_URL)
    return {"hostname": url.hostname, "port": url.port or (443 if url.scheme == "https" else 80)}


def follow_site_url(**kwargs):
    """After every migrate (post_migrate): the default Site at SITE_URL, should it have moved."""
    address = site_address()
    site = Site.objects.filter(is_default_site=True).exclude(**address).first()
    if site:
        site.hostname, site.port = address["hostname"], address["port"]
        site.save()  # which also clears Wagtail's cache of the sites' root paths


def section_for(item_model):
    """The index page under which items of this type live."""
    for model, _title, _slug in SECTIONS:
        if getattr(model, "item_model", None) is item_model:
            return model.objects.get()
    raise LookupError(item_model)

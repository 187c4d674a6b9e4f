"""The fixed site tree: one home page with one index page per section, the glossary and the
statements linked from every page's footer."""

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
    StatementPage,
    VergaderingIndexPage,
)

SECTIONS = [
    (ParelIndexPage, "Parels", "parels"),
    (KnoopIndexPage, "Knopen", "knopen"),
    (BeleidskaderIndexPage, "Beleidskaders", "beleidskaders"),
    (BesluitIndexPage, "Besluiten", "besluiten"),
    (ArtikelIndexPage, "Artikelen", "artikelen"),
    (VergaderingIndexPage, "Vergaderingen", "vergaderingen"),
    (BegrippenPage, "Begrippen", "begrippen"),
]


# The statements' starting text, which the Redactie then keeps up to date in the admin
# (slug, title, body). Migration 0008 has its own copy, for sites made before it.
STATEMENTS = [
    (
        "toegankelijkheid",
        "Toegankelijkheidsverklaring",
        "<p>De Regionale Regietafel Vluchtelingen IJsselland (RRVIJ) wil dat iedereen de "
        "kennisbank kan gebruiken. Deze verklaring geldt voor de publieke pagina's van de "
        "kennisbank; het beheergedeelte valt erbuiten.</p>"
        "<h2>Status</h2>"
        "<p>C: eerste maatregelen genomen. De kennisbank is gebouwd volgens de toegankelijkheids"
        "eisen (EN 301 549, WCAG 2.1 niveau AA) en wordt bij elke wijziging automatisch getoetst; "
        "een onderzoek door een onafhankelijke deskundige volgt nog.</p>"
        "<h2>Datum van de laatste toets</h2>"
        "<p>Automatisch bij elke wijziging van de software (axe-core, WCAG 2.1 A en AA, met een "
        "toetsenbordcontrole). Een handmatig onderzoek is nog niet uitgevoerd; de redactie "
        "vult hier de datum en het rapport in zodra dat er is.</p>"
        "<h2>Bekende problemen</h2>"
        "<ul><li>Bijlagen (PDF en andere documenten) die organisaties uploaden, zijn niet altijd "
        "toegankelijk. Vraag de redactie om een toegankelijke versie.</li>"
        "<li>Het beheergedeelte, waarin redacteuren en partners werken, is niet onderzocht.</li>"
        "</ul>"
        "<h2>Contact</h2>"
        "<p>Loopt u tegen een probleem aan, of heeft u een vraag of klacht over de "
        'toegankelijkheid? Neem contact op met de redactie (zie <a href="/contact/">Contact en '
        "colofon</a>). U krijgt binnen vijf werkdagen antwoord.</p>",
    ),
    (
        "privacy",
        "Privacyverklaring",
        "<p>De kennisbank is van de Regionale Regietafel Vluchtelingen IJsselland (RRVIJ), "
        "ondergebracht bij de Veiligheidsregio IJsselland, die verantwoordelijk is voor de "
        "verwerking van persoonsgegevens. De kennisbank bevat kennis over werkwijzen en "
        "besluiten, geen gegevens over vluchtelingen zelf.</p>"
        "<h2>Wat wij verwerken</h2>"
        "<ul><li><b>Accounts</b> van redacteuren, netwerkpartners en gemeenten: naam, "
        "e-mailadres, organisatie, gemeente en rol, en het wachtwoord als onomkeerbare hash. "
        "Er is geen zelfregistratie: de redactie maakt accounts aan.</li>"
        "<li><b>Organisaties</b>: elke bijdrage draagt de naam van de organisatie die haar "
        "maakte; de versiegeschiedenis noemt het account dat een wijziging deed.</li>"
        "<li><b>Inlogpogingen</b>: gebruikersnaam, IP-adres en tijdstip van mislukte pogingen, "
        "om raden van wachtwoorden te stoppen.</li>"
        "<li><b>Serverlogs</b>: IP-adres, opgevraagde pagina en tijdstip, voor beveiliging en "
        "storingen.</li>"
        "<li><b>Zoekopdrachten</b>: wat bezoekers zoeken, wordt alleen bewaard zonder gebruiker "
        "of IP-adres, om de zoekfunctie te verbeteren.</li></ul>"
        "<h2>Hoe lang</h2>"
        "<ul><li>Accounts zolang iemand voor het netwerk werkt; de redactie verwijdert een "
        "account als iemand vertrekt.</li>"
        "<li>Mislukte inlogpogingen en serverlogs hoogstens 90 dagen.</li>"
        "<li>Zoekopdrachten (zonder gebruiker of adres) hoogstens 90 dagen.</li></ul>"
        "<h2>Cookies en derden</h2>"
        "<p>De kennisbank plaatst alleen cookies die nodig zijn om in te loggen en formulieren "
        "veilig te versturen. Er zijn geen volg- of advertentiecookies, en geen pagina laadt "
        "iets van een andere partij: uw bezoek wordt met niemand gedeeld.</p>"
        "<h2>Uw rechten</h2>"
        "<p>U kunt uw gegevens inzien, laten verbeteren of laten verwijderen. Neem contact op "
        'met de redactie (zie <a href="/contact/">Contact en colofon</a>). U kunt ook een '
        "klacht indienen bij de Autoriteit Persoonsgegevens.</p>",
    ),
    (
        "contact",
        "Contact en colofon",
        "<h2>Contact</h2>"
        "<p>De redactie van de kennisbank is het programmateam van de Regionale Regietafel "
        "Vluchtelingen IJsselland, ondergebracht bij de Veiligheidsregio IJsselland. De "
        "redactie vult hier haar e-mailadres en telefoonnummer in.</p>"
        "<p>Een beveiligingsprobleem gevonden? Meld het zoals "
        '<a href="/.well-known/security.txt">security.txt</a> beschrijft.</p>'
        "<h2>Colofon</h2>"
        "<p>De kennisbank is gebouwd met open-source software: Wagtail en Django, met de "
        "componenten en het thema van NL Design System. De broncode valt onder de EUPL 1.2.</p>"
        "<p>Nieuwe items volgen? Gebruik de RSS-feeds onderaan elke pagina.</p>",
    ),
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
    for slug, title, body in STATEMENTS:
        if not home.get_children().filter(slug=slug).exists():
            home.add_child(instance=StatementPage(title=title, slug=slug, body=body))
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

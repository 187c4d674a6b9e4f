"""The statements linked from every page's footer (toegankelijkheid, privacy, contact and
colofon), created under the home page of a site made before them; a new site gets them from
kennisbank/structure.py. Only the Redactie may add one. The text and the page-tree arithmetic
are copied here, as they were when this was written, so that it never changes with the live
code."""

import string

from django.db import migrations
from django.utils import timezone

REDACTIE = "Redactie"
PERMISSION = "add_statementpage"

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
        "toegankelijkheid? Neem contact op met de redactie (zie <a href=\"/contact/\">Contact en "
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
        "met de redactie (zie <a href=\"/contact/\">Contact en colofon</a>). U kunt ook een "
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
        "<a href=\"/.well-known/security.txt\">security.txt</a> beschrijft.</p>"
        "<h2>Colofon</h2>"
        "<p>De kennisbank is gebouwd met open-source software: Wagtail en Django, met de "
        "componenten en het thema van NL Design System. De broncode valt onder de EUPL 1.2.</p>"
        "<p>Nieuwe items volgen? Gebruik de RSS-feeds onderaan elke pagina.</p>",
    ),
]


# Wagtail's page tree (treebeard's materialised path): each level four base-36 digits.
ALPHABET = string.digits + string.ascii_uppercase
STEPLEN = 4


def next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    digits = ""
    for _ in range(STEPLEN):
        number, digit = divmod(number, 36)
        digits = ALPHABET[digit] + digits
    return parent.path + digits


def create_statements(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    StatementPage = apps.get_model("kennisbank", "StatementPage")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="kennisbank", model="statementpage"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=PERMISSION,
        defaults={"name": "Can add verklaring"},
    )
    for group in Group.objects.filter(name=REDACTIE):
        group.permissions.add(permission)

    home = Page.objects.filter(content_type__app_label="home", depth=2).order_by("path").first()
    if home is None:  # a fresh database: kennisbank/structure.py makes the tree
        return
    now = timezone.now()
    for slug, title, text in STATEMENTS:
        if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug=slug):
            continue
        StatementPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            body=text,
            content_type=content_type,
            path=next_child_path(Page, home),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            live=True,
            first_published_at=now,
            last_published_at=now,
            locale_id=home.locale_id,
        )
        home.numchild += 1
        home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0008_statement_page"),
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_statements, migrations.RunPython.noop)]

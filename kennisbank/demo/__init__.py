"""Demo content of the kennisbank: a JSON Lines file in the import format, and what surrounds it.

`kennisbank.jsonl` is loaded through the ordinary import, so it doubles as an example of that
format. The vocabularies below are created before the import so that every term exists with a
description, even one that no demo item uses yet.
"""

from pathlib import Path

from kennisbank.models import Doelgroep, Gemeente, Organisatie, Thema

DATA_FILE = Path(__file__).with_name("kennisbank.jsonl")
# Figures of opgaven in the CSV import's columns: the source documents' own figures (named by
# their source) and made-up ones for the other gemeenten, whose source says "demodata".
OPGAVEN_FILE = Path(__file__).with_name("opgaven.csv")

GEMEENTEN = [
    "Dalfsen",
    "Deventer",
    "Hardenberg",
    "Kampen",
    "Olst-Wijhe",
    "Ommen",
    "Raalte",
    "Staphorst",
    "Steenwijkerland",
    "Zwartewaterland",
    "Zwolle",
]

THEMES = {
    "Opvang Oekraïense ontheemden": "Gemeentelijke en particuliere opvang van ontheemden uit "
    "Oekraïne onder de Richtlijn Tijdelijke Bescherming.",
    "Huisvesting statushouders": "Woonruimte voor statushouders volgens de halfjaarlijkse "
    "taakstelling, samen met woningcorporaties.",
    "Asielopvang": "Opvang van asielzoekers: azc's, noodopvang en crisisnoodopvang.",
    "Alleenstaande minderjarige vreemdelingen": "Opvang, voogdij en huisvesting van kinderen en "
    "jongeren die zonder ouders vluchtten (AMV).",
    "Onderwijs": "Onderwijs aan nieuwkomers, waaronder NT2 en de internationale schakelklas (ISK).",
    "Zorg": "Huisartsenzorg, GGZ, jeugdhulp en publieke gezondheid voor vluchtelingen.",
    "Werk en participatie": "Werk, vrijwilligerswerk en meedoen in de samenleving.",
    "Inburgering en begeleiding": "Inburgering, maatschappelijke begeleiding en ondersteuning "
    "na de verhuizing naar een gemeente.",
    "Veiligheid": "Openbare orde, veiligheid rond opvanglocaties en de crisisorganisatie.",
    "Financiën": "Bekostiging, begrotingen en rijksvergoedingen.",
    "Derdelanders": "Mensen zonder Oekraïense nationaliteit die met een tijdelijke "
    "verblijfsvergunning in Oekraïne woonden.",
}

DOELGROEPEN = {
    "Asielzoekers": "Mensen die bescherming hebben gevraagd en de uitkomst van hun "
    "asielprocedure afwachten.",
    "Statushouders": "Asielzoekers met een verblijfsvergunning, gekoppeld aan een gemeente.",
    "Oekraïense ontheemden": "Mensen die de oorlog in Oekraïne ontvluchtten en tijdelijke "
    "bescherming genieten.",
    "AMV": "Alleenstaande minderjarige vreemdelingen: kinderen en jongeren zonder ouders.",
    "Derdelanders": "Niet-Oekraïners die met een tijdelijke verblijfsvergunning uit Oekraïne "
    "vluchtten.",
}

ORGANISATIES = {
    "Vluchtelingenwerk": "Begeleidt asielzoekers en statushouders, met professionals en "
    "vrijwilligers.",
    "COA": "Centraal Orgaan opvang asielzoekers: opvang en begeleiding tijdens de asielprocedure.",
    "Nidos": "Voogdij-instelling voor alleenstaande minderjarige vreemdelingen.",
    "IND": "Immigratie- en Naturalisatiedienst: beslist over asiel en verblijf.",
    "Sallandwonen": "Woningcorporatie in Salland.",
    "Veiligheidsregio IJsselland": "Crisisbeheersing in IJsselland; huisvest het programmateam "
    "van de RRVIJ.",
    "Provincie Overijssel": "Voert via de Commissaris van de Koning de regie aan de Provinciale "
    "Regietafel.",
    "VNG": "Vereniging van Nederlandse Gemeenten.",
    "Werkgeversservicepunt": "Regionaal loket voor werkgevers, ook voor werk voor nieuwkomers.",
    "Regionale Regietafel Vluchtelingen IJsselland": "Bestuurlijke tafel van de elf "
    "IJssellandse gemeenten (RRVIJ).",
    "Ministerie van Justitie en Veiligheid": "Verantwoordelijk voor asiel, migratie en de opvang "
    "van ontheemden.",
    "GGD IJsselland": "Publieke gezondheid in IJsselland.",
    "Onderwijsinstellingen": "Scholen, ROC's en taalaanbieders in de regio.",
    "Kerken": "Kerken en levensbeschouwelijke organisaties die vluchtelingen ondersteunen.",
    "Gemeente Raalte": "De gemeente als organisatie, bijvoorbeeld als eigenaar van een knoop.",
    "Gemeente Dalfsen": "De gemeente als organisatie, bijvoorbeeld wie een parel ook toepast.",
    "Gemeente Deventer": "De gemeente als organisatie, bijvoorbeeld wie een parel ook toepast.",
    "Gemeente Kampen": "De gemeente als organisatie, bijvoorbeeld wie een parel ook toepast.",
    "Gemeente Olst-Wijhe": "De gemeente als organisatie, bijvoorbeeld wie een parel ook toepast.",
    "Gemeente Ommen": "De gemeente als organisatie, bijvoorbeeld wie een parel ook toepast.",
    "Gemeente Zwolle": "De gemeente als organisatie, bijvoorbeeld wie een parel ook toepast.",
}

# Functiemailboxes for "Vraag het de indiener" and review reminders (example.org: nothing is
# delivered); the other organisations have none, so their items name the Redactie instead.
MAILBOXES = {
    "Vluchtelingenwerk": "vragen@vluchtelingenwerk.example.org",
    "Nidos": "kennisbank@nidos.example.org",
    "Veiligheidsregio IJsselland": "rrvij@veiligheidsregio.example.org",
    "Werkgeversservicepunt": "info@werkgeversservicepunt.example.org",
}

DEMO_TERMS = [
    (Gemeente, dict.fromkeys(GEMEENTEN, "")),
    (Thema, THEMES),
    (Doelgroep, DOELGROEPEN),
    (Organisatie, ORGANISATIES),
]

# Development accounts only; the command creates them when DEBUG is on.
ACCOUNTS = [
    {
        "username": "redactie",
        "role": "redactie",
        "group": "Redactie",
        "organisation": "Veiligheidsregio IJsselland",
        "gemeente": None,
        "password": "redactie-demo",
        "first_name": "Redactie",
        "last_name": "programmateam RRVIJ",
        "email": "redactie@example.org",
    },
    {
        "username": "partner",
        "role": "partner van Vluchtelingenwerk",
        "group": "Netwerkpartner",
        "organisation": "Vluchtelingenwerk",
        "gemeente": None,
        "password": "partner-demo",
        "first_name": "Partner",
        "last_name": "Vluchtelingenwerk",
        "email": "partner@example.org",
    },
    {
        "username": "gemeente",
        "role": "gemeente Raalte",
        "group": "Gemeente",
        "organisation": "Gemeente Raalte",
        "gemeente": "Raalte",
        "password": "gemeente-demo",
        "first_name": "Beleidsadviseur",
        "last_name": "gemeente Raalte",
        "email": "gemeente@example.org",
    },
]


# What the demo accounts follow (Mijn kennisbank), with their digest's frequency: a term by its
# kind and name, a Knoop by its slug, a search by its query string.
FOLLOWS = {
    "partner": (
        "weekly",
        [
            ("thema", "Huisvesting statushouders"),
            ("doelgroep", "Statushouders"),
            ("knoop", "achterstand-huisvesting-statushouders"),
            ("zoekopdracht", "q=taalcafé&type=parel"),
        ],
    ),
    "gemeente": (
        "daily",
        [
            ("gemeente", "Raalte"),
            ("thema", "Opvang Oekraïense ontheemden"),
            ("knoop", "duurzame-huisvesting-oekraiense-ontheemden-raalte"),
        ],
    ),
    "redactie": ("weekly", [("organisatie", "VNG"), ("knoop", "tekort-opvang-amv")]),
}


def ensure_vocabularies():
    """Create each demo vocabulary term that is missing; existing terms are left as edited."""
    for model, terms in DEMO_TERMS:
        for name, description in terms.items():
            defaults = {"description": description}
            if model is Organisatie:
                defaults["mailbox"] = MAILBOXES.get(name, "")
            model.objects.get_or_create(name=name, defaults=defaults)

"""The demo content: what load_demo creates, that it is idempotent, and the demo accounts."""

import io
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageViewRestriction, Revision

from kennisbank import demo
from kennisbank.models import (
    Adoption,
    Artikel,
    Begrip,
    Beleidskader,
    Besluit,
    DigestSettings,
    Doelgroep,
    Follow,
    Gemeente,
    KennisItem,
    Knoop,
    Organisatie,
    Parel,
    Thema,
    Vergadering,
    Visibility,
)

DOMAIN_ABBREVIATIONS = [
    "AMV", "azc", "CNO", "COA", "IND", "RRVIJ", "BOV", "PRT", "LRT", "TRA", "VRIJ", "AB", "DVO",
    "BO Wonen", "VNG", "CdK", "RTB", "NT2", "ISK", "WIJS", "B&W",
]  # fmt: skip
BELEIDSKADERS = [
    "Vreemdelingenwet 2000",
    "Huisvestingswet 2014",
    "Richtlijn Tijdelijke Bescherming",
    "Spreidingswet",
    "Uitvoeringsagenda Stabilisering en Flexibilisering van de asielketen",
    "Regeling opvang ontheemden Oekraïne",
    "Bekostigingsbesluit eerste opvang ontheemden Oekraïne",
    "Tijdelijke Wet opvang Oekraïense ontheemden",
]
ACCOUNTS = ["redactie", "partner", "gemeente"]


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    """Counts of everything the demo creates."""
    models = [Page, KennisItem, Begrip, Thema, Gemeente, Doelgroep, Organisatie, Revision]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["restrictions"] = PageViewRestriction.objects.count()
    counts["users"] = get_user_model().objects.count()
    return counts


def data_lines():
    with demo.DATA_FILE.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


# ---------------------------------------------------------------- the data file, without database


def test_data_file_references_resolve():
    lines = data_lines()
    keys = {(line["type"], line["slug"]) for line in lines}
    assert len(keys) == len(lines), "every type/slug occurs once"
    references = {"besluiten": "besluit", "solutions": "parel", "beleidskaders": "beleidskader"}
    for line in lines:
        for reference in line.get("related", []):
            assert tuple(reference.split("/")) in keys, (line["slug"], reference)
        for field, kind in references.items():
            for slug in line.get(field, []):
                assert (kind, slug) in keys, (line["slug"], field, slug)


def test_data_file_uses_only_the_demo_vocabularies():
    """A misspelt name would make the import create a second, near-duplicate term."""
    known = {
        "themes": set(demo.THEMES),
        "gemeenten": set(demo.GEMEENTEN),
        "doelgroepen": set(demo.DOELGROEPEN),
        "organisaties": set(demo.ORGANISATIES),
    }
    for line in data_lines():
        for field, names in known.items():
            assert set(line.get(field, [])) <= names, (line["slug"], field)
        for field in ("owner", "author_organisation"):
            if field in line:
                assert line[field] in known["organisaties"], (line["slug"], field)
        for mark in line.get("toegepast", []):
            assert mark.get("gemeente", "Raalte") in known["gemeenten"], line["slug"]
            assert mark["organisatie"] in known["organisaties"], line["slug"]


def test_data_file_has_no_personal_contact_details():
    text = Path(demo.DATA_FILE).read_text(encoding="utf-8")
    assert not re.search(r"[\w.-]+@[\w-]+\.\w+", text), "no e-mail addresses"
    assert not re.search(r"\b0\d{1,3}[- ]?\d{6,8}\b", text), "no phone numbers"


# ---------------------------------------------------------------- the command


@pytest.mark.django_db
def test_demo_content():
    load_demo()

    assert set(Gemeente.objects.values_list("name", flat=True)) == set(demo.GEMEENTEN)
    assert set(Thema.objects.values_list("name", flat=True)) >= set(demo.THEMES)
    assert Thema.objects.count() >= 11
    assert set(Doelgroep.objects.values_list("name", flat=True)) >= set(demo.DOELGROEPEN)
    assert Organisatie.objects.filter(name__in=["Vluchtelingenwerk", "COA", "Nidos"]).count() == 3

    assert set(Beleidskader.objects.values_list("title", flat=True)) >= set(BELEIDSKADERS)
    assert Besluit.objects.count() >= 4
    assert Besluit.objects.filter(meeting_date="2023-07-14").exists()
    assert Parel.objects.count() >= 5
    assert Artikel.objects.count() >= 2

    knopen = Knoop.objects.all()
    assert knopen.count() >= 5
    assert len({knoop.status for knoop in knopen}) >= 3
    assert len({knoop.level for knoop in knopen}) >= 3

    abbreviations = set(Begrip.objects.values_list("abbreviation", flat=True))
    assert set(DOMAIN_ABBREVIATIONS) <= abbreviations
    assert (
        "alleenreizende minderjarige vluchteling"
        in Begrip.objects.get(abbreviation="AMV").expressions
    )

    assert not KennisItem.objects.not_live().exists(), "the demo is published"

    # Linked where the facts link them.
    assert Besluit.objects.get(meeting_date="2023-07-14").knopen.exists()
    assert Knoop.objects.filter(solutions__isnull=False).exists()

    # The adoption register across several gemeenten, and every quality level.
    assert Adoption.objects.exclude(gemeente=None).values("gemeente").distinct().count() >= 5
    assert set(Parel.objects.values_list("quality", flat=True)) == set(Parel.Quality.values)
    assert Adoption.objects.filter(parel__visibility="network").exists()
    assert Besluit.objects.filter(beleidskaders__isnull=False).exists()
    assert Besluit.objects.get(slug="colleges-instelling-rrvij").gemeenten.count() == 11
    # Meetings: one held, with outcomes and its Besluit, and one to come on the agenda.
    held = Vergadering.objects.get(meeting_status=Vergadering.Status.GEHOUDEN)
    assert held.agenda_items.exclude(outcome="").count() >= 3
    assert held.related_items.filter(besluit__isnull=False).exists()
    assert Besluit.objects.get(agenda_item__page=held).agenda_item.item.slug == (
        "achterstand-huisvesting-statushouders"
    )
    assert Vergadering.objects.filter(meeting_status=Vergadering.Status.GEPLAND).exists()
    assert held.knoop_changes.filter(knoop__slug="tekort-opvang-amv").exists()

    # Currency: an overdue item whose organisation has a mailbox, an archived one; every
    # published Parel, Knoop and Artikel has a "herzien vóór" date.
    overdue = KennisItem.objects.live().overdue()
    assert overdue.exclude(author_organisation__mailbox="").exists()
    archived = KennisItem.objects.exclude(archived_on=None).get()
    assert archived.archive_reason
    assert Organisatie.objects.filter(mailbox__endswith=".example.org").count() >= 3
    for model in (Parel, Knoop, Artikel):
        assert not model.objects.filter(review_before=None).exists()


@pytest.mark.django_db
def test_network_items_are_restricted(client):
    load_demo()
    network = KennisItem.objects.filter(visibility=Visibility.NETWORK)
    assert network.count() >= 3
    assert len({item.specific_class for item in network}) >= 3, "a mix of types"
    for item in network:
        assert PageViewRestriction.objects.filter(
            page=item, restriction_type=PageViewRestriction.LOGIN
        ).exists()
        assert client.get(item.url).status_code == 302

    public = KennisItem.objects.filter(visibility=Visibility.PUBLIC).first()
    assert client.get(public.url).status_code == 200


@pytest.mark.django_db
def test_running_twice_changes_nothing(settings):
    settings.DEBUG = True
    load_demo()
    before = snapshot()
    output = load_demo()
    assert snapshot() == before
    assert "overgeslagen" in output


@pytest.mark.django_db
def test_force_updates_without_duplicates():
    load_demo()
    before = snapshot()
    load_demo("--force")
    after = snapshot()
    del before["Revision"], after["Revision"]  # an update may record a new revision
    assert after == before


@pytest.mark.django_db
def test_accounts_with_debug(settings, client):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    output = load_demo()

    users = get_user_model().objects.filter(username__in=ACCOUNTS)
    assert users.count() == 3
    roles = {
        user.username: (user.groups.get().name, user.membership.organisation.name) for user in users
    }
    assert roles == {
        "redactie": ("Redactie", "Veiligheidsregio IJsselland"),
        "partner": ("Netwerkpartner", "Vluchtelingenwerk"),
        "gemeente": ("Gemeente", "Gemeente Raalte"),
    }
    assert users.get(username="gemeente").membership.gemeente.name == "Raalte"
    assert not users.filter(is_superuser=True).exists(), "the roles, not superuser rights"
    for account in demo.ACCOUNTS:
        assert f"{account['username']} / {account['password']}" in output
        # Through the real login form, as the login throttling sees it.
        response = client.post(
            "/admin/login/",
            {"username": account["username"], "password": account["password"]},
        )
        assert response.status_code == 302, account["username"]
        admin = client.get("/admin/")
        if account["group"] == "Redactie":  # two-factor first (docs/permissions.md)
            assert admin["Location"].startswith("/admin/tweestaps/instellen/")
        else:
            assert admin.status_code == 200
        client.logout()
    assert "http://127.0.0.1:8000/admin/" in output


@pytest.mark.django_db
def test_the_demo_accounts_follow_terms_knopen_and_a_search(settings):
    settings.DEBUG = True
    load_demo()
    follows = {
        username: sorted(
            Follow.objects.filter(user__username=username).values_list("kind", flat=True)
        )
        for username in ACCOUNTS
    }
    assert follows == {
        "partner": ["doelgroep", "knoop", "thema", "zoekopdracht"],
        "gemeente": ["gemeente", "knoop", "thema"],
        "redactie": ["knoop", "organisatie"],
    }
    assert DigestSettings.objects.get(user__username="gemeente").frequency == "daily"
    assert Follow.objects.get(kind="zoekopdracht").search == "q=taalcaf%C3%A9&type=parel"


@pytest.mark.django_db
def test_no_accounts_without_debug(settings):
    settings.DEBUG = False
    output = load_demo()
    assert not get_user_model().objects.filter(username__in=ACCOUNTS).exists()
    assert "geen demo-accounts" in output


@pytest.mark.django_db
def test_invalid_data_file_is_reported(tmp_path, monkeypatch):
    broken = tmp_path / "kennisbank.jsonl"
    broken.write_text('{"type": "parel", "slug": "zonder-titel"}\n', encoding="utf-8")
    monkeypatch.setattr(demo, "DATA_FILE", broken)
    with pytest.raises(CommandError, match="regel 1"):
        load_demo()
    assert not KennisItem.objects.exists()


def test_the_demo_holds_the_figures_of_the_source_documents(db):
    """Their own figures named by their source; the other gemeenten' figures say they are
    demo data; a second run adds nothing."""
    from kennisbank.models import Meting, Opgave

    load_demo()
    current = {
        (o.kind, o.where, o.period): o.current
        for o in Opgave.objects.select_related("gemeente").prefetch_related("metingen")
    }
    assert current["asielopvang", "Provincie Overijssel", "2023"].target == 4001
    assert current["asielopvang", "Regio IJsselland", "2023"].target == 1836
    assert current["crisisnoodopvang", "Regio IJsselland", "2023"].target == 450
    assert current["huisvesting-statushouders", "Raalte", "2023"].target == 105
    assert current["opvang-oekraiense-ontheemden", "Raalte", "2023"].realised == 265
    assert current["asielopvang", "Regio IJsselland", "2023"].source == (
        "brief van de provincie, november 2023"
    )
    zwolle = current["huisvesting-statushouders", "Zwolle", "eerste halfjaar 2023"]
    assert "demodata" in zwolle.source
    count = Meting.objects.count()
    load_demo()
    assert Meting.objects.count() == count

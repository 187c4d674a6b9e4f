"""Keeping the kennisbank current: the "herzien vóór" date (a default per type), the one
reminder to the contributing organisation, the Redactie's list of overdue items, and
archiving (banner; gone from feeds, home page and lists; shown only to whom may see it)."""

import datetime
import io
import json

import feedparser
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import (
    Artikel,
    Beleidskader,
    Besluit,
    KennisItem,
    Knoop,
    Organisatie,
    Parel,
    ReviewReminder,
    Visibility,
)
from tests.factories import create_item, create_member

MAILBOX = "redactie@vluchtelingenwerk.example.org"
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def organisation(db):
    return Organisatie.objects.create(name="Vluchtelingenwerk", mailbox=MAILBOX)


@pytest.fixture
def redacteur(db):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


@pytest.fixture
def partner(db):
    return create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk")


def remind():
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    return out.getvalue()


# ---------------------------------------------------------------------------- herzien vóór


def test_published_items_get_a_default_date_per_type(home):
    def due(model):
        item = create_item(model)
        return item.review_before, timezone.localdate(item.first_published_at)

    for model, months in [(Parel, 12), (Knoop, 6), (Artikel, 24)]:
        review_before, published = due(model)
        assert review_before.month == (published.month + months - 1) % 12 + 1
        assert (review_before - published).days in range(months * 28, months * 31 + 1)
    # A law or rule is reviewed when it changes, a decision is history: no default.
    assert create_item(Beleidskader).review_before is None
    assert create_item(Besluit).review_before is None
    # A draft has none yet; a date given is kept.
    assert create_item(Parel, publish=False).review_before is None
    given = datetime.date(2030, 1, 1)
    assert create_item(Parel, review_before=given).review_before == given


def test_the_date_is_shown_to_the_network_only(client, home, partner):
    parel = create_item(Parel, "Taalcafé", review_before=YESTERDAY)
    assert "Herzien vóór" not in client.get(parel.url).content.decode()
    client.force_login(partner)
    page = client.get(parel.url).content.decode()
    assert "Herzien vóór" in page
    assert f'<time datetime="{YESTERDAY.isoformat()}">' in page
    assert '<span class="overdue">verlopen</span>' in page


def test_one_reminder_when_an_item_becomes_overdue(home, organisation):
    parel = create_item(
        Parel, "Taalcafé", author_organisation=organisation, review_before=YESTERDAY
    )
    create_item(Parel, "Nog op tijd", author_organisation=organisation, review_before=TODAY)
    create_item(  # no mailbox: nobody to mail, the Redactie's dashboard shows it
        Parel, "Zonder mailbox", author_organisation=Organisatie.objects.create(name="Zonder"),
        review_before=YESTERDAY,
    )  # fmt: skip
    archived = create_item(
        Parel, "Gearchiveerd", author_organisation=organisation, review_before=YESTERDAY,
        archived_on=YESTERDAY, archive_reason="Vervangen.",
    )  # fmt: skip

    assert remind() == "1 herinnering(en) verstuurd.\n"
    [message] = mail.outbox
    assert message.to == [MAILBOX]
    assert "Taalcafé" in message.subject
    assert parel.full_url in message.body
    assert reverse("wagtailadmin_pages:edit", args=[parel.pk]) in message.body
    assert archived.title not in message.body

    assert remind() == "0 herinnering(en) verstuurd.\n", "a rerun sends nothing twice"
    assert len(mail.outbox) == 1
    assert ReviewReminder.objects.get().review_before == YESTERDAY

    # A new date that passes in its turn gets its own reminder.
    parel.review_before = YESTERDAY - datetime.timedelta(days=1)
    parel.save_revision().publish()
    assert remind() == "1 herinnering(en) verstuurd.\n"
    assert len(mail.outbox) == 2


def test_the_redactie_dashboard_lists_overdue_items(client, home, organisation, redacteur, partner):
    create_item(Parel, "Achterstallige parel", author_organisation=organisation,
                review_before=YESTERDAY)  # fmt: skip
    create_item(Artikel, "Actueel artikel", review_before=TODAY + datetime.timedelta(days=30))
    create_item(Parel, "Gearchiveerde parel", review_before=YESTERDAY, archived_on=YESTERDAY,
                archive_reason="Vervangen.")  # fmt: skip
    remind()

    client.force_login(redacteur)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Items waarvan de herzieningsdatum voorbij is" in page
    assert "Achterstallige parel" in page and f"verstuurd op {TODAY:%-d}" in page
    assert "Actueel artikel" not in page and "Gearchiveerde parel" not in page

    for user in [partner, create_member("raalte", GEMEENTE, "Gemeente Raalte")]:
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Items waarvan de herzieningsdatum voorbij is" not in page


# ---------------------------------------------------------------------------- archiving


def test_archiving_needs_a_date_and_a_reason(home):
    parel = create_item(Parel)
    parel.archived_on = TODAY
    with pytest.raises(ValidationError, match="zowel de datum als de reden"):
        parel.full_clean()
    parel.archived_on, parel.archive_reason = None, "Verouderd."
    with pytest.raises(ValidationError, match="zowel de datum als de reden"):
        parel.full_clean()


def test_only_the_redactie_archives_in_the_admin(client, home, redacteur, partner):
    parel = create_item(Parel)
    client.force_login(redacteur)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[parel.pk])).content.decode()
    assert 'name="archived_on"' in editor and 'name="archive_reason"' in editor
    assert 'name="review_before"' in editor
    parel.owner = partner
    parel.save()
    client.force_login(partner)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[parel.pk])).content.decode()
    assert 'name="review_before"' in editor
    assert 'name="archived_on"' not in editor and 'name="archive_reason"' not in editor


@pytest.fixture
def archived(home):
    return create_item(
        Parel,
        "Oude taalcoach",
        summary="Een werkwijze van vroeger.",
        themes=["Taal"],
        archived_on=datetime.date(2024, 6, 1),
        archive_reason="Vervangen door de landelijke taalaanpak.",
    )


@pytest.fixture
def current(home):
    return create_item(Parel, "Nieuwe taalcoach", summary="De werkwijze van nu.", themes=["Taal"])


def test_an_archived_item_shows_a_banner(client, archived):
    page = client.get(archived.url).content.decode()
    assert "Gearchiveerd op" in page and '<time datetime="2024-06-01">1 juni 2024</time>' in page
    assert "Vervangen door de landelijke taalaanpak." in page


def test_an_archived_item_leaves_feeds_home_and_lists(client, archived, current):
    for url in ["/feeds/", "/feeds/parels/", "/feeds/thema/taal/"]:
        titles = [entry.title for entry in feedparser.parse(client.get(url).content).entries]
        assert titles == ["Nieuwe taalcoach"], url
    home_page = client.get("/").content.decode()
    assert "Nieuwe taalcoach" in home_page and "Oude taalcoach" not in home_page
    section = client.get(current.get_parent().url).content.decode()
    assert "Nieuwe taalcoach" in section and "Oude taalcoach" not in section
    assert list(KennisItem.objects.current().values_list("title", flat=True)) == [
        "Nieuwe taalcoach"
    ]


def test_an_archived_network_item_stays_private(client, home, partner):
    secret = create_item(
        Parel, "Oud netwerkitem", visibility=Visibility.NETWORK, archived_on=YESTERDAY,
        archive_reason="Verouderd.",
    )  # fmt: skip
    assert client.get(secret.url).status_code == 302  # to the login
    client.force_login(partner)
    assert "Verouderd." in client.get(secret.url).content.decode()


# ---------------------------------------------------------------------------- import and export


def test_dates_and_archive_go_out_and_back_in(home, client):
    from kennisbank.interchange import export_stream
    from tests.factories import run_import

    line = {"type": "parel", "slug": "oud", "title": "Oude parel", "summary": "Vroeger."}
    line |= {"date": "2022-01-01", "archived_on": "2024-06-01", "archive_reason": "Vervangen."}
    new = {"type": "artikel", "slug": "nieuw", "title": "Nieuw", "summary": "Nu."}
    run_import(line, new | {"date": "2024-01-01"})
    parel, artikel = Parel.objects.get(), Artikel.objects.get()
    assert (parel.archived_on.isoformat(), parel.archive_reason) == ("2024-06-01", "Vervangen.")
    published = timezone.localdate(artikel.first_published_at)
    assert artikel.review_before.year == published.year + 2, "its type's default"
    stream = io.StringIO()
    export_stream(stream)
    exported = {row["slug"]: row for row in map(json.loads, stream.getvalue().splitlines())}
    assert exported["oud"]["archived_on"] == "2024-06-01"
    assert exported["nieuw"]["review_before"] == artikel.review_before.isoformat()
    assert "Oude parel" not in client.get("/feeds/").content.decode()
    found = client.get("/api/zoeken/", {"q": "vroeger", "gearchiveerd": "1"}).json()
    assert [result["title"] for result in found["results"]] == ["Oude parel"]

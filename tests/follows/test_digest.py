"""The digest by e-mail, as its recipient reads it: what is new or changed for what they
follow, grouped per follow, only what they may see, nothing when nothing is new, never twice,
and an unsubscribe link that needs no login."""

import datetime
import re
import time

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from kennisbank.follows.digest import due_users
from kennisbank.follows.mails import SALT
from kennisbank.follows.tasks import send_digest_task
from kennisbank.models import DigestSettings, Follow, Gemeente, Knoop, Parel, Visibility
from tests.factories import create_item
from tests.follows.conftest import follows, restrict_to_redactie, theme

HOUSING = "Huisvesting statushouders"


def send_digests():
    call_command("send_digests", stdout=open("/dev/null", "w"))


def published_before(item):
    """As if the item was published before the last digest (eight days ago)."""
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    type(item).objects.filter(pk=item.pk).update(
        first_published_at=ten_days_ago, last_published_at=ten_days_ago
    )


def section(text, heading):
    """The part of a digest under one follow's heading."""
    start = text.index(f"== {heading} ==")
    end = text.find("\n== ", start + 1)
    return text[start : end if end > 0 else text.index("Wat je volgt en hoe vaak")]


def html_of(message):
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    return html


def test_a_weekly_digest_groups_new_items_per_follow_with_summaries_and_links(partner):
    knoop = create_item(Knoop, "Te weinig woningen", gemeenten=["Raalte"])
    follows(
        partner,
        (Follow.Kind.THEMA, theme(HOUSING)),
        (Follow.Kind.GEMEENTE, Gemeente.objects.get(name="Raalte")),
        (Follow.Kind.KNOOP, knoop),
        (Follow.Kind.SEARCH, "q=taalcaf%C3%A9"),
    )
    published_before(knoop)
    create_item(Parel, "Flexwoningen in Raalte", summary="Snel gebouwd.", themes=[HOUSING],
                gemeenten=["Raalte"])  # fmt: skip
    create_item(Parel, "Taalcafé in Zwolle", summary="Wekelijks Nederlands oefenen.")
    create_item(Parel, "Iets anders", themes=["Zorg"])

    send_digests()

    (message,) = mail.outbox
    assert message.to == ["partner@example.org"]
    assert (
        message.subject == "Nieuw in Kennisbank Vluchtelingen IJsselland: 3 items over wat je volgt"
    )
    text = message.body
    assert "Dit is je wekelijkse samenvatting" in text
    flex = "- Nieuw (Parel): Flexwoningen in Raalte\n  Snel gebouwd."
    cafe = "- Nieuw (Parel): Taalcafé in Zwolle\n  Wekelijks Nederlands oefenen."
    assert flex in section(text, f"Thema: {HOUSING}")
    assert flex in section(text, "Gemeente: Raalte")
    assert cafe in section(text, "Zoekopdracht: ‘taalcafé’")
    assert cafe not in section(text, f"Thema: {HOUSING}")
    assert "Iets anders" not in text
    assert "Knoop: Te weinig woningen" not in text, "nothing new there"
    parel = Parel.objects.get(title="Flexwoningen in Raalte")
    assert f"{settings.SITE_URL}{parel.url}" in text
    html = html_of(message)
    assert f'<a href="{settings.SITE_URL}{parel.url}">Flexwoningen in Raalte</a>' in html
    assert f"<h2>Thema: {HOUSING}</h2>" in html
    unsubscribe = re.search(r"(http\S+/mijn-kennisbank/afmelden/\S+/)", text)[1]
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_changed_item_and_a_moved_knoop_are_listed_as_changed(partner):
    knoop = create_item(Knoop, "Te weinig woningen")
    follows(partner, (Follow.Kind.KNOOP, knoop))
    published_before(knoop)
    knoop = Knoop.objects.get(pk=knoop.pk)
    knoop.status = Knoop.Status.GEAGENDEERD
    knoop.save_revision().publish()

    send_digests()

    (alert, message) = mail.outbox
    assert alert.subject.startswith("Knoop gewijzigd")
    assert "== Knoop: Te weinig woningen ==\n\n- Gewijzigd (Knoop): Te weinig woningen" in (
        message.body
    )


def test_drafts_and_items_the_recipient_may_not_see_never_appear(partner, redacteur):
    for user in (partner, redacteur):
        follows(user, (Follow.Kind.THEMA, theme(HOUSING)), (Follow.Kind.SEARCH, "q=woningen"))
    create_item(Parel, "Openbare woningen", themes=[HOUSING])
    create_item(Parel, "Concept woningen", themes=[HOUSING], publish=False)
    published = create_item(Parel, "Netwerk woningen", themes=[HOUSING],
                            visibility=Visibility.NETWORK)  # fmt: skip
    secret = create_item(Parel, "Redactie woningen", themes=[HOUSING])
    restrict_to_redactie(secret)

    send_digests()

    by_user = {message.to[0]: message for message in mail.outbox}
    seen = by_user["partner@example.org"].body + html_of(by_user["partner@example.org"])
    assert "Openbare woningen" in seen
    assert published.title in seen, "network-only: every logged-in user of the network"
    assert "Concept woningen" not in seen
    assert "Redactie woningen" not in seen, "neither under the theme nor under the search"
    redactie = by_user["redacteur@example.org"].body
    assert redactie.count("(Parel): Redactie woningen") == 2, "theme and search, for the Redactie"
    assert "Concept woningen" not in redactie


def test_an_archived_item_leaves_the_digest(partner):
    follows(partner, (Follow.Kind.THEMA, theme(HOUSING)), (Follow.Kind.SEARCH, "q=regeling"))
    create_item(Parel, "Nieuwe regeling", themes=[HOUSING])
    create_item(Parel, "Oude regeling", themes=[HOUSING], archived_on=datetime.date.today(),
                archive_reason="Vervangen door de nieuwe regeling.")  # fmt: skip

    send_digests()

    (message,) = mail.outbox
    assert "Nieuwe regeling" in message.body
    assert "Oude regeling" not in message.body + html_of(message)


def test_nothing_new_sends_nothing_and_a_rerun_sends_nothing_twice(partner):
    follows(partner, (Follow.Kind.THEMA, theme(HOUSING)))
    send_digests()
    assert mail.outbox == [], "nothing was published"
    assert not due_users().exists(), "the period is done with all the same"

    DigestSettings.objects.filter(user=partner).update(
        sent_until=timezone.now() - datetime.timedelta(days=8)
    )
    create_item(Parel, "Flexwoningen", themes=[HOUSING])
    until = timezone.now().isoformat()
    send_digest_task.enqueue(partner.pk, until)
    send_digest_task.enqueue(partner.pk, until)  # queued twice for the same run
    send_digests()  # and the command run again
    assert len(mail.outbox) == 1


def test_daily_weekly_and_never(partner, gemeente, redacteur):
    follows(partner, (Follow.Kind.THEMA, theme(HOUSING)), frequency="daily", days_ago=1)
    follows(gemeente, (Follow.Kind.THEMA, theme(HOUSING)), frequency="weekly", days_ago=1)
    follows(redacteur, (Follow.Kind.THEMA, theme(HOUSING)), frequency="never", days_ago=30)
    create_item(Parel, "Flexwoningen", themes=[HOUSING])

    send_digests()

    assert [message.to for message in mail.outbox] == [["partner@example.org"]]
    assert "Dit is je dagelijkse samenvatting" in mail.outbox[0].body


def test_a_long_list_links_to_the_rest(partner):
    follows(partner, (Follow.Kind.THEMA, theme(HOUSING)))
    for number in range(12):
        create_item(Parel, f"Parel {number}", themes=[HOUSING])
    send_digests()
    (message,) = mail.outbox
    assert message.body.count("- Nieuw (Parel)") == 10
    slug = theme(HOUSING).slug
    assert f"En nog 2: {settings.SITE_URL}/zoeken/?thema={slug}&sort=date" in message.body


@pytest.fixture
def digest_link(client, partner):
    follows(partner, (Follow.Kind.THEMA, theme(HOUSING)))
    create_item(Parel, "Flexwoningen", themes=[HOUSING])
    send_digests()
    (message,) = mail.outbox
    return re.search(r"(http\S+/mijn-kennisbank/afmelden/\S+/)", message.body)[1]


def frequency(user):
    return DigestSettings.objects.get(user=user).frequency


def test_the_link_unsubscribes_without_a_login(client, partner, digest_link):
    path = digest_link.removeprefix(settings.SITE_URL)
    page = client.get(path).content.decode()
    assert "Wil je geen samenvattingen meer per e-mail ontvangen?" in page
    assert frequency(partner) == "weekly", "a mail scanner's GET changes nothing"
    page = client.post(path).content.decode()
    assert "Je bent afgemeld: je krijgt geen samenvattingen meer per e-mail." in page
    assert frequency(partner) == "never"


def test_a_mail_client_unsubscribes_in_one_click(client, partner, digest_link):
    path = digest_link.removeprefix(settings.SITE_URL)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert frequency(partner) == "never"


def test_a_tampered_or_expired_link_changes_nothing(client, partner, digest_link):
    path = digest_link.removeprefix(settings.SITE_URL)
    other = partner.pk + 1
    tampered = path.replace(f"digest:{partner.pk}:", f"digest:{other}:")
    assert tampered != path

    class SixtyOneDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 61 * 24 * 3600)

    expired = (
        f"/mijn-kennisbank/afmelden/{SixtyOneDaysAgo(salt=SALT).sign(f'digest:{partner.pk}')}/"
    )
    for url in (tampered, expired):
        response = client.post(url)
        assert response.status_code == 400
        assert "Deze afmeldlink is verlopen of klopt niet. Er is niets gewijzigd." in (
            response.content.decode()
        )
    assert frequency(partner) == "weekly"

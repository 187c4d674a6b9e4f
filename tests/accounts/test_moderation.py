"""Contribution and review: a partner submits, the Redactie approves or sends back with a
comment, everyone concerned hears of it by e-mail in Dutch, and the dashboard shows where each
contribution stands."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from kennisbank.accounts.roles import NETWERKPARTNER, REDACTIE
from kennisbank.models import KennisItem, Parel, ParelIndexPage
from tests.factories import create_form_data, create_member


@pytest.fixture
def people(home):
    return {
        "partner": create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk"),
        "redacteur": create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"),
        "eindredacteur": create_member("eindredacteur", REDACTIE, "Veiligheidsregio IJsselland"),
    }


def submit(client, partner, title="Taalcafé in de bibliotheek"):
    """The partner fills in a new Parel and submits it for review, as in the browser."""
    client.force_login(partner)
    url, data = create_form_data(
        client,
        Parel,
        ParelIndexPage.objects.get(),
        title=title,
        slug="taalcafe",
        summary="Statushouders oefenen Nederlands met vrijwilligers.",
        date="2024-03-01",
        **{"action-submit": "submit"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return Parel.objects.get(slug="taalcafe")


def review(client, reviewer, parel, action, comment=""):
    client.force_login(reviewer)
    task_state = parel.current_workflow_state.current_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[parel.pk, action, task_state.pk]),
        {"comment": comment},
    )


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_submission_goes_to_every_redactie_member_in_dutch(client, people):
    parel = submit(client, people["partner"])

    assert not parel.live
    assert parel.workflow_in_progress
    assert parel.current_workflow_state.workflow.name == "Redactiereview"
    assert parel.current_workflow_state.current_task_state.task.name == "Redactie"
    assert parel.author_organisation.name == "Vluchtelingenwerk", "signed automatically"
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {"redacteur@example.org", "eindredacteur@example.org"}
    for message in mail.outbox:
        assert "Taalcafé in de bibliotheek" in message.subject + message.body
        assert "ingediend" in (message.subject + message.body).lower(), message.subject


def test_approval_publishes_and_tells_the_author(client, people):
    parel = submit(client, people["partner"])
    mail.outbox.clear()

    review(client, people["redacteur"], parel, "approve", "Mooi voorbeeld.")

    parel = Parel.objects.get(pk=parel.pk)
    assert parel.live
    assert not parel.workflow_in_progress
    [message] = mail.outbox
    assert message.to == ["partner@example.org"]
    assert "goedgekeurd en gepubliceerd" in message.subject.lower(), message.subject
    assert "Taalcafé in de bibliotheek" in message.subject + message.body


def test_sending_back_tells_the_author_why(client, people):
    parel = submit(client, people["partner"])
    mail.outbox.clear()

    review(client, people["redacteur"], parel, "reject", "Graag de kosten per deelnemer noemen.")

    parel = Parel.objects.get(pk=parel.pk)
    assert not parel.live
    [message] = mail.outbox
    assert message.to == ["partner@example.org"]
    assert "Graag de kosten per deelnemer noemen." in message.body
    # A request for changes, not a rejection.
    assert "teruggestuurd met een wijzigingsverzoek" in message.subject, message.subject
    assert "afgekeurd" not in (message.subject + message.body).lower()


def test_dashboard_shows_each_contribution_with_its_status(client, people):
    partner = people["partner"]
    submitted = submit(client, partner, title="Ingediende parel")
    rejected = submit_and_reset_slug(client, partner, "Teruggestuurde parel")
    review(client, people["redacteur"], rejected, "reject", "Nog niet af.")
    approved = submit_and_reset_slug(client, partner, "Goedgekeurde parel")
    review(client, people["redacteur"], approved, "approve")

    page = dashboard(client, partner)
    assert "Mijn bijdragen" in page
    statuses = {item.title: status_on(page, item.title) for item in (submitted, rejected, approved)}
    assert statuses == {
        "Ingediende parel": "ter goedkeuring",
        "Teruggestuurde parel": "teruggestuurd",
        "Goedgekeurde parel": "gepubliceerd",
    }
    other = my_contributions(dashboard(client, people["eindredacteur"]))
    assert "Ingediende parel" not in other, "Mijn bijdragen shows the user's own"


def test_redactie_sees_what_waits_for_review_first(client, people):
    submit(client, people["partner"], title="Wacht op de redactie")
    page = dashboard(client, people["redacteur"])
    headings = WagtailTestUtils.get_soup(page).select("[data-panel-heading]")
    assert " ".join(headings[0].get_text().split()) == "In afwachting van jouw beoordeling"
    assert "Wacht op de redactie" in page


def test_one_name_for_waiting_for_review_throughout_the_dashboard(client, people):
    """Wagtail's panels and ours say "ter goedkeuring", never "in review" or "ter beoordeling"."""
    partner = people["partner"]
    submit(client, partner, title="Ingediend")
    page = " ".join(dashboard(client, partner).lower().split())
    assert "ter goedkeuring bij redactie" in page  # Wagtail's "your pages in a workflow"
    for other in ("in review", "ter beoordeling", "in afwachting redactiereview"):
        assert other not in page


def submit_and_reset_slug(client, partner, title):
    """A second or third submission: the slug of the form must be free."""
    KennisItem.objects.filter(slug="taalcafe").update(slug=f"taalcafe-{KennisItem.objects.count()}")
    return submit(client, partner, title=title)


def my_contributions(page):
    return page.split('id="mijn-bijdragen-content"', 1)[1].split("</section>", 1)[0]


def status_on(page, title):
    row = my_contributions(page).split(title, 1)[1].split("</tr>", 1)[0]
    for status in ("teruggestuurd", "ter goedkeuring", "gepubliceerd", "concept"):
        if status in row:
            return status
    return None

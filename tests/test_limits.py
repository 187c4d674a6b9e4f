"""Bounded input: a huge text makes no search slow or large, and the admin refuses one."""

import time

from django.urls import reverse

from kennisbank.accounts.roles import REDACTIE
from kennisbank.limits import MAX_TEXT_LENGTH
from kennisbank.models import Parel
from tests.accounts import create_member, edit_form_data
from tests.factories import create_item

FILLER = "De gemeente zoekt woonruimte en begeleiding voor nieuwe inwoners. " * 1500


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def test_a_huge_body_keeps_search_small_and_the_excerpt_from_its_start(client, home):
    item = create_item(Parel, "Statushouders in de wijk", summary="Over statushouders.")
    # Stored around the admin's limit (as an import or a script could): about 5 MB.
    tail = "Slotalinea " + "statushouders " * 50
    body = [paragraph(FILLER) for _ in range(50)] + [paragraph(tail)]
    Parel.objects.filter(pk=item.pk).update(body=body)

    started = time.monotonic()
    response = client.get("/api/zoeken/", {"q": "statushouders"})
    seconds = time.monotonic() - started
    assert response.status_code == 200
    assert len(response.content) < 100_000
    [result] = response.json()["results"]
    assert "<mark>statushouders</mark>" in result["highlight"]
    assert "Slotalinea" not in result["highlight"], "from the start of the text, not its end"
    assert seconds < 8, seconds


def test_the_admin_refuses_a_body_over_the_maximum(client, home):
    item = create_item(Parel, "Te lang verhaal")
    client.force_login(create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"))
    data = edit_form_data(client, item)
    data.update(
        {
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, "text": "'
            + "x" * (MAX_TEXT_LENGTH + 1)
            + '", "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[item.pk]), data)
    assert response.status_code == 200
    assert "De tekst is te lang: 1.000.001 tekens, ten hoogste 1.000.000 zijn toegestaan." in (
        response.content.decode()
    )
    assert not Parel.objects.get(pk=item.pk).get_latest_revision().as_object().body, "unchanged"

"""Who sees what: network-only items for members only, drafts and expired items for nobody,
in results, counts, facets, highlights, suggestions and autocomplete."""

import datetime

import pytest
from django.utils import timezone

from kennisbank.models import Knoop, Parel, Visibility
from tests.factories import create_item, create_user

SECRET = "Zwartboek"  # a word that appears only in hidden items


@pytest.fixture
def hidden(home):
    create_item(Parel, "Openbare parel over opvang", themes=["Zorg"], gemeenten=["Ommen"])
    network = create_item(
        Parel,
        f"{SECRET} netwerkparel",
        summary=f"{SECRET} opvang alleen voor het netwerk.",
        visibility=Visibility.NETWORK,
        themes=["Veiligheid"],
        gemeenten=["Kampen"],
    )
    draft = create_item(
        Knoop,
        f"{SECRET} conceptknoop",
        summary=f"{SECRET} opvang concept.",
        publish=False,
        themes=["Financiën"],
    )
    expired = create_item(Knoop, f"{SECRET} verlopen", summary=f"{SECRET} opvang verlopen.")
    expired.expire_at = timezone.now() - datetime.timedelta(days=1)
    expired.expired = True
    expired.save()
    return {"network": network, "draft": draft, "expired": expired}


def everything(client, q):
    """Every search output an anonymous or logged-in user can get for q, as one text."""
    outputs = [
        client.get("/api/zoeken/", {"q": q}).content,
        client.get("/api/zoeken/", {"q": ""}).content,
        client.get("/zoeken/", {"q": q}).content,
        client.get("/api/zoeken/suggesties/", {"q": SECRET[:4]}).content,
        client.get("/api/zoeken/suggesties/", {"q": q[:3]}).content,
        client.get("/api/zoeken/", {"q": "zwartbeok"}).content,  # a typo of the secret word
    ]
    return b"\n".join(outputs).decode()


def facet_values(client, q):
    facets = client.get("/api/zoeken/", {"q": q}).json()["facets"]
    return {name: {e["value"]: e["count"] for e in entries} for name, entries in facets.items()}


def test_anonymous_sees_no_hidden_item_anywhere(client, hidden):
    text = everything(client, "opvang")
    assert SECRET not in text
    assert SECRET.lower() not in text
    data = client.get("/api/zoeken/", {"q": "opvang"}).json()
    assert data["count"] == 1
    facets = facet_values(client, "opvang")
    assert facets["thema"] == {"zorg": 1}
    assert facets["gemeente"] == {"ommen": 1}
    assert facets["type"] == {"parel": 1}


def test_member_sees_network_items_but_no_drafts_or_expired(client, hidden):
    client.force_login(create_user())
    data = client.get("/api/zoeken/", {"q": "opvang"}).json()
    assert {(r["title"], r["visibility"]) for r in data["results"]} == {
        ("Openbare parel over opvang", "public"),
        (f"{SECRET} netwerkparel", "network"),
    }
    page = client.get("/zoeken/", {"q": SECRET}).content.decode()
    assert page.count("Alleen voor het netwerk</span>") == 1  # the network item's badge
    assert facet_values(client, "opvang")["thema"] == {"zorg": 1, "veiligheid": 1}
    suggestions = client.get("/api/zoeken/suggesties/", {"q": SECRET[:4]}).json()["suggestions"]
    assert [s["label"] for s in suggestions] == [f"{SECRET} netwerkparel"]
    text = everything(client, "opvang")
    assert "conceptknoop" not in text and "verlopen" not in text


def test_member_gets_typo_corrected_towards_network_item(client, hidden):
    client.force_login(create_user())
    answer = client.get("/api/zoeken/", {"q": "zwartbeok"}).json()
    assert answer["corrected"] == "zwartboek"
    assert [r["title"] for r in answer["results"]] == [f"{SECRET} netwerkparel"]
    literal = client.get("/api/zoeken/", {"q": "zwartbeok", "letterlijk": "1"}).json()
    assert literal["suggestion"] == "zwartboek"

"""An import stores new pages in bulk (kennisbank/interchange/bulk.py): afterwards the tree, the
revisions, the reference index and the search index are as Wagtail's one-at-a-time path leaves
them."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from kennisbank.interchange import writer
from kennisbank.models import Attachment, Knoop, Parel
from tests.factories import create_item, create_user, edit_form_data, run_import


def item(number, **fields):
    return {
        "type": "parel",
        "slug": f"parel-{number}",
        "title": f"Flexwoningen in dorp {number}",
        "summary": "Een dorp bouwde flexwoningen voor statushouders.",
        "date": "2024-03-01",
        "body": f"De zwaluwnesten bleven hangen.\n\nHuis nummer {number}.",
        "themes": ["Huisvesting statushouders"],
        **fields,
    }


def tree_problems():
    """What treebeard finds wrong with paths, depths and child counts: five empty lists."""
    return [list(problems) for problems in Page.find_problems()]


def test_tree_stays_valid_when_a_section_already_has_pages(home):
    earlier = create_item(Parel, "Een parel van vóór de import")
    run_import(*[item(n) for n in range(30)])
    run_import(item(30), item(31))

    assert tree_problems() == [[], [], [], [], []]
    section = earlier.get_parent()
    parels = section.get_children()
    assert section.numchild == parels.count() == 33
    assert parels.first().pk == earlier.pk  # new pages come after the existing ones
    parel = Parel.objects.get(slug="parel-31")
    assert parel.url_path == f"{section.url_path}parel-31/"
    assert parel.get_parent().pk == section.pk and parel.url == "/parels/parel-31/"


def test_each_page_has_one_published_revision_with_its_content(home):
    run_import(item(1, gemeenten=["Raalte"]))

    parel = Parel.objects.get(slug="parel-1")
    assert parel.live and not parel.has_unpublished_changes
    assert parel.revisions.count() == 1
    assert parel.latest_revision == parel.live_revision
    assert parel.first_published_at and parel.last_published_at
    revision = parel.latest_revision.as_object()
    assert revision.title == "Flexwoningen in dorp 1"
    assert [g.name for g in revision.gemeenten.all()] == ["Raalte"]
    logged = PageLogEntry.objects.filter(page=parel, action="wagtail.publish")
    assert logged.get().revision == parel.live_revision


def test_imported_pages_open_and_publish_in_the_admin(home, client):
    run_import(item(1))
    parel = Parel.objects.get(slug="parel-1")
    client.force_login(create_user("beheerder", is_superuser=True, is_staff=True))

    listing = client.get(reverse("wagtailadmin_explore", args=[parel.get_parent().pk]))
    assert listing.status_code == 200 and "Flexwoningen in dorp 1" in listing.content.decode()
    data = edit_form_data(client, parel, title="Flexwoningen in Raalte")
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[parel.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    parel.refresh_from_db()
    assert parel.title == "Flexwoningen in Raalte" and parel.revisions.count() == 2
    assert tree_problems() == [[], [], [], [], []]


def test_links_are_in_the_reference_index(home):
    run_import(
        item(1),
        {
            "type": "knoop",
            "slug": "te-weinig-woningen",
            "title": "Te weinig woningen",
            "summary": "Er zijn te weinig woningen.",
            "date": "2024-01-01",
            "owner": "COA",
            "solutions": ["parel-1"],
            "related": ["parel/parel-1"],
        },
    )
    knoop, parel = Knoop.objects.get(), Parel.objects.get()

    using_parel = ReferenceIndex.get_references_to(parel)
    assert {reference.object_id for reference in using_parel} == {str(knoop.pk)}
    assert ReferenceIndex.get_references_to(knoop.owner_organisation).exists()
    assert knoop.solutions.get() == parel and knoop.related_links.get().item_id == parel.pk


def test_imported_items_are_found_by_search_and_network_items_stay_private(home, client):
    run_import(*[item(n) for n in range(3)], item(3, visibility="network"))

    found = client.get("/api/zoeken/", {"q": "zwaluwnesten"}).json()
    assert found["count"] == 3
    assert {result["slug"] for result in found["results"]} == {"parel-0", "parel-1", "parel-2"}
    network = Parel.objects.get(slug="parel-3")
    assert client.get(network.url).status_code == 302  # to the login page

    client.force_login(create_user())
    assert client.get("/api/zoeken/", {"q": "zwaluwnesten"}).json()["count"] == 4


def test_an_imported_knoop_starts_its_timeline_where_it_stands(home, client):
    run_import(
        {
            "type": "knoop",
            "slug": "wachtlijst",
            "title": "Wachtlijst voor taallessen",
            "summary": "Statushouders wachten maanden op een taalles.",
            "date": "2024-05-01",
            "status": "geagendeerd",
        }
    )
    knoop = Knoop.objects.get()

    first = knoop.changes.get()
    assert (first.from_status, first.to_status) == ("", "geagendeerd")
    assert first.to_level == knoop.level
    page = client.get(knoop.url).content.decode()
    assert "<strong>Geagendeerd</strong>, niveau Regio" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_large_import_refreshes_the_planner_statistics(home, monkeypatch):
    monkeypatch.setattr(writer, "REFRESH_STATISTICS_AFTER", 3)
    run_import(*[item(n) for n in range(3)])

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'kennisbank_kennisitem'")
        assert cursor.fetchone()[0] == 3


def knoop(**fields):
    return {
        "type": "knoop",
        "slug": "wachtlijst",
        "title": "Wachtlijst voor taallessen",
        "summary": "Statushouders wachten maanden op een taalles.",
        "date": "2024-05-01",
        "status": "gesignaleerd",
        "body": "De zwaluwnesten bleven hangen.",
        **fields,
    }


def test_a_reimport_publishes_every_updated_page_as_a_new_revision(home, client):
    run_import(*[item(n) for n in range(3)], knoop())
    before = {page.pk: page.live_revision_id for page in Parel.objects.all()}
    run_import(
        *[item(n, title=f"Tiny houses in dorp {n}", body="De ooievaars kwamen terug.")
          for n in range(2)],
        item(2, visibility="network"),
        knoop(status="geagendeerd", body="De ooievaars kwamen terug."),
    )  # fmt: skip

    parel = Parel.objects.get(slug="parel-0")
    page = client.get(parel.url).content.decode()
    assert "Tiny houses in dorp 0" in page and "ooievaars" in page and "zwaluwnesten" not in page
    assert parel.revisions.count() == 2 and parel.live_revision_id != before[parel.pk]
    assert parel.live_revision == parel.latest_revision and not parel.has_unpublished_changes
    assert parel.live_revision.as_object().title == "Tiny houses in dorp 0"
    published = PageLogEntry.objects.filter(page=parel, action="wagtail.publish")
    assert published.count() == 2 and published.latest("pk").revision == parel.live_revision
    assert tree_problems() == [[], [], [], [], []]

    def found(words):
        return {r["slug"] for r in client.get("/api/zoeken/", {"q": words}).json()["results"]}

    assert found("ooievaars") == {"parel-0", "parel-1", "wachtlijst"}
    assert found("zwaluwnesten") == set()  # parel-2 has the old words, but is network-only now
    assert client.get(Parel.objects.get(slug="parel-2").url).status_code == 302  # to login

    moves = [(c.from_status, c.to_status) for c in Knoop.objects.get().changes.all()]
    assert moves == [("", "gesignaleerd"), ("gesignaleerd", "geagendeerd")]
    assert "<strong>Geagendeerd</strong>" in client.get(Knoop.objects.get().url).content.decode()


def test_a_reimport_replaces_links_and_references_and_keeps_attachments(home):
    run_import(item(1), item(2), knoop(solutions=["parel-1"], related=["parel/parel-1"]))
    knoop_page = Knoop.objects.get()
    document = Document.objects.create(title="Verslag", file=ContentFile(b"x", name="v.txt"))
    Attachment.objects.create(page=knoop_page, document=document)

    run_import(knoop(solutions=["parel-2"], related=["parel/parel-2"], themes=[]))
    knoop_page = Knoop.objects.get()
    assert [p.slug for p in knoop_page.solutions.all()] == ["parel-2"]
    assert [link.item.slug for link in knoop_page.related_links.all()] == ["parel-2"]
    assert not knoop_page.themes.exists()
    assert knoop_page.attachments.get().document == document
    referenced = {
        r.object_id for r in ReferenceIndex.get_references_to(Parel.objects.get(slug="parel-2"))
    }
    assert referenced == {str(knoop_page.pk)}
    assert not ReferenceIndex.get_references_to(Parel.objects.get(slug="parel-1")).exists()
    assert knoop_page.changes.count() == 1  # the status did not move


def test_a_reimport_costs_the_same_queries_for_four_items_as_for_twelve(home):
    """Updates go in bulk as creates do: a nightly sync of thousands of items takes a few
    statements per batch, not a few per item (each child relation the import does not set,
    such as Wagtail's comments, was read four times per page, and a Parel's adoptions once).
    Not counted: the database index's SQLite backend (modelsearch) updates an existing entry
    per statement, in the process, at a fraction of a millisecond each."""

    def queries_to_reimport(count):
        run_import(*[item(n) for n in range(count)])
        with CaptureQueriesContext(connection) as queries:
            run_import(*[item(n, summary="Bijgewerkt.") for n in range(count)])
        assert {p.summary for p in Parel.objects.all()} == {"Bijgewerkt."}
        return [q for q in queries if not q["sql"].startswith('UPDATE "wagtailsearch_indexentry"')]

    four = len(queries_to_reimport(4))
    assert len(queries_to_reimport(12)) <= four + 2

"""The index follows what editors do: publish, unpublish, delete, tags and vocabularies."""

import io
import json

from django.core.management import call_command
from django.test import Client
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from kennisbank.interchange import import_stream
from kennisbank.models import Parel, Thema
from search.engines import configured
from tests.factories import create_item, create_user, found_titles


def found(client, q):
    return found_titles(client, q=q)


def test_tag_added_and_published_is_findable_at_once(client, home):
    parel = create_item(Parel, "Taalcafé in de bibliotheek")
    assert found(client, "buddyproject") == []
    parel.tags.add("buddyproject")
    parel.save_revision().publish()
    assert found(client, "buddyproject") == ["Taalcafé in de bibliotheek"]


def test_edit_is_found_after_publishing_not_before(client, home):
    parel = create_item(Parel, "Taalcafé in de bibliotheek")
    parel.summary = "Vrijwilligers oefenen wekelijks Nederlands met nieuwkomers."
    parel.save_revision()
    assert found(client, "vrijwilligers") == []
    parel.get_latest_revision().publish()
    assert found(client, "vrijwilligers") == ["Taalcafé in de bibliotheek"]


def test_unpublished_and_deleted_items_disappear(client, home):
    kept = create_item(Parel, "Taalcafé in Ommen")
    gone = create_item(Parel, "Taalcafé in Kampen")
    assert sorted(found(client, "taalcafe")) == ["Taalcafé in Kampen", "Taalcafé in Ommen"]
    gone.unpublish()
    assert found(client, "taalcafe") == ["Taalcafé in Ommen"]
    kept.delete()
    assert found(client, "taalcafe") == []


def test_renamed_theme_is_found_by_its_new_name(client, home):
    create_item(Parel, "Spreekuur op de locatie", themes=["Zorg"])
    theme = Thema.objects.get(name="Zorg")
    theme.name = "Gezondheidszorg"
    theme.save()
    assert found(client, "gezondheidszorg") == ["Spreekuur op de locatie"]


def test_rebuilding_the_index_brings_changes_made_behind_its_back_into_search(client, home):
    create_item(Parel, "Spreekuur op de locatie", themes=["Zorg"], tags=["buddyproject"])
    create_item(Parel, "Taalcafé in Ommen", themes=["Onderwijs"])
    # Renamed in bulk, as an operator might: no signal reaches the index.
    Thema.objects.filter(name="Zorg").update(name="Gezondheidszorg")
    Tag.objects.filter(name="buddyproject").update(name="maatjesproject")
    assert found(client, "maatjesproject") == []

    call_command("update_index", verbosity=0)

    assert found(client, "gezondheidszorg") == ["Spreekuur op de locatie"]
    assert found(client, "maatjesproject") == ["Spreekuur op de locatie"]
    assert found(client, "buddyproject") == []
    assert found(client, "taalcafe") == ["Taalcafé in Ommen"]


def test_imported_items_are_indexed_with_their_tags_and_themes(client, db):
    line = {
        "type": "knoop",
        "slug": "wachtlijst-taalles",
        "title": "Wachtlijst voor taalles",
        "summary": "Nieuwkomers wachten maanden op een plek.",
        "body": "Taalaanbieders hebben te weinig docenten.",
        "date": "2023-10-01",
        "themes": ["Inburgering en begeleiding"],
        "tags": ["wachtlijsten"],
    }
    import_stream(io.StringIO(json.dumps(line)))
    for word in ("docent", "wachtlijsten", "inburgering"):
        assert found(client, word) == ["Wachtlijst voor taalles"], word


def test_restricting_a_section_hides_what_lies_below_it_at_once(client, home):
    create_item(Parel, "Taalcafé in Ommen")
    section = Page.objects.get(slug="parels")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert found(client, "taalcafe") == []
    client.force_login(create_user())
    assert found(client, "taalcafe") == ["Taalcafé in Ommen"]
    client.logout()
    restriction.delete()
    assert found(client, "taalcafe") == ["Taalcafé in Ommen"]


def test_an_item_moved_below_a_restricted_page_is_hidden_and_back_again(client, home):
    item = create_item(Parel, "Taalcafé in Ommen")
    section = item.get_parent()
    closed = home.add_child(instance=Page(title="Besloten", slug="besloten"))
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    Page.objects.get(pk=item.pk).move(Page.objects.get(pk=closed.pk), pos="last-child")
    assert found(client, "taalcafe") == []
    Page.objects.get(pk=item.pk).move(Page.objects.get(pk=section.pk), pos="last-child")
    assert found(client, "taalcafe") == ["Taalcafé in Ommen"]


def test_update_index_shows_its_progress_and_swaps_in_a_new_engine_index(client, home):
    create_item(Parel, "Taalcafé in Ommen")
    create_item(Parel, "Spreekuur op de locatie")
    before = configured().current()
    output = io.StringIO()
    call_command("update_index", stdout=output)
    assert "embedded: [########################################] 2/2" in output.getvalue()
    assert "embedded: indexed 2 items" in output.getvalue()
    assert configured().current() != before
    assert found(client, "taalcafe") == ["Taalcafé in Ommen"]


def test_publishing_reads_an_items_relations_once_for_both_indexes(
    home, django_assert_max_num_queries
):
    """Each index (the engine's, the database's) needs every vocabulary, the tags and the
    attachments: read once, not once per text and per index (227 queries here before),
    and not at all for the draft revision, which changes nothing either index holds."""
    parel = create_item(
        Parel, "Taalcafé in de bibliotheek", publish=False, themes=["Taal"], gemeenten=["Zwolle"]
    )
    parel.tags.add("buddyproject")
    with django_assert_max_num_queries(130):
        parel.save_revision().publish()
    assert found_titles(Client(), q="buddyproject zwolle") == ["Taalcafé in de bibliotheek"]

"""A page of results comes from the engine alone: each item's document keeps what its result
shows (search/index.py, `shown_of`). On the embedded engine and on OpenSearch (osmem-server)
it is what the database would show, it follows every change an editor makes, and it is given
only with a hit the visitor may see."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page, PageViewRestriction

from kennisbank.models import (
    Artikel,
    Attachment,
    KennisItem,
    Knoop,
    Organisatie,
    Parel,
    Thema,
    Visibility,
)
from tests.factories import create_item, create_meeting, create_user, mark_applied, search_api
from tests.search.test_external import use_engine


@pytest.fixture(params=["embedded", "opensearch"])
def engine(request, settings, home):
    if request.param == "embedded":
        yield "embedded"
        return
    with request.getfixturevalue("osmem").clone() as cluster:
        use_engine(settings, "opensearch", cluster.url)
        yield "opensearch"


def answer(client, engine, **params):
    found = search_api(client, **params)
    assert found["backend"] == engine  # not the database's fallback
    return found


def the_result(client, engine, q, **params):
    [result] = answer(client, engine, q=q, **params)["results"]
    return result


def republish(item, **changes):
    item = KennisItem.objects.get(pk=item.pk).specific
    for name, value in changes.items():
        setattr(item, name, value)
    item.save_revision().publish()
    return item


def attach_text(item, title, text):
    """A text document attached to a published item (read at once, as the tests run tasks)."""
    document = Document.objects.create(
        title=title, file=ContentFile(text.encode(), name=f"{title.lower()}.txt")
    )
    Attachment.objects.create(page=item, document=document)
    item.save_revision().publish()
    return document


# ------------------------------------------------------------- the same as the database


QUERIES = [
    {"q": "opvang"},
    {"q": "kraanvogelverslag"},  # only in an attachment
    {"q": "opvang", "gearchiveerd": "1"},
    {"type": "parel"},
    {"q": "opvang", "sort": "date", "per_page": "2", "page": "2"},
]


def everything(client):
    """Each query's answer, its results by relevance in address order: PostgreSQL's own
    ranking differs from the engines'."""
    found = {}
    for params in QUERIES:
        found[str(params)] = answer = search_api(client, **params)
        if "sort" not in params:
            answer["results"].sort(key=lambda result: result["url"])
    return found


def test_results_are_what_the_database_shows_to_each_visitor(client, engine, settings):
    parel = create_item(Parel, "Opvang in de sporthal", themes=["Opvang", "Zorg"])
    mark_applied(parel, "Zwolle")
    owner = Organisatie.objects.create(name="Vluchtelingenwerk")
    create_item(Knoop, "Wachtlijst voor opvang", owner_organisation=owner)
    create_item(Artikel, "Geheime opvang", visibility=Visibility.NETWORK, themes=["Opvang"])
    create_item(
        Parel,
        "Oude opvang",
        archived_on=datetime.date(2024, 2, 1),
        archive_reason="Vervangen door nieuw beleid.",
    )
    attach_text(create_item(Parel, "Verslag"), "Bijlage", "Het kraanvogelverslag over opvang.")
    from_engine = everything(client)
    client.force_login(create_user())
    from_engine_member = everything(client)
    assert answer(client, engine, q="opvang")["count"] > from_engine[str(QUERIES[0])]["count"]

    use_engine(settings, "database")
    for found in (*from_engine.values(), *from_engine_member.values()):
        found["backend"] = "database"
    by_database_member = everything(client)
    client.logout()
    by_database = everything(client)
    for found in (*by_database.values(), *by_database_member.values()):
        found["backend"] = "database"
    assert from_engine_member == by_database_member
    assert from_engine == by_database


# ----------------------------------------------------------------- kept current


def test_a_new_title_summary_and_date_are_shown_once_published(client, engine):
    item = create_item(Parel, "Taalcafé in Ommen", summary="Wekelijks in de bibliotheek.")
    republish(
        item,
        title="Taalcafé in Dalfsen",
        summary="Elke dinsdag in de bibliotheek.",
        date=datetime.date(2024, 3, 1),
    )
    result = the_result(client, engine, "bibliotheek")
    assert (result["title"], result["summary"], result["date"]) == (
        "Taalcafé in Dalfsen",
        "Elke dinsdag in de bibliotheek.",
        "2024-03-01",
    )
    assert "dinsdag" in result["highlight"]


def test_a_renamed_theme_is_shown_by_its_new_name(client, engine):
    create_item(Parel, "Spreekuur op de locatie", themes=["Zorg", "Opvang"])
    theme = Thema.objects.get(name="Zorg")
    theme.name = "Gezondheidszorg"
    theme.save()
    assert the_result(client, engine, "spreekuur")["themes"] == ["Gezondheidszorg", "Opvang"]


def test_a_moved_item_is_shown_at_its_new_address(client, engine):
    item = create_item(Parel, "Taalcafé in Ommen")
    assert the_result(client, engine, "taalcafe")["url"] == item.url
    elsewhere = Page.objects.get(slug="artikelen")
    Page.objects.get(pk=item.pk).move(elsewhere, pos="last-child")
    moved = Page.objects.get(pk=item.pk)
    assert moved.url.startswith("/artikelen/")
    assert the_result(client, engine, "taalcafe")["url"] == moved.url


def test_a_renamed_organisation_is_shown_in_the_text_that_names_it(client, engine):
    owner = Organisatie.objects.create(name="Stichting Wegwijs")
    create_item(
        Knoop, "Wachtlijst taalles", summary="Te weinig docenten.", owner_organisation=owner
    )
    assert "Wegwijs" in the_result(client, engine, "wachtlijst")["highlight"]
    owner.name = "Stichting Koerswijzer"
    owner.save()
    assert "Koerswijzer" in the_result(client, engine, "koerswijzer")["highlight"]
    assert "Wegwijs" not in the_result(client, engine, "wachtlijst")["highlight"]


def test_a_renamed_or_deleted_attachment_is_shown_as_it_now_is(client, engine):
    item = create_item(Parel, "Taalcafé in Ommen")
    document = attach_text(item, "Notulen", "Het kraanvogelverslag van maart.")
    assert the_result(client, engine, "kraanvogelverslag")["document"] == "Notulen"
    document.title = "Notulen maart"
    document.save()
    assert the_result(client, engine, "kraanvogelverslag")["document"] == "Notulen maart"
    document.delete()
    assert answer(client, engine, q="kraanvogelverslag")["results"] == []


def test_an_adoption_and_archiving_are_shown_in_the_result(client, engine):
    parel = create_item(Parel, "Buddy voor statushouders")
    assert the_result(client, engine, "buddy")["toegepast"] == 0
    mark_applied(parel, "Deventer")
    mark_applied(parel, "Kampen")
    assert the_result(client, engine, "buddy")["toegepast"] == 2
    republish(parel, archived_on=datetime.date(2025, 1, 6), archive_reason="Afgerond.")
    assert the_result(client, engine, "buddy", gearchiveerd="1")["gearchiveerd"] == "2025-01-06"


# ---------------------------------------------------------------------------- privacy


def words_reach(client, *words):
    """Whether any of these words is anywhere in what the search API answers for each (but
    the query it repeats)."""
    for q in words:
        found = search_api(client, q=q)
        del found["query"]
        if any(word.casefold() in json.dumps(found).casefold() for word in words):
            return True
    return False


def test_what_a_network_only_item_shows_never_reaches_an_anonymous_visitor(client, engine):
    create_item(
        Parel,
        "Kwartiermaker Zebravink",
        summary="Het ibisoverleg met de wethouder.",
        visibility=Visibility.NETWORK,
    )
    item = create_item(Parel, "Spreekuur Pelikaan", summary="Het reigeroverleg in de wijk.")
    assert not words_reach(client, "zebravink", "ibisoverleg", "zebravnik")
    client.force_login(create_user())
    assert the_result(client, engine, "ibisoverleg")["title"] == "Kwartiermaker Zebravink"
    client.logout()

    # A public item made network-only, and one below a section restricted in Wagtail's dialog.
    republish(item, visibility=Visibility.NETWORK)
    assert not words_reach(client, "pelikaan", "reigeroverleg")
    republish(item, visibility=Visibility.PUBLIC)
    assert the_result(client, engine, "pelikaan")["visibility"] == "public"
    PageViewRestriction.objects.create(
        page=Page.objects.get(slug="parels"), restriction_type=PageViewRestriction.LOGIN
    )
    assert not words_reach(client, "pelikaan", "reigeroverleg")


def test_a_meeting_no_longer_shows_an_agenda_item_made_network_only(client, engine):
    knoop = create_item(Knoop, "Zorgkosten Ooievaar")
    create_meeting(
        "Regietafel over huisvesting",
        summary="De regietafel bespreekt de huisvesting.",
        points=[{"item": knoop, "proposal": "Voorstel."}],
    )
    assert "Ooievaar" in the_result(client, engine, "regietafel")["highlight"]
    republish(knoop, visibility=Visibility.NETWORK)
    assert "Ooievaar" not in the_result(client, engine, "regietafel")["highlight"]
    assert not words_reach(client, "ooievaar")
    republish(knoop, visibility=Visibility.PUBLIC, title="Zorgkosten Kraanvogel")
    assert "Kraanvogel" in the_result(client, engine, "regietafel")["highlight"]
    KennisItem.objects.get(pk=knoop.pk).specific.unpublish()
    assert "Kraanvogel" not in the_result(client, engine, "regietafel")["highlight"]
    republish(knoop)
    assert "Kraanvogel" in the_result(client, engine, "regietafel")["highlight"]
    KennisItem.objects.get(pk=knoop.pk).delete()
    assert "Kraanvogel" not in the_result(client, engine, "regietafel")["highlight"]

"""What the network searches: counted per day and query without user or address, kept 90
days, reported to the Redactie only, and a query without results made a synonym in one step."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from kennisbank.accounts.roles import NETWERKPARTNER, REDACTIE
from kennisbank.models import Begrip, Identity, Parel
from search.models import SearchTerm
from tests.factories import create_begrip, create_item, create_member, found_titles


def test_a_search_typed_on_the_page_is_counted_without_who_asked(client, home):
    create_item(Parel, "Taalcafé", summary="Nederlands oefenen.")
    client.get("/zoeken/", {"q": "Taalcafé"})
    client.get("/zoeken/", {"q": "taalcafé "})
    client.get("/zoeken/", {"q": "fietsles"})
    # Ticking a filter refreshes the page: not another search.
    client.get("/zoeken/", {"q": "fietsles", "type": "parel"}, HTTP_X_FILTER_REFRESH="1")
    rows = {t.query: t for t in SearchTerm.objects.all()}
    assert (rows["taalcafé"].searches, rows["taalcafé"].without_results) == (2, 0)
    assert (rows["fietsles"].searches, rows["fietsles"].without_results) == (1, 1)
    # Nothing that says who searched.
    assert {f.name for f in SearchTerm._meta.fields} == {
        "id",
        "day",
        "query",
        "searches",
        "without_results",
        "opened",
    }


def test_the_same_search_asked_again_is_answered_from_the_kept_page_and_counted_again(client, home):
    """The search page is kept for visitors without a session (kennisbank/public/cache.py),
    yet every search counts: a kept answer does nothing but the count."""
    # The site's identity settings, which the first page view would otherwise create.
    Identity.for_site(Site.objects.get(is_default_site=True))
    create_item(Parel, "Taalcafé", summary="Nederlands oefenen.")
    first = client.get("/zoeken/", {"q": "taalcafé"})
    with CaptureQueriesContext(connection) as queries:
        again = [client.get("/zoeken/", {"q": "taalcafé"}) for _ in range(2)]
        refreshed = client.get("/zoeken/", {"q": "taalcafé"}, HTTP_X_FILTER_REFRESH="1")
    assert [response.content for response in again] == [first.content] * 2
    assert refreshed.content == first.content
    assert queries.captured_queries
    assert all(SearchTerm._meta.db_table in q["sql"] for q in queries.captured_queries)
    assert SearchTerm.objects.get(query="taalcafé").searches == 3
    # No browser or proxy may answer it in our place.
    assert "no-cache" in first["Cache-Control"]


def test_an_opened_result_is_counted_for_its_query(client, home):
    create_item(Parel, "Taalcafé", summary="Nederlands oefenen.")
    client.get("/zoeken/", {"q": "taalcafé"})
    assert client.post("/zoeken/geopend/", {"q": "Taalcafé"}).status_code == 204
    assert SearchTerm.objects.get(query="taalcafé").opened == 1
    assert client.get("/zoeken/geopend/").status_code == 405


def test_what_is_older_than_ninety_days_is_forgotten(client, home):
    old = timezone.localdate() - datetime.timedelta(days=91)
    SearchTerm.objects.create(day=old, query="oud", searches=3)
    kept = timezone.localdate() - datetime.timedelta(days=89)
    SearchTerm.objects.create(day=kept, query="recent", searches=1)
    client.get("/zoeken/", {"q": "nieuw"})
    assert set(SearchTerm.objects.values_list("query", flat=True)) == {"recent", "nieuw"}


def test_only_the_redactie_reads_the_report_and_makes_a_synonym_in_one_step(client, home):
    create_item(Parel, "Gastgezinnen", summary="Opvang van ontheemden bij mensen thuis.")
    begrip = create_begrip("gastgezin")
    for _ in range(2):
        client.get("/zoeken/", {"q": "logeeradres"})
    client.force_login(create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk"))
    denied = client.get("/admin/zoekvragen/", follow=True)
    assert "logeeradres" not in denied.content.decode()
    assert "Wat het netwerk zoekt" not in denied.content.decode()  # nor in the menu
    client.force_login(create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"))
    page = client.get("/admin/zoekvragen/").content.decode()
    assert "Zonder resultaten" in page and "logeeradres" in page
    response = client.post(
        "/admin/zoekvragen/synoniem/", {"query": "logeeradres", "begrip": begrip.pk}, follow=True
    )
    assert "‘logeeradres’ is nu een synoniem van gastgezin." in response.content.decode()
    assert Begrip.objects.get(pk=begrip.pk).synonym_list == ["logeeradres"]
    assert found_titles(client, q="logeeradres") == ["Gastgezinnen"]


def test_searches_through_the_api_are_not_counted(client, home):
    client.get("/api/zoeken/", {"q": "taalcafé"})
    assert not SearchTerm.objects.exists()

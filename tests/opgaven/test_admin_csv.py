"""The CSV import and export in the admin (Opgaven, CSV importeren): the checks of
`import_opgaven`, all or nothing, each error named by row and column; a Gemeente user imports
and exports their own gemeente's figures only, the Redactie everyone's, a Netwerkpartner none."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Gemeente, Meting, Opgave, Visibility
from kennisbank.opgaven import admin_csv
from kennisbank.opgaven.csvfile import COLUMNS
from tests.factories import add_opgave

IMPORT = reverse("opgaven_csv:import")
EXPORT = reverse("opgaven_csv:export")
HEADER = ",".join(COLUMNS)
RAALTE = "huisvesting-statushouders,gemeente,Raalte,2024,1,2024-03-01,60,12,brief,,openbaar"
ZWOLLE = "huisvesting-statushouders,gemeente,Zwolle,2024,1,2024-03-01,150,90,brief,,"
REGIO = "asielopvang,regio,,2024,,2024-03-01,1900,,brief van de provincie,,"


@pytest.fixture
def opgaven(members):
    add_opgave(gemeente="Raalte")
    add_opgave(gemeente="Zwolle", visibility=Visibility.NETWORK)
    add_opgave(kind=Opgave.Kind.CNO, half=0, figures=((450, None),))


def upload(client, *rows, content=None):
    content = content if content is not None else "\n".join([HEADER, *rows]).encode()
    file = SimpleUploadedFile("opgaven.csv", content, content_type="text/csv")
    return client.post(IMPORT, {"file": file}, follow=True)


def snapshot():
    return (
        list(Opgave.objects.order_by("pk").values_list()),
        list(Meting.objects.order_by("pk").values_list()),
    )


def test_the_redactie_imports_every_scope_and_is_told_how_much(client, members, opgaven):
    client.force_login(members[REDACTIE])
    response = upload(client, RAALTE, ZWOLLE, REGIO)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("opgaven:index")
    assert "3 metingen geïmporteerd, 3 nieuwe opgaven." in page
    assert Opgave.objects.get(kind=Opgave.Kind.ASIEL, scope="regio").current.target == 1900
    later = RAALTE.replace("2024-03-01,60,12", "2024-05-01,60,30")
    assert "1 meting geïmporteerd, 0 nieuwe opgaven." in upload(client, later).content.decode()
    assert Opgave.objects.get(gemeente__name="Raalte", year=2024).current.realised == 30


def test_an_error_lists_row_and_column_and_nothing_is_written(client, members, opgaven):
    client.force_login(members[REDACTIE])
    before = snapshot()
    wrong = RAALTE.replace(",60,12,", ",zestig,12,")
    page = upload(client, REGIO, wrong, ZWOLLE.replace("gemeente,Zwolle", "gemeente,Atlantis"))
    page = page.content.decode()
    assert "Niets geïmporteerd: 2 fouten." in page
    assert "regel 3: kolom doel: Voer een geheel getal in" in page
    assert "regel 4: kolom gemeente: Selecteer een geldige keuze" in page
    assert snapshot() == before


def test_a_file_that_is_no_utf8_csv_changes_nothing(client, members, opgaven):
    client.force_login(members[REDACTIE])
    before = snapshot()
    page = upload(client, content="soort;schaal\nasielopvang;régio\n".encode("latin-1"))
    assert "het bestand is geen leesbare CSV in UTF-8" in page.content.decode()
    assert snapshot() == before
    page = client.post(IMPORT, {}).content.decode()
    assert "Dit is een verplicht veld." in page


def test_a_gemeente_user_imports_only_their_own_gemeente(client, members, opgaven):
    client.force_login(members[GEMEENTE])
    assert "alleen cijfers van je eigen gemeente: Raalte" in client.get(IMPORT).content.decode()
    before = snapshot()
    page = upload(client, RAALTE, ZWOLLE, REGIO).content.decode()
    assert "Niets geïmporteerd: 2 fouten." in page
    assert (
        "regel 3: kolom gemeente: je mag alleen cijfers van je eigen gemeente importeren "
        "(Raalte)" in page
    )
    assert "regel 4: kolom schaal: je mag alleen cijfers van je eigen gemeente importeren" in page
    assert snapshot() == before
    page = upload(client, RAALTE).content.decode()
    assert "1 meting geïmporteerd, 1 nieuwe opgave." in page
    assert Opgave.objects.get(gemeente__name="Raalte", year=2024).current.target == 60


def test_a_netwerkpartner_has_no_import_or_export(client, members, opgaven):
    client.force_login(members[NETWERKPARTNER])
    before = snapshot()
    file = SimpleUploadedFile("opgaven.csv", f"{HEADER}\n{RAALTE}\n".encode())
    for response in (client.get(IMPORT), client.post(IMPORT, {"file": file}), client.get(EXPORT)):
        # The admin answers a refusal with its home page and a message.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert snapshot() == before
    refused = client.get(EXPORT, follow=True).content.decode()
    assert "Sorry, je hebt geen toegang tot dit gedeelte." in refused
    assert HEADER not in refused
    assert "CSV importeren" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_is_sent_to_the_login(client, opgaven):
    for url in (IMPORT, EXPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", [REDACTIE, GEMEENTE])
def test_the_menu_and_the_listing_offer_import_and_export(client, members, opgaven, role):
    client.force_login(members[role])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "CSV importeren" in home and "Opgaven en cijfers" in home
    listing = client.get(reverse("opgaven:index")).content.decode()
    assert f'href="{EXPORT}"' in listing and "CSV exporteren" in listing
    assert f'href="{IMPORT}"' in listing


def test_the_export_is_export_opgaven_for_what_the_user_may_edit(client, members, opgaven):
    client.force_login(members[REDACTIE])
    response = client.get(EXPORT)
    assert response["Content-Disposition"] == 'attachment; filename="opgaven.csv"'
    everything = io.StringIO()
    call_command("export_opgaven", stdout=everything)
    assert response.content.decode() == everything.getvalue()
    assert ",Zwolle," in everything.getvalue()

    client.force_login(members[GEMEENTE])
    rows = client.get(EXPORT).content.decode().splitlines()
    assert rows[0] == HEADER
    assert [row.split(",")[2] for row in rows[1:]] == ["Raalte"]
    assert Gemeente.objects.filter(name="Zwolle").exists()


def test_a_file_too_large_is_refused_before_it_is_read(client, members, opgaven, monkeypatch):
    monkeypatch.setattr(admin_csv, "MAX_SIZE", 100)
    client.force_login(members[REDACTIE])
    before = snapshot()
    page = upload(client, RAALTE, REGIO).content.decode()
    assert "Het bestand is te groot: hoogstens 100" in page
    assert snapshot() == before

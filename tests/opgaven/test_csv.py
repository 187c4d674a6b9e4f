"""The CSV import and export: every row checked before anything is written, each problem named
by row and column in Dutch; the export writes the import's columns, history included."""

import io

import pytest
from django.core.management import CommandError, call_command

from kennisbank import demo
from kennisbank.interchange import ImportFailed
from kennisbank.models import Gemeente, Meting, Opgave
from kennisbank.opgaven.csvfile import COLUMNS, import_csv, write_csv

HEADER = ",".join(COLUMNS)
GOOD = "huisvesting-statushouders,gemeente,Raalte,2023,1,2023-07-01,52,38,brief,,openbaar"


@pytest.fixture
def gemeenten(db):
    for name in demo.GEMEENTEN:
        Gemeente.objects.get_or_create(name=name)


def errors_of(text):
    with pytest.raises(ImportFailed) as failure:
        import_csv(io.StringIO(text))
    return failure.value.errors


def test_errors_name_row_and_column_and_nothing_is_written(gemeenten):
    text = "\n".join(
        [
            HEADER,
            GOOD,
            "huisvesting-statushouders,gemeente,Atlantis,2023,1,2023-07-01,veel,,brief,,openbaar",
            "asielopvang,regio,Raalte,2023,,1-9-2023,1836,,,,geheim",
        ]
    )
    errors = errors_of(text)
    # Django's own Dutch messages for the form fields, ours for the rules between columns.
    assert [error.split(":")[:2] for error in errors] == [
        ["regel 3", " kolom gemeente"],
        ["regel 3", " kolom doel"],
        ["regel 4", " kolom gemeente"],
        ["regel 4", " kolom peildatum"],
        ["regel 4", " kolom bron"],
        ["regel 4", " kolom zichtbaarheid"],
    ]
    assert (
        "regel 3: kolom gemeente: Selecteer een geldige keuze. Deze keuze is niet beschikbaar"
        in errors
    )
    assert "regel 4: kolom gemeente: laat leeg bij schaal regio of provincie" in errors
    assert "regel 4: kolom bron: Dit is een verplicht veld" in errors
    assert not Opgave.objects.exists()
    assert not Meting.objects.exists()


def test_a_missing_or_unknown_column_is_named(gemeenten):
    header = HEADER.replace("doel", "doelen")
    assert errors_of(header + "\n" + GOOD) == [
        "regel 1: kolom doel ontbreekt",
        "regel 1: kolom doelen: onbekende kolom",
    ]


def test_a_row_with_too_few_cells_is_named(gemeenten):
    assert errors_of(HEADER + "\nasielopvang,regio") == [
        "regel 2: 2 kolommen, de kopregel heeft er 11"
    ]


def test_two_visibilities_for_one_opgave_are_refused(gemeenten):
    other = GOOD.replace("2023-07-01,52,38", "2023-09-01,52,49").replace("openbaar", "netwerk")
    assert errors_of(f"{HEADER}\n{GOOD}\n{other}") == [
        "regel 3: kolom zichtbaarheid: anders dan op regel 2 voor dezelfde opgave"
    ]


def test_each_row_is_a_new_measurement_and_the_export_gives_them_back(gemeenten):
    later = GOOD.replace("2023-07-01,52,38", "2023-09-01,52,49")
    assert str(import_csv(io.StringIO(f"{HEADER}\n{GOOD}\n"))) == (
        "1 meting geïmporteerd, 1 nieuwe opgave."
    )
    assert str(import_csv(io.StringIO(f"{HEADER}\n{later}\n"))) == (
        "1 meting geïmporteerd, 0 nieuwe opgaven."
    )
    opgave = Opgave.objects.get()
    assert [m.realised for m in opgave.metingen.all()] == [38, 49]
    assert opgave.current.realised == 49
    out = io.StringIO()
    write_csv(Meting.objects.all(), out)
    assert out.getvalue().splitlines() == [HEADER, GOOD, later]


def test_the_command_reports_every_error_and_imports_nothing(gemeenten, tmp_path):
    path = tmp_path / "opgaven.csv"
    path.write_text(f"{HEADER}\n{GOOD.replace(',52,', ',-1,')}\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 fout"):
        call_command("import_opgaven", str(path), stderr=err)
    assert "regel 2: kolom doel: Zorg ervoor dat deze waarde minstens 0 is" in err.getvalue()
    assert not Meting.objects.exists()
    path.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_opgaven", str(path), stdout=out)
    assert "1 meting geïmporteerd, 1 nieuwe opgave." in out.getvalue()
    exported = io.StringIO()
    call_command("export_opgaven", stdout=exported)
    assert exported.getvalue().splitlines() == [HEADER, GOOD]


def test_an_empty_visibility_leaves_the_opgave_as_it_is(gemeenten):
    netwerk = GOOD.replace("openbaar", "netwerk")
    import_csv(io.StringIO(f"{HEADER}\n{netwerk}\n"))
    later = GOOD.replace("2023-07-01,52,38", "2023-09-01,52,49").replace("openbaar", "")
    import_csv(io.StringIO(f"{HEADER}\n{later}\n"))
    assert Opgave.objects.get().visibility == "network"
    new = GOOD.replace("Raalte", "Ommen").replace("openbaar", "")
    import_csv(io.StringIO(f"{HEADER}\n{new}\n"))
    assert Opgave.objects.get(gemeente__name="Ommen").visibility == "public"

"""The adoption register and a Parel's review in the import and export format: a Parel's
`toegepast` list and `reviewed_on`, out and back in; older files without them still import."""

import io
import json

import pytest

from kennisbank.interchange import ImportFailed, export_stream, import_stream
from kennisbank.models import Adoption, Gemeente, KennisItem, Organisatie, Parel
from tests.factories import jsonl, run_import

TOEGEPAST = [
    {"gemeente": "Raalte", "organisatie": "Gemeente Raalte", "date": "2023-09-01",
     "note": "Met de bibliotheek."},
    {"organisatie": "Vluchtelingenwerk", "date": "2024-01-15"},
    {"gemeente": "Zwolle", "organisatie": "Gemeente Zwolle", "date": "2024-02-01"},
    {"gemeente": "Kampen", "organisatie": "Gemeente Kampen", "date": "2024-03-01"},
]  # fmt: skip

PAREL = {
    "type": "parel",
    "slug": "taalcafe",
    "title": "Taalcafé",
    "summary": "Oefenen met Nederlands.",
    "date": "2023-06-01",
    "reviewed_on": "2024-04-01",
    "toegepast": TOEGEPAST,
}


def export_text():
    stream = io.StringIO()
    export_stream(stream)
    return stream.getvalue()


def test_the_register_goes_out_and_back_in(home, client):
    run_import(PAREL)
    parel = Parel.objects.get()
    assert parel.adoptions.count() == 4
    assert parel.quality == Parel.Quality.BEWEZEN, "three gemeenten"
    assert parel.reviewed_on.isoformat() == "2024-04-01"
    first = export_text()
    exported = json.loads(first)
    assert exported["toegepast"] == TOEGEPAST
    assert exported["reviewed_on"] == "2024-04-01"
    KennisItem.objects.all().delete()
    assert not Adoption.objects.exists()
    import_stream(io.StringIO(first))
    assert export_text() == first
    # Imported in bulk, the Parel is found by where it is applied.
    found = client.get("/api/zoeken/", {"toegepast": "kampen"}).json()
    assert [result["title"] for result in found["results"]] == ["Taalcafé"]


def test_a_line_without_toegepast_keeps_the_register(home):
    run_import(PAREL)
    run_import({key: value for key, value in PAREL.items() if key != "toegepast"})
    assert Adoption.objects.count() == 4


def test_a_given_list_replaces_the_register_and_the_quality_follows(home):
    run_import(PAREL)
    run_import({**PAREL, "toegepast": TOEGEPAST[:2]})
    parel = Parel.objects.get()
    assert [a.applied_by.name for a in parel.adoptions.order_by("date")] == [
        "Raalte",
        "Vluchtelingenwerk",
    ]
    assert parel.quality == Parel.Quality.GETOETST


@pytest.mark.parametrize(
    ("toegepast", "error"),
    [
        ("Raalte", "moet een lijst van toepassingen zijn"),
        ([{"gemeente": "Raalte", "date": "2024-01-01"}], "toepassing 1: organisatie is verplicht"),
        ([{"organisatie": "COA"}], "toepassing 1: date is verplicht"),
        ([{"organisatie": "COA", "date": "gisteren"}], "moet een datum zijn in de vorm JJJJ-MM-DD"),
        ([{"organisatie": "COA", "date": "2024-01-01", "wie": "x"}], "onbekende sleutel 'wie'"),
        (
            [{"organisatie": "COA", "date": "2024-01-01"}] * 2,
            "toepassing 2: organisatie 'COA' staat er al",
        ),
        ([{"organisatie": "COA", "date": "2024-01-01", "note": "x" * 501}], "500 tekens"),
    ],
)
def test_an_invalid_register_is_a_dutch_error_and_imports_nothing(home, toegepast, error):
    with pytest.raises(ImportFailed) as failure:
        import_stream(io.StringIO(jsonl({**PAREL, "toegepast": toegepast})))
    assert len(failure.value.errors) == 1
    assert failure.value.errors[0].startswith("regel 1: veld toegepast: ")
    assert error in failure.value.errors[0]
    assert not Parel.objects.exists() and not Adoption.objects.exists()


def test_a_gemeente_name_like_a_known_one_is_refused(home):
    Gemeente.objects.create(name="Zwolle")
    line = {**PAREL, "toegepast": [{"gemeente": "Zwole", "organisatie": "X", "date": "2024-01-01"}]}
    with pytest.raises(ImportFailed) as failure:
        import_stream(io.StringIO(jsonl(line)))
    assert "'Zwole' lijkt op de bestaande gemeente 'Zwolle'" in failure.value.errors[0]
    assert not Organisatie.objects.filter(name="X").exists()

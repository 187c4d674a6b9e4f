"""Meetings in the import and export (type `vergadering`), with their agenda."""

import io

import pytest

from kennisbank.interchange import ImportFailed, export_stream
from kennisbank.models import Knoop, KnoopChange, Vergadering
from tests.factories import run_import

KNOOP = {"type": "knoop", "slug": "wachtlijst", "title": "Wachtlijst", "summary": "Lang.",
         "date": "2024-01-10"}  # fmt: skip
MEETING = {
    "type": "vergadering",
    "slug": "regietafel-januari",
    "title": "Regietafel januari",
    "summary": "De eerste van het jaar.",
    "meeting_body": "rrvij",
    "starts_at": "2024-01-18T10:00:00+01:00",
    "place": "Zwolle",
    "meeting_status": "gehouden",
    "agenda": [
        {"title": "Opening"},
        {"item": "knoop/wachtlijst", "proposal": "Voorleggen aan de PRT.",
         "outcome_kind": "geescaleerd", "escalation_level": "provincie",
         "outcome": "Voorgelegd."},
        {"title": "Besloten punt", "visibility": "netwerk"},
    ],
}  # fmt: skip


def test_an_import_creates_the_meeting_with_its_agenda_and_moves_the_knoop(home):
    run_import(KNOOP, MEETING)
    meeting = Vergadering.objects.get(slug="regietafel-januari")
    assert str(meeting.date) == "2024-01-18"
    assert [point.subject for point in meeting.agenda_items.all()] == [
        "Opening", "Wachtlijst", "Besloten punt"
    ]  # fmt: skip
    assert meeting.agenda_items.get(title="Besloten punt").visibility == "network"
    knoop = Knoop.objects.get(slug="wachtlijst")
    assert (knoop.status, knoop.level) == ("geescaleerd", "provincie")
    steps = KnoopChange.objects.filter(knoop=knoop).values_list("to_status", "vergadering")
    assert list(steps) == [
        ("gesignaleerd", None), ("geagendeerd", meeting.pk), ("geescaleerd", meeting.pk)
    ]  # fmt: skip


def test_the_export_gives_back_what_the_import_took(home):
    run_import(KNOOP, MEETING)
    out = io.StringIO()
    export_stream(out)
    line = next(line for line in out.getvalue().splitlines() if '"type": "vergadering"' in line)
    for text in ('"starts_at": "2024-01-18T09:00:00+00:00"', '"item": "knoop/wachtlijst"',
                 '"escalation_level": "provincie"', '"visibility": "network"'):  # fmt: skip
        assert text in line


@pytest.mark.parametrize(
    "agenda, message",
    [
        ([{"proposal": "Zonder onderwerp."}], "agendapunt 1: geef een item of een title"),
        ([{"item": "artikel/x"}], "agendapunt 1: item moet de vorm type/slug hebben"),
        ([{"title": "Punt", "outcome_kind": "geescaleerd"}], "agendapunt 1: een escalatie"),
        ([{"title": "Punt", "kleur": "rood"}], "agendapunt 1: onbekende sleutel 'kleur'"),
        ([{"item": "knoop/bestaat-niet"}], "knoop/bestaat-niet bestaat niet"),
        ("geen lijst", "moet een lijst van agendapunten zijn"),
    ],
)
def test_a_bad_agenda_is_refused_in_dutch_and_nothing_is_written(home, agenda, message):
    with pytest.raises(ImportFailed) as failure:
        run_import(KNOOP, {**MEETING, "agenda": agenda})
    assert any(message in error and "veld agenda" in error for error in failure.value.errors)
    assert not Vergadering.objects.exists() and not Knoop.objects.exists()


def test_a_bad_start_is_refused(home):
    with pytest.raises(ImportFailed) as failure:
        run_import({**MEETING, "agenda": [], "starts_at": "morgen"})
    assert any("veld starts_at" in error for error in failure.value.errors)

"""Meetings in the import and export (type `vergadering`), with their agenda."""

import io
import json

import pytest

from kennisbank.admin.meetings import draft_besluit
from kennisbank.interchange import ImportFailed, export_stream, import_stream
from kennisbank.models import Besluit, KennisItem, Knoop, KnoopChange, Vergadering
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


# ------------------------------------------- a Besluit taken on an agenda item, and the timeline

BESLUIT = {"type": "besluit", "slug": "wachtlijst-naar-prt", "title": "Wachtlijst naar de PRT",
           "summary": "De regietafel legt de wachtlijst voor.", "decision_body": "RRVIJ",
           "meeting_date": "2024-01-18", "agenda_item": {"vergadering": "regietafel-januari",
           "punt": 2}}  # fmt: skip


def export_lines():
    out = io.StringIO()
    export_stream(out)
    return out.getvalue()


def line_of(text, type_slug):
    return next(json.loads(line) for line in text.splitlines() if f'"type": "{type_slug}"' in line)


def test_a_besluit_names_the_agenda_item_it_was_taken_on(client, home):
    run_import(BESLUIT, KNOOP, MEETING)  # the meeting comes later in the file
    meeting = Vergadering.objects.get()
    besluit = Besluit.objects.get()
    point = meeting.agenda_items.get(item__slug="wachtlijst")
    assert besluit.agenda_item == point
    # Its published revision holds the link too: editing the Besluit keeps it.
    assert besluit.get_latest_revision_as_object().agenda_item_id == point.pk
    assert f'href="{besluit.url}"' in client.get(meeting.url).content.decode()
    assert f'href="{meeting.url}"' in client.get(besluit.url).content.decode()


def test_the_link_and_the_timelines_meetings_survive_export_and_import(home):
    run_import(KNOOP, MEETING, BESLUIT)
    first = export_lines()
    assert line_of(first, "besluit")["agenda_item"] == {"vergadering": "regietafel-januari",
                                                         "punt": 2}  # fmt: skip
    timeline = line_of(first, "knoop")["timeline"]
    assert [step.get("vergadering") for step in timeline] == [
        None, "regietafel-januari", "regietafel-januari"
    ]  # fmt: skip

    KennisItem.objects.all().delete()
    import_stream(io.StringIO(first))
    meeting = Vergadering.objects.get()
    assert Besluit.objects.get().agenda_item == meeting.agenda_items.get(item__slug="wachtlijst")
    steps = KnoopChange.objects.values_list("to_status", "vergadering")
    assert list(steps) == [
        ("gesignaleerd", None), ("geagendeerd", meeting.pk), ("geescaleerd", meeting.pk)
    ]  # fmt: skip
    assert export_lines() == first


def test_the_knoops_page_names_the_meeting_after_a_round_trip(client, home):
    run_import(KNOOP, MEETING)
    text = export_lines()
    KennisItem.objects.all().delete()
    import_stream(io.StringIO(text))
    page = client.get(Knoop.objects.get().url).content.decode()
    assert "geagendeerd voor" in page
    assert f'href="{Vergadering.objects.get().url}"' in page


def test_reimporting_the_meeting_keeps_the_besluit_on_its_agenda_item(home):
    run_import(KNOOP, MEETING, BESLUIT)
    point = Besluit.objects.get().agenda_item
    changed = [dict(p) for p in MEETING["agenda"]]
    changed[1]["proposal"] = "Voorleggen aan de PRT en de VNG."
    run_import({**MEETING, "agenda": changed})  # without the Besluit
    besluit = Besluit.objects.get()
    assert besluit.agenda_item_id == point.pk
    assert besluit.agenda_item.proposal == "Voorleggen aan de PRT en de VNG."
    assert [p.subject for p in Vergadering.objects.get().agenda_items.all()] == [
        "Opening", "Wachtlijst", "Besloten punt"
    ]  # fmt: skip

    # A Besluit line without agenda_item leaves the link as it is; a shorter agenda drops the
    # points past its end, and with them a link to one.
    run_import({key: value for key, value in BESLUIT.items() if key != "agenda_item"})
    assert Besluit.objects.get().agenda_item_id == point.pk
    run_import({**MEETING, "agenda": changed[:1]})
    assert Besluit.objects.get().agenda_item is None
    assert Vergadering.objects.get().agenda_items.count() == 1


def test_a_reordered_agenda_keeps_each_point_with_its_subject(home):
    run_import(KNOOP, MEETING, BESLUIT)
    before = {p.subject: p.pk for p in Vergadering.objects.get().agenda_items.all()}
    opening, knoop_point, closed = MEETING["agenda"]
    # The Knoop's point moves up; the opening, at a place of its own, is renamed.
    run_import({**MEETING, "agenda": [knoop_point, {"title": "Opening en mededelingen"}, closed]})
    after = [(p.subject, p.pk) for p in Vergadering.objects.get().agenda_items.all()]
    assert after == [
        ("Wachtlijst", before["Wachtlijst"]),
        ("Opening en mededelingen", before["Opening"]),
        ("Besloten punt", before["Besloten punt"]),
    ]
    assert Besluit.objects.get().agenda_item_id == before["Wachtlijst"]
    assert line_of(export_lines(), "besluit")["agenda_item"]["punt"] == 1


def test_reimporting_keeps_a_besluit_the_redactie_recorded_in_the_admin(home):
    run_import(KNOOP, MEETING)
    point = Vergadering.objects.get().agenda_items.get(item__slug="wachtlijst")
    besluit = draft_besluit(point, user=None)
    run_import(MEETING)
    assert Besluit.objects.get(pk=besluit.pk).agenda_item_id == point.pk


def test_a_link_to_a_meeting_in_the_database_is_checked_against_its_agenda(home):
    run_import(KNOOP, MEETING)
    run_import({**BESLUIT, "agenda_item": {"vergadering": "regietafel-januari", "punt": 3}})
    assert Besluit.objects.get().agenda_item.title == "Besloten punt"
    with pytest.raises(ImportFailed) as failure:
        run_import({**BESLUIT, "slug": "ander", "agenda_item": {"vergadering":
                    "regietafel-januari", "punt": 4}})  # fmt: skip
    assert failure.value.errors == [
        "regel 1: veld agenda_item: vergadering regietafel-januari heeft geen agendapunt 4;"
        " haar agenda heeft 3 punten"
    ]
    assert Besluit.objects.count() == 1


@pytest.mark.parametrize(
    "link, message",
    [
        ({"vergadering": "bestaat-niet", "punt": 1},
         "vergadering/bestaat-niet bestaat niet (niet in het bestand en niet in de database)"),
        ({"vergadering": "regietafel-januari", "punt": 4},
         "vergadering regietafel-januari heeft geen agendapunt 4; haar agenda heeft 3 punten"),
        ({"vergadering": "regietafel-januari", "punt": 0},
         "punt moet een geheel getal vanaf 1 zijn: het hoeveelste agendapunt"),
        ({"vergadering": "regietafel-januari", "punt": "2"},
         "punt moet een geheel getal vanaf 1 zijn: het hoeveelste agendapunt"),
        ({"punt": 2}, "vergadering is verplicht: de slug van de vergadering"),
        ({"vergadering": "knoop/wachtlijst", "punt": 2},
         "vergadering: 'knoop/wachtlijst' is geen vergadering"),
        ({"vergadering": "regietafel-januari", "punt": 2, "item": "x"},
         "onbekende sleutel 'item'; kies uit: vergadering, punt"),
        ("regietafel-januari#2",
         'moet een object zijn, zoals {"vergadering": "rrvij-2024-01-18", "punt": 2}'),
    ],
)  # fmt: skip
def test_a_bad_agenda_item_is_refused_in_dutch_and_nothing_is_written(home, link, message):
    with pytest.raises(ImportFailed) as failure:
        run_import(KNOOP, {**BESLUIT, "agenda_item": link}, MEETING)  # the meeting after it
    assert failure.value.errors == [f"regel 2: veld agenda_item: {message}"]
    assert not KennisItem.objects.exists()


def test_a_timeline_step_naming_an_unknown_meeting_is_refused(home):
    step = {"date": "2024-01-18T10:00:00+01:00", "status": "geagendeerd", "level": "regio"}
    with pytest.raises(ImportFailed) as failure:
        run_import(
            {**KNOOP, "timeline": [{**step, "vergadering": "bestaat-niet"}]},
            {**KNOOP, "slug": "b", "timeline": [{**step, "vergadering": "knoop/wachtlijst"}]},
        )
    assert failure.value.errors == [
        "regel 2: veld timeline: stap 1: vergadering: 'knoop/wachtlijst' is geen vergadering",
        "regel 1: veld timeline: vergadering/bestaat-niet bestaat niet (niet in het bestand en"
        " niet in de database)",
    ]
    assert not KennisItem.objects.exists()

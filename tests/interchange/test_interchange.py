"""Import and export of JSON Lines (kennisbank/interchange/ and its two commands)."""

import io
import json
import time

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from kennisbank.interchange import (
    ImportFailed,
    export_stream,
    import_records,
    import_stream,
    parse_lines,
)
from kennisbank.models import (
    Artikel,
    Begrip,
    Beleidskader,
    Besluit,
    Doelgroep,
    Gemeente,
    KennisItem,
    Knoop,
    Opgave,
    Organisatie,
    Parel,
    Thema,
    Visibility,
)
from tests.factories import jsonl, run_import

SAMPLE = [
    {
        "type": "knoop",
        "slug": "tekort-woningen-statushouders",
        "title": "Te weinig woningen voor statushouders",
        "summary": "IJsselland loopt achter met het huisvesten van statushouders.",
        "date": "2023-07-14",
        "status": "geëscaleerd",
        "level": "provincie",
        "owner": "RRVIJ",
        "review_date": "2023-09-01",
        "impact": "Statushouders blijven te lang in het azc.",
        "besluiten": ["rrvij-2023-07-14"],
        "solutions": ["flexwoningen-raalte"],
        "themes": ["Huisvesting statushouders"],
        "gemeenten": ["Raalte", "Zwolle"],
        "doelgroepen": ["statushouders"],
        "tags": ["woningmarkt"],
        "related": ["parel/flexwoningen-raalte"],
        "body": "De taakstelling voor 2023 is niet gehaald.\n\nCorporaties hebben te weinig"
        " vrije woningen.",
    },
    {
        "type": "parel",
        "slug": "flexwoningen-raalte",
        "title": "Flexwoningen in Raalte",
        "summary": "Raalte bouwde flexwoningen voor statushouders en woningzoekenden.",
        "date": "2023-05-01",
        "visibility": "network",
        "problem": "<p>Te weinig <strong>sociale huur</strong>.</p>",
        "result": "Dertig woningen binnen een jaar.",
        "conditions": "Grond van de gemeente.\n\nSubsidie van het Rijk.",
        "transferability": "Goed, mits er grond is.",
        "period": "2022-2023",
        "contact": "Team wonen, gemeente Raalte",
        "body": "<h2>Aanpak</h2><p>Samen met <a href='https://sallandwonen.nl'>Sallandwonen</a>"
        ".</p><ul><li>locatie</li><li>vergunning</li></ul><h3>Lessen</h3><p>Begin vroeg.</p>",
        "themes": ["Huisvesting statushouders"],
        "gemeenten": ["Raalte"],
        "organisaties": ["Sallandwonen"],
    },
    {
        "type": "besluit",
        "slug": "rrvij-2023-07-14",
        "title": "RRVIJ 14 juli 2023: stand van zaken",
        "summary": "De regietafel stelde vast dat IJsselland achterloopt met huisvesting.",
        "decision_body": "RRVIJ",
        "meeting_date": "2023-07-14",
        "decision_status": "vastgesteld",
        "decision_points": ["De knoop huisvesting te agenderen bij de PRT.", "Terug in september."],
        "follow_up": "Bespreken in de PRT.",
        "beleidskaders": ["huisvestingswet-2014"],
    },
    {
        "type": "beleidskader",
        "slug": "huisvestingswet-2014",
        "title": "Huisvestingswet 2014",
        "summary": "Regelt de taakstelling voor het huisvesten van statushouders.",
        "date": "2014-01-01",
        "abbreviation": "Hvw",
        "official_title": "Huisvestingswet 2014",
        "kind": "wet",
        "authority": "Rijk",
        "in_force_from": "2014-07-01",
        "source_url": "https://wetten.overheid.nl/BWBR0035303",
    },
    {
        "type": "artikel",
        "slug": "eerste-maanden-regietafel",
        "title": "De eerste maanden van de regietafel",
        "summary": "Wat de RRVIJ sinds juni 2023 deed.",
        "date": "2023-10-01",
        "author_organisation": "Veiligheidsregio IJsselland",
        "tags": ["RRVIJ", "terugblik"],
        "related": ["besluit/rrvij-2023-07-14", "knoop/tekort-woningen-statushouders"],
    },
    {
        "type": "begrip",
        "slug": "amv",
        "term": "Alleenstaande minderjarige vreemdeling",
        "abbreviation": "AMV",
        "definition": "Een minderjarige die zonder ouders in Nederland asiel aanvraagt.",
        "synonyms": ["alleenreizende minderjarige vluchteling", "amv'er"],
    },
]


def counts():
    return (KennisItem.objects.count(), Begrip.objects.count(), Thema.objects.count())


def errors_of(*lines):
    """The errors of importing these lines (dicts, or raw text), asserting nothing was written."""
    text = "".join(line if isinstance(line, str) else jsonl(line) for line in lines)
    before = counts()
    with pytest.raises(ImportFailed) as failure:
        import_stream(io.StringIO(text))
    assert counts() == before
    return failure.value.errors


def export_text():
    stream = io.StringIO()
    export_stream(stream)
    return stream.getvalue()


def test_import_creates_every_type(home):
    assert run_import(*SAMPLE) == {"created": 6, "updated": 0}

    knoop = Knoop.objects.get(slug="tekort-woningen-statushouders")
    assert knoop.live and knoop.get_parent().slug == "knopen"
    assert (knoop.status, knoop.level) == ("geescaleerd", "provincie")
    assert knoop.owner_organisation.name == "RRVIJ"
    assert knoop.review_date.isoformat() == "2023-09-01"
    assert knoop.impact == "<p>Statushouders blijven te lang in het azc.</p>"
    assert [p.slug for p in knoop.solutions.all()] == ["flexwoningen-raalte"]
    assert [b.slug for b in knoop.besluiten.all()] == ["rrvij-2023-07-14"]
    assert sorted(g.name for g in knoop.gemeenten.all()) == ["Raalte", "Zwolle"]
    assert [block.block_type for block in knoop.body] == ["paragraph", "paragraph"]

    parel = Parel.objects.get(slug="flexwoningen-raalte")
    assert parel.problem == "<p>Te weinig <b>sociale huur</b>.</p>"
    assert parel.conditions == "<p>Grond van de gemeente.</p><p>Subsidie van het Rijk.</p>"
    assert (parel.period, parel.contact) == ("2022-2023", "Team wonen, gemeente Raalte")

    besluit = Besluit.objects.get(slug="rrvij-2023-07-14")
    assert besluit.date == besluit.meeting_date  # date falls back to the meeting date
    assert besluit.decision_point_texts() == [
        "De knoop huisvesting te agenderen bij de PRT.",
        "Terug in september.",
    ]
    assert [k.slug for k in besluit.beleidskaders.all()] == ["huisvestingswet-2014"]
    assert besluit.knopen.get() == knoop

    kader = Beleidskader.objects.get(slug="huisvestingswet-2014")
    assert (kader.abbreviation, kader.kind, kader.in_force_from.year) == ("Hvw", "wet", 2014)

    begrip = Begrip.objects.get(slug="amv")
    assert begrip.term == "Alleenstaande minderjarige vreemdeling"
    assert begrip.synonym_list == ["alleenreizende minderjarige vluchteling", "amv'er"]


def test_import_works_on_an_empty_database(db):
    """No home page or sections yet: the import builds the site tree itself."""
    assert not Page.objects.filter(depth__gt=1, slug="parels").exists()
    run_import(*SAMPLE)
    assert Parel.objects.get().get_parent().slug == "parels"


def test_related_links_point_forward_and_show_both_ways(home):
    run_import(*SAMPLE)
    knoop = Knoop.objects.get(slug="tekort-woningen-statushouders")
    parel = Parel.objects.get(slug="flexwoningen-raalte")  # defined after the knoop
    artikel = KennisItem.objects.get(slug="eerste-maanden-regietafel").specific
    assert parel in knoop.related_items and knoop in parel.related_items
    assert knoop in artikel.related_items and artikel in knoop.related_items


def test_related_may_point_to_an_item_already_in_the_database(home):
    run_import(SAMPLE[1])
    run_import({**SAMPLE[4], "related": ["parel/flexwoningen-raalte"]})
    artikel = KennisItem.objects.get(slug="eerste-maanden-regietafel")
    assert [item.slug for item in artikel.related_items] == ["flexwoningen-raalte"]


def test_vocabularies_are_created_and_matched_without_regard_to_case(home):
    Thema.objects.create(name="Zorg")
    run_import({**SAMPLE[1], "themes": ["zorg", "Nieuw thema", "nieuw THEMA"]})
    parel = Parel.objects.get()
    assert sorted(t.name for t in parel.themes.all()) == ["Nieuw thema", "Zorg"]
    assert Thema.objects.count() == 2
    assert Organisatie.objects.get(name="Sallandwonen").slug == "sallandwonen"


def test_names_with_the_same_slug_get_distinct_slugs(home):
    line = {**SAMPLE[1], "gemeenten": ["Olst-Wijhe", "Olst Wijhe"]}
    import_stream(io.StringIO(jsonl(line)), new_terms=True)  # alike, but asked for
    assert sorted(g.slug for g in Parel.objects.get().gemeenten.all()) == [
        "olst-wijhe",
        "olst-wijhe-2",
    ]


def test_reimport_updates_as_a_new_published_revision(home):
    run_import(*SAMPLE)
    knoop = Knoop.objects.get(slug="tekort-woningen-statushouders")
    page_id, revisions = knoop.pk, knoop.revisions.count()
    changed = {
        **SAMPLE[0],
        "title": "Woningtekort statushouders",
        "status": "opgelost",
        "gemeenten": ["Deventer"],
        "tags": [],
        "related": [],
        "solutions": [],
    }
    assert run_import(changed) == {"created": 0, "updated": 1}

    knoop = Knoop.objects.get(slug="tekort-woningen-statushouders")
    assert knoop.pk == page_id and Knoop.objects.count() == 1
    assert knoop.revisions.count() == revisions + 1
    assert knoop.live_revision == knoop.latest_revision and not knoop.has_unpublished_changes
    assert (knoop.title, knoop.status) == ("Woningtekort statushouders", "opgelost")
    assert [g.name for g in knoop.gemeenten.all()] == ["Deventer"]
    assert not knoop.tags.exists() and not knoop.solutions.exists()
    assert not knoop.related_links.exists()
    assert knoop.owner_organisation.name == "RRVIJ"


def test_reimport_updates_a_begrip(home):
    run_import(SAMPLE[5])
    run_import({**SAMPLE[5], "definition": "Nieuwe uitleg.", "synonyms": []})
    begrip = Begrip.objects.get()
    assert (begrip.definition, begrip.synonyms) == ("Nieuwe uitleg.", "")


def test_begrip_takes_term_and_definition_from_title_and_summary(home):
    line = {"type": "begrip", "slug": "cno", "title": "Crisisnoodopvang", "summary": "Opvang."}
    run_import({**line, "date": "2023-07-14"})  # a begrip has no date; it is ignored
    begrip = Begrip.objects.get(slug="cno")
    assert (begrip.term, begrip.definition) == ("Crisisnoodopvang", "Opvang.")


def test_network_visibility_makes_the_page_private(home, client):
    run_import(*SAMPLE)
    parel = Parel.objects.get(slug="flexwoningen-raalte")
    assert parel.visibility == Visibility.NETWORK
    assert PageViewRestriction.objects.filter(
        page=parel, restriction_type=PageViewRestriction.LOGIN
    ).exists()
    response = client.get(parel.url)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")

    run_import({**SAMPLE[1], "visibility": "public"})
    assert not PageViewRestriction.objects.filter(page=parel).exists()
    assert Parel.objects.get(pk=parel.pk).visibility == Visibility.PUBLIC


def test_html_body_is_sanitized_into_blocks(home):
    body = (
        "<div><h2>Aanpak</h2><p onclick='x()'>Met <em>de</em> <a href='javascript:alert(1)'>"
        "corporatie</a>.</p><script>alert('xss')</script></div>Losse tekst<h4>Klein kopje</h4>"
        "<blockquote><p>Niet iedereen hoeft het wiel uit te vinden.</p><cite>RRVIJ</cite>"
        "</blockquote><ol><li>een</li><li><strong>twee</strong></li></ol><p>  </p>"
    )
    run_import({**SAMPLE[1], "body": body})
    blocks = [(block["type"], block["value"]) for block in Parel.objects.get().body.raw_data]
    assert blocks == [
        ("heading", "Aanpak"),
        ("paragraph", "<p>Met <i>de</i> corporatie.</p>"),
        ("paragraph", "<p>Losse tekst</p>"),
        ("heading", "Klein kopje"),
        ("quote", {"text": "Niet iedereen hoeft het wiel uit te vinden.", "source": "RRVIJ"}),
        ("paragraph", "<ol><li>een</li><li><b>twee</b></li></ol>"),
    ]


def test_plain_text_body_is_escaped_into_paragraphs(home):
    body = "Kosten < 5000 & binnen\neen jaar.\n\nWij deden:\n- overleg\n- een plan\n"
    run_import({**SAMPLE[1], "body": body})
    assert [block["value"] for block in Parel.objects.get().body.raw_data] == [
        "<p>Kosten &lt; 5000 &amp; binnen een jaar.</p>",
        "<p>Wij deden:</p>",
        "<ul><li>overleg</li><li>een plan</li></ul>",
    ]


def test_validation_errors_name_line_and_field_and_write_nothing(home):
    good = SAMPLE[1]
    errors = errors_of(
        good,
        "\n",  # blank lines are skipped but counted
        {**good, "slug": "b", "date": "14-07-2023", "themes": "Zorg", "thema": ["Zorg"]},
        "{niet: json}\n",
        {
            **SAMPLE[0],
            "slug": "c",
            "status": "kapot",
            "level": "wijk",
            "related": ["parel/bestaat-niet"],
        },
        {**good},
        {"type": "besluit", "slug": "met spaties", "title": "", "summary": "x"},
        {"type": "begrip", "slug": "x"},
        {"type": "poster", "slug": "x"},
        ["geen", "object"],
    )
    assert errors == [
        "regel 3: veld thema: onbekend veld voor parel; bedoel je 'themes'?",
        "regel 3: veld date: moet een datum zijn in de vorm JJJJ-MM-DD",
        'regel 3: veld themes: moet een lijst van teksten zijn, zoals ["a", "b"]',
        "regel 4: ongeldige JSON bij kolom 2: Expecting property name enclosed in double quotes",
        "regel 5: veld status: 'kapot' is geen geldige waarde; kies uit: gesignaleerd, geagendeerd,"
        " geescaleerd, opgelost, geparkeerd",
        "regel 5: veld level: 'wijk' is geen geldige waarde; kies uit: gemeente, regio, provincie,"
        " rijk",
        "regel 6: veld slug: parel/flexwoningen-raalte staat ook al op regel 1",
        "regel 7: veld slug: Voer een geldige ‘slug’ in, bestaande uit Unicode-letters, cijfers,"
        " liggende streepjes en verbindingsstreepjes.",
        "regel 7: veld title: verplicht",
        "regel 7: veld date: verplicht",
        "regel 7: veld decision_body: verplicht",
        "regel 7: veld meeting_date: verplicht",
        "regel 8: veld term: verplicht",
        "regel 8: veld definition: verplicht",
        "regel 9: veld type: onbekend type; kies uit: parel, knoop, beleidskader, besluit, artikel,"
        " vergadering, begrip",
        "regel 10: moet een JSON-object zijn, {...}",
    ]


def test_bytes_are_read_as_utf8(home):
    text = jsonl({**SAMPLE[5], "definition": "Ook voor Oekraïense ontheemden."})
    import_stream(io.BytesIO(("\ufeff" + text).encode("utf-8")))  # a byte order mark is fine
    assert Begrip.objects.get().definition == "Ook voor Oekraïense ontheemden."
    with pytest.raises(ImportFailed) as failure:
        import_stream(io.BytesIO(text.encode("utf-8") + text.encode("latin-1")))
    assert failure.value.errors == [
        "regel 2: geen geldige UTF-8-tekst; sla het bestand op als UTF-8"
    ]


def test_links_must_exist_in_the_file_or_database(home):
    errors = errors_of(
        {**SAMPLE[0], "besluiten": ["besluit/onbekend"], "solutions": ["knoop/x"], "related": []},
        {**SAMPLE[4], "related": ["artikel/eerste-maanden-regietafel", "begrip/amv"]},
    )
    assert errors == [
        "regel 1: veld solutions: 'knoop/x' is geen parel",
        "regel 2: veld related: 'begrip/amv' moet de vorm type/slug hebben, type een van: parel,"
        " knoop, beleidskader, besluit, artikel, vergadering",
    ]
    errors = errors_of({**SAMPLE[0], "besluiten": ["besluit/onbekend"], "related": []})
    assert errors == [
        "regel 1: veld besluiten: besluit/onbekend bestaat niet (niet in het bestand en niet in"
        " de database)",
        "regel 1: veld solutions: parel/flexwoningen-raalte bestaat niet (niet in het bestand en"
        " niet in de database)",
    ]


def test_a_failure_midway_writes_nothing(home):
    records, errors = parse_lines(io.StringIO(jsonl(*SAMPLE)))
    assert not errors
    before = counts() + (Organisatie.objects.count(), Tag.objects.count())

    def fail_after_two(label, done, total):
        if label == "items opgeslagen" and done == 2:
            raise RuntimeError("stroomstoring")

    with pytest.raises(RuntimeError):
        import_records(records, progress=fail_after_two)
    assert counts() + (Organisatie.objects.count(), Tag.objects.count()) == before


def test_export_import_export_is_identical(home):
    run_import(*SAMPLE)
    first = export_text()
    lines = [json.loads(line) for line in first.splitlines()]
    assert [(line["type"], line["slug"]) for line in lines] == sorted(
        (item["type"], item["slug"]) for item in SAMPLE
    )
    parel = next(line for line in lines if line["type"] == "parel")
    assert parel["body"] == (
        '<h2>Aanpak</h2><p>Samen met <a href="https://sallandwonen.nl">Sallandwonen</a>.</p>'
        "<ul><li>locatie</li><li>vergunning</li></ul><h2>Lessen</h2><p>Begin vroeg.</p>"
    )

    KennisItem.objects.all().delete()
    Begrip.objects.all().delete()
    assert run_import_text(first) == {"created": 6, "updated": 0}
    assert export_text() == first


def run_import_text(text):
    return import_stream(io.StringIO(text))


def test_import_command_reads_a_file_and_reports(home, tmp_path):
    path = tmp_path / "kennis.jsonl"
    path.write_text(jsonl(*SAMPLE), encoding="utf-8")
    out = io.StringIO()
    call_command("import_kennis", str(path), stdout=out)
    assert out.getvalue().strip().endswith("6 aangemaakt, 0 bijgewerkt")
    call_command("import_kennis", str(path), stdout=out)
    assert out.getvalue().strip().endswith("0 aangemaakt, 6 bijgewerkt")


def test_import_command_reads_stdin(home, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(jsonl(SAMPLE[5])))
    out = io.StringIO()
    call_command("import_kennis", "-", stdout=out)
    assert "1 aangemaakt" in out.getvalue() and Begrip.objects.filter(slug="amv").exists()


def test_import_command_fails_with_all_errors(home, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(jsonl({**SAMPLE[5], "definitie": "x"}, {})))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_kennis", "-", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "regel 1: veld definitie: onbekend veld voor begrip; bedoel je 'definition'?",
        "regel 2: veld type: verplicht",
    ]
    assert not Begrip.objects.exists()


def test_export_command_writes_stdout_or_a_file(home, tmp_path):
    run_import(*SAMPLE)
    out = io.StringIO()
    call_command("export_kennis", stdout=out)
    path = tmp_path / "export.jsonl"
    call_command("export_kennis", str(path), stdout=io.StringIO())
    assert out.getvalue() == path.read_text(encoding="utf-8") == export_text()
    assert len(out.getvalue().splitlines()) == 6


def test_unknown_key_unlike_any_field_is_ignored_with_a_notice(home):
    line = {
        "type": "parel",
        "slug": "extra-gegevens",
        "title": "Parel met extra gegevens",
        "summary": "Uit een ander systeem.",
        "date": "2023-05-01",
        "bronsysteem": "sharepoint",
    }
    out = io.StringIO()
    counts = import_stream(io.StringIO(jsonl(line)), stdout=out)
    assert counts == {"created": 1, "updated": 0}
    assert "regel 1: veld bronsysteem: onbekend veld, genegeerd" in out.getvalue()
    assert Parel.objects.get(slug="extra-gegevens").title == "Parel met extra gegevens"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2023-7-4", "2023-07-04"),
        ("2023-07-14T10:30:00", "2023-07-14"),
        (" 2023-07-14 ", "2023-07-14"),
    ],
)
def test_dates_are_read_leniently_but_never_guessed(home, given, stored):
    line = {"type": "parel", "slug": "datum", "title": "Datum", "summary": "x", "date": given}
    import_stream(io.StringIO(jsonl(line)))
    assert Parel.objects.get(slug="datum").date.isoformat() == stored


@pytest.mark.parametrize("given", ["14-07-2023", "2023-02-30", "juli 2023"])
def test_unreadable_dates_are_errors(home, given):
    line = {"type": "parel", "slug": "datum", "title": "Datum", "summary": "x", "date": given}
    with pytest.raises(ImportFailed) as failure:
        import_stream(io.StringIO(jsonl(line)))
    assert failure.value.errors[0].startswith("regel 1: veld date:")
    assert not Parel.objects.exists()


def test_visibility_accepts_dutch_words(home):
    line = {"type": "parel", "slug": "intern", "title": "Intern", "summary": "x",
            "date": "2023-01-01", "visibility": "besloten"}  # fmt: skip
    import_stream(io.StringIO(jsonl(line)))
    assert Parel.objects.get(slug="intern").visibility == "network"


def test_missing_summary_is_taken_from_the_opening_of_the_body(home):
    body = "<p>Eerste zin over opvang. " + "Nog meer tekst over woningen. " * 20 + "</p>"
    line = {"type": "artikel", "slug": "zonder-samenvatting", "title": "Zonder samenvatting",
            "date": "2023-01-01", "body": body}  # fmt: skip
    import_stream(io.StringIO(jsonl(line)))
    summary = Artikel.objects.get(slug="zonder-samenvatting").summary
    assert summary.startswith("Eerste zin over opvang. Nog meer tekst over woningen.")
    assert len(summary) <= 300 and summary.endswith(".") and "<p>" not in summary


# ---------------------------------------------------------------- what cleaning removes, limits


def test_what_cleaning_removes_is_reported_per_line_and_field(home):
    body = (
        "<p onclick='steel()'>Tekst<script>alert(1)</script> met "
        "<a href=' JavaScript:alert(1)'>link</a><img src='x.png'></p>"
    )
    out = io.StringIO()
    import_stream(
        io.StringIO(jsonl(SAMPLE[5], {**SAMPLE[1], "body": body, "problem": "<p>Netjes</p>"})),
        stdout=out,
    )
    assert out.getvalue().splitlines()[0] == (
        "regel 2: veld body: verwijderd: onclick-attribuut, <script>, javascript:-link, afbeelding"
    )
    assert "veld problem" not in out.getvalue()
    assert Parel.objects.get().body.raw_data[0]["value"] == "<p>Tekst met link</p>"


def test_a_text_longer_than_the_maximum_is_refused(home):
    errors = errors_of({**SAMPLE[1], "body": "<p>" + "woningen " * 600_000 + "</p>"})
    assert errors == [
        "regel 1: veld body: is te lang: 5.400.007 tekens, hoogstens 1.000.000",
    ]


def test_html_nested_too_deep_is_refused_at_once(home):
    """Cleaning takes time per level of nesting: 900,000 characters of nested lists are
    refused by a scan that stops at level 21, not cleaned (which took minutes)."""
    deep = "<ul><li>x" * 50_000 + "</li></ul>" * 50_000
    assert len(deep) > 900_000
    started = time.perf_counter()
    errors = errors_of({**SAMPLE[1], "body": deep}, {**SAMPLE[1], "slug": "b", "result": deep})
    assert time.perf_counter() - started < 10  # loosely: without the scan it took minutes
    assert errors == [
        "regel 1: veld body: de HTML is te diep genest: hoogstens 20 niveaus",
        "regel 2: veld result: de HTML is te diep genest: hoogstens 20 niveaus",
    ]


def test_html_twenty_levels_deep_and_unclosed_list_items_are_fine(home):
    nested = "<div>" * 19 + "<p>Diep</p>" + "</div>" * 19
    siblings = "<ul>" + "<li>punt" * 40 + "</ul>"
    run_import({**SAMPLE[1], "body": nested + siblings})
    blocks = Parel.objects.get().body.raw_data
    assert blocks[0]["value"] == "<p>Diep</p>" and blocks[1]["value"].count("<li>") == 40


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_an_empty_file_is_an_error(home, text):
    with pytest.raises(ImportFailed) as failure:
        import_stream(io.StringIO(text))
    assert failure.value.errors == ["geen items gevonden"]


def test_the_command_refuses_an_empty_file(home, tmp_path):
    path = tmp_path / "leeg.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(CommandError, match="geen items gevonden"):
        call_command("import_kennis", str(path), stdout=io.StringIO(), stderr=io.StringIO())


# ---------------------------------------------------------------- new vocabulary terms


def test_a_new_name_like_a_known_one_is_an_error(home):
    Thema.objects.create(name="Huisvesting statushouders")
    Gemeente.objects.create(name="Zwolle")
    Organisatie.objects.create(name="Vluchtelingenwerk")
    errors = errors_of(
        SAMPLE[5],
        SAMPLE[5] | {"slug": "cno", "term": "crisisnoodopvang"},
        {**SAMPLE[1], "themes": ["Huisvestnig statushouders"], "gemeenten": ["Zwole"]},
        {**SAMPLE[1], "slug": "b", "organisaties": ["vluchtelingen-werk"], "tags": ["zwole"]},
    )
    assert errors == [
        "regel 3: veld themes: 'Huisvestnig statushouders' lijkt op de bestaande thema"
        " 'Huisvesting statushouders'; bedoelt u 'Huisvesting statushouders'? Gebruik"
        " --nieuwe-termen om hem toch aan te maken",
        "regel 3: veld gemeenten: 'Zwole' lijkt op de bestaande gemeente 'Zwolle'; bedoelt u"
        " 'Zwolle'? Gebruik --nieuwe-termen om hem toch aan te maken",
        "regel 4: veld organisaties: 'vluchtelingen-werk' lijkt op de bestaande organisatie"
        " 'Vluchtelingenwerk'; bedoelt u 'Vluchtelingenwerk'? Gebruik --nieuwe-termen om hem"
        " toch aan te maken",
    ]  # tags are free: 'zwole' is a new tag
    assert not Gemeente.objects.filter(name="Zwole").exists()


def test_two_new_names_alike_in_one_file_are_an_error(home):
    errors = errors_of(
        {**SAMPLE[1], "gemeenten": ["Zwolle"]},
        {**SAMPLE[1], "slug": "b", "gemeenten": ["Raalte", "Zwole"], "organisaties": ["COA"]},
        {**SAMPLE[0], "owner": "CAO", "related": [], "solutions": ["b"], "besluiten": []},
    )
    assert errors == [
        "regel 2: veld gemeenten: 'Zwole' lijkt op de nieuwe gemeente 'Zwolle' van regel 1;"
        " bedoelt u 'Zwolle'? Gebruik --nieuwe-termen om hem toch aan te maken",
    ]  # names under five letters are alike only when equal but for case and accents


def test_alike_names_are_created_when_asked_and_every_new_term_is_listed(home, tmp_path):
    Gemeente.objects.create(name="Zwolle")
    path = tmp_path / "kennis.jsonl"
    path.write_text(jsonl({**SAMPLE[1], "gemeenten": ["Zwole", "zwolle"]}), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_kennis", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("import_kennis", str(path), "--nieuwe-termen", stdout=out)
    assert out.getvalue().splitlines()[-2:] == [
        "Nieuwe termen: thema 'Huisvesting statushouders', gemeente 'Zwole', organisatie"
        " 'Sallandwonen'",
        "1 aangemaakt, 0 bijgewerkt",
    ]
    assert sorted(g.name for g in Parel.objects.get().gemeenten.all()) == ["Zwole", "Zwolle"]


# ---------------------------------------------------------------- a complete backup

TIMELINE = [
    {"date": "2023-06-01T09:00:00+00:00", "status": "gesignaleerd", "level": "gemeente"},
    {"date": "2023-07-14T10:30:00+00:00", "status": "geagendeerd", "level": "regio",
     "note": "Op de agenda van de RRVIJ."},
    {"date": "2023-09-01T08:15:30.250000+00:00", "status": "geescaleerd", "level": "provincie",
     "note": "Naar de PRT."},
]  # fmt: skip


def wipe():
    """Everything the import writes, so that the next import meets an empty database."""
    KennisItem.objects.all().delete()
    Opgave.objects.all().delete()  # its figures name gemeenten
    for model in (Begrip, Thema, Gemeente, Doelgroep, Organisatie, Tag):
        model.objects.all().delete()


def test_the_timeline_and_organisation_go_out_and_back_in(home):
    knoop = {**SAMPLE[0], "status_note": "Naar de PRT.", "author_organisation": "RRVIJ",
             "timeline": TIMELINE}  # fmt: skip
    run_import(knoop, *SAMPLE[1:])
    changes = Knoop.objects.get().changes.all()
    assert [(c.from_status, c.to_status, c.from_level, c.to_level) for c in changes] == [
        ("", "gesignaleerd", "", "gemeente"),
        ("gesignaleerd", "geagendeerd", "gemeente", "regio"),
        ("geagendeerd", "geescaleerd", "regio", "provincie"),
    ]  # no fourth entry from publishing: the timeline ends where the knoop stands
    assert [c.changed_at.isoformat() for c in changes] == [step["date"] for step in TIMELINE]
    assert changes[1].note == "Op de agenda van de RRVIJ."

    first = export_text()
    exported = next(json.loads(line) for line in first.splitlines() if '"knoop"' in line[:20])
    assert (exported["type"], exported["timeline"]) == ("knoop", TIMELINE)
    assert exported["author_organisation"] == "RRVIJ"
    assert exported["status_note"] == "Naar de PRT."
    wipe()
    run_import_text(first)
    assert export_text() == first


def test_a_reimported_timeline_replaces_the_recorded_one(home):
    run_import({**SAMPLE[0], "related": [], "solutions": [], "besluiten": []})
    assert Knoop.objects.get().changes.count() == 1  # publishing recorded the first entry
    line = {**SAMPLE[0], "related": [], "solutions": [], "besluiten": []}
    run_import({**line, "timeline": TIMELINE[:2]})  # ends elsewhere than the knoop stands
    moves = [(c.to_status, c.to_level) for c in Knoop.objects.get().changes.all()]
    assert moves == [
        ("gesignaleerd", "gemeente"), ("geagendeerd", "regio"), ("geescaleerd", "provincie")
    ]  # fmt: skip


def test_an_invalid_timeline_is_an_error(home):
    line = {**SAMPLE[0], "related": [], "solutions": [], "besluiten": []}
    errors = errors_of(
        {**line, "timeline": [{"date": "gisteren", "status": "opgelost", "level": "regio"}]},
        {**line, "slug": "b", "timeline": [{"status": "opgelost", "level": "regio"}]},
        {**line, "slug": "c", "timeline": "opgelost"},
    )
    assert errors == [
        "regel 1: veld timeline: stap 1: 'gisteren' is geen datum en tijd zoals"
        " 2024-05-01T10:00:00+02:00",
        "regel 2: veld timeline: stap 1: date is verplicht",
        'regel 3: veld timeline: moet een lijst van stappen zijn, zoals [{"date":'
        ' "2024-05-01T10:00:00+00:00", "status": "gesignaleerd", "level": "regio", "note":'
        ' "..."}]',
    ]


def test_the_demo_content_survives_export_and_import(home):
    call_command("load_demo", stdout=io.StringIO())
    first = export_text()
    assert '"timeline": [' in first and '"author_organisation": ' in first
    wipe()
    run_import_text(first)
    assert export_text() == first


def test_a_timeline_date_without_zone_is_dutch_time(home):
    step = {"date": "2023-07-14T10:30:00", "status": "gesignaleerd", "level": "regio"}
    line = {**SAMPLE[0], "related": [], "solutions": [], "besluiten": [], "status": "gesignaleerd",
            "level": "regio", "timeline": [step]}  # fmt: skip
    run_import(line)
    assert Knoop.objects.get().changes.get().changed_at.isoformat() == "2023-07-14T08:30:00+00:00"


def test_archiving_takes_both_the_date_and_the_reason_or_neither(home):
    parel = {**SAMPLE[1], "gemeenten": ["Raalte"]}
    errors = errors_of(
        {**parel, "archived_on": "2024-06-01"},
        {**parel, "slug": "b", "archive_reason": "Vervangen door een nieuwere aanpak."},
        {**parel, "slug": "c", "archived_on": "2024-06-01", "archive_reason": "  "},
    )
    assert errors == [
        "regel 1: veld archive_reason: Vul bij archiveren zowel de datum als de reden in.",
        "regel 2: veld archived_on: Vul bij archiveren zowel de datum als de reden in.",
        "regel 3: veld archive_reason: Vul bij archiveren zowel de datum als de reden in.",
    ]
    run_import({**parel, "archived_on": "2024-06-01", "archive_reason": "Vervangen."})
    assert str(Parel.objects.get().archived_on) == "2024-06-01"

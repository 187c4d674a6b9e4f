"""Opgaven as CSV: one row per measurement, the same columns for import and export.

An import checks every row before it writes anything and writes in one transaction: all or
nothing. Each problem is one Dutch message naming the row (the header is row 1) and the
column, in the style of the JSON Lines import ("regel 3: kolom doel: ...")."""

import csv
from dataclasses import dataclass

from django import forms
from django.db import transaction

from kennisbank.interchange import ImportFailed
from kennisbank.models import Gemeente, Meting, Opgave, Visibility

COLUMNS = [
    "soort",
    "schaal",
    "gemeente",
    "jaar",
    "halfjaar",
    "peildatum",
    "doel",
    "gerealiseerd",
    "bron",
    "bron_url",
    "zichtbaarheid",
]
VISIBILITY = {"openbaar": Visibility.PUBLIC, "netwerk": Visibility.NETWORK}
VISIBILITY_WORD = {value: word for word, value in VISIBILITY.items()}


class RowForm(forms.Form):
    """One row; its fields are the columns, so Django's Dutch messages name what is wrong."""

    soort = forms.ChoiceField(choices=Opgave.Kind.choices)
    schaal = forms.ChoiceField(choices=Opgave.Scope.choices)
    gemeente = forms.ModelChoiceField(
        queryset=Gemeente.objects.all(), to_field_name="name", required=False
    )
    jaar = forms.IntegerField(min_value=2000, max_value=2100)
    halfjaar = forms.TypedChoiceField(
        choices=[("", "heel jaar"), ("1", "eerste"), ("2", "tweede")],
        coerce=int,
        empty_value=Opgave.Half.YEAR,
        required=False,
    )
    peildatum = forms.DateField(input_formats=["%Y-%m-%d"])
    doel = forms.IntegerField(min_value=0)
    gerealiseerd = forms.IntegerField(min_value=0, required=False)
    bron = forms.CharField(max_length=255)
    bron_url = forms.URLField(required=False, assume_scheme="https")
    zichtbaarheid = forms.ChoiceField(choices=[(w, w) for w in VISIBILITY], required=False)

    def clean(self):
        cleaned = super().clean()
        if "schaal" in cleaned and "gemeente" in cleaned:
            at_gemeente = cleaned["schaal"] == Opgave.Scope.GEMEENTE
            if at_gemeente and not cleaned["gemeente"]:
                self.add_error("gemeente", "vul een gemeente in bij schaal gemeente")
            elif not at_gemeente and cleaned["gemeente"]:
                self.add_error("gemeente", "laat leeg bij schaal regio of provincie")
        return cleaned

    def key(self):
        c = self.cleaned_data
        return (c["soort"], c["schaal"], c["gemeente"], c["jaar"], c["halfjaar"])


def outside(form, gemeenten):
    """Why this row lies outside `gemeenten` (the gemeenten a user imports for), or None."""
    c = form.cleaned_data
    names = ", ".join(g.name for g in gemeenten) or "geen gemeente"
    if c["schaal"] != Opgave.Scope.GEMEENTE:
        return f"kolom schaal: je mag alleen cijfers van je eigen gemeente importeren ({names})"
    if c["gemeente"] not in gemeenten:
        return f"kolom gemeente: je mag alleen cijfers van je eigen gemeente importeren ({names})"
    return None


def read_rows(stream, gemeenten=None):
    """The checked rows of a CSV text stream, or ImportFailed with every problem. With
    `gemeenten`, a row for any other gemeente, the region or the province is a problem too."""
    try:
        rows = list(csv.reader(stream))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ImportFailed([f"het bestand is geen leesbare CSV in UTF-8 ({exc})"]) from exc
    if not rows:
        raise ImportFailed(["regel 1: het bestand is leeg; de eerste regel noemt de kolommen"])
    header = [name.strip().lstrip("\ufeff") for name in rows[0]]
    errors = [f"regel 1: kolom {name} ontbreekt" for name in COLUMNS if name not in header]
    errors += [f"regel 1: kolom {name}: onbekende kolom" for name in header if name not in COLUMNS]
    if errors:
        raise ImportFailed(errors)
    forms_, visibility = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(
                f"regel {number}: {len(row)} kolommen, de kopregel heeft er {len(header)}"
            )
            continue
        form = RowForm(data={name: value.strip() for name, value in zip(header, row, strict=True)})
        if not form.is_valid():
            errors += [
                f"regel {number}: kolom {column}: {message.rstrip('.')}"
                for column in COLUMNS
                for message in form.errors.get(column, [])
            ]
            continue
        if gemeenten is not None and (problem := outside(form, gemeenten)):
            errors.append(f"regel {number}: {problem}")
            continue
        wanted = form.cleaned_data["zichtbaarheid"]
        first = visibility.setdefault(form.key(), (wanted, number)) if wanted else (wanted, 0)
        if first[0] != wanted:
            errors.append(
                f"regel {number}: kolom zichtbaarheid: anders dan op regel {first[1]} voor "
                "dezelfde opgave"
            )
        forms_.append(form)
    if errors:
        raise ImportFailed(errors)
    return forms_


@dataclass
class Imported:
    metingen: int = 0
    opgaven: int = 0

    def __str__(self):
        metingen = "1 meting" if self.metingen == 1 else f"{self.metingen} metingen"
        opgaven = "1 nieuwe opgave" if self.opgaven == 1 else f"{self.opgaven} nieuwe opgaven"
        return f"{metingen} geïmporteerd, {opgaven}."


@transaction.atomic
def import_csv(stream, gemeenten=None):
    """Adds each row as a new measurement (its opgave made when new); returns how many of
    each were added. Writes nothing when any row is wrong (read_rows)."""
    rows = read_rows(stream, list(gemeenten) if gemeenten is not None else None)
    imported = Imported()
    for form in rows:
        c = form.cleaned_data
        opgave, created = Opgave.objects.get_or_create(
            kind=c["soort"],
            scope=c["schaal"],
            gemeente=c["gemeente"],
            year=c["jaar"],
            half=c["halfjaar"],
        )
        if c["zichtbaarheid"] and opgave.visibility != VISIBILITY[c["zichtbaarheid"]]:
            opgave.visibility = VISIBILITY[c["zichtbaarheid"]]
            opgave.save(update_fields=["visibility"])
        Meting.objects.create(
            opgave=opgave,
            date=c["peildatum"],
            target=c["doel"],
            realised=c["gerealiseerd"],
            source=c["bron"],
            source_url=c["bron_url"],
        )
        imported.metingen += 1
        imported.opgaven += created
    return imported


def write_csv(metingen, stream):
    """Writes these measurements (all of them: the history too) in the import's columns."""
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for meting in metingen.select_related("opgave__gemeente").order_by(
        "opgave__kind", "opgave__year", "opgave__half", "opgave__scope", "opgave__gemeente__name",
        "date", "pk",
    ):  # fmt: skip
        opgave = meting.opgave
        writer.writerow(
            [
                opgave.kind,
                opgave.scope,
                opgave.gemeente.name if opgave.gemeente_id else "",
                opgave.year,
                opgave.half or "",
                meting.date.isoformat(),
                meting.target,
                "" if meting.realised is None else meting.realised,
                meting.source,
                meting.source_url,
                VISIBILITY_WORD[opgave.visibility],
            ]
        )

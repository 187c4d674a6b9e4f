import datetime

import pytest

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Gemeente, Meting, Opgave, Visibility
from tests.factories import create_member


def add_opgave(kind=Opgave.Kind.STATUSHOUDERS, gemeente=None, scope=None, visibility=None,
               year=2023, half=1, figures=((52, 38),)):  # fmt: skip
    """An opgave with a measurement per (target, realised), a month apart."""
    opgave = Opgave.objects.create(
        kind=kind,
        scope=scope or (Opgave.Scope.GEMEENTE if gemeente else Opgave.Scope.REGIO),
        gemeente=Gemeente.objects.get_or_create(name=gemeente)[0] if gemeente else None,
        year=year,
        half=half,
        visibility=visibility or Visibility.PUBLIC,
    )
    for month, (target, realised) in enumerate(figures, start=6):
        Meting.objects.create(
            opgave=opgave,
            date=datetime.date(year, month, 1),
            target=target,
            realised=realised,
            source="brief van de provincie, november 2023",
        )
    return opgave


@pytest.fixture
def members(db):
    return {
        REDACTIE: create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"),
        NETWERKPARTNER: create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk"),
        GEMEENTE: create_member("raalte", GEMEENTE, "Gemeente Raalte", gemeente="Raalte"),
    }

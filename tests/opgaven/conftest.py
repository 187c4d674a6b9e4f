import pytest

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from tests.factories import create_member


@pytest.fixture
def members(db):
    return {
        REDACTIE: create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"),
        NETWERKPARTNER: create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk"),
        GEMEENTE: create_member("raalte", GEMEENTE, "Gemeente Raalte", gemeente="Raalte"),
    }

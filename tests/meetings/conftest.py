import pytest

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import Knoop, Visibility
from tests.factories import create_item, create_member


@pytest.fixture
def members(home):
    return {
        REDACTIE: create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland"),
        NETWERKPARTNER: create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk"),
        GEMEENTE: create_member("gemeente", GEMEENTE, "Gemeente Raalte", gemeente="Raalte"),
    }


@pytest.fixture
def knoop(home):
    return create_item(Knoop, "Wachtlijst huisvesting statushouders")


@pytest.fixture
def network_knoop(home):
    return create_item(Knoop, "Besloten knoop zorgkosten", visibility=Visibility.NETWORK)

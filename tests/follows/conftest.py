import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import DigestSettings, Follow, Thema
from tests.factories import create_member


@pytest.fixture
def partner(home):
    return create_member("partner", NETWERKPARTNER, "Vluchtelingenwerk")


@pytest.fixture
def gemeente(home):
    return create_member("raalte", GEMEENTE, "Gemeente Raalte", gemeente="Raalte")


@pytest.fixture
def redacteur(home):
    return create_member("redacteur", REDACTIE, "Veiligheidsregio IJsselland")


def follows(user, *targets, frequency=DigestSettings.Frequency.WEEKLY, days_ago=8):
    """`user` follows each (kind, target); their last digest went out `days_ago` days ago."""
    DigestSettings.objects.update_or_create(
        user=user,
        defaults={
            "frequency": frequency,
            "sent_until": timezone.now() - datetime.timedelta(days=days_ago),
        },
    )
    for kind, target in targets:
        field = "search" if kind == Follow.Kind.SEARCH else kind
        Follow.objects.create(user=user, kind=kind, **{field: target})


def theme(name):
    return Thema.objects.get_or_create(name=name)[0]


def restrict_to_redactie(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=REDACTIE))

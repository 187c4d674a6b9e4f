import datetime

import pytest
from django.utils import timezone

from kennisbank.accounts.roles import GEMEENTE, NETWERKPARTNER, REDACTIE
from kennisbank.models import AgendaPunt, Knoop, Vergadering, Visibility
from tests.factories import create_item, create_member


def soon(days=7, hour=10):
    """A moment `days` from today at `hour` o'clock Dutch time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def create_meeting(title, points=(), user=None, publish=True, **fields):
    """A meeting with these agenda items (AgendaPunt fields), published by `user`."""
    fields.setdefault("starts_at", soon())
    fields.setdefault("meeting_body", Vergadering.Body.RRVIJ)
    meeting = create_item(Vergadering, title, publish=False, **fields)
    # In order, as the admin's InlinePanel and the import number them.
    meeting.agenda_items = [
        AgendaPunt(sort_order=order, **point) for order, point in enumerate(points)
    ]
    meeting.save()
    revision = meeting.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return Vergadering.objects.get(pk=meeting.pk)


def republish(meeting, user=None, **changes):
    meeting = Vergadering.objects.get(pk=meeting.pk)
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.save_revision(user=user).publish(user=user)
    return Vergadering.objects.get(pk=meeting.pk)


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

"""The mails of following, sent by the background worker."""

import datetime

from django.db import transaction
from django_tasks import task

from kennisbank.models import DigestSettings, Follow, Knoop, KnoopChange, visible_pages
from kennisbank.privacy import Viewer

from . import digest, mails


@task(backend="background")
def send_digest_task(user_id, until):
    """Send a user's digest of what was published up to `until` (ISO) since the last one, and
    remember up to when: a second task for the same period finds nothing left to send."""
    until = datetime.datetime.fromisoformat(until)
    with transaction.atomic():
        row = (
            DigestSettings.objects.select_for_update()
            .select_related("user")
            .filter(user_id=user_id)
            .first()
        )
        if row is None or row.frequency == DigestSettings.Frequency.NEVER:
            return
        if row.sent_until >= until or not row.user.is_active or not row.user.email:
            return
        found = digest.sections(row.user, row.sent_until, until)
        if found:  # nothing new: no mail
            mails.send_digest(row.user, found, row.get_frequency_display())
        row.sent_until = until
        row.save(update_fields=["sent_until"])


@task(backend="background")
def knoop_alert_task(change_ids):
    """Tell each follower who may see the Knoop that its status or level changed."""
    changes = KnoopChange.objects.filter(pk__in=change_ids).select_related("knoop")
    for change in changes:
        follows = Follow.objects.filter(knoop_id=change.knoop_id).select_related("user")
        for follow in follows:
            user = follow.user
            if not user.is_active or not user.email:
                continue
            knoop = Knoop.objects.filter(pk=change.knoop_id)
            if visible_pages(knoop, Viewer(user)).exists():
                mails.send_alert(follow, change)

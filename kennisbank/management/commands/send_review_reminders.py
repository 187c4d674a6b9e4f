"""Daily: one e-mail to the contributing organisation's mailbox for each of its items whose
"herzien vóór" date has passed. A reminder is recorded per item and date (ReviewReminder), so
a rerun, or tomorrow's run, sends nothing twice; a new date that passes gets a new one."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from kennisbank.models import KennisItem, ReviewReminder


def overdue_with_mailbox():
    items = KennisItem.objects.live().overdue().exclude(author_organisation__mailbox="")
    return items.filter(author_organisation__isnull=False).select_related("author_organisation")


def remind(item):
    """Record and send the reminder for this item's date, unless it was sent; True if sent."""
    mailbox = item.author_organisation.mailbox
    with transaction.atomic():  # a mail that fails to go leaves no record: tomorrow tries again
        _reminder, created = ReviewReminder.objects.get_or_create(
            item=item, review_before=item.review_before, defaults={"sent_to": mailbox}
        )
        if created:
            context = {
                "item": item,
                "organisation": item.author_organisation,
                "url": item.full_url,
                "edit_url": settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[item.pk]),
            }
            EmailMessage(
                subject=f"Herzien: “{item.title}” in de kennisbank",
                body=render_to_string("kennisbank/review_reminder_email.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[mailbox],
            ).send()
    return created


class Command(BaseCommand):
    help = "Mailt de indienende organisatie één keer als een item over zijn herzieningsdatum is."

    def handle(self, **options):
        sent = sum(remind(item) for item in overdue_with_mailbox().specific())
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")

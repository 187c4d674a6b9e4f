"""Daily, beside each new question: the text of questions older than 90 days is emptied, so
the log keeps it no longer even when no one asks anything."""

from django.core.management.base import BaseCommand

from kennisbank.models.questions import BODY_RETENTION_DAYS, clear_old_bodies


class Command(BaseCommand):
    help = f"Wist de tekst van vragen aan indieners die ouder zijn dan {BODY_RETENTION_DAYS} dagen."

    def handle(self, **options):
        self.stdout.write(f"{clear_old_bodies()} vraagtekst(en) gewist.")

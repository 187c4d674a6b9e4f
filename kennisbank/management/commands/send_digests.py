"""Queue the digests that are due: run once a day at a fixed hour (README)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from kennisbank.follows.digest import due_users
from kennisbank.follows.tasks import send_digest_task


class Command(BaseCommand):
    help = (
        "Zet de samenvattingen per e-mail die aan de beurt zijn (dagelijks of wekelijks) klaar "
        "voor de achtergrondverwerker. Draai dit eens per dag op een vast uur; opnieuw draaien "
        "verstuurt niets twee keer."
    )

    def handle(self, *args, **options):
        until = timezone.now().isoformat()
        users = list(due_users())
        for user_id in users:
            send_digest_task.enqueue(user_id, until)
        self.stdout.write(f"{len(users)} samenvattingen klaargezet.")

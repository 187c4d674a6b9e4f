"""For a user who lost both the phone and the recovery codes: removes their devices, so that the
next login asks them to set up an app again (the Redactie must; others may)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kennisbank.accounts.twofactor import remove_devices


class Command(BaseCommand):
    help = "Verwijdert de authenticator-app en herstelcodes van een gebruiker."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Geen gebruiker met de naam {username!r}.")
        if not remove_devices(user):
            self.stdout.write(f"{username} had geen tweestapsverificatie ingesteld.")
            return
        self.stdout.write(
            f"De app en herstelcodes van {username} zijn verwijderd. Bij de volgende keer "
            "inloggen stelt de gebruiker tweestapsverificatie opnieuw in."
        )

"""Fill an empty kennisbank with the demo content and, in development, demo accounts."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from kennisbank import demo
from kennisbank.follows.searches import saved_search
from kennisbank.interchange import ImportFailed, import_stream
from kennisbank.models import (
    DigestSettings,
    Follow,
    Gemeente,
    KennisItem,
    Knoop,
    Membership,
    Opgave,
    Organisatie,
)
from kennisbank.models.taxonomy import VOCABULARIES
from kennisbank.opgaven.csvfile import import_csv
from kennisbank.structure import ensure_site


class Command(BaseCommand):
    help = (
        "Laadt de demo-inhoud (kennisbank/demo/kennisbank.jsonl) via de gewone import, en de "
        "cijfers van opgaven (kennisbank/demo/opgaven.csv) via import_opgaven. "
        "Met DEBUG aan worden ook demo-accounts aangemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Importeer ook als er al items zijn; bestaande items worden op slug bijgewerkt.",
        )

    def handle(self, *args, force=False, **options):
        ensure_site()
        demo.ensure_vocabularies()
        # A second import would only add revisions; skip it unless asked for.
        if KennisItem.objects.exists() and not force:
            self.stdout.write(
                "De kennisbank bevat al items; de demo-import is overgeslagen (--force om toch "
                "te importeren)."
            )
        else:
            self.import_demo()
        if not Opgave.objects.exists():
            self.import_opgaven()

        if settings.DEBUG:
            self.create_accounts()
        else:
            self.stdout.write("DEBUG staat uit: er worden geen demo-accounts aangemaakt.")

        self.stdout.write(f"Site:  {settings.SITE_URL}/")
        self.stdout.write(f"Admin: {settings.SITE_URL}/admin/")

    def import_demo(self):
        self.stdout.write(f"Demo-inhoud importeren uit {demo.DATA_FILE.name}…")
        with demo.DATA_FILE.open(encoding="utf-8") as stream:
            try:
                import_stream(stream, stdout=self.stdout)  # it reports what it created
            except ImportFailed as failure:
                errors = "\n".join(failure.errors)
                raise CommandError(f"De demo-inhoud is ongeldig:\n{errors}") from failure

    def import_opgaven(self):
        with demo.OPGAVEN_FILE.open(encoding="utf-8", newline="") as stream:
            try:
                imported = import_csv(stream)
            except ImportFailed as failure:
                errors = "\n".join(failure.errors)
                raise CommandError(f"De demo-opgaven zijn ongeldig:\n{errors}") from failure
        self.stdout.write(f"{imported.metingen} metingen van opgaven uit {demo.OPGAVEN_FILE.name}.")

    def create_accounts(self):
        """Each account in its role's group (made by the migrations), with its organisation."""
        User = get_user_model()
        self.stdout.write("Demo-accounts (alleen voor ontwikkeling):")
        for account in demo.ACCOUNTS:
            user = User.objects.filter(username=account["username"]).first()
            if user is None:
                user = User.objects.create_user(
                    username=account["username"],
                    password=account["password"],
                    email=account["email"],
                    first_name=account["first_name"],
                    last_name=account["last_name"],
                )
                note = ""
            else:
                note = " (bestond al; wachtwoord niet gewijzigd)"
            user.groups.add(Group.objects.get(name=account["group"]))
            Membership.objects.get_or_create(
                user=user,
                defaults={
                    "organisation": Organisatie.objects.get(name=account["organisation"]),
                    "gemeente": Gemeente.objects.filter(name=account["gemeente"]).first(),
                },
            )
            self.stdout.write(
                f"  {user.username} / {account['password']}  ({account['role']}){note}"
            )
            self.create_follows(user)

    def create_follows(self, user):
        """What the account follows (Mijn kennisbank); kept as it is once it has any."""
        frequency, follows = demo.FOLLOWS.get(user.username, ("weekly", []))
        if user.follows.exists():
            return
        DigestSettings.objects.get_or_create(user=user, defaults={"frequency": frequency})
        terms = {model._meta.model_name: model for model in VOCABULARIES.values()}
        for kind, value in follows:
            if kind == Follow.Kind.SEARCH:
                target = {"search": saved_search(QueryDict(value))[0]}
            elif kind == Follow.Kind.KNOOP:
                target = {"knoop": Knoop.objects.filter(slug=value).first()}
            else:
                target = {kind: terms[kind].objects.filter(name=value).first()}
            if all(target.values()):
                Follow.objects.create(user=user, kind=kind, **target)

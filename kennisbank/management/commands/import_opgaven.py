from django.core.management.base import BaseCommand, CommandError

from kennisbank.interchange import ImportFailed
from kennisbank.opgaven.csvfile import import_csv


class Command(BaseCommand):
    help = (
        "Importeer cijfers van opgaven uit een CSV-bestand (zie README, Opgaven): elke regel "
        "is een nieuwe meting. Alles of niets: bij één fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="het CSV-bestand, in UTF-8")

    def handle(self, path, **options):
        try:
            with open(path, encoding="utf-8", newline="") as stream:
                imported = import_csv(stream)
        except OSError as exc:
            raise CommandError(f"Kan {path} niet lezen: {exc.strerror}") from exc
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"Niets geïmporteerd: {len(exc.errors)} fout(en).") from exc
        self.stdout.write(str(imported))

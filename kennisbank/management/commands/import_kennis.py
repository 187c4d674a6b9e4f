import sys

from django.core.management.base import BaseCommand, CommandError

from kennisbank.interchange import ImportFailed, import_stream


class Command(BaseCommand):
    help = (
        "Importeer kennisitems en begrippen uit een JSON Lines-bestand (docs/import-format.md). "
        "Alles of niets: bij één fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="het bestand, of - voor standaardinvoer")
        parser.add_argument(
            "--nieuwe-termen",
            action="store_true",
            dest="new_terms",
            help="Maak ook nieuwe termen aan die op een bestaande of andere nieuwe lijken.",
        )

    def handle(self, path, new_terms=False, **options):
        try:
            if path == "-":
                # Read bytes where possible, so the text is UTF-8 whatever the locale says.
                import_stream(
                    getattr(sys.stdin, "buffer", sys.stdin), stdout=self.stdout, new_terms=new_terms
                )
            else:
                with open(path, "rb") as stream:
                    import_stream(stream, stdout=self.stdout, new_terms=new_terms)
        except OSError as exc:
            raise CommandError(f"Kan {path} niet lezen: {exc.strerror}") from exc
        except ImportFailed as exc:
            if len(exc.errors) == 1:
                raise CommandError(f"Niets geïmporteerd: {exc.errors[0]}") from exc
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"Niets geïmporteerd: {len(exc.errors)} fout(en).") from exc

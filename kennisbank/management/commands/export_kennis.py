from django.core.management.base import BaseCommand

from kennisbank.interchange import export_stream


class Command(BaseCommand):
    help = (
        "Exporteer alle gepubliceerde kennisitems en alle begrippen als JSON Lines "
        "(docs/import-format.md), in het formaat dat import_kennis leest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="het bestand; zonder pad naar standaarduitvoer")

    def handle(self, path=None, **options):
        if not path:
            export_stream(self.stdout)
            return
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            count = export_stream(stream)
        self.stdout.write(f"{count} items geëxporteerd naar {path}")

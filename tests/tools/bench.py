import json
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kennisbank.models import KennisItem
from tests.tools import benchmark


@contextmanager
def postgres_database():
    """On PostgreSQL, create the database DATABASE_URL names when it is missing, and drop it
    again afterwards. A database that already existed is left standing."""
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        created = cursor.fetchone() is None
        if created:
            cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield
    finally:
        if created:
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{name}"')


class Command(BaseCommand):
    help = (
        "Benchmark on a fresh database (docs/performance.md): import a synthetic corpus, build "
        "the index, time the search and the pages against the bare backend query and Wagtail's "
        "plain search."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=10_000, help="items in the corpus")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--requests", type=int, default=200, help="timed calls per request")
        parser.add_argument(
            "--plain-requests", type=int, default=5, help="timed calls of Wagtail's plain search"
        )
        parser.add_argument(
            "--cap", type=float, default=10.0, help="seconds a reference call may take"
        )
        parser.add_argument("--out", help="write every figure to this JSON file")
        parser.add_argument(
            "--force", action="store_true", help="run even on a database that holds items"
        )
        parser.add_argument(
            "--corpus-only",
            action="store_true",
            help="only import the corpus, and keep the database (for the load test)",
        )

    def handle(self, **options):
        if options["corpus_only"]:
            self.check_empty(options)
            benchmark.load_corpus(options["size"], options["seed"], out=self.stdout.write)
        elif connection.vendor == "postgresql":
            with postgres_database():
                self.bench(options)
        else:
            self.bench(options)

    def check_empty(self, options):
        call_command("migrate", verbosity=0, interactive=False)
        if KennisItem.objects.exists() and not options["force"]:
            raise CommandError("This database already holds items; use a fresh one, or --force.")

    def bench(self, options):
        self.check_empty(options)
        figures = benchmark.run(
            options["size"],
            options["seed"],
            options["requests"],
            options["plain_requests"],
            options["cap"],
            out=self.stdout.write,
        )
        self.stdout.write(benchmark.table(figures))
        if options["out"]:
            path = Path(options["out"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(figures, indent=2) + "\n")
            self.stdout.write(f"Figures written to {path}")
